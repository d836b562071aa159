//! User management for managers: create technicians and managers, change
//! a role, deactivate and reactivate, reset passwords, and see and revoke
//! each user's remembered logins. The core refuses it to anyone else.

use crate::components::{select_value, Field};
use crate::forms::bind;
use crate::i18n::T;
use crate::ipc::call;
use crate::state::{session_of, use_app, Action, FormErrors, ToastKind};
use parc_api::auth::Role;
use parc_api::commands;
use parc_api::users::{
    NewUser, RememberedLoginRow, ResetPassword, SetUserActive, SetUserRole, UserRow,
};
use yew::prelude::*;

fn role_text(role: Role) -> T {
    match role {
        Role::Manager => T::RoleManager,
        Role::Technician => T::RoleTechnician,
    }
}

#[function_component(Users)]
pub fn users() -> Html {
    let app = use_app();
    let lang = app.lang;
    let users = use_state(|| None::<Vec<UserRow>>);
    let reload = use_state(|| 0u32);
    let form = use_state(|| NewUser {
        name: String::new(),
        email: String::new(),
        role: Role::Technician,
        password: String::new(),
    });
    let errors = use_state(FormErrors::default);
    let resetting = use_state(|| None::<(i64, String)>);
    // The users who sign in in two steps.
    let with_factor = use_state(Vec::<i64>::new);
    {
        let (users, with_factor, app) = (users.clone(), with_factor.clone(), app.clone());
        use_effect_with(*reload, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::ListUsers>(&()).await {
                    Ok(found) => users.set(Some(found)),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
                match call::<commands::ListUserSecondFactors>(&()).await {
                    Ok(found) => with_factor.set(found),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        });
    }
    let reset_factor = |user: &UserRow| {
        let (reload, app, id) = (reload.clone(), app.clone(), user.id);
        Callback::from(move |_| {
            let (reload, app) = (reload.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::ResetUserSecondFactor>(&id).await {
                    Ok(()) => app.dispatch(Action::Toast(
                        ToastKind::Success,
                        T::SecondFactorResetDone.text(app.lang).to_owned(),
                    )),
                    Err(error) => app.dispatch(Action::Toast(
                        ToastKind::Error,
                        crate::state::error_text(&error, app.lang),
                    )),
                }
                reload.set(*reload + 1);
            });
        })
    };
    let edit = |apply: fn(&mut NewUser, String)| bind(&form, apply);
    let on_role = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            next.role = Role::from_code(&select_value(&e)).unwrap_or(Role::Technician);
            form.set(next);
        })
    };
    let submit = {
        let (form, errors, reload, app) =
            (form.clone(), errors.clone(), reload.clone(), app.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (form, errors, reload, app) =
                (form.clone(), errors.clone(), reload.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::CreateUser>(&*form).await {
                    Ok(_) => {
                        form.set(NewUser {
                            name: String::new(),
                            email: String::new(),
                            role: Role::Technician,
                            password: String::new(),
                        });
                        errors.set(FormErrors::default());
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                        reload.set(*reload + 1);
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let set_active = |user: &UserRow| {
        let (reload, app) = (reload.clone(), app.clone());
        let input = SetUserActive {
            user_id: user.id,
            active: !user.active,
        };
        Callback::from(move |_| {
            let (reload, app, input) = (reload.clone(), app.clone(), input.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SetUserActive>(&input).await {
                    Ok(_) => reload.set(*reload + 1),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        })
    };
    let set_role = |user: &UserRow| {
        let (reload, app) = (reload.clone(), app.clone());
        let user_id = user.id;
        Callback::from(move |e: Event| {
            let (reload, app) = (reload.clone(), app.clone());
            let role = Role::from_code(&select_value(&e)).unwrap_or(Role::Technician);
            let input = SetUserRole { user_id, role };
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SetUserRole>(&input).await {
                    Ok(_) => app.dispatch(Action::Toast(
                        ToastKind::Success,
                        T::Saved.text(app.lang).to_owned(),
                    )),
                    Err(error) => app.dispatch(Action::Toast(
                        ToastKind::Error,
                        crate::state::error_text(&error, app.lang),
                    )),
                }
                // The list shows what was saved, refused or not.
                reload.set(*reload + 1);
            });
        })
    };
    let me = session_of(&app).map(|s| s.user_id);
    let showing_logins = use_state(|| None::<UserRow>);
    let show_logins = |user: &UserRow| {
        let showing_logins = showing_logins.clone();
        let user = user.clone();
        Callback::from(move |_| showing_logins.set(Some(user.clone())))
    };
    let start_reset = |user: &UserRow| {
        let resetting = resetting.clone();
        let id = user.id;
        Callback::from(move |_| resetting.set(Some((id, String::new()))))
    };
    let reset_form = resetting.as_ref().map(|(id, password)| {
        let id = *id;
        let oninput = {
            let resetting = resetting.clone();
            Callback::from(move |v: String| resetting.set(Some((id, v))))
        };
        let submit = {
            let (resetting, app) = (resetting.clone(), app.clone());
            let password = password.clone();
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let (resetting, app, password) = (resetting.clone(), app.clone(), password.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match call::<commands::ResetUserPassword>(&ResetPassword { user_id: id, new_password: password }).await {
                        Ok(()) => {
                            resetting.set(None);
                            app.dispatch(Action::Toast(ToastKind::Success, T::PasswordReset.text(app.lang).to_owned()));
                        }
                        Err(error) => app.dispatch(Action::Failed(error)),
                    }
                });
            })
        };
        html! {
            <form class="card form inline" id="reset-form" onsubmit={submit}>
                <Field label={T::NewPassword.text(lang)} name="new_password" kind="password" value={password.clone()} {oninput} autofocus=true />
                <div class="actions"><button type="submit">{ T::ResetPassword.text(lang) }</button></div>
            </form>
        }
    });
    html! {
        <section>
            <div class="page-head"><h1>{ T::UsersTitle.text(lang) }</h1></div>
            <form class="card form inline" id="user-form" onsubmit={submit}>
                <Field label={T::Name.text(lang)} name="name" value={form.name.clone()} error={errors.field("name")} oninput={edit(|f, v| f.name = v)} />
                <Field label={T::Email.text(lang)} name="email" kind="email" value={form.email.clone()} error={errors.field("email")} oninput={edit(|f, v| f.email = v)} />
                <Field label={T::Password.text(lang)} name="password" kind="password" value={form.password.clone()} error={errors.field("password")} oninput={edit(|f, v| f.password = v)} />
                <div class="field">
                    <label for="field-role">{ T::Role.text(lang) }</label>
                    <select id="field-role" onchange={on_role}>
                        <option value="technician" selected={form.role == Role::Technician}>{ T::RoleTechnician.text(lang) }</option>
                        <option value="manager" selected={form.role == Role::Manager}>{ T::RoleManager.text(lang) }</option>
                    </select>
                </div>
                <div class="actions"><button type="submit" id="user-save">{ T::NewUser.text(lang) }</button></div>
            </form>
            { reset_form.unwrap_or_default() }
            if let Some(list) = &*users {
                <table class="list" id="users-table">
                    <thead><tr><th>{ T::Name.text(lang) }</th><th>{ T::Email.text(lang) }</th><th>{ T::Role.text(lang) }</th><th>{ T::Status.text(lang) }</th><th></th></tr></thead>
                    <tbody>
                        { for list.iter().map(|u| html! {
                            <tr key={u.id} class={classes!((!u.active).then_some("archived"))}>
                                <td class="strong">
                                    { u.name.clone() }
                                    if with_factor.contains(&u.id) { <span class="badge two-step">{ T::SecondFactorBadge.text(lang) }</span> }
                                </td>
                                <td>{ u.email.clone() }</td>
                                <td>
                                    if me == Some(u.id) {
                                        { role_text(u.role).text(lang) }
                                    } else {
                                        <select class="role-choice" onchange={set_role(u)}>
                                            <option value="technician" selected={u.role == Role::Technician}>{ T::RoleTechnician.text(lang) }</option>
                                            <option value="manager" selected={u.role == Role::Manager}>{ T::RoleManager.text(lang) }</option>
                                        </select>
                                    }
                                </td>
                                <td>{ if u.active { T::Active.text(lang) } else { T::Inactive.text(lang) } }</td>
                                <td class="right">
                                    <button class="ghost small" onclick={start_reset(u)}>{ T::ResetPassword.text(lang) }</button>
                                    <button class="ghost small" onclick={set_active(u)}>{ if u.active { T::Deactivate.text(lang) } else { T::Activate.text(lang) } }</button>
                                    <button class="ghost small show-logins" onclick={show_logins(u)}>{ T::RememberedLogins.text(lang) }</button>
                                    if with_factor.contains(&u.id) && me != Some(u.id) {
                                        <button class="ghost small reset-second-factor" onclick={reset_factor(u)}>{ T::SecondFactorReset.text(lang) }</button>
                                    }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            if let Some(user) = &*showing_logins {
                <RememberedLogins key={user.id} user={user.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RememberedLoginsProps {
    user: UserRow,
}

/// One user's remembered logins (each computer where "remember me" was
/// ticked), each with its Revoke button.
#[function_component(RememberedLogins)]
fn remembered_logins(props: &RememberedLoginsProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let logins = use_state(|| None::<Vec<RememberedLoginRow>>);
    let reload = use_state(|| 0u32);
    {
        let (logins, app, user_id) = (logins.clone(), app.clone(), props.user.id);
        use_effect_with(*reload, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::ListRememberedLogins>(&user_id).await {
                    Ok(found) => logins.set(Some(found)),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        });
    }
    let revoke = |id: i64| {
        let (reload, app) = (reload.clone(), app.clone());
        Callback::from(move |_| {
            let (reload, app) = (reload.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::RevokeRememberedLogin>(&id).await {
                    Ok(()) => app.dispatch(Action::Toast(
                        ToastKind::Success,
                        T::Revoked.text(app.lang).to_owned(),
                    )),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
                reload.set(*reload + 1);
            });
        })
    };
    let when = |at: chrono::DateTime<chrono::Utc>| {
        crate::pages::desk::datetime_text(at, &app.time_zone, lang)
    };
    html! {
        <div class="card" id="remembered-logins">
            <h2>{ format!("{} {}", T::RememberedLoginsOf.text(lang), props.user.name) }</h2>
            <p class="muted">{ T::RememberedLoginsHint.text(lang) }</p>
            { match &*logins {
                None => html! {},
                Some(list) if list.is_empty() => html! { <p class="empty">{ T::NoRememberedLogins.text(lang) }</p> },
                Some(list) => html! {
                    <table class="list" id="remembered-logins-table">
                        <thead><tr><th>{ T::CreatedOn.text(lang) }</th><th>{ T::LastUsed.text(lang) }</th><th>{ T::ExpiresOn.text(lang) }</th><th></th></tr></thead>
                        <tbody>
                            { for list.iter().map(|r| html! {
                                <tr key={r.id}>
                                    <td>{ when(r.created_at) }</td>
                                    <td>{ r.last_used_at.map(when).unwrap_or_else(|| T::Never.text(lang).to_owned()) }</td>
                                    <td>{ when(r.expires_at) }</td>
                                    <td class="right"><button class="ghost small revoke" onclick={revoke(r.id)}>{ T::Revoke.text(lang) }</button></td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                },
            } }
        </div>
    }
}

//! User management for managers: create technicians and managers, deactivate
//! and reactivate, reset passwords. The core refuses it to anyone else.

use crate::components::{select_value, Field};
use crate::forms::bind;
use crate::i18n::T;
use crate::ipc::{invoke, invoke_with, NoArgs};
use crate::state::{use_app, Action, FormErrors, ToastKind};
use parc_api::auth::Role;
use parc_api::commands;
use parc_api::users::{NewUser, ResetPassword, SetUserActive, UserRow};
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
    {
        let (users, app) = (users.clone(), app.clone());
        use_effect_with(*reload, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match invoke::<_, Vec<UserRow>>(commands::LIST_USERS, &NoArgs {}).await {
                    Ok(found) => users.set(Some(found)),
                    Err(error) => app.dispatch(Action::Toast(ToastKind::Error, error.message)),
                }
            });
        });
    }
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
                match invoke_with::<_, UserRow>(commands::CREATE_USER, "input", &*form).await {
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
                match invoke_with::<_, UserRow>(commands::SET_USER_ACTIVE, "input", &input).await {
                    Ok(_) => reload.set(*reload + 1),
                    Err(error) => app.dispatch(Action::Toast(ToastKind::Error, error.message)),
                }
            });
        })
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
                    match invoke_with::<_, ()>(commands::RESET_USER_PASSWORD, "input", &ResetPassword { user_id: id, new_password: password }).await {
                        Ok(()) => {
                            resetting.set(None);
                            app.dispatch(Action::Toast(ToastKind::Success, T::PasswordReset.text(app.lang).to_owned()));
                        }
                        Err(error) => app.dispatch(Action::Toast(ToastKind::Error, error.message)),
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
                                <td class="strong">{ u.name.clone() }</td>
                                <td>{ u.email.clone() }</td>
                                <td>{ role_text(u.role).text(lang) }</td>
                                <td>{ if u.active { T::Active.text(lang) } else { T::Inactive.text(lang) } }</td>
                                <td class="right">
                                    <button class="ghost small" onclick={start_reset(u)}>{ T::ResetPassword.text(lang) }</button>
                                    <button class="ghost small" onclick={set_active(u)}>{ if u.active { T::Deactivate.text(lang) } else { T::Activate.text(lang) } }</button>
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}

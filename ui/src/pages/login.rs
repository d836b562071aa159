//! The login screen, with "remember me on this computer" (OS keyring).

use crate::components::Field;
use crate::forms::{bind, bind_check};
use crate::i18n::T;
use crate::ipc::invoke_with;
use crate::state::{use_app, Action, FormErrors};
use parc_api::auth::{LoginRequest, LoginResponse};
use parc_api::commands;
use yew::prelude::*;

#[function_component(Login)]
pub fn login() -> Html {
    let app = use_app();
    let lang = app.lang;
    let busy = use_state(|| false);
    let errors = use_state(FormErrors::default);
    let form = use_state(|| LoginRequest {
        email: String::new(),
        password: String::new(),
        remember: false,
    });
    let edit = |apply: fn(&mut LoginRequest, String)| bind(&form, apply);
    let toggle_remember = bind_check(&form, |f: &mut LoginRequest, v| f.remember = v);
    let submit = {
        let (form, errors, busy, app) = (form.clone(), errors.clone(), busy.clone(), app.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (form, errors, busy, app) =
                (form.clone(), errors.clone(), busy.clone(), app.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result =
                    invoke_with::<_, LoginResponse>(commands::LOGIN, "request", &*form).await;
                busy.set(false);
                match result {
                    Ok(response) => app.dispatch(Action::LoggedIn(response)),
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    html! {
        <div class="center-screen">
            <form class="card login" id="login" onsubmit={submit}>
                <h1>{ app.company_name.clone().unwrap_or_else(|| T::AppName.text(lang).to_owned()) }</h1>
                <h2>{ T::LoginTitle.text(lang) }</h2>
                if let Some(notice) = app.login_notice { <p class="notice">{ notice.text(lang) }</p> }
                <Field label={T::Email.text(lang)} name="email" kind="email" value={form.email.clone()} error={errors.field("email")} oninput={edit(|f, v| f.email = v)} autofocus=true />
                <Field label={T::Password.text(lang)} name="password" kind="password" value={form.password.clone()} error={errors.field("password")} oninput={edit(|f, v| f.password = v)} />
                <label class="check">
                    <input type="checkbox" id="login-remember" checked={form.remember} onchange={toggle_remember} />
                    { T::RememberMe.text(lang) }
                </label>
                if let Some(problem) = &app.keyring_problem { <small class="hint warning">{ format!("{} {problem}", T::KeyringMissing.text(lang)) }</small> }
                if let Some(general) = errors.general.as_ref().filter(|_| errors.fields.is_empty()) { <p class="form-error">{ general.clone() }</p> }
                <div class="actions">
                    <button type="submit" id="login-submit" disabled={*busy}>{ T::LoginButton.text(lang) }</button>
                </div>
            </form>
        </div>
    }
}

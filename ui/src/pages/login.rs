//! The login screen, with "remember me on this computer" (OS keyring), and
//! its second step when the account signs in with a code from an
//! authenticator app (or one of its recovery codes).

use crate::components::Field;
use crate::forms::{bind, bind_check};
use crate::i18n::T;
use crate::ipc::call;
use crate::state::{use_app, Action, FormErrors};
use parc_api::auth::LoginRequest;
use parc_api::commands;
use parc_api::second_factor::{LoginAnswer, SecondFactorCode};
use yew::prelude::*;

#[function_component(Login)]
pub fn login() -> Html {
    let app = use_app();
    let lang = app.lang;
    let busy = use_state(|| false);
    let errors = use_state(FormErrors::default);
    // The password was right and the account asks a code next.
    let asking_code = use_state(|| false);
    let form = use_state(|| LoginRequest {
        email: String::new(),
        password: String::new(),
        remember: false,
    });
    let edit = |apply: fn(&mut LoginRequest, String)| bind(&form, apply);
    let toggle_remember = bind_check(&form, |f: &mut LoginRequest, v| f.remember = v);
    let submit = {
        let (form, errors, busy, app, asking_code) = (
            form.clone(),
            errors.clone(),
            busy.clone(),
            app.clone(),
            asking_code.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (form, errors, busy, app, asking_code) = (
                form.clone(),
                errors.clone(),
                busy.clone(),
                app.clone(),
                asking_code.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = call::<commands::Login>(&*form).await;
                busy.set(false);
                match result {
                    Ok(LoginAnswer::LoggedIn(response)) => app.dispatch(Action::LoggedIn(response)),
                    Ok(LoginAnswer::SecondFactor) => {
                        errors.set(FormErrors::default());
                        asking_code.set(true);
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let title = html! {
        <>
            <h1>{ app.company_name.clone().unwrap_or_else(|| T::AppName.text(lang).to_owned()) }</h1>
            <h2>{ T::LoginTitle.text(lang) }</h2>
        </>
    };
    if *asking_code {
        let back = {
            let (asking_code, form) = (asking_code.clone(), form.clone());
            Callback::from(move |_| {
                asking_code.set(false);
                let mut cleared = (*form).clone();
                cleared.password.clear();
                form.set(cleared);
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = call::<commands::CancelLogin>(&()).await;
                });
            })
        };
        return html! {
            <div class="center-screen">
                <div class="card login">
                    { title }
                    <SecondStep {back} />
                </div>
            </div>
        };
    }
    html! {
        <div class="center-screen">
            <form class="card login" id="login" onsubmit={submit}>
                { title }
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

#[derive(Properties, PartialEq)]
struct SecondStepProps {
    /// Back to the password (the sign-in held is given up).
    back: Callback<MouseEvent>,
}

/// The code from the authenticator app, or a recovery code.
#[function_component(SecondStep)]
fn second_step(props: &SecondStepProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let code = use_state(String::new);
    let busy = use_state(|| false);
    let errors = use_state(FormErrors::default);
    let oninput = {
        let code = code.clone();
        Callback::from(move |e: InputEvent| code.set(crate::components::input_value(&e)))
    };
    let submit = {
        let (code, busy, errors, app) = (code.clone(), busy.clone(), errors.clone(), app.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (code, busy, errors, app) =
                (code.clone(), busy.clone(), errors.clone(), app.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let request = SecondFactorCode {
                    code: code.trim().to_owned(),
                };
                let result = call::<commands::CompleteLogin>(&request).await;
                busy.set(false);
                match result {
                    Ok(response) => app.dispatch(Action::LoggedIn(response)),
                    Err(error) => {
                        code.set(String::new());
                        errors.set(FormErrors::from_error(&error, app.lang));
                    }
                }
            });
        })
    };
    let problem = errors
        .field("code")
        .or_else(|| errors.general.clone().map(AttrValue::from));
    html! {
        <form id="login-second-step" onsubmit={submit}>
            <p>{ T::SecondFactorAsk.text(lang) }</p>
            <label class="field">
                <span>{ T::SecondFactorCode.text(lang) }</span>
                <input id="login-code" name="code" autocomplete="one-time-code" inputmode="numeric" value={(*code).clone()} {oninput} autofocus=true />
                if let Some(problem) = problem { <small class="form-error" id="login-code-error">{ problem }</small> }
            </label>
            <small class="hint">{ T::SecondFactorRecoveryHint.text(lang) }</small>
            <div class="actions">
                <button type="button" class="ghost" id="login-back" onclick={props.back.clone()}>{ T::Back.text(lang) }</button>
                <button type="submit" id="login-code-submit" disabled={*busy}>{ T::LoginButton.text(lang) }</button>
            </div>
        </form>
    }
}

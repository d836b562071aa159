//! The settings page's SMTP server and test e-mail. The password goes to the
//! OS keyring and never comes back: the page only says whether one is kept.
//! The card's state (the settings saved, the form as typed, the refusals,
//! the test e-mail's address and failure) changes through named actions,
//! tested without a window.

use crate::command::{use_changed, Topic};
use crate::components::{checkbox_value, input_value, select_value, Field};
use crate::i18n::T;
use crate::ipc::call;
use crate::state::{use_app, Action, FormErrors, ToastKind};
use parc_api::commands;
use parc_api::mail::{MailSettings, MailSettingsInput, SendTestMail, SmtpSecurity};
use std::rc::Rc;
use yew::prelude::*;

/// The form of saved settings: the password is never shown back.
fn input_of(settings: &MailSettings) -> MailSettingsInput {
    MailSettingsInput {
        host: settings.host.clone(),
        port: settings.port.to_string(),
        security: settings.security,
        user: settings.user.clone(),
        from_address: settings.from_address.clone(),
        from_name: settings.from_name.clone(),
        password: String::new(),
        clear_password: false,
    }
}

fn security_text(security: SmtpSecurity) -> T {
    match security {
        SmtpSecurity::None => T::SecurityNone,
        SmtpSecurity::StartTls => T::SecurityStartTls,
        SmtpSecurity::Tls => T::SecurityTls,
    }
}

/// Not `Debug`: the form may hold a typed password.
#[derive(Clone, Default, PartialEq)]
pub struct ServerState {
    /// The settings as saved; none until loaded.
    pub stored: Option<MailSettings>,
    /// The form as typed.
    pub form: Option<MailSettingsInput>,
    pub errors: FormErrors,
    pub test_to: String,
    pub test_error: Option<String>,
}

/// A change of one of the form's text fields.
pub type Edit = fn(&mut MailSettingsInput, String);

pub enum ServerAction {
    /// Loaded or just saved: the form starts again from what is saved.
    Saved(MailSettings),
    Edit(Edit, String),
    Security(SmtpSecurity),
    ForgetPassword(bool),
    Refused(FormErrors),
    TestTo(String),
    TestSent,
    TestFailed(String),
}

impl Reducible for ServerState {
    type Action = ServerAction;

    fn reduce(self: Rc<Self>, action: ServerAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ServerAction::Saved(settings) => {
                next.form = Some(input_of(&settings));
                next.stored = Some(settings);
                next.errors = FormErrors::default();
            }
            ServerAction::Edit(apply, value) => {
                if let Some(form) = &mut next.form {
                    apply(form, value);
                }
            }
            ServerAction::Security(security) => {
                if let Some(form) = &mut next.form {
                    form.security = security;
                }
            }
            ServerAction::ForgetPassword(forget) => {
                if let Some(form) = &mut next.form {
                    form.clear_password = forget;
                }
            }
            ServerAction::Refused(errors) => next.errors = errors,
            ServerAction::TestTo(to) => next.test_to = to,
            ServerAction::TestSent => next.test_error = None,
            ServerAction::TestFailed(why) => next.test_error = Some(why),
        }
        Rc::new(next)
    }
}

/// Saves the form; the password, if typed, goes to the keyring.
fn save(state: UseReducerHandle<ServerState>, app: crate::state::AppContext) {
    let Some(input) = state.form.clone() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        match call::<commands::SaveMailSettings>(&input).await {
            Ok(saved) => {
                state.dispatch(ServerAction::Saved(saved));
                app.dispatch(Action::Toast(
                    ToastKind::Success,
                    T::Saved.text(app.lang).to_owned(),
                ));
            }
            Err(error) => state.dispatch(ServerAction::Refused(FormErrors::from_error(
                &error, app.lang,
            ))),
        }
    });
}

/// Sends the test e-mail now; it is in the log either way.
fn send_test(
    state: UseReducerHandle<ServerState>,
    app: crate::state::AppContext,
    changed: Callback<&'static [Topic]>,
) {
    let input = SendTestMail {
        to: state.test_to.clone(),
    };
    wasm_bindgen_futures::spawn_local(async move {
        match call::<commands::SendTestMail>(&input).await {
            Ok(()) => {
                state.dispatch(ServerAction::TestSent);
                app.dispatch(Action::Toast(
                    ToastKind::Success,
                    format!("{} {}", T::TestMailSent.text(app.lang), input.to),
                ));
            }
            Err(error) => state.dispatch(ServerAction::TestFailed(crate::state::error_text(
                &error, app.lang,
            ))),
        }
        changed.emit(&[Topic::Outbox]);
    });
}

#[function_component(MailServerCard)]
pub fn mail_server_card() -> Html {
    let app = use_app();
    let lang = app.lang;
    let state = use_reducer(ServerState::default);
    let changed = use_changed();
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::GetMailSettings>(&()).await {
                    state.dispatch(ServerAction::Saved(found));
                }
            });
        });
    }
    let (Some(current), Some(settings)) = (state.form.clone(), state.stored.clone()) else {
        return html! {};
    };
    let edit = |apply: Edit| {
        let state = state.clone();
        Callback::from(move |value: String| state.dispatch(ServerAction::Edit(apply, value)))
    };
    let on_security = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let security = SmtpSecurity::from_code(&select_value(&e)).unwrap_or_default();
            state.dispatch(ServerAction::Security(security))
        })
    };
    let on_forget = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            state.dispatch(ServerAction::ForgetPassword(checkbox_value(&e)))
        })
    };
    let onsubmit = {
        let (state, app) = (state.clone(), app.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save(state.clone(), app.clone());
        })
    };
    let on_test_to = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.dispatch(ServerAction::TestTo(input_value(&e))))
    };
    let on_send_test = {
        let (state, app) = (state.clone(), app.clone());
        Callback::from(move |_| send_test(state.clone(), app.clone(), changed.clone()))
    };
    let errors = &state.errors;
    let password_hint = if settings.password_stored {
        T::PasswordStored.text(lang)
    } else {
        T::PasswordNotStored.text(lang)
    };
    html! {
        <form class="card form" id="mail-form" {onsubmit}>
            <h3>{ T::MailServerTitle.text(lang) }</h3>
            <p class="muted">{ T::MailServerExplained.text(lang) }</p>
            <div class="row">
                <Field label={T::SmtpHost.text(lang)} name="host" value={current.host.clone()} error={errors.field("host")} oninput={edit(|m, v| m.host = v)} />
                <Field label={T::SmtpPort.text(lang)} name="port" value={current.port.clone()} error={errors.field("port")} oninput={edit(|m, v| m.port = v)} />
                <div class="field">
                    <label for="field-security">{ T::SmtpSecurity.text(lang) }</label>
                    <select id="field-security" onchange={on_security}>
                        { for SmtpSecurity::ALL.iter().map(|s| html! {
                            <option value={s.code()} selected={current.security == *s}>{ security_text(*s).text(lang) }</option>
                        }) }
                    </select>
                    if let Some(error) = errors.field("security") { <small class="error" data-error-for="security">{ error }</small> }
                </div>
            </div>
            <div class="row">
                <Field label={T::SmtpUser.text(lang)} name="user" value={current.user.clone()} error={errors.field("user")} oninput={edit(|m, v| m.user = v)} />
                <Field label={T::Password.text(lang)} name="password" kind="password" value={current.password.clone()} hint={password_hint} error={errors.field("password")} oninput={edit(|m, v| m.password = v)} />
            </div>
            if settings.password_stored {
                <label class="check"><input id="field-clear_password" type="checkbox" checked={current.clear_password} onchange={on_forget} />{ T::ForgetPassword.text(lang) }</label>
            }
            if let Some(problem) = &settings.keyring_problem { <p class="form-error" id="keyring-problem">{ format!("{} {problem}", T::KeyringMissing.text(lang)) }</p> }
            <div class="row">
                <Field label={T::FromAddress.text(lang)} name="from_address" value={current.from_address.clone()} error={errors.field("from_address")} oninput={edit(|m, v| m.from_address = v)} />
                <Field label={T::FromName.text(lang)} name="from_name" value={current.from_name.clone()} error={errors.field("from_name")} oninput={edit(|m, v| m.from_name = v)} />
            </div>
            if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
            <div class="actions"><button type="submit" id="mail-save">{ T::Save.text(lang) }</button></div>
            <h4>{ T::TestMail.text(lang) }</h4>
            <div class="row inline">
                <input id="test-mail-to" type="email" placeholder="name@example.com" value={state.test_to.clone()} oninput={on_test_to} />
                <button type="button" class="ghost" id="send-test-mail" onclick={on_send_test}>{ T::SendTestMail.text(lang) }</button>
            </div>
            if let Some(problem) = state.test_error.clone() { <p class="form-error" id="test-mail-error">{ problem }</p> }
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(host: &str, password_stored: bool) -> MailSettings {
        MailSettings {
            host: host.into(),
            port: 587,
            security: SmtpSecurity::StartTls,
            from_address: "support@parc-demo.fr".into(),
            password_stored,
            ..Default::default()
        }
    }

    fn after(actions: Vec<ServerAction>) -> ServerState {
        let mut state = Rc::new(ServerState::default());
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    #[test]
    fn a_saved_password_is_never_put_back_in_the_form() {
        let state = after(vec![
            ServerAction::Saved(saved("smtp.example.com", false)),
            ServerAction::Edit(|m, v| m.password = v, "relay-secret".into()),
            ServerAction::ForgetPassword(true),
            ServerAction::Saved(saved("smtp.example.com", true)),
        ]);
        let form = state.form.unwrap();
        assert_eq!((form.password.as_str(), form.clear_password), ("", false));
        assert!(state.stored.unwrap().password_stored);
    }

    #[test]
    fn a_refusal_keeps_what_was_typed_until_the_save_goes_through() {
        let mut errors = FormErrors::default();
        errors
            .fields
            .insert("port".into(), "Format invalide.".into());
        let refused = after(vec![
            ServerAction::Saved(saved("", false)),
            ServerAction::Edit(|m, v| m.port = v, "smtp".into()),
            ServerAction::Security(SmtpSecurity::None),
            ServerAction::Refused(errors),
        ]);
        let form = refused.form.clone().unwrap();
        assert_eq!(
            (form.port.as_str(), form.security),
            ("smtp", SmtpSecurity::None)
        );
        assert!(refused.errors.field("port").is_some());
        let state = Rc::new(refused).reduce(ServerAction::Saved(saved("127.0.0.1", false)));
        assert_eq!(state.errors, FormErrors::default());
        assert_eq!(state.form.as_ref().unwrap().host, "127.0.0.1");
    }

    #[test]
    fn a_test_failure_stays_shown_until_a_test_goes_through() {
        let failed = after(vec![
            ServerAction::TestTo("claire.martin@parc-demo.fr".into()),
            ServerAction::TestFailed("127.0.0.1:2525 refused the connection".into()),
        ]);
        assert_eq!(failed.test_to, "claire.martin@parc-demo.fr");
        assert!(failed.test_error.is_some());
        let sent = Rc::new(failed).reduce(ServerAction::TestSent);
        assert_eq!(sent.test_error, None);
    }
}

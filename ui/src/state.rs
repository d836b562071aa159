//! The application state as a reducer: which phase the app is in (loading,
//! first-run wizard, login, working), the language, the current screen and
//! the toasts. Screens dispatch actions; the reducer is tested without a DOM.

use crate::i18n::{validation_text, T};
use crate::route::Route;
use parc_api::auth::{Language, LoginResponse, SessionInfo, StartupState};
use parc_api::{ErrorKind, IpcError};
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Loading,
    Failed(String),
    Setup,
    Login,
    Ready(SessionInfo),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Warning,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub id: u32,
    pub kind: ToastKind,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub phase: Phase,
    pub lang: Language,
    pub company_name: Option<String>,
    /// Why "remember me" cannot work here, shown on the login screen.
    pub keyring_problem: Option<String>,
    /// Shown once on the login screen after the wizard.
    pub login_notice: Option<T>,
    pub route: Route,
    pub toasts: Vec<Toast>,
    next_toast: u32,
    /// The user's running timer, shown in the top bar (kept in the
    /// database: it survives a restart and is read back at start).
    pub timer: Option<parc_api::tickets::TimeEntryRow>,
}

impl AppState {
    pub fn new(route: Route) -> Self {
        AppState {
            phase: Phase::Loading,
            lang: Language::default(),
            company_name: None,
            keyring_problem: None,
            login_notice: None,
            route,
            toasts: Vec::new(),
            next_toast: 1,
            timer: None,
        }
    }
}

pub enum Action {
    Started(StartupState),
    StartFailed(String),
    SetupDone,
    LoggedIn(LoginResponse),
    LoggedOut,
    SetLang(Language),
    Navigated(Route),
    Toast(ToastKind, String),
    DismissToast(u32),
    /// The running timer as the backend now has it (None: stopped).
    Timer(Option<parc_api::tickets::TimeEntryRow>),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Started(startup) => {
                crate::pages::desk::set_company_zone(&startup.time_zone);
                next.lang = startup.language;
                next.company_name = startup.company_name;
                next.keyring_problem = startup.keyring_problem;
                next.phase = match (startup.needs_setup, startup.session) {
                    (true, _) => Phase::Setup,
                    (false, Some(session)) => Phase::Ready(session),
                    (false, None) => Phase::Login,
                };
            }
            Action::StartFailed(message) => next.phase = Phase::Failed(message),
            Action::SetupDone => {
                next.phase = Phase::Login;
                next.login_notice = Some(T::SetupDone);
            }
            Action::LoggedIn(response) => {
                next.phase = Phase::Ready(response.session);
                next.login_notice = None;
                if let Some(problem) = response.remember_problem {
                    next.keyring_problem = Some(problem.clone());
                    let text = format!("{} {problem}", T::KeyringMissing.text(next.lang));
                    push_toast(&mut next, ToastKind::Warning, text);
                }
            }
            Action::LoggedOut => {
                next.phase = Phase::Login;
                next.route = Route::default();
                next.timer = None;
            }
            Action::SetLang(lang) => next.lang = lang,
            Action::Navigated(route) => next.route = route,
            Action::Toast(kind, text) => push_toast(&mut next, kind, text),
            Action::DismissToast(id) => next.toasts.retain(|t| t.id != id),
            Action::Timer(timer) => next.timer = timer,
        }
        Rc::new(next)
    }
}

fn push_toast(state: &mut AppState, kind: ToastKind, text: String) {
    state.toasts.push(Toast {
        id: state.next_toast,
        kind,
        text,
    });
    state.next_toast += 1;
    // Keep the corner calm: at most three toasts at once.
    while state.toasts.len() > 3 {
        state.toasts.remove(0);
    }
}

pub type AppContext = UseReducerHandle<AppState>;

#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("the App component provides the context")
}

/// Today in the user's time zone (the browser's clock).
pub fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

#[hook]
pub fn use_lang() -> Language {
    use_context::<AppContext>()
        .map(|app| app.lang)
        .unwrap_or_default()
}

/// Changes the screen: the hash is the source of truth, the reducer follows.
pub fn navigate(route: &Route) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(&route.to_hash());
    }
}

/// The session's user, if logged in.
pub fn session_of(state: &AppState) -> Option<&SessionInfo> {
    match &state.phase {
        Phase::Ready(session) => Some(session),
        _ => None,
    }
}

/// A refusal as a sentence in the user's language where the UI knows it,
/// else the core's own message.
pub fn error_text(error: &IpcError, lang: Language) -> String {
    match (error.kind, error.code) {
        (ErrorKind::Forbidden, _) => format!("{} ({})", T::ErrForbidden.text(lang), error.message),
        (ErrorKind::Conflict, Some(code)) => validation_text(Some(code), lang).to_owned(),
        _ => error.message.clone(),
    }
}

/// Field messages from a validation error, and a general message otherwise.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormErrors {
    pub fields: HashMap<String, String>,
    pub general: Option<String>,
}

impl FormErrors {
    pub fn from_error(error: &IpcError, lang: Language) -> Self {
        match (&error.kind, &error.field) {
            (ErrorKind::Validation, Some(field)) => {
                let mut fields = HashMap::new();
                let text = validation_text(error.code, lang);
                let detailed = matches!(
                    error.code,
                    Some(
                        parc_api::ValidationCode::DuplicateOf
                            | parc_api::ValidationCode::OutOfStock
                            | parc_api::ValidationCode::NumberGoesBack
                    )
                );
                let text = if detailed {
                    // The core's message names the record or the figure at fault.
                    format!("{text}: {}", error.message)
                } else {
                    text.to_owned()
                };
                fields.insert(field.clone(), text);
                FormErrors {
                    fields,
                    general: Some(T::ErrFixFields.text(lang).to_owned()),
                }
            }
            _ => FormErrors {
                fields: HashMap::new(),
                general: Some(error_text(error, lang)),
            },
        }
    }

    pub fn field(&self, name: &str) -> Option<AttrValue> {
        self.fields.get(name).map(|m| AttrValue::from(m.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parc_api::auth::Role;
    use parc_api::ValidationCode;

    fn session() -> SessionInfo {
        SessionInfo {
            user_id: 1,
            name: "Mia".into(),
            email: "mia@x.fr".into(),
            role: Role::Manager,
            permissions: Default::default(),
        }
    }

    fn startup(needs_setup: bool, session: Option<SessionInfo>) -> StartupState {
        StartupState {
            needs_setup,
            language: Language::Fr,
            company_name: None,
            session,
            keyring_problem: None,
            time_zone: "Europe/Paris".into(),
        }
    }

    fn reduce(state: AppState, action: Action) -> AppState {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn start_goes_to_wizard_login_or_work() {
        let s = reduce(
            AppState::new(Route::default()),
            Action::Started(startup(true, None)),
        );
        assert_eq!(s.phase, Phase::Setup);
        assert_eq!(s.lang, Language::Fr);
        let s = reduce(
            AppState::new(Route::default()),
            Action::Started(startup(false, None)),
        );
        assert_eq!(s.phase, Phase::Login);
        let s = reduce(
            AppState::new(Route::default()),
            Action::Started(startup(false, Some(session()))),
        );
        assert_eq!(s.phase, Phase::Ready(session()));
    }

    #[test]
    fn wizard_then_login_then_logout() {
        let s = reduce(
            AppState::new(Route::default()),
            Action::Started(startup(true, None)),
        );
        let s = reduce(s, Action::SetupDone);
        assert_eq!(s.phase, Phase::Login);
        assert_eq!(s.login_notice, Some(T::SetupDone));
        let s = reduce(
            s,
            Action::LoggedIn(LoginResponse {
                session: session(),
                remember_problem: Some("no keyring".into()),
            }),
        );
        assert!(matches!(s.phase, Phase::Ready(_)));
        assert_eq!(s.toasts.len(), 1);
        assert_eq!(s.toasts[0].kind, ToastKind::Warning);
        let s = reduce(s, Action::LoggedOut);
        assert_eq!(s.phase, Phase::Login);
    }

    #[test]
    fn toasts_are_capped_and_dismissed() {
        let mut s = AppState::new(Route::default());
        for i in 0..5 {
            s = reduce(s, Action::Toast(ToastKind::Success, format!("t{i}")));
        }
        assert_eq!(s.toasts.len(), 3);
        assert_eq!(s.toasts[0].text, "t2");
        let id = s.toasts[0].id;
        let s = reduce(s, Action::DismissToast(id));
        assert_eq!(s.toasts.len(), 2);
    }

    #[test]
    fn validation_errors_land_on_their_field() {
        let error = IpcError {
            kind: ErrorKind::Validation,
            message: "is required".into(),
            field: Some("name".into()),
            code: Some(ValidationCode::Required),
        };
        let errors = FormErrors::from_error(&error, Language::En);
        assert_eq!(
            errors.fields.get("name").map(String::as_str),
            Some("Required.")
        );
        let errors = FormErrors::from_error(&error, Language::Fr);
        assert_eq!(
            errors.fields.get("name").map(String::as_str),
            Some("Obligatoire.")
        );
    }

    #[test]
    fn a_refused_delete_says_to_archive_in_the_users_language() {
        let error = IpcError {
            kind: ErrorKind::Conflict,
            message: "this client is used by other records: archive it instead".into(),
            field: None,
            code: Some(ValidationCode::Referenced),
        };
        assert_eq!(
            error_text(&error, Language::Fr),
            "D'autres enregistrements l'utilisent : archivez-le ou retirez-le plutôt."
        );
        let plain = IpcError::internal("disk full");
        assert_eq!(error_text(&plain, Language::Fr), "disk full");
    }
}

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
    /// The company's time zone (IANA name), in which times are shown.
    pub time_zone: String,
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
            time_zone: String::new(),
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
    /// The session as the backend now has it (a second factor just
    /// confirmed: no longer sent to enrolment).
    SessionChanged(SessionInfo),
    LoggedOut,
    SetLang(Language),
    Navigated(Route),
    Toast(ToastKind, String),
    /// A command refused or failed: shown as an error toast, worded in
    /// the user's language (`error_text`).
    Failed(IpcError),
    DismissToast(u32),
    /// The company's time zone, just saved in Settings.
    TimeZoneChanged(String),
    /// The running timer as the backend now has it (None: stopped).
    Timer(Option<parc_api::tickets::TimeEntryRow>),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Started(startup) => {
                next.time_zone = startup.time_zone;
                // A restored session speaks its user's language.
                next.lang = startup
                    .session
                    .as_ref()
                    .map_or(startup.language, |s| s.language);
                next.company_name = startup.company_name;
                next.keyring_problem = startup.keyring_problem;
                next.phase = match (startup.needs_setup, startup.session) {
                    (true, _) => Phase::Setup,
                    (false, Some(session)) => {
                        // A remembered login opened on no screen in particular.
                        if next.route == Route::default() {
                            next.route = Route::home_of(session.role);
                        }
                        Phase::Ready(session)
                    }
                    (false, None) => Phase::Login,
                };
            }
            Action::StartFailed(message) => next.phase = Phase::Failed(message),
            Action::SetupDone => {
                next.phase = Phase::Login;
                next.login_notice = Some(T::SetupDone);
            }
            Action::LoggedIn(response) => {
                next.lang = response.session.language;
                next.route = Route::home_of(response.session.role);
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
            Action::SessionChanged(session) => {
                if matches!(next.phase, Phase::Ready(_)) {
                    next.phase = Phase::Ready(session);
                }
            }
            Action::SetLang(lang) => {
                next.lang = lang;
                if let Phase::Ready(session) = &mut next.phase {
                    session.language = lang;
                }
            }
            Action::Navigated(route) => next.route = route,
            Action::TimeZoneChanged(zone) => next.time_zone = zone,
            Action::Toast(kind, text) => push_toast(&mut next, kind, text),
            Action::Failed(error) => {
                let text = error_text(&error, next.lang);
                push_toast(&mut next, ToastKind::Error, text)
            }
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

/// A refusal as a sentence in the user's language: the core names the
/// problem and its values, worded here; a refusal it does not name is
/// still said in the user's language; only an internal failure keeps the
/// core's (or the system's) own words.
pub fn error_text(error: &IpcError, lang: Language) -> String {
    match (error.kind, error.code, &error.problem) {
        (ErrorKind::Conflict, Some(code), _) => validation_text(Some(code), lang).to_owned(),
        (_, _, Some(problem)) => problem.text(lang),
        (ErrorKind::Forbidden, _, None) => T::ErrForbidden.text(lang).to_owned(),
        _ => error.message.clone(),
    }
}

/// The minutes a throttled login is told to wait ("… try again in 15 min").
fn retry_minutes(message: &str) -> Option<u64> {
    message
        .split_whitespace()
        .find_map(|word| word.parse::<u64>().ok())
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
                let wait = (error.code == Some(parc_api::ValidationCode::TooManyAttempts))
                    .then(|| retry_minutes(&error.message))
                    .flatten();
                let text = if let Some(problem) = &error.problem {
                    // A refusal that names the record or the figure at fault.
                    problem.text(lang)
                } else if let Some(minutes) = wait {
                    format!("{} {minutes} min.", validation_text(error.code, lang))
                } else {
                    validation_text(error.code, lang).to_owned()
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
            second_factor_due: false,
            language: Language::En,
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

    /// The sign-in screen speaks the start-up's language; signed in, the
    /// user's own, which the switch changes in the session too.
    #[test]
    fn a_session_speaks_its_users_language() {
        let s = reduce(
            AppState::new(Route::default()),
            Action::Started(startup(false, None)),
        );
        assert_eq!(s.lang, Language::Fr);
        let s = reduce(
            s,
            Action::LoggedIn(LoginResponse {
                session: session(),
                remember_problem: None,
            }),
        );
        assert_eq!(s.lang, Language::En);
        let s = reduce(s, Action::SetLang(Language::Fr));
        assert!(matches!(&s.phase, Phase::Ready(session) if session.language == Language::Fr));
        let restored = reduce(
            AppState::new(Route::default()),
            Action::Started(startup(false, Some(session()))),
        );
        assert_eq!(restored.lang, Language::En);
    }

    /// A manager lands on the Dashboard, a technician on My day, whatever
    /// screen the address bar held before.
    #[test]
    fn people_land_where_their_work_is() {
        let signed_in = |role: Role| {
            let mut session = session();
            session.role = role;
            let s = reduce(
                AppState::new(Route::Settings),
                Action::Started(startup(false, None)),
            );
            reduce(
                s,
                Action::LoggedIn(LoginResponse {
                    session,
                    remember_problem: None,
                }),
            )
            .route
        };
        assert_eq!(signed_in(Role::Manager), Route::Dashboard);
        assert_eq!(signed_in(Role::Technician), Route::MyDay);
        let remembered = reduce(
            AppState::new(Route::default()),
            Action::Started(startup(false, Some(session()))),
        );
        assert_eq!(remembered.route, Route::Dashboard);
    }

    #[test]
    fn a_throttled_login_says_when_to_try_again() {
        let error = IpcError {
            kind: ErrorKind::Validation,
            message: "too many attempts: try again in 15 min".into(),
            field: Some("password".into()),
            code: Some(ValidationCode::TooManyAttempts),
            problem: None,
        };
        let errors = FormErrors::from_error(&error, Language::Fr);
        assert_eq!(
            errors.fields.get("password").map(String::as_str),
            Some("Trop de tentatives. Réessayez dans 15 min.")
        );
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
            problem: None,
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
            problem: None,
        };
        assert_eq!(
            error_text(&error, Language::Fr),
            "D'autres enregistrements l'utilisent : archivez-le ou retirez-le plutôt."
        );
        let plain = IpcError::internal("disk full");
        assert_eq!(error_text(&plain, Language::Fr), "disk full");
    }

    #[test]
    fn a_refusal_reaches_a_french_screen_in_french() {
        let refused = IpcError {
            kind: ErrorKind::Forbidden,
            message: "a technician cannot read invoices".into(),
            field: None,
            code: None,
            problem: Some(Box::new(parc_api::problem::Problem::Forbidden {
                who: parc_api::problem::Who::Technician,
                operation: parc_api::authz::Operation::ReadInvoices,
            })),
        };
        assert_eq!(
            error_text(&refused, Language::Fr),
            "Un technicien ne peut pas consulter les factures"
        );
        let unnamed = IpcError {
            problem: None,
            ..refused
        };
        assert_eq!(
            error_text(&unnamed, Language::Fr),
            "Vous n'avez pas le droit de faire cela."
        );
    }

    #[test]
    fn a_refusal_naming_the_record_at_fault_is_in_the_users_language() {
        let refused = IpcError {
            kind: ErrorKind::Validation,
            message: "this serial number is already used by EQ-0042 (SRV-01)".into(),
            field: Some("serial".into()),
            code: Some(ValidationCode::DuplicateOf),
            problem: Some(Box::new(parc_api::problem::Problem::SerialUsedBy {
                reference: "EQ-0042".into(),
                name: "SRV-01".into(),
            })),
        };
        let errors = FormErrors::from_error(&refused, Language::Fr);
        assert_eq!(
            errors.fields.get("serial").map(String::as_str),
            Some("Ce numéro de série est déjà celui de EQ-0042 (SRV-01).")
        );
        let stock = IpcError {
            field: Some("quantity".into()),
            code: Some(ValidationCode::OutOfStock),
            problem: Some(Box::new(parc_api::problem::Problem::OnlyInStock {
                count: 5,
            })),
            ..refused
        };
        let errors = FormErrors::from_error(&stock, Language::En);
        assert_eq!(
            errors.fields.get("quantity").map(String::as_str),
            Some("only 5 in stock")
        );
    }
}

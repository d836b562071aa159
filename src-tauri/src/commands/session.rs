//! Start-up, first-run set-up, login and logout, the signed-in user's own
//! interface language and the company's document language.
//!
//! Logins are throttled like the portal's sign-in (`parc_core::throttle`),
//! the address being the loopback one: this door has a single place.

use super::door::{Ctx, Door};
use crate::state::{ipc, App};
use parc_api::auth::{Language, LoginRequest, LoginResponse, SetupRequest, StartupState};
use parc_api::commands;
use parc_api::second_factor::LoginAnswer;
use parc_api::{IpcError, ValidationCode};
use parc_core::throttle::Verdict;
use parc_core::{auth, demo, settings, CoreError};
use std::net::{IpAddr, Ipv4Addr};

/// The language of the OS, from the usual locale variables.
fn os_language() -> Language {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find_map(|value| Language::from_code(&value))
        .unwrap_or_default()
}

impl Door for commands::StartupState {
    async fn run(app: Ctx<'_>, _: ()) -> Result<StartupState, IpcError> {
        let needs_setup = auth::needs_setup(&app.db).await.map_err(ipc)?;
        let language = settings::language(&app.db)
            .await
            .map_err(ipc)?
            .unwrap_or_else(os_language);
        let company = settings::company(&app.db).await.map_err(ipc)?;
        let mut keyring_problem = None;
        if app.session().is_some() {
            // Deactivated or changed since it was cached? The row says.
            let _ = app.current_actor().await;
        }
        if app.session().is_none() && !needs_setup {
            match app.keychain.load().await {
                Ok(Some(token)) => {
                    let restored = auth::login_with_token(&app.db, &token).await.map_err(ipc)?;
                    if restored.is_none() {
                        // A token for a deactivated user or a restored database: drop it.
                        let _ = app.keychain.clear().await;
                    }
                    app.set_session(restored);
                }
                Ok(None) => {}
                Err(problem) => keyring_problem = Some(problem),
            }
        }
        Ok(StartupState {
            needs_setup,
            language,
            company_name: Some(company.name).filter(|n| !n.is_empty()),
            session: app.session(),
            keyring_problem,
            time_zone: parc_core::desk::local_time::CompanyZone::load(&app.db)
                .await
                .map_err(ipc)?
                .name()
                .to_owned(),
        })
    }
}

impl Door for commands::CompleteSetup {
    async fn run(app: Ctx<'_>, request: SetupRequest) -> Result<(), IpcError> {
        auth::complete_setup(&app.db, &request).await.map_err(ipc)?;
        if request.with_demo_data {
            demo::fill(&app.db).await.map_err(ipc)?;
        }
        Ok(())
    }
}

/// The desktop has one place to sign in from.
pub(crate) const HERE: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// Lets a login's password be checked, or says when to try again.
pub(crate) fn admit_login(app: &App, email: &str) -> Result<(), IpcError> {
    match app.logins.attempt(email, HERE) {
        Verdict::Check => Ok(()),
        Verdict::Refused { retry_after } => {
            let minutes = retry_after.as_secs().div_ceil(60).max(1);
            Err(ipc(CoreError::validation(
                "password",
                ValidationCode::TooManyAttempts,
                format!("too many attempts: try again in {minutes} min"),
            )))
        }
    }
}

/// The password; with a second factor, the code is asked next
/// (`second_factor::complete_login`), the sign-in held by the shell and the
/// attempt still counted by the throttle until the code is right.
impl Door for commands::Login {
    async fn run(app: Ctx<'_>, request: LoginRequest) -> Result<LoginAnswer, IpcError> {
        admit_login(&app, &request.email)?;
        let step = auth::login_step(&app.db, &request.email, &request.password)
            .await
            .map_err(ipc)?;
        match step {
            auth::LoginStep::Session(session) => {
                app.logins.succeeded(&request.email, HERE);
                Ok(LoginAnswer::LoggedIn(
                    open_session(&app, session, request.remember).await?,
                ))
            }
            auth::LoginStep::SecondFactor(pending) => {
                super::second_factor::hold(&app, pending, &request.email, request.remember);
                Ok(LoginAnswer::SecondFactor)
            }
        }
    }
}

/// The session of a login done, remembered on this computer if asked.
pub(crate) async fn open_session(
    app: &App,
    session: parc_api::auth::SessionInfo,
    remember: bool,
) -> Result<LoginResponse, IpcError> {
    let mut remember_problem = None;
    if remember {
        let token = auth::remember(&app.db, &session).await.map_err(ipc)?;
        if let Err(problem) = app.keychain.store(token.clone()).await {
            auth::forget(&app.db, &token).await.map_err(ipc)?;
            remember_problem = Some(problem);
        }
    }
    app.set_session(Some(session.clone()));
    Ok(LoginResponse {
        session,
        remember_problem,
    })
}

impl Door for commands::Logout {
    async fn run(app: Ctx<'_>, _: ()) -> Result<(), IpcError> {
        if let Ok(Some(token)) = app.keychain.load().await {
            auth::forget(&app.db, &token).await.map_err(ipc)?;
        }
        let _ = app.keychain.clear().await;
        app.set_session(None);
        Ok(())
    }
}

/// The signed-in user's own interface language, theirs alone.
impl Door for commands::SetLanguage {
    async fn run(app: Ctx<'_>, language: Language) -> Result<(), IpcError> {
        auth::set_own_language(&app.db, &app.actor()?, language)
            .await
            .map_err(ipc)?;
        app.current_actor().await.map(|_| ())
    }
}

/// A panic in the UI, told by `ui/src/crash.rs`: written to standard error
/// (the UI cannot log anywhere else), cut short so that a page cannot
/// flood the log.
impl Door for commands::ReportUiPanic {
    async fn run(_app: Ctx<'_>, message: String) -> Result<(), IpcError> {
        let message: String = message.chars().take(2_000).collect();
        eprintln!("parc: the UI panicked: {message}");
        Ok(())
    }
}

impl Door for commands::GetDocumentLanguage {
    async fn run(app: Ctx<'_>, _: ()) -> Result<Language, IpcError> {
        settings::get_document_language(&app.db, &app.actor()?)
            .await
            .map_err(ipc)
    }
}

/// The company's document language (managers; audited).
impl Door for commands::SetDocumentLanguage {
    async fn run(app: Ctx<'_>, language: Language) -> Result<(), IpcError> {
        settings::set_document_language(&app.db, &app.actor()?, language)
            .await
            .map_err(ipc)
    }
}

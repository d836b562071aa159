//! Two-step sign-in at the desktop's door: the login's second step (the
//! pending sign-in is held here, in the shell's memory, never by the UI),
//! one's own enrolment, a manager's reset and the company rule. The rules
//! are `parc_core::auth::second_factor`'s.

use super::door::{Ctx, Door};
use super::session::{admit_login, open_session, HERE};
use crate::state::{ipc, App};
use parc_api::auth::LoginResponse;
use parc_api::commands::Command;
use parc_api::second_factor::{
    DisableSecondFactor, SecondFactorCode, SecondFactorConfirmed, SecondFactorEnrolment,
    SecondFactorPolicy, SecondFactorStatus,
};
use parc_api::{commands, IpcError, ValidationCode};
use parc_core::auth::second_factor as factor;
use parc_core::auth::PendingLogin;
use parc_core::CoreError;

/// A sign-in whose password was right, waiting for its code.
pub struct Waiting {
    pending: PendingLogin,
    email: String,
    remember: bool,
}

impl std::fmt::Debug for Waiting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Waiting { .. }")
    }
}

/// Holds the sign-in the login just began (one at a time: a new password
/// replaces it).
pub fn hold(app: &App, pending: PendingLogin, email: &str, remember: bool) {
    if let Ok(mut slot) = app.waiting_login.lock() {
        *slot = Some(Waiting {
            pending,
            email: email.to_owned(),
            remember,
        });
    }
}

fn take_waiting(app: &App) -> Option<Waiting> {
    app.waiting_login
        .lock()
        .ok()
        .and_then(|mut slot| slot.take())
}

fn put_back(app: &App, waiting: Waiting) {
    if let Ok(mut slot) = app.waiting_login.lock() {
        slot.get_or_insert(waiting);
    }
}

/// The commands a session sent to enrolment may still run.
const WHILE_DUE: &[&str] = &[
    commands::GetSecondFactor::NAME,
    commands::BeginSecondFactor::NAME,
    commands::ConfirmSecondFactor::NAME,
    commands::SetLanguage::NAME,
];

/// Refuses every other command to a session the company rule sends to
/// enrolment (the door asks before anything else).
pub fn refuse_while_due(app: &App, command: &str) -> Result<(), IpcError> {
    let due = app.session().is_some_and(|s| s.second_factor_due);
    let open = matches!(
        super::access::access_of(command),
        Some(super::access::Access::Open)
    );
    if due && !open && !WHILE_DUE.contains(&command) {
        return Err(ipc(factor::enrolment_required()));
    }
    Ok(())
}

/// The login's second step: the code (or a recovery code) for the sign-in
/// held; counted by the same throttle as passwords.
impl Door for commands::CompleteLogin {
    async fn run(app: Ctx<'_>, request: SecondFactorCode) -> Result<LoginResponse, IpcError> {
        let Some(waiting) = take_waiting(&app) else {
            return Err(ipc(CoreError::validation(
                "code",
                ValidationCode::SignInExpired,
                "this sign-in is over: type your password again",
            )));
        };
        if let Err(refused) = admit_login(&app, &waiting.email) {
            put_back(&app, waiting);
            return Err(refused);
        }
        let now = chrono::Utc::now();
        match factor::complete_login(&app.db, &waiting.pending.token, &request.code, now).await {
            Ok(session) => {
                app.logins.succeeded(&waiting.email, HERE);
                open_session(&app, session, waiting.remember).await
            }
            Err(error) => {
                let over = matches!(
                    error,
                    CoreError::Validation {
                        code: ValidationCode::SignInExpired,
                        ..
                    }
                );
                if !over {
                    put_back(&app, waiting);
                }
                Err(ipc(error))
            }
        }
    }
}

/// Back to the password: the sign-in held is given up.
impl Door for commands::CancelLogin {
    async fn run(app: Ctx<'_>, _: ()) -> Result<(), IpcError> {
        if let Some(waiting) = take_waiting(&app) {
            factor::cancel_login(&app.db, &waiting.pending.token)
                .await
                .map_err(ipc)?;
        }
        Ok(())
    }
}

impl Door for commands::GetSecondFactor {
    async fn run(app: Ctx<'_>, _: ()) -> Result<SecondFactorStatus, IpcError> {
        factor::status(&app.db, &app.actor()?).await.map_err(ipc)
    }
}

/// A new secret to scan; shown again while not confirmed.
impl Door for commands::BeginSecondFactor {
    async fn run(app: Ctx<'_>, _: ()) -> Result<SecondFactorEnrolment, IpcError> {
        let actor = app.actor()?;
        match factor::pending_enrolment(&app.db, &actor)
            .await
            .map_err(ipc)?
        {
            Some(enrolment) => Ok(enrolment),
            None => factor::begin_enrolment(&app.db, &actor).await.map_err(ipc),
        }
    }
}

/// Confirms with a first code; the session is no longer sent to enrolment.
impl Door for commands::ConfirmSecondFactor {
    async fn run(
        app: Ctx<'_>,
        request: SecondFactorCode,
    ) -> Result<SecondFactorConfirmed, IpcError> {
        let actor = app.actor()?;
        let recovery_codes =
            factor::confirm_enrolment(&app.db, &actor, &request.code, chrono::Utc::now())
                .await
                .map_err(ipc)?;
        let session = app
            .session()
            .ok_or_else(|| ipc(CoreError::Unauthenticated))?;
        let session = factor::flag_due(&app.db, session).await.map_err(ipc)?;
        app.set_session(Some(session.clone()));
        Ok(SecondFactorConfirmed {
            recovery_codes,
            session,
        })
    }
}

impl Door for commands::DisableSecondFactor {
    async fn run(app: Ctx<'_>, request: DisableSecondFactor) -> Result<(), IpcError> {
        factor::disable(&app.db, &app.actor()?, &request.proof, chrono::Utc::now())
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ResetUserSecondFactor {
    async fn run(app: Ctx<'_>, id: i64) -> Result<(), IpcError> {
        factor::reset_for_user(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ListUserSecondFactors {
    async fn run(app: Ctx<'_>, _: ()) -> Result<Vec<i64>, IpcError> {
        factor::users_with_factor(&app.db, &app.actor()?)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetSecondFactorPolicy {
    async fn run(app: Ctx<'_>, _: ()) -> Result<SecondFactorPolicy, IpcError> {
        Ok(SecondFactorPolicy {
            required_for_managers: factor::policy(&app.db, &app.actor()?).await.map_err(ipc)?,
        })
    }
}

impl Door for commands::SetSecondFactorPolicy {
    async fn run(app: Ctx<'_>, policy: SecondFactorPolicy) -> Result<(), IpcError> {
        factor::set_policy(&app.db, &app.actor()?, policy.required_for_managers)
            .await
            .map_err(ipc)
    }
}

//! What the desktop shell holds while it runs: the database, the logged-in
//! session and the keyring entry of this database.
//!
//! The session is cached, but never trusted for long: before each command
//! the door reads the user's row again (`current_actor`, one lookup by
//! primary key), so a manager deactivating a user or changing their role
//! applies to a session already open, at its next command.

use parc_api::auth::SessionInfo;
use parc_api::{ErrorKind, IpcError};
use parc_core::{Actor, CoreError, DatabaseConnection};
use std::path::Path;
use std::sync::Mutex;

use parc_cli::keychain::Keychain;
use parc_cli::portal_server::PortalServer;

pub struct App {
    pub db: DatabaseConnection,
    pub keychain: Keychain,
    /// The client portal, when it runs inside the app.
    pub portal: PortalServer,
    /// Where the database file is (backups go beside it by default).
    pub db_path: std::path::PathBuf,
    /// The backup or restore running, shared with the daily backup.
    pub backups: parc_core::backup::BackupMonitor,
    /// Failed logins, in memory (a restart forgets them).
    pub logins: parc_core::throttle::Throttle,
    /// A login whose password was right, waiting for its second factor's
    /// code (not a session: nothing but that code is accepted for it).
    pub waiting_login: Mutex<Option<crate::commands::second_factor::Waiting>>,
    session: Mutex<Option<SessionInfo>>,
}

impl App {
    pub fn new(db: DatabaseConnection, db_path: &Path) -> Self {
        App {
            keychain: Keychain::for_database(db_path),
            db,
            portal: PortalServer::default(),
            db_path: db_path.to_path_buf(),
            backups: parc_core::backup::BackupMonitor::default(),
            logins: parc_core::throttle::Throttle::new(parc_core::throttle::Limits::SIGN_IN),
            waiting_login: Mutex::new(None),
            session: Mutex::new(None),
        }
    }

    /// The backups' folder when none was chosen: `backups` beside the database.
    pub fn default_backup_folder(&self) -> std::path::PathBuf {
        default_backup_folder(&self.db_path)
    }

    /// The actor of the signed-in user as their row has them now; the
    /// cached session follows (role, rights, language). A user deactivated
    /// meanwhile is signed out, with a message saying so.
    pub async fn current_actor(&self) -> Result<Actor, IpcError> {
        let cached = self
            .session()
            .ok_or_else(|| ipc(CoreError::Unauthenticated))?;
        match parc_core::auth::current_session(&self.db, &cached)
            .await
            .map_err(ipc)?
        {
            Some(now) => {
                let actor = parc_core::auth::actor_of(&now);
                if now != cached {
                    self.replace_session(cached.user_id, Some(now));
                }
                Ok(actor)
            }
            None => {
                self.replace_session(cached.user_id, None);
                let _ = self.keychain.clear().await;
                Err(IpcError {
                    kind: ErrorKind::Unauthenticated,
                    message: SIGNED_OUT.into(),
                    field: None,
                    code: None,
                    problem: None,
                })
            }
        }
    }

    /// Replaces the session of `user_id` only if it is still the one
    /// cached: a logout or another login meanwhile is left as it is.
    fn replace_session(&self, user_id: i64, session: Option<SessionInfo>) {
        if let Ok(mut current) = self.session.lock() {
            if current.as_ref().is_some_and(|s| s.user_id == user_id) {
                *current = session;
            }
        }
    }

    /// The actor of the logged-in user, or "please log in".
    pub fn actor(&self) -> Result<Actor, IpcError> {
        self.session()
            .map(|s| parc_core::auth::actor_of(&s))
            .ok_or_else(|| CoreError::Unauthenticated.into())
    }

    pub fn session(&self) -> Option<SessionInfo> {
        self.session.lock().map(|s| s.clone()).unwrap_or(None)
    }

    pub fn set_session(&self, session: Option<SessionInfo>) {
        if let Ok(mut current) = self.session.lock() {
            *current = session;
        }
    }
}

/// What a user deactivated while signed in is told.
pub const SIGNED_OUT: &str =
    "Your account was deactivated by a manager: you are signed out of Parc.";

/// The one conversion of core errors at this door.
pub fn ipc(error: CoreError) -> IpcError {
    error.into()
}

/// `backups` beside the database file.
pub fn default_backup_folder(db_path: &Path) -> std::path::PathBuf {
    let absolute = std::path::absolute(db_path).unwrap_or_else(|_| db_path.to_path_buf());
    absolute
        .parent()
        .map(|p| p.join("backups"))
        .unwrap_or_else(|| std::path::PathBuf::from("backups"))
}

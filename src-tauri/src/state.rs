//! What the desktop shell holds while it runs: the database, the logged-in
//! session and the keyring entry of this database.

use parc_api::auth::SessionInfo;
use parc_api::IpcError;
use parc_core::{Actor, CoreError, DatabaseConnection};
use std::path::Path;
use std::sync::Mutex;

use crate::keychain::Keychain;
use crate::portal_server::PortalServer;

pub struct App {
    pub db: DatabaseConnection,
    pub keychain: Keychain,
    /// The client portal, when it runs inside the app.
    pub portal: PortalServer,
    /// Where the database file is (backups go beside it by default).
    pub db_path: std::path::PathBuf,
    /// The backup or restore running, shared with the daily backup.
    pub backups: parc_core::backup::BackupMonitor,
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
            session: Mutex::new(None),
        }
    }

    /// The backups' folder when none was chosen: `backups` beside the database.
    pub fn default_backup_folder(&self) -> std::path::PathBuf {
        default_backup_folder(&self.db_path)
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

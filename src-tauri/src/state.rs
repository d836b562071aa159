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
    session: Mutex<Option<SessionInfo>>,
}

impl App {
    pub fn new(db: DatabaseConnection, db_path: &Path) -> Self {
        App {
            keychain: Keychain::for_database(db_path),
            db,
            portal: PortalServer::default(),
            session: Mutex::new(None),
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

/// The one conversion of core errors at this door.
pub fn ipc(error: CoreError) -> IpcError {
    error.into()
}

//! "Remember me on this computer": the login token kept in the OS keyring.
//!
//! The keyring may be missing (no Secret Service, a locked store, no session
//! bus): every call then returns a sentence for the user, and the app goes on
//! without remembering. Calls are blocking D-Bus round trips, so they run on
//! tokio's blocking pool.

use sha2::{Digest, Sha256};
use std::path::Path;

const SERVICE: &str = "parc";

/// The keyring entry of one database file: two installations never share a token.
#[derive(Clone, Debug)]
pub struct Keychain {
    account: String,
}

impl Keychain {
    pub fn for_database(path: &Path) -> Self {
        let digest = Sha256::digest(path.to_string_lossy().as_bytes());
        let short: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        Keychain {
            account: format!("remember-me:{short}"),
        }
    }

    fn entry(&self) -> Result<keyring::Entry, String> {
        keyring::Entry::new(SERVICE, &self.account).map_err(explain)
    }

    pub async fn load(&self) -> Result<Option<String>, String> {
        let this = self.clone();
        blocking(move || match this.entry()?.get_password() {
            Ok(token) => Ok(Some(token)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(explain(e)),
        })
        .await
    }

    pub async fn store(&self, token: String) -> Result<(), String> {
        let this = self.clone();
        blocking(move || this.entry()?.set_password(&token).map_err(explain)).await
    }

    pub async fn clear(&self) -> Result<(), String> {
        let this = self.clone();
        blocking(move || match this.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(explain(e)),
        })
        .await
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(format!("keyring task failed: {e}")))
}

/// Says, for a person, why the keyring could not be used.
fn explain(error: keyring::Error) -> String {
    match error {
        keyring::Error::NoDefaultStore => {
            "no OS keyring is available on this computer (Secret Service not running)".to_owned()
        }
        keyring::Error::NoStorageAccess(_) => {
            "the OS keyring is locked or refused access".to_owned()
        }
        other => format!("the OS keyring failed: {other}"),
    }
}

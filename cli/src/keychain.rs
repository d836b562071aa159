//! Secrets kept in the OS keyring: the "remember me on this computer" login
//! token, the SMTP password and the portal certificate's private key, one
//! entry each per database file.
//!
//! The keyring may be missing (no Secret Service, a locked store, no session
//! bus): every call then returns a sentence for the user, and the app goes on
//! without remembering. Calls are blocking D-Bus round trips, so they run on
//! tokio's blocking pool.

use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::Duration;

const SERVICE: &str = "parc";

/// The keyring entry of one database file: two installations never share a
/// token or a password. `smtp_password()` is the entry of its SMTP password.
#[derive(Clone, Debug)]
pub struct Keychain {
    account: String,
}

impl Keychain {
    pub fn for_database(path: &Path) -> Self {
        Keychain {
            account: format!("remember-me:{}", short_digest(path)),
        }
    }

    /// The private key of the portal's HTTPS certificate, same database.
    pub fn portal_key(&self) -> Self {
        Keychain {
            account: self.account.replacen("remember-me:", "portal-key:", 1),
        }
    }

    /// The SMTP password of the same database.
    pub fn smtp_password(&self) -> Self {
        Keychain {
            account: self.account.replacen("remember-me:", "smtp-password:", 1),
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

fn short_digest(path: &Path) -> String {
    let digest = Sha256::digest(path.to_string_lossy().as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// How long a keyring call may take before Parc goes on without it. A
/// Secret Service that hangs (a daemon stuck, a D-Bus call left unanswered
/// until libdbus gives up after 25 s) must not keep the window on
/// "Loading": the caller gets a problem to show and the user logs in by hand.
const KEYRING_PATIENCE: Duration = Duration::from_secs(8);

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    match tokio::time::timeout(KEYRING_PATIENCE, tokio::task::spawn_blocking(work)).await {
        Ok(answer) => answer.unwrap_or_else(|e| Err(format!("keyring task failed: {e}"))),
        Err(_) => Err(format!(
            "the OS keyring did not answer within {} s",
            KEYRING_PATIENCE.as_secs()
        )),
    }
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

#[cfg(test)]
mod tests {
    use super::Keychain;

    /// Through the real Secret Service of the test session (`cargo xtask
    /// test` runs an unlocked gnome-keyring on a private D-Bus).
    #[tokio::test]
    async fn the_smtp_password_is_stored_read_and_forgotten_in_the_keyring() {
        let dir = tempfile::tempdir().unwrap();
        let smtp = Keychain::for_database(&dir.path().join("parc.db")).smtp_password();
        assert!(smtp.account.starts_with("smtp-password:"));
        smtp.store("s3cret-Relay!".into()).await.unwrap();
        assert_eq!(smtp.load().await.unwrap().as_deref(), Some("s3cret-Relay!"));
        // Another database has its own.
        let other = Keychain::for_database(&dir.path().join("other.db")).smtp_password();
        assert_eq!(other.load().await.unwrap(), None);
        smtp.clear().await.unwrap();
        assert_eq!(smtp.load().await.unwrap(), None);
    }
}

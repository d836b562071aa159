//! The client portal inside the desktop app: started with the app when its
//! settings say so, started again on the new address when they change,
//! stopped when switched off — on the process's runtime (`crate::runtime`,
//! which Tauri shares), beside the window; `parc portal` runs it alone.
//! Stopping closes every connection still open (parc-portal's
//! `ServerHandle::shutdown`), not only the accept loop: a client kept alive
//! gets nothing more from the old settings.

use crate::keychain::Keychain;
use parc_api::portal::{PortalSettings, PortalStatus};
use parc_core::portal::settings as portal_settings;
use parc_core::DatabaseConnection;
use parc_portal::tls::Identity;
use parc_portal::ServerHandle;
use std::sync::Mutex;
use tokio::task::JoinHandle;

#[derive(Default)]
pub struct PortalServer {
    state: Mutex<Running>,
}

#[derive(Default)]
struct Running {
    server: Option<(ServerHandle, JoinHandle<()>)>,
    listening: Option<String>,
    problem: Option<String>,
}

impl PortalServer {
    /// Stops the portal if it runs, then starts it as `settings` say.
    pub async fn apply(
        &self,
        db: &DatabaseConnection,
        keychain: &Keychain,
        settings: &PortalSettings,
    ) {
        self.stop().await;
        if !settings.enabled {
            return;
        }
        let started = start(db, keychain, settings).await;
        if let Ok(mut state) = self.state.lock() {
            match started {
                Ok((server, listening)) => {
                    eprintln!("parc: portal listening on {listening}");
                    state.server = Some(server);
                    state.listening = Some(listening);
                }
                Err(problem) => {
                    eprintln!("parc: portal not started: {problem}");
                    state.problem = Some(problem);
                }
            }
        }
    }

    /// Stops the portal and waits until its connections are closed and
    /// its address is free again.
    async fn stop(&self) {
        let server = match self.state.lock() {
            Ok(mut state) => std::mem::take(&mut *state).server,
            Err(_) => None,
        };
        if let Some((handle, task)) = server {
            handle.shutdown().await;
            let _ = task.await;
        }
    }

    pub fn status(&self, settings: PortalSettings) -> PortalStatus {
        let (listening, problem) = self
            .state
            .lock()
            .map(|s| (s.listening.clone(), s.problem.clone()))
            .unwrap_or_default();
        PortalStatus {
            settings,
            listening,
            problem,
        }
    }
}

async fn start(
    db: &DatabaseConnection,
    keychain: &Keychain,
    settings: &PortalSettings,
) -> Result<((ServerHandle, JoinHandle<()>), String), String> {
    let listener = listen(settings).await?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let identity = match settings.https {
        true => Some(identity(db, keychain, settings).await?),
        false => None,
    };
    let portal = parc_portal::Portal::new(db.clone(), settings.https)
        .await
        .map_err(|e| e.to_string())?;
    let limits = parc_portal::Limits::default();
    let (handle, run) = parc_portal::server(portal, listener, identity.as_ref(), limits)?;
    let task = crate::runtime().spawn(run);
    let scheme = if settings.https { "https" } else { "http" };
    Ok(((handle, task), format!("{scheme}://{local}")))
}

/// Listens where the settings say.
pub async fn listen(settings: &PortalSettings) -> Result<tokio::net::TcpListener, String> {
    let address = format!("{}:{}", settings.bind_address, settings.port);
    tokio::net::TcpListener::bind(&address)
        .await
        .map_err(|e| format!("cannot listen on {address}: {e}"))
}

/// The portal's certificate and key: made on the first HTTPS start (for
/// this computer's names and the base URL's host), the key kept in the OS
/// keyring and the certificate and its fingerprint in the settings.
pub async fn identity(
    db: &DatabaseConnection,
    keychain: &Keychain,
    settings: &PortalSettings,
) -> Result<Identity, String> {
    let keyring = keychain.portal_key();
    let kept_key = keyring
        .load()
        .await
        .map_err(|e| format!("HTTPS needs the OS keyring to keep the certificate's key: {e}"))?;
    let kept_certificate = portal_settings::certificate(db)
        .await
        .map_err(|e| e.to_string())?;
    if let (Some(key_pem), Some(certificate_pem)) = (kept_key, kept_certificate) {
        return Ok(Identity {
            certificate_pem,
            key_pem,
        });
    }
    let mut names = vec!["localhost".to_owned(), "127.0.0.1".to_owned()];
    if let Some(host) = host_of(&settings.base_url) {
        names.push(host);
    }
    let made = parc_portal::tls::make_identity(names)?;
    let fingerprint = parc_portal::tls::fingerprint(&made.certificate_pem)?;
    keyring
        .store(made.key_pem.clone())
        .await
        .map_err(|e| format!("HTTPS needs the OS keyring to keep the certificate's key: {e}"))?;
    portal_settings::record_certificate(db, &made.certificate_pem, &fingerprint)
        .await
        .map_err(|e| e.to_string())?;
    Ok(made)
}

/// The host of `http(s)://host[:port]`.
fn host_of(base_url: &str) -> Option<String> {
    let rest = base_url.split_once("://")?.1;
    let host = match rest.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => rest.split(':').next()?,
    };
    (!host.is_empty()).then(|| host.to_owned())
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn the_base_urls_host_goes_in_the_certificate() {
        assert_eq!(
            host_of("https://parc.lan:8470").as_deref(),
            Some("parc.lan")
        );
        assert_eq!(
            host_of("http://192.168.1.5").as_deref(),
            Some("192.168.1.5")
        );
        assert_eq!(
            host_of("https://[fe80::1]:8470").as_deref(),
            Some("fe80::1")
        );
        assert_eq!(host_of(""), None);
    }
}

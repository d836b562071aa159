//! `parc portal`: the client portal without the desktop, until interrupted.
//! It speaks HTTPS when Settings → Portal says so, with the certificate
//! the app made (its key from the OS keyring). Ctrl+C closes its open
//! connections before it exits.

use crate::keychain::Keychain;
use crate::portal_server;
use anyhow::Context;
use parc_core::DatabaseConnection;
use std::io::Write;
use std::net::SocketAddr;

/// Serves the portal on `bind` (default: the address and port in its
/// settings) and prints where, once listening.
pub async fn serve(
    db: &DatabaseConnection,
    keychain: &Keychain,
    bind: Option<SocketAddr>,
) -> anyhow::Result<()> {
    let settings = parc_core::portal::settings::read(db).await?;
    let listener = match bind {
        Some(address) => tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| format!("cannot listen on {address}"))?,
        None => portal_server::listen(&settings)
            .await
            .map_err(anyhow::Error::msg)?,
    };
    let local = listener.local_addr()?;
    let portal = parc_portal::Portal::new(db.clone(), settings.https).await?;
    let identity = match settings.https {
        true => Some(
            portal_server::identity(db, keychain, &settings)
                .await
                .map_err(anyhow::Error::msg)?,
        ),
        false => None,
    };
    match &identity {
        Some(identity) => {
            let fingerprint = parc_portal::tls::fingerprint(&identity.certificate_pem)
                .map_err(anyhow::Error::msg)?;
            println!("portal: listening on https://{local} (certificate SHA-256 {fingerprint})");
        }
        None => println!("portal: listening on http://{local}"),
    }
    let limits = parc_portal::Limits::default();
    let (handle, run) = parc_portal::server(portal, listener, identity.as_ref(), limits)
        .map_err(anyhow::Error::msg)?;
    let running = tokio::spawn(run);
    tokio::signal::ctrl_c()
        .await
        .context("cannot wait for Ctrl+C")?;
    handle.shutdown().await;
    let _ = running.await;
    // Whoever read the address may be gone by now: a closed output is no error.
    let _ = writeln!(std::io::stdout(), "portal: stopped");
    Ok(())
}

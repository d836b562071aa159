//! `parc portal`: the client portal without the desktop, until interrupted.

use anyhow::Context;
use parc_core::DatabaseConnection;
use std::net::SocketAddr;

/// Serves the portal on `bind` (default: the address and port in its
/// settings) and prints where, once listening.
pub async fn serve(db: &DatabaseConnection, bind: Option<SocketAddr>) -> anyhow::Result<()> {
    let settings = parc_core::portal::settings::read(db).await?;
    let address = match bind {
        Some(address) => address,
        None => format!("{}:{}", settings.bind_address, settings.port)
            .parse()
            .context("the portal's address in the settings is not valid")?,
    };
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address}"))?;
    let local = listener.local_addr()?;
    let portal = parc_portal::Portal::new(db.clone(), false).await?;
    println!("portal: listening on http://{local}");
    tokio::select! {
        served = parc_portal::serve(portal, listener) => served.context("the portal stopped")?,
        _ = tokio::signal::ctrl_c() => println!("portal: stopped"),
    }
    Ok(())
}

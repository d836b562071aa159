//! The client portal: server-rendered pages on the local network where a
//! client's contacts see their own equipment, contracts, invoices,
//! licences and tickets, and open tickets.
//!
//! A door over `parc-core`, like the desktop's commands: every page asks
//! the same services with an `Actor::Portal`, so a record of another client
//! is "not found" there, and here a 404 exactly like a missing one. The
//! portal adds only what the web needs: sessions in HttpOnly SameSite=Strict
//! cookies, a CSRF token and an Origin check on every form (`web`), only its
//! own host names (`hosts`), sign-in throttling (`throttle`), security
//! headers on every answer (`headers`), auto-escaping templates (askama)
//! with no script at all, and one serving loop for HTTP and HTTPS with
//! timeouts and connection caps against clients that hold sockets, and a
//! stop that closes every open connection (`serving`, `limits`).

// Handlers answer `Result<Response, Response>`: a failure is already the
// page to send, made once per request, so its size does not matter.
#![allow(clippy::result_large_err)]

mod headers;
mod hosts;
mod limits;
mod pages;
mod serving;
mod throttle;
pub mod tls;
mod web;
mod words;

pub use limits::Limits;
pub use serving::ServerHandle;

use axum::Router;
use parc_core::desk::local_time::CompanyZone;
use parc_core::DatabaseConnection;
use std::future::Future;
use std::sync::Arc;
use tokio::net::TcpListener;

/// What every request handler shares.
#[derive(Clone)]
pub struct Portal {
    pub db: DatabaseConnection,
    /// Served over HTTPS: cookies are Secure, HSTS is sent.
    pub https: bool,
    throttle: Arc<throttle::Throttle>,
    /// The company's time zone, in which times are shown.
    zone: Arc<CompanyZone>,
    /// The host names answered (the base URL's, read at start like the rest
    /// of the settings: the app restarts the portal when they are saved).
    hosts: Arc<hosts::KnownHosts>,
}

impl Portal {
    pub async fn new(db: DatabaseConnection, https: bool) -> parc_core::CoreResult<Self> {
        let zone = CompanyZone::load(&db).await?;
        let settings = parc_core::portal::settings::read(&db).await?;
        Ok(Portal {
            db,
            https,
            throttle: Arc::default(),
            zone: Arc::new(zone),
            hosts: Arc::new(hosts::KnownHosts::from_base_url(&settings.base_url)),
        })
    }

    /// An instant as the visitor's language writes it, in the company's zone.
    pub(crate) fn time(&self, at: chrono::DateTime<chrono::Utc>, words: &words::Words) -> String {
        self.zone
            .display(at, words.lang == parc_api::auth::Language::Fr)
    }
}

/// Every route of the portal, for the host names it goes by, with its
/// security headers.
pub fn router(portal: Portal) -> Router {
    pages::routes()
        .layer(axum::middleware::from_fn_with_state(
            portal.clone(),
            hosts::admit_known_hosts,
        ))
        .layer(axum::middleware::from_fn_with_state(
            portal.clone(),
            headers::secure,
        ))
        .with_state(portal)
}

/// The portal on `listener` with `limits`, over HTTPS when given its
/// `identity`, else plain HTTP: the handle that stops it, and the accept
/// loop to spawn on a tokio runtime (`serving` says how it holds up).
pub fn server(
    portal: Portal,
    listener: TcpListener,
    identity: Option<&tls::Identity>,
    limits: Limits,
) -> Result<(ServerHandle, impl Future<Output = ()> + Send + 'static), String> {
    let tls = identity.map(tls::acceptor).transpose()?;
    Ok(serving::start(router(portal), listener, tls, limits))
}

/// Serves the portal over plain HTTP on `listener`, with the production
/// limits, until this future is dropped — which closes its connections too.
pub async fn serve(portal: Portal, listener: TcpListener) -> std::io::Result<()> {
    let (_handle, run) = serving::start(router(portal), listener, None, Limits::default());
    run.await;
    Ok(())
}

//! The one serving loop of the portal, for plain HTTP and HTTPS alike, and
//! its way to stop. `axum::serve` and a bare hyper connection have no
//! timer: a client sending a request one byte at a time would hold its
//! socket for ever. Here every connection has the timeouts and caps of
//! [`Limits`], an error from `accept` (out of descriptors: EMFILE, ENFILE)
//! is waited out with a growing pause instead of retried at once, and
//! [`ServerHandle::shutdown`] closes every open connection — not only the
//! accept loop — and returns once they are all gone, so a portal switched
//! off or moved answers nothing more with its old settings.

use crate::limits::{Limits, PerAddress};
use axum::extract::ConnectInfo;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

/// Stops a running portal. Dropped without [`shutdown`](Self::shutdown),
/// it stops the portal too, without waiting.
pub struct ServerHandle {
    stop: watch::Sender<bool>,
}

impl ServerHandle {
    /// Tells the accept loop and every connection to stop (a connection
    /// finishes the answer it is sending, for at most the grace period of
    /// its limits) and returns once none of them is left: the listening
    /// address is free again, and no old connection answers.
    pub async fn shutdown(self) {
        self.stop.send_replace(true);
        self.stop.closed().await;
    }
}

/// What every connection of one server shares.
struct Shared {
    app: Router,
    tls: Option<TlsAcceptor>,
    limits: Limits,
    per_address: Arc<PerAddress>,
}

/// The server on `listener`: its handle, and the accept loop to spawn.
pub(crate) fn start(
    app: Router,
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    limits: Limits,
) -> (ServerHandle, impl Future<Output = ()> + Send + 'static) {
    let (stop, stopping) = watch::channel(false);
    let shared = Arc::new(Shared {
        app,
        tls,
        limits,
        per_address: Arc::default(),
    });
    (
        ServerHandle { stop },
        accept_loop(listener, shared, stopping),
    )
}

/// Resolves once the server is told to stop (or its handle is gone).
async fn stopped(stopping: &mut watch::Receiver<bool>) {
    let _ = stopping.wait_for(|stop| *stop).await;
}

async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stopping: watch::Receiver<bool>,
) {
    let everyone = Arc::new(Semaphore::new(shared.limits.max_connections));
    let mut backoff = Backoff::default();
    loop {
        // At the overall cap, new clients wait in the listen queue.
        let permit = tokio::select! {
            permit = everyone.clone().acquire_owned() => permit,
            () = stopped(&mut stopping) => return,
        };
        let Ok(permit) = permit else { return };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = stopped(&mut stopping) => return,
        };
        match accepted {
            Ok((stream, peer)) => {
                backoff.reset();
                admit(&shared, stream, peer, permit, &stopping);
            }
            Err(error) if is_connection_error(&error) => {}
            Err(error) => {
                let pause = backoff.after_failure();
                tracing::warn!(
                    "portal: cannot accept connections ({error}); next try in {pause:?}"
                );
                tokio::select! {
                    () = tokio::time::sleep(pause) => {}
                    () = stopped(&mut stopping) => return,
                }
            }
        }
    }
}

/// Serves a new connection in its own task, or closes it at once when its
/// address already has as many open as it may.
fn admit(
    shared: &Arc<Shared>,
    stream: TcpStream,
    peer: SocketAddr,
    permit: OwnedSemaphorePermit,
    stopping: &watch::Receiver<bool>,
) {
    let Some(place) = PerAddress::admit(
        &shared.per_address,
        peer.ip(),
        shared.limits.max_per_address,
    ) else {
        tracing::debug!("portal: too many connections from {}", peer.ip());
        return;
    };
    let (shared, stopping) = (shared.clone(), stopping.clone());
    tokio::spawn(async move {
        connection(&shared, stream, peer, stopping).await;
        drop((permit, place));
    });
}

/// Errors of one connection that went away before it was accepted: the
/// next is accepted at once.
fn is_connection_error(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    matches!(
        error.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    )
}

/// The pause after a failed accept: 10 ms, doubled after each failure in
/// a row up to 1 s, back to 10 ms after a success.
struct Backoff {
    next: Duration,
}

const FIRST_PAUSE: Duration = Duration::from_millis(10);
const LONGEST_PAUSE: Duration = Duration::from_secs(1);

impl Default for Backoff {
    fn default() -> Self {
        Backoff { next: FIRST_PAUSE }
    }
}

impl Backoff {
    fn after_failure(&mut self) -> Duration {
        let pause = self.next;
        self.next = (self.next * 2).min(LONGEST_PAUSE);
        pause
    }

    fn reset(&mut self) {
        self.next = FIRST_PAUSE;
    }
}

/// One connection: the TLS handshake first under HTTPS, then HTTP/1.1.
async fn connection(
    shared: &Shared,
    stream: TcpStream,
    peer: SocketAddr,
    mut stopping: watch::Receiver<bool>,
) {
    let Some(acceptor) = &shared.tls else {
        return http(shared, TokioIo::new(stream), peer, stopping).await;
    };
    let handshake = tokio::time::timeout(shared.limits.tls_handshake, acceptor.accept(stream));
    let tls = tokio::select! {
        tls = handshake => tls,
        () = stopped(&mut stopping) => return,
    };
    match tls {
        Ok(Ok(tls)) => http(shared, TokioIo::new(tls), peer, stopping).await,
        Ok(Err(error)) => tracing::debug!("portal: a TLS handshake failed: {error}"),
        Err(_) => tracing::debug!("portal: a TLS handshake took too long"),
    }
}

/// HTTP/1.1 on one connection, with hyper's timer (the header timeout),
/// until the client leaves or the server stops.
async fn http<I>(
    shared: &Shared,
    io: TokioIo<I>,
    peer: SocketAddr,
    mut stopping: watch::Receiver<bool>,
) where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let limits = shared.limits;
    let app = shared.app.clone();
    let service =
        hyper::service::service_fn(move |request| answer(app.clone(), peer, limits, request));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read)
        .max_buf_size(limits.max_head);
    let connection = builder.serve_connection(io, service);
    tokio::pin!(connection);
    let served = tokio::select! {
        served = connection.as_mut() => served,
        () = stopped(&mut stopping) => {
            connection.as_mut().graceful_shutdown();
            match tokio::time::timeout(limits.shutdown_grace, connection.as_mut()).await {
                Ok(served) => served,
                Err(_) => return,
            }
        }
    };
    if let Err(error) = served {
        tracing::debug!("portal: a connection ended: {error}");
    }
}

/// One request through the portal's routes: its body capped, the whole
/// of it (body received, answer made) within the request timeout.
async fn answer(
    app: Router,
    peer: SocketAddr,
    limits: Limits,
    mut request: hyper::Request<Incoming>,
) -> Result<Response, Infallible> {
    if declared_length(&request).is_some_and(|length| length > limits.max_body as u64) {
        return Ok(too_large());
    }
    request.extensions_mut().insert(ConnectInfo(peer));
    let request = request
        .map(|body| axum::body::Body::new(http_body_util::Limited::new(body, limits.max_body)));
    match tokio::time::timeout(limits.request, app.oneshot(request)).await {
        Ok(answered) => answered,
        Err(_) => Ok(too_slow()),
    }
}

/// The body length a request announces, if it does.
fn declared_length(request: &hyper::Request<Incoming>) -> Option<u64> {
    request
        .headers()
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

/// A body announced larger than the limit, refused before it is read (a
/// body sent in chunks is cut at the limit as it is read).
fn too_large() -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(header::CONNECTION, "close")],
        "The request is too large.\n",
    )
        .into_response()
}

fn too_slow() -> Response {
    (
        StatusCode::REQUEST_TIMEOUT,
        [(header::CONNECTION, "close")],
        "The request took too long to arrive. Try again.\n",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_accepts_wait_longer_each_time_up_to_a_second() {
        let mut backoff = Backoff::default();
        let pauses: Vec<u64> = (0..9)
            .map(|_| backoff.after_failure().as_millis() as u64)
            .collect();
        assert_eq!(pauses, [10, 20, 40, 80, 160, 320, 640, 1000, 1000]);
        backoff.reset();
        assert_eq!(backoff.after_failure(), FIRST_PAUSE);
    }
}

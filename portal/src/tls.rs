//! HTTPS for the portal: a self-signed certificate made on first start
//! (its private key kept by the caller in the OS keyring, never in the
//! database), its SHA-256 fingerprint for clients to check, and serving
//! the same routes over TLS (rustls with the ring provider).

use crate::{router, Portal};
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::{self, ServerConfig};
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

/// The portal's certificate and its private key, both in PEM.
#[derive(Clone)]
pub struct Identity {
    pub certificate_pem: String,
    pub key_pem: String,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Identity { certificate, key: <redacted> }")
    }
}

/// A new self-signed certificate for these host names or addresses.
pub fn make_identity(names: Vec<String>) -> Result<Identity, String> {
    let made = rcgen::generate_simple_self_signed(names).map_err(|e| e.to_string())?;
    Ok(Identity {
        certificate_pem: made.cert.pem(),
        key_pem: made.signing_key.serialize_pem(),
    })
}

/// The certificate's SHA-256 fingerprint, as browsers show it
/// ("AB:CD:…", 32 bytes).
pub fn fingerprint(certificate_pem: &str) -> Result<String, String> {
    let der = CertificateDer::from_pem_slice(certificate_pem.as_bytes())
        .map_err(|e| format!("not a certificate: {e}"))?;
    Ok(Sha256::digest(der.as_ref())
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":"))
}

fn server_config(identity: &Identity) -> Result<ServerConfig, String> {
    let certificate = CertificateDer::from_pem_slice(identity.certificate_pem.as_bytes())
        .map_err(|e| format!("not a certificate: {e}"))?;
    let key = PrivateKeyDer::from_pem_slice(identity.key_pem.as_bytes())
        .map_err(|e| format!("not a private key: {e}"))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(vec![certificate], key)
        .map_err(|e| e.to_string())
}

/// Serves the portal over HTTPS on `listener` until the task is dropped.
/// A client that does not finish its handshake within ten seconds is let go.
pub async fn serve_tls(
    portal: Portal,
    listener: TcpListener,
    identity: &Identity,
) -> std::io::Result<()> {
    let config = server_config(identity).map_err(std::io::Error::other)?;
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let app = router(portal);
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                tracing::warn!("portal: a connection was not accepted: {error}");
                continue;
            }
        };
        let (acceptor, app) = (acceptor.clone(), app.clone());
        tokio::spawn(async move {
            let Ok(Ok(tls)) =
                tokio::time::timeout(Duration::from_secs(10), acceptor.accept(stream)).await
            else {
                return;
            };
            let service =
                hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                    request
                        .extensions_mut()
                        .insert(ConnectInfo::<SocketAddr>(peer));
                    app.clone().oneshot(request.map(axum::body::Body::new))
                });
            let served = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(tls), service)
                .await;
            if let Err(error) = served {
                tracing::debug!("portal: a connection ended: {error}");
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_made_certificate_serves_and_has_a_fingerprint() {
        let identity = make_identity(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
        assert!(identity
            .certificate_pem
            .starts_with("-----BEGIN CERTIFICATE-----"));
        assert!(server_config(&identity).is_ok());
        let print = fingerprint(&identity.certificate_pem).unwrap();
        assert_eq!(print.len(), 32 * 3 - 1);
        assert!(!format!("{identity:?}").contains("PRIVATE KEY"));
    }
}

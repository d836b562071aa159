//! HTTPS for the portal: a self-signed certificate made on first start
//! (its private key kept by the caller in the OS keyring, never in the
//! database), its SHA-256 fingerprint for clients to check, and serving
//! the same routes over TLS (rustls with the ring provider), through the
//! serving loop plain HTTP uses (`serving`: its handshake timeout too).

use sha2::{Digest, Sha256};
use std::sync::Arc;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::{self, ServerConfig};
use tokio_rustls::TlsAcceptor;

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

/// The TLS side of the portal's serving loop, for this identity.
pub(crate) fn acceptor(identity: &Identity) -> Result<TlsAcceptor, String> {
    Ok(TlsAcceptor::from(Arc::new(server_config(identity)?)))
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
        assert!(acceptor(&identity).is_ok());
        let print = fingerprint(&identity.certificate_pem).unwrap();
        assert_eq!(print.len(), 32 * 3 - 1);
        assert!(!format!("{identity:?}").contains("PRIVATE KEY"));
    }
}

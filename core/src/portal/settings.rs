//! The portal's settings: whether the app starts it, where it listens,
//! whether it speaks HTTPS, and the base URL its links start with (never
//! the Host header of a request, which a caller chooses).
//!
//! They also keep the HTTPS certificate the portal made and its fingerprint
//! (the portal's to record, never typed). A link's address is `link_at` over
//! `base_url_for_links`, which refuses while no base URL is set.

use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::settings::{get, put};
use crate::Actor;
use parc_api::portal::{PortalSettings, DEFAULT_PORT};
use parc_api::ValidationCode;
use sea_orm::ConnectionTrait;
use std::net::IpAddr;

const ENABLED: &str = "portal.enabled";
const BIND_ADDRESS: &str = "portal.bind_address";
const PORT: &str = "portal.port";
const HTTPS: &str = "portal.https";
const BASE_URL: &str = "portal.base_url";
const FINGERPRINT: &str = "portal.certificate_fingerprint";
const CERTIFICATE: &str = "portal.certificate";

/// The settings as stored, defaults where none was saved (for the doors).
pub async fn read(db: &impl ConnectionTrait) -> CoreResult<PortalSettings> {
    let defaults = PortalSettings::default();
    Ok(PortalSettings {
        enabled: get(db, ENABLED).await?.as_deref() == Some("true"),
        bind_address: get(db, BIND_ADDRESS)
            .await?
            .unwrap_or(defaults.bind_address),
        port: get(db, PORT)
            .await?
            .and_then(|p| p.parse().ok())
            .unwrap_or(DEFAULT_PORT),
        https: get(db, HTTPS).await?.as_deref() == Some("true"),
        base_url: get(db, BASE_URL).await?.unwrap_or_default(),
        certificate_fingerprint: get(db, FINGERPRINT).await?.filter(|f| !f.is_empty()),
    })
}

/// The settings for Settings → Portal (managers only).
pub async fn get_settings(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<PortalSettings> {
    require(actor, Operation::ManagePortal)?;
    read(db).await
}

/// Checks and keeps the settings; each refusal names its field. The
/// fingerprint is the portal's to record, never typed.
pub async fn save(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &PortalSettings,
) -> CoreResult<PortalSettings> {
    require(actor, Operation::ManagePortal)?;
    let bind: IpAddr = input.bind_address.trim().parse().map_err(|_| {
        CoreError::validation(
            "bind_address",
            ValidationCode::InvalidFormat,
            "must be an IP address, e.g. 127.0.0.1 (this computer) or 0.0.0.0 (the network)",
        )
    })?;
    if input.port == 0 {
        return Err(CoreError::validation(
            "port",
            ValidationCode::InvalidFormat,
            "must be a port number from 1 to 65535",
        ));
    }
    let base_url = base_url(&input.base_url)?;
    put(db, ENABLED, if input.enabled { "true" } else { "false" }).await?;
    put(db, BIND_ADDRESS, &bind.to_string()).await?;
    put(db, PORT, &input.port.to_string()).await?;
    put(db, HTTPS, if input.https { "true" } else { "false" }).await?;
    put(db, BASE_URL, &base_url).await?;
    read(db).await
}

/// The portal's HTTPS certificate (public, PEM), once made.
pub async fn certificate(db: &impl ConnectionTrait) -> CoreResult<Option<String>> {
    Ok(get(db, CERTIFICATE).await?.filter(|c| !c.is_empty()))
}

/// Keeps the certificate the portal made on its first HTTPS start, and its
/// SHA-256 fingerprint for Settings to show (its private key is the
/// caller's to keep, in the OS keyring).
pub async fn record_certificate(
    db: &impl ConnectionTrait,
    certificate_pem: &str,
    fingerprint: &str,
) -> CoreResult<()> {
    put(db, CERTIFICATE, certificate_pem).await?;
    put(db, FINGERPRINT, fingerprint).await
}

/// `http(s)://host[:port]`, without a trailing slash; empty is allowed
/// (no links can be made until it is set).
fn base_url(typed: &str) -> CoreResult<String> {
    let url = typed.trim().trim_end_matches('/');
    if url.is_empty() {
        return Ok(String::new());
    }
    let bad = || {
        CoreError::validation(
            "base_url",
            ValidationCode::InvalidFormat,
            "must be the portal's address as clients reach it, e.g. https://parc.example.lan:8470",
        )
    };
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(bad)?;
    let host_ok = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !host_ok {
        return Err(bad());
    }
    Ok(url.to_owned())
}

/// The configured address links start with, refused while none is set.
pub async fn base_url_for_links(db: &impl ConnectionTrait) -> CoreResult<String> {
    let base = read(db).await?.base_url;
    if base.is_empty() {
        return Err(CoreError::validation(
            "base_url",
            ValidationCode::Required,
            "set the portal's address (Settings → Portal) before sending links",
        ));
    }
    Ok(base)
}

/// The address of a one-time link: the configured base URL, never the
/// request's Host header.
pub fn link_at(base_url: &str, token: &str) -> String {
    format!("{base_url}/password/{token}")
}

#[cfg(test)]
mod tests {
    use super::base_url;

    #[test]
    fn base_urls_are_addresses_without_paths() {
        assert_eq!(
            base_url(" https://parc.lan:8470/ ").unwrap(),
            "https://parc.lan:8470"
        );
        assert_eq!(
            base_url("http://192.168.1.10").unwrap(),
            "http://192.168.1.10"
        );
        assert_eq!(base_url("").unwrap(), "");
        for bad in [
            "parc.lan",
            "ftp://parc.lan",
            "https://",
            "https://evil.com/x?y",
            "https://a b",
        ] {
            assert!(base_url(bad).is_err(), "{bad}");
        }
    }
}

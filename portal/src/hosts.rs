//! Which host names the portal answers to: DNS rebinding stays out.
//!
//! A page on `evil.example` can point its own name at the portal's LAN
//! address, and its scripts would then reach the portal as a same-origin
//! site (the Origin check compares with the request's own Host, which would
//! be `evil.example` too). A rebound name is a name, never an address, so
//! the portal answers a Host that is an IP address, `localhost`, or the
//! host of the configured base URL — what a client types or is sent — and
//! refuses any other name with 421 Misdirected Request.

use crate::Portal;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::IpAddr;

/// The host names the portal answers to besides addresses and `localhost`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KnownHosts {
    /// The base URL's host, lower case, when it is a name.
    name: Option<String>,
}

impl KnownHosts {
    /// The names a configured base URL (`http(s)://host[:port]`) allows.
    pub fn from_base_url(base_url: &str) -> KnownHosts {
        let rest = base_url
            .trim()
            .strip_prefix("https://")
            .or_else(|| base_url.trim().strip_prefix("http://"))
            .unwrap_or_default();
        let authority = rest.split('/').next().unwrap_or_default();
        let name =
            host_of(authority).filter(|host| host.parse::<IpAddr>().is_err() && !host.is_empty());
        KnownHosts { name }
    }

    /// Whether a request with this Host header is answered. No Host at all
    /// (HTTP/1.0 tools) is: browsers always send one.
    pub fn admits(&self, host_header: Option<&str>) -> bool {
        let Some(header) = host_header else {
            return true;
        };
        let Some(host) = host_of(header) else {
            return false;
        };
        host.parse::<IpAddr>().is_ok()
            || host == "localhost"
            || self.name.as_deref() == Some(host.as_str())
    }
}

/// The host of `host[:port]` or `[v6]:port`, lower case, without a final dot.
fn host_of(authority: &str) -> Option<String> {
    let authority = authority.trim();
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        bracketed.split_once(']')?.0
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
            _ => authority,
        }
    };
    Some(host.trim_end_matches('.').to_ascii_lowercase())
}

/// Refuses a request whose Host is a name the portal does not go by.
pub async fn admit_known_hosts(
    State(portal): State<Portal>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .map(|value| value.to_str().unwrap_or("\u{0}"));
    if portal.hosts.admits(host) {
        next.run(request).await
    } else {
        (
            StatusCode::MISDIRECTED_REQUEST,
            "This portal does not answer to that host name: use its address.",
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::KnownHosts;

    #[test]
    fn addresses_localhost_and_the_base_urls_name_are_admitted() {
        let hosts = KnownHosts::from_base_url("https://Parc.Example.lan:8470");
        for host in [
            "parc.example.lan",
            "PARC.example.lan:8470",
            "parc.example.lan.",
            "192.168.1.20:8470",
            "10.0.0.1",
            "[::1]:8470",
            "[fe80::1]",
            "localhost",
            "localhost:8470",
        ] {
            assert!(hosts.admits(Some(host)), "{host}");
        }
        assert!(hosts.admits(None), "no Host header (HTTP/1.0)");
    }

    #[test]
    fn other_names_are_refused() {
        let hosts = KnownHosts::from_base_url("https://parc.example.lan:8470");
        for host in [
            "evil.example",
            "evil.example:8470",
            "parc.example.lan.evil.example",
            "localhost.evil.example",
            "192.168.1.20.nip.io",
            "",
            "[::1",
            "\u{0}",
        ] {
            assert!(!hosts.admits(Some(host)), "{host:?}");
        }
    }

    #[test]
    fn without_a_named_base_url_only_addresses_and_localhost() {
        for base in ["", "http://192.168.1.20:8470", "not a url"] {
            let hosts = KnownHosts::from_base_url(base);
            assert_eq!(hosts, KnownHosts::default(), "{base}");
            assert!(hosts.admits(Some("192.168.1.20:8470")));
            assert!(!hosts.admits(Some("parc.example.lan")));
        }
    }
}

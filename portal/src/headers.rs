//! The headers every answer carries: no script, style or frame from
//! anywhere else, no content sniffing, no referrer to other sites (a link's
//! token must not leak; "no-referrer" would also make browsers send
//! `Origin: null` on the portal's own forms), no caching of pages that show
//! a client's data.
//!
//! Hence a CSP, `nosniff`, frame denial, `Referrer-Policy: same-origin`,
//! `no-store` unless an answer sets its own caching, and HSTS when the portal
//! speaks HTTPS.

use crate::Portal;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

// Images from the portal itself, and the QR code of the two-step sign-in's
// enrolment, which comes inline as a `data:` SVG (never a third party).
const CSP: &str =
    "default-src 'self'; img-src 'self' data:; script-src 'none'; object-src 'none'; \
                   frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

pub async fn secure(State(portal): State<Portal>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if portal.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

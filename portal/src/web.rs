//! The plumbing every page shares: who is visiting (session cookie,
//! language), the check every form goes through (Origin, then the CSRF
//! token), the cookies the portal sets, and how a failure becomes a page.
//!
//! `Posted<T>` is the only way a form reaches a handler: its Origin (else its
//! Referer) must be the request's own origin, then the page's CSRF token must
//! match, compared in constant time. `Visitor::failure` is the one conversion
//! of a core error: anything not the contact's is the same 404 page as a
//! missing record. The language comes from a cookie, else `Accept-Language`.

use crate::pages::ErrorPage;
use crate::words::Words;
use crate::Portal;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use parc_api::auth::Language;
use parc_core::portal::sessions::{self, Signed};
use parc_core::{Actor, CoreError};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// The largest form the portal reads (a ticket's description is 20,000 characters).
const FORM_LIMIT: usize = 128 * 1024;

/// A request's visitor: their language, and their session when signed in.
pub struct Visitor {
    pub words: &'static Words,
    pub signed: Option<Signed>,
    /// The session id their cookie carried, live or not.
    pub session_cookie: Option<String>,
    /// The token of anonymous forms (sign-in, reset), from its cookie.
    pub form_cookie: Option<String>,
    /// The page asked for (path and query), for the language switch to return to.
    pub path: String,
}

impl Visitor {
    /// The token forms on this page must carry.
    pub fn csrf(&self) -> &str {
        match &self.signed {
            Some(signed) => &signed.csrf_token,
            None => self.form_cookie.as_deref().unwrap_or(""),
        }
    }

    /// The signed-in contact, or the way to the sign-in page.
    pub fn member(&self) -> Result<&Signed, Response> {
        self.signed.as_ref().ok_or_else(|| {
            let to = if self.session_cookie.is_some() {
                "/login?ended=1"
            } else {
                "/login"
            };
            Redirect::to(to).into_response()
        })
    }

    pub fn actor(&self) -> Result<&Actor, Response> {
        Ok(&self.member()?.actor)
    }

    /// A page showing a core failure: "not found" for anything outside the
    /// contact's reach, exactly as for a missing record.
    pub fn failure(&self, error: CoreError) -> Response {
        match error {
            CoreError::NotFound { .. } | CoreError::Forbidden(_) => self.not_found(),
            CoreError::Unauthenticated => Redirect::to("/login").into_response(),
            CoreError::Validation { .. }
            | CoreError::FieldProblem { .. }
            | CoreError::Conflict(_)
            | CoreError::Referenced { .. } => self.error_page(
                StatusCode::BAD_REQUEST,
                self.words.refused_title,
                // A refusal Parc names is worded in the visitor's language.
                &error.problem().map_or_else(
                    || error.to_string(),
                    |problem| problem.text(self.words.lang),
                ),
            ),
            CoreError::Db(_) | CoreError::Internal(_) | CoreError::Failed(_) => {
                tracing::error!("portal request failed: {error}");
                self.error_page(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    self.words.error_title,
                    self.words.error_text,
                )
            }
        }
    }

    pub fn not_found(&self) -> Response {
        self.error_page(
            StatusCode::NOT_FOUND,
            self.words.not_found_title,
            self.words.not_found,
        )
    }

    pub fn refused(&self) -> Response {
        self.error_page(
            StatusCode::FORBIDDEN,
            self.words.refused_title,
            self.words.refused_text,
        )
    }

    fn error_page(&self, status: StatusCode, title: &str, text: &str) -> Response {
        let page = ErrorPage {
            shell: crate::pages::Shell::new(self, ""),
            title: title.to_owned(),
            text: text.to_owned(),
        };
        (status, render(&page)).into_response()
    }
}

/// `Result` of a core call, turned into the page of its failure.
pub trait OrPage<T> {
    fn or_page(self, visitor: &Visitor) -> Result<T, Response>;
}

impl<T> OrPage<T> for Result<T, CoreError> {
    fn or_page(self, visitor: &Visitor) -> Result<T, Response> {
        self.map_err(|e| visitor.failure(e))
    }
}

/// A template as an HTML page (a template that fails to render is a 500).
pub fn render(page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(error) => {
            tracing::error!("portal template failed: {error}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

pub const SESSION_COOKIE: &str = "parc_session";
pub const FORM_COOKIE: &str = "parc_form";
/// A sign-in whose password was right, waiting for its code (five minutes).
pub const CODE_COOKIE: &str = "parc_code";
pub const LANGUAGE_COOKIE: &str = "parc_lang";

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value: HttpOnly and SameSite=Strict always, Secure under HTTPS.
pub fn set_cookie(portal: &Portal, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let mut text = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if let Some(seconds) = max_age {
        text.push_str(&format!("; Max-Age={seconds}"));
    }
    if portal.https {
        text.push_str("; Secure");
    }
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn language(headers: &HeaderMap) -> Language {
    if let Some(chosen) = cookie(headers, LANGUAGE_COOKIE).and_then(|c| Language::from_code(&c)) {
        return chosen;
    }
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').find_map(|tag| Language::from_code(tag.trim())))
        .unwrap_or(Language::En)
}

impl FromRequestParts<Portal> for Visitor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, portal: &Portal) -> Result<Self, Response> {
        let words = Words::of(language(&parts.headers));
        let session_cookie = cookie(&parts.headers, SESSION_COOKIE);
        let signed = match &session_cookie {
            Some(id) => sessions::resume(&portal.db, id, chrono::Utc::now())
                .await
                .map_err(|e| {
                    tracing::error!("portal session check failed: {e}");
                    StatusCode::INTERNAL_SERVER_ERROR.into_response()
                })?,
            None => None,
        };
        Ok(Visitor {
            words,
            signed,
            session_cookie,
            form_cookie: cookie(&parts.headers, FORM_COOKIE),
            path: parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|| "/".to_owned()),
        })
    }
}

/// A form that passed the checks every state change goes through: sent
/// from the portal's own pages (its Origin, else its Referer), carrying the
/// page's token. Unknown fields are ignored: a form sets only what its
/// struct names.
pub struct Posted<T> {
    pub visitor: Visitor,
    pub form: T,
}

#[derive(Deserialize)]
struct Token {
    #[serde(default)]
    csrf: String,
}

impl<T: DeserializeOwned + Default> FromRequest<Portal> for Posted<T> {
    type Rejection = Response;

    async fn from_request(request: Request, portal: &Portal) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let visitor = Visitor::from_request_parts(&mut parts, portal).await?;
        if !same_origin(&parts.headers, portal) {
            return Err(visitor.refused());
        }
        // A session that ended while the page was open: sign in again,
        // rather than a refusal (the form's token was the session's).
        let path = parts.uri.path();
        let anonymous_form =
            matches!(path, "/login" | "/reset" | "/language") || path.starts_with("/password/");
        if visitor.session_cookie.is_some() && visitor.signed.is_none() && !anonymous_form {
            return Err(Redirect::to("/login?ended=1").into_response());
        }
        let bytes = axum::body::to_bytes(body, FORM_LIMIT)
            .await
            .unwrap_or_else(|_| Bytes::new());
        let token: Token = serde_urlencoded::from_bytes(&bytes).unwrap_or(Token {
            csrf: String::new(),
        });
        if !same_token(&token.csrf, visitor.csrf()) {
            return Err(visitor.refused());
        }
        let form = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        Ok(Posted { visitor, form })
    }
}

/// Compares in time independent of where the strings differ.
fn same_token(sent: &str, expected: &str) -> bool {
    if expected.is_empty() || sent.len() != expected.len() {
        return false;
    }
    sent.bytes()
        .zip(expected.bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}

/// Whether a state-changing request comes from a page of this portal: its
/// Origin (or, without one, its Referer) is the address it was sent to.
fn same_origin(headers: &HeaderMap, portal: &Portal) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let scheme = if portal.https { "https" } else { "http" };
    let ours = format!("{scheme}://{host}");
    if let Some(origin) = headers.get(header::ORIGIN) {
        return origin.to_str().is_ok_and(|o| o == ours);
    }
    headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .is_some_and(|r| r == ours || r.starts_with(&format!("{ours}/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_must_match_whole() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abd", "abc"));
        assert!(!same_token("ab", "abc"));
        assert!(!same_token("", ""));
    }

    #[test]
    fn cookies_are_read_by_exact_name() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("xparc_session=1; parc_session=2"),
        );
        assert_eq!(cookie(&headers, SESSION_COOKIE).as_deref(), Some("2"));
        assert_eq!(cookie(&headers, FORM_COOKIE), None);
    }
}

//! The portal's pages: one module per part, each a few handlers that read
//! the request, call core as the signed-in contact and render a template.

mod auth;
mod home;
mod records;
mod security;
mod tickets;

use crate::web::Visitor;
use crate::words::Words;
use crate::Portal;
use askama::Template;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router<Portal> {
    Router::new()
        .route("/", get(home::page))
        .route("/login", get(auth::sign_in_page).post(auth::sign_in))
        .route(
            "/login/code",
            get(auth::code_page).post(auth::complete_sign_in),
        )
        .route("/security", get(security::page))
        .route("/security/begin", post(security::begin))
        .route("/security/confirm", post(security::confirm))
        .route("/security/off", post(security::turn_off))
        .route("/logout", post(auth::sign_out))
        .route("/reset", get(auth::reset_page).post(auth::reset))
        .route(
            "/password/{token}",
            get(auth::password_page).post(auth::choose_password),
        )
        .route("/language", post(auth::language))
        .route("/equipment", get(records::equipment_list))
        .route("/equipment/{id}", get(records::equipment_page))
        .route("/contracts", get(records::contracts))
        .route("/invoices", get(records::invoices))
        .route("/invoices/{id}/pdf", get(records::invoice_pdf))
        .route("/licences", get(records::licences))
        .route("/tickets", get(tickets::list).post(tickets::create))
        .route("/tickets/new", get(tickets::new_page))
        .route("/tickets/{id}", get(tickets::page))
        .route("/tickets/{id}/reply", post(tickets::reply))
        .route("/static/portal.css", get(stylesheet))
        .fallback(not_found)
}

/// The frame of every page: words, the form token, who is signed in, and
/// which part of the menu is lit.
pub struct Shell {
    pub t: &'static Words,
    pub csrf: String,
    pub contact: Option<String>,
    pub client: Option<String>,
    pub active: &'static str,
    /// Where the language switch comes back to.
    pub path: String,
}

impl Shell {
    pub fn new(visitor: &Visitor, active: &'static str) -> Self {
        Shell {
            t: visitor.words,
            csrf: visitor.csrf().to_owned(),
            contact: visitor.signed.as_ref().map(|s| s.contact_name.clone()),
            client: visitor.signed.as_ref().map(|s| s.client_name.clone()),
            active,
            path: visitor.path.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub shell: Shell,
    pub title: String,
    pub text: String,
}

async fn not_found(visitor: Visitor) -> axum::response::Response {
    visitor.not_found()
}

/// The one stylesheet; cached for a day (it changes with the binary).
async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../../static/portal.css"),
    )
}

/// The highest page number asked for (beyond it, the last rows are far).
const LAST_PAGE: u64 = 1_000_000;

/// A page number from the query string: 1 for anything not a positive
/// number, at most `LAST_PAGE`.
pub fn page_number(typed: &str) -> u64 {
    typed
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|p| *p >= 1)
        .map_or(1, |p| p.min(LAST_PAGE))
}

/// A record id from the path; `None` (a 404) for anything but digits
/// making a positive number ("+1", "1e3", "0x10" are not ids).
pub fn record_id(typed: &str) -> Option<i64> {
    if typed.is_empty() || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    typed.parse::<i64>().ok().filter(|id| *id > 0)
}

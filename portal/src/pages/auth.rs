//! Signing in and out, choosing a password from a one-time link, asking
//! for a new link, and the language switch.

use super::Shell;
use crate::web::{
    cookie, render, set_cookie, Posted, Visitor, CODE_COOKIE, FORM_COOKIE, LANGUAGE_COOKIE,
    SESSION_COOKIE,
};
use crate::Portal;
use askama::Template;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use parc_api::ValidationCode;
use parc_core::auth::password::new_token;
use parc_core::portal::{accounts, sessions};
use parc_core::throttle::Verdict;
use parc_core::CoreError;
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Template)]
#[template(path = "login.html")]
struct SignInPage {
    shell: Shell,
    email: String,
    notice: Option<&'static str>,
    problem: Option<&'static str>,
}

#[derive(Deserialize, Default)]
pub struct SignInNotice {
    #[serde(default)]
    ended: Option<String>,
    #[serde(default)]
    saved: Option<String>,
    #[serde(default)]
    out: Option<String>,
}

/// An anonymous page's form token: the visitor's cookie, or a new one set
/// with this answer.
fn anonymous_token(portal: &Portal, visitor: &mut Visitor) -> Option<axum::http::HeaderValue> {
    if visitor.signed.is_some() || visitor.form_cookie.is_some() {
        return None;
    }
    let token = new_token();
    visitor.form_cookie = Some(token.clone());
    Some(set_cookie(portal, FORM_COOKIE, &token, None))
}

fn with_cookie(response: Response, cookie: Option<axum::http::HeaderValue>) -> Response {
    let mut response = response;
    if let Some(cookie) = cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

pub async fn sign_in_page(
    State(portal): State<Portal>,
    mut visitor: Visitor,
    Query(notice): Query<SignInNotice>,
) -> Response {
    if visitor.signed.is_some() {
        return Redirect::to("/").into_response();
    }
    let cookie = anonymous_token(&portal, &mut visitor);
    let t = visitor.words;
    let notice = if notice.saved.is_some() {
        Some(t.password_saved)
    } else if notice.ended.is_some() {
        Some(t.session_over)
    } else if notice.out.is_some() {
        Some(t.signed_out)
    } else {
        None
    };
    let page = SignInPage {
        shell: Shell::new(&visitor, ""),
        email: String::new(),
        notice,
        problem: None,
    };
    with_cookie(render(&page), cookie)
}

#[derive(Deserialize, Default)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn sign_in(
    State(portal): State<Portal>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Posted { visitor, form }: Posted<SignInForm>,
) -> Response {
    let again = |problem: &'static str, status: StatusCode| {
        let page = SignInPage {
            shell: Shell::new(&visitor, ""),
            email: form.email.clone(),
            notice: None,
            problem: Some(problem),
        };
        (status, render(&page)).into_response()
    };
    // No address is that long: answered as a wrong one, nothing kept.
    if form.email.len() > 254 || form.password.len() > 1024 {
        return again(visitor.words.wrong_credentials, StatusCode::OK);
    }
    if let Verdict::Refused { retry_after } = portal.throttle.attempt(&form.email, peer.ip()) {
        let mut refused = again(visitor.words.throttled, StatusCode::TOO_MANY_REQUESTS);
        refused
            .headers_mut()
            .insert(header::RETRY_AFTER, retry_after.as_secs().into());
        return refused;
    }
    let opened = sessions::sign_in(
        &portal.db,
        &form.email,
        &form.password,
        visitor.session_cookie.as_deref(),
    )
    .await;
    match opened {
        Ok(Some(sessions::SignInStep::Opened(opened))) => {
            portal.throttle.succeeded(&form.email, peer.ip());
            signed_in(&portal, &opened)
        }
        // The password was right; the code decides (and counts its own
        // failures: five wrong codes end the sign-in).
        Ok(Some(sessions::SignInStep::Code(pending))) => {
            portal.throttle.succeeded(&form.email, peer.ip());
            let mut response = Redirect::to("/login/code").into_response();
            response.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(&portal, CODE_COOKIE, &pending.token, Some(300)),
            );
            response
        }
        Ok(None) => again(visitor.words.wrong_credentials, StatusCode::OK),
        Err(error) => visitor.failure(error),
    }
}

/// Home, with the new session's cookie (and the code's one ended).
fn signed_in(portal: &Portal, opened: &sessions::Opened) -> Response {
    let mut response = Redirect::to("/").into_response();
    let headers = response.headers_mut();
    headers.append(
        header::SET_COOKIE,
        set_cookie(portal, SESSION_COOKIE, &opened.session_id, None),
    );
    headers.append(
        header::SET_COOKIE,
        set_cookie(portal, CODE_COOKIE, "", Some(0)),
    );
    response
}

#[derive(Template)]
#[template(path = "code.html")]
struct CodePage {
    shell: Shell,
    problem: Option<&'static str>,
}

fn code_page_with(visitor: &Visitor, problem: Option<&'static str>) -> Response {
    render(&CodePage {
        shell: Shell::new(visitor, ""),
        problem,
    })
}

/// The sign-in's second step; without a sign-in waiting, back to the first.
pub async fn code_page(visitor: Visitor, headers: HeaderMap) -> Response {
    if visitor.signed.is_some() {
        return Redirect::to("/").into_response();
    }
    if cookie(&headers, CODE_COOKIE).is_none() {
        return Redirect::to("/login").into_response();
    }
    code_page_with(&visitor, None)
}

#[derive(Deserialize, Default)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn complete_sign_in(
    State(portal): State<Portal>,
    headers: HeaderMap,
    Posted { visitor, form }: Posted<CodeForm>,
) -> Response {
    let Some(token) = cookie(&headers, CODE_COOKIE) else {
        return Redirect::to("/login").into_response();
    };
    if form.code.len() > 64 {
        return code_page_with(&visitor, Some(visitor.words.code_wrong));
    }
    let t = visitor.words;
    match sessions::complete_sign_in(&portal.db, &token, form.code.trim(), chrono::Utc::now()).await
    {
        Ok(opened) => signed_in(&portal, &opened),
        Err(CoreError::Validation { code, .. }) => match code {
            ValidationCode::CodeUsed => code_page_with(&visitor, Some(t.code_used)),
            ValidationCode::SignInExpired => {
                let page = SignInPage {
                    shell: Shell::new(&visitor, ""),
                    email: String::new(),
                    notice: None,
                    problem: Some(t.code_over),
                };
                let mut response = render(&page);
                response.headers_mut().append(
                    header::SET_COOKIE,
                    set_cookie(&portal, CODE_COOKIE, "", Some(0)),
                );
                response
            }
            _ => code_page_with(&visitor, Some(t.code_wrong)),
        },
        Err(error) => visitor.failure(error),
    }
}

#[derive(Deserialize, Default)]
pub struct Nothing {}

pub async fn sign_out(
    State(portal): State<Portal>,
    Posted { visitor, .. }: Posted<Nothing>,
) -> Response {
    if let Some(id) = &visitor.session_cookie {
        if let Err(error) = sessions::sign_out(&portal.db, id).await {
            return visitor.failure(error);
        }
    }
    let mut response = Redirect::to("/login?out=1").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&portal, SESSION_COOKIE, "", Some(0)),
    );
    response
}

#[derive(Template)]
#[template(path = "reset.html")]
struct ResetPage {
    shell: Shell,
    sent: bool,
    dead_link: bool,
}

pub async fn reset_page(State(portal): State<Portal>, mut visitor: Visitor) -> Response {
    let cookie = anonymous_token(&portal, &mut visitor);
    let page = ResetPage {
        shell: Shell::new(&visitor, ""),
        sent: false,
        dead_link: false,
    };
    with_cookie(render(&page), cookie)
}

#[derive(Deserialize, Default)]
pub struct ResetForm {
    #[serde(default)]
    email: String,
}

/// Answers at once and the same for every address; the link is made and
/// mailed afterwards, so the answer's timing tells nothing either. Only
/// with a turn (`Throttle::reset_turn`): too many requests for an address
/// or from one place, or too many at once, do nothing.
pub async fn reset(
    State(portal): State<Portal>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Posted { visitor, form }: Posted<ResetForm>,
) -> Response {
    let email = form.email.trim().to_owned();
    let turn = (email.len() <= 254)
        .then(|| portal.throttle.reset_turn(&email, peer.ip()))
        .flatten();
    if let Some(turn) = turn {
        let db = portal.db.clone();
        tokio::spawn(async move {
            if let Err(error) = sessions::ask_reset(&db, &email).await {
                tracing::warn!("portal password reset not mailed: {error}");
            }
            drop(turn);
        });
    }
    let page = ResetPage {
        shell: Shell::new(&visitor, ""),
        sent: true,
        dead_link: false,
    };
    render(&page)
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    shell: Shell,
    name: String,
    token: String,
    problem: Option<String>,
}

pub async fn password_page(
    State(portal): State<Portal>,
    mut visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    let holder = match accounts::link_holder(&portal.db, &token).await {
        Ok(holder) => holder,
        Err(error) => return visitor.failure(error),
    };
    let cookie = anonymous_token(&portal, &mut visitor);
    let response = match holder {
        Some(name) => render(&PasswordPage {
            shell: Shell::new(&visitor, ""),
            name,
            token,
            problem: None,
        }),
        None => dead_link(&visitor),
    };
    with_cookie(response, cookie)
}

fn dead_link(visitor: &Visitor) -> Response {
    let page = ResetPage {
        shell: Shell::new(visitor, ""),
        sent: false,
        dead_link: true,
    };
    (StatusCode::NOT_FOUND, render(&page)).into_response()
}

#[derive(Deserialize, Default)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    repeat: String,
}

pub async fn choose_password(
    State(portal): State<Portal>,
    Path(token): Path<String>,
    Posted { visitor, form }: Posted<PasswordForm>,
) -> Response {
    match accounts::choose_password(&portal.db, &token, &form.password, &form.repeat).await {
        Ok(_) => Redirect::to("/login?saved=1").into_response(),
        Err(CoreError::Validation { field, message, .. }) if field != "link" => {
            let name = accounts::link_holder(&portal.db, &token)
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
            let label = if field == "repeat" {
                visitor.words.repeat_password
            } else {
                visitor.words.new_password
            };
            let page = PasswordPage {
                shell: Shell::new(&visitor, ""),
                name,
                token,
                problem: Some(format!("{label}: {message}")),
            };
            (StatusCode::BAD_REQUEST, render(&page)).into_response()
        }
        Err(CoreError::Validation { .. }) => dead_link(&visitor),
        Err(error) => visitor.failure(error),
    }
}

#[derive(Deserialize, Default)]
pub struct LanguageForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    back: String,
}

/// Keeps the chosen language in a cookie and goes back to the page it was
/// chosen on (a path of this site only).
pub async fn language(
    State(portal): State<Portal>,
    Posted { form, .. }: Posted<LanguageForm>,
) -> Response {
    let lang = parc_api::auth::Language::from_code(&form.lang).unwrap_or_default();
    let back = if form.back.starts_with('/')
        && !form.back.starts_with("//")
        && !form
            .back
            .chars()
            .any(|c| c == '\\' || c.is_whitespace() || c.is_control())
    {
        form.back
    } else {
        "/".to_owned()
    };
    let mut response = Redirect::to(&back).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&portal, LANGUAGE_COOKIE, lang.code(), Some(365 * 24 * 3600)),
    );
    response
}

//! A contact's own two-step sign-in (optional on the portal, switched on
//! by the contact alone): scan the QR code, confirm with a first code, keep
//! the recovery codes shown once; later turn it off with the password or a
//! current code. The rules are `parc_core::auth::second_factor`'s, the same
//! as for staff.

use super::Shell;
use crate::web::{render, OrPage, Posted, Visitor};
use crate::Portal;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use parc_api::second_factor::SecondFactorEnrolment;
use parc_api::ValidationCode;
use parc_core::auth::second_factor as factor;
use parc_core::CoreError;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "security.html")]
struct SecurityPage {
    shell: Shell,
    enabled: bool,
    codes_left: u32,
    /// Being enrolled: the QR code and the secret.
    enrolment: Option<SecondFactorEnrolment>,
    /// Just confirmed: shown this once.
    recovery_codes: Vec<String>,
    notice: Option<&'static str>,
    problem: Option<&'static str>,
}

#[derive(Deserialize, Default)]
pub struct SecurityNotice {
    #[serde(default)]
    off: Option<String>,
}

/// The page as the contact's factor stands now.
async fn page_now(
    portal: &Portal,
    visitor: &Visitor,
    notice: Option<&'static str>,
    problem: Option<&'static str>,
) -> Result<SecurityPage, Response> {
    let actor = visitor.actor()?;
    let status = factor::status(&portal.db, actor).await.or_page(visitor)?;
    let enrolment = if status.enabled {
        None
    } else {
        factor::pending_enrolment(&portal.db, actor)
            .await
            .or_page(visitor)?
    };
    Ok(SecurityPage {
        shell: Shell::new(visitor, "security"),
        enabled: status.enabled,
        codes_left: status.recovery_codes_left,
        enrolment,
        recovery_codes: Vec::new(),
        notice,
        problem,
    })
}

pub async fn page(
    State(portal): State<Portal>,
    visitor: Visitor,
    Query(notice): Query<SecurityNotice>,
) -> Result<Response, Response> {
    let notice = notice.off.map(|_| visitor.words.two_step_turned_off);
    Ok(render(&page_now(&portal, &visitor, notice, None).await?))
}

#[derive(Deserialize, Default)]
pub struct Nothing {}

pub async fn begin(
    State(portal): State<Portal>,
    Posted { visitor, .. }: Posted<Nothing>,
) -> Result<Response, Response> {
    factor::begin_enrolment(&portal.db, visitor.actor()?)
        .await
        .or_page(&visitor)?;
    Ok(Redirect::to("/security").into_response())
}

#[derive(Deserialize, Default)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// The words of a refused code.
fn code_problem(visitor: &Visitor, error: &CoreError) -> Option<&'static str> {
    match error {
        CoreError::Validation {
            code: ValidationCode::CodeUsed,
            ..
        } => Some(visitor.words.code_used),
        CoreError::Validation { .. } => Some(visitor.words.code_wrong),
        _ => None,
    }
}

pub async fn confirm(
    State(portal): State<Portal>,
    Posted { visitor, form }: Posted<CodeForm>,
) -> Result<Response, Response> {
    let actor = visitor.actor()?;
    let typed = form.code.trim();
    match factor::confirm_enrolment(&portal.db, actor, typed, chrono::Utc::now()).await {
        Ok(recovery_codes) => {
            let mut page = page_now(&portal, &visitor, None, None).await?;
            page.recovery_codes = recovery_codes;
            Ok(render(&page))
        }
        Err(error) => match code_problem(&visitor, &error) {
            Some(problem) => Ok(render(
                &page_now(&portal, &visitor, None, Some(problem)).await?,
            )),
            None => Err(visitor.failure(error)),
        },
    }
}

#[derive(Deserialize, Default)]
pub struct ProofForm {
    #[serde(default)]
    proof: String,
}

pub async fn turn_off(
    State(portal): State<Portal>,
    Posted { visitor, form }: Posted<ProofForm>,
) -> Result<Response, Response> {
    let actor = visitor.actor()?;
    if form.proof.len() > 1024 {
        let problem = Some(visitor.words.two_step_wrong_proof);
        return Ok(render(&page_now(&portal, &visitor, None, problem).await?));
    }
    match factor::disable(&portal.db, actor, &form.proof, chrono::Utc::now()).await {
        Ok(()) => Ok(Redirect::to("/security?off=1").into_response()),
        Err(CoreError::Validation { .. }) => {
            let problem = Some(visitor.words.two_step_wrong_proof);
            Ok(render(&page_now(&portal, &visitor, None, problem).await?))
        }
        Err(error) => Err(visitor.failure(error)),
    }
}

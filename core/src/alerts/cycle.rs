//! One round of alerting, as the app (every five minutes) and `parc alerts
//! scan` run it: the scan, then the mails it calls for (the managers'
//! digest, the clients' notices), then — for a caller that shows them —
//! the desktop notices. A mail problem is reported, never in the way of
//! the notices.

use super::notify::{self, Notice};
use super::scan;
use crate::error::CoreResult;
use chrono::NaiveDate;
use parc_api::alerts::ScanSummary;
use sea_orm::{ConnectionTrait, TransactionTrait};

/// What a round did.
#[derive(Debug, Default)]
pub struct Round {
    pub summary: ScanSummary,
    /// The notices to show (empty unless asked for).
    pub notices: Vec<Notice>,
    /// Why the alert mails could not be queued, when they could not.
    pub mail_problem: Option<String>,
}

/// Runs one round on `today`; `notices` asks for the desktop notices
/// (marking the alerts told).
pub async fn run<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    today: NaiveDate,
    notices: bool,
) -> CoreResult<Round> {
    let summary = scan::scan(db, today).await?;
    let mail_problem = super::mailing::after_scan(db, today)
        .await
        .err()
        .map(|e| e.to_string());
    let notices = if notices {
        notify::take_notices(db, today).await?
    } else {
        Vec::new()
    };
    Ok(Round {
        summary,
        notices,
        mail_problem,
    })
}

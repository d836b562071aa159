//! The figures of a period, for the statistics page and the activity
//! report: tickets opened and resolved, SLA compliance, time to resolve,
//! interventions carried out, time recorded and what was invoiced, narrowed
//! to a client and a technician. The same definitions as the dashboard's
//! (`tickets::compliance_in`, `business::time_in`), over chosen days.

use super::business::{client_condition, time_in};
use super::tickets::{compliance_in, conditions, mean_minutes_to_resolve_in};
use super::{codes, count, may_read, narrowed, number, row, rows, Narrowed, Window};
use crate::desk::local_time::CompanyZone;
use crate::error::{CoreError, CoreResult};
use crate::validate;
use crate::Actor;
use chrono::NaiveDate;
use parc_api::interventions::InterventionStatus;
use parc_api::invoices::InvoiceStatus;
use parc_api::kpi::{KpiFilter, PriorityCount, Statistics, StatisticsQuery};
use parc_api::tickets::Priority;
use parc_api::ValidationCode;
use sea_orm::ConnectionTrait;

/// The longest period asked at once (ten years: every figure is an
/// aggregate, but a typo of a century should say so).
pub const MAX_DAYS: i64 = 3660;

/// The period a query names: both days given, in order, not too long.
pub fn period_of(from: &str, to: &str) -> CoreResult<(NaiveDate, NaiveDate)> {
    let required = |field: &str| {
        CoreError::validation(
            field,
            ValidationCode::Required,
            format!("the {field} day is required"),
        )
    };
    let from_day = validate::date("from", from)?.ok_or_else(|| required("from"))?;
    let to_day = validate::date("to", to)?.ok_or_else(|| required("to"))?;
    check_period(from_day, to_day)?;
    Ok((from_day, to_day))
}

/// A period in order and not too long (the command line's days too).
pub fn check_period(from_day: NaiveDate, to_day: NaiveDate) -> CoreResult<()> {
    if to_day < from_day {
        return Err(CoreError::validation(
            "to",
            ValidationCode::InvalidDate,
            format!("the period ends ({to_day}) before it starts ({from_day})"),
        ));
    }
    if (to_day - from_day).num_days() >= MAX_DAYS {
        return Err(CoreError::validation(
            "to",
            ValidationCode::InvalidDate,
            format!("a period is at most {MAX_DAYS} days"),
        ));
    }
    Ok(())
}

/// The statistics of the query's period.
pub async fn statistics(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &StatisticsQuery,
) -> CoreResult<Statistics> {
    let (from, to) = period_of(&query.from, &query.to)?;
    statistics_between(db, actor, &query.filter, from, to).await
}

/// The statistics from `from` to `to`, both included.
pub async fn statistics_between(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &KpiFilter,
    from: NaiveDate,
    to: NaiveDate,
) -> CoreResult<Statistics> {
    may_read(actor)?;
    let narrowed = narrowed(filter)?;
    let zone = CompanyZone::load(db).await?;
    let window = Window::days(&zone, from, to)?;
    let (first_response, resolution) = compliance_in(db, &narrowed, &window).await?;
    let opened_by_priority = opened_by_priority(db, &narrowed, &window).await?;
    Ok(Statistics {
        from,
        to,
        tickets_opened: opened_by_priority.iter().map(|p| p.count).sum(),
        opened_by_priority,
        tickets_resolved: resolved(db, &narrowed, &window).await?,
        first_response,
        resolution,
        mean_minutes_to_resolve: mean_minutes_to_resolve_in(db, &narrowed, &window).await?,
        interventions_done: interventions_done(db, &narrowed, &window).await?,
        time: time_in(db, &narrowed, &window).await?,
        invoiced_cents: invoiced(db, &narrowed, from, to).await?,
    })
}

async fn opened_by_priority(
    db: &impl ConnectionTrait,
    filter: &Narrowed,
    window: &Window,
) -> CoreResult<Vec<PriorityCount>> {
    let sql = format!(
        "SELECT priority, COUNT(*) FROM tickets \
         WHERE created_at >= ? AND created_at < ?{} GROUP BY priority",
        conditions(filter)
    );
    let found = rows(db, sql, window.values()).await?;
    let mut counts: Vec<PriorityCount> = Priority::ALL
        .iter()
        .rev()
        .map(|p| PriorityCount {
            priority: *p,
            count: 0,
        })
        .collect();
    for row in found {
        let code: String = row.try_get_by_index(0)?;
        if let Some(slot) = counts.iter_mut().find(|c| c.priority.code() == code) {
            slot.count = count(&row, 1)?;
        }
    }
    Ok(counts)
}

async fn resolved(
    db: &impl ConnectionTrait,
    filter: &Narrowed,
    window: &Window,
) -> CoreResult<u64> {
    let sql = format!(
        "SELECT COUNT(*) FROM tickets WHERE resolved_at >= ? AND resolved_at < ?{}",
        conditions(filter)
    );
    match row(db, sql, window.values()).await? {
        Some(row) => count(&row, 0),
        None => Ok(0),
    }
}

/// Done interventions whose work (its end, else its start, else the
/// planned start) falls in the window.
async fn interventions_done(
    db: &impl ConnectionTrait,
    filter: &Narrowed,
    window: &Window,
) -> CoreResult<u64> {
    let mut conditions = client_condition(filter, "client_id");
    if let Some(id) = filter.technician_id {
        conditions.push_str(&format!(" AND technician_id = {id}"));
    }
    let sql = format!(
        "SELECT COUNT(*) FROM interventions \
         WHERE status = '{done}' \
           AND COALESCE(actual_end, actual_start, scheduled_start) >= ? \
           AND COALESCE(actual_end, actual_start, scheduled_start) < ?{conditions}",
        done = InterventionStatus::Done.code(),
    );
    match row(db, sql, window.values()).await? {
        Some(row) => count(&row, 0),
        None => Ok(0),
    }
}

/// Invoices and credit notes issued from `from` to `to` (drafts have no
/// number and do not count; an invoice later credited still counts on its
/// day, its credit note negative on its own).
async fn invoiced(
    db: &impl ConnectionTrait,
    filter: &Narrowed,
    from: NaiveDate,
    to: NaiveDate,
) -> CoreResult<i64> {
    let issued = codes(
        &InvoiceStatus::ALL,
        |s| s != InvoiceStatus::Draft,
        InvoiceStatus::code,
    );
    let sql = format!(
        "SELECT SUM(excluding_vat_cents) FROM invoices \
         WHERE status IN ({issued}) AND issue_date >= ? AND issue_date <= ?{}",
        client_condition(filter, "client_id")
    );
    match row(db, sql, [from.into(), to.into()]).await? {
        Some(row) => number(&row, 0),
        None => Ok(0),
    }
}

//! The service desk's figures: open tickets by priority and SLA state, SLA
//! compliance over 30 and 90 days, mean time to resolve, and the backlog's
//! last 12 weeks.
//!
//! Compliance counts each target's own cached state (migration 15) for the
//! tickets opened in the window: met and breached are settled; a target
//! still running (on track, at risk, paused) is not counted yet.
//!
//! The backlog's weeks (opened, resolved, open at each week's end) come in one
//! statement.

use super::{codes, count, day_start, may_read, monday_of, narrowed, row, rows, Narrowed, Window};
use crate::desk::local_time::CompanyZone;
use crate::error::CoreResult;
use crate::Actor;
use chrono::{DateTime, Days, NaiveDate, Utc};
use parc_api::kpi::{
    BacklogWeek, Compliance, KpiFilter, OpenTicketCount, SlaCompliance, TicketKpis,
};
use parc_api::tickets::{Priority, SlaState, TicketStatus};
use sea_orm::{ConnectionTrait, Value};

/// The compliance windows, in days.
pub const COMPLIANCE_DAYS: [u32; 2] = [30, 90];
/// The window of the mean time to resolve, in days.
pub const RESOLVE_DAYS: u32 = 30;
/// The backlog's weeks.
pub const BACKLOG_WEEKS: u32 = 12;

/// The filter as SQL conditions on `tickets`. The ids are integers checked
/// by type, written into the text (the same statement text whatever the
/// filter would need a condition that defeats the indexes).
pub(super) fn conditions(filter: &Narrowed) -> String {
    let mut sql = String::new();
    if let Some(id) = filter.client_id {
        sql.push_str(&format!(" AND client_id = {id}"));
    }
    if let Some(id) = filter.technician_id {
        sql.push_str(&format!(" AND assignee_id = {id}"));
    }
    sql
}

/// Every ticket figure at `now` (today in `zone`), narrowed by `filter`.
pub async fn ticket_kpis(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &KpiFilter,
    zone: &CompanyZone,
    now: DateTime<Utc>,
) -> CoreResult<TicketKpis> {
    may_read(actor)?;
    let filter = narrowed(filter)?;
    let today = zone.day(now).unwrap_or_else(|| now.date_naive());
    Ok(TicketKpis {
        open: open(db, &filter).await?,
        compliance: compliance(db, &filter, zone, today).await?,
        mean_minutes_to_resolve: mean_minutes_to_resolve(db, &filter, zone, today).await?,
        backlog: backlog(db, &filter, zone, today).await?,
    })
}

async fn open(db: &impl ConnectionTrait, filter: &Narrowed) -> CoreResult<Vec<OpenTicketCount>> {
    let closed = codes(&TicketStatus::ALL, |s| !s.is_open(), TicketStatus::code);
    let sql = format!(
        "SELECT priority, sla_state, COUNT(*) FROM tickets \
         WHERE status NOT IN ({}){} GROUP BY priority, sla_state",
        closed,
        conditions(filter)
    );
    let rows = rows(db, sql, []).await?;
    let mut counts = Vec::new();
    for row in rows {
        let priority: String = row.try_get_by_index(0)?;
        let state: String = row.try_get_by_index(1)?;
        if let (Some(priority), Some(sla_state)) =
            (Priority::from_code(&priority), SlaState::from_code(&state))
        {
            counts.push(OpenTicketCount {
                priority,
                sla_state,
                count: count(&row, 2)?,
            });
        }
    }
    counts.sort_by_key(|c| (std::cmp::Reverse(c.priority), c.sla_state.code()));
    Ok(counts)
}

async fn compliance(
    db: &impl ConnectionTrait,
    filter: &Narrowed,
    zone: &CompanyZone,
    today: NaiveDate,
) -> CoreResult<Vec<SlaCompliance>> {
    let mut figures = Vec::new();
    for days in COMPLIANCE_DAYS {
        let window = Window::days_up_to(zone, today, days)?;
        let (first_response, resolution) = compliance_in(db, filter, &window).await?;
        figures.push(SlaCompliance {
            days,
            first_response,
            resolution,
        });
    }
    Ok(figures)
}

/// First-response and resolution compliance of the tickets opened in `window`.
pub(super) async fn compliance_in(
    db: &impl ConnectionTrait,
    filter: &Narrowed,
    window: &Window,
) -> CoreResult<(Compliance, Compliance)> {
    let sql = format!(
        "SELECT SUM(first_response_state = 'met'), SUM(first_response_state = 'breached'), \
                SUM(resolution_state = 'met'), SUM(resolution_state = 'breached') \
         FROM tickets WHERE created_at >= ? AND created_at < ?{}",
        conditions(filter)
    );
    let row = row(db, sql, window.values()).await?;
    let figure = |first: usize| -> CoreResult<Compliance> {
        Ok(match &row {
            Some(row) => Compliance {
                met: count(row, first)?,
                breached: count(row, first + 1)?,
            },
            None => Compliance::default(),
        })
    };
    Ok((figure(0)?, figure(2)?))
}

async fn mean_minutes_to_resolve(
    db: &impl ConnectionTrait,
    filter: &Narrowed,
    zone: &CompanyZone,
    today: NaiveDate,
) -> CoreResult<Option<i64>> {
    let window = Window::days_up_to(zone, today, RESOLVE_DAYS)?;
    mean_minutes_to_resolve_in(db, filter, &window).await
}

/// The mean wall-clock time from opening to resolution of the tickets
/// resolved in `window`, in minutes.
pub(super) async fn mean_minutes_to_resolve_in(
    db: &impl ConnectionTrait,
    filter: &Narrowed,
    window: &Window,
) -> CoreResult<Option<i64>> {
    let sql = format!(
        "SELECT AVG((julianday(resolved_at) - julianday(created_at)) * 1440.0) \
         FROM tickets WHERE resolved_at >= ? AND resolved_at < ?{}",
        conditions(filter)
    );
    let row = row(db, sql, window.values()).await?;
    let mean: Option<f64> = match row {
        Some(row) => row.try_get_by_index(0)?,
        None => None,
    };
    Ok(mean.map(|m| m.round() as i64))
}

async fn backlog(
    db: &impl ConnectionTrait,
    filter: &Narrowed,
    zone: &CompanyZone,
    today: NaiveDate,
) -> CoreResult<Vec<BacklogWeek>> {
    let this_monday = monday_of(today);
    let mut mondays = Vec::new();
    for back in (0..BACKLOG_WEEKS).rev() {
        mondays.push(this_monday - Days::new(7 * u64::from(back)));
    }
    let mut values = Vec::new();
    let mut rows_sql = Vec::new();
    for monday in &mondays {
        values.push(Value::from(day_start(zone, *monday)?));
        values.push(Value::from(day_start(zone, *monday + Days::new(7))?));
        rows_sql.push("(?, ?)");
    }
    let f = conditions(filter);
    let sql = format!(
        "WITH weeks(start_at, end_at) AS (VALUES {rows}) \
         SELECT \
           (SELECT COUNT(*) FROM tickets WHERE created_at >= start_at AND created_at < end_at{f}), \
           (SELECT COUNT(*) FROM tickets WHERE resolved_at >= start_at AND resolved_at < end_at{f}), \
           (SELECT COUNT(*) FROM tickets WHERE resolved_at IS NULL AND created_at < end_at{f}) \
           + (SELECT COUNT(*) FROM tickets WHERE resolved_at >= end_at AND created_at < end_at{f}) \
         FROM weeks ORDER BY start_at",
        rows = rows_sql.join(", ")
    );
    let rows = rows(db, sql, values).await?;
    let mut weeks = Vec::new();
    for (monday, row) in mondays.into_iter().zip(rows) {
        weeks.push(BacklogWeek {
            week_start: monday,
            opened: count(&row, 0)?,
            resolved: count(&row, 1)?,
            open_at_end: count(&row, 2)?,
        });
    }
    Ok(weeks)
}

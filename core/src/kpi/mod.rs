//! The business's figures for dashboards and statistics, each one an
//! aggregate asked of the database (no rows are loaded to be counted here),
//! narrowed by a `KpiFilter`. Periods are whole days of the company's time
//! zone; weeks start on Monday.
//!
//! Managers only (`ReadStatistics`). A span of company days is one `Window`
//! (the instants its first day and the day after its last start), shared by
//! the dashboard's "last N days" and the statistics' chosen period.
//! `manager_dashboard` and the technician's day bring the tickets' cached SLA
//! states up to date first (`desk::tickets::refresh_due`). Checked on a
//! hand-counted desk, ledger and planning (`core/tests/kpi.rs`).

pub mod activity;
pub mod activity_document;
pub mod business;
pub mod load;
pub mod period;
pub mod technician;
pub mod tickets;

use crate::authz::{require, Operation};
use crate::desk::local_time::CompanyZone;
use crate::error::{CoreError, CoreResult};
use crate::query::id32;
use crate::Actor;
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use parc_api::kpi::{KpiFilter, ManagerDashboard};
use parc_api::problem::Thing;
use sea_orm::{ConnectionTrait, QueryResult, Statement, TransactionTrait, Value};

/// Figures are the managers' (and the system's: the command line).
fn may_read(actor: &Actor) -> CoreResult<()> {
    require(actor, Operation::ReadStatistics)
}

/// The filter's ids as the tables hold them.
struct Narrowed {
    client_id: Option<i32>,
    technician_id: Option<i32>,
}

fn narrowed(filter: &KpiFilter) -> CoreResult<Narrowed> {
    Ok(Narrowed {
        client_id: filter
            .client_id
            .map(|id| id32(id, Thing::Client))
            .transpose()?,
        technician_id: filter
            .technician_id
            .map(|id| id32(id, Thing::Technician))
            .transpose()?,
    })
}

/// The instant a company day starts.
fn day_start(zone: &CompanyZone, day: NaiveDate) -> CoreResult<DateTime<Utc>> {
    zone.start_of(day)
        .ok_or_else(|| CoreError::Internal(format!("no start of day for {day}")))
}

/// Everything the manager dashboard shows at `now`, narrowed by `filter`.
pub async fn manager_dashboard<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    filter: &KpiFilter,
    now: DateTime<Utc>,
) -> CoreResult<ManagerDashboard> {
    may_read(actor)?;
    // The SLA states cached on the tickets, brought up to date first (the
    // app does it every minute; the command line would read them as left).
    crate::desk::tickets::refresh_due(db, now).await?;
    let zone = CompanyZone::load(db).await?;
    Ok(ManagerDashboard {
        tickets: tickets::ticket_kpis(db, actor, filter, &zone, now).await?,
        business: business::business_kpis(db, actor, filter, &zone, now).await?,
        load: load::planned_load(db, actor, filter, &zone, now).await?,
    })
}

/// A span of whole company days, as the instants its first day starts and
/// the day after its last starts: what `col >= ? AND col < ?` compares.
pub(crate) struct Window {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl Window {
    /// The days from `first` to `last`, both included.
    fn days(zone: &CompanyZone, first: NaiveDate, last: NaiveDate) -> CoreResult<Self> {
        let after = last
            .succ_opt()
            .ok_or_else(|| CoreError::Internal(format!("no day after {last}")))?;
        Ok(Window {
            start: day_start(zone, first)?,
            end: day_start(zone, after)?,
        })
    }

    /// The last `days` days, `today` the last of them.
    fn days_up_to(zone: &CompanyZone, today: NaiveDate, days: u32) -> CoreResult<Self> {
        Self::days(zone, today - Days::new(u64::from(days.max(1) - 1)), today)
    }

    fn values(&self) -> [Value; 2] {
        [Value::from(self.start), Value::from(self.end)]
    }
}

/// The rows of a figure's statement.
async fn rows(
    db: &impl ConnectionTrait,
    sql: String,
    values: impl IntoIterator<Item = Value>,
) -> CoreResult<Vec<QueryResult>> {
    let statement = Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    Ok(db.query_all_raw(statement).await?)
}

/// The one row of an aggregate's statement.
async fn row(
    db: &impl ConnectionTrait,
    sql: String,
    values: impl IntoIterator<Item = Value>,
) -> CoreResult<Option<QueryResult>> {
    let statement = Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    Ok(db.query_one_raw(statement).await?)
}

/// A summed or counted column, 0 when nothing was summed.
fn number(row: &QueryResult, index: usize) -> CoreResult<i64> {
    let n: Option<i64> = row.try_get_by_index(index)?;
    Ok(n.unwrap_or(0))
}

fn count(row: &QueryResult, index: usize) -> CoreResult<u64> {
    Ok(u64::try_from(number(row, index)?).unwrap_or(0))
}

/// The codes of `all` that `keep` keeps, quoted for an SQL `IN` list.
fn codes<T: Copy>(all: &[T], keep: impl Fn(T) -> bool, code: impl Fn(T) -> &'static str) -> String {
    all.iter()
        .copied()
        .filter(|s| keep(*s))
        .map(|s| format!("'{}'", code(s)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Monday of the week `day` is in.
fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::monday_of;
    use chrono::NaiveDate;

    #[test]
    fn weeks_start_on_monday() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(monday_of(day(27)), day(23), "a Friday");
        assert_eq!(monday_of(day(23)), day(23), "a Monday");
        assert_eq!(monday_of(day(29)), day(23), "a Sunday");
    }
}

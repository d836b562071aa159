//! The business's figures: receivables (unpaid and overdue invoices),
//! monthly recurring revenue over 12 months, the time each technician
//! recorded over 30 days (billable or not), and the contracts, warranties
//! and licences ending within 30, 60 and 90 days.
//!
//! Recurring revenue is read from what was billed: a month's figure is what
//! the contract invoices whose period overlaps it bill as recurring (their
//! fee and per-equipment lines, not overage), an equal share for each
//! calendar month of their period (a quarterly invoice counts a third in
//! each of its three months; a first period starting mid-month counts in
//! its month). Credit notes cancel their invoice, which then no longer
//! counts.

use super::{codes, count, may_read, narrowed, number, row, rows, Narrowed, Window};
use crate::desk::local_time::CompanyZone;
use crate::error::CoreResult;
use crate::Actor;
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use parc_api::contracts::ContractStatus;
use parc_api::equipment::EquipmentStatus;
use parc_api::invoices::{InvoiceKind, InvoiceStatus};
use parc_api::kpi::{
    BusinessKpis, Expiring, KpiFilter, MonthlyRevenue, Receivables, TechnicianTime,
};
use sea_orm::{ConnectionTrait, Value};

/// The months of the revenue trend.
pub const REVENUE_MONTHS: u32 = 12;
/// The window of the time per technician, in days.
pub const TIME_DAYS: u32 = 30;
/// The invoice lines a contract bills every period (what the invoice run
/// writes for its price lines); overage, time and parts are one-offs.
const RECURRING_LINES: [&str; 2] = ["fee", "per_equipment"];
/// The calendar months an invoice's period spans (billing periods are
/// whole months: 1, 3 or 12).
const MONTHS_IN_PERIOD: &str = "(CAST(strftime('%Y', period_end) AS INTEGER) \
     - CAST(strftime('%Y', period_start) AS INTEGER)) * 12 \
     + CAST(strftime('%m', period_end) AS INTEGER) \
     - CAST(strftime('%m', period_start) AS INTEGER) + 1";

pub(super) fn client_condition(filter: &Narrowed, column: &str) -> String {
    filter
        .client_id
        .map(|id| format!(" AND {column} = {id}"))
        .unwrap_or_default()
}

pub async fn business_kpis(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &KpiFilter,
    zone: &CompanyZone,
    now: DateTime<Utc>,
) -> CoreResult<BusinessKpis> {
    may_read(actor)?;
    let filter = narrowed(filter)?;
    // The lists the figures open (invoices overdue, contracts, warranties
    // and licences ending) count days from the machine's today; so do
    // these. Time recorded counts company days, as the statistics do.
    let today = crate::clock::day_of(now);
    let company_today = zone.day(now).unwrap_or(today);
    Ok(BusinessKpis {
        receivables: receivables(db, &filter, today).await?,
        recurring_revenue: recurring_revenue(db, &filter, today).await?,
        time: time(db, &filter, zone, company_today).await?,
        contracts_ending: ending(
            db,
            &format!(
                "SELECT {{}} FROM contracts WHERE status = '{}'{}",
                ContractStatus::Active.code(),
                client_condition(&filter, "client_id")
            ),
            "end_date",
            today,
        )
        .await?,
        warranties_ending: ending(
            db,
            &format!(
                "SELECT {{}} FROM equipment WHERE status <> '{}'{}",
                EquipmentStatus::Retired.code(),
                client_condition(&filter, "client_id")
            ),
            "warranty_end",
            today,
        )
        .await?,
        licences_ending: ending(
            db,
            &format!(
                "SELECT {{}} FROM licences WHERE 1 = 1{}",
                client_condition(&filter, "client_id")
            ),
            "expires_on",
            today,
        )
        .await?,
    })
}

async fn receivables(
    db: &impl ConnectionTrait,
    filter: &Narrowed,
    today: NaiveDate,
) -> CoreResult<Receivables> {
    let awaiting = codes(
        &InvoiceStatus::ALL,
        InvoiceStatus::awaits_payment,
        InvoiceStatus::code,
    );
    let sql = format!(
        "SELECT COUNT(*), SUM(including_vat_cents), \
                SUM(due_date < ?), SUM(CASE WHEN due_date < ? THEN including_vat_cents END) \
         FROM invoices WHERE kind = '{}' AND status IN ({awaiting}){}",
        InvoiceKind::Invoice.code(),
        client_condition(filter, "client_id")
    );
    let row = row(db, sql, [Value::from(today), Value::from(today)]).await?;
    Ok(match row {
        Some(row) => Receivables {
            unpaid_count: count(&row, 0)?,
            unpaid_cents: number(&row, 1)?,
            overdue_count: count(&row, 2)?,
            overdue_cents: number(&row, 3)?,
        },
        None => Receivables::default(),
    })
}

async fn recurring_revenue(
    db: &impl ConnectionTrait,
    filter: &Narrowed,
    today: NaiveDate,
) -> CoreResult<Vec<MonthlyRevenue>> {
    let this_month = today.with_day(1).unwrap_or(today);
    let months: Vec<NaiveDate> = (0..REVENUE_MONTHS)
        .rev()
        .filter_map(|back| this_month.checked_sub_months(Months::new(back)))
        .collect();
    let billed = codes(
        &InvoiceStatus::ALL,
        |s| s != InvoiceStatus::Draft && s != InvoiceStatus::Cancelled,
        InvoiceStatus::code,
    );
    let sql = format!(
        "WITH months(first_day) AS (VALUES {rows}) \
         SELECT (SELECT CAST(ROUND(SUM(l.total_cents * 1.0 / ({MONTHS_IN_PERIOD}))) \
                   AS INTEGER) \
                 FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id \
                 WHERE i.kind = '{kind}' AND i.contract_id IS NOT NULL \
                   AND i.status IN ({billed}) AND l.source IN ({recurring}) \
                   AND i.period_start <= date(first_day, '+1 month', '-1 day') \
                   AND i.period_end >= first_day{client}) \
         FROM months ORDER BY first_day",
        rows = vec!["(?)"; months.len()].join(", "),
        kind = InvoiceKind::Invoice.code(),
        recurring = RECURRING_LINES
            .iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(", "),
        client = client_condition(filter, "i.client_id"),
    );
    let rows = rows(db, sql, months.iter().map(|m| Value::from(*m))).await?;
    let mut trend = Vec::new();
    for (month, row) in months.into_iter().zip(rows) {
        trend.push(MonthlyRevenue {
            month,
            cents: number(&row, 0)?,
        });
    }
    Ok(trend)
}

async fn time(
    db: &impl ConnectionTrait,
    filter: &Narrowed,
    zone: &CompanyZone,
    today: NaiveDate,
) -> CoreResult<Vec<TechnicianTime>> {
    time_in(db, filter, &Window::days_up_to(zone, today, TIME_DAYS)?).await
}

/// The time each person recorded in `window` (entries started in it),
/// billable or not, by name.
pub(super) async fn time_in(
    db: &impl ConnectionTrait,
    filter: &Narrowed,
    window: &Window,
) -> CoreResult<Vec<TechnicianTime>> {
    let mut conditions = client_condition(filter, "t.client_id");
    if let Some(id) = filter.technician_id {
        conditions.push_str(&format!(" AND t.user_id = {id}"));
    }
    let sql = format!(
        "SELECT u.id, u.name, \
                SUM(CASE WHEN t.billable THEN t.minutes ELSE 0 END), \
                SUM(CASE WHEN t.billable THEN 0 ELSE t.minutes END) \
         FROM time_entries t JOIN users u ON u.id = t.user_id \
         WHERE t.started_at >= ? AND t.started_at < ?{conditions} \
         GROUP BY u.id, u.name ORDER BY u.name, u.id"
    );
    let rows = rows(db, sql, window.values()).await?;
    let mut people = Vec::new();
    for row in rows {
        people.push(TechnicianTime {
            user_id: number(&row, 0)?,
            name: row.try_get_by_index(1)?,
            billable_minutes: number(&row, 2)?,
            non_billable_minutes: number(&row, 3)?,
        });
    }
    Ok(people)
}

/// Counts the rows of `select` (its `{}` the counted columns) whose `column`
/// (a date) falls from today to 30, 60 and 90 days ahead.
async fn ending(
    db: &impl ConnectionTrait,
    select: &str,
    column: &str,
    today: NaiveDate,
) -> CoreResult<Expiring> {
    let day = |n: u64| Value::from(today + Days::new(n));
    let counted = format!("SUM({column} <= ?), SUM({column} <= ?), COUNT(*)");
    let sql = format!(
        "{} AND {column} >= ? AND {column} <= ?",
        select.replacen("{}", &counted, 1)
    );
    let row = row(db, sql, [day(30), day(60), Value::from(today), day(90)]).await?;
    Ok(match row {
        Some(row) => Expiring {
            within_30: count(&row, 0)?,
            within_60: count(&row, 1)?,
            within_90: count(&row, 2)?,
        },
        None => Expiring::default(),
    })
}

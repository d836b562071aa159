//! The technicians' planned load for this week and the next against their
//! capacity: the time of the interventions assigned to each (all but the
//! cancelled: a visit done this week still took its hours) that falls in
//! each week, against the weekly hours of their profile. What a dispatcher
//! looks at before promising a visit.

use super::{day_start, may_read, monday_of, narrowed, rows};
use crate::desk::local_time::CompanyZone;
use crate::error::CoreResult;
use crate::Actor;
use chrono::{DateTime, Days, Utc};
use parc_api::auth::Role;
use parc_api::interventions::InterventionStatus;
use parc_api::kpi::{KpiFilter, TechnicianLoad, WeekLoad};
use sea_orm::{ConnectionTrait, Value};

/// The weeks shown: this one and the next.
pub const LOAD_WEEKS: u64 = 2;

pub async fn planned_load(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &KpiFilter,
    zone: &CompanyZone,
    now: DateTime<Utc>,
) -> CoreResult<Vec<TechnicianLoad>> {
    may_read(actor)?;
    let filter = narrowed(filter)?;
    let today = zone.day(now).unwrap_or_else(|| now.date_naive());
    let monday = monday_of(today);
    let mondays: Vec<_> = (0..LOAD_WEEKS).map(|n| monday + Days::new(7 * n)).collect();
    let mut values = Vec::new();
    for week in &mondays {
        values.push(Value::from(day_start(zone, *week)?));
        values.push(Value::from(day_start(zone, *week + Days::new(7))?));
    }
    let client = filter
        .client_id
        .map(|id| format!(" AND i.client_id = {id}"))
        .unwrap_or_default();
    let technician = filter
        .technician_id
        .map(|id| format!(" AND u.id = {id}"))
        .unwrap_or_default();
    let sql = format!(
        "WITH weeks(start_at, end_at) AS (VALUES {rows}) \
         SELECT u.id, u.name, COALESCE(p.weekly_minutes, 0), \
           (SELECT CAST(ROUND(COALESCE(SUM( \
                (julianday(MIN(i.scheduled_end, w.end_at)) \
                 - julianday(MAX(i.scheduled_start, w.start_at))) * 1440), 0)) AS INTEGER) \
            FROM interventions i \
            WHERE i.technician_id = u.id AND i.status <> '{cancelled}' \
              AND i.scheduled_start < w.end_at AND i.scheduled_end > w.start_at{client}) \
         FROM users u LEFT JOIN technician_profiles p ON p.user_id = u.id CROSS JOIN weeks w \
         WHERE u.active AND (u.role = '{role}' OR p.user_id IS NOT NULL){technician} \
         ORDER BY u.name, u.id, w.start_at",
        rows = vec!["(?, ?)"; mondays.len()].join(", "),
        cancelled = InterventionStatus::Cancelled.code(),
        role = Role::Technician.code(),
    );
    let rows = rows(db, sql, values).await?;
    let mut people: Vec<TechnicianLoad> = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let user_id: i64 = row.try_get_by_index(0)?;
        let week = WeekLoad {
            week_start: mondays[n % mondays.len()],
            planned_minutes: row.try_get_by_index::<Option<i64>>(3)?.unwrap_or(0),
            capacity_minutes: row.try_get_by_index::<Option<i64>>(2)?.unwrap_or(0),
        };
        match people.last_mut() {
            Some(person) if person.user_id == user_id => person.weeks.push(week),
            _ => people.push(TechnicianLoad {
                user_id,
                name: row.try_get_by_index(1)?,
                weeks: vec![week],
            }),
        }
    }
    Ok(people)
}

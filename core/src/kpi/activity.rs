//! A client's activity over a period, as shown at the client meeting: the
//! period's figures (`period::statistics_between` narrowed to the client),
//! its interventions and tickets, the equipment added, moved and retired,
//! and the licence compliance of today. Lists are capped at `LISTED` rows;
//! their counts are always whole (aggregates).
//!
//! Equipment is counted from what the records keep: added is the record's
//! creation, retired its status and the day it took it, moved the audit
//! log's "move" entries (a change of site) of the client's equipment.

use super::period::{period_of, statistics_between};
use super::{count, row, rows, Window};
use crate::clients::client_entity as clients;
use crate::desk::interventions::list_interventions;
use crate::desk::local_time::CompanyZone;
use crate::error::{CoreError, CoreResult};
use crate::query::id32;
use crate::Actor;
use chrono::{DateTime, NaiveDate, Utc};
use parc_api::equipment::EquipmentStatus;
use parc_api::interventions::{InterventionQuery, InterventionStatus};
use parc_api::kpi::{
    ActivityQuery, ActivityReport, ActivityTicket, EquipmentChange, EquipmentCounts,
    EquipmentEvent, KpiFilter, LISTED,
};
use parc_api::licences::ComplianceQuery;
use parc_api::problem::Thing;
use parc_api::tickets::{Priority, SlaState, TicketStatus};
use sea_orm::{ConnectionTrait, EntityTrait, Value};

/// The activity report the query asks for.
pub async fn activity_report(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &ActivityQuery,
) -> CoreResult<ActivityReport> {
    let (from, to) = period_of(&query.from, &query.to)?;
    activity_between(db, actor, query.client_id, from, to).await
}

/// The client with this code's activity (the command line names clients
/// by code).
pub async fn client_id_of_code(db: &impl ConnectionTrait, code: &str) -> CoreResult<i64> {
    use sea_orm::{ColumnTrait, QueryFilter};
    clients::Entity::find()
        .filter(clients::Column::Code.eq(code.trim()))
        .one(db)
        .await?
        .map(|c| i64::from(c.id))
        .ok_or_else(|| CoreError::not_found(Thing::Client))
}

pub async fn activity_between(
    db: &impl ConnectionTrait,
    actor: &Actor,
    client_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> CoreResult<ActivityReport> {
    let filter = KpiFilter {
        client_id: Some(client_id),
        technician_id: None,
    };
    let statistics = statistics_between(db, actor, &filter, from, to).await?;
    let id = id32(client_id, Thing::Client)?;
    let client = clients::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| CoreError::not_found(Thing::Client))?;
    let zone = CompanyZone::load(db).await?;
    let window = Window::days(&zone, from, to)?;
    let interventions = list_interventions(
        db,
        actor,
        &InterventionQuery {
            client_id: Some(client_id),
            from: Some(from),
            to: Some(to),
            page: 1,
            page_size: LISTED,
            ..Default::default()
        },
    )
    .await?;
    let (tickets, tickets_total) = tickets(db, id, &window).await?;
    let (equipment, equipment_events) = equipment(db, id, &zone, &window, from, to).await?;
    let licences = crate::licences::compliance::compliance(
        db,
        actor,
        &ComplianceQuery {
            client_id: Some(client_id),
            software_id: None,
        },
    )
    .await?;
    let cancelled = InterventionStatus::Cancelled;
    let listed: Vec<_> = interventions
        .items
        .into_iter()
        .filter(|i| i.status != cancelled)
        .collect();
    Ok(ActivityReport {
        client_id,
        client_code: client.code,
        client_name: client.name,
        statistics,
        interventions_total: interventions_counted(db, id, &window).await?,
        interventions: listed,
        tickets,
        tickets_total,
        equipment,
        equipment_events,
        licences,
    })
}

/// The period's interventions but the cancelled ones, counted whole.
async fn interventions_counted(
    db: &impl ConnectionTrait,
    client: i32,
    window: &Window,
) -> CoreResult<u64> {
    let sql = format!(
        "SELECT COUNT(*) FROM interventions WHERE client_id = {client} AND status <> '{}' \
           AND COALESCE(scheduled_start, actual_start) >= ? \
           AND COALESCE(scheduled_start, actual_start) < ?",
        InterventionStatus::Cancelled.code()
    );
    match row(db, sql, window.values()).await? {
        Some(row) => count(&row, 0),
        None => Ok(0),
    }
}

/// The client's tickets opened or resolved in the window, oldest first.
async fn tickets(
    db: &impl ConnectionTrait,
    client: i32,
    window: &Window,
) -> CoreResult<(Vec<ActivityTicket>, u64)> {
    let touched = format!(
        "FROM tickets WHERE client_id = {client} \
           AND ((created_at >= ?1 AND created_at < ?2) OR (resolved_at >= ?1 AND resolved_at < ?2))"
    );
    let total = match row(db, format!("SELECT COUNT(*) {touched}"), window.values()).await? {
        Some(row) => count(&row, 0)?,
        None => 0,
    };
    let sql = format!(
        "SELECT id, reference, title, priority, status, created_at, resolved_at, \
                first_response_state, resolution_state \
         {touched} ORDER BY created_at, id LIMIT {LISTED}"
    );
    let mut listed = Vec::new();
    for row in rows(db, sql, window.values()).await? {
        let priority: String = row.try_get_by_index(3)?;
        let status: String = row.try_get_by_index(4)?;
        let state = |i: usize| -> CoreResult<Option<SlaState>> {
            let code: Option<String> = row.try_get_by_index(i)?;
            Ok(code.as_deref().and_then(SlaState::from_code))
        };
        listed.push(ActivityTicket {
            id: row.try_get_by_index::<i64>(0)?,
            reference: row.try_get_by_index(1)?,
            title: row.try_get_by_index(2)?,
            priority: Priority::from_code(&priority).unwrap_or_default(),
            status: TicketStatus::from_code(&status).unwrap_or_default(),
            created_at: row.try_get_by_index::<DateTime<Utc>>(5)?,
            resolved_at: row.try_get_by_index::<Option<DateTime<Utc>>>(6)?,
            first_response: state(7)?,
            resolution: state(8)?,
        });
    }
    Ok((listed, total))
}

/// The client's equipment added, moved and retired in the period: the
/// counts, and the events by day.
async fn equipment(
    db: &impl ConnectionTrait,
    client: i32,
    zone: &CompanyZone,
    window: &Window,
    from: NaiveDate,
    to: NaiveDate,
) -> CoreResult<(EquipmentCounts, Vec<EquipmentEvent>)> {
    let retired = EquipmentStatus::Retired.code();
    // Each kind of event as (instant or day, kind, id, reference, name).
    let events = format!(
        "SELECT created_at AS at, 'added' AS change, id, reference, name FROM equipment \
           WHERE client_id = {client} AND created_at >= ?1 AND created_at < ?2 \
         UNION ALL \
         SELECT a.at, 'moved', e.id, e.reference, e.name \
           FROM audit_log a JOIN equipment e ON e.id = a.entity_id \
           WHERE a.entity = 'equipment' AND a.action = 'move' AND e.client_id = {client} \
             AND a.at >= ?1 AND a.at < ?2 \
         UNION ALL \
         SELECT status_since, 'retired', id, reference, name FROM equipment \
           WHERE client_id = {client} AND status = '{retired}' \
             AND status_since >= ?3 AND status_since <= ?4"
    );
    let values = || {
        let [start, end] = window.values();
        [start, end, Value::from(from), Value::from(to)]
    };
    let counted = row(
        db,
        format!(
            "SELECT SUM(change = 'added'), SUM(change = 'moved'), SUM(change = 'retired') \
             FROM ({events})"
        ),
        values(),
    )
    .await?;
    let counts = match counted {
        Some(row) => EquipmentCounts {
            added: count(&row, 0)?,
            moved: count(&row, 1)?,
            retired: count(&row, 2)?,
        },
        None => EquipmentCounts::default(),
    };
    let sql = format!("SELECT * FROM ({events}) ORDER BY at, id LIMIT {LISTED}");
    let mut listed = Vec::new();
    for row in rows(db, sql, values()).await? {
        let at: String = row.try_get_by_index(0)?;
        let change: String = row.try_get_by_index(1)?;
        let change = match change.as_str() {
            "added" => EquipmentChange::Added,
            "moved" => EquipmentChange::Moved,
            _ => EquipmentChange::Retired,
        };
        listed.push(EquipmentEvent {
            day: day_of(zone, &at).unwrap_or(from),
            change,
            equipment_id: row.try_get_by_index::<i64>(2)?,
            reference: row.try_get_by_index(3)?,
            name: row.try_get_by_index(4)?,
        });
    }
    Ok((counts, listed))
}

/// The company day of a stored instant, or a stored day as it is.
fn day_of(zone: &CompanyZone, stored: &str) -> Option<NaiveDate> {
    if let Ok(day) = NaiveDate::parse_from_str(stored, "%Y-%m-%d") {
        return Some(day);
    }
    let at = DateTime::parse_from_rfc3339(stored)
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| {
            DateTime::parse_from_str(stored, "%Y-%m-%d %H:%M:%S%.f%:z")
                .map(|t| t.with_timezone(&Utc))
        })
        .or_else(|_| {
            chrono::NaiveDateTime::parse_from_str(stored, "%Y-%m-%d %H:%M:%S%.f")
                .map(|t| t.and_utc())
        })
        .ok()?;
    zone.day(at)
}

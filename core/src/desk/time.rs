//! Time tracking: one running timer per technician (kept in the database,
//! so it survives a restart and shows in the top bar), time typed by hand,
//! a billable flag. Billable time feeds the contract's included hours and
//! the invoices (`billable_minutes`), and an entry billed once is marked
//! with its invoice.

use super::intervention_entity as interventions;
use super::ticket_entity as tickets;
use super::time_entry_entity as entries;
use crate::auth::user_entity as users;
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::query::id32;
use crate::{validate, Actor};
use chrono::{DateTime, NaiveDate, Utc};
use parc_api::problem::Thing;
use parc_api::tickets::{TimeEntryInput, TimeEntryRow, WorkItem};
use parc_api::ValidationCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

fn staff_id(actor: &Actor) -> CoreResult<i32> {
    actor
        .staff_row_id()
        .ok_or_else(|| CoreError::Forbidden(parc_api::problem::Problem::TimeIsTheStaffs))
}

/// The client a work item belongs to, checking it exists.
async fn client_of(
    db: &impl ConnectionTrait,
    item: WorkItem,
) -> CoreResult<(i32, Option<i32>, Option<i32>)> {
    match item {
        WorkItem::Ticket(id) => {
            let ticket = tickets::Entity::find_by_id(id32(id, Thing::Ticket)?)
                .one(db)
                .await?
                .ok_or(CoreError::not_found(Thing::Ticket))?;
            Ok((ticket.client_id, Some(ticket.id), None))
        }
        WorkItem::Intervention(id) => {
            let intervention = interventions::Entity::find_by_id(id32(id, Thing::Intervention)?)
                .one(db)
                .await?
                .ok_or(CoreError::not_found(Thing::Intervention))?;
            Ok((
                intervention.client_id,
                intervention.ticket_id,
                Some(intervention.id),
            ))
        }
    }
}

async fn running(db: &impl ConnectionTrait, user: i32) -> CoreResult<Option<entries::Model>> {
    Ok(entries::Entity::find()
        .filter(entries::Column::UserId.eq(user))
        .filter(entries::Column::EndedAt.is_null())
        .one(db)
        .await?)
}

/// Starts the actor's timer on `item`; refused while another one runs.
pub async fn start_timer(
    db: &impl ConnectionTrait,
    actor: &Actor,
    item: WorkItem,
) -> CoreResult<TimeEntryRow> {
    require(actor, Operation::WriteTickets)?;
    let user = staff_id(actor)?;
    if let Some(current) = running(db, user).await? {
        let on = rows_of(db, vec![current]).await?.pop();
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::TimerAlreadyRunning {
                on: on.and_then(|row| row.ticket_reference),
            },
        ));
    }
    let (client_id, ticket_id, intervention_id) = client_of(db, item).await?;
    let now = Utc::now();
    let saved = entries::ActiveModel {
        user_id: Set(user),
        client_id: Set(client_id),
        ticket_id: Set(ticket_id),
        intervention_id: Set(intervention_id),
        started_at: Set(now),
        ended_at: Set(None),
        minutes: Set(0),
        billable: Set(true),
        note: Set(String::new()),
        invoice_id: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    single(db, saved).await
}

/// Whole minutes between two instants, a started minute counting.
fn minutes_between(from: DateTime<Utc>, to: DateTime<Utc>) -> i32 {
    let seconds = (to - from).num_seconds().max(0);
    i32::try_from((seconds + 59) / 60).unwrap_or(i32::MAX)
}

/// Stops the actor's running timer, if any.
pub async fn stop_timer(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> CoreResult<Option<TimeEntryRow>> {
    require(actor, Operation::WriteTickets)?;
    let user = staff_id(actor)?;
    let Some(current) = running(db, user).await? else {
        return Ok(None);
    };
    let now = Utc::now();
    let minutes = minutes_between(current.started_at, now);
    let mut model = current.into_active_model();
    model.ended_at = Set(Some(now));
    model.minutes = Set(minutes);
    let stopped = model.update(db).await?;
    Ok(Some(single(db, stopped).await?))
}

/// The actor's running timer, for the top bar.
pub async fn running_timer(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> CoreResult<Option<TimeEntryRow>> {
    require(actor, Operation::ReadTickets)?;
    let Ok(user) = staff_id(actor) else {
        return Ok(None);
    };
    match running(db, user).await? {
        Some(entry) => Ok(Some(single(db, entry).await?)),
        None => Ok(None),
    }
}

/// A typed duration in minutes: more than none, at most a day.
fn duration_minutes(text: &str) -> Option<i64> {
    parc_api::billing::parse_hours(text).filter(|m| (1..=24 * 60).contains(m))
}

/// Records time typed by hand.
pub async fn add_entry(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &TimeEntryInput,
) -> CoreResult<TimeEntryRow> {
    require(actor, Operation::WriteTickets)?;
    let user = staff_id(actor)?;
    let day: NaiveDate = validate::date("date", &input.date)?
        .ok_or_else(|| CoreError::validation("date", ValidationCode::Required, "is required"))?;
    let minutes = duration_minutes(&input.duration).ok_or_else(|| {
        CoreError::validation(
            "duration",
            ValidationCode::InvalidFormat,
            "must be a duration of at most 24 hours, like 1.5 or 1:30",
        )
    })?;
    let note = validate::optional("note", &input.note, 2000)?;
    let (client_id, ticket_id, intervention_id) = client_of(db, input.item).await?;
    // Typed time is placed at 09:00 on that day, the company's time.
    let started = super::local_time::CompanyZone::load(db)
        .await?
        .parse("date", &format!("{day}T09:00"))?
        .unwrap_or_else(|| day.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc());
    let saved = entries::ActiveModel {
        user_id: Set(user),
        client_id: Set(client_id),
        ticket_id: Set(ticket_id),
        intervention_id: Set(intervention_id),
        started_at: Set(started),
        ended_at: Set(Some(started + chrono::Duration::minutes(minutes))),
        minutes: Set(i32::try_from(minutes).unwrap_or(0)),
        billable: Set(input.billable),
        note: Set(note),
        invoice_id: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    single(db, saved).await
}

/// The time spent on a ticket (its interventions' included), newest first.
pub async fn entries_of_ticket(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ticket_id: i64,
) -> CoreResult<Vec<TimeEntryRow>> {
    require(actor, Operation::ReadTickets)?;
    let models = entries::Entity::find()
        .filter(entries::Column::TicketId.eq(id32(ticket_id, Thing::Ticket)?))
        .order_by_desc(entries::Column::StartedAt)
        .all(db)
        .await?;
    rows_of(db, models).await
}

/// The time spent on an intervention, newest first.
pub async fn entries_of_intervention(
    db: &impl ConnectionTrait,
    actor: &Actor,
    intervention_id: i64,
) -> CoreResult<Vec<TimeEntryRow>> {
    require(actor, Operation::ReadTickets)?;
    let models = entries::Entity::find()
        .filter(entries::Column::InterventionId.eq(id32(intervention_id, Thing::Intervention)?))
        .order_by_desc(entries::Column::StartedAt)
        .all(db)
        .await?;
    rows_of(db, models).await
}

/// Billable minutes of a client's finished entries started in `[from, to]`
/// (days, UTC), not billed yet.
pub async fn billable_minutes(
    db: &impl ConnectionTrait,
    client_id: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> CoreResult<i64> {
    minutes_logged(db, client_id, from, to, true).await
}

/// Billable minutes a client logged in `[from, to]` (days, UTC), billed or
/// not: the hours used of a contract's period.
pub async fn logged_minutes(
    db: &impl ConnectionTrait,
    client_id: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> CoreResult<i64> {
    minutes_logged(db, client_id, from, to, false).await
}

async fn minutes_logged(
    db: &impl ConnectionTrait,
    client_id: i32,
    from: NaiveDate,
    to: NaiveDate,
    unbilled_only: bool,
) -> CoreResult<i64> {
    let (start, end) = crate::clock::utc_days(from, to);
    let mut select = entries::Entity::find()
        .select_only()
        .column_as(entries::Column::Minutes.sum(), "minutes")
        .filter(entries::Column::ClientId.eq(client_id))
        .filter(entries::Column::Billable.eq(true))
        .filter(entries::Column::EndedAt.is_not_null())
        .filter(entries::Column::StartedAt.gte(start))
        .filter(entries::Column::StartedAt.lt(end));
    if unbilled_only {
        select = select.filter(entries::Column::InvoiceId.is_null());
    }
    let total: Option<i64> = select.into_tuple().one(db).await?.flatten();
    Ok(total.unwrap_or(0))
}

async fn single(db: &impl ConnectionTrait, model: entries::Model) -> CoreResult<TimeEntryRow> {
    rows_of(db, vec![model])
        .await?
        .pop()
        .ok_or(CoreError::not_found(Thing::TimeEntry))
}

async fn rows_of(
    db: &impl ConnectionTrait,
    models: Vec<entries::Model>,
) -> CoreResult<Vec<TimeEntryRow>> {
    let names: HashMap<i32, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(models.iter().map(|m| m.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let references: HashMap<i32, String> = tickets::Entity::find()
        .filter(tickets::Column::Id.is_in(models.iter().filter_map(|m| m.ticket_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.reference))
        .collect();
    Ok(models
        .into_iter()
        .map(|m| TimeEntryRow {
            id: i64::from(m.id),
            user_id: i64::from(m.user_id),
            user_name: names.get(&m.user_id).cloned().unwrap_or_default(),
            ticket_id: m.ticket_id.map(i64::from),
            ticket_reference: m.ticket_id.and_then(|t| references.get(&t).cloned()),
            intervention_id: m.intervention_id.map(i64::from),
            started_at: m.started_at,
            ended_at: m.ended_at,
            minutes: i64::from(m.minutes),
            billable: m.billable,
            note: m.note,
            invoice_id: m.invoice_id.map(i64::from),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_read_in_hours_or_hours_and_minutes() {
        assert_eq!(duration_minutes("1,5"), Some(90));
        assert_eq!(duration_minutes("1:30"), Some(90));
        assert_eq!(duration_minutes("0.25"), Some(15));
        assert_eq!(duration_minutes("0"), None);
        assert_eq!(duration_minutes("25"), None);
        assert_eq!(duration_minutes("1:75"), None);
        assert_eq!(duration_minutes("une heure"), None);
    }

    #[test]
    fn a_started_minute_counts() {
        let from = Utc::now();
        assert_eq!(
            minutes_between(from, from + chrono::Duration::seconds(61)),
            2
        );
        assert_eq!(minutes_between(from, from), 0);
    }
}

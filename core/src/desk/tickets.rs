//! Tickets: creation (checked against the client's sites, equipment and
//! contacts), status changes (the history the SLA is computed from), the
//! conversation (public replies and internal notes; the first public reply
//! of the MSP answers the ticket), assignment, the queue and the detail
//! with its SLA explained.
//!
//! After every change the ticket's SLA is evaluated again from its history
//! and cached on the row (`first_response_due`, `resolution_due`,
//! `sla_state`), so the queue sorts and filters through indexes. The cache
//! is only a copy: `evaluate` recomputes it from the history.
//!
//! A ticket resolved without a public reply was answered by its resolution.
//! Each evaluation also caches the review time (`sla_review_at`: the next
//! instant the state changes with time alone); `refresh_due`, called by the
//! queue, the alert scan and the dashboards, evaluates again the tickets whose
//! review time has passed. With the `desk.auto_assign` setting a new ticket
//! goes to its suggested technician (`technicians`).

use super::sla_policy::{self, Evaluation};
use super::ticket_category_entity as categories;
use super::ticket_entity as tickets;
use super::ticket_message_entity as messages;
use super::ticket_status_change_entity as changes;
use crate::audit::{self, Audited};
use crate::auth::user_entity as users;
use crate::authz::{require, Operation};
use crate::clients::lookup::find_visible;
use crate::clients::{client_entity as clients, contact_entity as contacts};
use crate::equipment::entity as equipment;
use crate::error::{CoreError, CoreResult};
use crate::mail::events::{self as mail_events, TicketNews};
use crate::ownership;
use crate::query::bounds;
use crate::query::id32;
use crate::sites::site_entity as sites;
use crate::sla::clock::{Deadline, Step};
use crate::sla::targets::{answered_at, first_response_history, resolution_history};
use crate::{clock, sequences, validate, Actor};
use chrono::{DateTime, TimeZone, Utc};
use parc_api::clients::ServiceLevel;
use parc_api::problem::Thing;
use parc_api::text::search_text;
use parc_api::tickets::{
    Channel, PortalTicketInput, Priority, QueueView, SlaState, SlaStep, SlaTarget,
    TicketAssignment, TicketDetail, TicketInput, TicketMessage, TicketMessageInput, TicketQuery,
    TicketRow, TicketStatus, TicketStatusChange, TicketStatusInput,
};
use parc_api::{Page, ValidationCode};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel,
    JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
    TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

impl Audited for tickets::Model {
    const ENTITY: &'static str = "ticket";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        let id = |v: Option<i32>| v.map(|v| v.to_string()).unwrap_or_default();
        vec![
            ("reference", self.reference.clone()),
            ("client_id", self.client_id.to_string()),
            ("site_id", id(self.site_id)),
            ("equipment_id", id(self.equipment_id)),
            ("requester_id", id(self.requester_id)),
            ("title", self.title.clone()),
            ("category_id", id(self.category_id)),
            ("priority", self.priority.clone()),
            ("status", self.status.clone()),
            ("assignee_id", id(self.assignee_id)),
        ]
    }
}

fn status_of(model: &tickets::Model) -> TicketStatus {
    TicketStatus::from_code(&model.status).unwrap_or_default()
}

fn priority_of(model: &tickets::Model) -> Priority {
    Priority::from_code(&model.priority).unwrap_or_default()
}

fn instant(at: DateTime<Utc>) -> i64 {
    at.timestamp()
}

fn utc(at: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(at, 0).single().unwrap_or_default()
}

/// A ticket's SLA now: its status history, and the evaluation made from
/// it with the calendar it counts on.
struct Sla {
    history: Vec<changes::Model>,
    evaluation: Evaluation,
    calendar: Option<String>,
}

/// The service level a client's tickets get: its active contract's when
/// that contract sets one (the oldest such contract), else the client's.
pub(crate) async fn service_level_of(
    db: &impl ConnectionTrait,
    client: &clients::Model,
) -> CoreResult<ServiceLevel> {
    use crate::contracts::contract_entity as contracts;
    let contract_level = contracts::Entity::find()
        .filter(contracts::Column::ClientId.eq(client.id))
        .filter(contracts::Column::Status.eq(parc_api::contracts::ContractStatus::Active.code()))
        .filter(contracts::Column::ServiceLevel.is_not_null())
        .order_by_asc(contracts::Column::Reference)
        .one(db)
        .await?
        .and_then(|c| c.service_level)
        .and_then(|code| ServiceLevel::from_code(&code));
    Ok(contract_level
        .or_else(|| ServiceLevel::from_code(&client.service_level))
        .unwrap_or_default())
}

async fn sla_of(
    db: &impl ConnectionTrait,
    ticket: &tickets::Model,
    now: DateTime<Utc>,
) -> CoreResult<Sla> {
    let client = clients::Entity::find_by_id(ticket.client_id)
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Client))?;
    let level = service_level_of(db, &client).await?;
    let policy = sla_policy::policy(db, level, priority_of(ticket)).await?;
    let history = changes::Entity::find()
        .filter(changes::Column::TicketId.eq(ticket.id))
        .order_by_asc(changes::Column::At)
        .order_by_asc(changes::Column::Id)
        .all(db)
        .await?;
    let statuses: Vec<(i64, TicketStatus)> = history
        .iter()
        .map(|c| {
            (
                instant(c.at),
                TicketStatus::from_code(&c.status).unwrap_or_default(),
            )
        })
        .collect();
    // A ticket resolved without a public reply was answered by its
    // resolution: the first-response clock stops there too.
    let answered_at = answered_at(ticket.first_response_at.map(instant), &statuses);
    let first = first_response_history(instant(ticket.created_at), answered_at);
    let evaluation = sla_policy::evaluate(
        &policy,
        (&first, answered_at.is_some()),
        (&resolution_history(&statuses), !status_of(ticket).is_open()),
        instant(now),
    );
    Ok(Sla {
        history,
        evaluation,
        calendar: policy.calendar_name,
    })
}

/// Evaluates the SLA again and caches it on the row.
async fn refresh_sla(
    db: &impl ConnectionTrait,
    ticket: tickets::Model,
    now: DateTime<Utc>,
) -> CoreResult<(tickets::Model, Sla)> {
    let sla = sla_of(db, &ticket, now).await?;
    let mut model = ticket.into_active_model();
    model.first_response_due = Set(sla.evaluation.first_response.due.map(utc));
    model.resolution_due = Set(sla.evaluation.resolution.due.map(utc));
    model.sla_state = Set(sla.evaluation.overall().code().to_owned());
    model.first_response_state = Set(Some(sla.evaluation.first_response_state.code().to_owned()));
    model.resolution_state = Set(Some(sla.evaluation.resolution_state.code().to_owned()));
    model.sla_review_at = Set(sla.evaluation.review_at.map(utc));
    Ok((model.update(db).await?, sla))
}

/// Evaluates one ticket's SLA again at `now` (after its history was
/// changed underneath, as the demo does to age its tickets).
pub(crate) async fn reevaluate(
    db: &impl ConnectionTrait,
    ticket_id: i64,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let ticket = tickets::Entity::find_by_id(id32(ticket_id, Thing::Ticket)?)
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Ticket))?;
    refresh_sla(db, ticket, now).await?;
    Ok(())
}

/// What the queue's search finds a ticket by: its reference, its title,
/// its client's name and code.
pub(crate) fn ticket_search_text(reference: &str, title: &str, client: &clients::Model) -> String {
    search_text(&[reference, title, &client.name, &client.code])
}

/// Writes again the searchable text of a client's tickets (it holds the
/// client's name and code) after the client was renamed or recoded.
pub(crate) async fn reindex_client(
    db: &impl ConnectionTrait,
    client: &clients::Model,
) -> CoreResult<()> {
    let rows = tickets::Entity::find()
        .select_only()
        .column(tickets::Column::Id)
        .column(tickets::Column::Reference)
        .column(tickets::Column::Title)
        .filter(tickets::Column::ClientId.eq(client.id))
        .into_tuple::<(i32, String, String)>()
        .all(db)
        .await?;
    for (id, reference, title) in rows {
        tickets::Entity::update_many()
            .col_expr(
                tickets::Column::SearchText,
                sea_orm::sea_query::Expr::value(ticket_search_text(&reference, &title, client)),
            )
            .filter(tickets::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Asks every open ticket of `client_id` to be evaluated again at the next
/// read: its service level (the client's, or its contract's) has changed.
pub(crate) async fn review_client(db: &impl ConnectionTrait, client_id: i32) -> CoreResult<()> {
    let open: Vec<&str> = TicketStatus::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| s.code())
        .collect();
    tickets::Entity::update_many()
        .col_expr(
            tickets::Column::SlaReviewAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(tickets::Column::ClientId.eq(client_id))
        .filter(tickets::Column::Status.is_in(open))
        .exec(db)
        .await?;
    Ok(())
}

/// Tickets evaluated again per call of [`refresh_due`].
const REVIEW_BATCH: u64 = 500;

/// Evaluates again the tickets whose cached SLA state has changed with time
/// (turned at risk, or breached) by `now`; returns how many. The queue
/// calls it before reading, and the app every minute, so the at-risk and
/// breached views are right without reading every open ticket.
pub async fn refresh_due<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> CoreResult<u64> {
    let mut total = 0;
    // Each evaluation moves a ticket's review time past `now` (or clears
    // it); the bound only guards against a bug turning this into a spin.
    for _ in 0..1_000 {
        let due = tickets::Entity::find()
            .filter(tickets::Column::SlaReviewAt.lte(now))
            .order_by_asc(tickets::Column::SlaReviewAt)
            .limit(REVIEW_BATCH)
            .all(db)
            .await?;
        if due.is_empty() {
            return Ok(total);
        }
        let txn = crate::db::begin_write(db).await?;
        for ticket in due {
            refresh_sla(&txn, ticket, now).await?;
            total += 1;
        }
        txn.commit().await?;
    }
    Ok(total)
}

fn minutes(seconds: i64) -> i64 {
    seconds / 60
}

fn target_view(deadline: &Deadline, state: SlaState, calendar: Option<String>) -> SlaTarget {
    SlaTarget {
        target_minutes: minutes(deadline.target),
        elapsed_minutes: minutes(deadline.elapsed),
        due: deadline.due.map(utc),
        state,
        calendar,
        steps: deadline
            .steps
            .iter()
            .map(|step| match *step {
                Step::Counted { from, to, counted } => SlaStep::Counted {
                    from: utc(from),
                    to: utc(to),
                    minutes: minutes(counted),
                },
                Step::Paused { from, to } => SlaStep::Paused {
                    from: utc(from),
                    to: to.map(utc),
                },
                Step::Remaining {
                    from,
                    remaining,
                    due,
                } => SlaStep::Remaining {
                    from: utc(from),
                    minutes: minutes(remaining),
                    due: utc(due),
                },
            })
            .collect(),
    }
}

/// The checked parts of a ticket form.
struct Checked {
    client: clients::Model,
    site_id: Option<i32>,
    equipment_id: Option<i32>,
    requester_id: Option<i32>,
    category_id: Option<i32>,
    title: String,
    description: String,
}

async fn check(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &TicketInput,
) -> CoreResult<Checked> {
    let client = find_visible(db, actor, input.client_id)
        .await
        .map_err(|_| {
            CoreError::validation("client_id", ValidationCode::Required, "choose a client")
        })?;
    let site_id = ownership::site(db, &client, input.site_id, "site_id").await?;
    let equipment_id =
        ownership::equipment(db, &client, input.equipment_id, "equipment_id").await?;
    let requester_id = ownership::contact(db, &client, input.requester_id, "requester_id").await?;
    let category_id = match input.category_id {
        Some(id) => {
            let id = id32(id, Thing::Category)?;
            categories::Entity::find_by_id(id)
                .one(db)
                .await?
                .filter(|c| !c.archived)
                .ok_or_else(|| {
                    CoreError::validation(
                        "category_id",
                        ValidationCode::Unknown,
                        "is not a category",
                    )
                })?;
            Some(id)
        }
        None => None,
    };
    Ok(Checked {
        title: validate::required("title", &input.title, 200)?,
        description: validate::optional("description", &input.description, 20_000)?,
        client,
        site_id,
        equipment_id,
        requester_id,
        category_id,
    })
}

async fn record_status(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ticket_id: i32,
    status: TicketStatus,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    changes::ActiveModel {
        ticket_id: Set(ticket_id),
        at: Set(at),
        status: Set(status.code().to_owned()),
        by_user_id: Set(actor.staff_row_id()),
        by_contact_id: Set(actor.contact_row_id()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn create_ticket<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &TicketInput,
) -> CoreResult<TicketDetail> {
    require(actor, Operation::OpenTickets)?;
    let input = &as_sent_by(actor, input);
    let txn = crate::db::begin_write(db).await?;
    let checked = check(&txn, actor, input).await?;
    let now = Utc::now();
    sla_policy::ensure_defaults(&txn, clock::today()).await?;
    let reference = sequences::next_reference(&txn, "ticket", clock::today()).await?;
    let ticket = tickets::ActiveModel {
        search_text: Set(ticket_search_text(
            &reference,
            &checked.title,
            &checked.client,
        )),
        reference: Set(reference),
        client_id: Set(checked.client.id),
        site_id: Set(checked.site_id),
        equipment_id: Set(checked.equipment_id),
        requester_id: Set(checked.requester_id),
        title: Set(checked.title),
        description: Set(checked.description),
        category_id: Set(checked.category_id),
        priority: Set(input.priority.code().to_owned()),
        status: Set(TicketStatus::New.code().to_owned()),
        channel: Set(input.channel.code().to_owned()),
        assignee_id: Set(None),
        created_by_user_id: Set(actor.staff_row_id()),
        created_by_contact_id: Set(actor.contact_row_id()),
        created_at: Set(now),
        updated_at: Set(now),
        sla_state: Set(SlaState::OnTrack.code().to_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::portal::limits::check_tickets(&txn, actor).await?;
    record_status(&txn, actor, ticket.id, TicketStatus::New, now).await?;
    let ticket = auto_assign(&txn, actor, ticket, now).await?;
    let (ticket, sla) = refresh_sla(&txn, ticket, now).await?;
    audit::record(
        &txn,
        actor,
        i64::from(ticket.id),
        "create",
        None,
        Some(&ticket),
    )
    .await?;
    mail_events::ticket(&txn, ticket.id, TicketNews::Created).await?;
    let detail = detail_of(&txn, actor, ticket, sla).await?;
    txn.commit().await?;
    Ok(detail)
}

/// When the setting is on, a new ticket goes to its suggested technician.
async fn auto_assign(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ticket: tickets::Model,
    now: DateTime<Utc>,
) -> CoreResult<tickets::Model> {
    let Some(category) = ticket.category_id else {
        return Ok(ticket);
    };
    if !crate::settings::auto_assign(db).await? {
        return Ok(ticket);
    }
    let Some(suggestion) =
        super::technicians::suggest_assignee(db, &Actor::System, i64::from(category)).await?
    else {
        return Ok(ticket);
    };
    let mut model = ticket.into_active_model();
    model.assignee_id = Set(i32::try_from(suggestion.user_id).ok());
    model.status = Set(TicketStatus::Assigned.code().to_owned());
    let assigned = model.update(db).await?;
    record_status(db, actor, assigned.id, TicketStatus::Assigned, now).await?;
    Ok(assigned)
}

/// The ticket `id` if the actor may see it (a portal contact: its client's only).
/// A contact limited to their own tickets sees those they opened or were
/// named on; any other is "not found", like one of another client.
async fn find(db: &impl ConnectionTrait, actor: &Actor, id: i64) -> CoreResult<tickets::Model> {
    let ticket =
        crate::query::find_in_scope::<tickets::Entity>(db, actor, id, Thing::Ticket, |t| {
            t.client_id
        })
        .await?;
    match actor.own_tickets_only() {
        Some(contact) if !is_theirs(&ticket, contact) => Err(CoreError::not_found(Thing::Ticket)),
        _ => Ok(ticket),
    }
}

/// The ids of the tickets a contact opened or was named on.
pub(crate) fn theirs(contact: i32) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(tickets::Column::Id)
        .from(tickets::Entity)
        .cond_where(
            Condition::any()
                .add(tickets::Column::RequesterId.eq(contact))
                .add(tickets::Column::CreatedByContactId.eq(contact)),
        )
        .to_owned()
}

fn is_theirs(ticket: &tickets::Model, contact: i64) -> bool {
    let contact = i32::try_from(contact).ok();
    contact.is_some() && (ticket.requester_id == contact || ticket.created_by_contact_id == contact)
}

/// What a portal contact may set on a new ticket: their own client, themselves
/// as requester, the portal as channel, no category; whatever else was sent.
fn as_sent_by(actor: &Actor, input: &TicketInput) -> TicketInput {
    match actor {
        Actor::Portal {
            contact_id,
            client_id,
            ..
        } => TicketInput {
            client_id: *client_id,
            requester_id: Some(*contact_id),
            category_id: None,
            channel: Channel::Portal,
            ..input.clone()
        },
        _ => input.clone(),
    }
}

/// A ticket a portal contact opens: for their own client, with themselves
/// as requester, through the portal.
pub async fn open_from_portal<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &PortalTicketInput,
) -> CoreResult<TicketDetail> {
    let Actor::Portal {
        contact_id,
        client_id,
        ..
    } = actor
    else {
        return Err(CoreError::Internal(
            "a portal ticket opened by someone other than a portal contact".into(),
        ));
    };
    let ticket = TicketInput {
        client_id: *client_id,
        site_id: input.site_id,
        equipment_id: input.equipment_id,
        requester_id: Some(*contact_id),
        title: input.title.clone(),
        description: input.description.clone(),
        category_id: None,
        priority: input.priority,
        channel: Channel::Portal,
    };
    create_ticket(db, actor, &ticket).await
}

pub async fn get_ticket(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<TicketDetail> {
    require(actor, Operation::ReadTickets)?;
    let ticket = find(db, actor, id).await?;
    let now = Utc::now();
    // Time alone may have changed its state: the row says it as the page does.
    if ticket.sla_review_at.is_some_and(|at| at <= now) {
        let (ticket, sla) = refresh_sla(db, ticket, now).await?;
        return detail_of(db, actor, ticket, sla).await;
    }
    let sla = sla_of(db, &ticket, now).await?;
    detail_of(db, actor, ticket, sla).await
}

pub async fn change_status<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &TicketStatusInput,
) -> CoreResult<TicketDetail> {
    require(actor, Operation::WriteTickets)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find(&txn, actor, input.id).await?;
    let from = status_of(&before);
    if !from.next().contains(&input.status) {
        return Err(CoreError::validation(
            "status",
            ValidationCode::Conflict,
            format!(
                "a {} ticket cannot become {}",
                from.code(),
                input.status.code()
            ),
        ));
    }
    let now = Utc::now();
    let mut model = before.clone().into_active_model();
    model.status = Set(input.status.code().to_owned());
    model.updated_at = Set(now);
    match input.status {
        TicketStatus::Resolved => model.resolved_at = Set(Some(now)),
        TicketStatus::Closed => model.closed_at = Set(Some(now)),
        // Reopened: it is neither resolved nor closed any more.
        TicketStatus::InProgress if !from.is_open() => {
            model.resolved_at = Set(None);
            model.closed_at = Set(None);
        }
        _ => {}
    }
    let after = model.update(&txn).await?;
    record_status(&txn, actor, after.id, input.status, now).await?;
    let (after, sla) = refresh_sla(&txn, after, now).await?;
    audit::record(&txn, actor, input.id, "status", Some(&before), Some(&after)).await?;
    if input.status == TicketStatus::Resolved {
        mail_events::ticket(&txn, after.id, TicketNews::Resolved).await?;
    }
    let detail = detail_of(&txn, actor, after, sla).await?;
    txn.commit().await?;
    Ok(detail)
}

pub async fn add_message<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &TicketMessageInput,
) -> CoreResult<TicketDetail> {
    require(actor, Operation::OpenTickets)?;
    let txn = crate::db::begin_write(db).await?;
    let ticket = find(&txn, actor, input.ticket_id).await?;
    let body = validate::required("body", &input.body, 20_000)?;
    // Only the MSP writes internal notes.
    let public = input.public || actor.client_scope().is_some();
    let now = Utc::now();
    let message = messages::ActiveModel {
        ticket_id: Set(ticket.id),
        at: Set(now),
        author_user_id: Set(actor.staff_row_id()),
        author_contact_id: Set(actor.contact_row_id()),
        public: Set(public),
        body: Set(body),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::portal::limits::check_replies(&txn, actor).await?;
    let staff_reply = public && actor.user_id().is_some();
    if staff_reply {
        let news = TicketNews::Replied {
            message_id: message.id,
            text: message.body,
        };
        mail_events::ticket(&txn, ticket.id, news).await?;
    }
    let (ticket, sla) = if staff_reply && ticket.first_response_at.is_none() {
        let mut model = ticket.into_active_model();
        model.first_response_at = Set(Some(now));
        model.updated_at = Set(now);
        let answered = model.update(&txn).await?;
        refresh_sla(&txn, answered, now).await?
    } else {
        let sla = sla_of(&txn, &ticket, now).await?;
        (ticket, sla)
    };
    let detail = detail_of(&txn, actor, ticket, sla).await?;
    txn.commit().await?;
    Ok(detail)
}

pub async fn assign<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &TicketAssignment,
) -> CoreResult<TicketDetail> {
    require(actor, Operation::WriteTickets)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find(&txn, actor, input.id).await?;
    let assignee = ownership::active_user(&txn, input.assignee_id, "assignee_id").await?;
    let now = Utc::now();
    let mut model = before.clone().into_active_model();
    model.assignee_id = Set(assignee);
    model.updated_at = Set(now);
    let status = status_of(&before);
    let new_status = match (assignee, status) {
        (Some(_), TicketStatus::New) => Some(TicketStatus::Assigned),
        (None, TicketStatus::Assigned) => Some(TicketStatus::New),
        _ => None,
    };
    if let Some(next) = new_status {
        model.status = Set(next.code().to_owned());
    }
    let after = model.update(&txn).await?;
    if let Some(next) = new_status {
        record_status(&txn, actor, after.id, next, now).await?;
    }
    let (after, sla) = refresh_sla(&txn, after, now).await?;
    audit::record(&txn, actor, input.id, "assign", Some(&before), Some(&after)).await?;
    let detail = detail_of(&txn, actor, after, sla).await?;
    txn.commit().await?;
    Ok(detail)
}

pub(crate) async fn user_names(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> CoreResult<HashMap<i32, String>> {
    Ok(users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .column(users::Column::Name)
        .filter(users::Column::Id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

async fn rows_of(
    db: &impl ConnectionTrait,
    models: &[tickets::Model],
) -> CoreResult<Vec<TicketRow>> {
    let clients =
        crate::clients::lookup::client_names(db, models.iter().map(|t| t.client_id).collect())
            .await?;
    let assignees = user_names(db, models.iter().filter_map(|t| t.assignee_id).collect()).await?;
    Ok(models
        .iter()
        .map(|t| TicketRow {
            id: i64::from(t.id),
            reference: t.reference.clone(),
            client_id: i64::from(t.client_id),
            client_name: clients.get(&t.client_id).cloned().unwrap_or_default(),
            title: t.title.clone(),
            priority: priority_of(t),
            status: status_of(t),
            channel: Channel::from_code(&t.channel).unwrap_or_default(),
            assignee_id: t.assignee_id.map(i64::from),
            assignee_name: t.assignee_id.and_then(|a| assignees.get(&a).cloned()),
            created_at: t.created_at,
            first_response_due: t.first_response_due,
            // The same rule orders the queue (`list_tickets`).
            next_due: if !status_of(t).is_open() {
                None
            } else if t.first_response_at.is_none() {
                t.first_response_due.or(t.resolution_due)
            } else {
                t.resolution_due
            },
            resolution_due: t.resolution_due,
            sla_state: SlaState::from_code(&t.sla_state).unwrap_or(SlaState::OnTrack),
        })
        .collect())
}

/// The ticket's page; a portal contact's leaves out the MSP's internal
/// notes and its suggested technician.
async fn detail_of(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ticket: tickets::Model,
    sla: Sla,
) -> CoreResult<TicketDetail> {
    let Sla {
        history,
        evaluation,
        calendar,
    } = sla;
    let row = rows_of(db, std::slice::from_ref(&ticket))
        .await?
        .pop()
        .ok_or(CoreError::not_found(Thing::Ticket))?;
    let portal = actor.client_scope().is_some();
    let mut conversation =
        messages::Entity::find().filter(messages::Column::TicketId.eq(ticket.id));
    if portal {
        conversation = conversation.filter(messages::Column::Public.eq(true));
    }
    let conversation = conversation
        .order_by_asc(messages::Column::At)
        .order_by_asc(messages::Column::Id)
        .all(db)
        .await?;
    let user_ids = conversation
        .iter()
        .filter_map(|m| m.author_user_id)
        .chain(history.iter().filter_map(|c| c.by_user_id))
        .collect();
    let staff = user_names(db, user_ids).await?;
    let contact_ids: Vec<i32> = conversation
        .iter()
        .filter_map(|m| m.author_contact_id)
        .chain(history.iter().filter_map(|c| c.by_contact_id))
        .chain(ticket.requester_id)
        .collect();
    let people: HashMap<i32, String> = contacts::Entity::find()
        .filter(contacts::Column::Id.is_in(contact_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let who = |user: Option<i32>, contact: Option<i32>| match (user, contact) {
        (Some(u), _) => staff.get(&u).cloned().unwrap_or_default(),
        (None, Some(c)) => people.get(&c).cloned().unwrap_or_default(),
        (None, None) => "system".to_owned(),
    };
    // A site or machine since given to another client is not named here.
    let site_name = match ticket.site_id {
        Some(id) => sites::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|s| s.client_id == ticket.client_id)
            .map(|s| s.name),
        None => None,
    };
    let equipment_name = match ticket.equipment_id {
        Some(id) => equipment::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|e| e.client_id == ticket.client_id)
            .map(|e| format!("{} — {}", e.reference, e.name)),
        None => None,
    };
    let category_name = match ticket.category_id {
        Some(id) => categories::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|c| c.name),
        None => None,
    };
    let suggestion = match ticket.category_id {
        Some(category) if status_of(&ticket).is_open() && !portal => {
            super::technicians::suggest_assignee(db, &Actor::System, i64::from(category)).await?
        }
        _ => None,
    };
    Ok(TicketDetail {
        suggestion,
        input: TicketInput {
            client_id: i64::from(ticket.client_id),
            site_id: ticket.site_id.map(i64::from),
            equipment_id: ticket.equipment_id.map(i64::from),
            requester_id: ticket.requester_id.map(i64::from),
            title: ticket.title.clone(),
            description: ticket.description.clone(),
            category_id: ticket.category_id.map(i64::from),
            priority: priority_of(&ticket),
            channel: Channel::from_code(&ticket.channel).unwrap_or_default(),
        },
        requester_name: ticket.requester_id.and_then(|id| people.get(&id).cloned()),
        site_name,
        equipment_name,
        category_name,
        first_response: target_view(
            &evaluation.first_response,
            evaluation.first_response_state,
            calendar.clone(),
        ),
        resolution: target_view(
            &evaluation.resolution,
            evaluation.resolution_state,
            calendar,
        ),
        messages: conversation
            .iter()
            .map(|m| TicketMessage {
                id: i64::from(m.id),
                at: m.at,
                author: who(m.author_user_id, m.author_contact_id),
                public: m.public,
                body: m.body.clone(),
            })
            .collect(),
        history: history
            .iter()
            .map(|c| TicketStatusChange {
                at: c.at,
                status: TicketStatus::from_code(&c.status).unwrap_or_default(),
                by: who(c.by_user_id, c.by_contact_id),
            })
            .collect(),
        row,
    })
}

/// The queue: open tickets by default, the most urgent deadline first.
pub async fn list_tickets<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    query: &TicketQuery,
) -> CoreResult<Page<TicketRow>> {
    require(actor, Operation::ReadTickets)?;
    refresh_due(db, Utc::now()).await?;
    let mut select =
        tickets::Entity::find().join(JoinType::InnerJoin, tickets::Relation::Client.def());
    if let Some(client) = actor.client_scope() {
        select = select.filter(tickets::Column::ClientId.eq(id32(client, Thing::Client)?));
    }
    if let Some(contact) = actor.own_tickets_only() {
        let contact = id32(contact, Thing::Contact)?;
        select = select.filter(
            Condition::any()
                .add(tickets::Column::RequesterId.eq(contact))
                .add(tickets::Column::CreatedByContactId.eq(contact)),
        );
    }
    if let Some(client) = query.client_id {
        select = select.filter(tickets::Column::ClientId.eq(id32(client, Thing::Client)?));
    }
    if let Some(item) = query.equipment_id {
        select = select.filter(tickets::Column::EquipmentId.eq(id32(item, Thing::Equipment)?));
    }
    let open: Vec<&str> = TicketStatus::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| s.code())
        .collect();
    select = match query.view {
        QueueView::All => select,
        QueueView::Open => select.filter(tickets::Column::Status.is_in(open)),
        QueueView::Mine => select
            .filter(tickets::Column::Status.is_in(open))
            .filter(tickets::Column::AssigneeId.eq(actor.staff_row_id().unwrap_or(-1))),
        QueueView::Unassigned => select
            .filter(tickets::Column::Status.is_in(open))
            .filter(tickets::Column::AssigneeId.is_null()),
        QueueView::AtRisk => select.filter(tickets::Column::SlaState.eq(SlaState::AtRisk.code())),
        QueueView::Breached => select
            .filter(tickets::Column::Status.is_in(open))
            .filter(tickets::Column::SlaState.eq(SlaState::Breached.code())),
    };
    if let Some(status) = query.status {
        select = select.filter(tickets::Column::Status.eq(status.code()));
    }
    if let Some(priority) = query.priority {
        select = select.filter(tickets::Column::Priority.eq(priority.code()));
    }
    if let Some(state) = query.sla_state {
        select = select.filter(tickets::Column::SlaState.eq(state.code()));
    }
    let search = query.search.trim();
    if !search.is_empty() {
        // The reference, the title and the client's name, through the
        // tickets' trigram index.
        select = select.filter(crate::fulltext::matching(
            db.get_database_backend(),
            "tickets",
            "tickets_fts",
            tickets::Column::SearchText,
            search,
        ));
    }
    let total = select.clone().count(db).await?;
    let (page, page_size, offset) = bounds(query.page, query.page_size);
    let ordered = if query.view == QueueView::All {
        // Every ticket ever: by resolution deadline, through its index.
        select
            .order_by_asc(tickets::Column::ResolutionDue.is_null())
            .order_by_asc(tickets::Column::ResolutionDue)
    } else {
        // Open tickets (a few thousand at most): by the deadline that
        // matters now, the one the queue counts down to (`next_due`).
        let next_due = || {
            sea_orm::sea_query::Expr::cust(
                "CASE WHEN \"tickets\".\"first_response_at\" IS NULL \
                 THEN COALESCE(\"tickets\".\"first_response_due\", \"tickets\".\"resolution_due\") \
                 ELSE \"tickets\".\"resolution_due\" END",
            )
        };
        select
            .order_by_asc(sea_orm::sea_query::ExprTrait::is_null(next_due()))
            .order_by_asc(next_due())
    };
    let models = ordered
        .order_by_asc(tickets::Column::Id)
        .limit(page_size)
        .offset(offset)
        .all(db)
        .await?;
    Ok(Page {
        items: rows_of(db, &models).await?,
        total,
        page,
        page_size,
    })
}

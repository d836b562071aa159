//! Interventions: created by hand (corrective from a ticket, installation)
//! or by preventive planning; their equipment, their technician, scheduled
//! and actual times, the work done, and the parts they used — taken out of
//! the spare-parts stock by a movement in the same transaction, so the
//! stock and the intervention never disagree.
//!
//! Each equipment an intervention concerns gets an "intervention" entry on
//! its timeline (the audit log its page shows) when the intervention is
//! recorded and when it is done; a preventive one carried out moves its
//! equipment's last and next maintenance.
//!
//! The time spent an intervention reports is the time logged on it, else the
//! time on site it records.

use super::intervention_entity as interventions;
use super::intervention_equipment_entity as links;
use super::intervention_part_entity as used_parts;
use super::local_time::CompanyZone;
use super::ticket_entity as tickets;
use crate::audit::{self, Audited};
use crate::authz::{require, Operation};
use crate::clients::lookup::find_visible;
use crate::contracts::contract_entity as contracts;
use crate::equipment::entity as equipment;
use crate::error::{CoreError, CoreResult};
use crate::ownership;
use crate::parts::part_entity as parts;
use crate::query::bounds;
use crate::query::id32;
use crate::sites::site_entity as sites;
use crate::{clock, parts as stock, sequences, validate, Actor};
use chrono::{DateTime, Utc};
use parc_api::equipment::{StockMovementInput, StockReason};
use parc_api::history::FieldChange;
use parc_api::interventions::{
    InterventionDetail, InterventionEquipment, InterventionInput, InterventionKind,
    InterventionPart, InterventionQuery, InterventionRow, InterventionStatus, PartUseInput,
};
use parc_api::problem::Thing;
use parc_api::{Page, ValidationCode};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession,
    TransactionTrait,
};
use std::collections::HashMap;

impl Audited for interventions::Model {
    const ENTITY: &'static str = "intervention";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        let time = |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
        let id = |v: Option<i32>| v.map(|v| v.to_string()).unwrap_or_default();
        vec![
            ("kind", self.kind.clone()),
            ("status", self.status.clone()),
            ("site_id", id(self.site_id)),
            ("ticket_id", id(self.ticket_id)),
            ("technician_id", id(self.technician_id)),
            ("scheduled_start", time(self.scheduled_start)),
            ("scheduled_end", time(self.scheduled_end)),
            ("actual_start", time(self.actual_start)),
            ("actual_end", time(self.actual_end)),
            ("work_done", self.work_done.clone()),
        ]
    }
}

/// The checked values of an intervention form.
struct Checked {
    client_id: i32,
    site_id: Option<i32>,
    ticket_id: Option<i32>,
    contract_id: Option<i32>,
    technician_id: Option<i32>,
    equipment_ids: Vec<i32>,
    scheduled_start: Option<DateTime<Utc>>,
    scheduled_end: Option<DateTime<Utc>>,
    actual_start: Option<DateTime<Utc>>,
    actual_end: Option<DateTime<Utc>>,
    work_done: String,
}

fn ends_after(
    field: &str,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
) -> CoreResult<()> {
    match (start, end) {
        (Some(start), Some(end)) if end <= start => Err(CoreError::validation(
            field,
            ValidationCode::InvalidFormat,
            "must come after the start",
        )),
        (None, Some(_)) => Err(CoreError::validation(
            field,
            ValidationCode::InvalidFormat,
            "needs a start",
        )),
        _ => Ok(()),
    }
}

async fn check(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &InterventionInput,
) -> CoreResult<Checked> {
    let client = find_visible(db, actor, input.client_id)
        .await
        .map_err(|_| {
            CoreError::validation("client_id", ValidationCode::Required, "choose a client")
        })?;
    let zone = CompanyZone::load(db).await?;
    let scheduled_start = zone.parse("scheduled_start", &input.scheduled_start)?;
    let scheduled_end = zone.parse("scheduled_end", &input.scheduled_end)?;
    let actual_start = zone.parse("actual_start", &input.actual_start)?;
    let actual_end = zone.parse("actual_end", &input.actual_end)?;
    ends_after("scheduled_end", scheduled_start, scheduled_end)?;
    ends_after("actual_end", actual_start, actual_end)?;
    if input.status == InterventionStatus::Done && actual_start.is_none() {
        return Err(CoreError::validation(
            "actual_start",
            ValidationCode::Required,
            "a finished intervention says when it started",
        ));
    }
    if input.kind == InterventionKind::Corrective && input.ticket_id.is_none() {
        return Err(CoreError::validation(
            "ticket_id",
            ValidationCode::Required,
            "a corrective intervention answers a ticket",
        ));
    }
    Ok(Checked {
        client_id: client.id,
        site_id: ownership::site(db, &client, input.site_id, "site_id").await?,
        ticket_id: ownership::ticket(db, &client, input.ticket_id, "ticket_id").await?,
        contract_id: ownership::contract(db, &client, input.contract_id, "contract_id").await?,
        technician_id: ownership::active_user(db, input.technician_id, "technician_id").await?,
        equipment_ids: ownership::equipment_list(
            db,
            &client,
            &input.equipment_ids,
            "equipment_ids",
        )
        .await?,
        scheduled_start,
        scheduled_end,
        actual_start,
        actual_end,
        work_done: validate::optional("work_done", &input.work_done, 20_000)?,
    })
}

fn apply(model: &mut interventions::ActiveModel, input: &InterventionInput, checked: &Checked) {
    model.kind = Set(input.kind.code().to_owned());
    model.status = Set(input.status.code().to_owned());
    model.client_id = Set(checked.client_id);
    model.site_id = Set(checked.site_id);
    model.ticket_id = Set(checked.ticket_id);
    model.contract_id = Set(checked.contract_id);
    model.technician_id = Set(checked.technician_id);
    model.scheduled_start = Set(checked.scheduled_start);
    model.scheduled_end = Set(checked.scheduled_end);
    model.actual_start = Set(checked.actual_start);
    model.actual_end = Set(checked.actual_end);
    model.work_done = Set(checked.work_done.clone());
    model.updated_at = Set(Utc::now());
}

/// Replaces an intervention's equipment; returns those newly added.
async fn link_equipment(
    db: &impl ConnectionTrait,
    intervention_id: i32,
    equipment_ids: &[i32],
) -> CoreResult<Vec<i32>> {
    let before: Vec<i32> = links::Entity::find()
        .filter(links::Column::InterventionId.eq(intervention_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.equipment_id)
        .collect();
    links::Entity::delete_many()
        .filter(links::Column::InterventionId.eq(intervention_id))
        .filter(links::Column::EquipmentId.is_not_in(equipment_ids.to_vec()))
        .exec(db)
        .await?;
    let added: Vec<i32> = equipment_ids
        .iter()
        .copied()
        .filter(|id| !before.contains(id))
        .collect();
    if !added.is_empty() {
        links::Entity::insert_many(added.iter().map(|&equipment_id| links::ActiveModel {
            intervention_id: Set(intervention_id),
            equipment_id: Set(equipment_id),
        }))
        .exec(db)
        .await?;
    }
    Ok(added)
}

/// Writes "intervention INT000012 (preventive, done)" on the timeline of
/// each of `equipment_ids`.
async fn note_on_timelines(
    db: &impl ConnectionTrait,
    actor: &Actor,
    model: &interventions::Model,
    equipment_ids: &[i32],
) -> CoreResult<()> {
    for &id in equipment_ids {
        let change = FieldChange {
            field: "intervention".to_owned(),
            before: None,
            after: Some(format!(
                "{} ({}, {})",
                model.reference, model.kind, model.status
            )),
        };
        audit::entry_of_changes(actor, "equipment", i64::from(id), "intervention", &[change])?
            .insert(db)
            .await?;
    }
    Ok(())
}

/// A preventive intervention carried out is its equipment's maintenance:
/// each gets that day as its last maintenance and, from its type's
/// interval, its next one (so planning schedules the visit after), both on
/// its timeline.
async fn record_maintenance(
    db: &impl ConnectionTrait,
    actor: &Actor,
    model: &interventions::Model,
    equipment_ids: &[i32],
) -> CoreResult<()> {
    use crate::catalogue::type_entity as types;
    if model.kind != InterventionKind::Preventive.code() || model.status != "done" {
        return Ok(());
    }
    let zone = CompanyZone::load(db).await?;
    let Some(day) = model
        .actual_end
        .or(model.actual_start)
        .and_then(|at| zone.day(at))
    else {
        return Ok(());
    };
    let items = equipment::Entity::find()
        .filter(equipment::Column::Id.is_in(equipment_ids.to_vec()))
        .all(db)
        .await?;
    for item in items {
        let months = types::Entity::find_by_id(item.type_id)
            .one(db)
            .await?
            .map_or(0, |t| t.maintenance_months);
        let next = crate::equipment::plus_months(Some(day), months);
        let text = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
        let changes = [
            FieldChange {
                field: "last_maintenance".into(),
                before: text(item.last_maintenance),
                after: text(Some(day)),
            },
            FieldChange {
                field: "next_maintenance".into(),
                before: text(item.next_maintenance),
                after: text(next),
            },
        ];
        equipment::Entity::update_many()
            .col_expr(equipment::Column::LastMaintenance, Expr::value(Some(day)))
            .col_expr(equipment::Column::NextMaintenance, Expr::value(next))
            .filter(equipment::Column::Id.eq(item.id))
            .exec(db)
            .await?;
        audit::entry_of_changes(actor, "equipment", i64::from(item.id), "update", &changes)?
            .insert(db)
            .await?;
    }
    Ok(())
}

/// Creates an intervention inside the caller's transaction; planning uses
/// it with its `plan_key`.
pub(crate) async fn create_in(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    input: &InterventionInput,
    plan_key: Option<String>,
) -> CoreResult<interventions::Model> {
    let checked = check(txn, actor, input).await?;
    let now = Utc::now();
    let reference = sequences::next_reference(txn, "intervention", clock::today()).await?;
    let mut model = interventions::ActiveModel {
        reference: Set(reference),
        plan_key: Set(plan_key),
        created_at: Set(now),
        ..Default::default()
    };
    apply(&mut model, input, &checked);
    let saved = model.insert(txn).await?;
    link_equipment(txn, saved.id, &checked.equipment_ids).await?;
    audit::record_saved(txn, actor, i64::from(saved.id), None, &saved).await?;
    note_on_timelines(txn, actor, &saved, &checked.equipment_ids).await?;
    record_maintenance(txn, actor, &saved, &checked.equipment_ids).await?;
    Ok(saved)
}

pub async fn create_intervention<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &InterventionInput,
) -> CoreResult<InterventionDetail> {
    require(actor, Operation::WriteTickets)?;
    let txn = crate::db::begin_write(db).await?;
    let saved = create_in(&txn, actor, input, None).await?;
    let detail = detail_of(&txn, actor, saved).await?;
    txn.commit().await?;
    Ok(detail)
}

pub async fn update_intervention<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    input: &InterventionInput,
) -> CoreResult<InterventionDetail> {
    require(actor, Operation::WriteTickets)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find(&txn, actor, id).await?;
    if i64::from(before.client_id) != input.client_id {
        return Err(CoreError::validation(
            "client_id",
            ValidationCode::InvalidFormat,
            "an intervention stays with its client",
        ));
    }
    let checked = check(&txn, actor, input).await?;
    let mut model = before.clone().into_active_model();
    apply(&mut model, input, &checked);
    let after = model.update(&txn).await?;
    let added = link_equipment(&txn, after.id, &checked.equipment_ids).await?;
    audit::record_saved(&txn, actor, id, Some(&before), &after).await?;
    let finished = after.status != before.status && after.status == "done";
    let noted: Vec<i32> = if finished {
        checked.equipment_ids.clone()
    } else {
        added
    };
    note_on_timelines(&txn, actor, &after, &noted).await?;
    if finished {
        record_maintenance(&txn, actor, &after, &checked.equipment_ids).await?;
    }
    let detail = detail_of(&txn, actor, after).await?;
    txn.commit().await?;
    Ok(detail)
}

/// Takes parts out of the stock for an intervention (a consumption
/// movement noting the intervention and its first equipment).
pub async fn use_parts<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &PartUseInput,
) -> CoreResult<InterventionDetail> {
    require(actor, Operation::WriteTickets)?;
    let txn = crate::db::begin_write(db).await?;
    let intervention = find(&txn, actor, input.intervention_id).await?;
    let first_equipment = links::Entity::find()
        .filter(links::Column::InterventionId.eq(intervention.id))
        .order_by_asc(links::Column::EquipmentId)
        .one(&txn)
        .await?
        .map(|l| i64::from(l.equipment_id));
    let (_, movement_id) = stock::record_movement_in(
        &txn,
        actor,
        &StockMovementInput {
            part_id: input.part_id,
            reason: StockReason::Consumption,
            quantity: input.quantity,
            note: intervention.reference.clone(),
            equipment_id: first_equipment,
        },
    )
    .await?;
    used_parts::ActiveModel {
        intervention_id: Set(intervention.id),
        part_id: Set(id32(input.part_id, Thing::Part)?),
        quantity: Set(input.quantity),
        movement_id: Set(Some(movement_id)),
        invoice_id: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let detail = detail_of(&txn, actor, intervention).await?;
    txn.commit().await?;
    Ok(detail)
}

async fn find(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<interventions::Model> {
    crate::query::find_in_scope::<interventions::Entity>(db, actor, id, Thing::Intervention, |i| {
        i.client_id
    })
    .await
}

pub async fn get_intervention(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<InterventionDetail> {
    require(actor, Operation::ReadTickets)?;
    let model = find(db, actor, id).await?;
    detail_of(db, actor, model).await
}

/// Finds an intervention by its reference (the command line's `REF`).
pub async fn find_by_reference(
    db: &impl ConnectionTrait,
    actor: &Actor,
    reference: &str,
) -> CoreResult<InterventionDetail> {
    require(actor, Operation::ReadTickets)?;
    let model = interventions::Entity::find()
        .filter(interventions::Column::Reference.eq(reference.trim()))
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Intervention))?;
    let model = find(db, actor, i64::from(model.id)).await?;
    detail_of(db, actor, model).await
}

fn status_of(model: &interventions::Model) -> InterventionStatus {
    InterventionStatus::from_code(&model.status).unwrap_or_default()
}

fn kind_of(model: &interventions::Model) -> InterventionKind {
    InterventionKind::from_code(&model.kind).unwrap_or_default()
}

pub(crate) async fn rows_of(
    db: &impl ConnectionTrait,
    models: &[interventions::Model],
) -> CoreResult<Vec<InterventionRow>> {
    let clients =
        crate::clients::lookup::client_names(db, models.iter().map(|m| m.client_id).collect())
            .await?;
    let technicians =
        super::tickets::user_names(db, models.iter().filter_map(|m| m.technician_id).collect())
            .await?;
    let site_ids: Vec<i32> = models.iter().filter_map(|m| m.site_id).collect();
    let site_names: HashMap<i32, String> = sites::Entity::find()
        .select_only()
        .column(sites::Column::Id)
        .column(sites::Column::Name)
        .filter(sites::Column::Id.is_in(site_ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let ticket_ids: Vec<i32> = models.iter().filter_map(|m| m.ticket_id).collect();
    let ticket_refs: HashMap<i32, String> = tickets::Entity::find()
        .select_only()
        .column(tickets::Column::Id)
        .column(tickets::Column::Reference)
        .filter(tickets::Column::Id.is_in(ticket_ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(models
        .iter()
        .map(|m| InterventionRow {
            id: i64::from(m.id),
            reference: m.reference.clone(),
            kind: kind_of(m),
            status: status_of(m),
            client_id: i64::from(m.client_id),
            client_name: clients.get(&m.client_id).cloned().unwrap_or_default(),
            site_name: m.site_id.and_then(|s| site_names.get(&s).cloned()),
            technician_id: m.technician_id.map(i64::from),
            technician_name: m.technician_id.and_then(|t| technicians.get(&t).cloned()),
            ticket_id: m.ticket_id.map(i64::from),
            ticket_reference: m.ticket_id.and_then(|t| ticket_refs.get(&t).cloned()),
            scheduled_start: m.scheduled_start,
            scheduled_end: m.scheduled_end,
            actual_start: m.actual_start,
            actual_end: m.actual_end,
        })
        .collect())
}

async fn detail_of(
    db: &impl ConnectionTrait,
    actor: &Actor,
    model: interventions::Model,
) -> CoreResult<InterventionDetail> {
    let zone = CompanyZone::load(db).await?;
    let row = rows_of(db, std::slice::from_ref(&model))
        .await?
        .pop()
        .ok_or(CoreError::not_found(Thing::Intervention))?;
    let equipment_ids: Vec<i32> = links::Entity::find()
        .filter(links::Column::InterventionId.eq(model.id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.equipment_id)
        .collect();
    let equipment: Vec<InterventionEquipment> = equipment::Entity::find()
        .filter(equipment::Column::Id.is_in(equipment_ids))
        .order_by_asc(equipment::Column::Reference)
        .all(db)
        .await?
        .into_iter()
        .map(|e| InterventionEquipment {
            id: i64::from(e.id),
            reference: e.reference,
            name: e.name,
            serial_number: e.serial.unwrap_or_default(),
        })
        .collect();
    let used = used_parts::Entity::find()
        .filter(used_parts::Column::InterventionId.eq(model.id))
        .order_by_asc(used_parts::Column::Id)
        .all(db)
        .await?;
    let part_ids: Vec<i32> = used.iter().map(|u| u.part_id).collect();
    let catalogue: HashMap<i32, parts::Model> = parts::Entity::find()
        .filter(parts::Column::Id.is_in(part_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut parts_used: Vec<InterventionPart> = Vec::new();
    for u in used {
        match parts_used
            .iter_mut()
            .find(|p| p.part_id == i64::from(u.part_id))
        {
            Some(same) => same.quantity += u.quantity,
            None => {
                let part = catalogue.get(&u.part_id);
                parts_used.push(InterventionPart {
                    part_id: i64::from(u.part_id),
                    name: part.map(|p| p.name.clone()).unwrap_or_default(),
                    part_number: part.map(|p| p.part_number.clone()).unwrap_or_default(),
                    quantity: u.quantity,
                });
            }
        }
    }
    let contract_reference = match model.contract_id {
        Some(id) => contracts::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|c| c.reference),
        None => None,
    };
    let time = super::time::entries_of_intervention(db, actor, i64::from(model.id)).await?;
    // The time logged on it; when none was, the time on site it records.
    let logged: i64 = time.iter().map(|t| t.minutes).sum();
    let minutes_spent = match (model.actual_start, model.actual_end) {
        (Some(start), Some(end)) if logged == 0 => (end - start).num_minutes().max(0),
        _ => logged,
    };
    Ok(InterventionDetail {
        input: InterventionInput {
            kind: kind_of(&model),
            status: status_of(&model),
            client_id: i64::from(model.client_id),
            site_id: model.site_id.map(i64::from),
            ticket_id: model.ticket_id.map(i64::from),
            contract_id: model.contract_id.map(i64::from),
            technician_id: model.technician_id.map(i64::from),
            equipment_ids: equipment.iter().map(|e| e.id).collect(),
            scheduled_start: zone.field_text(model.scheduled_start),
            scheduled_end: zone.field_text(model.scheduled_end),
            actual_start: zone.field_text(model.actual_start),
            actual_end: zone.field_text(model.actual_end),
            work_done: model.work_done.clone(),
        },
        row,
        contract_reference,
        equipment,
        parts: parts_used,
        time,
        minutes_spent,
    })
}

/// When an intervention takes place: scheduled, or carried out when it was
/// never scheduled.
fn when() -> sea_orm::sea_query::SimpleExpr {
    sea_orm::sea_query::Expr::cust(
        "COALESCE(\"interventions\".\"scheduled_start\", \"interventions\".\"actual_start\")",
    )
}

/// Interventions, the soonest first (scheduled, or carried out when they
/// were never scheduled), filtered by client, technician, equipment,
/// ticket, status and days.
pub async fn list_interventions(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &InterventionQuery,
) -> CoreResult<Page<InterventionRow>> {
    require(actor, Operation::ReadTickets)?;
    let mut select = interventions::Entity::find();
    let client_scope = actor.client_scope().or(query.client_id);
    if let Some(client) = client_scope {
        select = select.filter(interventions::Column::ClientId.eq(id32(client, Thing::Client)?));
    }
    if let Some(contact) = actor.own_tickets_only() {
        // A contact who sees only their own tickets sees the work done for
        // them, or for nobody's ticket (maintenance), not for colleagues'.
        select = select.filter(
            Condition::any()
                .add(interventions::Column::TicketId.is_null())
                .add(
                    interventions::Column::TicketId
                        .in_subquery(crate::desk::tickets::theirs(id32(contact, Thing::Contact)?)),
                ),
        );
    }
    if let Some(technician) = query.technician_id {
        select = select
            .filter(interventions::Column::TechnicianId.eq(id32(technician, Thing::Technician)?));
    }
    if let Some(ticket) = query.ticket_id {
        select = select.filter(interventions::Column::TicketId.eq(id32(ticket, Thing::Ticket)?));
    }
    if let Some(status) = query.status {
        select = select.filter(interventions::Column::Status.eq(status.code()));
    }
    if let Some(item) = query.equipment_id {
        let ids: Vec<i32> = links::Entity::find()
            .filter(links::Column::EquipmentId.eq(id32(item, Thing::Equipment)?))
            .all(db)
            .await?
            .into_iter()
            .map(|l| l.intervention_id)
            .collect();
        select = select.filter(interventions::Column::Id.is_in(ids));
    }
    if query.from.is_some() || query.to.is_some() {
        let zone = CompanyZone::load(db).await?;
        let start = query.from.and_then(|d| zone.start_of(d));
        let end = query
            .to
            .and_then(|d| d.succ_opt())
            .and_then(|d| zone.start_of(d));
        let mut window = Condition::all();
        if let Some(start) = start {
            window = window.add(sea_orm::sea_query::ExprTrait::gte(when(), start));
        }
        if let Some(end) = end {
            window = window.add(sea_orm::sea_query::ExprTrait::lt(when(), end));
        }
        select = select.filter(window);
    }
    let (page, size, offset) = bounds(query.page, query.page_size);
    let total = select.clone().count(db).await?;
    let models = select
        .order_by_asc(when())
        .order_by_asc(interventions::Column::Id)
        .offset(offset)
        .limit(size)
        .all(db)
        .await?;
    Ok(Page {
        items: rows_of(db, &models).await?,
        total,
        page,
        page_size: size,
    })
}

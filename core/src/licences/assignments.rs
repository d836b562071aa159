//! Seats: a licence's seat given to an equipment (per device,
//! subscription) or to a contact (per user, subscription) of its client.
//!
//! Over-allocation is allowed — the licence shows the deficit — because the
//! truth on the ground comes first; giving the same seat twice is not.

use super::assignment_entity as assignments;
use super::register::{find, get_licence};
use crate::actor::Actor;
use crate::audit;
use crate::authz::{require, Operation};
use crate::clients::{client_entity as clients, contact_entity as contacts};
use crate::equipment::entity as equipment;
use crate::error::{CoreError, CoreResult};
use crate::ownership;
use crate::query::id32;
use parc_api::equipment::EquipmentStatus;
use parc_api::history::FieldChange;
use parc_api::licences::{AssignLicence, AssignmentRow, LicenceDetail, LicenceKind};
use parc_api::problem::Thing;
use parc_api::ValidationCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

/// Why a licence of `kind` gives no seat to `what`.
fn no_seat_for(kind: LicenceKind, what: &str) -> String {
    match kind {
        LicenceKind::PerSite | LicenceKind::Unlimited => {
            "a site or unlimited licence covers without seats".to_owned()
        }
        LicenceKind::PerUser => format!("a per-user licence gives no seat to {what}"),
        _ => format!("a per-device licence gives no seat to {what}"),
    }
}

fn seat_change(label: &str, given: bool) -> FieldChange {
    FieldChange {
        field: "seat".into(),
        before: (!given).then(|| label.to_owned()),
        after: given.then(|| label.to_owned()),
    }
}

/// Gives a seat of the licence to the equipment or the contact named.
pub async fn assign<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &AssignLicence,
) -> CoreResult<LicenceDetail> {
    require(actor, Operation::AssignLicences)?;
    let txn = crate::db::begin_write(db).await?;
    let licence = find(&txn, actor, input.licence_id).await?;
    let kind = LicenceKind::from_code(&licence.kind).unwrap_or_default();
    let client = clients::Entity::find_by_id(licence.client_id)
        .one(&txn)
        .await?
        .ok_or(CoreError::not_found(Thing::Client))?;
    let (equipment_id, contact_id, label) = match (input.equipment_id, input.contact_id) {
        (Some(_), Some(_)) | (None, None) => {
            return Err(CoreError::validation(
                "equipment_id",
                ValidationCode::Required,
                "choose an equipment or a person, one of them",
            ))
        }
        (Some(id), None) => {
            if !kind.assigns_equipment() {
                return Err(CoreError::validation(
                    "equipment_id",
                    ValidationCode::InvalidFormat,
                    no_seat_for(kind, "equipment"),
                ));
            }
            let id = ownership::equipment(&txn, &client, Some(id), "equipment_id")
                .await?
                .ok_or(CoreError::not_found(Thing::Equipment))?;
            let machine = equipment::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(CoreError::not_found(Thing::Equipment))?;
            if machine.status == EquipmentStatus::Retired.code() {
                return Err(CoreError::validation(
                    "equipment_id",
                    ValidationCode::InvalidFormat,
                    format!("{} is retired: it needs no seat", machine.reference),
                ));
            }
            (
                Some(id),
                None,
                format!("{} {}", machine.reference, machine.name),
            )
        }
        (None, Some(id)) => {
            if !kind.assigns_contacts() {
                return Err(CoreError::validation(
                    "contact_id",
                    ValidationCode::InvalidFormat,
                    no_seat_for(kind, "people"),
                ));
            }
            let id = ownership::contact(&txn, &client, Some(id), "contact_id")
                .await?
                .ok_or(CoreError::not_found(Thing::Contact))?;
            let person = contacts::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(CoreError::not_found(Thing::Contact))?;
            (None, Some(id), person.name)
        }
    };
    let mut already =
        assignments::Entity::find().filter(assignments::Column::LicenceId.eq(licence.id));
    already = match (equipment_id, contact_id) {
        (Some(e), _) => already.filter(assignments::Column::EquipmentId.eq(e)),
        (_, Some(c)) => already.filter(assignments::Column::ContactId.eq(c)),
        _ => already,
    };
    if already.one(&txn).await?.is_some() {
        return Err(CoreError::validation(
            if equipment_id.is_some() {
                "equipment_id"
            } else {
                "contact_id"
            },
            ValidationCode::Duplicate,
            format!("{label} already has a seat of this licence"),
        ));
    }
    assignments::ActiveModel {
        licence_id: Set(licence.id),
        equipment_id: Set(equipment_id),
        contact_id: Set(contact_id),
        assigned_on: Set(crate::clock::today()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::entry_of_changes(
        actor,
        "licence",
        i64::from(licence.id),
        "assign",
        &[seat_change(&label, true)],
    )?
    .insert(&txn)
    .await?;
    txn.commit().await?;
    get_licence(db, actor, input.licence_id).await
}

/// Takes a seat back.
pub async fn unassign<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    assignment_id: i64,
) -> CoreResult<LicenceDetail> {
    require(actor, Operation::AssignLicences)?;
    let txn = crate::db::begin_write(db).await?;
    let seat = assignments::Entity::find_by_id(id32(assignment_id, Thing::Seat)?)
        .one(&txn)
        .await?
        .ok_or(CoreError::not_found(Thing::Seat))?;
    let licence = find(&txn, actor, i64::from(seat.licence_id)).await?;
    let (label, _) = labels(&txn, std::slice::from_ref(&seat), licence.client_id)
        .await?
        .remove(&seat.id)
        .unwrap_or_default();
    assignments::Entity::delete_by_id(seat.id)
        .exec(&txn)
        .await?;
    audit::entry_of_changes(
        actor,
        "licence",
        i64::from(licence.id),
        "unassign",
        &[seat_change(&label, false)],
    )?
    .insert(&txn)
    .await?;
    txn.commit().await?;
    get_licence(db, actor, i64::from(licence.id)).await
}

/// What each seat is given to (the equipment's reference and name, or the
/// contact's name) and whether it is in use (`compliance::seat_in_use`:
/// not on equipment since retired or given to another client).
async fn labels(
    db: &impl ConnectionTrait,
    seats: &[assignments::Model],
    licence_client: i32,
) -> CoreResult<HashMap<i32, (String, bool)>> {
    let machine_ids: Vec<i32> = seats.iter().filter_map(|s| s.equipment_id).collect();
    let contact_ids: Vec<i32> = seats.iter().filter_map(|s| s.contact_id).collect();
    let machines: HashMap<i32, (String, bool)> = equipment::Entity::find()
        .filter(equipment::Column::Id.is_in(machine_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|e| {
            let in_use =
                e.client_id == licence_client && e.status != EquipmentStatus::Retired.code();
            (e.id, (format!("{} {}", e.reference, e.name), in_use))
        })
        .collect();
    let people: HashMap<i32, String> = contacts::Entity::find()
        .filter(contacts::Column::Id.is_in(contact_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    Ok(seats
        .iter()
        .map(|s| {
            let label = match (s.equipment_id, s.contact_id) {
                (Some(e), _) => machines.get(&e).cloned(),
                (_, Some(c)) => people.get(&c).map(|name| (name.clone(), true)),
                _ => None,
            };
            (s.id, label.unwrap_or_default())
        })
        .collect())
}

/// A licence's seats, equipment first, then people, by label.
pub(crate) async fn list_of_licence(
    db: &impl ConnectionTrait,
    licence_id: i32,
    licence_client: i32,
) -> CoreResult<Vec<AssignmentRow>> {
    let seats = assignments::Entity::find()
        .filter(assignments::Column::LicenceId.eq(licence_id))
        .order_by_asc(assignments::Column::Id)
        .all(db)
        .await?;
    let mut names = labels(db, &seats, licence_client).await?;
    let mut rows: Vec<AssignmentRow> = seats
        .into_iter()
        .map(|s| {
            let (label, in_use) = names.remove(&s.id).unwrap_or_default();
            AssignmentRow {
                id: i64::from(s.id),
                licence_id: i64::from(s.licence_id),
                equipment_id: s.equipment_id.map(i64::from),
                contact_id: s.contact_id.map(i64::from),
                label,
                assigned_on: s.assigned_on,
                in_use,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.equipment_id.is_none(), &a.label).cmp(&(b.equipment_id.is_none(), &b.label))
    });
    Ok(rows)
}

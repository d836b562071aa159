//! Whether what a form names belongs to its client: a site, an equipment,
//! a contact, a ticket, a contract; and whether a user can be given work.
//! Tickets and interventions check their references here, once, with the
//! same message naming the field.

use super::ticket_entity as tickets;
use crate::auth::user_entity as users;
use crate::clients::{client_entity as clients, contact_entity as contacts, id32};
use crate::contracts::contract_entity as contracts;
use crate::equipment::entity as equipment;
use crate::error::{CoreError, CoreResult};
use crate::sites::site_entity as sites;
use parc_api::problem::Thing;
use parc_api::ValidationCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PrimaryKeyTrait, QueryFilter};

fn not_of(client: &clients::Model, field: &str) -> CoreError {
    CoreError::validation(
        field,
        ValidationCode::NotOfClient,
        format!("must belong to {}", client.name),
    )
}

/// The record `id` of entity `E` (a `kind` of record), when it belongs to
/// `client`; none when no id was given.
async fn owned<E>(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    id: Option<i64>,
    field: &str,
    kind: Thing,
    ids_of: fn(&E::Model) -> (i32, i32),
) -> CoreResult<Option<i32>>
where
    E: EntityTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    let Some(id) = id else { return Ok(None) };
    let found = E::find_by_id(id32(id, kind)?)
        .one(db)
        .await?
        .map(|model| ids_of(&model))
        .filter(|(_, owner)| *owner == client.id)
        .ok_or_else(|| not_of(client, field))?;
    Ok(Some(found.0))
}

pub(crate) async fn site(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    id: Option<i64>,
    field: &str,
) -> CoreResult<Option<i32>> {
    owned::<sites::Entity>(db, client, id, field, Thing::Site, |s| (s.id, s.client_id)).await
}

pub(crate) async fn equipment(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    id: Option<i64>,
    field: &str,
) -> CoreResult<Option<i32>> {
    owned::<equipment::Entity>(db, client, id, field, Thing::Equipment, |e| {
        (e.id, e.client_id)
    })
    .await
}

/// Several equipment at once; `field` is reported with the position of the
/// first that is not the client's (`equipment_ids[2]`).
pub(crate) async fn equipment_list(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    ids: &[i64],
    field: &str,
) -> CoreResult<Vec<i32>> {
    let wanted = ids
        .iter()
        .map(|&id| id32(id, Thing::Equipment))
        .collect::<CoreResult<Vec<i32>>>()?;
    let owned: Vec<i32> = equipment::Entity::find()
        .filter(equipment::Column::Id.is_in(wanted.clone()))
        .filter(equipment::Column::ClientId.eq(client.id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    let mut kept = Vec::with_capacity(wanted.len());
    for (position, id) in wanted.into_iter().enumerate() {
        if !owned.contains(&id) {
            return Err(not_of(client, &format!("{field}[{position}]")));
        }
        if !kept.contains(&id) {
            kept.push(id);
        }
    }
    Ok(kept)
}

pub(crate) async fn contact(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    id: Option<i64>,
    field: &str,
) -> CoreResult<Option<i32>> {
    owned::<contacts::Entity>(db, client, id, field, Thing::Contact, |c| {
        (c.id, c.client_id)
    })
    .await
}

pub(crate) async fn ticket(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    id: Option<i64>,
    field: &str,
) -> CoreResult<Option<i32>> {
    owned::<tickets::Entity>(db, client, id, field, Thing::Ticket, |t| {
        (t.id, t.client_id)
    })
    .await
}

pub(crate) async fn contract(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    id: Option<i64>,
    field: &str,
) -> CoreResult<Option<i32>> {
    owned::<contracts::Entity>(db, client, id, field, Thing::Contract, |c| {
        (c.id, c.client_id)
    })
    .await
}

/// An active member of the staff, who can be given a ticket or a visit.
pub(crate) async fn active_user(
    db: &impl ConnectionTrait,
    id: Option<i64>,
    field: &str,
) -> CoreResult<Option<i32>> {
    let Some(id) = id else { return Ok(None) };
    let user = users::Entity::find_by_id(id32(id, Thing::User)?)
        .one(db)
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| {
            CoreError::validation(field, ValidationCode::Unknown, "is not an active user")
        })?;
    Ok(Some(user.id))
}

//! The one place of the "same client" rule: whatever a form names beside
//! its client (a site, an equipment, a contact, a ticket, a contract, a
//! component's parent) must be that client's, else the field is refused as
//! `NotOfClient`. Every service that links records checks here: tickets,
//! interventions, equipment and their bulk changes, contracts, licences.
//!
//! A record that does not exist gets the same answer as one of another
//! client, so a portal contact learns nothing of other clients' ids. Also
//! here: whether a user can be given work.

use crate::auth::user_entity as users;
use crate::clients::{client_entity as clients, contact_entity as contacts};
use crate::contracts::contract_entity as contracts;
use crate::desk::ticket_entity as tickets;
use crate::equipment::entity as equipment;
use crate::error::{CoreError, CoreResult};
use crate::query::id32;
use crate::sites::site_entity as sites;
use parc_api::problem::Thing;
use parc_api::ValidationCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PrimaryKeyTrait, QueryFilter};

/// A kind of record that belongs to one client.
pub(crate) trait OfClient: EntityTrait
where
    <Self::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    const THING: Thing;
    fn id_column() -> Self::Column;
    fn client_column() -> Self::Column;
    /// The record's id and its client's.
    fn ids(model: &Self::Model) -> (i32, i32);
}

macro_rules! of_client {
    ($($entity:ident => $thing:ident;)*) => {$(
        impl OfClient for $entity::Entity {
            const THING: Thing = Thing::$thing;
            fn id_column() -> Self::Column {
                $entity::Column::Id
            }
            fn client_column() -> Self::Column {
                $entity::Column::ClientId
            }
            fn ids(model: &Self::Model) -> (i32, i32) {
                (model.id, model.client_id)
            }
        }
    )*};
}

of_client! {
    sites => Site;
    equipment => Equipment;
    contacts => Contact;
    tickets => Ticket;
    contracts => Contract;
}

/// The refusal of `field`: it names a record that is not `client`'s.
fn not_of(client: &clients::Model, field: &str) -> CoreError {
    CoreError::validation(
        field,
        ValidationCode::NotOfClient,
        format!("must belong to {}", client.name),
    )
}

/// The rule itself: what `field` names (of client `named`) is of the
/// client `wanted`; else the field is refused, saying `why`.
pub(crate) fn same_client(
    wanted: i32,
    named: i32,
    field: &str,
    why: impl FnOnce() -> String,
) -> CoreResult<()> {
    if wanted == named {
        Ok(())
    } else {
        Err(CoreError::validation(
            field,
            ValidationCode::NotOfClient,
            why(),
        ))
    }
}

/// `record` (of kind `E`) is `client`'s.
pub(crate) fn ensure<E: OfClient>(
    client: &clients::Model,
    record: &E::Model,
    field: &str,
) -> CoreResult<()>
where
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    same_client(client.id, E::ids(record).1, field, || {
        format!("must belong to {}", client.name)
    })
}

/// The record `id` of kind `E`, when it is `client`'s.
pub(crate) async fn find<E: OfClient>(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    id: i64,
    field: &str,
) -> CoreResult<E::Model>
where
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    let record = E::find_by_id(id32(id, E::THING)?)
        .one(db)
        .await?
        .ok_or_else(|| not_of(client, field))?;
    ensure::<E>(client, &record, field)?;
    Ok(record)
}

/// The id of the record `id` of kind `E` when it is `client`'s; none when
/// no id was given.
async fn owned<E: OfClient>(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    id: Option<i64>,
    field: &str,
) -> CoreResult<Option<i32>>
where
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    match id {
        None => Ok(None),
        Some(id) => Ok(Some(E::ids(&find::<E>(db, client, id, field).await?).0)),
    }
}

/// Of `wanted`, the position of the first that is not `client`'s (one query).
async fn first_not_owned<E: OfClient>(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    wanted: &[i32],
) -> CoreResult<Option<usize>>
where
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    let owned: Vec<i32> = E::find()
        .filter(E::id_column().is_in(wanted.to_vec()))
        .filter(E::client_column().eq(client.id))
        .all(db)
        .await?
        .iter()
        .map(|model| E::ids(model).0)
        .collect();
    Ok(wanted.iter().position(|id| !owned.contains(id)))
}

/// Several records of kind `E` at once, without repeats; `field` is
/// reported with the position of the first that is not the client's
/// (`equipment_ids[2]`).
pub(crate) async fn all<E: OfClient>(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    ids: &[i64],
    field: &str,
) -> CoreResult<Vec<i32>>
where
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    let wanted = ids
        .iter()
        .map(|&id| id32(id, E::THING))
        .collect::<CoreResult<Vec<i32>>>()?;
    if let Some(position) = first_not_owned::<E>(db, client, &wanted).await? {
        return Err(not_of(client, &format!("{field}[{position}]")));
    }
    let mut kept = Vec::with_capacity(wanted.len());
    for id in wanted {
        if !kept.contains(&id) {
            kept.push(id);
        }
    }
    Ok(kept)
}

/// Every one of `ids` (of kind `E`) is `client`'s; the refusal names the
/// whole list's `field` (a set of choices shown as one box).
pub(crate) async fn every<E: OfClient>(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    ids: &[i32],
    field: &str,
) -> CoreResult<()>
where
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    match first_not_owned::<E>(db, client, ids).await? {
        None => Ok(()),
        Some(_) => Err(CoreError::validation(
            field,
            ValidationCode::NotOfClient,
            format!(
                "every {} must belong to {}",
                E::THING.name(parc_api::auth::Language::En),
                client.name
            ),
        )),
    }
}

pub(crate) async fn site(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    id: Option<i64>,
    field: &str,
) -> CoreResult<Option<i32>> {
    owned::<sites::Entity>(db, client, id, field).await
}

pub(crate) async fn equipment(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    id: Option<i64>,
    field: &str,
) -> CoreResult<Option<i32>> {
    owned::<equipment::Entity>(db, client, id, field).await
}

/// Several equipment at once (see `all`).
pub(crate) async fn equipment_list(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    ids: &[i64],
    field: &str,
) -> CoreResult<Vec<i32>> {
    all::<equipment::Entity>(db, client, ids, field).await
}

pub(crate) async fn contact(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    id: Option<i64>,
    field: &str,
) -> CoreResult<Option<i32>> {
    owned::<contacts::Entity>(db, client, id, field).await
}

pub(crate) async fn ticket(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    id: Option<i64>,
    field: &str,
) -> CoreResult<Option<i32>> {
    owned::<tickets::Entity>(db, client, id, field).await
}

pub(crate) async fn contract(
    db: &impl ConnectionTrait,
    client: &clients::Model,
    id: Option<i64>,
    field: &str,
) -> CoreResult<Option<i32>> {
    owned::<contracts::Entity>(db, client, id, field).await
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

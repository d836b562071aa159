//! Reading clients for other services: the clients an actor may see (a
//! portal contact only its own) and names by id. It depends on nothing but
//! the client table, so tickets, invoices, contracts and sites use it
//! without reaching the client service (which itself updates tickets and
//! portal accounts when a client changes).

use super::client_entity as clients;
use crate::actor::Actor;
use crate::error::{CoreError, CoreResult};
use crate::query::id32;
use parc_api::problem::Thing;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Select};
use std::collections::HashMap;

/// Clients the actor may see: everything for staff, one client for the portal.
pub(crate) fn visible_clients(actor: &Actor) -> Select<clients::Entity> {
    let select = clients::Entity::find();
    match actor.client_scope() {
        Some(client_id) => {
            select.filter(clients::Column::Id.eq(id32(client_id, Thing::Client).unwrap_or(-1)))
        }
        None => select,
    }
}

/// A client the actor may see, or "not found".
pub(crate) async fn find_visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<clients::Model> {
    visible_clients(actor)
        .filter(clients::Column::Id.eq(id32(id, Thing::Client)?))
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Client))
}

/// The names of the clients `ids`, for rows that show their client.
pub(crate) async fn client_names(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> CoreResult<HashMap<i32, String>> {
    Ok(clients::Entity::find()
        .select_only()
        .column(clients::Column::Id)
        .column(clients::Column::Name)
        .filter(clients::Column::Id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// The client's name (empty when it is gone).
pub(crate) async fn client_name(db: &impl ConnectionTrait, client_id: i32) -> CoreResult<String> {
    Ok(clients::Entity::find_by_id(client_id)
        .one(db)
        .await?
        .map(|c| c.name)
        .unwrap_or_default())
}

//! The global search box (Ctrl+K): clients, contacts and sites matching a
//! text, a few of each, within the actor's scope.

use crate::actor::Actor;
use crate::authz::{require, Operation};
use crate::clients::{client_entity as clients, contact_entity as contacts, id32};
use crate::error::CoreResult;
use crate::query::matches_words;
use crate::sites::site_entity as sites;
use parc_api::clients::{SearchHit, SearchKind};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

const HITS_PER_KIND: u64 = 6;

pub async fn global_search(
    db: &impl ConnectionTrait,
    actor: &Actor,
    text: &str,
) -> CoreResult<Vec<SearchHit>> {
    require(actor, Operation::ReadClients)?;
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let scope = actor
        .client_scope()
        .map(|id| id32(id, "client"))
        .transpose()?;
    let mut hits = Vec::new();

    let mut client_query =
        clients::Entity::find().filter(matches_words(clients::Column::SearchText, text));
    if let Some(scope) = scope {
        client_query = client_query.filter(clients::Column::Id.eq(scope));
    }
    for client in client_query
        .order_by_asc(clients::Column::Archived)
        .order_by_asc(clients::Column::SortKey)
        .limit(HITS_PER_KIND)
        .all(db)
        .await?
    {
        hits.push(SearchHit {
            kind: SearchKind::Client,
            id: i64::from(client.id),
            client_id: i64::from(client.id),
            label: client.name,
            detail: client.code,
        });
    }

    let mut contact_query = contacts::Entity::find()
        .filter(matches_words(contacts::Column::SearchText, text))
        .filter(contacts::Column::Archived.eq(false));
    if let Some(scope) = scope {
        contact_query = contact_query.filter(contacts::Column::ClientId.eq(scope));
    }
    for contact in contact_query
        .order_by_asc(contacts::Column::SortKey)
        .limit(HITS_PER_KIND)
        .all(db)
        .await?
    {
        hits.push(SearchHit {
            kind: SearchKind::Contact,
            id: i64::from(contact.id),
            client_id: i64::from(contact.client_id),
            label: contact.name,
            detail: contact.email,
        });
    }

    let mut site_query = sites::Entity::find()
        .filter(matches_words(sites::Column::SearchText, text))
        .filter(sites::Column::Archived.eq(false));
    if let Some(scope) = scope {
        site_query = site_query.filter(sites::Column::ClientId.eq(scope));
    }
    for site in site_query
        .order_by_asc(sites::Column::SortKey)
        .limit(HITS_PER_KIND)
        .all(db)
        .await?
    {
        hits.push(SearchHit {
            kind: SearchKind::Site,
            id: i64::from(site.id),
            client_id: i64::from(site.client_id),
            label: site.name,
            detail: site.address,
        });
    }
    Ok(hits)
}

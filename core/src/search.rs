//! The global search box (Ctrl+K): clients, contacts, sites and equipment
//! matching a text, a few of each, within the actor's scope. A reference
//! typed (or scanned from a QR label) exactly comes first, so Enter opens it.

use crate::actor::Actor;
use crate::authz::{require, Operation};
use crate::clients::{client_entity as clients, contact_entity as contacts};
use crate::equipment;
use crate::error::CoreResult;
use crate::query::id32;
use crate::query::matches_words;
use crate::sites::site_entity as sites;
use parc_api::clients::{SearchHit, SearchKind};
use parc_api::equipment::{EquipmentFilter, EquipmentRow};
use parc_api::problem::Thing;
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
        .map(|id| id32(id, Thing::Client))
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
    if require(actor, Operation::ReadEquipment).is_ok() {
        hits.extend(equipment_hits(db, actor, text).await?);
    }
    Ok(hits)
}

async fn equipment_hits(
    db: &impl ConnectionTrait,
    actor: &Actor,
    text: &str,
) -> CoreResult<Vec<SearchHit>> {
    let hit = |row: EquipmentRow| SearchHit {
        kind: SearchKind::Equipment,
        id: row.id,
        client_id: row.client_id,
        detail: format!("{} · {}", row.reference, row.client_name),
        label: row.name,
    };
    let mut hits = Vec::new();
    let exact = equipment::entity::Entity::find()
        .filter(equipment::entity::Column::Reference.eq(text.to_uppercase()))
        .one(db)
        .await?;
    if let Some(found) = exact {
        if let Ok(detail) = equipment::get_equipment(db, actor, i64::from(found.id)).await {
            hits.push(hit(detail.row));
        }
    }
    let filter = EquipmentFilter {
        search: text.to_owned(),
        ..Default::default()
    };
    for row in equipment::first_matches(db, actor, &filter, HITS_PER_KIND).await? {
        if hits.iter().all(|h| h.id != row.id) {
            hits.push(hit(row));
        }
    }
    Ok(hits)
}

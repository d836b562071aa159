//! Geographic zones and client sites.
//!
//! A site belongs to one client and optionally to a zone (used later to plan
//! technicians' rounds). Names of related clients and zones are fetched with
//! one query per table for a whole page, never one per row.

pub mod site_entity;
pub mod zone_entity;

use crate::actor::Actor;
use crate::audit::{self, Audited};
use crate::authz::{require, Operation};
use crate::clients::client_entity as clients;
use crate::clients::lookup::find_visible;
use crate::error::{deleted, CoreError, CoreResult};
use crate::query::id32;
use crate::query::{bounds, matches_words, order};
use crate::validate;
use parc_api::clients::ArchiveFilter;
use parc_api::problem::Thing;
use parc_api::sites::{SiteInput, SiteQuery, SiteRow, SiteSort, ZoneInput, ZoneRow};
use parc_api::text::{fold, search_text};
use parc_api::{Page, ValidationCode};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel,
    JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
    TransactionSession, TransactionTrait,
};
use site_entity as sites;
use std::collections::HashMap;
use zone_entity as zones;

impl Audited for sites::Model {
    const ENTITY: &'static str = "site";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("address", self.address.clone()),
            (
                "zone_id",
                self.zone_id.map(|z| z.to_string()).unwrap_or_default(),
            ),
            ("notes", self.notes.clone()),
            ("archived", self.archived.to_string()),
        ]
    }
}

impl Audited for zones::Model {
    const ENTITY: &'static str = "zone";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("description", self.description.clone()),
        ]
    }
}

// ---- zones ----

pub async fn list_zones(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<Vec<ZoneRow>> {
    require(actor, Operation::ReadZones)?;
    let counts: HashMap<i32, i64> = sites::Entity::find()
        .select_only()
        .column(sites::Column::ZoneId)
        .column_as(sites::Column::Id.count(), "site_count")
        .filter(sites::Column::ZoneId.is_not_null())
        .filter(sites::Column::Archived.eq(false))
        .group_by(sites::Column::ZoneId)
        .into_tuple::<(Option<i32>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(zone, n)| zone.map(|z| (z, n)))
        .collect();
    Ok(zones::Entity::find()
        .order_by_asc(zones::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|zone| ZoneRow {
            id: i64::from(zone.id),
            site_count: counts.get(&zone.id).copied().unwrap_or(0).unsigned_abs(),
            name: zone.name,
            description: zone.description,
        })
        .collect())
}

async fn validated_zone(
    db: &impl ConnectionTrait,
    input: &ZoneInput,
    existing: Option<i32>,
) -> CoreResult<(String, String)> {
    let name = validate::required("name", &input.name, 120)?;
    let description = validate::optional("description", &input.description, 1000)?;
    // Zones are few; comparing in Rust folds case beyond ASCII ("É" = "é"),
    // which SQLite's lower() does not.
    let wanted = name.to_lowercase();
    let taken = zones::Entity::find()
        .select_only()
        .column(zones::Column::Id)
        .column(zones::Column::Name)
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .any(|(id, other)| Some(id) != existing && other.to_lowercase() == wanted);
    if taken {
        return Err(CoreError::validation(
            "name",
            ValidationCode::Duplicate,
            "another zone has this name",
        ));
    }
    Ok((name, description))
}

pub async fn create_zone<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &ZoneInput,
) -> CoreResult<ZoneRow> {
    require(actor, Operation::WriteZones)?;
    let txn = crate::db::begin_write(db).await?;
    let (name, description) = validated_zone(&txn, input, None).await?;
    let zone = zones::ActiveModel {
        name: Set(name),
        description: Set(description),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, actor, i64::from(zone.id), "create", None, Some(&zone)).await?;
    txn.commit().await?;
    Ok(ZoneRow {
        id: i64::from(zone.id),
        name: zone.name,
        description: zone.description,
        site_count: 0,
    })
}

pub async fn update_zone<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    input: &ZoneInput,
) -> CoreResult<ZoneRow> {
    require(actor, Operation::WriteZones)?;
    let txn = crate::db::begin_write(db).await?;
    let before = zones::Entity::find_by_id(id32(id, Thing::Zone)?)
        .one(&txn)
        .await?
        .ok_or(CoreError::not_found(Thing::Zone))?;
    let (name, description) = validated_zone(&txn, input, Some(before.id)).await?;
    let mut model = before.clone().into_active_model();
    model.name = Set(name);
    model.description = Set(description);
    let after = model.update(&txn).await?;
    audit::record(&txn, actor, id, "update", Some(&before), Some(&after)).await?;
    txn.commit().await?;
    let site_count = sites::Entity::find()
        .filter(sites::Column::ZoneId.eq(after.id))
        .filter(sites::Column::Archived.eq(false))
        .count(db)
        .await?;
    Ok(ZoneRow {
        id,
        name: after.name,
        description: after.description,
        site_count,
    })
}

// ---- sites ----

/// Turns site models into rows, fetching client and zone names in one query each.
async fn rows_of(db: &impl ConnectionTrait, models: Vec<sites::Model>) -> CoreResult<Vec<SiteRow>> {
    let client_ids: Vec<i32> = models.iter().map(|s| s.client_id).collect();
    let zone_ids: Vec<i32> = models.iter().filter_map(|s| s.zone_id).collect();
    let client_names: HashMap<i32, String> = clients::Entity::find()
        .filter(clients::Column::Id.is_in(client_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let zone_names: HashMap<i32, String> = if zone_ids.is_empty() {
        HashMap::new()
    } else {
        zones::Entity::find()
            .filter(zones::Column::Id.is_in(zone_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|z| (z.id, z.name))
            .collect()
    };
    Ok(models
        .into_iter()
        .map(|site| SiteRow {
            id: i64::from(site.id),
            client_id: i64::from(site.client_id),
            client_name: client_names
                .get(&site.client_id)
                .cloned()
                .unwrap_or_default(),
            zone_id: site.zone_id.map(i64::from),
            zone_name: site.zone_id.and_then(|z| zone_names.get(&z).cloned()),
            name: site.name,
            address: site.address,
            notes: site.notes,
            archived: site.archived,
        })
        .collect())
}

pub(crate) async fn sites_of_client(
    db: &impl ConnectionTrait,
    client_id: i32,
) -> CoreResult<Vec<SiteRow>> {
    let models = sites::Entity::find()
        .filter(sites::Column::ClientId.eq(client_id))
        .order_by_asc(sites::Column::Archived)
        .order_by_asc(sites::Column::SortKey)
        .all(db)
        .await?;
    rows_of(db, models).await
}

pub async fn list_sites(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &SiteQuery,
) -> CoreResult<Page<SiteRow>> {
    require(actor, Operation::ReadClients)?;
    let mut select = sites::Entity::find()
        .join(JoinType::InnerJoin, sites::Relation::Client.def())
        .join(JoinType::LeftJoin, sites::Relation::Zone.def());
    if let Some(scope) = actor.client_scope() {
        select = select.filter(sites::Column::ClientId.eq(id32(scope, Thing::Client)?));
    }
    if let Some(client_id) = query.client_id {
        select = select.filter(sites::Column::ClientId.eq(id32(client_id, Thing::Client)?));
    }
    if let Some(zone_id) = query.zone_id {
        select = select.filter(sites::Column::ZoneId.eq(id32(zone_id, Thing::Zone)?));
    }
    let search = query.search.trim();
    if !search.is_empty() {
        select = select.filter(
            Condition::any()
                .add(matches_words(sites::Column::SearchText, search))
                .add(matches_words(clients::Column::SortKey, search)),
        );
    }
    select = match query.archive {
        ArchiveFilter::Active => select.filter(sites::Column::Archived.eq(false)),
        ArchiveFilter::Archived => select.filter(sites::Column::Archived.eq(true)),
        ArchiveFilter::All => select,
    };
    let total = select.clone().count(db).await?;
    let (page, page_size, offset) = bounds(query.page, query.page_size);
    let dir = order(query.dir);
    select = match query.sort {
        SiteSort::Name => select.order_by(sites::Column::SortKey, dir),
        SiteSort::Client => select
            .order_by(clients::Column::SortKey, dir.clone())
            .order_by(sites::Column::SortKey, dir),
        SiteSort::Zone => select
            .order_by(zones::Column::Name, dir.clone())
            .order_by(sites::Column::SortKey, dir),
    };
    let models = select
        .order_by_asc(sites::Column::Id)
        .limit(page_size)
        .offset(offset)
        .all(db)
        .await?;
    Ok(Page {
        items: rows_of(db, models).await?,
        total,
        page,
        page_size,
    })
}

struct CleanSite {
    name: String,
    address: String,
    zone_id: Option<i32>,
    notes: String,
}

impl CleanSite {
    /// What site lists sort by and the search matches.
    fn text_keys(&self) -> (String, String) {
        (fold(&self.name), search_text(&[&self.name, &self.address]))
    }
}

async fn validated_site(db: &impl ConnectionTrait, input: &SiteInput) -> CoreResult<CleanSite> {
    let name = validate::required("name", &input.name, 200)?;
    let address = validate::optional("address", &input.address, 1000)?;
    let notes = validate::optional("notes", &input.notes, 10_000)?;
    let zone_id = match input.zone_id {
        None => None,
        Some(id) => {
            let zone = zones::Entity::find_by_id(id32(id, Thing::Zone)?)
                .one(db)
                .await?;
            Some(
                zone.ok_or_else(|| {
                    CoreError::validation(
                        "zone_id",
                        ValidationCode::Unknown,
                        "this zone does not exist",
                    )
                })?
                .id,
            )
        }
    };
    Ok(CleanSite {
        name,
        address,
        zone_id,
        notes,
    })
}

async fn find_site(db: &impl ConnectionTrait, actor: &Actor, id: i64) -> CoreResult<sites::Model> {
    let site = sites::Entity::find_by_id(id32(id, Thing::Site)?)
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Site))?;
    find_visible(db, actor, i64::from(site.client_id))
        .await
        .map_err(|_| CoreError::not_found(Thing::Site))?;
    Ok(site)
}

async fn row_of_site(db: &impl ConnectionTrait, site: sites::Model) -> CoreResult<SiteRow> {
    rows_of(db, vec![site])
        .await?
        .pop()
        .ok_or(CoreError::not_found(Thing::Site))
}

pub async fn create_site<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &SiteInput,
) -> CoreResult<SiteRow> {
    require(actor, Operation::WriteClients)?;
    let txn = crate::db::begin_write(db).await?;
    let clean = validated_site(&txn, input).await?;
    let client = find_visible(&txn, actor, input.client_id)
        .await
        .map_err(|_| {
            CoreError::validation(
                "client_id",
                ValidationCode::Unknown,
                "this client does not exist",
            )
        })?;
    let (sort_key, search_text) = clean.text_keys();
    let site = sites::ActiveModel {
        sort_key: Set(sort_key),
        search_text: Set(search_text),
        client_id: Set(client.id),
        name: Set(clean.name),
        address: Set(clean.address),
        zone_id: Set(clean.zone_id),
        notes: Set(clean.notes),
        archived: Set(false),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, actor, i64::from(site.id), "create", None, Some(&site)).await?;
    txn.commit().await?;
    row_of_site(db, site).await
}

/// Edits a site; its client never changes (equipment and contracts refer to it).
pub async fn update_site<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    input: &SiteInput,
) -> CoreResult<SiteRow> {
    require(actor, Operation::WriteClients)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_site(&txn, actor, id).await?;
    let clean = validated_site(&txn, input).await?;
    let mut model = before.clone().into_active_model();
    let (sort_key, search_text) = clean.text_keys();
    model.sort_key = Set(sort_key);
    model.search_text = Set(search_text);
    model.name = Set(clean.name);
    model.address = Set(clean.address);
    model.zone_id = Set(clean.zone_id);
    model.notes = Set(clean.notes);
    let after = model.update(&txn).await?;
    audit::record(&txn, actor, id, "update", Some(&before), Some(&after)).await?;
    txn.commit().await?;
    row_of_site(db, after).await
}

pub async fn set_site_archived<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    archived: bool,
) -> CoreResult<SiteRow> {
    require(actor, Operation::WriteClients)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_site(&txn, actor, id).await?;
    let mut model = before.clone().into_active_model();
    model.archived = Set(archived);
    let after = model.update(&txn).await?;
    let action = if archived { "archive" } else { "restore" };
    audit::record(&txn, actor, id, action, Some(&before), Some(&after)).await?;
    txn.commit().await?;
    row_of_site(db, after).await
}

/// Deletes a site nothing refers to (later: equipment, contracts).
pub async fn delete_site<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> CoreResult<()> {
    require(actor, Operation::WriteClients)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_site(&txn, actor, id).await?;
    deleted(
        sites::Entity::delete_by_id(before.id).exec(&txn).await,
        parc_api::problem::Thing::Site,
    )?;
    audit::record(&txn, actor, id, "delete", Some(&before), None).await?;
    txn.commit().await?;
    Ok(())
}

//! The names an equipment row shows (type, manufacturer, model, client,
//! site, assigned user, parent), fetched for a whole page or batch in one
//! query, never one per row. The same book turns a record into the
//! readable snapshot the audit log stores, so the timeline says
//! "Site: Lyon → Annecy" rather than two ids.

use super::entity;
use crate::audit::Audited;
use crate::catalogue::type_entity as types;
use crate::catalogue::{manufacturer_entity as manufacturers, model_entity as models};
use crate::clients::{client_entity as clients, contact_entity as contacts};
use crate::error::CoreResult;
use crate::sites::site_entity as sites;
use parc_api::equipment::{EquipmentRow, EquipmentStatus};
use sea_orm::sea_query::{Expr, Query, SelectStatement, UnionType};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait};
use std::collections::{HashMap, HashSet};

pub(crate) struct ClientNames {
    pub name: String,
    /// The folded name: the keyset value of the client sort.
    pub sort_key: String,
    pub code: String,
}

#[derive(Default)]
pub(crate) struct NameBook {
    pub types: HashMap<i32, String>,
    pub manufacturers: HashMap<i32, String>,
    pub models: HashMap<i32, String>,
    pub clients: HashMap<i32, ClientNames>,
    pub sites: HashMap<i32, String>,
    pub contacts: HashMap<i32, String>,
    pub parents: HashMap<i32, String>,
}

/// One branch of the names query: `kind`, then id, name, sort key and
/// code of the rows of `E` whose `id` is among `ids` (the last two only
/// for clients).
fn names_of<E: EntityTrait>(
    kind: i32,
    id: E::Column,
    name: E::Column,
    extra: Option<(E::Column, E::Column)>,
    ids: &HashSet<i32>,
) -> Option<SelectStatement> {
    if ids.is_empty() {
        return None;
    }
    let mut select = Query::select();
    select
        .expr(Expr::val(kind))
        .column(id)
        .column(name)
        .from(E::default())
        .and_where(id.is_in(ids.iter().copied()));
    match extra {
        Some((sort_key, code)) => select.column(sort_key).column(code),
        None => select
            .expr(Expr::val(None::<String>))
            .expr(Expr::val(None::<String>)),
    };
    Some(select.to_owned())
}

const TYPE: i32 = 0;
const MANUFACTURER: i32 = 1;
const MODEL: i32 = 2;
const CLIENT: i32 = 3;
const SITE: i32 = 4;
const CONTACT: i32 = 5;
const PARENT: i32 = 6;

impl NameBook {
    /// Every name a batch of rows shows, in one query (a `UNION ALL` of a
    /// branch per table): a page costs one round trip to the database for
    /// its names, not seven.
    pub async fn load(db: &impl ConnectionTrait, rows: &[entity::Model]) -> CoreResult<Self> {
        let ids = |pick: fn(&entity::Model) -> Option<i32>| -> HashSet<i32> {
            rows.iter().filter_map(pick).collect()
        };
        let branches = [
            names_of::<types::Entity>(
                TYPE,
                types::Column::Id,
                types::Column::Name,
                None,
                &ids(|m| Some(m.type_id)),
            ),
            names_of::<manufacturers::Entity>(
                MANUFACTURER,
                manufacturers::Column::Id,
                manufacturers::Column::Name,
                None,
                &ids(|m| m.manufacturer_id),
            ),
            names_of::<models::Entity>(
                MODEL,
                models::Column::Id,
                models::Column::Name,
                None,
                &ids(|m| m.model_id),
            ),
            names_of::<clients::Entity>(
                CLIENT,
                clients::Column::Id,
                clients::Column::Name,
                Some((clients::Column::SortKey, clients::Column::Code)),
                &ids(|m| Some(m.client_id)),
            ),
            names_of::<sites::Entity>(
                SITE,
                sites::Column::Id,
                sites::Column::Name,
                None,
                &ids(|m| m.site_id),
            ),
            names_of::<contacts::Entity>(
                CONTACT,
                contacts::Column::Id,
                contacts::Column::Name,
                None,
                &ids(|m| m.contact_id),
            ),
            names_of::<entity::Entity>(
                PARENT,
                entity::Column::Id,
                entity::Column::Reference,
                None,
                &ids(|m| m.parent_id),
            ),
        ];
        let mut branches = branches.into_iter().flatten();
        let mut book = NameBook::default();
        let Some(mut query) = branches.next() else {
            return Ok(book);
        };
        for branch in branches {
            query.union(UnionType::All, branch);
        }
        let statement = db.get_database_backend().build(&query);
        for row in db.query_all_raw(statement).await? {
            let kind: i32 = row.try_get_by_index(0)?;
            let id: i32 = row.try_get_by_index(1)?;
            let name: String = row.try_get_by_index(2)?;
            let map = match kind {
                TYPE => &mut book.types,
                MANUFACTURER => &mut book.manufacturers,
                MODEL => &mut book.models,
                SITE => &mut book.sites,
                CONTACT => &mut book.contacts,
                PARENT => &mut book.parents,
                _ => {
                    let sort_key: Option<String> = row.try_get_by_index(3)?;
                    let code: Option<String> = row.try_get_by_index(4)?;
                    book.clients.insert(
                        id,
                        ClientNames {
                            name,
                            sort_key: sort_key.unwrap_or_default(),
                            code: code.unwrap_or_default(),
                        },
                    );
                    continue;
                }
            };
            map.insert(id, name);
        }
        Ok(book)
    }

    pub fn name(map: &HashMap<i32, String>, id: Option<i32>) -> String {
        id.and_then(|id| map.get(&id).cloned()).unwrap_or_default()
    }

    pub fn client_name(&self, id: i32) -> String {
        self.clients
            .get(&id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    }

    pub fn row(&self, m: &entity::Model) -> EquipmentRow {
        EquipmentRow {
            id: i64::from(m.id),
            reference: m.reference.clone(),
            name: m.name.clone(),
            type_name: Self::name(&self.types, Some(m.type_id)),
            manufacturer_name: Self::name(&self.manufacturers, m.manufacturer_id),
            model_name: Self::name(&self.models, m.model_id),
            serial: m.serial.clone().unwrap_or_default(),
            asset_tag: m.asset_tag.clone(),
            status: EquipmentStatus::from_code(&m.status).unwrap_or_default(),
            client_id: i64::from(m.client_id),
            client_name: self.client_name(m.client_id),
            site_id: m.site_id.map(i64::from),
            site_name: Self::name(&self.sites, m.site_id),
            contact_id: m.contact_id.map(i64::from),
            contact_name: Self::name(&self.contacts, m.contact_id),
            warranty_end: m.warranty_end,
        }
    }

    /// The record as the audit log keeps it: every field, by name.
    pub fn snapshot(&self, m: &entity::Model) -> Snapshot {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Snapshot(vec![
            ("reference", m.reference.clone()),
            ("name", m.name.clone()),
            ("type", Self::name(&self.types, Some(m.type_id))),
            (
                "manufacturer",
                Self::name(&self.manufacturers, m.manufacturer_id),
            ),
            ("model", Self::name(&self.models, m.model_id)),
            ("serial", m.serial.clone().unwrap_or_default()),
            ("asset_tag", m.asset_tag.clone()),
            ("status", m.status.clone()),
            ("client", self.client_name(m.client_id)),
            ("site", Self::name(&self.sites, m.site_id)),
            ("assigned_to", Self::name(&self.contacts, m.contact_id)),
            ("parent", Self::name(&self.parents, m.parent_id)),
            ("purchase_date", date(m.purchase_date)),
            ("supplier", m.supplier.clone()),
            (
                "purchase_price",
                m.purchase_price_cents
                    .map(parc_api::money::plain)
                    .unwrap_or_default(),
            ),
            ("warranty_end", date(m.warranty_end)),
            ("last_maintenance", date(m.last_maintenance)),
            ("next_maintenance", date(m.next_maintenance)),
            ("notes", m.notes.clone()),
        ])
    }
}

/// An equipment record in readable form, for the audit log.
pub(crate) struct Snapshot(Vec<(&'static str, String)>);

impl Audited for Snapshot {
    const ENTITY: &'static str = "equipment";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        self.0.clone()
    }
}

/// How the timeline names a change, from the fields it touched.
pub(crate) fn action_of(changed: &[&str]) -> &'static str {
    let only = |allowed: &[&str]| changed.iter().all(|f| allowed.contains(f));
    if changed.is_empty() {
        "update"
    } else if only(&["site", "client", "assigned_to"]) && changed.contains(&"site") {
        "move"
    } else if only(&["assigned_to"]) {
        "assign"
    } else if only(&["status"]) {
        "status"
    } else {
        "update"
    }
}

#[cfg(test)]
mod tests {
    use super::action_of;

    #[test]
    fn changes_are_named_by_what_they_touch() {
        assert_eq!(action_of(&["site"]), "move");
        assert_eq!(action_of(&["client", "site", "assigned_to"]), "move");
        assert_eq!(action_of(&["assigned_to"]), "assign");
        assert_eq!(action_of(&["status"]), "status");
        assert_eq!(action_of(&["status", "notes"]), "update");
    }
}

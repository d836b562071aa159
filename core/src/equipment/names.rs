//! The names an equipment row shows (type, manufacturer, model, client,
//! site, assigned user, parent), fetched with one query per table for a whole
//! page or batch, never one per row. The same book turns a record into the
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
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
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

async fn id_names<E>(
    db: &impl ConnectionTrait,
    id: E::Column,
    name: E::Column,
    ids: HashSet<i32>,
) -> CoreResult<HashMap<i32, String>>
where
    E: EntityTrait,
{
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(E::find()
        .select_only()
        .column(id)
        .column(name)
        .filter(id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

impl NameBook {
    pub async fn load(db: &impl ConnectionTrait, rows: &[entity::Model]) -> CoreResult<Self> {
        let ids = |pick: fn(&entity::Model) -> Option<i32>| -> HashSet<i32> {
            rows.iter().filter_map(pick).collect()
        };
        let client_ids = ids(|m| Some(m.client_id));
        let clients = if client_ids.is_empty() {
            HashMap::new()
        } else {
            clients::Entity::find()
                .select_only()
                .column(clients::Column::Id)
                .column(clients::Column::Name)
                .column(clients::Column::SortKey)
                .column(clients::Column::Code)
                .filter(clients::Column::Id.is_in(client_ids))
                .into_tuple::<(i32, String, String, String)>()
                .all(db)
                .await?
                .into_iter()
                .map(|(id, name, sort_key, code)| {
                    (
                        id,
                        ClientNames {
                            name,
                            sort_key,
                            code,
                        },
                    )
                })
                .collect()
        };
        Ok(NameBook {
            types: id_names::<types::Entity>(
                db,
                types::Column::Id,
                types::Column::Name,
                ids(|m| Some(m.type_id)),
            )
            .await?,
            manufacturers: id_names::<manufacturers::Entity>(
                db,
                manufacturers::Column::Id,
                manufacturers::Column::Name,
                ids(|m| m.manufacturer_id),
            )
            .await?,
            models: id_names::<models::Entity>(
                db,
                models::Column::Id,
                models::Column::Name,
                ids(|m| m.model_id),
            )
            .await?,
            clients,
            sites: id_names::<sites::Entity>(
                db,
                sites::Column::Id,
                sites::Column::Name,
                ids(|m| m.site_id),
            )
            .await?,
            contacts: id_names::<contacts::Entity>(
                db,
                contacts::Column::Id,
                contacts::Column::Name,
                ids(|m| m.contact_id),
            )
            .await?,
            parents: id_names::<entity::Entity>(
                db,
                entity::Column::Id,
                entity::Column::Reference,
                ids(|m| m.parent_id),
            )
            .await?,
        })
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

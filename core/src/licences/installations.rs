//! Installations: which software (and version) is on which equipment.
//!
//! One installation per software and equipment; recording it again updates
//! its version and date. Each addition and removal is written in the
//! equipment's history, so the timeline shows software arriving and leaving.
//!
//! `describe` names a batch of rows with one query per table.

use super::installation_entity as installations;
use super::software_entity as software;
use super::version_entity as versions;
use crate::actor::Actor;
use crate::audit;
use crate::authz::{require, Operation};
use crate::clients::{client_entity as clients, contact_entity as contacts};
use crate::equipment::entity as equipment;
use crate::error::{CoreError, CoreResult};
use crate::query::bounds;
use crate::query::id32;
use crate::sites::site_entity as sites;
use crate::validate;
use parc_api::history::FieldChange;
use parc_api::licences::{InstallationInput, InstallationQuery, InstallationRow};
use parc_api::problem::Thing;
use parc_api::{Page, ValidationCode};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set, TransactionSession, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// The version row of `version` for a software, created when first seen;
/// none for an empty version.
pub(crate) async fn version_id(
    db: &impl ConnectionTrait,
    software_id: i32,
    version: &str,
) -> CoreResult<Option<i32>> {
    let version = version.trim();
    if version.is_empty() {
        return Ok(None);
    }
    if let Some(found) = versions::Entity::find()
        .filter(versions::Column::SoftwareId.eq(software_id))
        .filter(versions::Column::Version.eq(version))
        .one(db)
        .await?
    {
        return Ok(Some(found.id));
    }
    let created = versions::ActiveModel {
        software_id: Set(software_id),
        version: Set(version.to_owned()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Some(created.id))
}

/// The equipment's history line for software arriving or leaving.
pub(crate) fn history_change(software: &str, version: &str, installed: bool) -> FieldChange {
    let text = if version.is_empty() {
        software.to_owned()
    } else {
        format!("{software} {version}")
    };
    FieldChange {
        field: "software".into(),
        before: (!installed).then(|| text.clone()),
        after: installed.then_some(text),
    }
}

/// Records (or updates) an installation entered by hand.
pub async fn add_installation<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &InstallationInput,
) -> CoreResult<InstallationRow> {
    require(actor, Operation::WriteEquipment)?;
    let installed_on = validate::date("installed_on", &input.installed_on)?;
    let version_text = validate::optional("version", &input.version, 100)?;
    let txn = crate::db::begin_write(db).await?;
    let machine = equipment::Entity::find_by_id(id32(input.equipment_id, Thing::Equipment)?)
        .one(&txn)
        .await?
        .ok_or_else(|| {
            CoreError::validation("equipment_id", ValidationCode::Unknown, "no such equipment")
        })?;
    let program = software::Entity::find_by_id(id32(input.software_id, Thing::Software)?)
        .one(&txn)
        .await?
        .ok_or_else(|| {
            CoreError::validation("software_id", ValidationCode::Unknown, "no such software")
        })?;
    let version = version_id(&txn, program.id, &version_text).await?;
    let now = chrono::Utc::now();
    let existing = installations::Entity::find()
        .filter(installations::Column::EquipmentId.eq(machine.id))
        .filter(installations::Column::SoftwareId.eq(program.id))
        .one(&txn)
        .await?;
    let saved = match existing {
        Some(found) => {
            let mut model: installations::ActiveModel = found.into();
            model.version_id = Set(version);
            model.installed_on = Set(installed_on);
            model.updated_at = Set(now);
            model.update(&txn).await?
        }
        None => {
            installations::ActiveModel {
                equipment_id: Set(machine.id),
                software_id: Set(program.id),
                version_id: Set(version),
                installed_on: Set(installed_on),
                source: Set("manual".into()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    audit::entry_of_changes(
        actor,
        "equipment",
        i64::from(machine.id),
        "install",
        &[history_change(&program.name, &version_text, true)],
    )?
    .insert(&txn)
    .await?;
    txn.commit().await?;
    describe(db, vec![saved])
        .await?
        .pop()
        .ok_or(CoreError::not_found(Thing::Installation))
}

/// Removes an installation (the software was uninstalled).
pub async fn remove_installation<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> CoreResult<()> {
    require(actor, Operation::WriteEquipment)?;
    let txn = crate::db::begin_write(db).await?;
    let found = installations::Entity::find_by_id(id32(id, Thing::Installation)?)
        .one(&txn)
        .await?
        .ok_or(CoreError::not_found(Thing::Installation))?;
    let row = describe(&txn, vec![found.clone()])
        .await?
        .pop()
        .ok_or(CoreError::not_found(Thing::Installation))?;
    installations::Entity::delete_by_id(found.id)
        .exec(&txn)
        .await?;
    audit::entry_of_changes(
        actor,
        "equipment",
        i64::from(found.equipment_id),
        "uninstall",
        &[history_change(&row.software_name, &row.version, false)],
    )?
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A page of installations, by equipment reference then software name.
pub async fn list_installations(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &InstallationQuery,
) -> CoreResult<Page<InstallationRow>> {
    require(actor, Operation::ReadEquipment)?;
    let (page, page_size, offset) = bounds(query.page, query.page_size);
    let mut select = installations::Entity::find().join(
        JoinType::InnerJoin,
        installations::Relation::Equipment.def(),
    );
    if let Some(client) = crate::query::client_in_scope(actor, query.client_id)? {
        select = select.filter(equipment::Column::ClientId.eq(client));
    }
    if let Some(id) = query.equipment_id {
        select = select.filter(installations::Column::EquipmentId.eq(id32(id, Thing::Equipment)?));
    }
    if let Some(id) = query.software_id {
        select = select.filter(installations::Column::SoftwareId.eq(id32(id, Thing::Software)?));
    }
    if let Some(id) = query.contact_id {
        select = select.filter(equipment::Column::ContactId.eq(id32(id, Thing::Contact)?));
    }
    let total = select.clone().count(db).await?;
    let models = select
        .order_by_asc(equipment::Column::Reference)
        .order_by_asc(installations::Column::SoftwareId)
        .offset(offset)
        .limit(page_size)
        .all(db)
        .await?;
    Ok(Page {
        items: describe(db, models).await?,
        total,
        page,
        page_size,
    })
}

/// Rows for installations, their names fetched once per kind (no query
/// per row), in the order given.
pub(crate) async fn describe(
    db: &impl ConnectionTrait,
    models: Vec<installations::Model>,
) -> CoreResult<Vec<InstallationRow>> {
    let machine_ids: HashSet<i32> = models.iter().map(|m| m.equipment_id).collect();
    let machines: HashMap<i32, equipment::Model> = equipment::Entity::find()
        .filter(equipment::Column::Id.is_in(machine_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let client_ids: HashSet<i32> = machines.values().map(|e| e.client_id).collect();
    let site_ids: HashSet<i32> = machines.values().filter_map(|e| e.site_id).collect();
    let contact_ids: HashSet<i32> = machines.values().filter_map(|e| e.contact_id).collect();
    let software_ids: HashSet<i32> = models.iter().map(|m| m.software_id).collect();
    let version_ids: HashSet<i32> = models.iter().filter_map(|m| m.version_id).collect();
    let client_names: HashMap<i32, String> = clients::Entity::find()
        .filter(clients::Column::Id.is_in(client_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let site_names: HashMap<i32, String> = sites::Entity::find()
        .filter(sites::Column::Id.is_in(site_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let contact_names: HashMap<i32, String> = contacts::Entity::find()
        .filter(contacts::Column::Id.is_in(contact_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let software_names: HashMap<i32, String> = software::Entity::find()
        .filter(software::Column::Id.is_in(software_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let version_names: HashMap<i32, String> = versions::Entity::find()
        .filter(versions::Column::Id.is_in(version_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v.version))
        .collect();
    Ok(models
        .into_iter()
        .filter_map(|m| {
            let machine = machines.get(&m.equipment_id)?;
            Some(InstallationRow {
                id: i64::from(m.id),
                equipment_id: i64::from(machine.id),
                equipment_reference: machine.reference.clone(),
                equipment_name: machine.name.clone(),
                client_id: i64::from(machine.client_id),
                client_name: client_names
                    .get(&machine.client_id)
                    .cloned()
                    .unwrap_or_default(),
                site_name: machine.site_id.and_then(|s| site_names.get(&s).cloned()),
                user_name: machine
                    .contact_id
                    .and_then(|c| contact_names.get(&c).cloned()),
                software_id: i64::from(m.software_id),
                software_name: software_names
                    .get(&m.software_id)
                    .cloned()
                    .unwrap_or_default(),
                version: m
                    .version_id
                    .and_then(|v| version_names.get(&v).cloned())
                    .unwrap_or_default(),
                installed_on: m.installed_on,
                source: m.source,
            })
        })
        .collect())
}

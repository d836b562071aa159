//! Equipment: every piece of a client's fleet, where it is, who uses it and
//! what happened to it.
//!
//! One validation (`validated`) serves the form, the bulk actions and the CSV
//! import's rules. Components are equipment whose `parent_id` points at
//! another: they belong to the same client and follow their parent when it
//! moves. Every change is audited as a readable snapshot, named "move",
//! "assign", "status" or "update" by what it touched, which makes the
//! equipment's timeline.

mod bulk;
pub(crate) mod bulk_insert;
pub mod entity;
pub mod export;
pub mod import;
pub mod labels;
mod list;
mod list_rows;
mod names;
pub(crate) mod search_index;

pub use bulk::bulk_change;
pub(crate) use list::first_matches;
pub use list::{list_equipment, DEFAULT_PAGE_SIZE};
pub(crate) use names::NameBook;

use crate::actor::Actor;
use crate::audit;
use crate::authz::{require, Operation};
use crate::catalogue::type_entity as types;
use crate::catalogue::{manufacturer_entity as manufacturers, model_entity as models};
use crate::clients::contact_entity as contacts;
use crate::clients::lookup::find_visible;
use crate::error::{deleted, CoreError, CoreResult};
use crate::ownership;
use crate::query::id32;
use crate::{sequences, validate};
use chrono::{Months, NaiveDate};
use parc_api::equipment::{EquipmentDetail, EquipmentInput, EquipmentLink, EquipmentStatus};
use parc_api::problem::{Problem, Thing};
use parc_api::text::{fold, search_text};
use parc_api::ValidationCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

/// What the full-text index holds for one equipment; the one definition,
/// used by the form, the import and the generated data.
pub fn search_text_of(
    reference: &str,
    name: &str,
    serial: &str,
    asset_tag: &str,
    model: &str,
    manufacturer: &str,
    assigned_to: &str,
) -> String {
    search_text(&[
        reference,
        name,
        serial,
        asset_tag,
        model,
        manufacturer,
        assigned_to,
    ])
}

/// The searchable text of `m` once assigned to `contact`.
pub(crate) async fn search_text_with_contact(
    db: &impl ConnectionTrait,
    m: &entity::Model,
    contact: Option<&contacts::Model>,
) -> CoreResult<String> {
    let book = NameBook::load(db, std::slice::from_ref(m)).await?;
    let row = book.row(m);
    Ok(search_text_of(
        &m.reference,
        &m.name,
        &row.serial,
        &m.asset_tag,
        &row.model_name,
        &row.manufacturer_name,
        contact.map_or("", |c| c.name.as_str()),
    ))
}

/// `from` plus `months`, or none when either is missing.
pub fn plus_months(from: Option<NaiveDate>, months: i32) -> Option<NaiveDate> {
    let months = u32::try_from(months).ok().filter(|m| *m > 0)?;
    from?.checked_add_months(Months::new(months))
}

/// A validated equipment form, every reference resolved.
pub(crate) struct CleanEquipment {
    pub name: String,
    pub type_id: i32,
    pub manufacturer_id: Option<i32>,
    pub manufacturer_name: String,
    pub model_id: Option<i32>,
    pub model_name: String,
    pub serial: Option<String>,
    pub asset_tag: String,
    pub status: EquipmentStatus,
    pub client_id: i32,
    pub site_id: Option<i32>,
    pub contact_id: Option<i32>,
    pub contact_name: String,
    pub parent_id: Option<i32>,
    pub purchase_date: Option<NaiveDate>,
    pub supplier: String,
    pub purchase_price_cents: Option<i64>,
    pub warranty_end: Option<NaiveDate>,
    pub last_maintenance: Option<NaiveDate>,
    pub next_maintenance: Option<NaiveDate>,
    pub notes: String,
}

impl CleanEquipment {
    fn search_text(&self, reference: &str) -> String {
        search_text_of(
            reference,
            &self.name,
            self.serial.as_deref().unwrap_or(""),
            &self.asset_tag,
            &self.model_name,
            &self.manufacturer_name,
            &self.contact_name,
        )
    }

    /// Writes the form's values onto a record (new or existing).
    fn apply(self, model: &mut entity::ActiveModel, reference: &str, today: NaiveDate) {
        let status_changed = match &model.status {
            sea_orm::ActiveValue::Unchanged(code) | sea_orm::ActiveValue::Set(code) => {
                code != self.status.code()
            }
            sea_orm::ActiveValue::NotSet => true,
        };
        if status_changed {
            model.status_since = Set(today);
        }
        model.search_text = Set(self.search_text(reference));
        model.sort_key = Set(fold(&self.name));
        model.name = Set(self.name);
        model.type_id = Set(self.type_id);
        model.manufacturer_id = Set(self.manufacturer_id);
        model.model_id = Set(self.model_id);
        model.serial = Set(self.serial);
        model.asset_tag = Set(self.asset_tag);
        model.status = Set(self.status.code().to_owned());
        model.client_id = Set(self.client_id);
        model.site_id = Set(self.site_id);
        model.contact_id = Set(self.contact_id);
        model.parent_id = Set(self.parent_id);
        model.purchase_date = Set(self.purchase_date);
        model.supplier = Set(self.supplier);
        model.purchase_price_cents = Set(self.purchase_price_cents);
        model.warranty_end = Set(self.warranty_end);
        model.last_maintenance = Set(self.last_maintenance);
        model.next_maintenance = Set(self.next_maintenance);
        model.notes = Set(self.notes);
        model.updated_at = Set(chrono::Utc::now());
    }
}

fn refused(field: &str, code: ValidationCode, message: impl Into<String>) -> CoreError {
    CoreError::validation(field, code, message)
}

/// The one message for a serial number already taken.
pub(crate) fn duplicate_serial(existing_reference: &str, existing_name: &str) -> String {
    Problem::SerialUsedBy {
        reference: existing_reference.to_owned(),
        name: existing_name.to_owned(),
    }
    .text(parc_api::auth::Language::En)
}

async fn validated(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &EquipmentInput,
    existing: Option<&entity::Model>,
) -> CoreResult<CleanEquipment> {
    let name = validate::required("name", &input.name, 200)?;
    let client_id = input
        .client_id
        .ok_or_else(|| refused("client_id", ValidationCode::Required, "choose a client"))?;
    let client = find_visible(db, actor, client_id).await.map_err(|_| {
        refused(
            "client_id",
            ValidationCode::Unknown,
            "this client does not exist",
        )
    })?;

    let site_id = ownership::site(db, &client, input.site_id, "site_id").await?;
    let (contact_id, contact_name) = match input.contact_id {
        None => (None, String::new()),
        Some(id) => {
            let contact =
                ownership::find::<contacts::Entity>(db, &client, id, "contact_id").await?;
            (Some(contact.id), contact.name)
        }
    };

    let model = match input.model_id {
        None => None,
        Some(id) => Some(
            models::Entity::find_by_id(id32(id, Thing::Model)?)
                .one(db)
                .await?
                .ok_or_else(|| {
                    refused(
                        "model_id",
                        ValidationCode::Unknown,
                        "this model does not exist",
                    )
                })?,
        ),
    };
    let manufacturer_id = match (&model, input.manufacturer_id) {
        (Some(model), Some(chosen)) if i64::from(model.manufacturer_id) != chosen => {
            return Err(refused(
                "model_id",
                ValidationCode::Conflict,
                "this model is made by another manufacturer",
            ))
        }
        (Some(model), _) => Some(model.manufacturer_id),
        (None, Some(chosen)) => Some(id32(chosen, Thing::Manufacturer)?),
        (None, None) => None,
    };
    let manufacturer_name = match manufacturer_id {
        None => String::new(),
        Some(id) => {
            manufacturers::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| {
                    refused(
                        "manufacturer_id",
                        ValidationCode::Unknown,
                        "this manufacturer does not exist",
                    )
                })?
                .name
        }
    };
    let type_id = match (input.type_id, &model) {
        (Some(id), _) => id32(id, Thing::EquipmentType)?,
        (None, Some(model)) => model.type_id,
        (None, None) => {
            return Err(refused(
                "type_id",
                ValidationCode::Required,
                "choose a type",
            ));
        }
    };
    let kind = types::Entity::find_by_id(type_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            refused(
                "type_id",
                ValidationCode::Unknown,
                "this type does not exist",
            )
        })?;

    let serial = Some(validate::optional("serial", &input.serial, 100)?).filter(|s| !s.is_empty());
    if let Some(serial) = &serial {
        let mut same = entity::Entity::find().filter(entity::Column::Serial.eq(serial.as_str()));
        same = match manufacturer_id {
            Some(id) => same.filter(entity::Column::ManufacturerId.eq(id)),
            None => same.filter(entity::Column::ManufacturerId.is_null()),
        };
        if let Some(existing) = existing {
            same = same.filter(entity::Column::Id.ne(existing.id));
        }
        if let Some(other) = same.one(db).await? {
            return Err(CoreError::field_problem(
                "serial",
                ValidationCode::DuplicateOf,
                Problem::SerialUsedBy {
                    reference: other.reference,
                    name: other.name,
                },
            ));
        }
    }

    let parent_id = match input.parent_id {
        None => None,
        Some(id) => {
            // A component belongs to the client of the equipment it is in.
            let parent = ownership::find::<entity::Entity>(db, &client, id, "parent_id").await?;
            if let Some(me) = existing {
                ensure_not_inside_itself(db, me.id, &parent).await?;
            }
            Some(parent.id)
        }
    };

    let purchase_date = validate::date("purchase_date", &input.purchase_date)?;
    let last_maintenance = validate::date("last_maintenance", &input.last_maintenance)?;
    let warranty_months = model
        .as_ref()
        .map_or(kind.warranty_months, |m| m.warranty_months);
    let warranty_end = match validate::date("warranty_end", &input.warranty_end)? {
        Some(date) => Some(date),
        None => plus_months(purchase_date, warranty_months),
    };
    let next_maintenance = match validate::date("next_maintenance", &input.next_maintenance)? {
        Some(date) => Some(date),
        None => plus_months(last_maintenance.or(purchase_date), kind.maintenance_months),
    };
    Ok(CleanEquipment {
        name,
        type_id: kind.id,
        manufacturer_id,
        manufacturer_name,
        model_id: model.as_ref().map(|m| m.id),
        model_name: model.map(|m| m.name).unwrap_or_default(),
        serial,
        asset_tag: validate::optional("asset_tag", &input.asset_tag, 100)?,
        status: input.status,
        client_id: client.id,
        site_id,
        contact_id,
        contact_name,
        parent_id,
        purchase_date,
        supplier: validate::optional("supplier", &input.supplier, 200)?,
        purchase_price_cents: validate::amount("purchase_price", &input.purchase_price)?,
        warranty_end,
        last_maintenance,
        next_maintenance,
        notes: validate::optional("notes", &input.notes, 10_000)?,
    })
}

/// Refuses to put equipment `me` inside `parent` when `parent` is `me` or
/// one of its components (directly or further down).
async fn ensure_not_inside_itself(
    db: &impl ConnectionTrait,
    me: i32,
    parent: &entity::Model,
) -> CoreResult<()> {
    let mut current = Some(parent.clone());
    let mut steps = 0;
    while let Some(node) = current {
        if node.id == me {
            return Err(refused(
                "parent_id",
                ValidationCode::Conflict,
                "equipment cannot be a component of itself or of its own components",
            ));
        }
        steps += 1;
        if steps > 64 {
            break;
        }
        current = match node.parent_id {
            Some(id) => entity::Entity::find_by_id(id).one(db).await?,
            None => None,
        };
    }
    Ok(())
}

/// Equipment the actor may see, or "not found".
pub(crate) async fn find_equipment(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<entity::Model> {
    crate::query::find_in_scope::<entity::Entity>(db, actor, id, Thing::Equipment, |e| e.client_id)
        .await
}

/// Audits a change of one record, named by what it touched.
pub(crate) async fn audit_change(
    db: &impl ConnectionTrait,
    actor: &Actor,
    before: &entity::Model,
    after: &entity::Model,
) -> CoreResult<()> {
    let book = NameBook::load(db, &[before.clone(), after.clone()]).await?;
    let (old, new) = (book.snapshot(before), book.snapshot(after));
    let changes = audit::diff(Some(&old), Some(&new));
    let changed: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
    let action = names::action_of(&changed);
    audit::record(
        db,
        actor,
        i64::from(after.id),
        action,
        Some(&old),
        Some(&new),
    )
    .await
}

/// Components follow their parent: same client, same site, recursively.
/// A component whose assigned user is not of the new client is unassigned.
pub(crate) async fn carry_components(
    db: &impl ConnectionTrait,
    actor: &Actor,
    parent: &entity::Model,
) -> CoreResult<()> {
    let mut pending = vec![parent.clone()];
    while let Some(node) = pending.pop() {
        let children = entity::Entity::find()
            .filter(entity::Column::ParentId.eq(node.id))
            .all(db)
            .await?;
        for child in children {
            if child.site_id == node.site_id && child.client_id == node.client_id {
                continue;
            }
            let mut model = child.clone().into_active_model();
            model.site_id = Set(node.site_id);
            if child.client_id != node.client_id {
                model.client_id = Set(node.client_id);
                model.contact_id = Set(None);
            }
            model.updated_at = Set(chrono::Utc::now());
            let moved = model.update(db).await?;
            audit_change(db, actor, &child, &moved).await?;
            pending.push(moved);
        }
    }
    Ok(())
}

pub async fn get_equipment(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<EquipmentDetail> {
    require(actor, Operation::ReadEquipment)?;
    let portal = actor.client_scope().is_some();
    let model = find_equipment(db, actor, id).await?;
    let components = entity::Entity::find()
        .filter(entity::Column::ParentId.eq(model.id))
        .order_by_asc(entity::Column::Reference)
        .all(db)
        .await?;
    let parent = match model.parent_id {
        Some(pid) => entity::Entity::find_by_id(pid).one(db).await?,
        None => None,
    };
    let mut all = components.clone();
    all.push(model.clone());
    let book = NameBook::load(db, &all).await?;
    Ok(EquipmentDetail {
        row: book.row(&model),
        type_id: i64::from(model.type_id),
        manufacturer_id: model.manufacturer_id.map(i64::from),
        model_id: model.model_id.map(i64::from),
        parent: parent.map(|p| EquipmentLink {
            id: i64::from(p.id),
            reference: p.reference,
            name: p.name,
        }),
        status_since: model.status_since,
        purchase_date: model.purchase_date,
        // The MSP's own notes and buying terms are not the client's to read.
        supplier: if portal {
            String::new()
        } else {
            model.supplier.clone()
        },
        purchase_price_cents: model.purchase_price_cents.filter(|_| !portal),
        last_maintenance: model.last_maintenance,
        next_maintenance: model.next_maintenance,
        notes: if portal {
            String::new()
        } else {
            model.notes.clone()
        },
        components: components.iter().map(|c| book.row(c)).collect(),
    })
}

pub async fn create_equipment<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &EquipmentInput,
) -> CoreResult<EquipmentDetail> {
    require(actor, Operation::WriteEquipment)?;
    let today = crate::clock::today();
    let txn = crate::db::begin_write(db).await?;
    let clean = validated(&txn, actor, input, None).await?;
    let reference = sequences::next_reference(&txn, "equipment", today).await?;
    let now = chrono::Utc::now();
    let mut model = entity::ActiveModel {
        reference: Set(reference.clone()),
        created_at: Set(now),
        ..Default::default()
    };
    clean.apply(&mut model, &reference, today);
    let created = model.insert(&txn).await?;
    let book = NameBook::load(&txn, std::slice::from_ref(&created)).await?;
    audit::record(
        &txn,
        actor,
        i64::from(created.id),
        "create",
        None,
        Some(&book.snapshot(&created)),
    )
    .await?;
    txn.commit().await?;
    get_equipment(db, actor, i64::from(created.id)).await
}

pub async fn update_equipment<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    input: &EquipmentInput,
) -> CoreResult<EquipmentDetail> {
    require(actor, Operation::WriteEquipment)?;
    let today = crate::clock::today();
    let txn = crate::db::begin_write(db).await?;
    let before = find_equipment(&txn, actor, id).await?;
    let clean = validated(&txn, actor, input, Some(&before)).await?;
    let mut model = before.clone().into_active_model();
    let reference = before.reference.clone();
    clean.apply(&mut model, &reference, today);
    let after = model.update(&txn).await?;
    audit_change(&txn, actor, &before, &after).await?;
    if after.site_id != before.site_id || after.client_id != before.client_id {
        carry_components(&txn, actor, &after).await?;
    }
    txn.commit().await?;
    get_equipment(db, actor, id).await
}

/// Deletes equipment nothing refers to (no components, no stock movement,
/// later no ticket): otherwise retire it.
pub async fn delete_equipment<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> CoreResult<()> {
    require(actor, Operation::WriteEquipment)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_equipment(&txn, actor, id).await?;
    let book = NameBook::load(&txn, std::slice::from_ref(&before)).await?;
    deleted(
        entity::Entity::delete_by_id(before.id).exec(&txn).await,
        parc_api::problem::Thing::Equipment,
    )?;
    audit::record(
        &txn,
        actor,
        id,
        "delete",
        Some(&book.snapshot(&before)),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

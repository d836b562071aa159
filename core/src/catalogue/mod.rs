//! The equipment catalogue: types (with their default maintenance interval
//! and warranty), manufacturers, and models (a manufacturer's model of a
//! type, with its warranty). Small tables, loaded whole for forms.
//!
//! Names are unique by their folded form, so "Écran" and "ecran" cannot be
//! two types; a duplicate is refused with a message on the name field.
//!
//! Set-up fills an empty type table with a default set (`add_default_types`),
//! named in the company's language.

pub mod manufacturer_entity;
pub mod model_entity;
pub mod type_entity;

use crate::actor::Actor;
use crate::audit::{self, Audited};
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::query::id32;
use crate::validate;
use manufacturer_entity as manufacturers;
use model_entity as models;
use parc_api::auth::Language;
use parc_api::equipment::{
    Catalogue, ManufacturerInput, ManufacturerRow, ModelInput, ModelRow, TypeInput, TypeRow,
};
use parc_api::problem::Thing;
use parc_api::text::fold;
use parc_api::ValidationCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, Set, TransactionSession, TransactionTrait, TryIntoModel,
};
use std::collections::HashMap;
use type_entity as types;

/// The types a new installation starts with: (English, French, months
/// between maintenances, months of warranty).
pub const DEFAULT_TYPES: &[(&str, &str, i32, i32)] = &[
    ("Desktop", "Poste de travail", 12, 36),
    ("Laptop", "Ordinateur portable", 12, 24),
    ("Server", "Serveur", 6, 36),
    ("Printer", "Imprimante", 6, 12),
    ("Switch", "Switch", 12, 60),
    ("Router", "Routeur", 12, 24),
    ("Firewall", "Pare-feu", 6, 36),
    ("Access point", "Borne Wi-Fi", 12, 24),
    ("Phone", "Téléphone", 0, 24),
    ("Screen", "Écran", 0, 36),
    ("NAS", "NAS", 6, 36),
    ("UPS", "Onduleur", 12, 24),
    ("Tablet", "Tablette", 0, 24),
    ("Disk", "Disque", 0, 36),
    ("Memory", "Mémoire", 0, 36),
];

/// Fills an empty type table with the default set, named in `language`.
pub async fn add_default_types(db: &impl ConnectionTrait, language: Language) -> CoreResult<()> {
    if types::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let now = chrono::Utc::now();
    let rows = DEFAULT_TYPES.iter().map(|(en, fr, maintenance, warranty)| {
        let name = match language {
            Language::Fr => *fr,
            Language::En => *en,
        };
        types::ActiveModel {
            name: Set(name.to_owned()),
            sort_key: Set(fold(name)),
            maintenance_months: Set(*maintenance),
            warranty_months: Set(*warranty),
            created_at: Set(now),
            ..Default::default()
        }
    });
    types::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

impl Audited for types::Model {
    const ENTITY: &'static str = "equipment_type";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("maintenance_months", self.maintenance_months.to_string()),
            ("warranty_months", self.warranty_months.to_string()),
        ]
    }
}

impl Audited for manufacturers::Model {
    const ENTITY: &'static str = "manufacturer";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![("name", self.name.clone())]
    }
}

impl Audited for models::Model {
    const ENTITY: &'static str = "model";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("manufacturer_id", self.manufacturer_id.to_string()),
            ("type_id", self.type_id.to_string()),
            ("warranty_months", self.warranty_months.to_string()),
        ]
    }
}

fn type_row(t: types::Model) -> TypeRow {
    TypeRow {
        id: i64::from(t.id),
        name: t.name,
        maintenance_months: t.maintenance_months,
        warranty_months: t.warranty_months,
    }
}

fn manufacturer_row(m: manufacturers::Model) -> ManufacturerRow {
    ManufacturerRow {
        id: i64::from(m.id),
        name: m.name,
    }
}

fn model_rows(
    all: Vec<models::Model>,
    type_names: &HashMap<i32, String>,
    manufacturer_names: &HashMap<i32, String>,
) -> Vec<ModelRow> {
    all.into_iter()
        .map(|m| ModelRow {
            id: i64::from(m.id),
            manufacturer_id: i64::from(m.manufacturer_id),
            manufacturer_name: manufacturer_names
                .get(&m.manufacturer_id)
                .cloned()
                .unwrap_or_default(),
            type_id: i64::from(m.type_id),
            type_name: type_names.get(&m.type_id).cloned().unwrap_or_default(),
            name: m.name,
            warranty_months: m.warranty_months,
        })
        .collect()
}

/// The whole catalogue, each part sorted by name.
pub async fn catalogue(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<Catalogue> {
    require(actor, Operation::ReadEquipment)?;
    let all_types = types::Entity::find()
        .order_by_asc(types::Column::SortKey)
        .all(db)
        .await?;
    let all_manufacturers = manufacturers::Entity::find()
        .order_by_asc(manufacturers::Column::SortKey)
        .all(db)
        .await?;
    let all_models = models::Entity::find()
        .order_by_asc(models::Column::SortKey)
        .all(db)
        .await?;
    let type_names = all_types.iter().map(|t| (t.id, t.name.clone())).collect();
    let manufacturer_names = all_manufacturers
        .iter()
        .map(|m| (m.id, m.name.clone()))
        .collect();
    let mut models = model_rows(all_models, &type_names, &manufacturer_names);
    models.sort_by_key(|m| (fold(&m.manufacturer_name), fold(&m.name)));
    Ok(Catalogue {
        models,
        types: all_types.into_iter().map(type_row).collect(),
        manufacturers: all_manufacturers
            .into_iter()
            .map(manufacturer_row)
            .collect(),
    })
}

fn months(field: &str, value: i32) -> CoreResult<i32> {
    if (0..=600).contains(&value) {
        Ok(value)
    } else {
        Err(CoreError::validation(
            field,
            ValidationCode::InvalidFormat,
            "a number of months between 0 and 600",
        ))
    }
}

fn duplicate_name(what: &str) -> CoreError {
    CoreError::validation(
        "name",
        ValidationCode::Duplicate,
        format!("another {what} has this name"),
    )
}

pub async fn create_type<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &TypeInput,
) -> CoreResult<TypeRow> {
    save_type(db, actor, None, input).await
}

pub async fn update_type<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    input: &TypeInput,
) -> CoreResult<TypeRow> {
    save_type(db, actor, Some(id), input).await
}

async fn save_type<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: Option<i64>,
    input: &TypeInput,
) -> CoreResult<TypeRow> {
    require(actor, Operation::WriteCatalogue)?;
    let name = validate::required("name", &input.name, 100)?;
    let maintenance = months("maintenance_months", input.maintenance_months)?;
    let warranty = months("warranty_months", input.warranty_months)?;
    let sort_key = fold(&name);
    let txn = crate::db::begin_write(db).await?;
    let before = match id {
        Some(id) => Some(
            types::Entity::find_by_id(id32(id, Thing::EquipmentType)?)
                .one(&txn)
                .await?
                .ok_or(CoreError::not_found(Thing::EquipmentType))?,
        ),
        None => None,
    };
    let clash = types::Entity::find()
        .filter(types::Column::SortKey.eq(sort_key.as_str()))
        .one(&txn)
        .await?;
    if clash.is_some_and(|c| Some(c.id) != before.as_ref().map(|b| b.id)) {
        return Err(duplicate_name("type"));
    }
    let mut model = match &before {
        Some(b) => b.clone().into_active_model(),
        None => types::ActiveModel {
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    };
    model.name = Set(name);
    model.sort_key = Set(sort_key);
    model.maintenance_months = Set(maintenance);
    model.warranty_months = Set(warranty);
    let after = model.save(&txn).await?.try_into_model()?;
    audit::record_saved(&txn, actor, i64::from(after.id), before.as_ref(), &after).await?;
    txn.commit().await?;
    Ok(type_row(after))
}

pub async fn create_manufacturer<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &ManufacturerInput,
) -> CoreResult<ManufacturerRow> {
    save_manufacturer(db, actor, None, input).await
}

pub async fn update_manufacturer<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    input: &ManufacturerInput,
) -> CoreResult<ManufacturerRow> {
    save_manufacturer(db, actor, Some(id), input).await
}

async fn save_manufacturer<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: Option<i64>,
    input: &ManufacturerInput,
) -> CoreResult<ManufacturerRow> {
    require(actor, Operation::WriteCatalogue)?;
    let name = validate::required("name", &input.name, 100)?;
    let sort_key = fold(&name);
    let txn = crate::db::begin_write(db).await?;
    let before = match id {
        Some(id) => Some(
            manufacturers::Entity::find_by_id(id32(id, Thing::Manufacturer)?)
                .one(&txn)
                .await?
                .ok_or(CoreError::not_found(Thing::Manufacturer))?,
        ),
        None => None,
    };
    let clash = manufacturers::Entity::find()
        .filter(manufacturers::Column::SortKey.eq(sort_key.as_str()))
        .one(&txn)
        .await?;
    if clash.is_some_and(|c| Some(c.id) != before.as_ref().map(|b| b.id)) {
        return Err(duplicate_name("manufacturer"));
    }
    let mut model = match &before {
        Some(b) => b.clone().into_active_model(),
        None => manufacturers::ActiveModel {
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    };
    model.name = Set(name);
    model.sort_key = Set(sort_key);
    let after = model.save(&txn).await?.try_into_model()?;
    audit::record_saved(&txn, actor, i64::from(after.id), before.as_ref(), &after).await?;
    txn.commit().await?;
    Ok(manufacturer_row(after))
}

pub async fn create_model<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &ModelInput,
) -> CoreResult<ModelRow> {
    save_model(db, actor, None, input).await
}

pub async fn update_model<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    input: &ModelInput,
) -> CoreResult<ModelRow> {
    save_model(db, actor, Some(id), input).await
}

async fn save_model<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: Option<i64>,
    input: &ModelInput,
) -> CoreResult<ModelRow> {
    require(actor, Operation::WriteCatalogue)?;
    let name = validate::required("name", &input.name, 150)?;
    let sort_key = fold(&name);
    let txn = crate::db::begin_write(db).await?;
    let manufacturer = match input.manufacturer_id {
        Some(id) => {
            manufacturers::Entity::find_by_id(id32(id, Thing::Manufacturer)?)
                .one(&txn)
                .await?
        }
        None => None,
    }
    .ok_or_else(|| {
        CoreError::validation(
            "manufacturer_id",
            ValidationCode::Required,
            "choose a manufacturer",
        )
    })?;
    let kind = match input.type_id {
        Some(id) => {
            types::Entity::find_by_id(id32(id, Thing::EquipmentType)?)
                .one(&txn)
                .await?
        }
        None => None,
    }
    .ok_or_else(|| CoreError::validation("type_id", ValidationCode::Required, "choose a type"))?;
    let warranty = months(
        "warranty_months",
        input.warranty_months.unwrap_or(kind.warranty_months),
    )?;
    let before = match id {
        Some(id) => Some(
            models::Entity::find_by_id(id32(id, Thing::Model)?)
                .one(&txn)
                .await?
                .ok_or(CoreError::not_found(Thing::Model))?,
        ),
        None => None,
    };
    let clash = models::Entity::find()
        .filter(models::Column::ManufacturerId.eq(manufacturer.id))
        .filter(models::Column::SortKey.eq(sort_key.as_str()))
        .one(&txn)
        .await?;
    if clash.is_some_and(|c| Some(c.id) != before.as_ref().map(|b| b.id)) {
        return Err(duplicate_name("model of this manufacturer"));
    }
    let mut model = match &before {
        Some(b) => b.clone().into_active_model(),
        None => models::ActiveModel {
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    };
    model.name = Set(name);
    model.sort_key = Set(sort_key);
    model.manufacturer_id = Set(manufacturer.id);
    model.type_id = Set(kind.id);
    model.warranty_months = Set(warranty);
    let after = model.save(&txn).await?.try_into_model()?;
    audit::record_saved(&txn, actor, i64::from(after.id), before.as_ref(), &after).await?;
    txn.commit().await?;
    let type_names = HashMap::from([(kind.id, kind.name)]);
    let manufacturer_names = HashMap::from([(manufacturer.id, manufacturer.name)]);
    model_rows(vec![after], &type_names, &manufacturer_names)
        .pop()
        .ok_or(CoreError::not_found(Thing::Model))
}

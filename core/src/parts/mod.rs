//! Spare parts: a catalogue with the stock on hand and a minimum stock.
//!
//! The stock only changes through a recorded movement (a receipt, a
//! consumption — later by interventions — or a signed adjustment after a
//! count), written in the same transaction as the new stock figure, so the
//! stock is always the sum of its movements and never goes below zero.

pub mod movement_entity;
pub mod part_entity;

use crate::actor::Actor;
use crate::audit::{self, Audited};
use crate::authz::{require, Operation};
use crate::equipment::entity as equipment;
use crate::error::{CoreError, CoreResult};
use crate::query::id32;
use crate::query::matches_words;
use crate::validate;
use movement_entity as movements;
use parc_api::equipment::{PartInput, PartRow, StockMovementInput, StockMovementRow, StockReason};
use parc_api::problem::{Problem, Thing};
use parc_api::text::{fold, search_text};
use parc_api::ValidationCode;
use part_entity as parts;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait, TryIntoModel,
};
use std::collections::HashMap;

impl Audited for parts::Model {
    const ENTITY: &'static str = "part";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("part_number", self.part_number.clone()),
            ("stock_on_hand", self.stock_on_hand.to_string()),
            ("min_stock", self.min_stock.to_string()),
            (
                "unit_cost",
                self.unit_cost_cents
                    .map(parc_api::money::plain)
                    .unwrap_or_default(),
            ),
            ("notes", self.notes.clone()),
        ]
    }
}

fn row_of(p: parts::Model) -> PartRow {
    PartRow {
        id: i64::from(p.id),
        name: p.name,
        part_number: p.part_number,
        stock_on_hand: p.stock_on_hand,
        min_stock: p.min_stock,
        unit_cost_cents: p.unit_cost_cents,
        notes: p.notes,
    }
}

/// The parts whose name or part number contains every typed word, by name.
pub async fn list_parts(
    db: &impl ConnectionTrait,
    actor: &Actor,
    search: &str,
) -> CoreResult<Vec<PartRow>> {
    require(actor, Operation::ReadParts)?;
    let mut select = parts::Entity::find();
    if !search.trim().is_empty() {
        select = select.filter(matches_words(parts::Column::SearchText, search));
    }
    Ok(select
        .order_by_asc(parts::Column::SortKey)
        .limit(500)
        .all(db)
        .await?
        .into_iter()
        .map(row_of)
        .collect())
}

async fn find_part(db: &impl ConnectionTrait, id: i64) -> CoreResult<parts::Model> {
    parts::Entity::find_by_id(id32(id, Thing::Part)?)
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Part))
}

pub async fn create_part<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &PartInput,
) -> CoreResult<PartRow> {
    save_part(db, actor, None, input).await
}

pub async fn update_part<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    input: &PartInput,
) -> CoreResult<PartRow> {
    save_part(db, actor, Some(id), input).await
}

async fn save_part<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: Option<i64>,
    input: &PartInput,
) -> CoreResult<PartRow> {
    require(actor, Operation::WriteParts)?;
    let name = validate::required("name", &input.name, 200)?;
    let part_number = validate::optional("part_number", &input.part_number, 100)?;
    let notes = validate::optional("notes", &input.notes, 10_000)?;
    let unit_cost = validate::amount("unit_cost", &input.unit_cost)?;
    if !(0..=1_000_000).contains(&input.min_stock) {
        return Err(CoreError::validation(
            "min_stock",
            ValidationCode::InvalidFormat,
            "a quantity of 0 or more",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let before = match id {
        Some(id) => Some(find_part(&txn, id).await?),
        None => None,
    };
    let mut model = match &before {
        Some(b) => b.clone().into_active_model(),
        None => parts::ActiveModel {
            stock_on_hand: Set(0),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    };
    model.sort_key = Set(fold(&name));
    model.search_text = Set(search_text(&[&name, &part_number]));
    model.name = Set(name);
    model.part_number = Set(part_number);
    model.min_stock = Set(input.min_stock);
    model.unit_cost_cents = Set(unit_cost);
    model.notes = Set(notes);
    let after = model.save(&txn).await?.try_into_model()?;
    audit::record_saved(&txn, actor, i64::from(after.id), before.as_ref(), &after).await?;
    txn.commit().await?;
    Ok(row_of(after))
}

/// Records a movement and the new stock; returns the part as it now stands.
pub async fn record_movement<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &StockMovementInput,
) -> CoreResult<PartRow> {
    let txn = crate::db::begin_write(db).await?;
    let (part, _) = record_movement_in(&txn, actor, input).await?;
    txn.commit().await?;
    Ok(part)
}

/// Records a movement inside the caller's transaction (an intervention
/// using parts): the part as it now stands and the movement's id.
pub(crate) async fn record_movement_in(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    input: &StockMovementInput,
) -> CoreResult<(PartRow, i32)> {
    require(actor, Operation::WriteParts)?;
    let delta = match input.reason {
        StockReason::Receipt if input.quantity > 0 => input.quantity,
        StockReason::Consumption if input.quantity > 0 => -input.quantity,
        StockReason::Adjustment if input.quantity != 0 => input.quantity,
        _ => {
            return Err(CoreError::validation(
                "quantity",
                ValidationCode::InvalidFormat,
                "a quantity above zero (an adjustment may be negative)",
            ))
        }
    };
    let note = validate::optional("note", &input.note, 1000)?;
    let before = find_part(txn, input.part_id).await?;
    let equipment_id = match input.equipment_id {
        Some(id) => Some(
            equipment::Entity::find_by_id(id32(id, Thing::Equipment)?)
                .one(txn)
                .await?
                .ok_or_else(|| {
                    CoreError::validation(
                        "equipment_id",
                        ValidationCode::Unknown,
                        "this equipment does not exist",
                    )
                })?
                .id,
        ),
        None => None,
    };
    let stock = before.stock_on_hand.checked_add(delta).unwrap_or(-1);
    if stock < 0 {
        return Err(CoreError::field_problem(
            "quantity",
            ValidationCode::OutOfStock,
            Problem::OnlyInStock {
                count: i64::from(before.stock_on_hand),
            },
        ));
    }
    let movement = movements::ActiveModel {
        part_id: Set(before.id),
        at: Set(chrono::Utc::now()),
        quantity: Set(delta),
        reason: Set(input.reason.code().to_owned()),
        note: Set(note),
        actor_label: Set(actor.label()),
        equipment_id: Set(equipment_id),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut model = before.clone().into_active_model();
    model.stock_on_hand = Set(stock);
    let after = model.update(txn).await?;
    audit::record(
        txn,
        actor,
        i64::from(after.id),
        input.reason.code(),
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok((row_of(after), movement.id))
}

/// A part's movements, newest first.
pub async fn list_movements(
    db: &impl ConnectionTrait,
    actor: &Actor,
    part_id: i64,
) -> CoreResult<Vec<StockMovementRow>> {
    require(actor, Operation::ReadParts)?;
    let part = find_part(db, part_id).await?;
    let rows = movements::Entity::find()
        .filter(movements::Column::PartId.eq(part.id))
        .order_by_desc(movements::Column::At)
        .order_by_desc(movements::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    let equipment_ids: Vec<i32> = rows.iter().filter_map(|r| r.equipment_id).collect();
    let references: HashMap<i32, String> = if equipment_ids.is_empty() {
        HashMap::new()
    } else {
        equipment::Entity::find()
            .select_only()
            .column(equipment::Column::Id)
            .column(equipment::Column::Reference)
            .filter(equipment::Column::Id.is_in(equipment_ids))
            .into_tuple::<(i32, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(|r| StockMovementRow {
            at: r.at,
            reason: StockReason::from_code(&r.reason).unwrap_or_default(),
            quantity: r.quantity,
            note: r.note,
            actor: r.actor_label,
            equipment_reference: r.equipment_id.and_then(|id| references.get(&id).cloned()),
        })
        .collect())
}

//! Entity of the `stock_movements` table: every change of a part's stock.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stock_movements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub part_id: i32,
    pub at: DateTimeUtc,
    /// Signed: what the movement added to the stock.
    pub quantity: i32,
    /// A `StockReason` code.
    pub reason: String,
    pub note: String,
    pub actor_label: String,
    pub equipment_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Entity of the `parts` table: the spare parts catalogue and its stock.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "parts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub part_number: String,
    pub sort_key: String,
    pub search_text: String,
    /// Always the sum of the part's stock movements.
    pub stock_on_hand: i32,
    pub min_stock: i32,
    pub unit_cost_cents: Option<i64>,
    pub notes: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

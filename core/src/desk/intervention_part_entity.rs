//! Entity of the `intervention_parts` table: parts an intervention used, and the stock movement that took them out.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "intervention_parts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub intervention_id: i32,
    pub part_id: i32,
    pub quantity: i32,
    pub movement_id: Option<i32>,
    /// The invoice that billed it (migration 10).
    pub invoice_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

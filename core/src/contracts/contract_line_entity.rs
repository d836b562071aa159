//! Entity of the `contract_lines` table: a contract's price lines.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contract_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contract_id: i32,
    pub position: i32,
    pub description: String,
    /// True: the price is multiplied by the covered equipment counted on
    /// the billing date; false: a fixed fee per period.
    pub per_equipment: bool,
    pub unit_price_cents: i64,
    pub vat_rate_basis_points: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Entity of the `invoice_lines` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoice_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub invoice_id: i32,
    pub position: i32,
    /// Where the line comes from: "fee", "per_equipment", "overage",
    /// "part", "time" or "manual".
    pub source: String,
    pub description: String,
    pub quantity_thousandths: i64,
    pub unit_price_cents: i64,
    pub vat_rate_basis_points: i32,
    /// `parc_api::billing::line_total` of the quantity and unit price.
    pub total_cents: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

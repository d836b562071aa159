//! Entity of the `models` table: a manufacturer's model of a type.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "models")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub manufacturer_id: i32,
    pub type_id: i32,
    pub name: String,
    /// Folded name, unique per manufacturer.
    pub sort_key: String,
    /// Warranty of a new unit, in months: what an equipment's warranty end defaults from.
    pub warranty_months: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

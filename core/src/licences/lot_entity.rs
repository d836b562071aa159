//! Entity of the `licence_lots` table: the purchases and renewals of a licence.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "licence_lots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub licence_id: i32,
    /// "purchase" (added seats) or "renewal".
    pub kind: String,
    pub purchased_on: Date,
    pub quantity: i32,
    pub cost_cents: Option<i64>,
    pub supplier: String,
    pub covers_until: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

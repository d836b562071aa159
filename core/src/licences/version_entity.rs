//! Entity of the `software_versions` table: the versions seen of a software.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "software_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub software_id: i32,
    pub version: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

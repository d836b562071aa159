//! Entity of the `installations` table: a software found on an equipment.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "installations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub equipment_id: i32,
    pub software_id: i32,
    pub version_id: Option<i32>,
    pub installed_on: Option<Date>,
    /// "manual", or the imported file's name.
    pub source: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::equipment::entity::Entity",
        from = "Column::EquipmentId",
        to = "crate::equipment::entity::Column::Id"
    )]
    Equipment,
}

impl ActiveModelBehavior for ActiveModel {}

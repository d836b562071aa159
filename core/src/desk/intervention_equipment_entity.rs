//! Entity of the `intervention_equipment` table: an equipment an intervention worked on.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "intervention_equipment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub intervention_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub equipment_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Entity of the `licence_assignments` table: a seat given to an equipment
//! or a contact.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "licence_assignments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub licence_id: i32,
    pub equipment_id: Option<i32>,
    pub contact_id: Option<i32>,
    pub assigned_on: Date,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

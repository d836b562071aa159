//! Entity of the `sla_targets` table: one cell of the SLA matrix: service level × priority.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sla_targets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub service_level: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub priority: String,
    pub first_response_minutes: i32,
    pub resolution_minutes: i32,
    pub around_the_clock: bool,
    pub calendar_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

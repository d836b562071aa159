//! Entity of the `ticket_status_changes` table: one change of a ticket's status: the history its SLA is computed from.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_status_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub ticket_id: i32,
    pub at: DateTimeUtc,
    pub status: String,
    pub by_user_id: Option<i32>,
    pub by_contact_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Entity of the `ticket_messages` table: a public reply or an internal note on a ticket.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub ticket_id: i32,
    pub at: DateTimeUtc,
    pub author_user_id: Option<i32>,
    pub author_contact_id: Option<i32>,
    /// False: an internal note, never shown on the portal.
    pub public: bool,
    pub body: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

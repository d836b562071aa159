//! Entity of the `tickets` table: a ticket. The SLA columns are cached from its status history (migration 7).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tickets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub reference: String,
    pub client_id: i32,
    pub site_id: Option<i32>,
    pub equipment_id: Option<i32>,
    /// A contact of the client.
    pub requester_id: Option<i32>,
    pub title: String,
    pub description: String,
    pub category_id: Option<i32>,
    /// A `parc_api::tickets::Priority` code.
    pub priority: String,
    /// A `parc_api::tickets::TicketStatus` code.
    pub status: String,
    pub channel: String,
    pub assignee_id: Option<i32>,
    pub created_by_user_id: Option<i32>,
    pub created_by_contact_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub first_response_at: Option<DateTimeUtc>,
    pub resolved_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub first_response_due: Option<DateTimeUtc>,
    /// When the cached SLA state next changes with time alone (migration 8).
    pub sla_review_at: Option<DateTimeUtc>,
    pub resolution_due: Option<DateTimeUtc>,
    /// A `parc_api::tickets::SlaState` code.
    pub sla_state: String,
    /// Each target's own state (migration 15): what compliance counts;
    /// unknown for tickets settled before it kept them.
    pub first_response_state: Option<String>,
    pub resolution_state: Option<String>,
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::clients::client_entity::Entity",
        from = "Column::ClientId",
        to = "crate::clients::client_entity::Column::Id"
    )]
    Client,
}

impl Related<crate::clients::client_entity::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Client.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

//! Entity of the `portal_accounts` table: a contact allowed on the portal.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "portal_accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub contact_id: i32,
    pub enabled: bool,
    /// `TicketScope::code`.
    pub ticket_scope: String,
    /// Argon2id PHC string; none until the contact chooses a password.
    pub password_hash: Option<String>,
    pub created_at: DateTimeUtc,
    pub password_set_at: Option<DateTimeUtc>,
    /// Sessions begun before this instant are over.
    pub sessions_valid_from: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Entity of the `portal_sessions` table: signed-in portal browsers.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "portal_sessions")]
pub struct Model {
    /// SHA-256 of the session id the browser's cookie carries.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id_digest: String,
    pub contact_id: i32,
    /// The token every form of this session must send back.
    pub csrf_token: String,
    pub created_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

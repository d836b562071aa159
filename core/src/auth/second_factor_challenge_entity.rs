//! Entity of the `second_factor_challenges` table: a sign-in whose password
//! was right, waiting for its code. Only the token's digest is kept.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "second_factor_challenges")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub token_digest: String,
    pub user_id: Option<i32>,
    pub contact_id: Option<i32>,
    /// Wrong codes typed so far; the sign-in ends at `MAX_FAILURES`.
    pub failures: i32,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

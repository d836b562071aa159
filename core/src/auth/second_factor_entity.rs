//! Entity of the `second_factors` table: a TOTP secret of a staff user or a
//! portal contact. `Debug` leaves the secret out.

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "second_factors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: Option<i32>,
    pub contact_id: Option<i32>,
    /// Base32; read only to check a code (never shown after enrolment).
    pub secret: String,
    /// None while the owner has not typed a first code.
    pub confirmed_at: Option<DateTimeUtc>,
    /// The last 30-second step a code was accepted for.
    pub last_step: Option<i64>,
    pub created_at: DateTimeUtc,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecondFactor")
            .field("id", &self.id)
            .field("user_id", &self.user_id)
            .field("contact_id", &self.contact_id)
            .field("confirmed_at", &self.confirmed_at)
            .field("last_step", &self.last_step)
            .finish_non_exhaustive()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Entity of the `licences` table: rights a client bought for a software.

use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "licences")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub reference: String,
    pub software_id: i32,
    pub client_id: i32,
    /// A `LicenceKind` code.
    pub kind: String,
    pub seats: Option<i32>,
    pub site_id: Option<i32>,
    pub term_months: Option<i32>,
    /// Read only to mask it or to reveal it to a manager.
    pub licence_key: String,
    pub starts_on: Option<Date>,
    pub expires_on: Option<Date>,
    pub renewal_price_cents: Option<i64>,
    pub auto_renew: bool,
    pub notes: String,
    pub search_text: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl std::fmt::Debug for Model {
    /// Never prints the key: models end up in logs and error messages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Licence")
            .field("id", &self.id)
            .field("reference", &self.reference)
            .field("software_id", &self.software_id)
            .field("client_id", &self.client_id)
            .field("kind", &self.kind)
            .field("seats", &self.seats)
            .field("expires_on", &self.expires_on)
            .finish_non_exhaustive()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::software_entity::Entity",
        from = "Column::SoftwareId",
        to = "super::software_entity::Column::Id"
    )]
    Software,
    #[sea_orm(
        belongs_to = "crate::clients::client_entity::Entity",
        from = "Column::ClientId",
        to = "crate::clients::client_entity::Column::Id"
    )]
    Client,
}

impl ActiveModelBehavior for ActiveModel {}

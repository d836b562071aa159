//! Entity of the `contracts` table: one agreement with a client, billed per
//! period (migration 5 explains the columns).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contracts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub reference: String,
    pub client_id: i32,
    /// Maintenance, support, hosting, …
    pub kind: String,
    /// A `ContractStatus` code.
    pub status: String,
    pub status_since: Date,
    pub start_date: Date,
    pub end_date: Option<Date>,
    /// A `parc_api::billing::Periodicity` code.
    pub periodicity: String,
    pub billed_in_advance: bool,
    /// True: every equipment of the covered sites; false: the chosen list.
    pub covers_all_equipment: bool,
    /// Support time included per period.
    pub included_minutes: i32,
    /// Per hour beyond the included time.
    pub overage_rate_cents: Option<i64>,
    /// NULL: the client's service level.
    pub service_level: Option<String>,
    /// A preventive visit to each covered site every so many months.
    pub visit_every_months: Option<i32>,
    pub auto_renew: bool,
    /// Length of a renewed term.
    pub renewal_months: i32,
    pub notice_days: i32,
    /// Start of the first period not yet invoiced; moved with the invoice.
    pub next_billing_date: Option<Date>,
    pub notes: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
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

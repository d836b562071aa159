//! Entity of the `time_entries` table: time a technician spent, on a ticket or an intervention; a running timer has no end yet.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "time_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub client_id: i32,
    pub ticket_id: Option<i32>,
    pub intervention_id: Option<i32>,
    pub started_at: DateTimeUtc,
    /// None while the timer runs.
    pub ended_at: Option<DateTimeUtc>,
    pub minutes: i32,
    pub billable: bool,
    pub note: String,
    /// The invoice that billed it.
    pub invoice_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Entity of the `interventions` table: an intervention: corrective, preventive or installation.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "interventions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub reference: String,
    pub kind: String,
    pub status: String,
    pub client_id: i32,
    pub site_id: Option<i32>,
    pub ticket_id: Option<i32>,
    pub contract_id: Option<i32>,
    pub technician_id: Option<i32>,
    pub scheduled_start: Option<DateTimeUtc>,
    pub scheduled_end: Option<DateTimeUtc>,
    pub actual_start: Option<DateTimeUtc>,
    pub actual_end: Option<DateTimeUtc>,
    pub work_done: String,
    /// Set by preventive planning; unique, so planning twice adds nothing.
    pub plan_key: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

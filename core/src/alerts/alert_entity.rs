//! Entity of the `alerts` table: one per rule, item and threshold, ever.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "alerts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub rule: String,
    pub item_kind: String,
    pub item_id: i32,
    pub threshold_days: i32,
    pub client_id: Option<i32>,
    pub title: String,
    /// The title folded (lower case, no accents) for the centre's search.
    pub search_text: String,
    pub due_on: Option<Date>,
    /// The due date (YYYY-MM-DD), or empty for a state alert.
    pub due_key: String,
    pub state: String,
    pub snoozed_until: Option<Date>,
    pub raised_at: DateTimeUtc,
    pub acknowledged_by: Option<i32>,
    pub acknowledged_at: Option<DateTimeUtc>,
    pub resolved_at: Option<DateTimeUtc>,
    pub notified_at: Option<DateTimeUtc>,
    /// When the managers' digest included it.
    pub mailed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

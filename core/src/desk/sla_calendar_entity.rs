//! Entity of the `sla_calendars` table: a business-hours calendar (`parc_core::sla::clock::Calendar` as stored).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sla_calendars")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    /// An IANA zone, e.g. Europe/Paris.
    pub time_zone: String,
    /// JSON: per weekday, Monday first, `[[start, end]]` in minutes.
    pub week: String,
    /// JSON: `["YYYY-MM-DD"]`.
    pub holidays: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

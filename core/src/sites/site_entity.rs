//! Entity of the `sites` table: a client's premises.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sites")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub client_id: i32,
    pub name: String,
    pub address: String,
    pub zone_id: Option<i32>,
    pub notes: String,
    pub archived: bool,
    pub created_at: DateTimeUtc,
    /// `parc_api::text::fold` of the name: what lists sort by.
    pub sort_key: String,
    /// The folded searchable fields: what list searches match.
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "crate::clients::client_entity::Entity",
        from = "Column::ClientId",
        to = "crate::clients::client_entity::Column::Id"
    )]
    Client,
    #[sea_orm(
        belongs_to = "super::zone_entity::Entity",
        from = "Column::ZoneId",
        to = "super::zone_entity::Column::Id"
    )]
    Zone,
}

impl Related<crate::clients::client_entity::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Client.def()
    }
}

impl Related<super::zone_entity::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Zone.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

//! Entity of the `contacts` table: people at a client.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contacts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub client_id: i32,
    pub name: String,
    pub job_title: String,
    pub email: String,
    pub phone: String,
    pub is_primary: bool,
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
        belongs_to = "super::client_entity::Entity",
        from = "Column::ClientId",
        to = "super::client_entity::Column::Id"
    )]
    Client,
}

impl Related<super::client_entity::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Client.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

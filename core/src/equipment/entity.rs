//! Entity of the `equipment` table: one piece of a client's fleet.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "equipment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub reference: String,
    pub name: String,
    /// Folded name: what the list sorts by.
    pub sort_key: String,
    pub type_id: i32,
    pub manufacturer_id: Option<i32>,
    pub model_id: Option<i32>,
    /// NULL when unknown; unique per manufacturer.
    pub serial: Option<String>,
    pub asset_tag: String,
    /// An `EquipmentStatus` code.
    pub status: String,
    pub status_since: Date,
    pub client_id: i32,
    pub site_id: Option<i32>,
    /// The assigned user, a contact of the same client.
    pub contact_id: Option<i32>,
    /// The equipment this one is a component of.
    pub parent_id: Option<i32>,
    pub purchase_date: Option<Date>,
    pub supplier: String,
    pub purchase_price_cents: Option<i64>,
    pub warranty_end: Option<Date>,
    pub last_maintenance: Option<Date>,
    pub next_maintenance: Option<Date>,
    pub notes: String,
    /// Folded reference, name, serial, asset tag, model, manufacturer and
    /// assigned user: what the full-text index holds.
    pub search_text: String,
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

//! Entity of the `invoices` table: invoices and credit notes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// "invoice" or "credit_note".
    pub kind: String,
    /// Given at finalisation, from the yearly series of its kind.
    pub number: Option<String>,
    /// An `InvoiceStatus` code.
    pub status: String,
    pub client_id: i32,
    pub contract_id: Option<i32>,
    pub period_start: Option<Date>,
    pub period_end: Option<Date>,
    pub issue_date: Option<Date>,
    pub due_date: Option<Date>,
    pub paid_on: Option<Date>,
    /// The invoice a credit note cancels.
    pub credited_invoice_id: Option<i32>,
    /// The seller and the client as they were at finalisation (JSON).
    pub seller_snapshot: Option<String>,
    pub client_snapshot: Option<String>,
    /// The language the invoice was finalised in (a `Language` code), which
    /// its print and its mails keep; none for a draft.
    pub language: Option<String>,
    pub excluding_vat_cents: i64,
    pub vat_cents: i64,
    pub including_vat_cents: i64,
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

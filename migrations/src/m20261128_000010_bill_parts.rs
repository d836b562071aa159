//! The invoice that billed a part an intervention used.
//!
//! Parts used on site are billed as time and materials; `invoice_id` marks
//! them billed in the same transaction as the invoice, as time entries are,
//! so a run killed and started again bills each part once.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum InterventionParts {
    Table,
    InvoiceId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(InterventionParts::Table)
                    .add_column(
                        ColumnDef::new(InterventionParts::InvoiceId)
                            .integer()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(InterventionParts::Table)
                    .drop_column(InterventionParts::InvoiceId)
                    .to_owned(),
            )
            .await
    }
}

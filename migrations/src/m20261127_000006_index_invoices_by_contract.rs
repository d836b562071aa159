//! Invoices found by their contract, whatever their kind or status.
//!
//! Migration 5's unique index over `(contract_id, period_start)` is partial
//! (live invoices only), so a query for all of a contract's invoices and
//! credit notes (its billing schedule, on the contract's page) could not use
//! it and read the whole table.

use crate::m20261127_000003_create_inventory::index;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Invoices {
    Table,
}

const NAME: &str = "idx_invoices_contract";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index(
                NAME,
                Invoices::Table,
                &["contract_id", "period_start"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table(Invoices::Table).to_owned())
            .await
    }
}

//! When a ticket's cached SLA state next changes on its own.
//!
//! A ticket's SLA state is evaluated from its history on every change and
//! cached on the row for the queue; but time alone turns a ticket at risk,
//! then breached. `sla_review_at` is the next such instant (none while the
//! clocks are paused or the targets met or breached), indexed, so the few
//! tickets due for a new evaluation are found without reading the others.

use crate::m20261127_000003_create_inventory::index;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tickets {
    Table,
    SlaReviewAt,
}

const NAME: &str = "idx_tickets_sla_review";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Tickets::Table)
                    .add_column(
                        ColumnDef::new(Tickets::SlaReviewAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(NAME, Tickets::Table, &["sla_review_at"]))
            .await?;
        // Tickets already open are evaluated again at the next read.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE tickets SET sla_review_at = '1970-01-01T00:00:00+00:00' \
                 WHERE status NOT IN ('resolved', 'closed')",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table(Tickets::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Tickets::Table)
                    .drop_column(Tickets::SlaReviewAt)
                    .to_owned(),
            )
            .await
    }
}

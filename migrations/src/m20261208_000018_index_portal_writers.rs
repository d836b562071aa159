//! What a portal contact wrote lately, found by its author: the portal's
//! per-contact limits (`parc_core::portal::limits`) count a contact's
//! tickets and replies of the last hour at each new one, and without these
//! indexes each count would read every ticket and every message.

use crate::m20261127_000003_create_inventory::index;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tickets {
    Table,
}

#[derive(DeriveIden)]
enum TicketMessages {
    Table,
}

const TICKETS: &str = "idx_tickets_contact_author";
const MESSAGES: &str = "idx_ticket_messages_contact_author";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index(
                TICKETS,
                Tickets::Table,
                &["created_by_contact_id", "created_at"],
            ))
            .await?;
        manager
            .create_index(index(
                MESSAGES,
                TicketMessages::Table,
                &["author_contact_id", "at"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(MESSAGES)
                    .table(TicketMessages::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(TICKETS).table(Tickets::Table).to_owned())
            .await
    }
}

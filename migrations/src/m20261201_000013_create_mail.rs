//! E-mail: the templates changed from Parc's own (one per event and
//! language), the outbox — every mail queued, sent or given up, with its
//! attempts and last error, which is also the log the settings page shows
//! — and, on alerts, when the managers' digest included them and their
//! title folded for the alert centre's search.
//!
//! `dedupe_key` (unique when set) makes queuing idempotent: an invoice
//! finalised, a contract's notice or an alert mailed to a client is queued
//! once, however often the job that finds it runs.

use crate::m20261127_000003_create_inventory::{index, unique};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn a(name: &str) -> Alias {
    Alias::new(name)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(a("mail_templates"))
                    .col(string(a("event")))
                    .col(string(a("language")))
                    .col(string(a("subject")))
                    .col(text(a("body")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .primary_key(Index::create().col(a("event")).col(a("language")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("outbox"))
                    .col(pk_auto(a("id")))
                    .col(string(a("event")))
                    // Comma-separated addresses.
                    .col(text(a("recipients")))
                    .col(string(a("subject")))
                    .col(text(a("body")))
                    // "invoice" and its id: the PDF is made when sending.
                    .col(string_null(a("attachment_kind")))
                    .col(integer_null(a("attachment_id")))
                    // "queued", "sent", "failed".
                    .col(string(a("status")))
                    .col(integer(a("attempts")))
                    .col(text_null(a("last_error")))
                    .col(timestamp_with_time_zone_null(a("next_attempt_at")))
                    .col(string_null(a("dedupe_key")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone_null(a("sent_at")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique("idx_outbox_once", a("outbox"), &["dedupe_key"]))
            .await?;
        manager
            .create_index(index(
                "idx_outbox_due",
                a("outbox"),
                &["status", "next_attempt_at"],
            ))
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(a("alerts"))
                    .add_column(timestamp_with_time_zone_null(a("mailed_at")))
                    .to_owned(),
            )
            .await?;
        // The alert centre's search: titles folded like every other list's
        // (the scan writes it; alerts raised before, lower-cased here).
        manager
            .alter_table(
                Table::alter()
                    .table(a("alerts"))
                    .add_column(string(a("search_text")).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("UPDATE alerts SET search_text = lower(title)")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["search_text", "mailed_at"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(a("alerts"))
                        .drop_column(a(column))
                        .to_owned(),
                )
                .await?;
        }
        for table in ["outbox", "mail_templates"] {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

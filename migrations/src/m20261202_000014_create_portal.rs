//! The client portal: which contacts may sign in (and see their own
//! tickets or the whole client's), the one-time links that let them choose
//! a password, and their sessions.
//!
//! Only digests of link tokens and session ids are stored: a copy of the
//! database file lets nobody in. `sessions_valid_from` ends every session
//! begun before it (a password chosen again, access switched off).

use crate::m20261127_000003_create_inventory::{index, unique};
use crate::m20261127_000005_create_contracts_and_invoices::cascade;
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
                    .table(a("portal_accounts"))
                    .col(integer(a("contact_id")).primary_key())
                    .col(boolean(a("enabled")))
                    // "own" (tickets they opened or asked for) or "client".
                    .col(string(a("ticket_scope")))
                    .col(string_null(a("password_hash")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone_null(a("password_set_at")))
                    .col(timestamp_with_time_zone(a("sessions_valid_from")))
                    .foreign_key(&mut cascade(
                        (a("portal_accounts"), a("contact_id")),
                        (a("contacts"), a("id")),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("portal_links"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("contact_id")))
                    .col(string(a("token_digest")))
                    // "invitation" or "reset".
                    .col(string(a("purpose")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("expires_at")))
                    .col(timestamp_with_time_zone_null(a("used_at")))
                    .foreign_key(&mut cascade(
                        (a("portal_links"), a("contact_id")),
                        (a("contacts"), a("id")),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "idx_portal_links_token",
                a("portal_links"),
                &["token_digest"],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_portal_links_contact",
                a("portal_links"),
                &["contact_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("portal_sessions"))
                    .col(string(a("id_digest")).primary_key())
                    .col(integer(a("contact_id")))
                    .col(string(a("csrf_token")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("last_seen_at")))
                    .foreign_key(&mut cascade(
                        (a("portal_sessions"), a("contact_id")),
                        (a("contacts"), a("id")),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_portal_sessions_contact",
                a("portal_sessions"),
                &["contact_id"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["portal_sessions", "portal_links", "portal_accounts"] {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

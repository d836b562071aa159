//! Alerts: the rules (on/off, thresholds in days, channels) and the alerts
//! the scan raises.
//!
//! One alert per rule, item, threshold and due date (`due_key`: the date,
//! or empty for a state such as low stock): a unique index makes the scan
//! idempotent (raising again what exists does nothing) and keeps an
//! acknowledged alert from being raised again; a warranty extended to a new
//! date is a new due date, so its alerts come again in time.

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
                    .table(a("alert_rules"))
                    // An `AlertRuleCode` code.
                    .col(string(a("code")).primary_key())
                    .col(boolean(a("enabled")))
                    // Days before the due date, comma-separated ("90,30,7").
                    .col(string(a("thresholds")))
                    .col(boolean(a("desktop")))
                    .col(boolean(a("email_managers")))
                    .col(boolean(a("email_client")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("alerts"))
                    .col(pk_auto(a("id")))
                    .col(string(a("rule")))
                    // "equipment", "contract", "licence", "part", "ticket".
                    .col(string(a("item_kind")))
                    .col(integer(a("item_id")))
                    .col(integer(a("threshold_days")))
                    .col(integer_null(a("client_id")))
                    .col(string(a("title")))
                    .col(date_null(a("due_on")))
                    .col(string(a("due_key")))
                    // "open", "acknowledged", "resolved".
                    .col(string(a("state")))
                    .col(date_null(a("snoozed_until")))
                    .col(timestamp_with_time_zone(a("raised_at")))
                    .col(integer_null(a("acknowledged_by")))
                    .col(timestamp_with_time_zone_null(a("acknowledged_at")))
                    .col(timestamp_with_time_zone_null(a("resolved_at")))
                    .col(timestamp_with_time_zone_null(a("notified_at")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "idx_alerts_once",
                a("alerts"),
                &["rule", "item_kind", "item_id", "threshold_days", "due_key"],
            ))
            .await?;
        for (name, columns) in [
            ("idx_alerts_state", &["state", "raised_at"][..]),
            ("idx_alerts_client", &["client_id"][..]),
        ] {
            manager
                .create_index(index(name, a("alerts"), columns))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["alerts", "alert_rules"] {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

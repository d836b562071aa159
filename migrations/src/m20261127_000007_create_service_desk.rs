//! The service desk: technicians' skills and capacity, SLA calendars and the
//! SLA matrix, ticket categories, tickets with their status history and
//! conversation, interventions (their equipment and the parts they used),
//! and time entries.
//!
//! - `tickets.first_response_due`, `resolution_due` and `sla_state` are
//!   cached from the SLA clock (`parc_core::sla`) whenever a ticket changes,
//!   so the queue sorts and filters by them through indexes; the truth is
//!   `ticket_status_changes`, from which they are recomputed.
//! - One running timer per technician: a unique index over `time_entries`
//!   rows without an end, per user.
//! - Preventive planning is idempotent: an intervention it generates carries
//!   a `plan_key` (contract, site and due date, or equipment and due date),
//!   unique when set.
//! - `time_entries.invoice_id` records the invoice that billed the time, so
//!   it is billed once.

use crate::m20261127_000003_create_inventory::{index, restrict, unique};
use crate::m20261127_000005_create_contracts_and_invoices::cascade;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// A foreign key from `table.column` to `target.id`.
fn to_id(table: &str, column: &str, target: &str) -> ForeignKeyCreateStatement {
    restrict((a(table), a(column)), (a(target), a("id")))
}

fn owned_by(table: &str, column: &str, target: &str) -> ForeignKeyCreateStatement {
    cascade((a(table), a(column)), (a(target), a("id")))
}

const TABLES: &[&str] = &[
    "time_entries",
    "intervention_parts",
    "intervention_equipment",
    "interventions",
    "ticket_messages",
    "ticket_status_changes",
    "tickets",
    "ticket_categories",
    "sla_targets",
    "sla_calendars",
    "technician_skills",
    "technician_profiles",
    "skills",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(a("skills"))
                    .col(pk_auto(a("id")))
                    .col(string_uniq(a("name")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("technician_profiles"))
                    .col(integer(a("user_id")).primary_key())
                    .col(string(a("job_position")))
                    .col(integer(a("weekly_minutes")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(&mut owned_by("technician_profiles", "user_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("technician_skills"))
                    .col(integer(a("user_id")))
                    .col(integer(a("skill_id")))
                    .col(integer(a("level")))
                    .primary_key(Index::create().col(a("user_id")).col(a("skill_id")))
                    .foreign_key(&mut owned_by("technician_skills", "user_id", "users"))
                    .foreign_key(&mut owned_by("technician_skills", "skill_id", "skills"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("sla_calendars"))
                    .col(pk_auto(a("id")))
                    .col(string_uniq(a("name")))
                    .col(string(a("time_zone")))
                    // JSON: per weekday, Monday first, [[start, end] minutes].
                    .col(text(a("week")))
                    // JSON: ["YYYY-MM-DD", …].
                    .col(text(a("holidays")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("sla_targets"))
                    .col(string(a("service_level")))
                    .col(string(a("priority")))
                    .col(integer(a("first_response_minutes")))
                    .col(integer(a("resolution_minutes")))
                    .col(boolean(a("around_the_clock")))
                    .col(integer(a("calendar_id")))
                    .primary_key(Index::create().col(a("service_level")).col(a("priority")))
                    .foreign_key(&mut to_id("sla_targets", "calendar_id", "sla_calendars"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("ticket_categories"))
                    .col(pk_auto(a("id")))
                    .col(string_uniq(a("name")))
                    .col(integer_null(a("skill_id")))
                    .col(boolean(a("archived")))
                    .foreign_key(&mut to_id("ticket_categories", "skill_id", "skills"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("tickets"))
                    .col(pk_auto(a("id")))
                    .col(string_uniq(a("reference")))
                    .col(integer(a("client_id")))
                    .col(integer_null(a("site_id")))
                    .col(integer_null(a("equipment_id")))
                    .col(integer_null(a("requester_id")))
                    .col(string(a("title")))
                    .col(text(a("description")))
                    .col(integer_null(a("category_id")))
                    .col(string(a("priority")))
                    .col(string(a("status")))
                    .col(string(a("channel")))
                    .col(integer_null(a("assignee_id")))
                    .col(integer_null(a("created_by_user_id")))
                    .col(integer_null(a("created_by_contact_id")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .col(timestamp_with_time_zone_null(a("first_response_at")))
                    .col(timestamp_with_time_zone_null(a("resolved_at")))
                    .col(timestamp_with_time_zone_null(a("closed_at")))
                    .col(timestamp_with_time_zone_null(a("first_response_due")))
                    .col(timestamp_with_time_zone_null(a("resolution_due")))
                    .col(string(a("sla_state")))
                    .col(text(a("search_text")))
                    .foreign_key(&mut to_id("tickets", "client_id", "clients"))
                    .foreign_key(&mut to_id("tickets", "site_id", "sites"))
                    .foreign_key(&mut to_id("tickets", "equipment_id", "equipment"))
                    .foreign_key(&mut to_id("tickets", "requester_id", "contacts"))
                    .foreign_key(&mut to_id("tickets", "category_id", "ticket_categories"))
                    .foreign_key(&mut to_id("tickets", "assignee_id", "users"))
                    .foreign_key(&mut to_id("tickets", "created_by_user_id", "users"))
                    .foreign_key(&mut to_id("tickets", "created_by_contact_id", "contacts"))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("idx_tickets_queue", &["status", "resolution_due"][..]),
            ("idx_tickets_assignee", &["assignee_id", "status"][..]),
            ("idx_tickets_client", &["client_id", "created_at"][..]),
            ("idx_tickets_sla", &["sla_state", "resolution_due"][..]),
            ("idx_tickets_equipment", &["equipment_id"][..]),
        ] {
            manager
                .create_index(index(name, a("tickets"), columns))
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(a("ticket_status_changes"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("ticket_id")))
                    .col(timestamp_with_time_zone(a("at")))
                    .col(string(a("status")))
                    .col(integer_null(a("by_user_id")))
                    .col(integer_null(a("by_contact_id")))
                    .foreign_key(&mut owned_by(
                        "ticket_status_changes",
                        "ticket_id",
                        "tickets",
                    ))
                    .foreign_key(&mut to_id("ticket_status_changes", "by_user_id", "users"))
                    .foreign_key(&mut to_id(
                        "ticket_status_changes",
                        "by_contact_id",
                        "contacts",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_ticket_status_changes_ticket",
                a("ticket_status_changes"),
                &["ticket_id", "at"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("ticket_messages"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("ticket_id")))
                    .col(timestamp_with_time_zone(a("at")))
                    .col(integer_null(a("author_user_id")))
                    .col(integer_null(a("author_contact_id")))
                    // False: an internal note, never shown on the portal.
                    .col(boolean(a("public")))
                    .col(text(a("body")))
                    .foreign_key(&mut owned_by("ticket_messages", "ticket_id", "tickets"))
                    .foreign_key(&mut to_id("ticket_messages", "author_user_id", "users"))
                    .foreign_key(&mut to_id(
                        "ticket_messages",
                        "author_contact_id",
                        "contacts",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_ticket_messages_ticket",
                a("ticket_messages"),
                &["ticket_id", "at"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("interventions"))
                    .col(pk_auto(a("id")))
                    .col(string_uniq(a("reference")))
                    // corrective, preventive, installation
                    .col(string(a("kind")))
                    // planned, in_progress, done, cancelled
                    .col(string(a("status")))
                    .col(integer(a("client_id")))
                    .col(integer_null(a("site_id")))
                    .col(integer_null(a("ticket_id")))
                    .col(integer_null(a("contract_id")))
                    .col(integer_null(a("technician_id")))
                    .col(timestamp_with_time_zone_null(a("scheduled_start")))
                    .col(timestamp_with_time_zone_null(a("scheduled_end")))
                    .col(timestamp_with_time_zone_null(a("actual_start")))
                    .col(timestamp_with_time_zone_null(a("actual_end")))
                    .col(text(a("work_done")))
                    .col(string_null(a("plan_key")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(&mut to_id("interventions", "client_id", "clients"))
                    .foreign_key(&mut to_id("interventions", "site_id", "sites"))
                    .foreign_key(&mut to_id("interventions", "ticket_id", "tickets"))
                    .foreign_key(&mut to_id("interventions", "contract_id", "contracts"))
                    .foreign_key(&mut to_id("interventions", "technician_id", "users"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "idx_interventions_plan_key",
                a("interventions"),
                &["plan_key"],
            ))
            .await?;
        for (name, columns) in [
            (
                "idx_interventions_technician",
                &["technician_id", "scheduled_start"][..],
            ),
            ("idx_interventions_ticket", &["ticket_id"][..]),
            (
                "idx_interventions_client",
                &["client_id", "scheduled_start"][..],
            ),
        ] {
            manager
                .create_index(index(name, a("interventions"), columns))
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(a("intervention_equipment"))
                    .col(integer(a("intervention_id")))
                    .col(integer(a("equipment_id")))
                    .primary_key(
                        Index::create()
                            .col(a("intervention_id"))
                            .col(a("equipment_id")),
                    )
                    .foreign_key(&mut owned_by(
                        "intervention_equipment",
                        "intervention_id",
                        "interventions",
                    ))
                    .foreign_key(&mut to_id(
                        "intervention_equipment",
                        "equipment_id",
                        "equipment",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_intervention_equipment_equipment",
                a("intervention_equipment"),
                &["equipment_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("intervention_parts"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("intervention_id")))
                    .col(integer(a("part_id")))
                    .col(integer(a("quantity")))
                    // The stock movement that took the parts out.
                    .col(integer_null(a("movement_id")))
                    .foreign_key(&mut owned_by(
                        "intervention_parts",
                        "intervention_id",
                        "interventions",
                    ))
                    .foreign_key(&mut to_id("intervention_parts", "part_id", "parts"))
                    .foreign_key(&mut to_id(
                        "intervention_parts",
                        "movement_id",
                        "stock_movements",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_intervention_parts_intervention",
                a("intervention_parts"),
                &["intervention_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("time_entries"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("user_id")))
                    .col(integer(a("client_id")))
                    .col(integer_null(a("ticket_id")))
                    .col(integer_null(a("intervention_id")))
                    .col(timestamp_with_time_zone(a("started_at")))
                    // NULL while the timer runs.
                    .col(timestamp_with_time_zone_null(a("ended_at")))
                    .col(integer(a("minutes")))
                    .col(boolean(a("billable")))
                    .col(text(a("note")))
                    .col(integer_null(a("invoice_id")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .foreign_key(&mut to_id("time_entries", "user_id", "users"))
                    .foreign_key(&mut to_id("time_entries", "client_id", "clients"))
                    .foreign_key(&mut to_id("time_entries", "ticket_id", "tickets"))
                    .foreign_key(&mut to_id(
                        "time_entries",
                        "intervention_id",
                        "interventions",
                    ))
                    .foreign_key(&mut to_id("time_entries", "invoice_id", "invoices"))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("idx_time_entries_client", &["client_id", "started_at"][..]),
            ("idx_time_entries_ticket", &["ticket_id"][..]),
            ("idx_time_entries_intervention", &["intervention_id"][..]),
            ("idx_time_entries_user", &["user_id", "started_at"][..]),
        ] {
            manager
                .create_index(index(name, a("time_entries"), columns))
                .await?;
        }
        // One running timer per technician (SQLite and PostgreSQL both
        // support partial indexes).
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_time_entries_running \
                 ON time_entries (user_id) WHERE ended_at IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

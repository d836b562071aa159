//! The schema of Parc, built by migrations only.
//!
//! Each migration is `mYYYYMMDD_NNNNNN_verb_noun.rs`, always with `down`, and
//! never edited once shipped: a database made by any earlier release is
//! brought up to date by running the ones it lacks at start-up. The schema
//! builder keeps the SQL portable between SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_create_foundation;
mod m20261126_000002_add_text_keys;
mod m20261127_000003_create_inventory;
mod m20261127_000004_defer_bulk_search_index;
mod m20261127_000005_create_contracts_and_invoices;
mod m20261127_000006_index_invoices_by_contract;
mod m20261127_000007_create_service_desk;
mod m20261128_000008_add_sla_review_time;
mod m20261128_000009_index_ticket_text;
mod m20261128_000010_bill_parts;
mod m20261129_000011_create_licences;
mod m20261130_000012_create_alerts;
mod m20261201_000013_create_mail;
mod m20261202_000014_create_portal;
mod m20261203_000015_keep_sla_outcomes;
mod m20261207_000016_freeze_document_language;
mod m20261207_000017_add_second_factor;
mod m20261208_000018_index_portal_writers;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_create_foundation::Migration),
            Box::new(m20261126_000002_add_text_keys::Migration),
            Box::new(m20261127_000003_create_inventory::Migration),
            Box::new(m20261127_000004_defer_bulk_search_index::Migration),
            Box::new(m20261127_000005_create_contracts_and_invoices::Migration),
            Box::new(m20261127_000006_index_invoices_by_contract::Migration),
            Box::new(m20261127_000007_create_service_desk::Migration),
            Box::new(m20261128_000008_add_sla_review_time::Migration),
            Box::new(m20261128_000009_index_ticket_text::Migration),
            Box::new(m20261128_000010_bill_parts::Migration),
            Box::new(m20261129_000011_create_licences::Migration),
            Box::new(m20261130_000012_create_alerts::Migration),
            Box::new(m20261201_000013_create_mail::Migration),
            Box::new(m20261202_000014_create_portal::Migration),
            Box::new(m20261203_000015_keep_sla_outcomes::Migration),
            Box::new(m20261207_000016_freeze_document_language::Migration),
            Box::new(m20261207_000017_add_second_factor::Migration),
            Box::new(m20261208_000018_index_portal_writers::Migration),
        ]
    }
}

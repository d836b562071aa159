//! Software licences: the software catalogue and its versions, what is
//! installed where, licences with their purchase lots, and their seats
//! assigned to equipment and contacts.
//!
//! - One installation per software and equipment (its version is updated
//!   in place), so importing an inventory twice adds nothing.
//! - A seat is used when assigned: one assignment per licence and
//!   equipment, or licence and contact (unique when set).
//! - The licence key is a column of `licences`, read only by the services
//!   that mask it or reveal it to a manager.

use crate::m20261127_000003_create_inventory::{index, restrict, unique};
use crate::m20261127_000005_create_contracts_and_invoices::cascade;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn a(name: &str) -> Alias {
    Alias::new(name)
}

fn to_id(table: &str, column: &str, target: &str) -> ForeignKeyCreateStatement {
    restrict((a(table), a(column)), (a(target), a("id")))
}

fn owned_by(table: &str, column: &str, target: &str) -> ForeignKeyCreateStatement {
    cascade((a(table), a(column)), (a(target), a("id")))
}

const TABLES: &[&str] = &[
    "licence_assignments",
    "licence_lots",
    "licences",
    "installations",
    "software_versions",
    "software",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(a("software"))
                    .col(pk_auto(a("id")))
                    .col(string(a("name")))
                    .col(string(a("publisher")))
                    .col(string(a("category")))
                    // Folded name: unique, what lists sort by and imports match.
                    .col(string_uniq(a("sort_key")))
                    .col(text(a("search_text")))
                    .col(text(a("notes")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("software_versions"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("software_id")))
                    .col(string(a("version")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .foreign_key(&mut owned_by(
                        "software_versions",
                        "software_id",
                        "software",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "idx_software_versions_unique",
                a("software_versions"),
                &["software_id", "version"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("installations"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("equipment_id")))
                    .col(integer(a("software_id")))
                    .col(integer_null(a("version_id")))
                    .col(date_null(a("installed_on")))
                    // "manual", or the name of the imported file.
                    .col(string(a("source")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(&mut owned_by("installations", "equipment_id", "equipment"))
                    .foreign_key(&mut to_id("installations", "software_id", "software"))
                    .foreign_key(&mut to_id(
                        "installations",
                        "version_id",
                        "software_versions",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "idx_installations_unique",
                a("installations"),
                &["equipment_id", "software_id"],
            ))
            .await?;
        for (name, columns) in [
            ("idx_installations_software", &["software_id"][..]),
            ("idx_installations_version", &["version_id"][..]),
        ] {
            manager
                .create_index(index(name, a("installations"), columns))
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(a("licences"))
                    .col(pk_auto(a("id")))
                    .col(string_uniq(a("reference")))
                    .col(integer(a("software_id")))
                    .col(integer(a("client_id")))
                    // A `LicenceKind` code.
                    .col(string(a("kind")))
                    // None for site and unlimited licences.
                    .col(integer_null(a("seats")))
                    .col(integer_null(a("site_id")))
                    .col(integer_null(a("term_months")))
                    .col(text(a("licence_key")))
                    .col(date_null(a("starts_on")))
                    .col(date_null(a("expires_on")))
                    .col(big_integer_null(a("renewal_price_cents")))
                    .col(boolean(a("auto_renew")))
                    .col(text(a("notes")))
                    .col(text(a("search_text")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(&mut to_id("licences", "software_id", "software"))
                    .foreign_key(&mut to_id("licences", "client_id", "clients"))
                    .foreign_key(&mut to_id("licences", "site_id", "sites"))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("idx_licences_client", &["client_id", "software_id"][..]),
            ("idx_licences_software", &["software_id"][..]),
            ("idx_licences_site", &["site_id"][..]),
            ("idx_licences_expiry", &["expires_on"][..]),
        ] {
            manager
                .create_index(index(name, a("licences"), columns))
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(a("licence_lots"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("licence_id")))
                    // "purchase" (adds seats) or "renewal" (renews them).
                    .col(string(a("kind")))
                    .col(date(a("purchased_on")))
                    .col(integer(a("quantity")))
                    .col(big_integer_null(a("cost_cents")))
                    .col(string(a("supplier")))
                    .col(date_null(a("covers_until")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .foreign_key(&mut owned_by("licence_lots", "licence_id", "licences"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_licence_lots_licence",
                a("licence_lots"),
                &["licence_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("licence_assignments"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("licence_id")))
                    .col(integer_null(a("equipment_id")))
                    .col(integer_null(a("contact_id")))
                    .col(date(a("assigned_on")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .foreign_key(&mut owned_by(
                        "licence_assignments",
                        "licence_id",
                        "licences",
                    ))
                    .foreign_key(&mut owned_by(
                        "licence_assignments",
                        "equipment_id",
                        "equipment",
                    ))
                    .foreign_key(&mut owned_by(
                        "licence_assignments",
                        "contact_id",
                        "contacts",
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            (
                "idx_assignments_equipment",
                &["licence_id", "equipment_id"][..],
            ),
            ("idx_assignments_contact", &["licence_id", "contact_id"][..]),
        ] {
            manager
                .create_index(unique(name, a("licence_assignments"), columns))
                .await?;
        }
        for (name, columns) in [
            ("idx_assignments_by_equipment", &["equipment_id"][..]),
            ("idx_assignments_by_contact", &["contact_id"][..]),
        ] {
            manager
                .create_index(index(name, a("licence_assignments"), columns))
                .await?;
        }
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

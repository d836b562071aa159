//! Maintenance contracts and their invoices.
//!
//! - `contracts`: one per agreement with a client, its periodicity and
//!   terms; `next_billing_date` is the start of the first period not yet
//!   invoiced, moved in the same transaction that creates that invoice, so
//!   the invoice run finds due contracts by index and a restart resumes.
//! - `contract_sites`, `contract_equipment`: what a contract covers (all
//!   equipment of its sites, or the chosen list).
//! - `contract_lines`: its price lines, a fixed fee or a fee per equipment.
//! - `invoices` (and credit notes, `kind`), `invoice_lines`: the number is
//!   NULL until the invoice is finalised; the parties are copied in at that
//!   moment (a finalised invoice never changes). At most one live invoice per
//!   contract period: a unique index over `(contract_id, period_start)` for
//!   every invoice that is not cancelled makes the run idempotent.

use crate::m20261127_000003_create_inventory::{index, restrict, unique};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contracts {
    Table,
    Id,
    Reference,
    ClientId,
    Kind,
    Status,
    StatusSince,
    StartDate,
    EndDate,
    Periodicity,
    BilledInAdvance,
    CoversAllEquipment,
    IncludedMinutes,
    OverageRateCents,
    ServiceLevel,
    VisitEveryMonths,
    AutoRenew,
    RenewalMonths,
    NoticeDays,
    NextBillingDate,
    Notes,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ContractSites {
    Table,
    ContractId,
    SiteId,
}

#[derive(DeriveIden)]
enum ContractEquipment {
    Table,
    ContractId,
    EquipmentId,
}

#[derive(DeriveIden)]
enum ContractLines {
    Table,
    Id,
    ContractId,
    Position,
    Description,
    PerEquipment,
    UnitPriceCents,
    VatRateBasisPoints,
}

#[derive(DeriveIden)]
enum Invoices {
    Table,
    Id,
    Kind,
    Number,
    Status,
    ClientId,
    ContractId,
    PeriodStart,
    PeriodEnd,
    IssueDate,
    DueDate,
    PaidOn,
    CreditedInvoiceId,
    SellerSnapshot,
    ClientSnapshot,
    ExcludingVatCents,
    VatCents,
    IncludingVatCents,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum InvoiceLines {
    Table,
    Id,
    InvoiceId,
    Position,
    Source,
    Description,
    QuantityThousandths,
    UnitPriceCents,
    VatRateBasisPoints,
    TotalCents,
}

#[derive(DeriveIden)]
enum Clients {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Sites {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Equipment {
    Table,
    Id,
}

pub(crate) fn cascade(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    let mut key = restrict(from, to);
    key.on_delete(ForeignKeyAction::Cascade);
    key
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Contracts::Table)
                    .col(pk_auto(Contracts::Id))
                    .col(string_uniq(Contracts::Reference))
                    .col(integer(Contracts::ClientId))
                    .col(string(Contracts::Kind))
                    .col(string(Contracts::Status))
                    .col(date(Contracts::StatusSince))
                    .col(date(Contracts::StartDate))
                    .col(date_null(Contracts::EndDate))
                    .col(string(Contracts::Periodicity))
                    .col(boolean(Contracts::BilledInAdvance))
                    .col(boolean(Contracts::CoversAllEquipment))
                    .col(integer(Contracts::IncludedMinutes))
                    .col(big_integer_null(Contracts::OverageRateCents))
                    .col(string_null(Contracts::ServiceLevel))
                    .col(integer_null(Contracts::VisitEveryMonths))
                    .col(boolean(Contracts::AutoRenew))
                    .col(integer(Contracts::RenewalMonths))
                    .col(integer(Contracts::NoticeDays))
                    .col(date_null(Contracts::NextBillingDate))
                    .col(text(Contracts::Notes))
                    .col(timestamp_with_time_zone(Contracts::CreatedAt))
                    .col(timestamp_with_time_zone(Contracts::UpdatedAt))
                    .foreign_key(&mut restrict(
                        (Contracts::Table, Contracts::ClientId),
                        (Clients::Table, Clients::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("idx_contracts_client", &["client_id", "start_date"][..]),
            ("idx_contracts_due", &["status", "next_billing_date"][..]),
            ("idx_contracts_end", &["end_date"][..]),
        ] {
            manager
                .create_index(index(name, Contracts::Table, columns))
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ContractSites::Table)
                    .col(integer(ContractSites::ContractId))
                    .col(integer(ContractSites::SiteId))
                    .primary_key(
                        Index::create()
                            .col(ContractSites::ContractId)
                            .col(ContractSites::SiteId),
                    )
                    .foreign_key(&mut cascade(
                        (ContractSites::Table, ContractSites::ContractId),
                        (Contracts::Table, Contracts::Id),
                    ))
                    .foreign_key(&mut restrict(
                        (ContractSites::Table, ContractSites::SiteId),
                        (Sites::Table, Sites::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_contract_sites_site",
                ContractSites::Table,
                &["site_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ContractEquipment::Table)
                    .col(integer(ContractEquipment::ContractId))
                    .col(integer(ContractEquipment::EquipmentId))
                    .primary_key(
                        Index::create()
                            .col(ContractEquipment::ContractId)
                            .col(ContractEquipment::EquipmentId),
                    )
                    .foreign_key(&mut cascade(
                        (ContractEquipment::Table, ContractEquipment::ContractId),
                        (Contracts::Table, Contracts::Id),
                    ))
                    .foreign_key(&mut restrict(
                        (ContractEquipment::Table, ContractEquipment::EquipmentId),
                        (Equipment::Table, Equipment::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_contract_equipment_equipment",
                ContractEquipment::Table,
                &["equipment_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ContractLines::Table)
                    .col(pk_auto(ContractLines::Id))
                    .col(integer(ContractLines::ContractId))
                    .col(integer(ContractLines::Position))
                    .col(string(ContractLines::Description))
                    .col(boolean(ContractLines::PerEquipment))
                    .col(big_integer(ContractLines::UnitPriceCents))
                    .col(integer(ContractLines::VatRateBasisPoints))
                    .foreign_key(&mut cascade(
                        (ContractLines::Table, ContractLines::ContractId),
                        (Contracts::Table, Contracts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_contract_lines_contract",
                ContractLines::Table,
                &["contract_id", "position"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Invoices::Table)
                    .col(pk_auto(Invoices::Id))
                    .col(string(Invoices::Kind))
                    .col(string_null(Invoices::Number))
                    .col(string(Invoices::Status))
                    .col(integer(Invoices::ClientId))
                    .col(integer_null(Invoices::ContractId))
                    .col(date_null(Invoices::PeriodStart))
                    .col(date_null(Invoices::PeriodEnd))
                    .col(date_null(Invoices::IssueDate))
                    .col(date_null(Invoices::DueDate))
                    .col(date_null(Invoices::PaidOn))
                    .col(integer_null(Invoices::CreditedInvoiceId))
                    .col(text_null(Invoices::SellerSnapshot))
                    .col(text_null(Invoices::ClientSnapshot))
                    .col(big_integer(Invoices::ExcludingVatCents))
                    .col(big_integer(Invoices::VatCents))
                    .col(big_integer(Invoices::IncludingVatCents))
                    .col(timestamp_with_time_zone(Invoices::CreatedAt))
                    .col(timestamp_with_time_zone(Invoices::UpdatedAt))
                    .foreign_key(&mut restrict(
                        (Invoices::Table, Invoices::ClientId),
                        (Clients::Table, Clients::Id),
                    ))
                    .foreign_key(&mut restrict(
                        (Invoices::Table, Invoices::ContractId),
                        (Contracts::Table, Contracts::Id),
                    ))
                    .foreign_key(&mut restrict(
                        (Invoices::Table, Invoices::CreditedInvoiceId),
                        (Invoices::Table, Invoices::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // Numbers are unique once given; drafts have none (NULLs never collide).
        manager
            .create_index(unique("idx_invoices_number", Invoices::Table, &["number"]))
            .await?;
        for (name, columns) in [
            ("idx_invoices_client", &["client_id", "issue_date"][..]),
            ("idx_invoices_status", &["status", "due_date"][..]),
            ("idx_invoices_issue_date", &["issue_date"][..]),
            ("idx_invoices_credited", &["credited_invoice_id"][..]),
        ] {
            manager
                .create_index(index(name, Invoices::Table, columns))
                .await?;
        }
        // One live invoice per contract period: the invoice run's guarantee
        // against billing twice, whatever point it was stopped at. Partial
        // indexes are written the same in SQLite and PostgreSQL.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_invoices_contract_period \
                 ON invoices (contract_id, period_start) \
                 WHERE kind = 'invoice' AND status <> 'cancelled'",
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(InvoiceLines::Table)
                    .col(pk_auto(InvoiceLines::Id))
                    .col(integer(InvoiceLines::InvoiceId))
                    .col(integer(InvoiceLines::Position))
                    .col(string(InvoiceLines::Source))
                    .col(text(InvoiceLines::Description))
                    .col(big_integer(InvoiceLines::QuantityThousandths))
                    .col(big_integer(InvoiceLines::UnitPriceCents))
                    .col(integer(InvoiceLines::VatRateBasisPoints))
                    .col(big_integer(InvoiceLines::TotalCents))
                    .foreign_key(&mut cascade(
                        (InvoiceLines::Table, InvoiceLines::InvoiceId),
                        (Invoices::Table, Invoices::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_invoice_lines_invoice",
                InvoiceLines::Table,
                &["invoice_id", "position"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            InvoiceLines::Table.into_iden(),
            Invoices::Table.into_iden(),
            ContractLines::Table.into_iden(),
            ContractEquipment::Table.into_iden(),
            ContractSites::Table.into_iden(),
            Contracts::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

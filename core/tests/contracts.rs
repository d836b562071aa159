//! The contracts and invoices schema (migration 5) holds its guarantees on a
//! real SQLite database built by the migrations: one live invoice per
//! contract period, unique invoice numbers, and a migration that can be
//! undone and redone.

use parc_core::dataset::{self, Size};
use parc_core::db::open_in_memory;
use parc_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection};

type R = Result<(), Box<dyn std::error::Error>>;

async fn with_a_client() -> Result<DatabaseConnection, Box<dyn std::error::Error>> {
    let db = open_in_memory().await?;
    let size = Size {
        clients: 1,
        sites_per_client: 1,
        contacts_per_client: 1,
        equipment: 1,
        contracts: 0,
        tickets: 0,
    };
    dataset::generate(&db, size).await?;
    db.execute_unprepared(
        "INSERT INTO contracts (reference, client_id, kind, status, status_since, start_date, \
           periodicity, billed_in_advance, covers_all_equipment, included_minutes, auto_renew, \
           renewal_months, notice_days, notes, created_at, updated_at) \
         SELECT 'CT00001', id, 'maintenance', 'active', '2026-11-01', '2026-11-01', 'monthly', \
           1, 1, 120, 1, 12, 60, '', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' \
         FROM clients LIMIT 1",
    )
    .await?;
    Ok(db)
}

async fn invoice(
    db: &DatabaseConnection,
    kind: &str,
    number: Option<&str>,
    status: &str,
    period_start: &str,
) -> Result<(), sea_orm::DbErr> {
    let number = number.map_or("NULL".to_owned(), |n| format!("'{n}'"));
    db.execute_unprepared(&format!(
        "INSERT INTO invoices (kind, number, status, client_id, contract_id, period_start, \
           excluding_vat_cents, vat_cents, including_vat_cents, created_at, updated_at) \
         SELECT '{kind}', {number}, '{status}', client_id, id, '{period_start}', 0, 0, 0, \
           '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' FROM contracts"
    ))
    .await
    .map(|_| ())
}

#[tokio::test]
async fn a_contract_period_has_at_most_one_live_invoice() -> R {
    let db = with_a_client().await?;
    invoice(&db, "invoice", None, "draft", "2026-11-01").await?;
    assert!(
        invoice(&db, "invoice", None, "draft", "2026-11-01")
            .await
            .is_err(),
        "a second invoice for the same period is refused"
    );
    invoice(&db, "invoice", None, "draft", "2026-12-01").await?;
    db.execute_unprepared(
        "UPDATE invoices SET status = 'cancelled' WHERE period_start = '2026-11-01'",
    )
    .await?;
    invoice(&db, "invoice", None, "draft", "2026-11-01").await?;
    invoice(
        &db,
        "credit_note",
        Some("AV-2026-00001"),
        "finalised",
        "2026-11-01",
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn invoice_numbers_are_unique_once_given() -> R {
    let db = with_a_client().await?;
    invoice(
        &db,
        "invoice",
        Some("FA-2026-00001"),
        "finalised",
        "2026-11-01",
    )
    .await?;
    assert!(invoice(
        &db,
        "invoice",
        Some("FA-2026-00001"),
        "finalised",
        "2026-12-01"
    )
    .await
    .is_err());
    invoice(&db, "invoice", None, "draft", "2027-01-01").await?;
    invoice(&db, "invoice", None, "draft", "2027-02-01").await?;
    Ok(())
}

#[tokio::test]
async fn the_contracts_migration_can_be_undone_and_redone() -> R {
    let db = with_a_client().await?;
    let steps = Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name() == "m20261127_000005_create_contracts_and_invoices")
        .expect("the migration")
        + 1;
    Migrator::down(&db, Some(steps as u32)).await?;
    assert!(db
        .execute_unprepared("SELECT 1 FROM contracts")
        .await
        .is_err());
    Migrator::up(&db, None).await?;
    db.execute_unprepared("SELECT 1 FROM contracts, invoices, invoice_lines, contract_lines, contract_sites, contract_equipment")
        .await?;
    Ok(())
}

#[tokio::test]
async fn the_entities_read_what_the_schema_holds() -> R {
    use chrono::NaiveDate;
    use parc_core::contracts::{contract_entity, contract_line_entity};
    use parc_core::invoices::{invoice_entity, invoice_line_entity};
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};
    let db = with_a_client().await?;
    invoice(
        &db,
        "invoice",
        Some("FA-2026-00001"),
        "finalised",
        "2026-11-01",
    )
    .await?;
    let contract = contract_entity::Entity::find()
        .one(&db)
        .await?
        .expect("a contract");
    assert_eq!(contract.reference, "CT00001");
    assert_eq!(contract.included_minutes, 120);
    assert_eq!(
        contract.start_date,
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
    );
    let line = contract_line_entity::ActiveModel {
        id: sea_orm::ActiveValue::NotSet,
        contract_id: sea_orm::ActiveValue::Set(contract.id),
        position: sea_orm::ActiveValue::Set(1),
        description: sea_orm::ActiveValue::Set("Forfait mensuel".into()),
        per_equipment: sea_orm::ActiveValue::Set(false),
        unit_price_cents: sea_orm::ActiveValue::Set(30_000),
        vat_rate_basis_points: sea_orm::ActiveValue::Set(2_000),
    }
    .insert(&db)
    .await?;
    assert_eq!(line.unit_price_cents, 30_000);
    let invoice = invoice_entity::Entity::find()
        .one(&db)
        .await?
        .expect("an invoice");
    assert_eq!(invoice.number.as_deref(), Some("FA-2026-00001"));
    assert_eq!(invoice.contract_id, Some(contract.id));
    let saved = invoice_line_entity::ActiveModel {
        id: sea_orm::ActiveValue::NotSet,
        invoice_id: sea_orm::ActiveValue::Set(invoice.id),
        position: sea_orm::ActiveValue::Set(1),
        source: sea_orm::ActiveValue::Set("fee".into()),
        description: sea_orm::ActiveValue::Set("Forfait mensuel".into()),
        quantity_thousandths: sea_orm::ActiveValue::Set(1_000),
        unit_price_cents: sea_orm::ActiveValue::Set(30_000),
        vat_rate_basis_points: sea_orm::ActiveValue::Set(2_000),
        total_cents: sea_orm::ActiveValue::Set(30_000),
    }
    .insert(&db)
    .await?;
    let read = invoice_line_entity::Entity::find_by_id(saved.id)
        .one(&db)
        .await?;
    assert_eq!(read, Some(saved));
    let mut renamed = contract.into_active_model();
    renamed.notes = sea_orm::ActiveValue::Set("renouvelé".into());
    assert_eq!(renamed.update(&db).await?.notes, "renouvelé");
    Ok(())
}

//! Upgrades: a database written at Parc's first schema (the committed
//! fixture `fixtures/first-schema.db`, made by
//! `examples/first_schema_fixture.rs`) is opened by this release. Every
//! migration runs, every row of every table the first schema had comes
//! through with every value it held, and the app works on the result:
//! the old accounts log in, the old clients are found by search (the text
//! keys a later migration added were filled in for them), and new records
//! take the next numbers.

use parc_api::clients::{ArchiveFilter, ClientQuery, ClientSort};
use parc_api::SortDir;
use parc_core::{auth, clients, db};
use parc_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

type R = Result<(), Box<dyn std::error::Error>>;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/first-schema.db"
);

async fn strings(
    db: &DatabaseConnection,
    sql: &str,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    Ok(db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?
        .iter()
        .map(|row| row.try_get_by_index::<String>(0))
        .collect::<Result<_, _>>()?)
}

/// Each row of `table`, its `columns` as one JSON array, in rowid order.
async fn rows(
    db: &DatabaseConnection,
    table: &str,
    columns: &[String],
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let listed = columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    strings(
        db,
        &format!("SELECT json_array({listed}) FROM \"{table}\" ORDER BY rowid"),
    )
    .await
}

#[tokio::test]
async fn a_first_schema_database_upgrades_with_every_row() -> R {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("parc.db");
    std::fs::copy(FIXTURE, &path)?;

    // What the old file holds, read before anything touches it.
    let old = Database::connect(format!("sqlite://{FIXTURE}?mode=ro&immutable=1")).await?;
    let applied = strings(&old, "SELECT version FROM seaql_migrations").await?;
    assert_eq!(applied.len(), 1, "the fixture is at the first schema");
    let tables = strings(
        &old,
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations' ORDER BY name",
    )
    .await?;
    let mut before = Vec::new();
    for table in &tables {
        let columns = strings(
            &old,
            &format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
        )
        .await?;
        let held = rows(&old, table, &columns).await?;
        assert!(!held.is_empty(), "the fixture has rows in {table}");
        before.push((table.clone(), columns, held));
    }
    old.close().await?;

    // Opening it is the upgrade.
    let db = db::open(&path).await?;
    let now_applied = strings(&db, "SELECT version FROM seaql_migrations ORDER BY version").await?;
    assert_eq!(now_applied.len(), Migrator::migrations().len());
    for (table, columns, held) in &before {
        assert_eq!(
            &rows(&db, table, columns).await?,
            held,
            "{table}: every row and value survives"
        );
    }

    // The app works on it: the old accounts, the old clients, new numbers.
    let session = auth::login(&db, "claire@fixture.example", "fixture-password-1").await?;
    let manager = auth::actor_of(&session);
    assert!(
        auth::login(&db, "ancien@fixture.example", "fixture-password-1")
            .await
            .is_err(),
        "a deactivated account stays out"
    );
    let query = |search: &str, archive| ClientQuery {
        search: search.into(),
        service_level: None,
        archive,
        sort: ClientSort::Name,
        dir: SortDir::Asc,
        page: 1,
        page_size: 50,
    };
    let found =
        clients::list_clients(&db, &manager, &query("dupre", ArchiveFilter::Active)).await?;
    assert_eq!(
        found
            .items
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["Éts Dupré & Fils"],
        "accents folded for search"
    );
    let all = clients::list_clients(&db, &manager, &query("", ArchiveFilter::All)).await?;
    assert_eq!(
        all.items
            .iter()
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>(),
        ["OLD", "BOUL", "DUPRE"],
        "sorted by name as the list sorts"
    );
    Ok(())
}

/// Migration 16 on a database whose invoices were issued before it: each
/// issued invoice keeps the language it printed in until then (the
/// installation's), drafts get none, the company's document language and
/// every user's own start as that language. The database is taken back
/// below migration 16, then brought up again.
#[tokio::test]
async fn issued_invoices_keep_the_language_they_printed_in_before_the_upgrade() -> R {
    use parc_api::auth::Language;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("parc.db");
    let db = db::open(&path).await?;
    parc_core::dataset::generate(
        &db,
        parc_core::dataset::Size {
            clients: 2,
            sites_per_client: 1,
            contacts_per_client: 1,
            equipment: 4,
            contracts: 2,
            tickets: 0,
        },
    )
    .await?;
    parc_core::settings::set_document_language(&db, &parc_core::Actor::System, Language::En)
        .await?;
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let sixteen = names
        .iter()
        .position(|n| n.contains("000016"))
        .expect("migration 16");
    Migrator::down(&db, Some(u32::try_from(names.len() - sixteen)?)).await?;
    let columns = strings(&db, "SELECT name FROM pragma_table_info('invoices')").await?;
    assert!(!columns.contains(&"language".to_owned()), "{columns:?}");
    assert_eq!(
        strings(&db, "SELECT value FROM settings WHERE key = 'ui.language'").await?,
        ["en"],
        "the installation's language as an older Parc reads it"
    );
    db.execute_unprepared(
        "INSERT INTO invoices (kind, status, client_id, excluding_vat_cents, vat_cents, \
         including_vat_cents, created_at, updated_at) SELECT 'invoice', 'draft', id, 0, 0, 0, \
         '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00' FROM clients LIMIT 1",
    )
    .await?;

    Migrator::up(&db, None).await?;
    let issued = strings(
        &db,
        "SELECT language FROM invoices WHERE number IS NOT NULL",
    )
    .await?;
    assert!(!issued.is_empty());
    assert!(issued.iter().all(|l| l == "en"), "{issued:?}");
    let drafts = strings(
        &db,
        "SELECT COALESCE(language, 'none') FROM invoices WHERE number IS NULL",
    )
    .await?;
    assert_eq!(drafts, ["none"]);
    assert_eq!(
        parc_core::settings::document_language(&db).await?,
        Language::En
    );
    let users = strings(&db, "SELECT DISTINCT language FROM users").await?;
    assert_eq!(users, ["en"]);
    Ok(())
}

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

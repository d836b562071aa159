//! The one place the database is opened.
//!
//! SQLite in WAL mode with `synchronous=FULL` (a committed invoice survives a
//! power cut), foreign keys enforced and a busy timeout so the desktop app,
//! the portal and the command line can share the file. Pending migrations run
//! before anything else touches the data, and the planner's statistics are
//! refreshed when the data changed a lot.
//!
//! The settings: a 10 s busy timeout, a 64 MiB page cache and a pool of 10
//! connections (`POOL_SIZE`). Migrations run
//! through a single connection before the pool is used: on a pool, a
//! connection judged a CREATE against its older cached schema
//! (`core/tests/opening.rs`). `PRAGMA optimize` refreshes the planner's
//! statistics after opening and after bulk writes: without them SQLite walks
//! the status index of 100,000 rows to avoid sorting one client's 200.

use crate::error::{CoreError, CoreResult};
use parc_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};
use std::path::Path;
use std::time::Duration;

/// Opens (creating if needed) the SQLite file at `path` and migrates it.
pub async fn open(path: &Path) -> CoreResult<DatabaseConnection> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            CoreError::Internal(format!("cannot create folder {}: {e}", parent.display()))
        })?;
    }
    let absolute = std::path::absolute(path)
        .map_err(|e| CoreError::Internal(format!("bad database path {}: {e}", path.display())))?;
    let url = format!("sqlite://{}?mode=rwc", absolute.display());
    connect(ConnectOptions::new(url), POOL_SIZE).await
}

/// Connections to a database file. In WAL mode readers never wait for the
/// writer, but a connection waiting its turn to write (`begin_write`, up
/// to the busy timeout) is held all the while: with four, the start-up jobs
/// (alert scan, invoice run, planning, backup) queued behind one another
/// could hold them all, and the window's reads waited seconds for a free
/// one. Ten leave room for the window and the portal beside them (each
/// connection's page cache grows only with the pages it reads).
const POOL_SIZE: u32 = 10;

/// A private in-memory database with the real migrations, for tests.
pub async fn open_in_memory() -> CoreResult<DatabaseConnection> {
    // One connection: each in-memory connection would be a separate database.
    connect(ConnectOptions::new("sqlite::memory:"), 1).await
}

async fn connect(
    mut options: ConnectOptions,
    max_connections: u32,
) -> CoreResult<DatabaseConnection> {
    options
        .max_connections(max_connections)
        .min_connections(1)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // 64 MiB of page cache per connection (SQLite's default is
                // 2 MiB): bulk writes touch a dozen indexes and the search
                // index at once, and page through them otherwise.
                .pragma("cache_size", "-65536")
                .pragma("temp_store", "memory")
        });
    // SeaORM runs SQLite migrations outside a transaction, one statement at
    // a time on whichever pooled connection is free. A connection checks a
    // CREATE against the schema it cached earlier, so one that had not seen
    // another connection's DROP refused the CREATE: under load, `parc demo`
    // on a new file failed about once in a hundred with "trigger
    // equipment_fts_insert already exists". So the migrations go through one
    // connection, and the pool opens after them.
    let one = Database::connect(options.clone().max_connections(1).to_owned()).await?;
    Migrator::up(&one, None).await?;
    let db = if max_connections == 1 {
        one
    } else {
        one.close().await?;
        Database::connect(options).await?
    };
    refresh_statistics(&db).await?;
    Ok(db)
}

/// Begins a transaction that will write. On SQLite it takes the write lock
/// at `BEGIN IMMEDIATE`, waiting (the busy timeout) for another writer to
/// finish: a deferred transaction that reads first and writes later fails at
/// once with "database is locked" (SQLITE_BUSY_SNAPSHOT, which no busy
/// timeout retries) when another connection committed in between, so two
/// people saving at once would see one of them refused. Nested calls on a
/// transaction open a savepoint as `begin` does; other engines ignore the
/// mode.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> CoreResult<C::Transaction> {
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    };
    Ok(db.begin_with_options(options).await?)
}

/// Keeps the query planner's statistics current (SQLite's `ANALYZE`, run only
/// on tables whose size changed a lot). Without them SQLite may walk the
/// status index of 100,000 equipment to avoid a sort instead of the 200 rows
/// of one client. Called at opening and after bulk writes.
pub async fn refresh_statistics(db: &impl sea_orm::ConnectionTrait) -> CoreResult<()> {
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA optimize=0x10002").await?;
    }
    Ok(())
}

//! Backups of the database, made by SQLite itself while Parc runs
//! (`VACUUM INTO`: a consistent, compacted copy; never a raw copy of an
//! open file), each checked with `PRAGMA integrity_check` before it counts.
//!
//! - `back_up` writes one file (through a `.part` name, so a half-written
//!   backup never looks like one);
//! - `daily` makes the day's `parc-ID-YYYY-MM-DD.db` in a folder once,
//!   then `rotate` keeps that database's last 7 days and one a week for the
//!   4 weeks before (`daily`: ID is the database's own);
//! - `check` reads a backup without changing it: intact, a Parc database,
//!   not made by a newer Parc;
//! - `restore` checks the file first and readies a copy of it (`prepare`:
//!   migrated, its portal sessions and remembered logins ended), sets the
//!   current database (and its WAL files) aside under a dated name, then
//!   puts the copy in its place; `set_aside` says which copies set aside
//!   are kept;
//! - `fingerprint` counts each table's rows and sums a hash of each row, to
//!   compare two databases (a round trip must give the same figures);
//! - the settings (a folder, the daily switch), the folder's files, and a
//!   backup made by hand under a name rotation leaves alone.
//!
//! The command line has `parc backup` and `parc restore` (before the database
//! is opened). In the app, the day's backup comes ten minutes after start-up
//! and is then checked hourly (`backup.folder`, `backup.daily`); a restore
//! goes through `live_restore` without closing the pool, and `progress` keeps
//! one job at a time. Both restores keep the newest three set-aside copies
//! (`prune_set_aside`) and clear a half-written one. `core/tests/upgrade.rs`
//! opens a database written at the first schema
//! (`core/tests/fixtures/first-schema.db`, made by
//! `core/examples/first_schema_fixture.rs`) and checks every row of every
//! table survives every migration.

use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::Actor;
use parc_api::backup::{BackupFile, BackupSettings, BackupStage, BackupWritten};
use parc_api::problem::FileStep;
use parc_api::problem::NotABackup;
use parc_api::ValidationCode;
use parc_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use std::path::{Path, PathBuf};

mod daily;
mod live_restore;
mod progress;
mod set_aside;

pub use daily::{daily, daily_file, database_id, rotate, DAILY_KEPT, WEEKLY_KEPT};

pub use live_restore::restore_into_open;
pub use progress::{BackupJob, BackupMonitor};
pub use set_aside::{prune_as_of, prune_set_aside, SET_ASIDE_KEPT, SET_ASIDE_KEPT_DAYS};

/// The backups' names: `parc-….db`.
const PREFIX: &str = "parc-";
const EXTENSION: &str = ".db";

/// What a backup holds, as read back from the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupCheck {
    /// The newest migration the database has.
    pub schema: String,
    pub tables: usize,
    pub rows: u64,
    pub bytes: u64,
}

fn io_error(step: FileStep, path: &Path, e: std::io::Error) -> CoreError {
    CoreError::Failed(parc_api::problem::Problem::FileStepFailed {
        step,
        path: path.display().to_string(),
        detail: e.to_string(),
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes a checked backup of `db` to `out` (which must not exist yet).
pub async fn back_up(db: &DatabaseConnection, out: &Path) -> CoreResult<BackupCheck> {
    back_up_reporting(db, out, None, BackupStage::Copying).await
}

/// The bytes a compacted copy of `db` will take: its pages less the free ones.
async fn expected_bytes(db: &DatabaseConnection) -> CoreResult<u64> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT (SELECT page_count FROM pragma_page_count()) \
                  - (SELECT freelist_count FROM pragma_freelist_count()), \
                    (SELECT page_size FROM pragma_page_size())",
        ))
        .await?;
    let (pages, size) = match row {
        Some(row) => (
            row.try_get_by_index::<i64>(0)?,
            row.try_get_by_index::<i64>(1)?,
        ),
        None => (0, 0),
    };
    Ok(u64::try_from(pages.saturating_mul(size)).unwrap_or(0))
}

/// `back_up`, telling `job` how far the copy is (the `.part` file's size
/// against the database's used pages, as `stage`), then that it is being
/// checked.
pub async fn back_up_reporting(
    db: &DatabaseConnection,
    out: &Path,
    job: Option<&BackupJob>,
    stage: BackupStage,
) -> CoreResult<BackupCheck> {
    if out.exists() {
        return Err(CoreError::validation(
            "out",
            parc_api::ValidationCode::Duplicate,
            format!(
                "{} already exists: a backup never overwrites a file",
                out.display()
            ),
        ));
    }
    if let Some(folder) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| io_error(FileStep::CreateFolder, folder, e))?;
    }
    let part = with_suffix(out, ".part");
    if part.exists() {
        std::fs::remove_file(&part).map_err(|e| io_error(FileStep::Remove, &part, e))?;
    }
    let target = std::path::absolute(&part).map_err(|e| io_error(FileStep::Resolve, &part, e))?;
    let expected = match job {
        Some(_) => expected_bytes(db).await?,
        None => 0,
    };
    let copy = db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "VACUUM INTO ?",
        [target.display().to_string().into()],
    ));
    tokio::pin!(copy);
    let mut tick = tokio::time::interval(std::time::Duration::from_millis(200));
    let copied = loop {
        tokio::select! {
            copied = &mut copy => break copied,
            _ = tick.tick() => if let Some(job) = job {
                let written = std::fs::metadata(&part).map(|m| m.len()).unwrap_or(0);
                job.report(stage, written.min(expected), expected);
            }
        }
    };
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&part);
        return Err(e.into());
    }
    if let Some(job) = job {
        job.report(BackupStage::Checking, 0, 0);
    }
    let checked = match check(&part).await {
        Ok(checked) => checked,
        Err(e) => {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
    };
    std::fs::rename(&part, out).map_err(|e| io_error(FileStep::Name, out, e))?;
    Ok(checked)
}

/// Opens `path` read-only, without migrating it.
async fn open_read_only(path: &Path) -> CoreResult<DatabaseConnection> {
    let absolute = std::path::absolute(path).map_err(|e| io_error(FileStep::Resolve, path, e))?;
    let mut options = sea_orm::ConnectOptions::new(format!(
        "sqlite://{}?mode=ro&immutable=1",
        absolute.display()
    ));
    options.max_connections(1).sqlx_logging(false);
    Database::connect(options).await.map_err(|e| {
        not_a_backup(
            path,
            NotABackup::NotADatabase {
                detail: e.to_string(),
            },
        )
    })
}

fn not_a_backup(path: &Path, why: NotABackup) -> CoreError {
    CoreError::field_problem(
        "file",
        parc_api::ValidationCode::InvalidFormat,
        parc_api::problem::Problem::NotABackup {
            path: path.display().to_string(),
            why,
        },
    )
}

/// Why a file cannot be read as a backup, from the system's own error.
fn unreadable(e: impl std::fmt::Display) -> NotABackup {
    NotABackup::Unreadable {
        detail: e.to_string(),
    }
}

/// Reads a backup and says what it holds, or why it cannot be restored.
pub async fn check(path: &Path) -> CoreResult<BackupCheck> {
    let bytes = std::fs::metadata(path)
        .map_err(|e| not_a_backup(path, unreadable(e)))?
        .len();
    // A copy of a live database with its log beside it: the file alone is
    // an older state, and reading it as it is would restore that silently.
    let log = with_suffix(path, "-wal");
    if std::fs::metadata(&log).is_ok_and(|m| m.len() > 0) {
        return Err(not_a_backup(
            path,
            NotABackup::LogBeside {
                log: log.display().to_string(),
            },
        ));
    }
    let db = open_read_only(path).await?;
    let checked = check_open(&db, path, bytes).await;
    let _ = db.close().await;
    checked
}

async fn check_open(db: &DatabaseConnection, path: &Path, bytes: u64) -> CoreResult<BackupCheck> {
    let backend = db.get_database_backend();
    let verdict = db
        .query_one_raw(Statement::from_string(backend, "PRAGMA integrity_check"))
        .await
        .map_err(|e| not_a_backup(path, unreadable(e)))?
        .map(|row| row.try_get_by_index::<String>(0))
        .transpose()?
        .unwrap_or_default();
    if verdict != "ok" {
        return Err(not_a_backup(path, NotABackup::Damaged { verdict }));
    }
    let applied: Vec<String> = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT version FROM seaql_migrations ORDER BY version",
        ))
        .await
        .map_err(|_| not_a_backup(path, NotABackup::NoParcSchema))?
        .iter()
        .map(|row| row.try_get_by_index::<String>(0))
        .collect::<Result<_, _>>()?;
    let known: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    if let Some(unknown) = applied.iter().find(|name| !known.contains(name)) {
        return Err(not_a_backup(
            path,
            NotABackup::NewerParc {
                migration: unknown.clone(),
            },
        ));
    }
    let schema = applied
        .last()
        .cloned()
        .ok_or_else(|| not_a_backup(path, NotABackup::NoParcSchema))?;
    // Counted, not hashed: the integrity check has just read every page.
    let tables = table_names(db).await?;
    let mut rows = 0u64;
    for table in &tables {
        let counted = db
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT COUNT(*) FROM {}", quoted(table)),
            ))
            .await?
            .map(|row| row.try_get_by_index::<i64>(0))
            .transpose()?
            .unwrap_or(0);
        rows += u64::try_from(counted).unwrap_or(0);
    }
    Ok(BackupCheck {
        schema,
        tables: tables.len(),
        rows,
        bytes,
    })
}

/// The database at `prepared` (a copy of a backup, about to be put in
/// place) readied: its migrations run, the portal sessions and remembered
/// logins it holds end (a backup must not bring back a way in that was
/// signed out or revoked since it was made; everyone signs in again, as on
/// the desktop), and it is marked as restored (`set_aside`).
async fn ready_for_restore(prepared: &Path) -> CoreResult<()> {
    let db = crate::db::open(prepared).await?;
    let readied = end_sessions_and_mark(&db).await;
    db.close().await?;
    readied
}

async fn end_sessions_and_mark(db: &DatabaseConnection) -> CoreResult<()> {
    use sea_orm::EntityTrait;
    let txn = crate::db::begin_write(db).await?;
    crate::portal::session_entity::Entity::delete_many()
        .exec(&txn)
        .await?;
    crate::auth::remembered_entity::Entity::delete_many()
        .exec(&txn)
        .await?;
    set_aside::mark_restored(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Copies the backup `file` to `prepared` and readies it there; nothing
/// else is touched.
async fn prepare(file: &Path, prepared: &Path) -> CoreResult<()> {
    remove_with_side_files(prepared);
    std::fs::copy(file, prepared).map_err(|e| io_error(FileStep::Copy, file, e))?;
    let readied = ready_for_restore(prepared).await;
    if readied.is_err() {
        remove_with_side_files(prepared);
    }
    readied
}

fn remove_with_side_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}

/// Renames the database at `from` with its log files to `to`.
fn rename_with_side_files(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::rename(from, to)?;
    for suffix in ["-wal", "-shm"] {
        let side = with_suffix(from, suffix);
        if side.exists() {
            std::fs::rename(&side, with_suffix(to, suffix))?;
        }
    }
    Ok(())
}

/// Puts the backup `file` in place of the database at `db_path`, which no
/// connection may hold open. The backup is checked and readied on a copy
/// first (`ready_for_restore`); the current database, if any, is then kept
/// aside; its new name is returned.
pub async fn restore(file: &Path, db_path: &Path) -> CoreResult<Option<PathBuf>> {
    check(file).await?;
    let part = with_suffix(db_path, ".restoring");
    prepare(file, &part).await?;
    let kept = if db_path.exists() {
        let aside = set_aside::new_path(db_path);
        if let Err(e) = rename_with_side_files(db_path, &aside) {
            let _ = rename_with_side_files(&aside, db_path);
            remove_with_side_files(&part);
            return Err(io_error(FileStep::SetAside, db_path, e));
        }
        Some(aside)
    } else {
        None
    };
    if let Err(e) = rename_with_side_files(&part, db_path) {
        // Nothing half-done stays: the database set aside comes back.
        remove_with_side_files(&part);
        if let Some(aside) = &kept {
            let _ = rename_with_side_files(aside, db_path);
        }
        return Err(io_error(FileStep::RestoreInto, db_path, e));
    }
    let kept = match kept {
        Some(aside) => Some(set_aside::name_for_what_it_holds(&aside).await),
        None => None,
    };
    prune_set_aside(db_path);
    Ok(kept)
}

/// One table's rows, counted and hashed (a sum of each row's hash, so the
/// order rows come in does not matter).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableFingerprint {
    pub table: String,
    pub rows: u64,
    pub checksum: u64,
}

/// Every ordinary table (FTS shadow tables included, the virtual tables
/// themselves not: their rows are the shadows'), by name.
async fn table_names(db: &impl ConnectionTrait) -> CoreResult<Vec<String>> {
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
           AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
    ))
    .await?
    .iter()
    .map(|row| Ok(row.try_get_by_index::<String>(0)?))
    .collect()
}

/// A table's name as SQL text.
fn quoted(table: &str) -> String {
    format!("\"{}\"", table.replace('"', "\"\""))
}

/// FNV-1a, 64 bits: a stable hash (the standard library's may change).
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Rows read at a time.
const BATCH: i64 = 20_000;

/// Every ordinary table's rows, counted and hashed, by name.
pub async fn fingerprint(db: &impl ConnectionTrait) -> CoreResult<Vec<TableFingerprint>> {
    let backend = db.get_database_backend();
    let mut prints = Vec::new();
    for table in table_names(db).await? {
        let columns: Vec<String> = db
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                "SELECT name FROM pragma_table_info(?) ORDER BY cid",
                [table.clone().into()],
            ))
            .await?
            .iter()
            .map(|c| c.try_get_by_index::<String>(0))
            .collect::<Result<_, _>>()?;
        // One text per row: every column quoted as SQL would write it.
        let line = columns
            .iter()
            .map(|c| format!("quote(\"{}\")", c.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" || ',' || ");
        let from = quoted(&table);
        let has_rowid = db
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT rowid FROM {from} LIMIT 1"),
            ))
            .await
            .is_ok();
        let mut print = TableFingerprint {
            table,
            rows: 0,
            checksum: 0,
        };
        if has_rowid {
            let mut after = i64::MIN;
            loop {
                let batch = db
                    .query_all_raw(Statement::from_sql_and_values(
                        backend,
                        format!(
                            "SELECT rowid, {line} FROM {from} WHERE rowid > ? \
                             ORDER BY rowid LIMIT {BATCH}"
                        ),
                        [after.into()],
                    ))
                    .await?;
                for row in &batch {
                    after = row.try_get_by_index(0)?;
                    let text: String = row.try_get_by_index(1)?;
                    print.rows += 1;
                    print.checksum = print.checksum.wrapping_add(fnv(&text));
                }
                if (batch.len() as i64) < BATCH {
                    break;
                }
            }
        } else {
            for row in db
                .query_all_raw(Statement::from_string(
                    backend,
                    format!("SELECT {line} FROM {from}"),
                ))
                .await?
            {
                let text: String = row.try_get_by_index(0)?;
                print.rows += 1;
                print.checksum = print.checksum.wrapping_add(fnv(&text));
            }
        }
        prints.push(print);
    }
    Ok(prints)
}

/// Where the settings keep the folder and the daily switch.
const FOLDER_KEY: &str = "backup.folder";
const DAILY_KEY: &str = "backup.daily";

/// The backup settings; `default_folder` (beside the database) when none
/// was chosen. The daily backup is on unless switched off.
pub async fn settings(
    db: &impl ConnectionTrait,
    default_folder: &Path,
) -> CoreResult<BackupSettings> {
    let folder = crate::settings::get(db, FOLDER_KEY)
        .await?
        .filter(|f| !f.trim().is_empty())
        .unwrap_or_else(|| default_folder.display().to_string());
    let daily = crate::settings::get(db, DAILY_KEY).await?.as_deref() != Some("false");
    Ok(BackupSettings { folder, daily })
}

/// Saves the settings (managers): the folder must be absolute and usable.
pub async fn save_settings(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &BackupSettings,
) -> CoreResult<BackupSettings> {
    require(actor, Operation::ManageSettings)?;
    let folder = PathBuf::from(input.folder.trim());
    if !folder.is_absolute() {
        return Err(CoreError::validation(
            "folder",
            ValidationCode::InvalidFormat,
            "the backup folder must be a full path, like /home/me/parc-backups",
        ));
    }
    std::fs::create_dir_all(&folder).map_err(|e| {
        CoreError::validation(
            "folder",
            ValidationCode::InvalidFormat,
            format!("{} cannot be used: {e}", folder.display()),
        )
    })?;
    crate::settings::put(db, FOLDER_KEY, &folder.display().to_string()).await?;
    crate::settings::put(db, DAILY_KEY, if input.daily { "true" } else { "false" }).await?;
    Ok(BackupSettings {
        folder: folder.display().to_string(),
        daily: input.daily,
    })
}

/// The backups in `folder` (files ending in `.db`), newest first.
pub fn list(folder: &Path) -> Vec<BackupFile> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<(std::time::SystemTime, BackupFile)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let meta = entry.metadata().ok()?;
            (name.ends_with(EXTENSION) && meta.is_file()).then(|| {
                (
                    meta.modified().unwrap_or(std::time::UNIX_EPOCH),
                    BackupFile {
                        daily: daily::is_daily_name(&name),
                        path: entry.path().display().to_string(),
                        bytes: meta.len(),
                        name,
                    },
                )
            })
        })
        .collect();
    files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.name.cmp(&a.1.name)));
    files.into_iter().map(|(_, file)| file).collect()
}

/// A backup made by hand (managers), into the folder under a dated name
/// that rotation leaves alone.
pub async fn back_up_now(
    db: &DatabaseConnection,
    actor: &Actor,
    folder: &Path,
    monitor: &BackupMonitor,
) -> CoreResult<BackupWritten> {
    require(actor, Operation::ManageSettings)?;
    let job = monitor.start(BackupStage::Copying)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let file = folder.join(format!("{PREFIX}manual-{stamp}{EXTENSION}"));
    let written = back_up_reporting(db, &file, Some(&job), BackupStage::Copying).await?;
    Ok(BackupWritten {
        path: file.display().to_string(),
        tables: written.tables as u64,
        rows: written.rows,
        bytes: written.bytes,
    })
}

//! Backups of the database, made by SQLite itself while Parc runs
//! (`VACUUM INTO`: a consistent, compacted copy; never a raw copy of an
//! open file), each checked with `PRAGMA integrity_check` before it counts.
//!
//! - `back_up` writes one file (through a `.part` name, so a half-written
//!   backup never looks like one);
//! - `daily` makes the day's `parc-YYYY-MM-DD.db` in a folder once, then
//!   `rotate` keeps the last 7 days and one a week for the 4 weeks before;
//! - `check` reads a backup without changing it: intact, a Parc database,
//!   not made by a newer Parc;
//! - `restore` checks the file first, sets the current database (and its
//!   WAL files) aside under a dated name, then puts a copy of the backup in
//!   its place; opening it then runs any migrations it lacks;
//! - `fingerprint` counts each table's rows and sums a hash of each row, to
//!   compare two databases (a round trip must give the same figures);
//! - the settings (a folder, the daily switch), the folder's files, and a
//!   backup made by hand under a name rotation leaves alone.

use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::Actor;
use chrono::{Datelike, NaiveDate};
use parc_api::backup::{BackupFile, BackupSettings, BackupStage, BackupWritten};
use parc_api::ValidationCode;
use parc_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use std::path::{Path, PathBuf};

mod live_restore;
mod progress;

pub use live_restore::restore_into_open;
pub use progress::{BackupJob, BackupMonitor};

/// The daily backups' names: `parc-2026-11-28.db`.
const PREFIX: &str = "parc-";
const EXTENSION: &str = ".db";
/// Kept: the newest days, then one a week for as many weeks.
pub const DAILY_KEPT: usize = 7;
pub const WEEKLY_KEPT: usize = 4;

/// What a backup holds, as read back from the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupCheck {
    /// The newest migration the database has.
    pub schema: String,
    pub tables: usize,
    pub rows: u64,
    pub bytes: u64,
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> CoreError {
    CoreError::Internal(format!("cannot {what} {}: {e}", path.display()))
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
        std::fs::create_dir_all(folder).map_err(|e| io_error("create folder", folder, e))?;
    }
    let part = with_suffix(out, ".part");
    if part.exists() {
        std::fs::remove_file(&part).map_err(|e| io_error("remove", &part, e))?;
    }
    let target = std::path::absolute(&part).map_err(|e| io_error("resolve", &part, e))?;
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
    std::fs::rename(&part, out).map_err(|e| io_error("name", out, e))?;
    Ok(checked)
}

/// Opens `path` read-only, without migrating it.
async fn open_read_only(path: &Path) -> CoreResult<DatabaseConnection> {
    let absolute = std::path::absolute(path).map_err(|e| io_error("resolve", path, e))?;
    let mut options = sea_orm::ConnectOptions::new(format!(
        "sqlite://{}?mode=ro&immutable=1",
        absolute.display()
    ));
    options.max_connections(1).sqlx_logging(false);
    Database::connect(options)
        .await
        .map_err(|e| not_a_backup(path, format!("it cannot be opened as a database ({e})")))
}

fn not_a_backup(path: &Path, why: impl std::fmt::Display) -> CoreError {
    CoreError::validation(
        "file",
        parc_api::ValidationCode::InvalidFormat,
        format!("{} is not a usable Parc backup: {why}", path.display()),
    )
}

/// Reads a backup and says what it holds, or why it cannot be restored.
pub async fn check(path: &Path) -> CoreResult<BackupCheck> {
    let bytes = std::fs::metadata(path)
        .map_err(|e| not_a_backup(path, e))?
        .len();
    // A copy of a live database with its log beside it: the file alone is
    // an older state, and reading it as it is would restore that silently.
    let log = with_suffix(path, "-wal");
    if std::fs::metadata(&log).is_ok_and(|m| m.len() > 0) {
        return Err(not_a_backup(
            path,
            format!(
                "{} lies beside it, with changes the file alone does not hold: use a backup Parc made",
                log.display()
            ),
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
        .map_err(|e| not_a_backup(path, e))?
        .map(|row| row.try_get_by_index::<String>(0))
        .transpose()?
        .unwrap_or_default();
    if verdict != "ok" {
        return Err(not_a_backup(
            path,
            format!("SQLite finds it damaged ({verdict})"),
        ));
    }
    let applied: Vec<String> = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT version FROM seaql_migrations ORDER BY version",
        ))
        .await
        .map_err(|_| not_a_backup(path, "it has no Parc schema"))?
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
            format!("it was made by a newer Parc (migration {unknown})"),
        ));
    }
    let schema = applied
        .last()
        .cloned()
        .ok_or_else(|| not_a_backup(path, "it has no Parc schema"))?;
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

/// Set-aside copies kept beside the database: the newest few.
pub const SET_ASIDE_KEPT: usize = 3;

/// Where a restore keeps the database as it was: `DB.before-restore-STAMP`
/// (the stamp sorts as time does).
fn set_aside_path(db_path: &Path) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S%.3f");
    with_suffix(db_path, &format!(".before-restore-{stamp}"))
}

/// Removes all but the newest `SET_ASIDE_KEPT` set-aside copies of the
/// database at `db_path` (with their log files), and any half-written one
/// a stopped restore left; returns what it removed. Other files stay.
pub fn prune_set_aside(db_path: &Path) -> Vec<PathBuf> {
    let (Some(folder), Some(name)) = (
        db_path.parent().map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        }),
        db_path.file_name().and_then(|n| n.to_str()),
    ) else {
        return Vec::new();
    };
    let prefix = format!("{name}.before-restore-");
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut copies = Vec::new();
    let mut removed = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let Ok(file) = entry.file_name().into_string() else {
            continue;
        };
        if !file.starts_with(&prefix) || file.ends_with("-wal") || file.ends_with("-shm") {
            continue;
        }
        if file.ends_with(".part") {
            if std::fs::remove_file(entry.path()).is_ok() {
                removed.push(entry.path());
            }
        } else {
            copies.push(file);
        }
    }
    copies.sort_unstable_by(|a, b| b.cmp(a));
    for old in copies.iter().skip(SET_ASIDE_KEPT) {
        let path = folder.join(old);
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(with_suffix(&path, suffix));
        }
        if std::fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}

/// Puts the backup `file` in place of the database at `db_path`, which no
/// connection may hold open. The current database, if any, is kept aside;
/// its new name is returned.
pub async fn restore(file: &Path, db_path: &Path) -> CoreResult<Option<PathBuf>> {
    check(file).await?;
    let aside = set_aside_path(db_path);
    let kept = if db_path.exists() {
        std::fs::rename(db_path, &aside).map_err(|e| io_error("set aside", db_path, e))?;
        for suffix in ["-wal", "-shm"] {
            let side = with_suffix(db_path, suffix);
            if side.exists() {
                std::fs::rename(&side, with_suffix(&aside, suffix))
                    .map_err(|e| io_error("set aside", &side, e))?;
            }
        }
        Some(aside)
    } else {
        None
    };
    let part = with_suffix(db_path, ".restoring");
    let copied = std::fs::copy(file, &part)
        .and_then(|_| std::fs::rename(&part, db_path))
        .map_err(|e| io_error("restore into", db_path, e));
    if let Err(e) = copied {
        // Nothing half-done stays: the database set aside comes back.
        let _ = std::fs::remove_file(&part);
        if let Some(aside) = &kept {
            let _ = std::fs::rename(aside, db_path);
        }
        return Err(e);
    }
    prune_set_aside(db_path);
    Ok(kept)
}

/// The day a daily backup's file name carries.
fn day_of_name(name: &str) -> Option<NaiveDate> {
    let day = name.strip_prefix(PREFIX)?.strip_suffix(EXTENSION)?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// The daily backup's file for `day` in `folder`.
pub fn daily_file(folder: &Path, day: NaiveDate) -> PathBuf {
    folder.join(format!("{PREFIX}{day}{EXTENSION}"))
}

/// Makes the day's backup in `folder` unless it exists, then rotates the
/// folder. Returns what it wrote, if it wrote.
///
/// While another backup or a restore runs (`monitor`), the day's backup
/// waits for the next call.
pub async fn daily(
    db: &DatabaseConnection,
    folder: &Path,
    day: NaiveDate,
    monitor: &BackupMonitor,
) -> CoreResult<Option<BackupCheck>> {
    let file = daily_file(folder, day);
    if file.exists() {
        return Ok(None);
    }
    let Ok(job) = monitor.start(BackupStage::Copying) else {
        return Ok(None);
    };
    let written = back_up_reporting(db, &file, Some(&job), BackupStage::Copying).await?;
    rotate(folder)?;
    Ok(Some(written))
}

/// Removes the daily backups beyond the newest `DAILY_KEPT` days and one a
/// week (the newest of its ISO week) for the `WEEKLY_KEPT` weeks before
/// theirs;
/// files not named like a daily backup are left alone. Returns the removed.
pub fn rotate(folder: &Path) -> CoreResult<Vec<PathBuf>> {
    let entries = std::fs::read_dir(folder).map_err(|e| io_error("read", folder, e))?;
    let mut backups: Vec<(NaiveDate, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            Some((day_of_name(&name)?, entry.path()))
        })
        .collect();
    backups.sort_by_key(|b| std::cmp::Reverse(b.0));
    // The weeks the kept backups stand for: the daily ones' weeks first,
    // so a weekly one is always from an earlier week.
    let mut covered = Vec::new();
    let mut weekly = 0;
    let mut removed = Vec::new();
    for (n, (day, path)) in backups.into_iter().enumerate() {
        let week = (day.iso_week().year(), day.iso_week().week());
        if n < DAILY_KEPT {
            covered.push(week);
            continue;
        }
        if !covered.contains(&week) && weekly < WEEKLY_KEPT {
            covered.push(week);
            weekly += 1;
            continue;
        }
        std::fs::remove_file(&path).map_err(|e| io_error("remove", &path, e))?;
        removed.push(path);
    }
    Ok(removed)
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
                        daily: day_of_name(&name).is_some(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_daily_names_are_backups() {
        assert_eq!(
            day_of_name("parc-2026-11-28.db"),
            NaiveDate::from_ymd_opt(2026, 11, 28)
        );
        assert_eq!(day_of_name("parc-2026-11-28.db.part"), None);
        assert_eq!(day_of_name("notes.db"), None);
        assert_eq!(day_of_name("parc-2026-13-01.db"), None);
    }
}

//! The copies a restore keeps of the database it replaces
//! (`DB.before-restore-STAMP`, the stamp to the millisecond, sorting as
//! time does), and which of them go.
//!
//! A copy set aside holds the live data of that moment, which no backup
//! may hold: counting alone is unsafe (four restores in a row, trying
//! backups one after the other, would push out the only copy of the work
//! done before the first). So copies go by age, with a floor: every copy
//! of the last `SET_ASIDE_KEPT_DAYS` days stays, and at least the
//! `SET_ASIDE_KEPT` newest.
//!
//! And one more, whatever its age: the newest copy that holds work. Each
//! restore marks the database it puts in place with the audit log's last
//! row (every change is audited), in SQLite's `user_version` header field
//! (Parc uses it for nothing else; it is in no table, so a restored
//! database's rows stay the backup's, and `VACUUM INTO` and the backup API
//! copy it). A copy whose mark is still its last audit row holds a restored
//! backup and nothing done since, and is named
//! `…-unchanged-since-restore`; any other copy
//! (never restored, changed since, or unreadable) may hold work no backup
//! holds. The newest such copy is the one set aside at the first of the
//! latest restores in a row, and it is never removed. A change that went
//! unaudited only loses a copy that extra protection, never the age and
//! the floor.

use super::with_suffix;
use crate::error::CoreResult;
use chrono::NaiveDateTime;
use sea_orm::{ConnectionTrait, Statement};
use std::path::{Path, PathBuf};

pub use parc_api::backup::{SET_ASIDE_KEPT, SET_ASIDE_KEPT_DAYS};

/// The end of the name of a copy that holds a restored backup, unchanged.
const UNCHANGED: &str = "-unchanged-since-restore";
const STAMP: &str = "%Y%m%d-%H%M%S%.3f";
/// Stamps of set-aside copies made by earlier releases (to the second).
const OLD_STAMP: &str = "%Y%m%d-%H%M%S";

fn prefix_of(db_path: &Path) -> Option<String> {
    Some(format!(
        "{}.before-restore-",
        db_path.file_name()?.to_str()?
    ))
}

fn folder_of(db_path: &Path) -> &Path {
    match db_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A new name to set the database at `db_path` aside under: dated now, and
/// taken by no file yet (nor by a copy being written).
pub(super) fn new_path(db_path: &Path) -> PathBuf {
    let stamp = chrono::Local::now().format(STAMP).to_string();
    let taken = |path: &Path| {
        [
            path.to_path_buf(),
            with_suffix(path, UNCHANGED),
            with_suffix(path, ".part"),
        ]
        .iter()
        .any(|p| p.exists())
    };
    let mut candidate = with_suffix(db_path, &format!(".before-restore-{stamp}"));
    let mut n = 2;
    while taken(&candidate) {
        candidate = with_suffix(db_path, &format!(".before-restore-{stamp}-{n}"));
        n += 1;
    }
    candidate
}

/// The mark of a database restored when the audit log's last row was
/// `last_audit_id` (0 is "never marked").
fn mark_of(last_audit_id: i64) -> i64 {
    last_audit_id.saturating_add(1).min(i64::from(i32::MAX))
}

/// Marks `db`, about to be put in place by a restore, with the audit log's
/// last row, so the copy set aside at the next restore can tell whether
/// anything was done in between.
pub(super) async fn mark_restored(db: &impl ConnectionTrait) -> CoreResult<()> {
    let last: i64 = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COALESCE(MAX(id), 0) FROM audit_log",
        ))
        .await?
        .map(|row| row.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0);
    db.execute_unprepared(&format!("PRAGMA user_version = {}", mark_of(last)))
        .await?;
    Ok(())
}

/// Names the copy just set aside at `aside` for what it holds (see the
/// module's doc); returns where it is now. Its log, if any, is folded in
/// first, so the copy is one file. A copy that cannot be read or renamed
/// keeps its name (it counts as holding work).
pub(super) async fn name_for_what_it_holds(aside: &Path) -> PathBuf {
    let path = aside.to_path_buf();
    let unchanged = tokio::task::spawn_blocking(move || holds_a_restore_unchanged(&path))
        .await
        .unwrap_or(false);
    let side_files = ["-wal", "-shm"]
        .iter()
        .any(|suffix| with_suffix(aside, suffix).exists());
    if !unchanged || side_files {
        return aside.to_path_buf();
    }
    let renamed = with_suffix(aside, UNCHANGED);
    match std::fs::rename(aside, &renamed) {
        Ok(()) => renamed,
        Err(_) => aside.to_path_buf(),
    }
}

/// Whether the database at `path` holds a restore's mark equal to its last
/// audit row; anything unreadable counts as "no".
fn holds_a_restore_unchanged(path: &Path) -> bool {
    let flags =
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(conn) = rusqlite::Connection::open_with_flags(path, flags) else {
        return false;
    };
    let read = conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version()), \
                (SELECT COALESCE(MAX(id), 0) FROM audit_log)",
        [],
        |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?)),
    );
    let unchanged = matches!(read, Ok((mark, last)) if mark != 0 && mark == mark_of(last));
    // Closing folds the log into the file (the last connection to it).
    let _ = conn.close();
    unchanged
}

/// A set-aside copy found beside the database.
struct Copy {
    name: String,
    /// When it was set aside.
    stamp: NaiveDateTime,
    unchanged: bool,
}

fn copy_of(prefix: &str, name: String) -> Option<Copy> {
    let rest = name.strip_prefix(prefix)?;
    let (rest, unchanged) = match rest.strip_suffix(UNCHANGED) {
        Some(rest) => (rest, true),
        None => (rest, false),
    };
    let stamp = [STAMP, OLD_STAMP].iter().find_map(|format| {
        NaiveDateTime::parse_and_remainder(rest, format)
            .ok()
            .filter(|(_, left)| left.is_empty() || left.starts_with('-'))
            .map(|(stamp, _)| stamp)
    })?;
    Some(Copy {
        name,
        stamp,
        unchanged,
    })
}

/// Removes the set-aside copies of the database at `db_path` (with their
/// log files) that the rule of the module's doc lets go, as of `now` (local
/// time, as the stamps are), and any half-written one a stopped restore
/// left; returns what it removed. Other files stay, and so does a copy
/// whose stamp cannot be read (it cannot be dated).
pub fn prune_as_of(db_path: &Path, now: NaiveDateTime) -> Vec<PathBuf> {
    let Some(prefix) = prefix_of(db_path) else {
        return Vec::new();
    };
    let folder = folder_of(db_path);
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
        } else if let Some(copy) = copy_of(&prefix, file) {
            copies.push(copy);
        }
    }
    copies.sort_by(|a, b| b.stamp.cmp(&a.stamp).then_with(|| b.name.cmp(&a.name)));
    let newest_with_work = copies.iter().position(|c| !c.unchanged);
    let young = chrono::Duration::days(i64::from(SET_ASIDE_KEPT_DAYS));
    for (n, copy) in copies.iter().enumerate() {
        if n < SET_ASIDE_KEPT || now - copy.stamp < young || Some(n) == newest_with_work {
            continue;
        }
        let path = folder.join(&copy.name);
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(with_suffix(&path, suffix));
        }
        if std::fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}

/// `prune_as_of` now.
pub fn prune_set_aside(db_path: &Path) -> Vec<PathBuf> {
    prune_as_of(db_path, chrono::Local::now().naive_local())
}

//! The daily backups: the day's `parc-ID-YYYY-MM-DD.db` made once in the
//! chosen folder, then the folder rotated (the last `DAILY_KEPT` days, then
//! one a week for `WEEKLY_KEPT` weeks).
//!
//! ID names the database (`database_id`): two databases backing up into
//! one folder (the company's and a demo, or two companies') would
//! otherwise take each other's file for the day's and rotate each other's
//! away. It is a random id kept in the database's settings
//! (`backup.database_id`), made at its first daily backup, rather than
//! drawn from the file's path: a database moved or renamed keeps its
//! backups and its rotation, and a restored backup brings its own id back
//! with its data. (A copy of the file made by hand shares it, and is then
//! taken for the same database.) Backups named before the id,
//! `parc-YYYY-MM-DD.db`, belong to no database: rotation leaves them
//! alone and counts them against none.

use super::{back_up_reporting, io_error, BackupCheck, BackupMonitor, EXTENSION, PREFIX};
use crate::error::CoreResult;
use chrono::{Datelike, NaiveDate};
use parc_api::backup::BackupStage;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::path::{Path, PathBuf};

/// Kept: the newest days, then one a week for as many weeks.
pub const DAILY_KEPT: usize = 7;
pub const WEEKLY_KEPT: usize = 4;

const DATABASE_ID_KEY: &str = "backup.database_id";
const ID_LENGTH: usize = 8;

fn is_database_id(id: &str) -> bool {
    id.len() == ID_LENGTH && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The database's own id in its daily backups' names, made on first use
/// (two writers at once agree on the first one stored).
pub async fn database_id(db: &impl ConnectionTrait) -> CoreResult<String> {
    if let Some(id) = crate::settings::get(db, DATABASE_ID_KEY).await? {
        if is_database_id(&id) {
            return Ok(id);
        }
    }
    let fresh = format!("{:08x}", rand::random::<u32>());
    let backend = db.get_database_backend();
    // A stored id that is no id (edited by hand) is replaced; a good one
    // stored meanwhile by another writer stays.
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "INSERT INTO settings (key, value) VALUES (?, ?) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value \
         WHERE length(settings.value) <> 8 OR settings.value GLOB '*[^0-9a-f]*'",
        [DATABASE_ID_KEY.into(), fresh.clone().into()],
    ))
    .await?;
    Ok(crate::settings::get(db, DATABASE_ID_KEY)
        .await?
        .filter(|id| is_database_id(id))
        .unwrap_or(fresh))
}

/// What a daily backup's file name carries: the database's id (`None` in
/// the names of backups made before ids) and the day.
fn daily_name(name: &str) -> Option<(Option<&str>, NaiveDate)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(EXTENSION)?;
    let split = rest.len().checked_sub(10)?;
    let (head, day) = (rest.get(..split)?, rest.get(split..)?);
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    match head.strip_suffix('-') {
        None if head.is_empty() => Some((None, day)),
        Some(id) if is_database_id(id) => Some((Some(id), day)),
        _ => None,
    }
}

/// Whether `name` is a daily backup's, of any database.
pub(super) fn is_daily_name(name: &str) -> bool {
    daily_name(name).is_some()
}

/// The daily backup's file for `day` of the database `database_id` in
/// `folder`.
pub fn daily_file(folder: &Path, database_id: &str, day: NaiveDate) -> PathBuf {
    folder.join(format!("{PREFIX}{database_id}-{day}{EXTENSION}"))
}

/// Makes the day's backup of `db` in `folder` unless it exists, then
/// rotates that database's backups there. Returns what it wrote, if it
/// wrote.
///
/// While another backup or a restore runs (`monitor`), the day's backup
/// waits for the next call.
pub async fn daily(
    db: &DatabaseConnection,
    folder: &Path,
    day: NaiveDate,
    monitor: &BackupMonitor,
) -> CoreResult<Option<BackupCheck>> {
    let id = database_id(db).await?;
    let file = daily_file(folder, &id, day);
    if file.exists() {
        return Ok(None);
    }
    let Ok(job) = monitor.start(BackupStage::Copying) else {
        return Ok(None);
    };
    let written = back_up_reporting(db, &file, Some(&job), BackupStage::Copying).await?;
    rotate(folder, &id)?;
    Ok(Some(written))
}

/// Removes the daily backups of the database `database_id` beyond the
/// newest `DAILY_KEPT` days and one a week (the newest of its ISO week) for
/// the `WEEKLY_KEPT` weeks before theirs; other files (other databases'
/// backups, backups named before ids, anything else) are left alone.
/// Returns the removed.
pub fn rotate(folder: &Path, database_id: &str) -> CoreResult<Vec<PathBuf>> {
    let entries = std::fs::read_dir(folder)
        .map_err(|e| io_error(parc_api::problem::FileStep::Read, folder, e))?;
    let mut backups: Vec<(NaiveDate, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            match daily_name(&name)? {
                (Some(id), day) if id == database_id => Some((day, entry.path())),
                _ => None,
            }
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
        std::fs::remove_file(&path)
            .map_err(|e| io_error(parc_api::problem::FileStep::Remove, &path, e))?;
        removed.push(path);
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_names_carry_the_database_and_the_day() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 28);
        assert_eq!(
            daily_name("parc-3fa9c01b-2026-11-28.db"),
            day.map(|d| (Some("3fa9c01b"), d))
        );
        assert_eq!(daily_name("parc-2026-11-28.db"), day.map(|d| (None, d)));
        assert_eq!(daily_name("parc-3fa9c01b-2026-11-28.db.part"), None);
        assert_eq!(daily_name("parc-manual-20261128-120000.db"), None);
        assert_eq!(daily_name("parc-NOTANID-2026-11-28.db"), None);
        assert_eq!(daily_name("notes.db"), None);
        assert_eq!(daily_name("parc-2026-13-01.db"), None);
        let folder = Path::new("/backups");
        assert_eq!(
            daily_file(
                folder,
                "3fa9c01b",
                NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default()
            ),
            folder.join("parc-3fa9c01b-2026-11-28.db")
        );
    }
}

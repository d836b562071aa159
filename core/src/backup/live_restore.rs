//! Restoring a backup into the database the app has open, without closing
//! it: SQLite's online backup API copies the backup's pages into the live
//! file in one write transaction, step by step (hence a progress bar), and
//! every pooled connection reads the restored data from its next statement
//! on. A failure before the last step rolls that transaction back, so the
//! open database is then exactly as it was.
//!
//! Before any page moves, the backup is checked and readied on a copy
//! (`super::prepare`: a backup from an older Parc gets its migrations, so
//! the open pool never meets an old schema; the sessions and remembered
//! logins it holds end), and the current database is backed up beside
//! itself, dated, to go back to (kept by `set_aside`'s rule).
//!
//! The copy uses rusqlite's `backup` on a connection of its own,
//! `PAGES_PER_STEP` (1,024) pages a step.

use super::{
    back_up_reporting, check, not_a_backup, prepare, prune_set_aside, remove_with_side_files,
    set_aside, with_suffix, BackupJob, BackupMonitor,
};
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::Actor;
use parc_api::backup::{BackupStage, RestoreDone};
use rusqlite::backup::{Backup, StepResult};
use sea_orm::DatabaseConnection;
use std::path::Path;
use std::time::Duration;

/// Pages copied between two progress reports (4 MiB with 4 KiB pages).
const PAGES_PER_STEP: i32 = 1024;
/// How long the copy waits, in all, for another writer to let go.
const BUSY_PATIENCE: Duration = Duration::from_secs(30);

/// Replaces the content of the open database at `db_path` by the backup
/// `file` (managers). The database as it was is kept as
/// `DB.before-restore-STAMP`, whose name is returned.
pub async fn restore_into_open(
    db: &DatabaseConnection,
    actor: &Actor,
    db_path: &Path,
    file: &Path,
    monitor: &BackupMonitor,
) -> CoreResult<RestoreDone> {
    require(actor, Operation::ManageSettings)?;
    let job = monitor.start(BackupStage::Preparing)?;
    if same_file(file, db_path) {
        return Err(not_a_backup(
            file,
            parc_api::problem::NotABackup::IsTheOpenDatabase,
        ));
    }
    let checked = check(file).await?;
    let prepared = with_suffix(db_path, ".restoring");
    let result = restore_prepared(db, db_path, file, &prepared, &job).await;
    remove_with_side_files(&prepared);
    let kept_aside = result?;
    prune_set_aside(db_path);
    Ok(RestoreDone {
        file: file.display().to_string(),
        kept_aside: kept_aside.display().to_string(),
        tables: checked.tables as u64,
        rows: checked.rows,
    })
}

async fn restore_prepared(
    db: &DatabaseConnection,
    db_path: &Path,
    file: &Path,
    prepared: &Path,
    job: &BackupJob,
) -> CoreResult<std::path::PathBuf> {
    prepare(file, prepared).await?;

    let aside = set_aside::new_path(db_path);
    back_up_reporting(db, &aside, Some(job), BackupStage::SettingAside).await?;

    let report = job.reporter();
    let (from, into) = (prepared.to_path_buf(), db_path.to_path_buf());
    tokio::task::spawn_blocking(move || copy_pages(&from, &into, report))
        .await
        .map_err(|e| {
            CoreError::Failed(parc_api::problem::Problem::RestoreFailed {
                detail: e.to_string(),
            })
        })??;
    Ok(set_aside::name_for_what_it_holds(&aside).await)
}

/// Copies every page of `from` into the database at `into`, through a
/// connection of its own (the pool's connections wait, then see the result).
fn copy_pages(from: &Path, into: &Path, report: impl Fn(BackupStage, u64, u64)) -> CoreResult<()> {
    let failed = |e: rusqlite::Error| {
        CoreError::Failed(parc_api::problem::Problem::RestoreFailed {
            detail: e.to_string(),
        })
    };
    let source = rusqlite::Connection::open(from).map_err(failed)?;
    let mut target = rusqlite::Connection::open(into).map_err(failed)?;
    target
        .busy_timeout(Duration::from_secs(10))
        .map_err(failed)?;
    {
        let backup = Backup::new(&source, &mut target).map_err(failed)?;
        let mut waited = Duration::ZERO;
        loop {
            let step = backup.step(PAGES_PER_STEP).map_err(failed)?;
            let progress = backup.progress();
            let total = u64::try_from(progress.pagecount).unwrap_or(0);
            let left = u64::try_from(progress.remaining).unwrap_or(0);
            report(BackupStage::Restoring, total.saturating_sub(left), total);
            match step {
                StepResult::Done => break,
                // Another writer (the command line, say) holds the file:
                // wait for it a while, then give up with nothing changed.
                StepResult::Busy | StepResult::Locked => {
                    if waited >= BUSY_PATIENCE {
                        return Err(CoreError::Conflict(
                            parc_api::problem::Problem::DatabaseStayedBusy,
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                    waited += Duration::from_millis(50);
                }
                _ => {}
            }
        }
    }
    // The whole database went through the WAL: fold it back into the file.
    // The restore is committed already; a checkpoint SQLite cannot make now
    // it makes later, so it is no failure.
    if let Err(e) = target.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())) {
        eprintln!("parc: the restore is done; its log is folded in later ({e})");
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

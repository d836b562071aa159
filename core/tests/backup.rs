//! Backups on real SQLite files: a backup of the demo restored into a new
//! place holds the same rows (counted and hashed per table); a damaged
//! file, a file that is no database and a backup from a newer Parc are
//! refused before anything is touched; a backup never overwrites a file;
//! the daily folder keeps 7 days and 4 weeks.

use chrono::{Days, NaiveDate};
use parc_core::backup::{self, fingerprint};
use parc_core::{db, demo, CoreError};
use sea_orm::ConnectionTrait;

type R = Result<(), Box<dyn std::error::Error>>;

async fn demo_file(
    dir: &std::path::Path,
) -> Result<std::path::PathBuf, Box<dyn std::error::Error>> {
    let path = dir.join("parc.db");
    let db = db::open(&path).await?;
    demo::fill(&db).await?;
    db.close().await?;
    Ok(path)
}

#[tokio::test]
async fn a_restored_backup_holds_every_row() -> R {
    let dir = tempfile::tempdir()?;
    let original = demo_file(dir.path()).await?;
    let db = db::open(&original).await?;
    let before = fingerprint(&db).await?;
    assert!(before.iter().any(|t| t.table == "equipment" && t.rows > 10));
    let file = dir.path().join("backups").join("parc-2026-11-28.db");
    let written = backup::back_up(&db, &file).await?;
    assert_eq!(written.tables, before.len());
    assert_eq!(written.rows, before.iter().map(|t| t.rows).sum::<u64>());
    // A backup never overwrites a file.
    let again = backup::back_up(&db, &file).await;
    assert!(
        matches!(again, Err(CoreError::Validation { .. })),
        "{again:?}"
    );
    db.close().await?;

    // Restored where a damaged database was: the same rows, and the old
    // file kept aside.
    let target = dir.path().join("restored.db");
    std::fs::write(&target, b"not a database")?;
    let aside = backup::restore(&file, &target)
        .await?
        .ok_or("nothing set aside")?;
    assert_eq!(std::fs::read(&aside)?, b"not a database");
    let restored = db::open(&target).await?;
    assert_eq!(fingerprint(&restored).await?, before);
    // And it works: the data is there to read.
    let clients = restored
        .query_one_raw(sea_orm::Statement::from_string(
            restored.get_database_backend(),
            "SELECT COUNT(*) FROM clients",
        ))
        .await?
        .ok_or("no count")?
        .try_get_by_index::<i64>(0)?;
    assert!(clients > 0);
    Ok(())
}

#[tokio::test]
async fn bad_backups_are_refused_and_nothing_is_touched() -> R {
    let dir = tempfile::tempdir()?;
    let current = demo_file(dir.path()).await?;
    let db = db::open(&current).await?;
    let before = fingerprint(&db).await?;
    let good = dir.path().join("good.db");
    backup::back_up(&db, &good).await?;
    db.close().await?;

    // Not a database at all.
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "hello")?;
    // A database, but not Parc's.
    let other = dir.path().join("other.db");
    std::fs::copy(&good, &other)?;
    {
        let plain = sea_orm::Database::connect(format!("sqlite://{}", other.display())).await?;
        plain
            .execute_unprepared("DROP TABLE seaql_migrations")
            .await?;
        plain.close().await?;
    }
    // A Parc backup damaged in the middle.
    let damaged = dir.path().join("damaged.db");
    let mut bytes = std::fs::read(&good)?;
    let middle = bytes.len() / 2;
    for byte in &mut bytes[middle..middle + 4096] {
        *byte = 0xA5;
    }
    std::fs::write(&damaged, bytes)?;
    // A backup made by a newer Parc.
    let newer = dir.path().join("newer.db");
    std::fs::copy(&good, &newer)?;
    {
        let plain = sea_orm::Database::connect(format!("sqlite://{}", newer.display())).await?;
        plain
            .execute_unprepared(
                "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20991231_000099_future', 0)",
            )
            .await?;
        plain.close().await?;
    }
    for (file, why) in [
        (&text, "cannot be opened"),
        (&other, "no Parc schema"),
        (&damaged, "damaged"),
        (&newer, "newer Parc"),
        (&dir.path().join("missing.db"), "not a usable"),
    ] {
        match backup::restore(file, &current).await {
            Err(CoreError::Validation { field, message, .. }) => {
                assert_eq!(field, "file");
                assert!(
                    message.contains(why) || message.contains("not a usable"),
                    "{message}"
                );
            }
            other => panic!("{} gave {other:?}", file.display()),
        }
    }
    let db = db::open(&current).await?;
    assert_eq!(fingerprint(&db).await?, before, "the database is untouched");
    let entries: Vec<_> = std::fs::read_dir(dir.path())?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("before-restore"))
        .collect();
    assert!(entries.is_empty(), "nothing set aside: {entries:?}");
    Ok(())
}

#[tokio::test]
async fn the_daily_folder_keeps_seven_days_and_four_weeks() -> R {
    let dir = tempfile::tempdir()?;
    let last = NaiveDate::from_ymd_opt(2026, 11, 28).ok_or("date")?;
    for back in 0..60 {
        std::fs::write(backup::daily_file(dir.path(), last - Days::new(back)), "x")?;
    }
    std::fs::write(dir.path().join("keep-me.txt"), "not a backup")?;
    let removed = backup::rotate(dir.path())?;
    assert_eq!(removed.len(), 60 - 7 - 4);
    let mut kept: Vec<String> = std::fs::read_dir(dir.path())?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    kept.sort();
    // The 7 days from Sunday 11-22 to Saturday 11-28, then the newest (the
    // Sunday) of each of the 4 weeks before the week of 11-22.
    assert_eq!(
        kept,
        [
            "keep-me.txt",
            "parc-2026-10-25.db",
            "parc-2026-11-01.db",
            "parc-2026-11-08.db",
            "parc-2026-11-15.db",
            "parc-2026-11-22.db",
            "parc-2026-11-23.db",
            "parc-2026-11-24.db",
            "parc-2026-11-25.db",
            "parc-2026-11-26.db",
            "parc-2026-11-27.db",
            "parc-2026-11-28.db",
        ]
    );
    Ok(())
}

#[tokio::test]
async fn the_days_backup_is_made_once() -> R {
    let dir = tempfile::tempdir()?;
    let current = demo_file(dir.path()).await?;
    let db = db::open(&current).await?;
    let folder = dir.path().join("daily");
    let day = NaiveDate::from_ymd_opt(2026, 11, 28).ok_or("date")?;
    let monitor = backup::BackupMonitor::default();
    // Not while another backup or a restore runs: the next call makes it.
    let busy = monitor.start(parc_api::backup::BackupStage::Restoring)?;
    assert!(backup::daily(&db, &folder, day, &monitor).await?.is_none());
    assert!(!backup::daily_file(&folder, day).exists());
    drop(busy);
    assert!(backup::daily(&db, &folder, day, &monitor).await?.is_some());
    assert!(
        backup::daily(&db, &folder, day, &monitor).await?.is_none(),
        "once a day"
    );
    assert!(backup::check(&backup::daily_file(&folder, day)).await?.rows > 0);
    Ok(())
}

/// A count, read through the pool the app keeps open.
async fn count(db: &impl ConnectionTrait, table: &str) -> Result<i64, Box<dyn std::error::Error>> {
    Ok(db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) FROM {table}"),
        ))
        .await?
        .ok_or("no count")?
        .try_get_by_index::<i64>(0)?)
}

#[tokio::test]
async fn a_backup_is_restored_into_the_open_database() -> R {
    let dir = tempfile::tempdir()?;
    let path = demo_file(dir.path()).await?;
    let db = db::open(&path).await?;
    let manager = parc_core::Actor::manager(1, "Mia");
    let monitor = backup::BackupMonitor::default();
    let file = dir.path().join("before.db");
    backup::back_up(&db, &file).await?;
    let saved = fingerprint(&db).await?;

    // Work done after the backup, then regretted.
    db.execute_unprepared("DELETE FROM time_entries").await?;
    db.execute_unprepared("UPDATE clients SET name = 'Renamed ' || name")
        .await?;
    let changed = fingerprint(&db).await?;
    assert_ne!(changed, saved);

    // A technician may not; a damaged file is refused; neither changes a row.
    let tech = parc_core::Actor::technician(2, "Tom");
    let refused = backup::restore_into_open(&db, &tech, &path, &file, &monitor).await;
    assert!(
        matches!(refused, Err(CoreError::Forbidden(_))),
        "{refused:?}"
    );
    let damaged = dir.path().join("damaged.db");
    std::fs::write(&damaged, b"SQLite format 3\0 but cut short")?;
    let refused = backup::restore_into_open(&db, &manager, &path, &damaged, &monitor).await;
    assert!(
        matches!(&refused, Err(CoreError::Validation { field, .. }) if field == "file"),
        "{refused:?}"
    );
    let itself = backup::restore_into_open(&db, &manager, &path, &path, &monitor).await;
    assert!(
        matches!(&itself, Err(CoreError::Validation { message, .. }) if message.contains("Parc has open")),
        "{itself:?}"
    );
    assert_eq!(fingerprint(&db).await?, changed);

    // While another job runs, a restore waits its turn.
    let busy = monitor.start(parc_api::backup::BackupStage::Copying)?;
    let refused = backup::restore_into_open(&db, &manager, &path, &file, &monitor).await;
    assert!(
        matches!(refused, Err(CoreError::Conflict(_))),
        "{refused:?}"
    );
    drop(busy);

    let done = backup::restore_into_open(&db, &manager, &path, &file, &monitor).await?;
    assert_eq!(done.rows, saved.iter().map(|t| t.rows).sum::<u64>());
    assert_eq!(monitor.current(), None, "the job ended");
    // The pool the app holds reads the backup's rows at once...
    assert_eq!(fingerprint(&db).await?, saved);
    assert!(count(&db, "time_entries").await? > 0);
    // ...and writes on top of them.
    db.execute_unprepared("UPDATE clients SET name = name || ' SA' WHERE id = 1")
        .await?;
    // The database as it was before is kept, whole.
    let aside = db::open(std::path::Path::new(&done.kept_aside)).await?;
    assert_eq!(fingerprint(&aside).await?, changed);
    aside.close().await?;
    db.close().await?;
    // Nothing of the work files stays; the restore is in the file itself.
    assert!(!dir.path().join("parc.db.restoring").exists());
    let reopened = db::open(&path).await?;
    assert_eq!(count(&reopened, "time_entries").await?, {
        saved
            .iter()
            .find(|t| t.table == "time_entries")
            .map(|t| t.rows as i64)
            .unwrap_or(-1)
    });
    Ok(())
}

#[test]
fn only_the_newest_set_aside_copies_are_kept() -> R {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("parc.db");
    let aside = |stamp: &str| dir.path().join(format!("parc.db.before-restore-{stamp}"));
    for day in 1..=5 {
        let copy = aside(&format!("202611{day:02}-120000.000"));
        std::fs::write(&copy, "copy")?;
        std::fs::write(format!("{}-wal", copy.display()), "log")?;
    }
    let stopped = aside("20261106-120000.000.part");
    std::fs::write(&stopped, "half")?;
    let other = dir
        .path()
        .join("other.db.before-restore-20261101-120000.000");
    std::fs::write(&other, "not ours")?;

    let removed = backup::prune_set_aside(&db);
    assert_eq!(removed.len(), 3, "{removed:?}");
    for day in 1..=2 {
        let copy = aside(&format!("202611{day:02}-120000.000"));
        assert!(
            !copy.exists() && !std::path::Path::new(&format!("{}-wal", copy.display())).exists()
        );
    }
    for day in 3..=5 {
        assert!(
            aside(&format!("202611{day:02}-120000.000")).exists(),
            "day {day} kept"
        );
    }
    assert!(!stopped.exists(), "a half-written copy goes");
    assert!(other.exists(), "another database's copies stay");
    assert_eq!(backup::SET_ASIDE_KEPT, 3);
    Ok(())
}

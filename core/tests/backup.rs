//! Backups on real SQLite files: a backup of the demo restored into a new
//! place holds the same rows (counted and hashed per table); a damaged
//! file, a file that is no database and a backup from a newer Parc are
//! refused before anything is touched; a backup never overwrites a file;
//! the daily folder keeps 7 days and 4 weeks.

use chrono::{Days, NaiveDate};
use parc_api::auth::Language;
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
    let file = dir
        .path()
        .join("backups")
        .join("parc-0badcafe-2026-11-28.db");
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
            Err(CoreError::FieldProblem { field, problem, .. }) => {
                assert_eq!(field, "file");
                let message = problem.text(Language::En);
                assert!(message.contains(why), "{message}");
                let french = problem.text(Language::Fr);
                assert!(
                    french.contains("n'est pas une sauvegarde de Parc utilisable"),
                    "{french}"
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
        std::fs::write(
            backup::daily_file(dir.path(), "0badcafe", last - Days::new(back)),
            "x",
        )?;
    }
    std::fs::write(dir.path().join("keep-me.txt"), "not a backup")?;
    let removed = backup::rotate(dir.path(), "0badcafe")?;
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
            "parc-0badcafe-2026-10-25.db",
            "parc-0badcafe-2026-11-01.db",
            "parc-0badcafe-2026-11-08.db",
            "parc-0badcafe-2026-11-15.db",
            "parc-0badcafe-2026-11-22.db",
            "parc-0badcafe-2026-11-23.db",
            "parc-0badcafe-2026-11-24.db",
            "parc-0badcafe-2026-11-25.db",
            "parc-0badcafe-2026-11-26.db",
            "parc-0badcafe-2026-11-27.db",
            "parc-0badcafe-2026-11-28.db",
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
    let id = backup::database_id(&db).await?;
    assert_eq!(id, backup::database_id(&db).await?, "one id per database");
    assert!(!backup::daily_file(&folder, &id, day).exists());
    drop(busy);
    assert!(backup::daily(&db, &folder, day, &monitor).await?.is_some());
    assert!(
        backup::daily(&db, &folder, day, &monitor).await?.is_none(),
        "once a day"
    );
    assert!(
        backup::check(&backup::daily_file(&folder, &id, day))
            .await?
            .rows
            > 0
    );
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
        matches!(&refused, Err(CoreError::FieldProblem { field, .. }) if field == "file"),
        "{refused:?}"
    );
    let itself = backup::restore_into_open(&db, &manager, &path, &path, &monitor).await;
    assert!(
        matches!(&itself, Err(error @ CoreError::FieldProblem { .. }) if error.to_string().contains("Parc has open")),
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

/// 2026-12-31, noon, local time (as the stamps are).
fn new_years_eve() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 31)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .unwrap_or_default()
}

#[test]
fn set_aside_copies_go_by_age_with_a_floor() -> R {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("parc.db");
    let aside = |stamp: &str| dir.path().join(format!("parc.db.before-restore-{stamp}"));
    // Restores in a row long ago, then three more this month: copies that
    // held only a restored backup say so in their name.
    let old = [
        "20260901-120000.000",
        "20261001-120000.000",
        "20261002-120000.000-unchanged-since-restore",
        "20261003-120000.000-unchanged-since-restore",
    ];
    let recent = [
        "20261220-120000.000-unchanged-since-restore",
        "20261221-120000.000-unchanged-since-restore",
        "20261222-120000.000-unchanged-since-restore",
        "20261223-120000.000-unchanged-since-restore",
    ];
    for stamp in old.iter().chain(&recent) {
        std::fs::write(aside(stamp), "copy")?;
        std::fs::write(format!("{}-wal", aside(stamp).display()), "log")?;
    }
    // An older release's stamp, to the second; a stamp that cannot be read.
    std::fs::write(aside("20260801-120000"), "copy")?;
    std::fs::write(aside("someday"), "copy")?;
    let stopped = aside("20261224-120000.000.part");
    std::fs::write(&stopped, "half")?;
    let other = dir
        .path()
        .join("other.db.before-restore-20260101-120000.000");
    std::fs::write(&other, "not ours")?;

    let removed = backup::prune_as_of(&db, new_years_eve());
    let kept = |stamp: &str| aside(stamp).exists();
    // Every copy of the last 30 days stays, though there are more than 3.
    for stamp in recent {
        assert!(kept(stamp), "{stamp} is younger than 30 days");
    }
    // The newest copy holding work (set aside at the first of the restores
    // in a row) stays, whatever its age; the older ones go, logs with them.
    assert!(kept(old[1]), "the work before the restores in a row stays");
    for stamp in [old[0], old[2], old[3], "20260801-120000"] {
        assert!(!kept(stamp), "{stamp} goes");
        assert!(!std::path::Path::new(&format!("{}-wal", aside(stamp).display())).exists());
    }
    assert!(
        kept("someday"),
        "a copy that cannot be dated is never removed"
    );
    assert!(!stopped.exists(), "a half-written copy goes");
    assert!(other.exists(), "another database's copies stay");
    assert_eq!(removed.len(), 5, "{removed:?}");

    // Without young ones, the newest three stay (the floor), whatever
    // their age; and after a year, still the one holding work.
    let removed = backup::prune_as_of(&db, new_years_eve() + Days::new(365));
    assert!(removed.len() == 1 && !kept(recent[0]), "{removed:?}");
    for stamp in [recent[1], recent[2], recent[3], old[1]] {
        assert!(kept(stamp), "{stamp} stays");
    }
    assert_eq!(
        (backup::SET_ASIDE_KEPT, backup::SET_ASIDE_KEPT_DAYS),
        (3, 30)
    );
    Ok(())
}

/// A name no backup holds: work done after the backup, then four restores
/// in a row.
const WORK_NO_BACKUP_HOLDS: &str = "Work No Backup Holds";

/// The clients called `name` in the database file at `path`, read without
/// changing it.
async fn clients_named(
    path: &std::path::Path,
    name: &str,
) -> Result<i64, Box<dyn std::error::Error>> {
    let db = sea_orm::Database::connect(format!("sqlite://{}?mode=ro", path.display())).await?;
    let found = db
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT COUNT(*) FROM clients WHERE name = ?",
            [name.into()],
        ))
        .await?
        .ok_or("no count")?
        .try_get_by_index::<i64>(0)?;
    db.close().await?;
    Ok(found)
}

/// The set-aside copies beside the database (not their log files).
fn set_aside_copies(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut copies: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.contains(".before-restore-")
                && !name.ends_with("-wal")
                && !name.ends_with("-shm")
                && !name.ends_with(".part")
        })
        .collect();
    copies.sort();
    copies
}

/// The set-aside copies named as holding a restored backup, unchanged.
fn unchanged_copies(dir: &std::path::Path) -> usize {
    set_aside_copies(dir)
        .iter()
        .filter(|p| p.to_string_lossy().ends_with("-unchanged-since-restore"))
        .count()
}

/// How many set-aside copies hold a client called `name`.
async fn copies_holding(
    dir: &std::path::Path,
    name: &str,
) -> Result<usize, Box<dyn std::error::Error>> {
    let mut holding = 0;
    for copy in set_aside_copies(dir) {
        if clients_named(&copy, name).await? > 0 {
            holding += 1;
        }
    }
    Ok(holding)
}

/// A demo database with a backup, then work the backup does not hold.
async fn backup_then_work(
    dir: &std::path::Path,
) -> Result<(std::path::PathBuf, std::path::PathBuf), Box<dyn std::error::Error>> {
    let path = demo_file(dir).await?;
    let db = db::open(&path).await?;
    let file = dir.join("backups").join("before-the-work.db");
    backup::back_up(&db, &file).await?;
    db.execute_unprepared(&format!(
        "UPDATE clients SET name = '{WORK_NO_BACKUP_HOLDS}' WHERE id = (SELECT MIN(id) FROM clients)"
    ))
    .await?;
    db.close().await?;
    assert_eq!(clients_named(&path, WORK_NO_BACKUP_HOLDS).await?, 1);
    Ok((path, file))
}

#[tokio::test]
async fn four_restores_in_a_row_keep_the_data_live_before_the_first() -> R {
    let dir = tempfile::tempdir()?;
    let (path, file) = backup_then_work(dir.path()).await?;
    for _ in 0..5 {
        backup::restore(&file, &path).await?;
    }
    assert_eq!(clients_named(&path, WORK_NO_BACKUP_HOLDS).await?, 0);
    assert_eq!(set_aside_copies(dir.path()).len(), 5);
    assert_eq!(
        copies_holding(dir.path(), WORK_NO_BACKUP_HOLDS).await?,
        1,
        "the work done before the first restore is still in a set-aside copy: {:?}",
        set_aside_copies(dir.path())
    );
    // The four after it held the backup just restored, and say so.
    assert_eq!(unchanged_copies(dir.path()), 4);
    Ok(())
}

#[tokio::test]
async fn four_restores_in_a_row_inside_the_app_keep_the_data_live_before_the_first() -> R {
    let dir = tempfile::tempdir()?;
    let (path, file) = backup_then_work(dir.path()).await?;
    let db = db::open(&path).await?;
    let manager = parc_core::Actor::manager(1, "Mia");
    let monitor = backup::BackupMonitor::default();
    for _ in 0..5 {
        backup::restore_into_open(&db, &manager, &path, &file, &monitor).await?;
    }
    assert!(count(&db, "clients").await? > 0);
    db.close().await?;
    assert_eq!(clients_named(&path, WORK_NO_BACKUP_HOLDS).await?, 0);
    assert_eq!(
        copies_holding(dir.path(), WORK_NO_BACKUP_HOLDS).await?,
        1,
        "the work done before the first restore is still in a set-aside copy: {:?}",
        set_aside_copies(dir.path())
    );
    // The four after it held the backup just restored, and say so.
    assert_eq!(unchanged_copies(dir.path()), 4);
    Ok(())
}

/// Signs a demo portal contact in and remembers the demo manager's login,
/// then backs up: the backup holds the session and the token.
async fn backup_with_live_sessions(
    dir: &std::path::Path,
) -> Result<(std::path::PathBuf, std::path::PathBuf, String, String), Box<dyn std::error::Error>> {
    let path = dir.join("parc.db");
    let db = db::open(&path).await?;
    let accounts = demo::fill(&db).await?;
    let contact = accounts
        .iter()
        .find(|a| a.role == "portal")
        .ok_or("no portal contact")?;
    let manager = accounts
        .iter()
        .find(|a| a.role == "manager")
        .ok_or("no manager")?;
    let opened = parc_core::portal::sessions::sign_in(&db, &contact.email, &contact.password, None)
        .await?
        .and_then(parc_core::portal::sessions::SignInStep::opened)
        .ok_or("the contact cannot sign in")?;
    let session = parc_core::auth::login(&db, &manager.email, &manager.password).await?;
    let token = parc_core::auth::remember(&db, &session).await?;
    let now = chrono::Utc::now();
    assert!(
        parc_core::portal::sessions::resume(&db, &opened.session_id, now)
            .await?
            .is_some()
    );
    assert!(parc_core::auth::login_with_token(&db, &token)
        .await?
        .is_some());
    let file = dir.join("with-sessions.db");
    backup::back_up(&db, &file).await?;
    db.close().await?;
    Ok((path, file, opened.session_id, token))
}

/// Neither the portal session nor the remembered login resumes.
async fn nobody_resumes(db: &sea_orm::DatabaseConnection, session_id: &str, token: &str) -> R {
    let now = chrono::Utc::now();
    assert_eq!(
        parc_core::portal::sessions::resume(db, session_id, now).await?,
        None,
        "the portal session ended at the restore"
    );
    assert_eq!(
        parc_core::auth::login_with_token(db, token).await?,
        None,
        "the remembered login ended at the restore"
    );
    Ok(())
}

#[tokio::test]
async fn a_restore_ends_the_backups_portal_sessions_and_remembered_logins() -> R {
    let dir = tempfile::tempdir()?;
    let (path, file, session_id, token) = backup_with_live_sessions(dir.path()).await?;
    backup::restore(&file, &path).await?;
    let db = db::open(&path).await?;
    nobody_resumes(&db, &session_id, &token).await?;
    assert!(count(&db, "clients").await? > 0, "the data came back");
    Ok(())
}

#[tokio::test]
async fn a_restore_inside_the_app_ends_the_backups_portal_sessions_and_remembered_logins() -> R {
    let dir = tempfile::tempdir()?;
    let (path, file, session_id, token) = backup_with_live_sessions(dir.path()).await?;
    let db = db::open(&path).await?;
    let manager = parc_core::Actor::manager(1, "Mia");
    let monitor = backup::BackupMonitor::default();
    backup::restore_into_open(&db, &manager, &path, &file, &monitor).await?;
    nobody_resumes(&db, &session_id, &token).await?;
    assert!(count(&db, "clients").await? > 0, "the data came back");
    Ok(())
}

/// The company a database (or a backup of it) belongs to.
async fn company_of(path: &std::path::Path) -> Result<String, Box<dyn std::error::Error>> {
    let db = sea_orm::Database::connect(format!("sqlite://{}?mode=ro", path.display())).await?;
    let name = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT value FROM settings WHERE key = 'company.name'",
        ))
        .await?
        .ok_or("no company")?
        .try_get_by_index::<String>(0)?;
    db.close().await?;
    Ok(name)
}

#[tokio::test]
async fn two_databases_back_up_daily_into_one_folder_and_keep_each_others_files() -> R {
    let dir = tempfile::tempdir()?;
    let folder = dir.path().join("shared-backups");
    std::fs::create_dir_all(&folder)?;
    // Daily backups named as before each database had its own names.
    let old_style = ["parc-2026-09-01.db", "parc-2026-09-02.db"];
    for name in old_style {
        std::fs::write(folder.join(name), "an older Parc's backup")?;
    }
    let mut databases = Vec::new();
    for company in ["Alpha SARL", "Beta SAS"] {
        let path = dir.path().join(format!("{}.db", &company[..4]));
        let db = db::open(&path).await?;
        db.execute_unprepared(&format!(
            "INSERT INTO settings (key, value) VALUES ('company.name', '{company}')"
        ))
        .await?;
        databases.push(db);
    }
    let monitor = backup::BackupMonitor::default();
    let first = NaiveDate::from_ymd_opt(2026, 11, 1).ok_or("date")?;
    let days: Vec<NaiveDate> = (0..20).map(|n| first + Days::new(n)).collect();
    for day in &days {
        for db in &databases {
            assert!(
                backup::daily(db, &folder, *day, &monitor).await?.is_some(),
                "each database makes its backup of {day}"
            );
        }
    }
    let names: Vec<String> = std::fs::read_dir(&folder)?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    // The last seven days: one backup of each database, each its own.
    for day in &days[days.len() - 7..] {
        let mut companies = Vec::new();
        for name in names.iter().filter(|n| n.contains(&day.to_string())) {
            companies.push(company_of(&folder.join(name)).await?);
        }
        companies.sort();
        assert_eq!(companies, ["Alpha SARL", "Beta SAS"], "{day}: {names:?}");
    }
    // Rotation kept as many of each, and left the old names alone.
    let mut per_company = std::collections::BTreeMap::<String, usize>::new();
    for name in names.iter().filter(|n| !old_style.contains(&n.as_str())) {
        *per_company
            .entry(company_of(&folder.join(name)).await?)
            .or_default() += 1;
    }
    assert_eq!(per_company.len(), 2, "{names:?}");
    assert!(
        per_company
            .values()
            .all(|kept| *kept > backup::DAILY_KEPT
                && *kept <= backup::DAILY_KEPT + backup::WEEKLY_KEPT),
        "{per_company:?}"
    );
    for name in old_style {
        assert!(folder.join(name).exists(), "{name} is left alone");
    }
    Ok(())
}

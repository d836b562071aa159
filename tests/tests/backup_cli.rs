//! `parc backup` and `parc restore` on a demo database: the backup restored
//! in a new place exports the same equipment, invoices and licences; a
//! second backup to the same file and a restore of a file that is no
//! backup are refused with a message, and leave everything as it was.
//! Five restores in a row still keep, in a file set aside, the work done
//! before the first; a restore ends the portal sessions and remembered
//! logins the backup holds.

use parc_tests::TestResult;
use sea_orm::ConnectionTrait;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn parc(db: &Path, args: &[&str]) -> TestResult<Output> {
    let bin = std::env::var("PARC_BIN").map_err(|_| "PARC_BIN is not set")?;
    Ok(Command::new(bin).arg("--db").arg(db).args(args).output()?)
}

fn ok(output: Output) -> TestResult<Output> {
    if output.status.success() {
        Ok(output)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned().into())
    }
}

/// What the exports of a database say, to compare two.
fn exports(db: &Path) -> TestResult<Vec<String>> {
    let mut all = Vec::new();
    for what in [
        &["export", "equipment"][..],
        &["export", "licences"],
        &["export", "invoices"],
    ] {
        all.push(String::from_utf8(ok(parc(db, what)?)?.stdout)?);
    }
    Ok(all)
}

#[test]
fn a_backup_restored_elsewhere_exports_the_same() -> TestResult {
    let home = tempfile::tempdir()?;
    let db = home.path().join("demo.db");
    ok(parc(&db, &["demo"])?)?;
    let file = home.path().join("backups").join("demo-backup.db");
    let file_arg = file.display().to_string();
    let written = ok(parc(&db, &["backup", "--out", &file_arg])?)?;
    let said = String::from_utf8(written.stderr)?;
    assert!(said.contains("integrity ok"), "{said}");

    let again = parc(&db, &["backup", "--out", &file_arg])?;
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    let elsewhere = home.path().join("restored.db");
    let restored = ok(parc(&elsewhere, &["restore", &file_arg])?)?;
    assert!(String::from_utf8(restored.stderr)?.contains("restored into"));
    let original = exports(&db)?;
    assert!(original[0].lines().count() > 10, "{}", original[0]);
    assert_eq!(exports(&elsewhere)?, original);

    // A file that is no backup: refused, the database left as it was.
    let junk = home.path().join("junk.db");
    std::fs::write(&junk, "not a database")?;
    let refused = parc(&elsewhere, &["restore", &junk.display().to_string()])?;
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("junk.db"));
    assert_eq!(exports(&elsewhere)?, original);
    Ok(())
}

/// A plain connection to the SQLite file at `path` (no migrations run).
async fn plain(path: &Path, mode: &str) -> TestResult<sea_orm::DatabaseConnection> {
    Ok(sea_orm::Database::connect(format!("sqlite://{}?mode={mode}", path.display())).await?)
}

/// The clients called `name` in the database file at `path`.
async fn clients_named(path: &Path, name: &str) -> TestResult<i64> {
    let db = plain(path, "ro").await?;
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

/// The copies `parc restore` set aside beside `db` (not their logs).
fn set_aside(db: &Path) -> TestResult<Vec<PathBuf>> {
    let folder = db.parent().ok_or("no folder")?;
    let mut copies: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.contains(".before-restore-") && !name.ends_with("-wal") && !name.ends_with("-shm")
        })
        .collect();
    copies.sort();
    Ok(copies)
}

#[tokio::test]
async fn five_restores_in_a_row_keep_the_work_done_before_the_first() -> TestResult {
    let home = tempfile::tempdir()?;
    let db = home.path().join("parc.db");
    ok(parc(&db, &["demo"])?)?;
    let file = home.path().join("backup.db");
    let file_arg = file.display().to_string();
    ok(parc(&db, &["backup", "--out", &file_arg])?)?;
    // Work no backup holds.
    let work = "Work Before The Restores";
    {
        let live = plain(&db, "rw").await?;
        live.execute_unprepared(&format!(
            "UPDATE clients SET name = '{work}' WHERE id = (SELECT MIN(id) FROM clients)"
        ))
        .await?;
        live.close().await?;
    }
    for _ in 0..5 {
        ok(parc(&db, &["restore", &file_arg])?)?;
    }
    assert_eq!(clients_named(&db, work).await?, 0, "the backup is back");
    let copies = set_aside(&db)?;
    assert_eq!(copies.len(), 5, "{copies:?}");
    let mut holding = Vec::new();
    for copy in &copies {
        if clients_named(copy, work).await? > 0 {
            holding.push(copy.clone());
        }
    }
    assert_eq!(holding.len(), 1, "the work is still set aside: {copies:?}");
    Ok(())
}

#[tokio::test]
async fn a_restore_ends_the_portal_sessions_and_remembered_logins_of_the_backup() -> TestResult {
    let home = tempfile::tempdir()?;
    let db = home.path().join("parc.db");
    let demo = String::from_utf8(ok(parc(&db, &["demo"])?)?.stdout)?;
    let login = |role: &str| -> TestResult<(String, String)> {
        let line = demo
            .lines()
            .find(|l| l.starts_with(&format!("login: {role} ")))
            .ok_or_else(|| format!("no {role} in {demo}"))?;
        let words: Vec<&str> = line.split_whitespace().collect();
        Ok((words[2].to_owned(), words[3].to_owned()))
    };
    let (contact, contact_password) = login("portal")?;
    let (manager, manager_password) = login("manager")?;
    let (session_id, token) = {
        let live = plain(&db, "rw").await?;
        let opened = parc_core::portal::sessions::sign_in(&live, &contact, &contact_password, None)
            .await?
            .and_then(parc_core::portal::sessions::SignInStep::opened)
            .ok_or("the contact cannot sign in")?;
        let session = parc_core::auth::login(&live, &manager, &manager_password).await?;
        let token = parc_core::auth::remember(&live, &session).await?;
        live.close().await?;
        (opened.session_id, token)
    };
    let file = home.path().join("with-sessions.db");
    let file_arg = file.display().to_string();
    ok(parc(&db, &["backup", "--out", &file_arg])?)?;
    ok(parc(&db, &["restore", &file_arg])?)?;

    let restored = plain(&db, "rw").await?;
    let now = chrono::Utc::now();
    assert_eq!(
        parc_core::portal::sessions::resume(&restored, &session_id, now).await?,
        None,
        "the portal session does not resume"
    );
    assert_eq!(
        parc_core::auth::login_with_token(&restored, &token).await?,
        None,
        "the remembered login does not resume"
    );
    restored.close().await?;
    Ok(())
}

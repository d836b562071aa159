//! `parc backup` and `parc restore` on a demo database: the backup restored
//! in a new place exports the same equipment, invoices and licences; a
//! second backup to the same file and a restore of a file that is no
//! backup are refused with a message, and leave everything as it was.

use parc_tests::TestResult;
use std::path::Path;
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

//! End-to-end: Settings → Backups in the real desktop app, on the demo. A
//! folder that is no full path is refused beside the field; a chosen folder
//! is kept; "Back up now" writes a checked backup there and lists it; that
//! file, restored elsewhere with `parc restore`, exports the same equipment
//! as the app's database. Restoring from inside the app, after a
//! confirmation, takes the data back to the backup's, keeps what was there
//! aside, and asks everyone to log in again; a file that is no backup is
//! refused beside its field with nothing changed.

use parc_tests::{
    account, click, demo_desktop, find, log_in, screenshot, scroll_to, type_into, wait_text,
    TestResult, ONE_AT_A_TIME,
};
use sea_orm::ConnectionTrait;
use std::process::Command;

/// The clients of the database at `db` called `name`, read by Parc's core.
async fn clients_named(db: &std::path::Path, name: &str) -> TestResult<i64> {
    let db = parc_core::db::open(db).await?;
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

fn export_equipment(db: &std::path::Path) -> TestResult<String> {
    let out = Command::new(std::env::var("PARC_BIN")?)
        .arg("--db")
        .arg(db)
        .args(["export", "equipment"])
        .output()?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

#[tokio::test(flavor = "multi_thread")]
async fn manager_chooses_the_folder_and_backs_up_now() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;

    click(&app, "#nav-settings").await?;
    scroll_to(&app, "#backup-form").await?;
    // Beside the database by default.
    let folder = find(&app, "#backup-form #field-folder")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert!(folder.ends_with("/backups"), "{folder}");

    type_into(&app, "#backup-form #field-folder", "backups").await?;
    click(&app, "#backup-save").await?;
    // The field says it is wrong; its hint says a full path is needed.
    wait_text(&app, "[data-error-for='folder']", "Wrong format").await?;

    let chosen = desktop.home().join("offsite").join("parc");
    type_into(
        &app,
        "#backup-form #field-folder",
        &chosen.display().to_string(),
    )
    .await?;
    click(&app, "#backup-save").await?;
    wait_text(&app, ".toast", "Saved").await?;
    assert!(chosen.is_dir(), "the folder is made");

    click(&app, "#backup-now").await?;
    let toast = wait_text(&app, ".toast", "Backup written").await?;
    let path = toast
        .split_whitespace()
        .find(|w| w.ends_with(".db"))
        .ok_or_else(|| format!("no file in {toast:?}"))?;
    let file = std::path::PathBuf::from(path);
    assert_eq!(file.parent(), Some(chosen.as_path()));
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("no name")?
        .to_owned();
    wait_text(&app, "#backups-table", &name).await?;
    screenshot(&app, "settings-backups").await?;

    // Restored elsewhere, it holds what the app's database holds.
    let elsewhere = desktop.home().join("restored.db");
    let restored = Command::new(std::env::var("PARC_BIN")?)
        .arg("--db")
        .arg(&elsewhere)
        .arg("restore")
        .arg(&file)
        .output()?;
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    assert_eq!(
        export_equipment(&elsewhere)?,
        export_equipment(&desktop.db_path)?
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn manager_restores_a_backup_inside_the_app() -> TestResult {
    let _turn = ONE_AT_A_TIME.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;

    click(&app, "#nav-settings").await?;
    scroll_to(&app, "#backup-form").await?;
    click(&app, "#backup-now").await?;
    let toast = wait_text(&app, ".toast", "Backup written").await?;
    let name = toast
        .split_whitespace()
        .find(|w| w.ends_with(".db"))
        .and_then(|p| p.rsplit('/').next())
        .ok_or_else(|| format!("no file in {toast:?}"))?
        .to_owned();

    // Work entered after the backup.
    click(&app, "#nav-clients").await?;
    click(&app, "#new-client").await?;
    type_into(&app, "#client-form input[name=name]", "Après Coup SARL").await?;
    click(&app, "#client-save").await?;
    wait_text(&app, "#client-title", "Après Coup SARL").await?;

    // A file that is no backup: refused beside its field, nothing changes.
    click(&app, "#nav-settings").await?;
    scroll_to(&app, "#backup-form").await?;
    let text = desktop.home().join("notes.db");
    std::fs::write(&text, "not a database")?;
    type_into(&app, "#field-file", &text.display().to_string()).await?;
    click(&app, "#restore-other").await?;
    wait_text(&app, "#restore-confirm", "Replace all the data").await?;
    click(&app, "#restore-confirm-yes").await?;
    wait_text(&app, "[data-error-for='file']", "not a usable Parc backup").await?;
    assert_eq!(clients_named(&desktop.db_path, "Après Coup SARL").await?, 1);

    // The backup made above: asked first, then restored.
    let row = format!("#backups-table tr[data-name='{name}'] .restore-file");
    click(&app, &row).await?;
    wait_text(&app, "#restore-confirm", &name).await?;
    screenshot(&app, "settings-restore-confirm").await?;
    click(&app, "#restore-cancel").await?;
    click(&app, &row).await?;
    click(&app, "#restore-confirm-yes").await?;
    let done = wait_text(&app, ".toast", "Restored from").await?;
    // Everyone logs in again, on the backup's data.
    find(&app, "#login").await?;
    let aside = done
        .split_whitespace()
        .find(|w| w.contains(".before-restore-"))
        .ok_or_else(|| format!("no file kept aside in {done:?}"))?
        .to_owned();
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;
    type_into(&app, "#clients-search", "Après Coup").await?;
    wait_text(&app, ".empty", "Nothing matches").await?;
    assert_eq!(clients_named(&desktop.db_path, "Après Coup SARL").await?, 0);
    // What was there before is kept, whole.
    assert_eq!(
        clients_named(std::path::Path::new(&aside), "Après Coup SARL").await?,
        1
    );
    Ok(())
}

//! End-to-end: Settings → Backups in the real desktop app, on the demo. A
//! folder that is no full path is refused beside the field; a chosen folder
//! is kept; "Back up now" writes a checked backup there and lists it; that
//! file, restored elsewhere with `parc restore`, exports the same equipment
//! as the app's database.

use parc_tests::{
    account, click, demo_desktop, find, log_in, screenshot, scroll_to, type_into, wait_text,
    TestResult, ONE_AT_A_TIME,
};
use std::process::Command;

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

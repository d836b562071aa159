//! Settings → Backups: doors onto `parc_core::backup`.

use crate::state::{ipc, App};
use parc_api::backup::{BackupProgress, BackupSettings, BackupStatus, BackupWritten, RestoreDone};
use parc_api::IpcError;
use parc_core::backup;
use tauri::State;

#[tauri::command]
pub async fn get_backups(app: State<'_, App>) -> Result<BackupStatus, IpcError> {
    app.actor()?;
    let settings = backup::settings(&app.db, &app.default_backup_folder())
        .await
        .map_err(ipc)?;
    let files = backup::list(std::path::Path::new(&settings.folder));
    Ok(BackupStatus { settings, files })
}

#[tauri::command]
pub async fn save_backup_settings(
    app: State<'_, App>,
    input: BackupSettings,
) -> Result<(), IpcError> {
    backup::save_settings(&app.db, &app.actor()?, &input)
        .await
        .map(|_| ())
        .map_err(ipc)
}

#[tauri::command]
pub async fn back_up_now(app: State<'_, App>) -> Result<BackupWritten, IpcError> {
    let actor = app.actor()?;
    let settings = backup::settings(&app.db, &app.default_backup_folder())
        .await
        .map_err(ipc)?;
    backup::back_up_now(
        &app.db,
        &actor,
        std::path::Path::new(&settings.folder),
        &app.backups,
    )
    .await
    .map_err(ipc)
}

/// Where the running backup or restore is, for the progress bar.
#[tauri::command]
pub async fn get_backup_progress(app: State<'_, App>) -> Result<Option<BackupProgress>, IpcError> {
    app.actor()?;
    Ok(app.backups.current())
}

/// Restores a backup into the open database, then ends the session: the
/// restored users and their rights are the ones that count now.
#[tauri::command]
pub async fn restore_backup(app: State<'_, App>, file: String) -> Result<RestoreDone, IpcError> {
    let actor = app.actor()?;
    let done = backup::restore_into_open(
        &app.db,
        &actor,
        &app.db_path,
        std::path::Path::new(file.trim()),
        &app.backups,
    )
    .await
    .map_err(ipc)?;
    app.set_session(None);
    let _ = app.keychain.clear().await;
    Ok(done)
}

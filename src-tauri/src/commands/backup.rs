//! Settings → Backups: doors onto `parc_core::backup`.

use crate::state::{ipc, App};
use parc_api::backup::{BackupSettings, BackupStatus, BackupWritten};
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
    backup::back_up_now(&app.db, &actor, std::path::Path::new(&settings.folder))
        .await
        .map_err(ipc)
}

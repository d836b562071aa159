//! Settings → Backups: doors onto `parc_core::backup`.

use super::door::{Ctx, Door};
use crate::state::ipc;
use parc_api::backup::{BackupProgress, BackupSettings, BackupStatus, BackupWritten, RestoreDone};
use parc_api::commands;
use parc_api::IpcError;
use parc_core::backup;

impl Door for commands::GetBackups {
    async fn run(app: Ctx<'_>, _: ()) -> Result<BackupStatus, IpcError> {
        app.actor()?;
        let settings = backup::settings(&app.db, &app.default_backup_folder())
            .await
            .map_err(ipc)?;
        let files = backup::list(std::path::Path::new(&settings.folder));
        Ok(BackupStatus { settings, files })
    }
}

impl Door for commands::SaveBackupSettings {
    async fn run(app: Ctx<'_>, input: BackupSettings) -> Result<(), IpcError> {
        backup::save_settings(&app.db, &app.actor()?, &input)
            .await
            .map(|_| ())
            .map_err(ipc)
    }
}

impl Door for commands::BackUpNow {
    async fn run(app: Ctx<'_>, _: ()) -> Result<BackupWritten, IpcError> {
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
}

/// Where the running backup or restore is, for the progress bar.
impl Door for commands::GetBackupProgress {
    async fn run(app: Ctx<'_>, _: ()) -> Result<Option<BackupProgress>, IpcError> {
        app.actor()?;
        Ok(app.backups.current())
    }
}

/// Restores a backup into the open database, then ends the session: the
/// restored users and their rights are the ones that count now.
impl Door for commands::RestoreBackup {
    async fn run(app: Ctx<'_>, file: String) -> Result<RestoreDone, IpcError> {
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
}

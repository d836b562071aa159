//! Backups as the Settings page shows them: where they go, whether the app
//! makes the day's backup on its own, and the files already there.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSettings {
    /// An absolute folder; the default is `backups` beside the database.
    pub folder: String,
    /// The day's backup made while the app runs, the folder rotated.
    pub daily: bool,
}

/// A backup file in the folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupFile {
    pub name: String,
    pub path: String,
    pub bytes: u64,
    /// One of the daily, rotated ones (else made by hand, kept).
    pub daily: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupStatus {
    pub settings: BackupSettings,
    /// Newest first.
    pub files: Vec<BackupFile>,
}

/// A backup just written and checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupWritten {
    pub path: String,
    pub tables: u64,
    pub rows: u64,
    pub bytes: u64,
}

/// The steps of a backup or a restore, in the order they happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BackupStage {
    /// SQLite writes the copy (`done`/`total` in bytes, estimated).
    Copying,
    /// The copy is read back by `PRAGMA integrity_check`.
    Checking,
    /// The backup chosen for a restore is checked and brought to this
    /// release's schema, on a copy.
    Preparing,
    /// The current database is backed up before it is replaced.
    SettingAside,
    /// The backup's pages go into the open database (`done`/`total` in pages).
    Restoring,
}

/// Where a running backup or restore is, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupProgress {
    pub stage: BackupStage,
    pub done: u64,
    pub total: u64,
}

impl BackupProgress {
    /// Done so far, 0 to 100 (a stage without a measure counts as 0).
    pub fn percent(&self) -> u8 {
        if self.total == 0 {
            return 0;
        }
        (self.done.min(self.total) * 100 / self.total) as u8
    }
}

/// A restore made inside the app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreDone {
    /// The backup restored.
    pub file: String,
    /// Where the database as it was before is kept.
    pub kept_aside: String,
    pub tables: u64,
    pub rows: u64,
}

/// The copies a restore keeps of the data it replaces: every one set aside
/// in the last `SET_ASIDE_KEPT_DAYS` days, at least the `SET_ASIDE_KEPT`
/// newest, and the newest one holding work done since a restore, whatever
/// its age. The core prunes by them; Settings → Backups states them.
pub const SET_ASIDE_KEPT_DAYS: u32 = 30;
pub const SET_ASIDE_KEPT: usize = 3;

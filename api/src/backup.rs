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

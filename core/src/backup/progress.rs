//! One backup or restore at a time per database, and where it is.
//!
//! The app's "Back up now", its restore and its daily backup share one
//! `BackupMonitor`: a second job is refused while one runs (a restore
//! racing the daily backup would back up half-replaced pages), and the
//! Settings page polls `current()` for its progress bar.
//!
//! A backup's progress is its `.part` file's size against the database's used
//! pages; the page asks for it also when it opens on a job already running.

use crate::error::{CoreError, CoreResult};
use parc_api::backup::{BackupProgress, BackupStage};
use std::sync::{Arc, Mutex, PoisonError};

/// Shared by every clone: the job running, if any, and its progress.
#[derive(Clone, Default)]
pub struct BackupMonitor {
    running: Arc<Mutex<Option<BackupProgress>>>,
}

impl BackupMonitor {
    /// Starts a job, or says that one is running.
    pub fn start(&self, stage: BackupStage) -> CoreResult<BackupJob> {
        let mut running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        if running.is_some() {
            return Err(CoreError::Conflict(
                parc_api::problem::Problem::BackupAlreadyRunning,
            ));
        }
        *running = Some(BackupProgress {
            stage,
            done: 0,
            total: 0,
        });
        Ok(BackupJob {
            running: self.running.clone(),
        })
    }

    /// The running job's progress, if a job runs.
    pub fn current(&self) -> Option<BackupProgress> {
        *self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running job; reports its progress, and ends when dropped (whether it
/// succeeded, failed or was cancelled).
pub struct BackupJob {
    running: Arc<Mutex<Option<BackupProgress>>>,
}

impl BackupJob {
    pub fn report(&self, stage: BackupStage, done: u64, total: u64) {
        *self.running.lock().unwrap_or_else(PoisonError::into_inner) =
            Some(BackupProgress { stage, done, total });
    }

    /// A reporter that can move to another thread (the page copy runs on
    /// a blocking thread).
    pub fn reporter(&self) -> impl Fn(BackupStage, u64, u64) + Send + 'static {
        let running = self.running.clone();
        move |stage, done, total| {
            *running.lock().unwrap_or_else(PoisonError::into_inner) =
                Some(BackupProgress { stage, done, total });
        }
    }
}

impl Drop for BackupJob {
    fn drop(&mut self) {
        *self.running.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_job_at_a_time_and_the_monitor_follows_it() {
        let monitor = BackupMonitor::default();
        assert_eq!(monitor.current(), None);
        let job = monitor.start(BackupStage::Copying).unwrap();
        assert!(monitor.start(BackupStage::Restoring).is_err());
        job.report(BackupStage::Restoring, 3, 4);
        assert_eq!(monitor.current().map(|p| p.percent()), Some(75));
        drop(job);
        assert_eq!(monitor.current(), None);
        assert!(monitor.start(BackupStage::Copying).is_ok());
    }
}

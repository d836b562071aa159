//! Work the desktop app does on its own while it runs, at start-up and then
//! once a day (checked hourly, so a machine that slept through midnight
//! catches up when it wakes): the invoice run, then preventive planning
//! over the default horizon; the day's backup. It runs as the system and never blocks the
//! window; the invoice run's progress goes to the same event as a run
//! started from the screen, and a failure is logged, never fatal.

use chrono::NaiveDate;
use parc_api::alerts::{ALERTS_CHANGED_EVENT, OPEN_ALERT_EVENT};
use parc_api::invoices::RUN_PROGRESS_EVENT;
use parc_core::desk::planning;
use parc_core::{invoices, Actor, DatabaseConnection};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};

const CHECK_EVERY: Duration = Duration::from_secs(3600);
/// How often the alert scan runs while the app is open.
const SCAN_EVERY: Duration = Duration::from_secs(300);
/// Tries of one scan round, and the pause between them.
const SCAN_ATTEMPTS: u32 = 5;
const RETRY_AFTER: Duration = Duration::from_secs(3);

/// The alert scan, at start-up and every five minutes, off the window's
/// thread, then the desktop told of what is new (one summary when many
/// fire together); a failure is logged, never fatal.
pub fn start_alert_scans(handle: AppHandle, db: DatabaseConnection) {
    tauri::async_runtime::spawn(async move {
        loop {
            let day = parc_core::clock::today();
            // The scan is safe to run again: a round that met another
            // writer ("database is locked") is tried again shortly.
            for attempt in 1..=SCAN_ATTEMPTS {
                match scan_and_notify(&handle, &db, day).await {
                    Ok(()) => break,
                    Err(error) if attempt < SCAN_ATTEMPTS => {
                        eprintln!("parc: the alert scan of {day} will be tried again: {error}");
                        tokio::time::sleep(RETRY_AFTER).await;
                    }
                    Err(error) => eprintln!("parc: the alert scan of {day} failed: {error}"),
                }
            }
            tokio::time::sleep(SCAN_EVERY).await;
        }
    });
}

async fn scan_and_notify(
    handle: &AppHandle,
    db: &DatabaseConnection,
    day: NaiveDate,
) -> Result<(), parc_core::CoreError> {
    let round = parc_core::alerts::cycle::run(db, day, true).await?;
    if let Some(problem) = round.mail_problem {
        eprintln!("parc: the alert e-mails of {day} were not queued: {problem}");
    }
    let _ = handle.emit(ALERTS_CHANGED_EVENT, ());
    let opener = handle.clone();
    parc_cli::notifier::show_all(round.notices, move |item| {
        if let Some(window) = opener.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.set_focus();
        }
        let _ = opener.emit(OPEN_ALERT_EVENT, item);
    });
    Ok(())
}

/// How often the outbox is looked at for mails due.
const SEND_EVERY: Duration = Duration::from_secs(30);

/// Sends the mails due, every half minute, off the window's thread, with
/// the SMTP password read from the keyring each round (a changed password
/// is used at once); a failure is in the mail's log, never fatal.
pub fn start_mail_sender(db: DatabaseConnection, keychain: parc_cli::keychain::Keychain) {
    tauri::async_runtime::spawn(async move {
        loop {
            let now = chrono::Utc::now();
            match send_due(&db, &keychain, now).await {
                Ok(done) if done.failed > 0 => eprintln!(
                    "parc: {} mails sent, {} failed (see Settings → E-mail)",
                    done.sent, done.failed
                ),
                Ok(_) => {}
                Err(error) => eprintln!("parc: sending mail failed: {error}"),
            }
            tokio::time::sleep(SEND_EVERY).await;
        }
    });
}

/// Sends what is due; the keyring is read only when something is.
async fn send_due(
    db: &DatabaseConnection,
    keychain: &parc_cli::keychain::Keychain,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<parc_core::mail::send::Delivery, parc_core::CoreError> {
    if !parc_core::mail::outbox::anything_due(db, now).await? {
        return Ok(Default::default());
    }
    let password = crate::mail_settings::password(keychain).await;
    parc_core::mail::send::deliver_due(db, password.as_deref(), now).await
}

pub fn start_daily_work(handle: AppHandle, db: DatabaseConnection) {
    tauri::async_runtime::spawn(async move {
        let mut last_run: Option<NaiveDate> = None;
        loop {
            let day = parc_core::clock::today();
            if last_run != Some(day) {
                let events = handle.clone();
                let progress = move |p| {
                    let _ = events.emit(RUN_PROGRESS_EVENT, p);
                };
                match invoices::run::run(&db, &Actor::System, day, progress).await {
                    Ok(summary) => {
                        last_run = Some(day);
                        if summary.invoice_count > 0 {
                            eprintln!(
                                "parc: invoice run of {day}: {} invoices for {} contracts",
                                summary.invoice_count, summary.contract_count
                            );
                        }
                    }
                    Err(error) => eprintln!("parc: the invoice run of {day} failed: {error}"),
                }
                match planning::plan(&db, &Actor::System, day, planning::DEFAULT_HORIZON_DAYS).await
                {
                    Ok(summary) if summary.created > 0 => eprintln!(
                        "parc: {} preventive interventions planned from {day}",
                        summary.created
                    ),
                    Ok(_) => {}
                    Err(error) => eprintln!("parc: preventive planning of {day} failed: {error}"),
                }
            }
            // Hourly: the portal's ended sessions and spent links deleted.
            let now = chrono::Utc::now();
            if let Err(error) = parc_core::portal::sessions::purge_expired(&db, now).await {
                eprintln!("parc: purging the portal's ended sessions failed: {error}");
            }
            tokio::time::sleep(CHECK_EVERY).await;
        }
    });
}

/// Starts the client portal with the app when its settings say so.
pub fn start_portal(handle: AppHandle, db: DatabaseConnection) {
    tauri::async_runtime::spawn(async move {
        match parc_core::portal::settings::read(&db).await {
            Ok(settings) if settings.enabled => {
                let app = handle.state::<crate::state::App>();
                app.portal.apply(&db, &app.keychain, &settings).await;
            }
            Ok(_) => {}
            Err(error) => eprintln!("parc: cannot read the portal's settings: {error}"),
        }
    });
}

/// The first daily backup waits this long after start-up (a start is
/// busy enough; a backup of a large database reads all of it).
const FIRST_BACKUP_AFTER: Duration = Duration::from_secs(600);

/// The day's backup into the chosen folder, while the app runs: ten
/// minutes after start-up, then checked hourly; the folder rotated after
/// each. Switched off in Settings → Backups; a failure is logged.
pub fn start_daily_backups(
    db: DatabaseConnection,
    db_path: std::path::PathBuf,
    monitor: parc_core::backup::BackupMonitor,
) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_BACKUP_AFTER).await;
        let default_folder = crate::state::default_backup_folder(&db_path);
        loop {
            let day = parc_core::clock::today();
            match parc_core::backup::settings(&db, &default_folder).await {
                Ok(settings) if settings.daily => {
                    let folder = std::path::PathBuf::from(&settings.folder);
                    match parc_core::backup::daily(&db, &folder, day, &monitor).await {
                        Ok(Some(written)) => eprintln!(
                            "parc: the backup of {day} is in {} ({} rows, checked)",
                            folder.display(),
                            written.rows
                        ),
                        Ok(None) => {}
                        Err(error) => eprintln!("parc: the backup of {day} failed: {error}"),
                    }
                }
                Ok(_) => {}
                Err(error) => eprintln!("parc: cannot read the backup settings: {error}"),
            }
            tokio::time::sleep(CHECK_EVERY).await;
        }
    });
}

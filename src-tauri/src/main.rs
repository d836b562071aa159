//! `parc`: the desktop app and its command line, one binary.
//!
//! Without a subcommand it opens the desktop window; subcommands are doors
//! over the same core services for scripts and administrators.

mod alerts_cli;
mod background;
mod backup_cli;
mod cli;
mod commands;
mod desk_cli;
mod inventory_cli;
mod invoicing_cli;
mod keychain;
mod licences_cli;
mod mail_settings;
mod notifier;
mod portal_cli;
mod portal_server;
mod report_cli;
mod state;

use clap::Parser;

/// mimalloc instead of the C library's allocator: rows are allocated on
/// SQLite's worker thread and freed on ours, which glibc's arenas handle
/// slowly (measured: CSV import and export of 100,000 rows; see README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("parc: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Opens the desktop window on an already opened database.
fn run_desktop(app_state: state::App) -> anyhow::Result<()> {
    let db = app_state.db.clone();
    let keychain = app_state.keychain.clone();
    let db_path = app_state.db_path.clone();
    let backups = app_state.backups.clone();
    tauri::Builder::default()
        .manage(app_state)
        .setup(move |app| {
            background::start_alert_scans(app.handle().clone(), db.clone());
            background::start_mail_sender(db.clone(), keychain);
            background::start_daily_work(app.handle().clone(), db.clone());
            background::start_daily_backups(db.clone(), db_path, backups);
            background::start_portal(app.handle().clone(), db);
            Ok(())
        })
        .invoke_handler(commands::access::guarded(all_commands!()))
        .run(tauri::generate_context!("../tauri.conf.json"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    /// Every command name the UI uses is registered with Tauri, and no other.
    #[test]
    fn registered_commands_match_the_api_list() {
        let source = include_str!("commands/mod.rs");
        let registered: Vec<&str> = source
            .lines()
            .filter_map(|line| line.trim().strip_prefix("$crate::commands::"))
            .filter_map(|path| path.trim_end_matches(',').rsplit("::").next())
            .collect();
        let mut expected: Vec<&str> = parc_api::commands::ALL.to_vec();
        let mut found = registered.clone();
        expected.sort_unstable();
        found.sort_unstable();
        assert_eq!(found, expected);
    }
}

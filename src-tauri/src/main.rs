//! `parc`: the desktop app and its command line, one binary.
//!
//! Without a subcommand it opens the desktop window; the subcommands are
//! `parc-cli`'s, doors over the same core services for scripts and
//! administrators. One binary for users.

mod background;
mod commands;
mod mail_settings;
mod renderer;
mod state;

use clap::Parser;

/// mimalloc instead of the C library's allocator: rows are allocated on
/// SQLite's worker thread and freed on ours, which glibc's arenas handle
/// slowly (measured: CSV import and export of 100,000 rows; see README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    avoid_web_process_crashes();
    // One runtime for the command line's work and the window's.
    tauri::async_runtime::set(parc_cli::runtime().handle().clone());
    let args = parc_cli::Cli::parse();
    match parc_cli::run(args, |db, path| run_desktop(state::App::new(db, path))) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("parc: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Two crashes of the web process of WebKitGTK 2.50 (Debian 12's), each
/// leaving the window blank in the middle of a session, avoided through
/// JavaScriptCore's options, which it reads from `JSC_*` variables in the web
/// process (it inherits ours; a value the user set is kept). Called first in
/// `main`, before any thread exists.
///
/// - A segfault in the in-place WebAssembly interpreter (IPInt) at its
///   opcode dispatch, seen in `dmesg` at the same address each time. WebKit
///   itself once turned IPInt off for crashes of this kind (WebKit bug
///   285535). The UI is WebAssembly, so the window runs on the older
///   LLInt-based interpreter, which then tiers up to the JIT as before.
/// - `GLib-ERROR: getauxval () failed: Interrupted system call`, an abort:
///   GLib 2.74 reads `errno` around `getauxval` when it checks for setuid
///   (as on each D-Bus bus lookup), and the signal JavaScriptCore sends to
///   suspend the main thread (for the concurrent collector to scan its
///   stack, or to fire a VM trap) returns with `errno` set to EINTR. With
///   the collector on the main thread and traps polled, no such signal is
///   sent.
fn avoid_web_process_crashes() {
    for (option, value) in [
        ("JSC_useWasmIPInt", "0"),
        ("JSC_useWasmLLInt", "1"),
        ("JSC_useConcurrentGC", "0"),
        ("JSC_usePollingTraps", "1"),
    ] {
        if std::env::var_os(option).is_none() {
            std::env::set_var(option, value);
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
            renderer::watch(app);
            background::start_alert_scans(app.handle().clone(), db.clone());
            background::start_mail_sender(db.clone(), keychain);
            background::start_daily_work(app.handle().clone(), db.clone());
            background::start_daily_backups(db.clone(), db_path, backups);
            background::start_portal(app.handle().clone(), db);
            Ok(())
        })
        .invoke_handler(commands::access::guarded())
        .run(tauri::generate_context!("../tauri.conf.json"))?;
    Ok(())
}

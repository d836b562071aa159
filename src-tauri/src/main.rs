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
    avoid_the_wasm_interpreter_crash();
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

/// The web process of WebKitGTK 2.50 (Debian 12's) crashes now and then in
/// JavaScriptCore's in-place WebAssembly interpreter (IPInt): a segfault at
/// its opcode dispatch, seen in `dmesg` at the same address each time, left
/// the window blank in the middle of a session. WebKit itself once turned
/// IPInt off for crashes of this kind (WebKit bug 285535). The UI is
/// WebAssembly, so the window runs on the older LLInt-based interpreter,
/// which then tiers up to the JIT as before. JavaScriptCore reads its options
/// from `JSC_*` variables in the web process, which inherits ours; a value
/// the user set is kept. Called first in `main`, before any thread exists.
fn avoid_the_wasm_interpreter_crash() {
    for (option, value) in [("JSC_useWasmIPInt", "0"), ("JSC_useWasmLLInt", "1")] {
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

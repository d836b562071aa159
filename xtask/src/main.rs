//! `cargo xtask run | test`: the two commands of the README.
//!
//! Both start by installing whatever a fresh Debian/Ubuntu machine lacks
//! (Debian packages, the wasm32 target, wasm-bindgen-cli at the version in
//! Cargo.lock, tauri-driver ^2), all from the package registries only, then
//! build the wasm UI and the desktop app. Build products go to a target
//! directory outside the clone (`$CARGO_TARGET_DIR`, by default
//! `~/.cache/parc/target`) so repeated runs and CI rebuild only what changed.

mod setup;
mod testing;

use std::path::PathBuf;
use std::process::{Command, ExitCode};

const USAGE: &str = "\
cargo xtask run [-- ARGS]   build the UI and the app, then run `parc ARGS`
cargo xtask test            set up, check formatting and lints, run every test
cargo xtask ui              build the wasm UI only (into ui/dist)
cargo xtask bench [ARGS]    run the criterion benchmarks on the generated large dataset
                            (ARGS go to criterion, e.g. `-- \"full-text\"`); prints p95 figures";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => testing::test(),
        Some("bench") => bench(&args[1..]),
        Some("ui") => setup::ensure(setup::Purpose::Run).and_then(|_| build_ui()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    setup::ensure(setup::Purpose::Run)?;
    build_ui()?;
    build_app()?;
    let args: Vec<&String> = args.iter().skip_while(|a| *a == "--").collect();
    let status = Command::new(app_binary())
        .args(args)
        .status()
        .map_err(|e| format!("cannot start parc: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("parc exited with {status}"))
    }
}

/// `cargo bench` of the core on the large generated dataset (made once and
/// cached beside the build products), with the machine's core count, since
/// the figures mean nothing without it.
fn bench(args: &[String]) -> Result<(), String> {
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    println!("xtask bench: {cores} cores");
    let mut cargo_args = vec![
        "bench",
        "-p",
        "parc-core",
        "--bench",
        "inventory",
        "--bench",
        "billing",
        "--bench",
        "desk",
        "--bench",
        "backup",
    ];
    let extra: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .skip_while(|a| *a == "--")
        .collect();
    if !extra.is_empty() {
        cargo_args.push("--");
        cargo_args.extend(extra);
    }
    let bench = |args: &[&str]| {
        let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        command
            .args(args)
            .current_dir(root())
            .env("CARGO_TARGET_DIR", target_dir())
            .env("PARC_BENCH_DIR", target_dir().join("bench-data"));
        run_checked(&mut command)
    };
    bench(&cargo_args)?;
    // The portal under load from wrk (a Debian package).
    setup::ensure_bench_tools()?;
    let mut load_args = vec!["bench", "-p", "parc-portal", "--bench", "load"];
    if cargo_args.contains(&"--") {
        load_args.extend(cargo_args.iter().skip_while(|a| **a != "--"));
    }
    bench(&load_args)
}

/// The workspace root (the parent of this crate's folder). Read from the
/// `CARGO_MANIFEST_DIR` that `cargo run` sets, not the one compiled in:
/// several clones share one target directory, and cargo may run a binary
/// built from another clone.
pub fn root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest_dir
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

/// Where cargo puts build products: kept outside the clone.
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| root().join("target"));
    cache.join("parc").join("target")
}

pub fn app_binary() -> PathBuf {
    target_dir().join("debug").join("parc")
}

/// Runs cargo with the shared target directory; fails on a non-zero exit.
pub fn cargo(args: &[&str]) -> Result<(), String> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .args(args)
        .current_dir(root())
        .env("CARGO_TARGET_DIR", target_dir());
    run_checked(&mut command)
}

pub fn run_checked(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let status = command
        .status()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed with {status}"))
    }
}

/// Builds the `parc` binary with the features of the whole workspace, so it
/// shares its dependencies' builds with clippy and the tests instead of
/// alternating feature sets and rebuilding sqlx and sea-orm every run.
pub fn build_app() -> Result<(), String> {
    cargo(&["build", "--workspace", "--bins"])
}

/// Builds the Yew UI to wasm and lays it out in `ui/dist` for Tauri to embed.
pub fn build_ui() -> Result<(), String> {
    cargo(&[
        "build",
        "-p",
        "parc-ui",
        "--target",
        "wasm32-unknown-unknown",
    ])?;
    let dist = root().join("ui").join("dist");
    std::fs::create_dir_all(&dist).map_err(|e| format!("cannot create {}: {e}", dist.display()))?;
    let wasm = target_dir()
        .join("wasm32-unknown-unknown")
        .join("debug")
        .join("parc_ui.wasm");
    run_checked(
        Command::new(setup::wasm_bindgen_path())
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(&dist)
            .arg(&wasm),
    )?;
    for file in ["index.html", "style.css"] {
        let from = root().join("ui").join(file);
        std::fs::copy(&from, dist.join(file))
            .map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
    }
    Ok(())
}

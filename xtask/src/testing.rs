//! `cargo xtask test`: formatting, lints, then every test of the workspace —
//! the end-to-end tests of the real desktop app included — under a private
//! X display (Xvfb), a private D-Bus session and an unlocked test keyring.
//! It ends with the failing tests' own output again (a CI log cut in the
//! middle still says why) and one summary line adding up every test
//! binary's results.

use crate::setup::{self, Purpose};
use crate::{app_binary, build_app, build_ui, cargo, root, target_dir};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn test() -> Result<(), String> {
    setup::ensure(Purpose::Test)?;
    cargo(&["fmt", "--all", "--", "--check"])
        .map_err(|_| "formatting: run `cargo fmt --all`".to_owned())?;
    // The app embeds ui/dist at compile time, so even linting it needs the UI built.
    build_ui()?;
    cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    cargo(&[
        "clippy",
        "-p",
        "parc-ui",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ])?;
    build_app()?;

    let display = Xvfb::start()?;
    let home = std::env::temp_dir().join(format!("parc-test-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).map_err(|e| format!("cannot create {}: {e}", home.display()))?;
    let result = run_tests(&display.name, &home);
    let _ = std::fs::remove_dir_all(&home);
    result
}

/// Runs `cargo test --workspace` inside `dbus-run-session` with a keyring
/// unlocked for the session, tees its output, and adds up the results.
fn run_tests(display: &str, home: &PathBuf) -> Result<(), String> {
    let cargo_home =
        std::env::var("CARGO_HOME").unwrap_or_else(|_| format!("{}/.cargo", env_home()));
    let rustup_home =
        std::env::var("RUSTUP_HOME").unwrap_or_else(|_| format!("{}/.rustup", env_home()));
    let script = "printf parc-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec \"$@\"";
    let mut child = Command::new("dbus-run-session")
        .args([
            "--",
            "sh",
            "-c",
            script,
            "sh",
            "cargo",
            "test",
            "--workspace",
            "--no-fail-fast",
            "--",
            "--show-output",
        ])
        .current_dir(root())
        .env("CARGO_TARGET_DIR", target_dir())
        .env("CARGO_HOME", cargo_home)
        .env("RUSTUP_HOME", rustup_home)
        // A private HOME: the app's WebKit data and the test keyring stay out of the user's.
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("DISPLAY", display)
        .env("PARC_BIN", app_binary())
        .env("PARC_TAURI_DRIVER", setup::tauri_driver_path())
        .env("PARC_SCREENSHOTS", target_dir().join("screenshots"))
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start dbus-run-session: {e}"))?;
    let mut tally = Tally::default();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            tally.read(&line);
        }
    }
    let status = child.wait().map_err(|e| format!("cargo test: {e}"))?;
    if !tally.failures.is_empty() {
        println!("\nfailures again, as the test binaries printed them:");
        for line in &tally.failures {
            println!("{line}");
        }
    }
    println!(
        "\nsummary: {} passed, {} failed, {} skipped",
        tally.passed, tally.failed, tally.ignored
    );
    if !status.success() || tally.failed > 0 {
        return Err(format!("tests failed ({status})"));
    }
    if tally.passed == 0 {
        return Err("no test ran".to_owned());
    }
    Ok(())
}

fn env_home() -> String {
    std::env::var("HOME").unwrap_or_else(|_| "/root".into())
}

/// Adds up the `test result:` lines of every test binary, and keeps each
/// binary's `failures:` section (from its first `failures:` line to its
/// `test result:`) under the name of the binary that printed it.
#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    ignored: u64,
    binary: String,
    in_failures: bool,
    failures: Vec<String>,
}

/// At most this many lines of failure output are kept per run.
const FAILURE_LINES_KEPT: usize = 2_000;

impl Tally {
    fn read(&mut self, line: &str) {
        if let Some(binary) = line.trim_start().strip_prefix("Running ") {
            self.binary = binary.to_owned();
        }
        if line == "failures:" && !self.in_failures {
            self.in_failures = true;
            // Cargo names the binary on stderr, which a CI may not interleave here.
            if !self.binary.is_empty() {
                self.failures.push(format!("== {}", self.binary));
            }
        }
        if self.in_failures && line.starts_with("test result: ") {
            self.in_failures = false;
        }
        if self.in_failures && self.failures.len() < FAILURE_LINES_KEPT {
            self.failures.push(line.to_owned());
        }
        let Some(rest) = line.strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(['.', ';']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(what)) = (words.next(), words.next()) {
                let Ok(n) = n.parse::<u64>() else { continue };
                match what {
                    "passed" => self.passed += n,
                    "failed" => self.failed += n,
                    "ignored" => self.ignored += n,
                    _ => {}
                }
            }
        }
    }
}

/// A private X server for the desktop app, stopped when dropped.
struct Xvfb {
    name: String,
    child: Child,
}

impl Xvfb {
    fn start() -> Result<Self, String> {
        let number = (99..200)
            .find(|n| {
                !PathBuf::from(format!("/tmp/.X11-unix/X{n}")).exists()
                    && !PathBuf::from(format!("/tmp/.X{n}-lock")).exists()
            })
            .ok_or("no free X display number")?;
        let name = format!(":{number}");
        let child = Command::new("Xvfb")
            .args([
                name.as_str(),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start Xvfb: {e}"))?;
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        let started = Instant::now();
        while !socket.exists() {
            if started.elapsed() > Duration::from_secs(10) {
                return Err("Xvfb did not start within 10 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Xvfb { name, child })
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::Tally;

    #[test]
    fn tally_adds_up_every_binary() {
        let mut tally = Tally::default();
        tally.read("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s");
        tally
            .read("test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out");
        tally.read("running 5 tests");
        assert_eq!((tally.passed, tally.failed, tally.ignored), (15, 2, 1));
    }

    #[test]
    fn tally_keeps_each_failure_section_under_its_binary() {
        let mut tally = Tally::default();
        for line in [
            "     Running tests/desktop_a.rs (target/debug/deps/desktop_a-1)",
            "successes:",
            "    fine",
            "test result: ok. 1 passed; 0 failed; 0 ignored",
            "     Running tests/desktop_b.rs (target/debug/deps/desktop_b-2)",
            "failures:",
            "",
            "---- broken stdout ----",
            "thread 'broken' panicked at tests/desktop_b.rs:9:5:",
            "failures:",
            "    broken",
            "test result: FAILED. 0 passed; 1 failed; 0 ignored",
            "     Running tests/desktop_c.rs (target/debug/deps/desktop_c-3)",
            "test result: ok. 2 passed; 0 failed; 0 ignored",
        ] {
            tally.read(line);
        }
        assert_eq!(
            tally.failures.first().map(String::as_str),
            Some("== tests/desktop_b.rs (target/debug/deps/desktop_b-2)")
        );
        assert!(tally
            .failures
            .iter()
            .any(|l| l.contains("panicked at tests/desktop_b.rs")));
        assert!(!tally
            .failures
            .iter()
            .any(|l| l.contains("fine") || l.contains("desktop_c")));
        assert_eq!(
            tally.failures.last().map(String::as_str),
            Some("    broken")
        );
    }
}

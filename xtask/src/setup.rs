//! Installs what a fresh Debian/Ubuntu machine lacks, from the package
//! registries only (Debian's archive, crates.io, the Rust toolchain's own
//! targets). Each step first checks whether it is already done, so a set-up
//! machine pays only a few milliseconds.

use crate::{root, run_checked};
use std::path::PathBuf;
use std::process::{Command, Stdio};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Run,
    Test,
}

/// What building and running the Tauri app needs.
const BUILD_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "libxdo-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "build-essential",
    "pkg-config",
    "libssl-dev",
    "file",
    "gnome-keyring",
    "dbus-x11",
];

/// What the headless test run needs on top: a display, a session bus, a
/// keyring, the WebKit WebDriver, a notification daemon, PDF tools, fonts.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "dbus",
    "x11-utils",
    "xdotool",
    "imagemagick",
    "webkit2gtk-driver",
    "dunst",
    "python3-aiosmtpd",
    "libnotify-bin",
    "libsecret-tools",
    "poppler-utils",
    "chromium",
    "chromium-driver",
    "fonts-dejavu-core",
];

pub fn ensure(purpose: Purpose) -> Result<(), String> {
    let mut packages: Vec<&str> = BUILD_PACKAGES.to_vec();
    if purpose == Purpose::Test {
        packages.extend_from_slice(TEST_PACKAGES);
    }
    ensure_debian_packages(&packages)?;
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    if purpose == Purpose::Test {
        ensure_tauri_driver()?;
    }
    Ok(())
}

/// What `cargo xtask bench` needs besides the build: the load generator.
pub fn ensure_bench_tools() -> Result<(), String> {
    ensure_debian_packages(&["wrk"])
}

fn ensure_debian_packages(packages: &[&str]) -> Result<(), String> {
    if Command::new("dpkg-query")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_err()
    {
        eprintln!(
            "xtask: not a Debian-like system; install the equivalents of: {}",
            packages.join(" ")
        );
        return Ok(());
    }
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|package| !debian_package_installed(package))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing Debian packages: {}", missing.join(" "));
    let as_root = is_root();
    let apt = |args: &[&str]| {
        let mut command = if as_root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run_checked(&mut command)
    };
    apt(&["update", "-qq"])?;
    let mut install = vec!["install", "-y", "-qq", "--no-install-recommends"];
    install.extend(missing.iter().copied());
    apt(&install)
}

fn debian_package_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .stderr(Stdio::null())
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
        .unwrap_or(false)
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).contains("wasm32-unknown-unknown"))
        .unwrap_or(false);
    if installed {
        return Ok(());
    }
    run_checked(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn cargo_bin(name: &str) -> PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    cargo_home.join("bin").join(name)
}

pub fn wasm_bindgen_path() -> PathBuf {
    cargo_bin("wasm-bindgen")
}

pub fn tauri_driver_path() -> PathBuf {
    cargo_bin("tauri-driver")
}

/// The wasm-bindgen version pinned in Cargo.lock: the CLI must match it exactly.
fn locked_version(crate_name: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let header = format!("name = \"{crate_name}\"\n");
    let after = lock
        .split("[[package]]\n")
        .find(|block| block.starts_with(&header))
        .ok_or_else(|| format!("{crate_name} is not in Cargo.lock"))?;
    after
        .lines()
        .find_map(|line| line.strip_prefix("version = \""))
        .map(|v| v.trim_end_matches('"').to_owned())
        .ok_or_else(|| format!("no version for {crate_name} in Cargo.lock"))
}

fn ensure_wasm_bindgen() -> Result<(), String> {
    let wanted = locked_version("wasm-bindgen")?;
    let current = Command::new(wasm_bindgen_path())
        .arg("--version")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .unwrap_or_default();
    if current == format!("wasm-bindgen {wanted}") {
        return Ok(());
    }
    eprintln!("xtask: installing wasm-bindgen-cli {wanted} (a few minutes, once)");
    // Not --locked: the CLI's own lock file pins a yanked crate.
    run_checked(Command::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &wanted,
        "--force",
    ]))
}

fn ensure_tauri_driver() -> Result<(), String> {
    let listed = Command::new("cargo")
        .args(["install", "--list"])
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).contains("tauri-driver v2."))
        .unwrap_or(false);
    if listed && tauri_driver_path().exists() {
        return Ok(());
    }
    eprintln!("xtask: installing tauri-driver 2.x");
    // crates.io's newest tauri-driver is a 3.0 alpha: pin the major version.
    run_checked(Command::new("cargo").args([
        "install",
        "tauri-driver",
        "--version",
        "^2",
        "--locked",
    ]))
}

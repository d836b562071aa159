//! House rules checked over the source tree, as rust-analyzer's tidy test
//! does: every Rust file outside the tests opens with a `//!` module doc
//! saying why it exists, ARCHITECTURE.md stays a guide of about 12 KB, and
//! every file path it names exists (a renamed module cannot leave the guide
//! pointing nowhere).

use std::path::{Path, PathBuf};

/// The workspace root (this crate is `tests/`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

/// The crates' source folders whose files need a module doc.
const SOURCE_DIRS: &[&str] = &[
    "api/src",
    "cli/src",
    "core/src",
    "migrations/src",
    "pdf/src",
    "portal/src",
    "src-tauri/src",
    "tests/src",
    "ui/src",
    "xtask/src",
];

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn every_source_file_opens_with_a_module_doc() {
    let root = root();
    let mut files = Vec::new();
    for dir in SOURCE_DIRS {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(
        files.len() > 200,
        "{} files: the walk went wrong",
        files.len()
    );
    let undocumented: Vec<String> = files
        .iter()
        .filter(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|path| {
            path.strip_prefix(&root)
                .unwrap_or(path)
                .display()
                .to_string()
        })
        .collect();
    assert!(
        undocumented.is_empty(),
        "files without a `//!` doc: {undocumented:?}"
    );
}

#[test]
fn the_architecture_guide_is_short_and_names_only_files_that_exist() {
    let root = root();
    let guide = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    assert!(
        guide.len() <= 12 * 1024,
        "ARCHITECTURE.md is {} bytes: a guide, not a catalogue (module docs hold details)",
        guide.len()
    );
    let mut missing = Vec::new();
    for quoted in guide.split('`').skip(1).step_by(2) {
        let looks_like_a_path = quoted.contains('/')
            && !quoted.contains(' ')
            && !quoted.contains("://")
            && !quoted.starts_with('#')
            && (quoted.ends_with(".rs")
                || quoted.ends_with(".md")
                || quoted.ends_with(".toml")
                || quoted.ends_with('/'));
        if looks_like_a_path && !root.join(quoted.trim_end_matches('/')).exists() {
            missing.push(quoted.to_owned());
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}

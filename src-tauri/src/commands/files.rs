//! Files Parc makes for the user (CSV exports, label sheets, invoice and
//! report PDFs): written to the Downloads folder, complete or not at all,
//! and opened in the system's viewer on request.
//!
//! - A name is built from words that may hold anything a record's
//!   reference holds (a numbering prefix such as `FA/`): `safe_stem` makes
//!   it one file name (no `/`, `\`, control or reserved characters, no
//!   leading dot, no device name Windows reserves; accents kept), dated.
//! - The content goes to a `.part` file of its own, created new (named
//!   after the process and a counter), so two saves at once never write
//!   into one file, and a half-written one never shows under the real name.
//! - At the end the `.part` file takes the dated name, or `NAME-2.ext`,
//!   `NAME-3.ext`… when another file has it (two saves in the same
//!   second; no space, so the path the app shows is one word): it is
//!   linked there, which fails rather than overwrites, so no file in
//!   Downloads is ever replaced.

use parc_api::IpcError;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Where files made for the user go: `$XDG_DOWNLOAD_DIR`, else ~/Downloads.
fn downloads_dir() -> Result<PathBuf, IpcError> {
    let dir = std::env::var_os("XDG_DOWNLOAD_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join("Downloads")))
        .ok_or_else(|| IpcError::internal("no home folder to save the file in"))?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| IpcError::internal(format!("cannot create {}: {e}", dir.display())))?;
    Ok(dir)
}

/// The longest stem kept, in bytes (file names stop at 255).
const STEM_MAX: usize = 120;

/// Device names Windows reserves, whatever the extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// `raw` as one file name's stem: every character a file system refuses or
/// reads as a path (`/ \ : * ? " < > |`, control characters) becomes `-`;
/// no leading dot or space, no trailing dot or space; a reserved device
/// name gets `-` after it; letters of any language stay; never empty.
pub fn safe_stem(raw: &str) -> String {
    let replaced: String = raw
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let mut stem = replaced
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' '])
        .to_owned();
    if stem.len() > STEM_MAX {
        let mut end = STEM_MAX;
        while !stem.is_char_boundary(end) {
            end -= 1;
        }
        stem.truncate(end);
        stem = stem.trim_end_matches(['.', ' ']).to_owned();
    }
    let device = stem.split('.').next().unwrap_or_default();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(device)) {
        stem.insert(device.len(), '-');
    }
    if stem.is_empty() {
        "parc".to_owned()
    } else {
        stem
    }
}

pub fn write_error(path: &Path, e: std::io::Error) -> IpcError {
    IpcError::internal(format!("cannot write {}: {e}", path.display()))
}

/// A file being written for the user: its `.part` file, and the name it
/// takes when complete. Dropped unfinished, the `.part` file goes.
pub struct Download {
    part: PathBuf,
    folder: PathBuf,
    /// Safe, dated, without the extension.
    name: String,
    extension: String,
    finished: bool,
}

/// Told apart the `.part` files of one process.
static NEXT_PART: AtomicU64 = AtomicU64::new(0);

/// Starts a file named after `stem` (made safe and dated) in Downloads;
/// the content goes into the `File` returned.
pub fn start(stem: &str, extension: &str) -> Result<(Download, File), IpcError> {
    start_in(&downloads_dir()?, stem, extension)
}

/// `start`, in `folder`.
pub fn start_in(folder: &Path, stem: &str, extension: &str) -> Result<(Download, File), IpcError> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let name = format!("{}-{stamp}", safe_stem(stem));
    let extension = safe_stem(extension);
    loop {
        let n = NEXT_PART.fetch_add(1, Ordering::Relaxed);
        let part = folder.join(format!(
            ".{name}.{extension}.{}-{n}.part",
            std::process::id()
        ));
        match File::options().write(true).create_new(true).open(&part) {
            Ok(file) => {
                let download = Download {
                    part,
                    folder: folder.to_path_buf(),
                    name,
                    extension,
                    finished: false,
                };
                return Ok((download, file));
            }
            // Left by another run of a process with this id: take the next.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(write_error(&part, e)),
        }
    }
}

impl Download {
    /// Gives the finished file its name (see the module's doc) and returns
    /// the value written and where the file is; on a failure to write, the
    /// `.part` file goes and the error is returned.
    pub fn finish<T>(mut self, written: Result<T, IpcError>) -> Result<(T, PathBuf), IpcError> {
        let value = written?;
        let path = self.take_a_free_name()?;
        self.finished = true;
        Ok((value, path))
    }

    fn candidate(&self, n: u32) -> PathBuf {
        let name = if n == 1 {
            format!("{}.{}", self.name, self.extension)
        } else {
            format!("{}-{n}.{}", self.name, self.extension)
        };
        self.folder.join(name)
    }

    fn take_a_free_name(&self) -> Result<PathBuf, IpcError> {
        for n in 1..1000 {
            let path = self.candidate(n);
            match std::fs::hard_link(&self.part, &path) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&self.part);
                    return Ok(path);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                // A folder whose file system has no links (a FAT drive):
                // a rename, after a look that the name is free.
                Err(_) if !path.exists() => {
                    std::fs::rename(&self.part, &path).map_err(|e| write_error(&path, e))?;
                    return Ok(path);
                }
                Err(_) => continue,
            }
        }
        Err(IpcError::internal(format!(
            "every name like {} is taken in {}",
            self.candidate(1).display(),
            self.folder.display()
        )))
    }
}

impl Drop for Download {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_file(&self.part);
        }
    }
}

/// Saves `bytes` as a file named after `stem` in Downloads; returns where.
pub fn save(stem: &str, extension: &str, bytes: &[u8]) -> Result<PathBuf, IpcError> {
    save_in(&downloads_dir()?, stem, extension, bytes)
}

/// `save`, in `folder`.
pub fn save_in(
    folder: &Path,
    stem: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<PathBuf, IpcError> {
    use std::io::Write;
    let (download, mut file) = start_in(folder, stem, extension)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| write_error(&download.candidate(1), e));
    drop(file);
    download.finish(written).map(|((), path)| path)
}

/// Opens `path` with the desktop's default application (a PDF viewer for an
/// invoice). A missing opener is reported, never fatal.
pub fn open_with_system(path: &Path) -> Result<(), IpcError> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| {
            IpcError::internal(format!(
                "the file was saved to {}, but cannot be opened ({opener}: {e})",
                path.display()
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_made_safe_is_one_file_name_and_keeps_its_accents() {
        assert_eq!(safe_stem("parc-FA/2026-0001"), "parc-FA-2026-0001");
        assert_eq!(safe_stem("parc-FA\\2026:0001"), "parc-FA-2026-0001");
        assert_eq!(
            safe_stem("rapport d'activité Société Générale"),
            "rapport d'activité Société Générale"
        );
        assert_eq!(safe_stem("../../etc/passwd"), "-..-etc-passwd");
        assert_eq!(safe_stem(".hidden"), "hidden");
        assert_eq!(safe_stem("a\nb\u{7}c\td"), "a-b-c-d");
        assert_eq!(
            safe_stem("what? <this> | \"that\" *"),
            "what- -this- - -that- -"
        );
        assert_eq!(safe_stem("trailing. "), "trailing");
        assert_eq!(safe_stem("CON"), "CON-");
        assert_eq!(safe_stem("nul.tar"), "nul-.tar");
        assert_eq!(safe_stem("CONTRACT"), "CONTRACT");
        assert_eq!(safe_stem(""), "parc");
        assert_eq!(safe_stem("..."), "parc");
        let long = "é".repeat(100);
        let cut = safe_stem(&long);
        assert!(
            cut.len() <= STEM_MAX && cut.chars().all(|c| c == 'é'),
            "{cut}"
        );
    }

    /// The files in `folder`, by name, with their content.
    fn files_in(folder: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(folder)
            .expect("folder")
            .filter_map(Result::ok)
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).expect("file"),
                )
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn two_saves_at_once_under_one_name_both_land_complete() {
        let folder = tempfile::tempdir().expect("folder");
        // Both start before either writes, and both finish together.
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let saves: Vec<_> = [b'a', b'b']
            .into_iter()
            .map(|byte| {
                let (barrier, folder) = (barrier.clone(), folder.path().to_path_buf());
                std::thread::spawn(move || {
                    use std::io::Write;
                    let (download, mut file) =
                        start_in(&folder, "parc-FA-2026-0001", "pdf").expect("start");
                    barrier.wait();
                    let written = file
                        .write_all(&vec![byte; 1 << 20])
                        .map_err(|e| write_error(&folder, e));
                    drop(file);
                    barrier.wait();
                    download.finish(written).expect("finish").1
                })
            })
            .collect();
        let mut paths: Vec<PathBuf> = saves.into_iter().map(|s| s.join().expect("save")).collect();
        paths.sort();
        assert_ne!(paths[0], paths[1]);
        let files = files_in(folder.path());
        assert_eq!(
            files.len(),
            2,
            "two files, no .part left: {:?}",
            files.iter().map(|f| &f.0).collect::<Vec<_>>()
        );
        let mut contents: Vec<u8> = files
            .iter()
            .map(|(name, bytes)| {
                assert!(
                    name.starts_with("parc-FA-2026-0001-") && name.ends_with(".pdf"),
                    "{name}"
                );
                assert_eq!(bytes.len(), 1 << 20, "{name} is complete");
                assert!(bytes.iter().all(|b| *b == bytes[0]), "{name} is one save's");
                bytes[0]
            })
            .collect();
        contents.sort();
        assert_eq!(contents, [b'a', b'b']);
    }

    #[test]
    fn a_name_taken_gets_the_next_number_and_nothing_is_replaced() {
        let folder = tempfile::tempdir().expect("folder");
        let first = save_in(folder.path(), "parc-labels", "pdf", b"first").expect("first");
        let (download, _file) = start_in(folder.path(), "parc-labels", "pdf").expect("start");
        // The same second: the dated name is taken.
        let dated = download.candidate(1);
        if dated != first {
            std::fs::write(&dated, b"someone else's").expect("taken");
        }
        let (_, second) = download.finish(Ok(())).expect("finish");
        assert_eq!(second, download_candidate(&dated, 2));
        assert_eq!(std::fs::read(&first).expect("first"), b"first");
    }

    /// `NAME-n.ext` beside `path`.
    fn download_candidate(path: &Path, n: u32) -> PathBuf {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let extension = path
            .extension()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        path.with_file_name(format!("{stem}-{n}.{extension}"))
    }

    #[test]
    fn an_invoice_numbered_with_a_slash_saves() {
        let folder = tempfile::tempdir().expect("folder");
        let path = save_in(folder.path(), "parc-FA/2026-0001", "pdf", b"%PDF-1.7").expect("saved");
        assert_eq!(path.parent(), Some(folder.path()));
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        assert!(
            name.starts_with("parc-FA-2026-0001-") && name.ends_with(".pdf"),
            "{name}"
        );
        assert_eq!(std::fs::read(&path).expect("file"), b"%PDF-1.7");
        assert_eq!(files_in(folder.path()).len(), 1);
    }

    #[test]
    fn a_failed_save_leaves_nothing() {
        let folder = tempfile::tempdir().expect("folder");
        let (download, _file) = start_in(folder.path(), "parc-invoices", "csv").expect("start");
        let failed = download.finish::<()>(Err(IpcError::internal("the export failed")));
        assert!(failed.is_err());
        assert!(files_in(folder.path()).is_empty());
        drop(start_in(folder.path(), "parc-invoices", "csv").expect("start"));
        assert!(
            files_in(folder.path()).is_empty(),
            "a save dropped unfinished leaves nothing"
        );
    }
}

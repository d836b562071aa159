//! Files Parc makes for the user (CSV exports, label sheets, invoice PDFs):
//! written to the Downloads folder under a dated name, complete or not at
//! all, and opened in the system's viewer on request.

use parc_api::IpcError;
use std::path::{Path, PathBuf};

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

pub fn new_file(stem: &str, extension: &str) -> Result<PathBuf, IpcError> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    Ok(downloads_dir()?.join(format!("{stem}-{stamp}.{extension}")))
}

pub fn write_error(path: &Path, e: std::io::Error) -> IpcError {
    IpcError::internal(format!("cannot write {}: {e}", path.display()))
}

/// Where a file is written before it is complete: renamed to `path` at the
/// end, so a half-written export never shows in the Downloads folder.
pub fn partial(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".part");
    PathBuf::from(name)
}

/// Renames the finished `.part` file to `path`, or removes it on failure.
pub fn finish<T>(path: &Path, written: Result<T, IpcError>) -> Result<T, IpcError> {
    let part = partial(path);
    match written {
        Ok(value) => {
            std::fs::rename(&part, path).map_err(|e| write_error(path, e))?;
            Ok(value)
        }
        Err(error) => {
            let _ = std::fs::remove_file(&part);
            Err(error)
        }
    }
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

//! A real SMTP server on 127.0.0.1 for tests: aiosmtpd (Debian's
//! python3-aiosmtpd, installed by `cargo xtask test`), storing each mail
//! it receives in a maildir, stopped when dropped.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Sink {
    pub port: u16,
    maildir: tempfile::TempDir,
    child: Child,
}

impl Sink {
    /// On a free port.
    pub fn start() -> Result<Sink, Box<dyn std::error::Error>> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        Sink::start_on(port)
    }

    /// On `port` (a server back after a failure).
    pub fn start_on(port: u16) -> Result<Sink, Box<dyn std::error::Error>> {
        let maildir = tempfile::tempdir()?;
        let child = Command::new("/usr/bin/python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            // A folder it creates, with the maildir's tmp, new and cur.
            .arg(maildir.path().join("box"))
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start aiosmtpd (apt install python3-aiosmtpd): {e}"))?;
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(15) {
                return Err("the SMTP sink did not start".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(Sink {
            port,
            maildir,
            child,
        })
    }

    /// Every mail received, as raw bytes, oldest first.
    pub fn received(&self) -> Vec<Vec<u8>> {
        let new: PathBuf = self.maildir.path().join("box").join("new");
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&new)
            .map(|dir| {
                dir.filter_map(Result::ok)
                    .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
            .into_iter()
            .filter_map(|(_, path)| std::fs::read(path).ok())
            .collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

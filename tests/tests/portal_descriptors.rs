//! The portal and its process's file descriptors, which the desktop needs
//! too (its database, backups, exports). The process's limit is lowered
//! (`prlimit`, on this test binary alone: the one test in it) to leave
//! the portal 200 descriptors beside the attacker's own thousand sockets,
//! which live in this process as well. When the descriptors do run out,
//! the portal waits (accept fails with EMFILE) rather than spinning on a
//! core, and serves again once they are back; and a flood of a thousand
//! idle connections from one address over HTTPS leaves a backup working
//! and the visitor served.

mod hostile;

use hostile::{closed_within, exchange, sign_in, tcp_from, Connection, Site};
use hostile::{ATTACKER, VISITOR};
use parc_portal::Limits;
use parc_tests::portal::R;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// Descriptors this process has open now.
fn open_descriptors() -> R<usize> {
    Ok(std::fs::read_dir("/proc/self/fd")?.count())
}

/// Lowers this process's soft limit of open files to `most`.
fn limit_descriptors(most: usize) -> R {
    let pid = std::process::id().to_string();
    let set = std::process::Command::new("prlimit")
        .args(["--pid", &pid, &format!("--nofile={most}:")])
        .status()?;
    if !set.success() {
        return Err(format!("prlimit failed: {set}").into());
    }
    Ok(())
}

/// The CPU time this process has used, from `/proc/self/stat` (opened
/// beforehand: no descriptor is free when it is read).
fn cpu_time(stat: &File) -> R<Duration> {
    let mut text = vec![0u8; 4096];
    let read = stat.read_at(&mut text, 0)?;
    let text = String::from_utf8_lossy(&text[..read]).into_owned();
    let after_name = text.rsplit_once(')').ok_or("no stat")?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // utime and stime, fields 14 and 15 of stat(5), in ticks of 1/100 s.
    let ticks: u64 = fields[11].parse::<u64>()? + fields[12].parse::<u64>()?;
    Ok(Duration::from_millis(ticks * 10))
}

/// Opens /dev/null until no descriptor is left, then gives one back.
fn use_up_descriptors() -> R<Vec<File>> {
    let mut held = Vec::new();
    loop {
        match File::open("/dev/null") {
            Ok(file) => held.push(file),
            Err(error) if error.raw_os_error() == Some(24) => break,
            Err(error) => return Err(error.into()),
        }
    }
    held.pop();
    Ok(held)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portal_leaves_descriptors_to_the_desktop_and_waits_when_there_are_none() -> R {
    let site = Site::start(true, Limits::default()).await?;
    let backups = tempfile::tempdir()?;
    let stat = File::open("/proc/self/stat")?;
    limit_descriptors(open_descriptors()? + 1000 + 200)?;

    // No descriptor left: a new client waits, and the portal does not spin.
    let Some(connector) = site.tls.clone() else {
        return Err("an HTTPS site".into());
    };
    let name = tokio_rustls::rustls::pki_types::ServerName::try_from("localhost")?;
    let held = use_up_descriptors()?;
    let client = tcp_from(VISITOR, site.addr).await?;
    let mut connecting = Box::pin(connector.connect(name, client));
    let before = cpu_time(&stat)?;
    let waited = tokio::time::timeout(Duration::from_secs(1), &mut connecting).await;
    let spent = cpu_time(&stat)? - before;
    assert!(waited.is_err(), "served without a descriptor to accept it");
    assert!(
        spent < Duration::from_millis(250),
        "{spent:?} of CPU in one second"
    );
    // Descriptors back: the waiting client is served.
    drop(held);
    let tls = tokio::time::timeout(Duration::from_secs(3), connecting)
        .await
        .map_err(|_| "not served once descriptors were back")??;
    let mut connection: Connection = Box::new(tls);
    let login = exchange(&mut connection, &site.request("GET", "/login", "", None)).await?;
    assert_eq!(login.status, 200);
    drop(connection);

    // A thousand idle connections from one address.
    let mut flood: Vec<Connection> = Vec::new();
    for _ in 0..1000 {
        let mut socket = tcp_from(ATTACKER, site.addr).await?;
        let _ = socket.write_all(b"\x16\x03\x01").await;
        flood.push(Box::new(socket));
    }
    let mut closed = 0;
    for socket in &mut flood {
        if closed_within(socket, Duration::from_millis(20)).await {
            closed += 1;
        }
    }
    assert_eq!(closed, 1000 - Limits::default().max_per_address);
    // The desktop backs up, and the visitor is served, meanwhile.
    let backup = backups.path().join("during-the-flood.db");
    parc_core::backup::back_up(&site.db, &backup).await?;
    parc_core::backup::check(&backup).await?;
    let mut visitor = site.connect(VISITOR).await?;
    sign_in(&site, &mut visitor).await?;

    Ok(())
}

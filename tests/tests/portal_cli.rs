//! `parc portal`, the portal without the desktop: `parc demo` fills a
//! database file, `parc portal --db FILE --bind 127.0.0.1:0` serves it and
//! says where, a demo portal contact signs in over HTTP and sees their
//! client's home page; Ctrl+C (SIGINT) stops it cleanly.
//! The binary comes from `PARC_BIN` (set by `cargo xtask test`).

use parc_tests::http::Visitor;
use parc_tests::portal::SOPHIE;
use parc_tests::{required_env, TestResult};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn the_headless_portal_serves_a_database_file() -> TestResult {
    let bin = required_env("PARC_BIN")?;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("parc.db");
    let demo = Command::new(&bin)
        .args(["demo", "--db"])
        .arg(&db)
        .output()?;
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let printed = String::from_utf8_lossy(&demo.stdout).into_owned();
    assert!(
        printed.contains(&format!("login: portal {} {}", SOPHIE.0, SOPHIE.1)),
        "{printed}"
    );

    let mut portal = Command::new(&bin)
        .args(["portal", "--bind", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stdout(Stdio::piped())
        .spawn()?;
    let stdout = portal.stdout.take().ok_or("no stdout")?;
    let mut lines = BufReader::new(stdout);
    let mut first = String::new();
    lines.read_line(&mut first)?;
    let address = first
        .trim()
        .strip_prefix("portal: listening on http://")
        .ok_or_else(|| format!("unexpected first line {first:?}"))?
        .parse()?;
    let outcome = async {
        let mut sophie = Visitor::new(address);
        let reply = sophie.sign_in(SOPHIE.0, SOPHIE.1).await?;
        assert_eq!(reply.status, 303);
        let home = sophie.get("/").await?;
        assert!(home.text().contains("Welcome, Sophie Durand"));
        assert!(home.text().contains("Acme Logistique"));
        TestResult::Ok(())
    }
    .await;
    // Ctrl+C stops it.
    Command::new("kill")
        .args(["-INT", &portal.id().to_string()])
        .status()?;
    let status = portal.wait()?;
    outcome?;
    assert!(status.success(), "stopped cleanly: {status}");
    let mut last = String::new();
    lines.read_line(&mut last)?;
    assert_eq!(last.trim(), "portal: stopped");
    Ok(())
}

//! Desktop notifications reach a real notification daemon: `parc alerts
//! scan --notify` against dunst on the test's D-Bus session (started by
//! `cargo xtask test` under `dbus-run-session`, with Xvfb for dunst). A
//! first scan over 300 expiring warranties shows one summary, a second
//! shows nothing, a single new alert shows its own text, and with no
//! notification service the scan still succeeds and says why. In the
//! desktop app, the notification of an alert, clicked (dunst's action),
//! opens its item.
//!
//! The binary comes from `PARC_BIN` (set by `cargo xtask test`).

use parc_core::dataset::{self, Size};
use sea_orm::ConnectionTrait;
use std::path::Path;
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn required_env(name: &str) -> TestResult<String> {
    std::env::var(name).map_err(|_| format!("{name} is not set: run `cargo xtask test`").into())
}

fn day(offset: i64) -> String {
    (parc_core::clock::today() + chrono::Duration::days(offset)).to_string()
}

/// A database of 300 deployed PCs whose warranties end in ten days, and
/// nothing else due.
async fn prepare(path: &Path) -> TestResult {
    let db = parc_core::db::open(path).await?;
    dataset::generate(
        &db,
        Size {
            clients: 3,
            sites_per_client: 1,
            contacts_per_client: 1,
            equipment: 300,
            contracts: 0,
            tickets: 0,
        },
    )
    .await?;
    db.execute_unprepared(&format!(
        "UPDATE equipment SET status = 'deployed', next_maintenance = NULL, warranty_end = '{}'",
        day(10)
    ))
    .await?;
    db.execute_unprepared("UPDATE parts SET min_stock = 0")
        .await?;
    Ok(())
}

fn dunstctl(args: &[&str]) -> TestResult<Output> {
    Ok(Command::new("dunstctl").args(args).output()?)
}

/// One test at a time talks to this session's notification daemon.
static DAEMON: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The process owning the notification service on this session's bus.
fn notification_daemon_pid() -> Option<u32> {
    let output = Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.GetConnectionUnixProcessID",
            "string:org.freedesktop.Notifications",
        ])
        .output()
        .ok()?;
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .last()?
        .parse()
        .ok()
}

/// The notification daemon of this session: dunst, started unless one
/// already owns the name (D-Bus may have started it for an earlier test).
struct Dunst(Option<Child>);

impl Dunst {
    fn start() -> TestResult<Dunst> {
        required_env("DBUS_SESSION_BUS_ADDRESS")?;
        if dunstctl(&["count", "displayed"])?.status.success() {
            // The end-to-end tests pause it while they type: resumed, what
            // their apps told it is shown and closed before this test counts.
            dunstctl(&["set-paused", "false"])?;
            drain()?;
            return Ok(Dunst(None));
        }
        Dunst::spawn(Command::new("dunst"))
    }

    /// A dunst of its own whose notifications stay until acted on (the
    /// session's, if any, is stopped first: only this session's bus is
    /// asked who it is).
    fn start_lasting(config_dir: &Path) -> TestResult<Dunst> {
        required_env("DBUS_SESSION_BUS_ADDRESS")?;
        if let Some(pid) = notification_daemon_pid() {
            Command::new("kill").arg(pid.to_string()).status()?;
            let started = Instant::now();
            while notification_daemon_pid() == Some(pid) {
                if started.elapsed() > Duration::from_secs(10) {
                    return Err("the session's notification daemon did not stop".into());
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        let config = config_dir.join("dunstrc");
        std::fs::write(
            &config,
            "[urgency_low]\ntimeout = 0\n[urgency_normal]\ntimeout = 0\n[urgency_critical]\ntimeout = 0\n",
        )?;
        let mut command = Command::new("dunst");
        command.arg("-config").arg(&config);
        Dunst::spawn(command)
    }

    fn spawn(mut command: Command) -> TestResult<Dunst> {
        let child = command.spawn()?;
        let started = Instant::now();
        while !dunstctl(&["count", "displayed"])?.status.success() {
            if started.elapsed() > Duration::from_secs(10) {
                return Err("dunst did not come up on the session bus".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(Dunst(Some(child)))
    }
}

impl Drop for Dunst {
    fn drop(&mut self) {
        if let Some(child) = self.0.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Closes every notification shown or waiting.
fn drain() -> TestResult {
    let started = Instant::now();
    loop {
        dunstctl(&["close-all"])?;
        std::thread::sleep(Duration::from_millis(200));
        let count = |what: &str| -> TestResult<String> {
            let out = dunstctl(&["count", what])?;
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
        };
        if count("waiting")? == "0" && count("displayed")? == "0" {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(10) {
            return Err("the daemon's notifications would not close".into());
        }
    }
}

/// Every notification from Parc in the daemon's history: (id, summary, body).
fn history() -> TestResult<Vec<(i64, String, String)>> {
    // Shown notifications reach the history once closed.
    std::thread::sleep(Duration::from_millis(500));
    dunstctl(&["close-all"])?;
    std::thread::sleep(Duration::from_millis(300));
    let history = dunstctl(&["history"])?;
    let json: serde_json::Value = serde_json::from_slice(&history.stdout)?;
    let text =
        |n: &serde_json::Value, name: &str| n[name]["data"].as_str().unwrap_or_default().to_owned();
    Ok(json["data"]
        .as_array()
        .and_then(|outer| outer.first())
        .and_then(|inner| inner.as_array())
        .map(|all| {
            all.iter()
                .filter(|n| text(n, "appname") == "Parc")
                .map(|n| {
                    let id = n["id"]["data"].as_i64().unwrap_or_default();
                    (id, text(n, "summary"), text(n, "body"))
                })
                .collect()
        })
        .unwrap_or_default())
}

/// (summary, body) of the notifications about this test's warranties
/// received while `work` ran. An app left by an earlier test may still
/// tell the session of its own alerts (a ticket turning late): those are
/// not this test's.
fn received_during(work: impl FnOnce() -> TestResult) -> TestResult<Vec<(String, String)>> {
    let before: Vec<i64> = history()?.into_iter().map(|(id, _, _)| id).collect();
    work()?;
    Ok(history()?
        .into_iter()
        .filter(|(id, _, _)| !before.contains(id))
        .filter(|(_, summary, body)| {
            summary == "Warranty ending"
                || (summary.starts_with("Parc: ") && body.starts_with("Warranty ending"))
        })
        .map(|(_, summary, body)| (summary, body))
        .collect())
}

fn scan_and_notify(db: &Path, bus: Option<&str>) -> TestResult<Output> {
    let mut command = Command::new(required_env("PARC_BIN")?);
    command.args(["alerts", "scan", "--notify", "--db"]).arg(db);
    if let Some(address) = bus {
        command.env("DBUS_SESSION_BUS_ADDRESS", address);
    }
    let output = command.output()?;
    assert!(
        output.status.success(),
        "parc alerts scan failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(output)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_first_scan_over_hundreds_shows_one_summary_and_a_second_none() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db_path = dir.path().join("parc.db");
    prepare(&db_path).await?;
    let _turn = DAEMON.lock().await;
    let _daemon = Dunst::start()?;

    let first = received_during(|| scan_and_notify(&db_path, None).map(drop))?;
    assert_eq!(first.len(), 1, "one summary, not 300 pop-ups: {first:?}");
    assert_eq!(first[0].0, "Parc: 300 new alerts");
    assert_eq!(first[0].1, "Warranty ending: 300");

    let second = received_during(|| scan_and_notify(&db_path, None).map(drop))?;
    assert!(
        second.is_empty(),
        "a second scan tells nothing new: {second:?}"
    );

    // One PC's warranty now ends in three days: one notification, its own.
    let db = parc_core::db::open(&db_path).await?;
    db.execute_unprepared(&format!(
        "UPDATE equipment SET warranty_end = '{}' WHERE id = (SELECT MIN(id) FROM equipment)",
        day(3)
    ))
    .await?;
    let title: String = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT reference || ' ' || name FROM equipment ORDER BY id LIMIT 1",
        ))
        .await?
        .ok_or("no equipment")?
        .try_get_by_index(0)?;
    drop(db);
    let single = received_during(|| scan_and_notify(&db_path, None).map(drop))?;
    assert_eq!(single.len(), 1, "{single:?}");
    assert_eq!(single[0].0, "Warranty ending");
    assert!(
        single[0].1.starts_with(&title) && single[0].1.contains("in 3 days"),
        "{single:?}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_notification_service_the_scan_goes_on_and_says_why() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db_path = dir.path().join("parc.db");
    prepare(&db_path).await?;
    let output = scan_and_notify(&db_path, Some("unix:path=/nonexistent/bus"))?;
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("desktop notification service is not available"),
        "{said}"
    );
    assert!(said.contains("300 alerts raised"), "{said}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn clicking_an_alerts_notification_opens_its_item_in_the_app() -> TestResult {
    use parc_tests::{account, click, demo_desktop, log_in, wait_text, ONE_AT_A_TIME};
    let _window = ONE_AT_A_TIME.lock().await;
    let _turn = DAEMON.lock().await;
    let (desktop, accounts) = demo_desktop()?;
    // Every demo alert raised and told but the Microsoft 365 licence's: the
    // app's start-up scan tells that one alone.
    let scanned = Command::new(required_env("PARC_BIN")?)
        .args(["alerts", "scan", "--db"])
        .arg(&desktop.db_path)
        .output()?;
    assert!(scanned.status.success());
    let db = parc_core::db::open(&desktop.db_path).await?;
    db.execute_unprepared(
        "UPDATE alerts SET notified_at = '2026-01-01T00:00:00Z' WHERE NOT (rule = 'licence_expiry' \
         AND title LIKE '%Microsoft 365%')",
    )
    .await?;
    // Nothing else comes up meanwhile (an SLA turning late): the other
    // rules off.
    db.execute_unprepared(
        "INSERT INTO alert_rules (code, enabled, thresholds, desktop, email_managers, email_client, updated_at) \
         SELECT value, 0, '', 1, 0, 0, '2026-01-01T00:00:00Z' FROM json_each('[\"warranty_end\",\"contract_end\",\"maintenance_due\",\"low_stock\",\"sla_at_risk\",\"sla_breached\"]')",
    )
    .await?;
    drop(db);
    let config = tempfile::tempdir()?;
    let _daemon = Dunst::start_lasting(config.path())?;

    let manager = account(&accounts, "manager")?;
    let app = desktop.launch().await?;
    log_in(&app, &manager.email, &manager.password).await?;
    click(&app, "#nav-clients").await?;
    wait_text(&app, "#clients-table", "Acme Logistique").await?;
    let started = Instant::now();
    loop {
        let shown = dunstctl(&["count", "displayed"])?;
        if String::from_utf8_lossy(&shown.stdout).trim() == "1" {
            break;
        }
        if started.elapsed() > Duration::from_secs(20) {
            return Err("the app's notification was not shown".into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Clicked: the licence it is about opens in the window.
    assert!(dunstctl(&["action", "0"])?.status.success());
    wait_text(&app, "#licence-name", "Microsoft 365").await?;
    app.close().await?;
    Ok(())
}

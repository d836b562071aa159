//! The portal under load: the large dataset (100,000 equipment, 500
//! clients), served by `parc-portal` on 127.0.0.1 in this process (two
//! worker threads), and `wrk` (Debian's package) on the same two cores
//! asking, for 10 seconds with 50 connections, for a signed-in contact's
//! equipment list page — then, for comparison, the portal's stylesheet
//! (a static file of the same server, no database). Run by
//! `cargo xtask bench`. The target: the list page at 2,000 requests/s or
//! more, with a p99 latency of 50 ms or less.

#[path = "../../core/benches/common/mod.rs"]
mod common;

use parc_api::portal::{LinkPurpose, PortalAccessInput, TicketScope};
use parc_core::portal::{accounts, sessions};
use parc_core::Actor;
use sea_orm::{ConnectionTrait, Statement};
use std::process::Command;

const CONNECTIONS: u32 = 50;
const SECONDS: u32 = 10;
const TARGET_RPS: f64 = 2_000.0;
const TARGET_P99_MS: f64 = 50.0;
const PASSWORD: &str = "bench-portal-password";

/// Requests per second and the 99th percentile latency, as wrk reports them.
struct Load {
    requests_per_second: f64,
    p99_ms: f64,
}

fn milliseconds(text: &str) -> Option<f64> {
    let text = text.trim();
    let (number, factor) = if let Some(n) = text.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1000.0)
    } else {
        return None;
    };
    number.parse::<f64>().ok().map(|n| n * factor)
}

fn wrk(url: &str, cookie: &str) -> Load {
    let output = Command::new("wrk")
        .args([
            "-t2",
            &format!("-c{CONNECTIONS}"),
            &format!("-d{SECONDS}s"),
            "--latency",
            "-H",
            &format!("Cookie: parc_session={cookie}"),
            url,
        ])
        .output()
        .expect("wrk (Debian package wrk) runs");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        !report.contains("Non-2xx"),
        "every answer must be the page itself:\n{report}"
    );
    let requests_per_second = report
        .lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no Requests/sec in wrk's report:\n{report}"));
    let p99_ms = report
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))
        .and_then(milliseconds)
        .unwrap_or_else(|| panic!("no 99% latency in wrk's report:\n{report}"));
    Load {
        requests_per_second,
        p99_ms,
    }
}

/// The first contact of a client with an average fleet, let into the portal
/// (whole client) with a known password: its e-mail.
async fn portal_contact(db: &parc_core::DatabaseConnection) -> String {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT c.id, c.email FROM contacts c \
             WHERE c.email <> '' AND c.client_id = \
               (SELECT client_id FROM equipment GROUP BY client_id ORDER BY COUNT(*) DESC \
                LIMIT 1 OFFSET 250) \
             ORDER BY c.id LIMIT 1",
        ))
        .await
        .expect("query")
        .expect("a contact with an e-mail");
    let contact_id: i32 = row.try_get_by_index(0).expect("id");
    let email: String = row.try_get_by_index(1).expect("email");
    let system = Actor::System;
    let access = PortalAccessInput {
        contact_id: i64::from(contact_id),
        enabled: true,
        ticket_scope: TicketScope::Client,
    };
    accounts::set_access(db, &system, &access)
        .await
        .expect("access");
    let (token, _) =
        accounts::issue_link(db, &system, i64::from(contact_id), LinkPurpose::Invitation)
            .await
            .expect("link");
    accounts::choose_password(db, &token, PASSWORD, PASSWORD)
        .await
        .expect("password");
    email
}

/// One plain request, to check what wrk will be asking for.
fn fetch(addr: std::net::SocketAddr, path: &str, cookie: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: parc_session={cookie}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that is not "load" skips it.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"load".contains(a.as_str()))
    {
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let (db, _) = common::large_db(&rt);
    let (addr, cookie) = rt.block_on(async {
        let email = portal_contact(&db).await;
        let opened = sessions::sign_in(&db, &email, PASSWORD, None)
            .await
            .expect("sign in")
            .and_then(sessions::SignInStep::opened)
            .expect("the right password");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("listen");
        let addr = listener.local_addr().expect("address");
        let portal = parc_portal::Portal::new(db.clone(), false)
            .await
            .expect("portal");
        tokio::spawn(parc_portal::serve(portal, listener));
        (addr, opened.session_id)
    });
    let page = fetch(addr, "/equipment", &cookie);
    assert!(
        page.starts_with("HTTP/1.1 200") && page.contains("id=\"equipment-table\""),
        "the signed-in list page, not a redirect:\n{}",
        page.lines().next().unwrap_or_default()
    );
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let list = wrk(&format!("http://{addr}/equipment"), &cookie);
    let stylesheet = wrk(&format!("http://{addr}/static/portal.css"), &cookie);
    println!("portal load on {cores} cores, wrk -t2 -c{CONNECTIONS} -d{SECONDS}s, the server in this process (2 workers):");
    for (name, load) in [
        (
            "signed-in equipment list page (25 of a client's ~200 equipment)",
            &list,
        ),
        ("static file of the same server (portal.css)", &stylesheet),
    ] {
        println!(
            "  {name}: {:.0} requests/s, p99 {:.1} ms",
            load.requests_per_second, load.p99_ms
        );
    }
    let met = list.requests_per_second >= TARGET_RPS && list.p99_ms <= TARGET_P99_MS;
    println!(
        "  target (>= {TARGET_RPS:.0} requests/s, p99 <= {TARGET_P99_MS:.0} ms): {}",
        if met { "met" } else { "MISSED" }
    );
}

//! The portal under hostile clients, over real HTTP and HTTPS on
//! 127.0.0.1, served by `parc-portal`'s own serving loop on a demo
//! database file. An attacker at 127.0.0.2 opens a thousand sockets and
//! sends a request (or a TLS handshake) a few bytes at a time; the visitor
//! at 127.0.0.3 (all of 127/8 is this machine on Linux: the portal sees
//! other peers) must still sign in at once. A request that trickles in is
//! cut at the header or request timeout, an idle kept-alive connection is
//! closed, and switching the portal off closes the connections already
//! open. Invoice PDFs are made off the threads that serve pages.

mod hostile;

use hostile::{closed_within, exchange, sign_in, tcp_from, Answer, Connection, Site};
use hostile::{ATTACKER, VISITOR};
use parc_core::Actor;
use parc_portal::Limits;
use parc_tests::pdf_text;
use parc_tests::portal::{R, SOPHIE};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// The first bytes of a request (or of a TLS handshake) and no more.
fn a_start(https: bool) -> &'static [u8] {
    match https {
        true => b"\x16\x03\x01",
        false => b"GET /login HTTP/1.1\r\nHo",
    }
}

async fn a_flood_from_one_address_leaves_the_portal_to_others(https: bool) -> R {
    let site = Site::start(https, Limits::default()).await?;
    let cap = Limits::default().max_per_address;
    let mut flood: Vec<Connection> = Vec::new();
    for _ in 0..1000 {
        let mut socket = tcp_from(ATTACKER, site.addr).await?;
        // A socket the server has closed already may refuse the bytes.
        let _ = socket.write_all(a_start(https)).await;
        flood.push(Box::new(socket));
    }
    let started = Instant::now();
    let mut visitor = site.connect(VISITOR).await?;
    sign_in(&site, &mut visitor).await?;
    let took = started.elapsed();
    assert!(took < Duration::from_secs(1), "signed in in {took:?}");
    // All but the first `cap` were closed at once, not kept for the timeout.
    let mut still_open = 0;
    for socket in &mut flood {
        if !closed_within(socket, Duration::from_millis(20)).await {
            still_open += 1;
        }
    }
    assert_eq!(
        still_open, cap,
        "the sockets the portal kept from one address"
    );
    Ok(())
}

#[tokio::test]
async fn a_thousand_idle_sockets_from_one_address_leave_others_served_over_http() -> R {
    a_flood_from_one_address_leaves_the_portal_to_others(false).await
}

#[tokio::test]
async fn a_thousand_idle_sockets_from_one_address_leave_others_served_over_https() -> R {
    a_flood_from_one_address_leaves_the_portal_to_others(true).await
}

/// Limits with timeouts short enough to wait for in a test.
fn quick() -> Limits {
    Limits {
        header_read: Duration::from_millis(800),
        request: Duration::from_millis(800),
        ..Limits::default()
    }
}

/// Sends `bytes` one every 100 ms; how long the server let it go on
/// before closing the connection (at most `give_up`).
async fn trickle(connection: Connection, bytes: &[u8], give_up: Duration) -> Duration {
    let (mut reading, mut writing) = tokio::io::split(connection);
    let bytes = bytes.to_vec();
    let writer = tokio::spawn(async move {
        for byte in bytes {
            if writing.write_all(&[byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let started = Instant::now();
    let mut rest = Vec::new();
    let _ = tokio::time::timeout(give_up, reading.read_to_end(&mut rest)).await;
    writer.abort();
    started.elapsed()
}

async fn a_request_sent_a_byte_at_a_time_is_cut_off(https: bool) -> R {
    let limits = quick();
    let site = Site::start(https, limits).await?;
    let slow = b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: en, fr, de, it, es\r\n";
    let connection = site.connect(ATTACKER).await?;
    let lasted = trickle(connection, slow, Duration::from_secs(5)).await;
    assert!(
        lasted >= limits.header_read - Duration::from_millis(100)
            && lasted < limits.header_read + Duration::from_secs(1),
        "the slow request was let go after {lasted:?}"
    );
    // The visitor is served meanwhile and after.
    let mut visitor = site.connect(VISITOR).await?;
    sign_in(&site, &mut visitor).await?;
    Ok(())
}

#[tokio::test]
async fn a_request_sent_a_byte_at_a_time_is_cut_off_over_http() -> R {
    a_request_sent_a_byte_at_a_time_is_cut_off(false).await
}

#[tokio::test]
async fn a_request_sent_a_byte_at_a_time_is_cut_off_over_https() -> R {
    a_request_sent_a_byte_at_a_time_is_cut_off(true).await
}

async fn a_body_that_never_comes_gets_408(https: bool) -> R {
    let limits = quick();
    let site = Site::start(https, limits).await?;
    let mut connection = site.connect(ATTACKER).await?;
    let head = format!(
        "POST /login HTTP/1.1\r\nHost: {}\r\nOrigin: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=",
        site.addr,
        site.origin()
    );
    let started = Instant::now();
    let answer = tokio::time::timeout(Duration::from_secs(5), exchange(&mut connection, &head))
        .await
        .map_err(|_| "no answer to a body that never came")??;
    let took = started.elapsed();
    assert_eq!(answer.status, 408, "{}", answer.text());
    assert!(took >= limits.request, "answered after {took:?}");
    assert!(closed_within(&mut connection, Duration::from_secs(1)).await);
    Ok(())
}

#[tokio::test]
async fn a_body_that_never_comes_gets_408_over_http() -> R {
    a_body_that_never_comes_gets_408(false).await
}

#[tokio::test]
async fn a_body_that_never_comes_gets_408_over_https() -> R {
    a_body_that_never_comes_gets_408(true).await
}

#[tokio::test]
async fn a_form_larger_than_the_limit_is_refused_unread() -> R {
    let limits = Limits {
        max_body: 4096,
        ..Limits::default()
    };
    let site = Site::start(false, limits).await?;
    let mut connection = site.connect(VISITOR).await?;
    let login = exchange(&mut connection, &site.request("GET", "/login", "", None)).await?;
    let form_cookie = format!(
        "parc_form={}",
        login.cookie("parc_form").ok_or("no cookie")?
    );
    let padding = "a".repeat(10_000);
    let form = serde_urlencoded::to_string([
        ("csrf", login.csrf()?.as_str()),
        ("email", SOPHIE.0),
        ("password", SOPHIE.1),
        ("padding", padding.as_str()),
    ])?;
    let posted = site.request("POST", "/login", &form_cookie, Some(&form));
    let answer = exchange(&mut connection, &posted).await?;
    assert_eq!(answer.status, 413, "{}", answer.text());
    assert_eq!(answer.cookie("parc_session"), None, "not signed in");
    Ok(())
}

async fn an_idle_kept_alive_connection_is_closed(https: bool) -> R {
    let limits = quick();
    let site = Site::start(https, limits).await?;
    let mut connection = site.connect(VISITOR).await?;
    let login = exchange(&mut connection, &site.request("GET", "/login", "", None)).await?;
    assert_eq!(login.status, 200);
    let started = Instant::now();
    assert!(closed_within(&mut connection, Duration::from_secs(5)).await);
    let idle = started.elapsed();
    assert!(
        idle >= limits.header_read - Duration::from_millis(100)
            && idle < limits.header_read + Duration::from_secs(1),
        "closed after {idle:?} idle"
    );
    Ok(())
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_over_http() -> R {
    an_idle_kept_alive_connection_is_closed(false).await
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_over_https() -> R {
    an_idle_kept_alive_connection_is_closed(true).await
}

async fn portal_off_closes_the_connections_already_open(https: bool) -> R {
    let site = Site::start(https, Limits::default()).await?;
    let mut connection = site.connect(VISITOR).await?;
    let session = sign_in(&site, &mut connection).await?;
    let equipment = site.request(
        "GET",
        "/equipment",
        &format!("parc_session={session}"),
        None,
    );
    assert_eq!(exchange(&mut connection, &equipment).await?.status, 200);
    // Switched off, as the app does; the address is free at once.
    site.server.shutdown().await;
    TcpListener::bind(site.addr).await?;
    let next = tokio::time::timeout(
        Duration::from_secs(2),
        exchange(&mut connection, &equipment),
    )
    .await
    .map_err(|_| "neither answered nor closed")?;
    assert!(next.is_err(), "the old connection still answers");
    Ok(())
}

#[tokio::test]
async fn portal_off_closes_a_kept_alive_connection_over_http() -> R {
    portal_off_closes_the_connections_already_open(false).await
}

#[tokio::test]
async fn portal_off_closes_a_kept_alive_connection_over_https() -> R {
    portal_off_closes_the_connections_already_open(true).await
}

async fn invoice_of_sophies_client(db: &DatabaseConnection) -> R<i64> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT i.id FROM invoices i JOIN clients c ON c.id = i.client_id \
             WHERE c.code = 'ACME' AND i.status <> 'draft' ORDER BY i.id LIMIT 1",
        ))
        .await?
        .ok_or("no ACME invoice")?;
    Ok(row.try_get_by_index::<i32>(0)?.into())
}

/// One download of `path` on its own connection: the answer and how long it took.
async fn download(site: Arc<Site>, path: String, session: String) -> R<(Answer, Duration)> {
    let started = Instant::now();
    let mut connection = site.connect(VISITOR).await?;
    let request = site.request("GET", &path, &format!("parc_session={session}"), None);
    let answer = exchange(&mut connection, &request).await?;
    Ok((answer, started.elapsed()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invoice_pdfs_downloaded_together_are_all_right_and_pages_still_answer() -> R {
    let site = Arc::new(Site::start(false, Limits::default()).await?);
    let mut connection = site.connect(VISITOR).await?;
    let session = sign_in(&site, &mut connection).await?;
    let invoice = invoice_of_sophies_client(&site.db).await?;
    let (_, pdf) =
        parc_core::invoices::document::numbered_invoice_pdf(&site.db, &Actor::System, invoice)
            .await?;
    let expected = pdf_text(&pdf)?;
    assert!(expected.contains("FA-"), "the invoice's number: {expected}");
    let path = format!("/invoices/{invoice}/pdf");
    let (_, one) = download(site.clone(), path.clone(), session.clone()).await?;
    let mut downloads = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let download = download(site.clone(), path.clone(), session.clone());
        downloads.spawn(async move { download.await.map_err(|e| e.to_string()) });
    }
    // While they are made, a page without a PDF answers as fast as ever.
    tokio::time::sleep(one / 4).await;
    let (stylesheet, took) = download(site.clone(), "/static/portal.css".into(), session).await?;
    assert_eq!(stylesheet.status, 200);
    assert!(
        took < one,
        "the stylesheet took {took:?} while invoices were made (one invoice: {one:?})"
    );
    while let Some(done) = downloads.join_next().await {
        let (answer, _) = done.map_err(|e| e.to_string())??;
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert_eq!(answer.header("content-type"), Some("application/pdf"));
        assert_eq!(
            pdf_text(&answer.body)?,
            expected,
            "the PDF is the invoice's"
        );
    }
    Ok(())
}

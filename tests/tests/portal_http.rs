//! The client portal over real HTTP on 127.0.0.1, served by `parc-portal`
//! on a demo database file, visited with the test's own HTTP client (every
//! header its own to choose). Two clients' contacts: Sophie Durand (ACME)
//! and Julien Fournier (BOUL). What is checked is what an attacker would
//! try: another client's ids, odd ids, query-string overrides, extra form
//! fields, script in every shown field, forms from elsewhere or without
//! their token, guessing passwords, old and stolen sessions, and a reset
//! link asked with a forged Host header.

use chrono::{Duration, Utc};
use parc_api::mail::{MailSettingsInput, SmtpSecurity};
use parc_api::portal::{PortalAccessInput, PortalSettings, TicketScope};
use parc_core::portal::session_entity as portal_sessions;
use parc_core::Actor;
use parc_tests::http::{send, Reply, Visitor};
use parc_tests::portal::{PortalSite, JULIEN, R, SOPHIE};
use parc_tests::smtp_sink::Sink;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Statement,
};

type Site = PortalSite;

async fn site() -> R<Site> {
    PortalSite::start().await
}

fn manager() -> Actor {
    Actor::manager(1, "Claire")
}

async fn numbers(db: &DatabaseConnection, sql: &str) -> Vec<i64> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get_by_index::<i64>(0).unwrap())
        .collect()
}

async fn texts(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get_by_index::<String>(0).unwrap())
        .collect()
}

async fn client_id(db: &DatabaseConnection, code: &str) -> i64 {
    numbers(db, &format!("SELECT id FROM clients WHERE code = '{code}'")).await[0]
}

async fn signed_in(site: &Site, who: (&str, &str)) -> R<Visitor> {
    let mut visitor = Visitor::new(site.addr);
    let reply = visitor.sign_in(who.0, who.1).await?;
    assert_eq!(reply.status, 303, "{} signs in: {}", who.0, reply.text());
    assert_eq!(reply.header("location"), Some("/"));
    Ok(visitor)
}

/// A page without the path it echoes (the language switch returns to it).
fn without_path(reply: &Reply, path: &str) -> String {
    reply.text().replace(path, "PATH")
}

#[tokio::test]
async fn another_clients_records_answer_exactly_like_missing_ones() -> R {
    let site = site().await?;
    let db = &site.db;
    let mut sophie = signed_in(&site, SOPHIE).await?;
    let acme = client_id(db, "ACME").await;
    let boul = client_id(db, "BOUL").await;
    let routes = [
        (
            "/equipment/{}",
            "SELECT id FROM equipment WHERE client_id = {c}",
            "SELECT id FROM equipment WHERE client_id = {c}",
        ),
        (
            "/tickets/{}",
            "SELECT id FROM tickets WHERE client_id = {c}",
            "SELECT id FROM tickets WHERE client_id = {c}",
        ),
        (
            "/invoices/{}/pdf",
            "SELECT id FROM invoices WHERE client_id = {c}",
            "SELECT id FROM invoices WHERE client_id = {c} AND status <> 'draft'",
        ),
    ];
    for (route, all_sql, visible_sql) in routes {
        let theirs = numbers(db, &all_sql.replace("{c}", &boul.to_string())).await;
        let ours = numbers(db, &visible_sql.replace("{c}", &acme.to_string())).await;
        assert!(!theirs.is_empty() && !ours.is_empty(), "{route}: demo rows");
        let missing_path = route.replace("{}", "2000000000");
        let missing = sophie.get(&missing_path).await?;
        assert_eq!(missing.status, 404, "{missing_path}");
        let missing_page = without_path(&missing, &missing_path);
        for id in theirs.iter().take(5) {
            let path = route.replace("{}", &id.to_string());
            let reply = sophie.get(&path).await?;
            assert_eq!(reply.status, 404, "{path} is BOUL's");
            assert_eq!(
                without_path(&reply, &path),
                missing_page,
                "{path}: same page as a missing one"
            );
            // Its neighbours: shown only when they are ACME's own.
            for near in [id - 1, id + 1] {
                let path = route.replace("{}", &near.to_string());
                let status = sophie.get(&path).await?.status;
                let expected = if ours.contains(&near) { 200 } else { 404 };
                assert_eq!(status, expected, "{path}");
            }
        }
        let own = route.replace("{}", &ours[0].to_string());
        assert_eq!(sophie.get(&own).await?.status, 200, "{own} is ACME's");
        for odd in [
            "0",
            "-1",
            "-9223372036854775808",
            "9223372036854775807",
            "99999999999999999999",
            "abc",
            "1.5",
            "1e3",
            "0x10",
            "+1",
            "%2e%2e",
            "1%00",
            "%20",
        ] {
            let path = route.replace("{}", odd);
            assert_eq!(sophie.get(&path).await?.status, 404, "{path}");
        }
    }
    // Replying to BOUL's ticket: not found, and nothing written.
    let their_ticket = numbers(
        db,
        &format!("SELECT id FROM tickets WHERE client_id = {boul}"),
    )
    .await[0];
    let count = format!("SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = {their_ticket}");
    let before = numbers(db, &count).await;
    sophie.get("/tickets").await?;
    let reply = sophie
        .post(
            &format!("/tickets/{their_ticket}/reply"),
            &[("body", "hello")],
        )
        .await?;
    assert_eq!(reply.status, 404);
    assert_eq!(numbers(db, &count).await, before);

    // Asking for BOUL's rows in the query string changes nothing.
    let their_refs = texts(
        db,
        &format!(
            "SELECT reference FROM equipment WHERE client_id = {boul} ORDER BY reference LIMIT 5"
        ),
    )
    .await;
    let their_tickets = texts(
        db,
        &format!("SELECT reference FROM tickets WHERE client_id = {boul}"),
    )
    .await;
    for path in [
        format!("/equipment?client_id={boul}&client={boul}&filter[client_id]={boul}"),
        format!("/tickets?view=all&client_id={boul}"),
        format!("/invoices?client_id={boul}"),
        format!("/contracts?client_id={boul}"),
        format!("/licences?client_id={boul}"),
        "/equipment?sort=client&dir=asc".to_owned(),
        "/equipment?sort=name)%3BDROP%20TABLE%20equipment%3B--&dir=sideways".to_owned(),
    ] {
        let reply = sophie.get(&path).await?;
        assert_eq!(reply.status, 200, "{path}");
        let text = reply.text();
        assert!(!text.contains("Boulangeries Fournier"), "{path} names BOUL");
        for reference in their_refs.iter().chain(&their_tickets) {
            assert!(
                !text.contains(&format!(">{reference}<")),
                "{path} shows BOUL's {reference}"
            );
        }
    }
    assert!(!numbers(db, "SELECT COUNT(*) FROM equipment")
        .await
        .is_empty());

    // A new ticket's client, requester, channel, status and assignee are
    // the contact's and the portal's, whatever fields the form carries.
    let their_contact = numbers(
        db,
        &format!("SELECT id FROM contacts WHERE client_id = {boul}"),
    )
    .await[0];
    let sophie_id = numbers(
        db,
        "SELECT id FROM contacts WHERE email = 'sophie.durand@acme-logistique.fr'",
    )
    .await[0];
    sophie.get("/tickets/new").await?;
    let reply = sophie
        .post(
            "/tickets",
            &[
                ("title", "Printer jammed"),
                ("description", "Paper stuck"),
                ("priority", "high"),
                ("client_id", &boul.to_string()),
                ("client", &boul.to_string()),
                ("channel", "phone"),
                ("requester_id", &their_contact.to_string()),
                ("status", "closed"),
                ("assignee_id", "1"),
                ("category_id", "1"),
                ("created_by_user_id", "1"),
            ],
        )
        .await?;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let row = texts(
        db,
        "SELECT client_id || ' ' || channel || ' ' || requester_id || ' ' || created_by_contact_id || ' ' || \
         COALESCE(assignee_id, 'none') || ' ' || COALESCE(category_id, 'none') || ' ' || priority \
         FROM tickets WHERE title = 'Printer jammed'",
    )
    .await;
    assert_eq!(
        row,
        [format!(
            "{acme} portal {sophie_id} {sophie_id} none none high"
        )]
    );
    // BOUL's site or equipment on a ticket: refused, nothing created.
    let their_site = numbers(
        db,
        &format!("SELECT id FROM sites WHERE client_id = {boul}"),
    )
    .await[0];
    let their_item = numbers(
        db,
        &format!("SELECT id FROM equipment WHERE client_id = {boul}"),
    )
    .await[0];
    for (field, id) in [("site", their_site), ("equipment", their_item)] {
        let reply = sophie
            .post("/tickets", &[("title", "Sneaky"), (field, &id.to_string())])
            .await?;
        assert_eq!(reply.status, 400, "{field}");
        assert!(
            reply.text().contains("id=\"problem\""),
            "{field}: the form says why"
        );
    }
    assert_eq!(
        numbers(db, "SELECT COUNT(*) FROM tickets WHERE title = 'Sneaky'").await,
        [0]
    );
    // A contract still being prepared is not shown.
    let draft = texts(
        db,
        &format!("SELECT reference FROM contracts WHERE client_id = {acme} ORDER BY id LIMIT 1"),
    )
    .await;
    db.execute_unprepared(&format!(
        "UPDATE contracts SET status = 'draft' WHERE reference = '{}'",
        draft[0]
    ))
    .await?;
    let contracts = sophie.get("/contracts").await?.text();
    assert!(!contracts.contains(&draft[0]), "a draft contract is shown");
    // A ticket whose machine went to another client does not name it.
    let ours = numbers(
        db,
        &format!("SELECT id FROM tickets WHERE client_id = {acme} ORDER BY id LIMIT 1"),
    )
    .await[0];
    let their_machine = texts(
        db,
        &format!("SELECT reference FROM equipment WHERE id = {their_item}"),
    )
    .await;
    db.execute_unprepared(&format!(
        "UPDATE tickets SET equipment_id = {their_item} WHERE id = {ours}"
    ))
    .await?;
    let page = sophie.get(&format!("/tickets/{ours}")).await?;
    assert_eq!(page.status, 200);
    assert!(
        !page.text().contains(&their_machine[0]),
        "another client's machine named"
    );
    // A page number past any list is the empty last page, not a failure.
    let far = sophie.get("/contracts?page=18446744073709551615").await?;
    assert_eq!(far.status, 200);
    Ok(())
}

const PAYLOAD: &str = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'";

fn assert_escaped(reply: &Reply, what: &str) {
    let text = reply.text();
    assert!(
        !text.contains("<script>alert"),
        "{what}: a script tag came out raw"
    );
    assert!(
        !text.contains("<img src=x"),
        "{what}: an img tag came out raw"
    );
    assert!(
        text.contains("&#60;script&#62;"),
        "{what}: the payload is shown, escaped"
    );
}

#[tokio::test]
async fn script_written_anywhere_comes_out_as_text() -> R {
    let site = site().await?;
    let db = &site.db;
    let acme = client_id(db, "ACME").await;
    let sql =
        |s: &str| Statement::from_sql_and_values(db.get_database_backend(), s, [PAYLOAD.into()]);
    // What a technician (or an import) may have typed into the records shown.
    for statement in [
        format!("UPDATE equipment SET name = ?, serial = name WHERE id = (SELECT MIN(id) FROM equipment WHERE client_id = {acme})"),
        format!("UPDATE sites SET name = ? WHERE id = (SELECT MIN(id) FROM sites WHERE client_id = {acme})"),
        format!("UPDATE contracts SET kind = ? WHERE client_id = {acme}"),
        "UPDATE software SET publisher = ?".to_owned(),
        format!("UPDATE clients SET name = ? WHERE id = {acme}"),
    ] {
        db.execute_raw(sql(&statement)).await?;
    }
    let technician = Actor::technician(2, "Hugo");
    let ticket = parc_core::desk::tickets::create_ticket(
        db,
        &technician,
        &parc_api::tickets::TicketInput {
            client_id: acme,
            site_id: None,
            equipment_id: None,
            requester_id: None,
            title: PAYLOAD.into(),
            description: PAYLOAD.into(),
            category_id: None,
            priority: Default::default(),
            channel: parc_api::tickets::Channel::Phone,
        },
    )
    .await?;
    let id = ticket.row.id;
    for (public, body) in [(true, PAYLOAD), (false, "INTERNAL-NOTE-42")] {
        parc_core::desk::tickets::add_message(
            db,
            &technician,
            &parc_api::tickets::TicketMessageInput {
                ticket_id: id,
                public,
                body: body.into(),
            },
        )
        .await?;
    }
    let mut sophie = signed_in(&site, SOPHIE).await?;
    // And what the client types.
    sophie.get("/tickets/new").await?;
    let reply = sophie
        .post("/tickets", &[("title", PAYLOAD), ("description", PAYLOAD)])
        .await?;
    assert_eq!(reply.status, 303);
    let theirs = reply.header("location").unwrap_or_default().to_owned();
    sophie.get(&theirs).await?;
    sophie
        .post(&format!("{theirs}/reply"), &[("body", PAYLOAD)])
        .await?;
    let item = numbers(
        db,
        &format!("SELECT MIN(id) FROM equipment WHERE client_id = {acme}"),
    )
    .await[0];
    for path in [
        "/".to_owned(),
        "/equipment".to_owned(),
        format!("/equipment/{item}"),
        "/tickets".to_owned(),
        format!("/tickets/{id}"),
        theirs.clone(),
        "/tickets/new".to_owned(),
        "/contracts".to_owned(),
        "/licences".to_owned(),
    ] {
        let reply = sophie.get(&path).await?;
        assert_eq!(reply.status, 200, "{path}");
        assert_escaped(&reply, &path);
    }
    let page = sophie.get(&format!("/tickets/{id}")).await?.text();
    assert!(
        !page.contains("INTERNAL-NOTE-42"),
        "an internal note is never shown"
    );
    Ok(())
}

#[tokio::test]
async fn forms_from_elsewhere_or_without_their_token_are_refused() -> R {
    let site = site().await?;
    let db = &site.db;
    let mut sophie = signed_in(&site, SOPHIE).await?;
    let mut julien = signed_in(&site, JULIEN).await?;
    julien.get("/").await?;
    sophie.get("/tickets/new").await?;
    let token = sophie.csrf.clone().unwrap_or_default();
    let ours = sophie.origin();
    let body = |csrf: &str| format!("csrf={csrf}&title=Forged");
    type Attempt<'a> = (&'a str, Vec<(&'a str, String)>, String);
    let attempts: Vec<Attempt> = vec![
        (
            "a foreign Origin",
            vec![("Origin", "http://evil.example".into())],
            body(&token),
        ),
        ("Origin null", vec![("Origin", "null".into())], body(&token)),
        ("no Origin nor Referer", vec![], body(&token)),
        (
            "a foreign Referer",
            vec![("Referer", "http://evil.example/page".into())],
            body(&token),
        ),
        (
            "a lookalike Referer",
            vec![("Referer", format!("{ours}.evil.example/"))],
            body(&token),
        ),
        (
            "no token",
            vec![("Origin", ours.clone())],
            "title=Forged".into(),
        ),
        (
            "a wrong token",
            vec![("Origin", ours.clone())],
            body("0123456789abcdef"),
        ),
        (
            "another session's token",
            vec![("Origin", ours.clone())],
            body(julien.csrf.as_deref().unwrap_or("")),
        ),
    ];
    for (what, headers, body) in attempts {
        let reply = sophie.post_raw("/tickets", &headers, &body).await?;
        assert_eq!(reply.status, 403, "{what}");
    }
    assert_eq!(
        numbers(db, "SELECT COUNT(*) FROM tickets WHERE title = 'Forged'").await,
        [0]
    );
    // The same form from the portal's page goes through (its Referer alone will do).
    let reply = sophie
        .post_raw(
            "/tickets",
            &[("Referer", format!("{ours}/tickets/new"))],
            &body(&token),
        )
        .await?;
    assert_eq!(reply.status, 303);
    // Signing out from elsewhere does nothing; a GET changes nothing either.
    let reply = sophie
        .post_raw(
            "/logout",
            &[("Origin", "http://evil.example".into())],
            &format!("csrf={token}"),
        )
        .await?;
    assert_eq!(reply.status, 403);
    assert_eq!(sophie.get("/logout").await?.status, 405);
    assert_eq!(sophie.get("/").await?.status, 200, "still signed in");
    // Signing in from another site (login CSRF) is refused too.
    let mut stranger = Visitor::new(site.addr);
    stranger.get("/login").await?;
    let form = format!(
        "csrf={}&email={}&password={}",
        stranger.csrf.clone().unwrap_or_default(),
        JULIEN.0,
        JULIEN.1
    );
    let reply = stranger
        .post_raw("/login", &[("Origin", "http://evil.example".into())], &form)
        .await?;
    assert_eq!(reply.status, 403);
    Ok(())
}

#[tokio::test]
async fn guessing_passwords_is_throttled_and_tells_nothing() -> R {
    let site = site().await?;
    let mut visitor = Visitor::new(site.addr);
    visitor.get("/login").await?;
    // Unknown and known addresses: the same answer, in about the same time.
    let mut timings = Vec::new();
    let mut pages = Vec::new();
    for email in [
        "nobody@nowhere.example",
        JULIEN.0,
        "nobody@nowhere.example",
        JULIEN.0,
    ] {
        let started = std::time::Instant::now();
        let reply = visitor
            .post(
                "/login",
                &[("email", email), ("password", "wrong-password-1")],
            )
            .await?;
        timings.push((email, started.elapsed()));
        assert_eq!(reply.status, 200);
        assert!(reply.text().contains("Wrong e-mail or password."));
        pages.push(reply.text().replace(email, "EMAIL"));
    }
    assert!(
        pages.windows(2).all(|w| w[0] == w[1]),
        "the same page for known and unknown addresses"
    );
    let mean = |who: &str| {
        let times: Vec<f64> = timings
            .iter()
            .filter(|(e, _)| *e == who)
            .map(|(_, t)| t.as_secs_f64())
            .collect();
        times.iter().sum::<f64>() / times.len() as f64
    };
    let (unknown, known) = (mean("nobody@nowhere.example"), mean(JULIEN.0));
    assert!(
        unknown > known / 3.0 && unknown < known * 3.0,
        "unknown {unknown:.3}s, known {known:.3}s"
    );

    // Five failures for Sophie: then even her right password is refused for a while.
    for _ in 0..5 {
        visitor
            .post(
                "/login",
                &[("email", SOPHIE.0), ("password", "guess-guess-1")],
            )
            .await?;
    }
    let reply = visitor
        .post("/login", &[("email", SOPHIE.0), ("password", SOPHIE.1)])
        .await?;
    assert_eq!(reply.status, 429);
    assert!(reply.text().contains("Too many attempts"));
    assert!(reply
        .set_cookies()
        .iter()
        .all(|(name, ..)| name != "parc_session"));
    // Julien (same address, his own two failures above) still signs in.
    let reply = Visitor::new(site.addr).sign_in(JULIEN.0, JULIEN.1).await?;
    assert_eq!(reply.status, 303);
    // Twenty failures from one address, over many accounts: the address waits.
    for n in 0..20 {
        let email = format!("spray{n}@nowhere.example");
        visitor
            .post("/login", &[("email", &email), ("password", "x")])
            .await?;
    }
    let reply = Visitor::new(site.addr).sign_in(JULIEN.0, JULIEN.1).await?;
    assert_eq!(reply.status, 429);
    Ok(())
}

async fn age_sessions(db: &DatabaseConnection, column: portal_sessions::Column, by: Duration) -> R {
    portal_sessions::Entity::update_many()
        .col_expr(column, Expr::value(Utc::now() - by))
        .filter(portal_sessions::Column::ContactId.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Whether the visitor's session still opens the home page.
async fn still_in(visitor: &mut Visitor) -> R<bool> {
    let reply = visitor.get("/").await?;
    match reply.status {
        200 => Ok(true),
        303 => {
            assert_eq!(reply.header("location"), Some("/login?ended=1"));
            Ok(false)
        }
        other => Err(format!("unexpected {other}").into()),
    }
}

#[tokio::test]
async fn sessions_are_renewed_at_sign_in_and_end_when_they_should() -> R {
    let site = site().await?;
    let db = &site.db;
    // A session id planted before sign-in is not the one given after it.
    let mut sophie = Visitor::new(site.addr);
    sophie
        .cookies
        .insert("parc_session".into(), "planted-by-an-attacker".into());
    sophie.get("/login").await?;
    let reply = sophie
        .post("/login", &[("email", SOPHIE.0), ("password", SOPHIE.1)])
        .await?;
    let cookie = reply
        .set_cookies()
        .into_iter()
        .find(|(name, ..)| name == "parc_session")
        .ok_or("no session cookie")?;
    assert_ne!(cookie.1, "planted-by-an-attacker");
    assert!(cookie.1.len() >= 32, "at least 128 bits");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.2.contains(attribute), "{}", cookie.2);
    }
    // Signing in again gives a new id, and the old one is over.
    let first = cookie.1.clone();
    let mut again = Visitor::new(site.addr);
    again.cookies.insert("parc_session".into(), first.clone());
    assert_eq!(again.get("/").await?.status, 200);
    let reply = again
        .post("/login", &[("email", SOPHIE.0), ("password", SOPHIE.1)])
        .await?;
    assert_eq!(reply.status, 303);
    assert_ne!(again.cookies.get("parc_session"), Some(&first));
    assert!(
        !still_in(&mut sophie).await?,
        "the session it replaced is over"
    );
    // Sign-out ends it on the server, not only in the browser.
    let mut sophie = signed_in(&site, SOPHIE).await?;
    let id = sophie
        .cookies
        .get("parc_session")
        .cloned()
        .unwrap_or_default();
    sophie.get("/").await?;
    let reply = sophie.post("/logout", &[]).await?;
    assert_eq!(reply.header("location"), Some("/login?out=1"));
    assert!(!sophie.cookies.contains_key("parc_session"));
    sophie.cookies.insert("parc_session".into(), id);
    assert!(!still_in(&mut sophie).await?);
    // A form sent with the ended session: back to sign-in, not a refusal.
    let reply = sophie
        .post("/tickets", &[("title", "After the end")])
        .await?;
    assert_eq!(reply.header("location"), Some("/login?ended=1"));
    // Idle for 29 minutes: still in; 31: out.
    let mut sophie = signed_in(&site, SOPHIE).await?;
    age_sessions(
        db,
        portal_sessions::Column::LastSeenAt,
        Duration::minutes(29),
    )
    .await?;
    assert!(still_in(&mut sophie).await?);
    age_sessions(
        db,
        portal_sessions::Column::LastSeenAt,
        Duration::minutes(31),
    )
    .await?;
    assert!(!still_in(&mut sophie).await?);
    // Busy, but signed in 12 hours ago: out.
    let mut sophie = signed_in(&site, SOPHIE).await?;
    age_sessions(
        db,
        portal_sessions::Column::CreatedAt,
        Duration::hours(12) + Duration::minutes(1),
    )
    .await?;
    assert!(!still_in(&mut sophie).await?);
    // The contact archived, the client archived, the access switched off:
    // out at the next request, and no new sign-in.
    let sophie_id = numbers(
        db,
        "SELECT id FROM contacts WHERE email = 'sophie.durand@acme-logistique.fr'",
    )
    .await[0];
    let mut sophie = signed_in(&site, SOPHIE).await?;
    parc_core::clients::set_contact_archived(db, &manager(), sophie_id, true).await?;
    assert!(!still_in(&mut sophie).await?);
    assert_eq!(
        Visitor::new(site.addr)
            .sign_in(SOPHIE.0, SOPHIE.1)
            .await?
            .status,
        200
    );
    parc_core::clients::set_contact_archived(db, &manager(), sophie_id, false).await?;
    let mut sophie = signed_in(&site, SOPHIE).await?;
    let acme = client_id(db, "ACME").await;
    parc_core::clients::set_client_archived(db, &manager(), acme, true).await?;
    assert!(!still_in(&mut sophie).await?);
    parc_core::clients::set_client_archived(db, &manager(), acme, false).await?;
    let mut sophie = signed_in(&site, SOPHIE).await?;
    let off = PortalAccessInput {
        contact_id: sophie_id,
        enabled: false,
        ticket_scope: TicketScope::Client,
    };
    parc_core::portal::accounts::set_access(db, &manager(), &off).await?;
    assert!(!still_in(&mut sophie).await?);
    let reply = Visitor::new(site.addr).sign_in(SOPHIE.0, SOPHIE.1).await?;
    assert!(reply.text().contains("Wrong e-mail or password."));
    // Julien cannot take Sophie's address while both may sign in.
    let on = PortalAccessInput {
        contact_id: sophie_id,
        enabled: true,
        ticket_scope: TicketScope::Client,
    };
    parc_core::portal::accounts::set_access(db, &manager(), &on).await?;
    let julien_id = numbers(
        db,
        "SELECT id FROM contacts WHERE email = 'julien@fournier-boulangeries.fr'",
    )
    .await[0];
    let boul = client_id(db, "BOUL").await;
    let taken = parc_core::clients::update_contact(
        db,
        &manager(),
        julien_id,
        &parc_api::clients::ContactInput {
            client_id: boul,
            name: "Julien Fournier".into(),
            job_title: "Gérant".into(),
            email: SOPHIE.0.into(),
            phone: String::new(),
            primary: true,
        },
    )
    .await;
    match taken {
        Err(parc_core::CoreError::Validation { field, .. }) => assert_eq!(field, "email"),
        other => panic!("taking another portal account's address: {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn the_portal_answers_its_own_names_and_addresses_only() -> R {
    let site = site().await?;
    let settings = PortalSettings {
        base_url: "https://Portal.Parc-Demo.lan:8470".into(),
        ..Default::default()
    };
    parc_core::portal::settings::save(&site.db, &manager(), &settings).await?;
    let addr = site.restart().await?;
    for host in [
        "portal.parc-demo.lan:8470",
        "PORTAL.parc-demo.lan",
        "localhost:8470",
        "192.168.1.20:8470",
        "[::1]:8470",
    ] {
        let page = send(addr, "GET", "/login", &[("Host", host.into())], None).await?;
        assert_eq!(page.status, 200, "Host {host}");
    }
    for host in [
        "evil.example",
        "portal.parc-demo.lan.evil.example:8470",
        "192.168.1.20.nip.io",
    ] {
        let page = send(addr, "GET", "/login", &[("Host", host.into())], None).await?;
        assert_eq!(page.status, 421, "Host {host}");
        assert!(!page.text().contains("<form"), "no page for Host {host}");
        assert_eq!(
            page.header("x-frame-options"),
            Some("DENY"),
            "the security headers on a refusal too"
        );
    }
    Ok(())
}

#[tokio::test]
async fn a_reset_link_uses_the_configured_address_whatever_the_host_header() -> R {
    let site = site().await?;
    let db = &site.db;
    let sink = Sink::start()?;
    parc_core::mail::smtp::save(
        db,
        &manager(),
        &MailSettingsInput {
            host: "127.0.0.1".into(),
            port: sink.port.to_string(),
            security: SmtpSecurity::None,
            from_address: "support@parc-demo.fr".into(),
            from_name: "Parc Démo Services".into(),
            ..Default::default()
        },
    )
    .await?;
    let settings = PortalSettings {
        base_url: "http://portal.parc-demo.lan:8470/".into(),
        ..Default::default()
    };
    parc_core::portal::settings::save(db, &manager(), &settings).await?;
    let mut signed = signed_in(&site, SOPHIE).await?;
    // A name the portal does not go by is refused before any page (DNS
    // rebinding), and asks for nothing.
    let evil = vec![("Host", "evil.example".to_owned())];
    for path in ["/reset", "/login", "/"] {
        let refused = send(site.addr, "GET", path, &evil, None).await?;
        assert_eq!(refused.status, 421, "{path} for Host evil.example");
        assert!(refused.set_cookies().is_empty());
    }
    // The attacker asks for Sophie's reset, telling the portal it is at an
    // address of theirs (an address is answered: it cannot be rebound).
    let forged = vec![("Host", "10.66.66.66".to_owned())];
    let page = send(site.addr, "GET", "/reset", &forged, None).await?;
    let form_cookie = page
        .set_cookies()
        .into_iter()
        .find(|(name, ..)| name == "parc_form")
        .ok_or("no form cookie")?
        .1;
    let body = format!("csrf={form_cookie}&email={}", SOPHIE.0);
    let headers = vec![
        ("Host", "10.66.66.66".to_owned()),
        ("Origin", "http://10.66.66.66".to_owned()),
        ("Cookie", format!("parc_form={form_cookie}")),
    ];
    let reply = send(site.addr, "POST", "/reset", &headers, Some(&body)).await?;
    assert_eq!(reply.status, 200);
    assert!(reply.text().contains("a link is on its way"));
    // An unknown address gets the same answer, and no mail.
    let body = format!("csrf={form_cookie}&email=nobody@nowhere.example");
    let unknown = send(site.addr, "POST", "/reset", &headers, Some(&body)).await?;
    assert_eq!(unknown.text(), reply.text());
    // Asked again at once: the same answer, but no second link nor mail;
    // and asking signs nobody out.
    let body = format!("csrf={form_cookie}&email={}", SOPHIE.0);
    let again = send(site.addr, "POST", "/reset", &headers, Some(&body)).await?;
    assert_eq!(again.text(), reply.text());
    assert_eq!(signed.get("/").await?.status, 200);
    let mut mail = None;
    for _ in 0..50 {
        parc_core::mail::send::deliver_due(db, None, Utc::now()).await?;
        let received = sink.received();
        if !received.is_empty() {
            assert_eq!(received.len(), 1, "one mail, for Sophie only");
            let message = mail_parser::MessageParser::default()
                .parse(&received[0])
                .ok_or("an unreadable mail")?;
            let to: Vec<String> = message
                .to()
                .map(|to| {
                    to.iter()
                        .filter_map(|a| a.address().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            assert_eq!(to, [SOPHIE.0]);
            mail = message.body_text(0).map(|b| b.into_owned());
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let mail = mail.ok_or("no reset mail arrived")?;
    assert!(
        !mail.contains("10.66.66.66"),
        "the forged host is not in the mail"
    );
    let start = mail
        .find("http://portal.parc-demo.lan:8470/password/")
        .ok_or("no link")?;
    let link: String = mail[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || ":/.-".contains(*c))
        .collect();
    let path = link
        .trim_start_matches("http://portal.parc-demo.lan:8470")
        .to_owned();
    // Once sent, the log keeps no copy of the link.
    let token = path.trim_start_matches("/password/");
    assert_eq!(
        numbers(
            db,
            &format!("SELECT COUNT(*) FROM outbox WHERE body LIKE '%{token}%'")
        )
        .await,
        [0]
    );
    // The link: a password too short, two that differ, then a good one.
    let mut sophie = Visitor::new(site.addr);
    let form = sophie.get(&path).await?;
    assert_eq!(form.status, 200);
    assert!(form.text().contains("Sophie Durand"));
    let short = sophie
        .post(&path, &[("password", "short"), ("repeat", "short")])
        .await?;
    assert_eq!(short.status, 400);
    assert!(short.text().contains("at least 12 characters"));
    let differ = sophie
        .post(
            &path,
            &[
                ("password", "a-new-long-secret"),
                ("repeat", "another-long-one"),
            ],
        )
        .await?;
    assert!(differ.text().contains("the two passwords differ"));
    let saved = sophie
        .post(
            &path,
            &[
                ("password", "a-new-long-secret"),
                ("repeat", "a-new-long-secret"),
            ],
        )
        .await?;
    assert_eq!(saved.header("location"), Some("/login?saved=1"));
    assert_eq!(
        Visitor::new(site.addr)
            .sign_in(SOPHIE.0, "a-new-long-secret")
            .await?
            .status,
        303
    );
    assert_eq!(
        Visitor::new(site.addr)
            .sign_in(SOPHIE.0, SOPHIE.1)
            .await?
            .status,
        200,
        "the old password is gone"
    );
    // A link works once.
    assert_eq!(Visitor::new(site.addr).get(&path).await?.status, 404);
    // And for 48 hours only.
    let sophie_id = numbers(
        db,
        "SELECT id FROM contacts WHERE email = 'sophie.durand@acme-logistique.fr'",
    )
    .await[0];
    let (token, expires) = parc_core::portal::accounts::issue_link(
        db,
        &manager(),
        sophie_id,
        parc_api::portal::LinkPurpose::Invitation,
    )
    .await?;
    let hours = (expires - Utc::now()).num_minutes();
    assert!((47 * 60..=48 * 60).contains(&hours), "{hours} minutes");
    parc_core::portal::link_entity::Entity::update_many()
        .col_expr(
            parc_core::portal::link_entity::Column::ExpiresAt,
            Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .exec(db)
        .await?;
    assert_eq!(
        Visitor::new(site.addr)
            .get(&format!("/password/{token}"))
            .await?
            .status,
        404
    );
    Ok(())
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() -> R {
    let site = site().await?;
    let mut sophie = signed_in(&site, SOPHIE).await?;
    for path in [
        "/",
        "/login",
        "/equipment",
        "/static/portal.css",
        "/nowhere",
    ] {
        let reply = sophie.get(path).await?;
        let csp = reply.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert_eq!(
            reply.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            reply.header("referrer-policy"),
            Some("same-origin"),
            "{path}"
        );
    }
    assert_eq!(
        sophie.get("/").await?.header("cache-control"),
        Some("no-store")
    );
    // The invoice PDF: a download, by the invoice's id.
    let acme = client_id(&site.db, "ACME").await;
    let invoice = numbers(
        &site.db,
        &format!("SELECT id FROM invoices WHERE client_id = {acme} AND status <> 'draft'"),
    )
    .await[0];
    let pdf = sophie.get(&format!("/invoices/{invoice}/pdf")).await?;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf
        .header("content-disposition")
        .unwrap_or_default()
        .starts_with("attachment; filename=\"FA-"));
    assert!(pdf.body.starts_with(b"%PDF"));
    Ok(())
}

#[tokio::test]
async fn sign_in_attempts_sent_together_are_counted_together() -> R {
    let site = site().await?;
    let mut visitors = Vec::new();
    for _ in 0..12 {
        let mut visitor = Visitor::new(site.addr);
        visitor.get("/login").await?;
        visitors.push(visitor);
    }
    let mut tasks = Vec::new();
    for mut visitor in visitors {
        tasks.push(tokio::spawn(async move {
            visitor
                .post(
                    "/login",
                    &[("email", JULIEN.0), ("password", "a-guess-in-parallel")],
                )
                .await
                .map(|reply| reply.status)
                .map_err(|e| e.to_string())
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await??);
    }
    let checked = statuses.iter().filter(|s| **s == 200).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((checked, refused), (5, 7), "five checked, the rest refused");
    Ok(())
}

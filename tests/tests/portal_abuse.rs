//! The portal against what a stranger, or a contact, can repeat: guessing
//! a contact's password to lock them out, asking resets for addresses they
//! do not own, opening tickets and sessions without end; and what stays
//! behind: sessions that outlive an archived contact, live links in the
//! mail log. Over real HTTP on 127.0.0.1 (and 127.0.0.2, another peer on
//! this machine), on a demo database file.

use chrono::{Duration, Utc};
use parc_api::mail::{MailSettingsInput, OutboxStatus, SmtpSecurity};
use parc_api::portal::{PortalAccessInput, PortalSettings, TicketScope};
use parc_api::tickets::{Channel, TicketInput, TicketMessageInput};
use parc_core::desk::ticket_entity as tickets;
use parc_core::portal::session_entity as portal_sessions;
use parc_core::portal::{limits, sessions};
use parc_core::Actor;
use parc_tests::http::{Reply, Visitor};
use parc_tests::portal::{PortalSite, JULIEN, R, SOPHIE};
use parc_tests::smtp_sink::Sink;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Statement,
    TransactionTrait,
};
use std::net::IpAddr;
use std::time::Instant;

const ATTACKER: [u8; 4] = [127, 0, 0, 2];
const OWNER: [u8; 4] = [127, 0, 0, 1];

#[tokio::test]
async fn a_strangers_guesses_do_not_lock_the_owner_out() -> R {
    let site = PortalSite::start().await?;
    let mut attacker = Visitor::at(site.addr, IpAddr::from(ATTACKER));
    attacker.get("/login").await?;
    let mut statuses = Vec::new();
    for _ in 0..30 {
        let reply = attacker
            .post(
                "/login",
                &[("email", SOPHIE.0), ("password", "guess-guess-1")],
            )
            .await?;
        statuses.push(reply.status);
    }
    let checked = statuses.iter().filter(|s| **s == 200).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(
        (checked, refused),
        (5, 25),
        "five guesses checked, then refused"
    );
    // The owner, from their own address, signs in at once.
    let mut owner = Visitor::at(site.addr, IpAddr::from(OWNER));
    let reply = owner.sign_in(SOPHIE.0, SOPHIE.1).await?;
    assert_eq!(reply.status, 303, "the owner is let in: {}", reply.text());
    assert_eq!(owner.get("/").await?.status, 200);
    // From the attacker's address even the right password waits, and says how long.
    let reply = attacker
        .post("/login", &[("email", SOPHIE.0), ("password", SOPHIE.1)])
        .await?;
    assert_eq!(reply.status, 429);
    assert!(reply.text().contains("Too many attempts"));
    let wait: u64 = reply.header("retry-after").unwrap_or("").parse()?;
    assert!((1..=15 * 60).contains(&wait), "Retry-After {wait}");
    Ok(())
}

fn manager() -> Actor {
    Actor::manager(1, "Claire")
}

async fn numbers(db: &DatabaseConnection, sql: &str) -> R<Vec<i64>> {
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row.try_get_by_index::<i64>(0)?);
    }
    Ok(out)
}

async fn number(db: &DatabaseConnection, sql: &str) -> R<i64> {
    numbers(db, sql)
        .await?
        .first()
        .copied()
        .ok_or_else(|| format!("no row for {sql}").into())
}

async fn contact_id(db: &DatabaseConnection, email: &str) -> R<i64> {
    number(
        db,
        &format!("SELECT id FROM contacts WHERE email = '{email}'"),
    )
    .await
}

async fn signed_in(site: &PortalSite, who: (&str, &str)) -> R<Visitor> {
    let mut visitor = Visitor::new(site.addr);
    let reply = visitor.sign_in(who.0, who.1).await?;
    assert_eq!(reply.status, 303, "{} signs in: {}", who.0, reply.text());
    Ok(visitor)
}

/// Whether the visitor's session still opens the home page.
async fn still_in(visitor: &mut Visitor) -> R<bool> {
    let reply = visitor.get("/").await?;
    match reply.status {
        200 => Ok(true),
        303 => Ok(false),
        other => Err(format!("unexpected {other}: {}", reply.text()).into()),
    }
}

/// Waits for `what` to hold, looking every 50 ms, for at most 15 s.
async fn until<F, Fut>(what: &str, mut holds: F) -> R
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = R<bool>>,
{
    let started = Instant::now();
    while !holds().await? {
        if started.elapsed() > std::time::Duration::from_secs(15) {
            return Err(format!("never: {what}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Ok(())
}

/// Mail through an SMTP server on `port` of this machine, and the portal's
/// links at a base URL of its own.
async fn mail_through(db: &DatabaseConnection, port: u16) -> R {
    parc_core::mail::smtp::save(
        db,
        &manager(),
        &MailSettingsInput {
            host: "127.0.0.1".into(),
            port: port.to_string(),
            security: SmtpSecurity::None,
            from_address: "support@parc-demo.fr".into(),
            from_name: "Parc Démo Services".into(),
            ..Default::default()
        },
    )
    .await?;
    let settings = PortalSettings {
        base_url: "http://portal.parc-demo.lan:8470".into(),
        ..Default::default()
    };
    parc_core::portal::settings::save(db, &manager(), &settings).await?;
    Ok(())
}

/// Demo contacts with an address and no portal access yet, let in now.
async fn let_in(db: &DatabaseConnection, how_many: usize) -> R<Vec<(i64, String)>> {
    let sql = "SELECT id, email FROM contacts WHERE email <> '' AND NOT archived \
               AND id NOT IN (SELECT contact_id FROM portal_accounts) ORDER BY id";
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    let mut contacts = Vec::new();
    for row in rows.iter().take(how_many) {
        let id: i64 = row.try_get_by_index(0)?;
        let email: String = row.try_get_by_index(1)?;
        let access = PortalAccessInput {
            contact_id: id,
            enabled: true,
            ticket_scope: TicketScope::Client,
        };
        parc_core::portal::accounts::set_access(db, &manager(), &access).await?;
        contacts.push((id, email));
    }
    assert_eq!(contacts.len(), how_many, "demo contacts without access");
    Ok(contacts)
}

/// Every session's last request `by` ago.
async fn idle_sessions(db: &DatabaseConnection, by: Duration) -> R {
    portal_sessions::Entity::update_many()
        .col_expr(
            portal_sessions::Column::LastSeenAt,
            Expr::value(Utc::now() - by),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// A page as every visitor sees it (its form token aside).
fn without_token(reply: &Reply) -> String {
    match reply.csrf() {
        Some(token) if !token.is_empty() => reply.text().replace(&token, "TOKEN"),
        _ => reply.text(),
    }
}

/// The one-time link paths in the mails a sink received.
fn links_in(sink: &Sink) -> Vec<String> {
    sink.received()
        .iter()
        .filter_map(|raw| mail_parser::MessageParser::default().parse(raw))
        .filter_map(|mail| mail.body_text(0).map(|b| b.into_owned()))
        .filter_map(|text| {
            let start = text.find("/password/")?;
            Some(
                text[start..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
                    .collect(),
            )
        })
        .collect()
}

/// A link's path on this portal, from its full address.
fn path_of(url: &str) -> String {
    url.trim_start_matches("http://portal.parc-demo.lan:8470")
        .to_owned()
}

/// Sends what is due until the sink holds `count` mails.
async fn delivered(db: &DatabaseConnection, sink: &Sink, count: usize) -> R {
    until(&format!("{count} mails delivered"), || async {
        parc_core::mail::send::deliver_due(db, None, Utc::now()).await?;
        Ok(sink.received().len() >= count)
    })
    .await
}

async fn reset_links_of(db: &DatabaseConnection, contact: i64) -> R<i64> {
    number(
        db,
        &format!(
            "SELECT COUNT(*) FROM portal_links WHERE contact_id = {contact} AND purpose = 'reset'"
        ),
    )
    .await
}

/// Asks a reset for `email` as a stranger from `from`; the page answered.
async fn ask_reset(site: &PortalSite, from: [u8; 4], email: &str) -> R<Reply> {
    let mut stranger = Visitor::at(site.addr, IpAddr::from(from));
    stranger.get("/reset").await?;
    stranger.post("/reset", &[("email", email)]).await
}

#[tokio::test]
async fn a_reset_asked_by_a_stranger_leaves_the_invitation_working() -> R {
    let site = PortalSite::start().await?;
    let db = &site.db;
    let sink = Sink::start()?;
    mail_through(db, sink.port).await?;
    let (marc, email) = let_in(db, 1).await?.remove(0);
    let invitation = parc_core::portal::accounts::send_link(db, &manager(), marc).await?;
    assert!(invitation.mailed);
    let invitation = path_of(&invitation.url);
    // Someone who knows the address asks for a reset; the mail goes out.
    let reply = ask_reset(&site, ATTACKER, &email).await?;
    assert_eq!(reply.status, 200);
    delivered(db, &sink, 2).await?;
    // The invitation the manager handed over still opens.
    let page = Visitor::new(site.addr).get(&invitation).await?;
    assert_eq!(page.status, 200, "the invitation was voided by a reset");
    // The reset link works too, and choosing a password spends both.
    let reset = links_in(&sink)
        .into_iter()
        .find(|link| *link != invitation)
        .ok_or("no reset link mailed")?;
    let mut owner = Visitor::new(site.addr);
    assert_eq!(owner.get(&reset).await?.status, 200);
    let chosen = "a-long-new-secret";
    let saved = owner
        .post(&reset, &[("password", chosen), ("repeat", chosen)])
        .await?;
    assert_eq!(saved.header("location"), Some("/login?saved=1"));
    assert_eq!(Visitor::new(site.addr).get(&invitation).await?.status, 404);
    assert_eq!(Visitor::new(site.addr).get(&reset).await?.status, 404);
    Ok(())
}

#[tokio::test]
async fn a_reset_that_cannot_be_mailed_makes_no_link() -> R {
    let site = PortalSite::start().await?;
    let db = &site.db;
    let (marc, email) = let_in(db, 1).await?.remove(0);
    let settings = PortalSettings {
        base_url: "http://portal.parc-demo.lan:8470".into(),
        ..Default::default()
    };
    parc_core::portal::settings::save(db, &manager(), &settings).await?;
    // No SMTP server: the manager hands the link over by hand.
    let invitation = parc_core::portal::accounts::send_link(db, &manager(), marc).await?;
    assert!(!invitation.mailed);
    let rows = "SELECT (SELECT COUNT(*) FROM portal_links) * 1000 + (SELECT COUNT(*) FROM outbox)";
    let before = number(db, rows).await?;
    // The reset page's own work, awaited here: nothing to send it by.
    assert!(!sessions::ask_reset(db, &email).await?);
    assert_eq!(
        number(db, rows).await?,
        before,
        "a link nobody can get was made"
    );
    let page = Visitor::new(site.addr)
        .get(&path_of(&invitation.url))
        .await?;
    assert_eq!(page.status, 200, "the invitation was voided by a reset");
    Ok(())
}

#[tokio::test]
async fn resets_from_one_address_are_throttled_and_answered_alike() -> R {
    let site = PortalSite::start().await?;
    let db = &site.db;
    let sink = Sink::start()?;
    mail_through(db, sink.port).await?;
    let contacts = let_in(db, 8).await?;
    let unknown = ask_reset(&site, [127, 0, 0, 9], "nobody@nowhere.example").await?;
    // From one address: five resets are worked on, each awaited (its link
    // made), then more are answered the same and do nothing.
    for (n, (id, email)) in contacts.iter().take(7).enumerate() {
        let reply = ask_reset(&site, ATTACKER, email).await?;
        assert_eq!(reply.status, 200);
        assert_eq!(
            without_token(&reply),
            without_token(&unknown),
            "reset {n}: the same page as for an unknown address"
        );
        if n < 5 {
            until(&format!("reset {n} worked on"), || async {
                Ok(reset_links_of(db, *id).await? == 1)
            })
            .await?;
        }
    }
    // Another place is not held back; once its reset is done, the two
    // refused above have still made nothing.
    let (last, email) = &contacts[7];
    ask_reset(&site, OWNER, email).await?;
    until("the owner's reset worked on", || async {
        Ok(reset_links_of(db, *last).await? == 1)
    })
    .await?;
    for (id, email) in &contacts[5..7] {
        assert_eq!(reset_links_of(db, *id).await?, 0, "{email}: a sixth reset");
    }
    Ok(())
}

fn sophie_as(contact_id: i64, client_id: i64) -> Actor {
    Actor::Portal {
        contact_id,
        client_id,
        name: "Sophie Durand".into(),
        tickets: TicketScope::Client,
    }
}

#[tokio::test]
async fn a_contact_opens_at_most_so_many_tickets_and_replies_an_hour() -> R {
    let site = PortalSite::start().await?;
    let db = &site.db;
    let sophie_id = contact_id(db, SOPHIE.0).await?;
    let acme = number(db, "SELECT id FROM clients WHERE code = 'ACME'").await?;
    let sophie = sophie_as(sophie_id, acme);
    let ticket = |title: String| TicketInput {
        client_id: acme,
        site_id: None,
        equipment_id: None,
        requester_id: None,
        title,
        description: String::new(),
        category_id: None,
        priority: Default::default(),
        channel: Channel::Portal,
    };
    let mut made = Vec::new();
    for n in 0..limits::TICKETS_PER_HOUR {
        let title = format!("Load {n}");
        made.push(parc_core::desk::tickets::create_ticket(db, &sophie, &ticket(title)).await?);
    }
    let first = made[0].row.id;
    // The next one, from the portal in French: refused beside the form,
    // with everything typed still there.
    let mut visitor = Visitor::new(site.addr);
    visitor.language = "fr";
    let reply = visitor.sign_in(SOPHIE.0, SOPHIE.1).await?;
    assert_eq!(reply.status, 303);
    visitor.get("/tickets/new").await?;
    let form = [
        ("title", "Imprimante bloquée"),
        ("description", "Le bac 2 ne se ferme plus"),
    ];
    let reply = visitor.post("/tickets", &form).await?;
    assert_eq!(reply.status, 400);
    let page = reply.text();
    assert!(
        page.contains("Vous avez ouvert 20 tickets au cours de la dernière heure"),
        "{page}"
    );
    assert!(page.contains("id=\"problem\""));
    assert!(page.contains("value=\"Imprimante bloquée\""));
    assert!(page.contains(">Le bac 2 ne se ferme plus</textarea>"));
    let made = "SELECT COUNT(*) FROM tickets WHERE title = 'Imprimante bloquée'";
    assert_eq!(number(db, made).await?, 0);
    // An hour later (the rows' own times say so), it goes through.
    tickets::Entity::update_many()
        .col_expr(
            tickets::Column::CreatedAt,
            Expr::value(Utc::now() - Duration::minutes(61)),
        )
        .filter(tickets::Column::CreatedByContactId.eq(i32::try_from(sophie_id)?))
        .exec(db)
        .await?;
    assert_eq!(visitor.post("/tickets", &form).await?.status, 303);
    assert_eq!(number(db, made).await?, 1);
    // Replies: sixty an hour over all her tickets, then refused, the
    // reply kept in its box.
    for n in 0..limits::REPLIES_PER_HOUR {
        let reply = TicketMessageInput {
            ticket_id: first,
            public: true,
            body: format!("Reply {n}"),
        };
        parc_core::desk::tickets::add_message(db, &sophie, &reply).await?;
    }
    visitor.language = "en";
    let path = format!("/tickets/{first}");
    visitor.get(&path).await?;
    let reply = visitor
        .post(&format!("{path}/reply"), &[("body", "One more thing")])
        .await?;
    assert_eq!(reply.status, 400);
    let page = reply.text();
    assert!(page.contains("You have sent 60 replies within the last hour"));
    assert!(page.contains(">One more thing</textarea>"));
    let kept = "SELECT COUNT(*) FROM ticket_messages WHERE body = 'One more thing'";
    assert_eq!(number(db, kept).await?, 0);
    // Staff answer whatever the contact's count.
    let staff = TicketMessageInput {
        ticket_id: first,
        public: true,
        body: "On our way".into(),
    };
    parc_core::desk::tickets::add_message(db, &Actor::technician(2, "Hugo"), &staff).await?;
    Ok(())
}

#[tokio::test]
async fn signing_in_again_and_again_keeps_five_sessions() -> R {
    let site = PortalSite::start().await?;
    let db = &site.db;
    let sophie_id = contact_id(db, SOPHIE.0).await?;
    let mut browsers = Vec::new();
    for _ in 0..sessions::MAX_SESSIONS + 1 {
        browsers.push(signed_in(&site, SOPHIE).await?);
    }
    let sql = format!("SELECT COUNT(*) FROM portal_sessions WHERE contact_id = {sophie_id}");
    assert_eq!(number(db, &sql).await?, 5);
    let mut live = Vec::new();
    for browser in &mut browsers {
        live.push(still_in(browser).await?);
    }
    assert_eq!(
        live,
        [false, true, true, true, true, true],
        "the oldest ended"
    );
    Ok(())
}

#[tokio::test]
async fn an_unknown_or_ended_cookie_costs_no_write() -> R {
    let site = PortalSite::start().await?;
    let db = &site.db;
    let mut ended = signed_in(&site, SOPHIE).await?;
    idle_sessions(db, Duration::minutes(31)).await?;
    // Another writer holds the database (the desktop saving, say): a
    // cookie that opens nothing is answered without waiting for it.
    let writer = db.begin().await?;
    writer
        .execute_unprepared("UPDATE portal_accounts SET enabled = enabled")
        .await?;
    let mut stranger = Visitor::new(site.addr);
    stranger
        .cookies
        .insert("parc_session".into(), "f".repeat(64));
    for (who, visitor) in [("unknown", &mut stranger), ("ended", &mut ended)] {
        let reply = visitor.get("/").await?;
        assert_eq!(reply.status, 303, "{who} cookie: {}", reply.text());
        assert_eq!(reply.header("location"), Some("/login?ended=1"));
    }
    writer.rollback().await?;
    Ok(())
}

#[tokio::test]
async fn sessions_and_links_that_are_over_are_purged() -> R {
    let site = PortalSite::start().await?;
    let db = &site.db;
    let sophie_id = contact_id(db, SOPHIE.0).await?;
    signed_in(&site, SOPHIE).await?;
    idle_sessions(db, Duration::minutes(31)).await?;
    let hers = format!("SELECT COUNT(*) FROM portal_sessions WHERE contact_id = {sophie_id}");
    assert_eq!(number(db, &hers).await?, 1);
    // Anyone's sign-in clears what is over, not only their own.
    signed_in(&site, JULIEN).await?;
    assert_eq!(number(db, &hers).await?, 0, "an idle session kept");
    // The app's hourly round: used and expired links, old sessions.
    let (token, _) = parc_core::portal::accounts::issue_link(
        db,
        &manager(),
        sophie_id,
        parc_api::portal::LinkPurpose::Reset,
    )
    .await?;
    parc_core::portal::accounts::choose_password(
        db,
        &token,
        "a-long-new-secret",
        "a-long-new-secret",
    )
    .await?;
    parc_core::portal::accounts::issue_link(
        db,
        &manager(),
        contact_id(db, JULIEN.0).await?,
        parc_api::portal::LinkPurpose::Reset,
    )
    .await?;
    // What is still usable stays: Julien's session and his open link.
    sessions::purge_expired(db, Utc::now()).await?;
    let count = |table: &str| format!("SELECT COUNT(*) FROM {table}");
    assert_eq!(number(db, &count("portal_links")).await?, 1);
    assert_eq!(number(db, &count("portal_sessions")).await?, 1);
    // Three days on, nothing is.
    let purged = sessions::purge_expired(db, Utc::now() + Duration::days(3)).await?;
    assert_eq!(purged, 2);
    assert_eq!(number(db, &count("portal_links")).await?, 0);
    assert_eq!(number(db, &count("portal_sessions")).await?, 0);
    Ok(())
}

#[tokio::test]
async fn archiving_ends_sessions_for_good() -> R {
    let site = PortalSite::start().await?;
    let db = &site.db;
    let sophie_id = contact_id(db, SOPHIE.0).await?;
    let acme = number(db, "SELECT id FROM clients WHERE code = 'ACME'").await?;
    let hers = format!("SELECT COUNT(*) FROM portal_sessions WHERE contact_id = {sophie_id}");
    // The contact archived then restored at once: her browser stays out.
    let mut sophie = signed_in(&site, SOPHIE).await?;
    parc_core::clients::set_contact_archived(db, &manager(), sophie_id, true).await?;
    assert_eq!(number(db, &hers).await?, 0, "her session rows kept");
    parc_core::clients::set_contact_archived(db, &manager(), sophie_id, false).await?;
    assert!(
        !still_in(&mut sophie).await?,
        "restoring revived her session"
    );
    // The same for her client.
    let mut sophie = signed_in(&site, SOPHIE).await?;
    parc_core::clients::set_client_archived(db, &manager(), acme, true).await?;
    assert_eq!(
        number(db, &hers).await?,
        0,
        "the client's session rows kept"
    );
    parc_core::clients::set_client_archived(db, &manager(), acme, false).await?;
    assert!(
        !still_in(&mut sophie).await?,
        "restoring revived her session"
    );
    // Julien, of another client, is still in.
    let mut julien = signed_in(&site, JULIEN).await?;
    parc_core::clients::set_client_archived(db, &manager(), acme, true).await?;
    assert!(still_in(&mut julien).await?);
    Ok(())
}

#[tokio::test]
async fn the_home_page_counts_unpaid_invoices_not_credit_notes() -> R {
    let site = PortalSite::start().await?;
    let db = &site.db;
    let acme = number(db, "SELECT id FROM clients WHERE code = 'ACME'").await?;
    let issued = numbers(
        db,
        &format!(
            "SELECT id FROM invoices WHERE client_id = {acme} AND kind = 'invoice' \
             AND status IN ('finalised', 'sent', 'paid') ORDER BY id"
        ),
    )
    .await?;
    assert!(issued.len() >= 2, "ACME's demo invoices");
    // One invoice left to pay; another paid, then credited.
    db.execute_unprepared(&format!(
        "UPDATE invoices SET status = 'paid' WHERE client_id = {acme} AND kind = 'invoice' \
         AND status IN ('finalised', 'sent') AND id <> {}",
        issued[0]
    ))
    .await?;
    db.execute_unprepared(&format!(
        "UPDATE invoices SET status = 'finalised' WHERE id = {}",
        issued[0]
    ))
    .await?;
    parc_core::invoices::credit(db, &manager(), issued[1]).await?;
    let notes = format!(
        "SELECT COUNT(*) FROM invoices WHERE client_id = {acme} AND kind = 'credit_note' \
         AND status = 'finalised'"
    );
    assert!(number(db, &notes).await? >= 1);
    let mut sophie = signed_in(&site, SOPHIE).await?;
    let home = sophie.get("/").await?.text();
    let tile = "id=\"tile-invoices\"><span class=\"figure\">";
    let at = home.find(tile).ok_or("no invoices tile")? + tile.len();
    let figure: String = home[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert_eq!(figure, "1", "unpaid invoices on the home page");
    Ok(())
}

/// The tables whose rows hold `needle` in any column.
async fn tables_holding(db: &DatabaseConnection, needle: &str) -> R<Vec<String>> {
    let backend = db.get_database_backend();
    let tables = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT name FROM sqlite_master WHERE type = 'table'",
        ))
        .await?;
    let mut holding = Vec::new();
    for table in tables {
        let name: String = table.try_get_by_index(0)?;
        let columns = db
            .query_all_raw(Statement::from_string(
                backend,
                format!("SELECT name FROM pragma_table_info('{name}')"),
            ))
            .await?;
        for column in columns {
            let column: String = column.try_get_by_index(0)?;
            let sql = format!(
                "SELECT COUNT(*) FROM \"{name}\" WHERE instr(CAST(\"{column}\" AS TEXT), '{needle}') > 0"
            );
            if number(db, &sql).await? > 0 {
                holding.push(format!("{name}.{column}"));
            }
        }
    }
    Ok(holding)
}

fn token_of(url: &str) -> String {
    url.rsplit('/').next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_link_mail_sent_or_given_up_leaves_no_live_link_behind() -> R {
    let site = PortalSite::start().await?;
    let db = &site.db;
    let sink = Sink::start()?;
    mail_through(db, sink.port).await?;
    let contacts = let_in(db, 2).await?;
    // Sent: the mail arrives with its link; no row keeps it.
    let sent = parc_core::portal::accounts::send_link(db, &manager(), contacts[0].0).await?;
    let token = token_of(&sent.url);
    assert_eq!(token.len(), 64);
    assert_eq!(tables_holding(db, &token).await?, ["outbox.body"], "queued");
    delivered(db, &sink, 1).await?;
    assert_eq!(links_in(&sink), [format!("/password/{token}")]);
    assert_eq!(
        tables_holding(db, &token).await?,
        Vec::<String>::new(),
        "sent"
    );
    // Given up: the server gone, five attempts over the retry delays.
    drop(sink);
    let given_up = parc_core::portal::accounts::send_link(db, &manager(), contacts[1].0).await?;
    let token = token_of(&given_up.url);
    let mut now = Utc::now();
    for _ in 0..5 {
        let round = parc_core::mail::send::deliver_due(db, None, now).await?;
        assert_eq!(round.failed, 1);
        now += Duration::hours(13);
    }
    let status = number(
        db,
        &format!(
            "SELECT COUNT(*) FROM outbox WHERE event = 'portal_link' AND status = '{}'",
            OutboxStatus::Failed.code()
        ),
    )
    .await?;
    assert_eq!(status, 1, "given up");
    assert_eq!(
        tables_holding(db, &token).await?,
        Vec::<String>::new(),
        "given up"
    );
    // What was meant stays readable; it cannot be sent again linkless.
    let body = number(
        db,
        "SELECT COUNT(*) FROM outbox WHERE event = 'portal_link' AND body LIKE '%/password/(removed)%'",
    )
    .await?;
    assert_eq!(body, 2);
    let failed = number(db, "SELECT id FROM outbox WHERE status = 'failed'").await?;
    assert!(parc_core::mail::outbox::retry(db, &manager(), failed)
        .await
        .is_err());
    Ok(())
}

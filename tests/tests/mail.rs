//! E-mail against a real SMTP server on 127.0.0.1 (`parc_tests::smtp_sink`,
//! aiosmtpd storing each mail it receives in a maildir): a
//! finalised invoice reaches the client's primary contact with its PDF; a
//! ticket's creation, public reply and resolution reach its requester; an
//! internal note reaches nobody; a mail the server could not take is
//! logged with the failure and sent when the server is back.

use chrono::{Duration, Utc};
use mail_parser::{MessageParser, MimeHeaders};
use parc_api::mail::{MailSettingsInput, OutboxQuery, OutboxStatus, SmtpSecurity};
use parc_core::db::open_in_memory;
use parc_core::mail::{outbox, send, smtp};
use parc_core::Actor;
use parc_tests::smtp_sink::Sink;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

type R = Result<(), Box<dyn std::error::Error>>;

fn manager() -> Actor {
    Actor::manager(1, "Mia")
}

async fn demo_with_mail(port: u16) -> Result<DatabaseConnection, Box<dyn std::error::Error>> {
    let db = open_in_memory().await?;
    parc_core::demo::fill(&db).await?;
    smtp::save(
        &db,
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
    Ok(db)
}

async fn one_text(db: &DatabaseConnection, sql: &str) -> String {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<String>(0)
        .unwrap()
}

fn header_addresses(raw: &[u8]) -> (Vec<String>, String, String) {
    let message = MessageParser::default().parse(raw).unwrap();
    let to = message
        .to()
        .map(|to| {
            to.iter()
                .filter_map(|a| a.address().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    (
        to,
        message.subject().unwrap_or_default().to_owned(),
        message.body_text(0).unwrap_or_default().into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_finalised_invoice_reaches_the_client_with_its_pdf() -> R {
    let sink = Sink::start()?;
    let db = demo_with_mail(sink.port).await?;
    let draft = parc_core::invoices::create_draft(
        &db,
        &manager(),
        &parc_api::invoices::DraftInvoiceInput {
            client_id: 1,
            lines: vec![parc_api::invoices::InvoiceLineInput {
                description: "Remplacement du disque du NAS".into(),
                quantity: "1".into(),
                unit_price: "90".into(),
                vat_rate: "20".into(),
            }],
        },
    )
    .await?
    .row
    .id;
    let finalised = parc_core::invoices::finalise(&db, &manager(), draft).await?;
    let number = finalised.row.number.clone().unwrap();
    let contact = one_text(
        &db,
        "SELECT email FROM contacts WHERE client_id = 1 AND is_primary",
    )
    .await;

    let delivery = send::deliver_due(&db, None, Utc::now()).await?;
    assert_eq!(delivery.sent, 1, "{delivery:?}");
    let mails = sink.received();
    assert_eq!(mails.len(), 1);
    let (to, subject, body) = header_addresses(&mails[0]);
    assert_eq!(to, [contact]);
    // The demo writes its documents in English.
    assert_eq!(subject, format!("Invoice {number} from Parc Démo Services"));
    assert!(body.contains(&number) && body.contains("108.00"), "{body}");
    let message = MessageParser::default().parse(&mails[0]).unwrap();
    let pdf = message.attachment(0).ok_or("no attachment")?;
    assert_eq!(
        pdf.attachment_name(),
        Some(format!("{number}.pdf").as_str())
    );
    assert_eq!(
        pdf.content_type()
            .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or(""))),
        Some("application/pdf".to_owned())
    );
    assert!(pdf.contents().starts_with(b"%PDF"), "a real PDF");

    // Sent once: the log says so, and a second round sends nothing.
    let log = outbox::list(&db, &manager(), &OutboxQuery::default()).await?;
    assert_eq!(log.items[0].status, OutboxStatus::Sent);
    assert_eq!(send::deliver_due(&db, None, Utc::now()).await?.sent, 0);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_requester_hears_of_a_ticket_but_not_of_internal_notes() -> R {
    use parc_api::tickets::{TicketMessageInput, TicketStatus, TicketStatusInput};
    let sink = Sink::start()?;
    let db = demo_with_mail(sink.port).await?;
    let ticket: i64 = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM tickets WHERE requester_id IS NOT NULL AND status = 'in_progress' LIMIT 1",
        ))
        .await?
        .ok_or("an in-progress ticket with a requester")?
        .try_get_by_index::<i32>(0)
        .map(i64::from)?;
    let requester = one_text(
        &db,
        &format!("SELECT c.email FROM tickets t JOIN contacts c ON c.id = t.requester_id WHERE t.id = {ticket}"),
    )
    .await;
    let reference = one_text(
        &db,
        &format!("SELECT reference FROM tickets WHERE id = {ticket}"),
    )
    .await;
    let tech = Actor::technician(3, "Lucas");
    for (public, body) in [
        (false, "Internal: ask the supplier"),
        (true, "The disk is on order."),
    ] {
        parc_core::desk::tickets::add_message(
            &db,
            &tech,
            &TicketMessageInput {
                ticket_id: ticket,
                public,
                body: body.into(),
            },
        )
        .await?;
    }
    parc_core::desk::tickets::change_status(
        &db,
        &tech,
        &TicketStatusInput {
            id: ticket,
            status: TicketStatus::Resolved,
        },
    )
    .await?;
    send::deliver_due(&db, None, Utc::now()).await?;
    let mails: Vec<(Vec<String>, String, String)> = sink
        .received()
        .iter()
        .map(|m| header_addresses(m))
        .collect();
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(mails
        .iter()
        .all(|(to, _, _)| to.len() == 1 && to[0] == requester));
    assert!(
        mails[0].1.starts_with(&format!("Re: [{reference}] ")),
        "{}",
        mails[0].1
    );
    assert!(
        mails[0].2.contains("The disk is on order."),
        "{}",
        mails[0].2
    );
    assert!(mails.iter().all(|(_, _, body)| !body.contains("Internal")));
    assert!(
        mails[1].1.starts_with(&format!("[{reference}] resolved")),
        "{}",
        mails[1].1
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mail_the_server_did_not_take_is_retried_and_logged() -> R {
    let sink = Sink::start()?;
    let port = sink.port;
    drop(sink);
    let db = demo_with_mail(port).await?;

    // The test e-mail says why at once, and is not tried again on its own.
    let refused = send::send_test(&db, &manager(), None, "claire.martin@parc-demo.fr")
        .await
        .unwrap_err()
        .to_string();
    assert!(refused.contains("127.0.0.1"), "{refused}");
    let log = outbox::list(&db, &manager(), &OutboxQuery::default()).await?;
    let test = log.items[0].clone();
    assert_eq!((test.status, test.attempts), (OutboxStatus::Failed, 1));
    assert!(test
        .last_error
        .as_deref()
        .unwrap_or_default()
        .contains("127.0.0.1"));

    // An invoice's mail fails, waits five minutes, then goes.
    let draft = parc_core::invoices::create_draft(
        &db,
        &manager(),
        &parc_api::invoices::DraftInvoiceInput {
            client_id: 1,
            lines: vec![parc_api::invoices::InvoiceLineInput {
                description: "Audit".into(),
                quantity: "1".into(),
                unit_price: "300".into(),
                vat_rate: "20".into(),
            }],
        },
    )
    .await?
    .row
    .id;
    parc_core::invoices::finalise(&db, &manager(), draft).await?;
    let now = Utc::now();
    assert_eq!(send::deliver_due(&db, None, now).await?.failed, 1);
    let log = outbox::list(&db, &manager(), &OutboxQuery::default()).await?;
    assert_eq!(
        (log.items[0].status, log.items[0].attempts),
        (OutboxStatus::Queued, 1)
    );
    assert_eq!(
        send::deliver_due(&db, None, now).await?.sent,
        0,
        "not before its time"
    );

    let back = Sink::start_on(port)?;
    let later = now + Duration::minutes(6);
    assert_eq!(send::deliver_due(&db, None, later).await?.sent, 1);
    let log = outbox::list(&db, &manager(), &OutboxQuery::default()).await?;
    assert_eq!(
        (log.items[0].status, log.items[0].attempts),
        (OutboxStatus::Sent, 2)
    );

    // The test e-mail retried by hand: one more attempt, counted.
    outbox::retry(&db, &manager(), test.id).await?;
    assert_eq!(send::deliver_due(&db, None, later).await?.sent, 1);
    let log = outbox::list(&db, &manager(), &OutboxQuery::default()).await?;
    let retried = log
        .items
        .iter()
        .find(|m| m.id == test.id)
        .ok_or("the test")?;
    assert_eq!((retried.status, retried.attempts), (OutboxStatus::Sent, 2));
    assert_eq!(back.received().len(), 2);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scan_mails_one_digest_to_the_managers_and_the_notice_to_the_client() -> R {
    let sink = Sink::start()?;
    let db = demo_with_mail(sink.port).await?;
    // By default a contract entering its notice period is also mailed to
    // the client's primary contact.
    let today = parc_core::clock::today();
    let raised = parc_core::alerts::scan::scan(&db, today)
        .await?
        .raised
        .len();
    parc_core::alerts::mailing::after_scan(&db, today).await?;
    send::deliver_due(&db, None, Utc::now()).await?;
    let mails: Vec<(Vec<String>, String, String)> = sink
        .received()
        .iter()
        .map(|m| header_addresses(m))
        .collect();
    assert_eq!(mails.len(), 3, "{mails:?}");

    // One digest per active manager, each to that manager alone.
    let digests: Vec<&(Vec<String>, String, String)> = mails
        .iter()
        .filter(|(_, subject, _)| subject.contains("new alerts"))
        .collect();
    let mut managers: Vec<String> = digests.iter().flat_map(|d| d.0.clone()).collect();
    managers.sort();
    assert_eq!(
        managers,
        ["claire.martin@parc-demo.fr", "hugo.lefevre@parc-demo.fr"]
    );
    let digest = digests[0];
    assert!(
        digest.1.starts_with(&format!("{raised} new alerts")),
        "{}",
        digest.1
    );
    // The first fifty, nearest first, then how many more.
    assert!(
        digest.2.contains("- Stock below minimum: SSD 1 To SATA"),
        "{}",
        digest.2
    );
    assert!(
        digest.2.contains(&format!("… and {} more", raised - 50)),
        "{}",
        digest.2
    );

    let primary = one_text(
        &db,
        "SELECT ct.email FROM contacts ct JOIN contracts c ON c.client_id = ct.client_id \
         WHERE c.reference = 'CT00003' AND ct.is_primary",
    )
    .await;
    let notice = mails
        .iter()
        .find(|(_, subject, _)| subject.contains("CT00003"))
        .ok_or("no contract notice")?;
    assert_eq!(notice.0, [primary]);
    let end = one_text(
        &db,
        "SELECT end_date FROM contracts WHERE reference = 'CT00003'",
    )
    .await;
    assert_eq!(notice.1, format!("Your contract CT00003 ends on {end}"));
    assert!(
        notice.2.contains("notice period is 60 days"),
        "{}",
        notice.2
    );

    // A second scan mails nothing more.
    parc_core::alerts::scan::scan(&db, today).await?;
    parc_core::alerts::mailing::after_scan(&db, today).await?;
    assert_eq!(send::deliver_due(&db, None, Utc::now()).await?.sent, 0);
    assert_eq!(sink.received().len(), 3);
    Ok(())
}

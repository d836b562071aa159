//! The events that queue mails, each queued once (a dedupe key, or the
//! alerts' `mailed_at`): the managers' digest of new alerts and the alerts
//! mailed to a client's primary contact (after each scan), a ticket's
//! creation, public replies and resolution to its requester, and a
//! finalised invoice to the client's primary contact with its PDF.
//!
//! Each is queued in the business operation's own transaction; the digest is
//! queued with its alerts marked mailed in one transaction.

use super::outbox::{queue, NewMail};
use crate::alerts::alert_entity as alerts;
use crate::alerts::centre::in_view;
use crate::alerts::rules;
use crate::auth::user_entity as users;
use crate::clients::client_entity as clients;
use crate::clients::contact_entity as contacts;
use crate::contracts::contract_entity as contracts;
use crate::desk::ticket_entity as tickets;
use crate::equipment::entity as equipment;
use crate::error::CoreResult;
use crate::invoices::invoice_entity as invoices;
use chrono::{NaiveDate, Utc};
use parc_api::alerts::{AlertRuleCode, AlertView};
use parc_api::auth::{Language, Role};
use parc_api::mail::MailEvent;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionSession,
    TransactionTrait,
};

/// The most alerts a digest lists one by one.
const DIGEST_LINES: usize = 50;

/// Whether mail is set up at all (nothing is looked up otherwise).
async fn mailing(db: &impl ConnectionTrait) -> CoreResult<bool> {
    Ok(super::smtp::config(db).await?.is_some())
}

/// The client's primary contact with an e-mail address: (name, address).
async fn primary_contact(
    db: &impl ConnectionTrait,
    client_id: i32,
) -> CoreResult<Option<(String, String)>> {
    Ok(contacts::Entity::find()
        .filter(contacts::Column::ClientId.eq(client_id))
        .filter(contacts::Column::IsPrimary.eq(true))
        .filter(contacts::Column::Archived.eq(false))
        .filter(contacts::Column::Email.ne(""))
        .one(db)
        .await?
        .map(|c| (c.name, c.email)))
}

async fn client_name(db: &impl ConnectionTrait, client_id: i32) -> CoreResult<String> {
    Ok(clients::Entity::find_by_id(client_id)
        .one(db)
        .await?
        .map(|c| c.name)
        .unwrap_or_default())
}

/// After a scan: one digest of the alerts not yet mailed to the managers
/// (their rule's channel on), and each alert whose rule mails the client
/// to that client's primary contact.
pub async fn after_scan<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    today: NaiveDate,
) -> CoreResult<()> {
    if !mailing(db).await? {
        return Ok(());
    }
    let lang = crate::settings::document_language(db).await?;
    let rules = rules::all(db).await?;
    let codes = |pick: fn(&parc_api::alerts::AlertRule) -> bool| -> Vec<&'static str> {
        rules
            .iter()
            .filter(|r| r.enabled && pick(r))
            .map(|r| r.code.code())
            .collect()
    };
    let unmailed = alerts::Entity::find()
        .filter(in_view(AlertView::Open, today))
        .filter(alerts::Column::MailedAt.is_null())
        .filter(alerts::Column::Rule.is_in(codes(|r| r.email_managers)))
        .order_by_asc(alerts::Column::DueOn)
        .order_by_asc(alerts::Column::Id)
        .all(db)
        .await?;
    if !unmailed.is_empty() {
        let managers: Vec<String> = users::Entity::find()
            .filter(users::Column::Role.eq(Role::Manager.code()))
            .filter(users::Column::Active.eq(true))
            .all(db)
            .await?
            .into_iter()
            .map(|u| u.email)
            .collect();
        let last = unmailed.iter().map(|a| a.id).max().unwrap_or_default();
        let mut lines: Vec<String> = unmailed
            .iter()
            .take(DIGEST_LINES)
            .map(|a| digest_line(a, lang))
            .collect();
        if unmailed.len() > DIGEST_LINES {
            let more = unmailed.len() - DIGEST_LINES;
            lines.push(match lang {
                Language::Fr => format!("… et {more} autres"),
                Language::En => format!("… and {more} more"),
            });
        }
        // One mail per manager (an address refused spoils no one else's),
        // queued with the alerts marked, all or nothing.
        let txn = crate::db::begin_write(db).await?;
        for manager in managers {
            queue(
                &txn,
                NewMail {
                    event: Some(MailEvent::AlertDigest),
                    values: vec![
                        ("count", unmailed.len().to_string()),
                        ("date", lang.date(today)),
                        ("alerts", lines.join("\n")),
                    ],
                    dedupe_key: Some(format!("alert_digest:{last}:{manager}")),
                    recipients: vec![manager],
                    ..Default::default()
                },
            )
            .await?;
        }
        alerts::Entity::update_many()
            .col_expr(alerts::Column::MailedAt, Expr::value(Utc::now()))
            .filter(alerts::Column::Id.is_in(unmailed.iter().map(|a| a.id)))
            .exec(&txn)
            .await?;
        txn.commit().await?;
    }
    let for_clients = alerts::Entity::find()
        .filter(in_view(AlertView::Open, today))
        .filter(alerts::Column::ClientId.is_not_null())
        .filter(alerts::Column::Rule.is_in(codes(|r| r.email_client)))
        .all(db)
        .await?;
    for alert in for_clients {
        let Some(client_id) = alert.client_id else {
            continue;
        };
        let Some((contact, email)) = primary_contact(db, client_id).await? else {
            continue;
        };
        let client = client_name(db, client_id).await?;
        let date = alert.due_on.map(|d| lang.date(d)).unwrap_or_default();
        let mail = if alert.rule == AlertRuleCode::ContractEnd.code() {
            let notice = contracts::Entity::find_by_id(alert.item_id)
                .one(db)
                .await?
                .map(|c| c.notice_days)
                .unwrap_or_default();
            NewMail {
                event: Some(MailEvent::ContractExpiring),
                values: vec![
                    ("client", client),
                    ("contact", contact),
                    ("contract", alert.title.clone()),
                    ("date", date),
                    ("notice_days", notice.to_string()),
                ],
                ..Default::default()
            }
        } else {
            let rule = AlertRuleCode::from_code(&alert.rule)
                .map(|r| r.label(lang))
                .unwrap_or_default();
            NewMail {
                event: Some(MailEvent::ClientAlert),
                values: vec![
                    ("client", client),
                    ("contact", contact),
                    ("rule", rule.to_owned()),
                    ("item", alert.title.clone()),
                    ("date", date),
                ],
                ..Default::default()
            }
        };
        queue(
            db,
            NewMail {
                recipients: vec![email],
                // Once per episode: a state due again is mailed again.
                dedupe_key: Some(format!(
                    "client_alert:{}:{}",
                    alert.id,
                    alert.raised_at.timestamp()
                )),
                ..mail
            },
        )
        .await?;
    }
    Ok(())
}

fn digest_line(alert: &alerts::Model, lang: Language) -> String {
    let rule = AlertRuleCode::from_code(&alert.rule)
        .map(|r| r.label(lang))
        .unwrap_or_default();
    match alert.due_on {
        Some(due) => format!("- {rule}: {} — {}", alert.title, lang.date(due)),
        None => format!("- {rule}: {}", alert.title),
    }
}

/// What happened to a ticket that its requester is told of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TicketNews {
    Created,
    /// A public reply from the MSP, with its text and its message's id.
    Replied {
        message_id: i32,
        text: String,
    },
    Resolved,
}

/// Tells a ticket's requester (a contact with an address) of `news`.
pub async fn ticket(db: &impl ConnectionTrait, ticket_id: i32, news: TicketNews) -> CoreResult<()> {
    if !mailing(db).await? {
        return Ok(());
    }
    let Some(ticket) = tickets::Entity::find_by_id(ticket_id).one(db).await? else {
        return Ok(());
    };
    // The requester, else the portal contact who opened it.
    let Some(requester) = ticket.requester_id.or(ticket.created_by_contact_id) else {
        return Ok(());
    };
    let Some(contact) = contacts::Entity::find_by_id(requester).one(db).await? else {
        return Ok(());
    };
    if contact.email.is_empty() {
        return Ok(());
    }
    let equipment = match ticket.equipment_id {
        Some(id) => equipment::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|e| format!("{} {}", e.reference, e.name))
            .unwrap_or_default(),
        None => String::new(),
    };
    let mut values = vec![
        ("client", client_name(db, ticket.client_id).await?),
        ("contact", contact.name),
        ("ticket", ticket.reference.clone()),
        ("title", ticket.title),
        ("equipment", equipment),
    ];
    let (event, key) = match news {
        TicketNews::Created => (
            MailEvent::TicketCreated,
            format!("ticket_created:{ticket_id}"),
        ),
        TicketNews::Replied { message_id, text } => {
            values.push(("message", text));
            (
                MailEvent::TicketReplied,
                format!("ticket_reply:{message_id}"),
            )
        }
        TicketNews::Resolved => (
            MailEvent::TicketResolved,
            format!("ticket_resolved:{ticket_id}:{}", Utc::now().timestamp()),
        ),
    };
    queue(
        db,
        NewMail {
            event: Some(event),
            recipients: vec![contact.email],
            values,
            dedupe_key: Some(key),
            ..Default::default()
        },
    )
    .await?;
    Ok(())
}

/// Sends a finalised invoice to its client's primary contact, the PDF attached.
pub async fn invoice_finalised(db: &impl ConnectionTrait, invoice_id: i32) -> CoreResult<()> {
    if !mailing(db).await? {
        return Ok(());
    }
    let Some(invoice) = invoices::Entity::find_by_id(invoice_id).one(db).await? else {
        return Ok(());
    };
    let Some((contact, email)) = primary_contact(db, invoice.client_id).await? else {
        return Ok(());
    };
    // In the language the invoice was finalised in, as its PDF.
    let lang = crate::invoices::snapshot::language_of(db, &invoice).await?;
    let date = |d: Option<NaiveDate>| d.map(|d| lang.date(d)).unwrap_or_default();
    queue(
        db,
        NewMail {
            event: Some(MailEvent::InvoiceFinalised),
            recipients: vec![email],
            values: vec![
                ("client", client_name(db, invoice.client_id).await?),
                ("contact", contact),
                ("invoice", invoice.number.clone().unwrap_or_default()),
                ("date", date(invoice.issue_date)),
                ("due_date", date(invoice.due_date)),
                ("amount", lang.money(invoice.including_vat_cents)),
            ],
            attachment: Some(("invoice", invoice.id)),
            dedupe_key: Some(format!("invoice:{invoice_id}")),
            language: Some(lang),
            ..Default::default()
        },
    )
    .await?;
    Ok(())
}

/// Mails a portal contact their one-time link to choose a password; false
/// when mail is not set up or the contact has no address (the manager then
/// hands the link over another way). Queued once per link. The outbox
/// drops the link from the mail's text once it is sent or given up
/// (`outbox::mark_sent`, `outbox::mark_failed`).
pub(crate) async fn portal_link(
    db: &impl ConnectionTrait,
    link: &crate::portal::accounts::NewLink,
    url: &str,
) -> CoreResult<bool> {
    if !mailing(db).await? {
        return Ok(false);
    }
    let Some(contact) = contacts::Entity::find_by_id(link.contact_id)
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    if contact.email.is_empty() {
        return Ok(false);
    }
    let french = crate::settings::document_language(db).await? == Language::Fr;
    let zone = crate::desk::local_time::CompanyZone::load(db).await?;
    let expires = zone.display(link.expires_at, french);
    let values = vec![
        ("client", client_name(db, contact.client_id).await?),
        ("contact", contact.name),
        ("link", url.to_owned()),
        ("expires", expires),
    ];
    let queued = queue(
        db,
        NewMail {
            event: Some(MailEvent::PortalLink),
            recipients: vec![contact.email],
            values,
            dedupe_key: Some(format!("portal_link:{}", link.id)),
            ..Default::default()
        },
    )
    .await?;
    Ok(queued.is_some())
}

//! The events that queue mails, each queued once (a dedupe key): a
//! ticket's creation, public replies and resolution to its requester, a
//! finalised invoice to the client's primary contact with its PDF, and a
//! portal link. The alerts' mails are `alerts::mailing`'s, with the
//! helpers here.
//!
//! Each is queued in the business operation's own transaction.

use super::outbox::{queue, NewMail};
use crate::clients::contact_entity as contacts;
use crate::desk::ticket_entity as tickets;
use crate::equipment::entity as equipment;
use crate::error::CoreResult;
use crate::invoices::invoice_entity as invoices;
use chrono::{NaiveDate, Utc};
use parc_api::mail::MailEvent;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Whether mail is set up at all (nothing is looked up otherwise).
pub(crate) async fn mailing(db: &impl ConnectionTrait) -> CoreResult<bool> {
    Ok(super::smtp::config(db).await?.is_some())
}

/// The client's primary contact with an e-mail address: (name, address).
pub(crate) async fn primary_contact(
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
        (
            "client",
            crate::clients::lookup::client_name(db, ticket.client_id).await?,
        ),
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
                (
                    "client",
                    crate::clients::lookup::client_name(db, invoice.client_id).await?,
                ),
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

//! Sending: the mails due in the outbox through the SMTP server (lettre,
//! async on tokio, TLS by rustls), each recorded sent or failed with the
//! server's answer; and the test e-mail of the settings page, sent at once
//! so its outcome can be shown.
//!
//! The password comes from the caller (the desktop shell reads it from the
//! OS keyring): it is used for the connection and kept nowhere.
//!
//! A password is given only over TLS or to this machine
//! (`smtp::may_send_password`); an invoice's PDF is made at sending; the test
//! e-mail is never retried on its own. The app sends what is due every 30
//! seconds, reading the keyring only when something is.

use super::outbox::{self, NewMail};
use super::outbox_entity as mails;
use super::smtp::{self, SmtpConfig};
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::{validate, Actor};
use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use parc_api::mail::{MailEvent, SmtpSecurity};
use parc_api::problem::Thing;
use sea_orm::{ConnectionTrait, EntityTrait};
use std::time::Duration;

/// How long one SMTP conversation may take.
const TIMEOUT: Duration = Duration::from_secs(30);
/// Mails sent per round, so a long queue does not hold the connection pool.
const BATCH: u64 = 50;

type Transport = AsyncSmtpTransport<Tokio1Executor>;

fn transport(config: &SmtpConfig, password: Option<&str>) -> Result<Transport, String> {
    let builder = match config.security {
        SmtpSecurity::None => Transport::builder_dangerous(&config.host),
        SmtpSecurity::StartTls => {
            Transport::starttls_relay(&config.host).map_err(|e| e.to_string())?
        }
        SmtpSecurity::Tls => Transport::relay(&config.host).map_err(|e| e.to_string())?,
    };
    let builder = builder.port(config.port).timeout(Some(TIMEOUT));
    let builder = match (config.user.is_empty(), password) {
        (false, Some(password)) if smtp::may_send_password(config) => {
            builder.credentials(Credentials::new(config.user.clone(), password.to_owned()))
        }
        _ => builder,
    };
    Ok(builder.build())
}

/// The message of an outbox row, with its attachment.
async fn message_of(
    db: &impl ConnectionTrait,
    config: &SmtpConfig,
    mail: &mails::Model,
) -> Result<Message, String> {
    let from_name = (!config.from_name.is_empty()).then(|| config.from_name.clone());
    let from = config
        .from_address
        .parse()
        .map(|address| Mailbox::new(from_name, address))
        .map_err(|e| format!("the sender address {}: {e}", config.from_address))?;
    let mut builder = Message::builder().from(from).subject(mail.subject.clone());
    for recipient in mail.recipients.split(',').filter(|r| !r.is_empty()) {
        let to: Mailbox = recipient
            .parse()
            .map_err(|e| format!("the address {recipient}: {e}"))?;
        builder = builder.to(to);
    }
    let text = SinglePart::plain(mail.body.clone());
    let message = match (mail.attachment_kind.as_deref(), mail.attachment_id) {
        (Some("invoice"), Some(id)) => {
            let (name, pdf) = invoice_attachment(db, id)
                .await
                .map_err(|e| format!("the invoice's PDF: {e}"))?;
            let pdf_type = ContentType::parse("application/pdf").map_err(|e| e.to_string())?;
            builder.multipart(
                MultiPart::mixed()
                    .singlepart(text)
                    .singlepart(Attachment::new(name).body(pdf, pdf_type)),
            )
        }
        _ => builder.singlepart(text),
    };
    message.map_err(|e| e.to_string())
}

async fn invoice_attachment(db: &impl ConnectionTrait, id: i32) -> CoreResult<(String, Vec<u8>)> {
    let invoice = crate::invoices::invoice_entity::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Invoice))?;
    let pdf = crate::invoices::document::invoice_pdf(db, &Actor::System, i64::from(id)).await?;
    let number = invoice.number.unwrap_or_else(|| format!("invoice-{id}"));
    Ok((format!("{number}.pdf"), pdf))
}

/// What a round of sending did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Delivery {
    pub sent: u64,
    pub failed: u64,
}

/// Sends the mails due at `now`; each failure is recorded with the
/// server's answer and tried again later. Nothing happens while no SMTP
/// server is set.
pub async fn deliver_due(
    db: &impl ConnectionTrait,
    password: Option<&str>,
    now: DateTime<Utc>,
) -> CoreResult<Delivery> {
    let Some(config) = smtp::config(db).await? else {
        return Ok(Delivery::default());
    };
    let due = outbox::due(db, now, BATCH).await?;
    deliver(db, &config, password, due, now).await
}

async fn deliver(
    db: &impl ConnectionTrait,
    config: &SmtpConfig,
    password: Option<&str>,
    due: Vec<mails::Model>,
    now: DateTime<Utc>,
) -> CoreResult<Delivery> {
    let mut delivery = Delivery::default();
    if due.is_empty() {
        return Ok(delivery);
    }
    let transport = transport(config, password);
    for mail in due {
        if !outbox::claim(db, mail.id, now).await? {
            continue;
        }
        let outcome =
            match &transport {
                Ok(transport) => match message_of(db, config, &mail).await {
                    Ok(message) => transport.send(message).await.map(drop).map_err(|e| {
                        format!("the SMTP server {}:{}: {e}", config.host, config.port)
                    }),
                    Err(problem) => Err(problem),
                },
                Err(problem) => Err(problem.clone()),
            };
        match outcome {
            Ok(()) => {
                outbox::mark_sent(db, mail).await?;
                delivery.sent += 1;
            }
            Err(problem) => {
                outbox::mark_failed(db, mail, problem, now).await?;
                delivery.failed += 1;
            }
        }
    }
    Ok(delivery)
}

/// Sends the test e-mail to `to` now and says how it went (the server's
/// answer when it failed); it is in the log either way.
pub async fn send_test(
    db: &impl ConnectionTrait,
    actor: &Actor,
    password: Option<&str>,
    to: &str,
) -> CoreResult<()> {
    require(actor, Operation::ManageSettings)?;
    let to = validate::email("to", to, true)?;
    let config = smtp::config(db)
        .await?
        .ok_or_else(|| CoreError::Conflict(parc_api::problem::Problem::SmtpNotSet))?;
    let now = Utc::now();
    let id = outbox::queue(
        db,
        NewMail {
            event: Some(MailEvent::Test),
            recipients: vec![to],
            values: vec![("date", now.format("%Y-%m-%d %H:%M UTC").to_string())],
            held: true,
            ..Default::default()
        },
    )
    .await?
    .ok_or_else(|| CoreError::Internal("the test e-mail was not queued".into()))?;
    let mail = mails::Entity::find_by_id(i32::try_from(id).unwrap_or_default())
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Mail))?;
    let delivery = deliver(db, &config, password, vec![mail], now).await?;
    if delivery.sent == 1 {
        return Ok(());
    }
    let failed = mails::Entity::find_by_id(i32::try_from(id).unwrap_or_default())
        .one(db)
        .await?
        .and_then(|m| m.last_error)
        .unwrap_or_default();
    Err(CoreError::Conflict(
        parc_api::problem::Problem::TestMailNotSent {
            reason: failed.to_string(),
        },
    ))
}

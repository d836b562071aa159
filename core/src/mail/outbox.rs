//! The outbox: mails queued with their text already filled in (so a
//! template changed later does not change what was meant), sent by
//! `send`, retried after a failure with growing delays, given up after
//! `MAX_ATTEMPTS`; and the same table read as the log of sent mail.

use super::outbox_entity as outbox;
use super::{smtp, templates};
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::query::bounds;
use crate::Actor;
use chrono::{DateTime, Duration, Utc};
use parc_api::mail::{MailEvent, OutboxQuery, OutboxRow, OutboxStatus, MAX_ATTEMPTS};
use parc_api::Page;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

/// A mail to queue: its event's template is filled with `values`.
#[derive(Clone, Debug, Default)]
pub struct NewMail {
    pub event: Option<MailEvent>,
    pub recipients: Vec<String>,
    pub values: Vec<(&'static str, String)>,
    /// ("invoice", id): the PDF is made when the mail is sent.
    pub attachment: Option<(&'static str, i32)>,
    /// Queued once: a second mail with the same key is not queued.
    pub dedupe_key: Option<String>,
    /// Sent by its caller at once (the test e-mail), never by the sender's
    /// rounds, and not retried.
    pub held: bool,
}

/// How long a mail being sent is kept from other senders: a sender killed
/// mid-way leaves it to be tried again after this.
const LEASE: Duration = Duration::minutes(10);

/// The waits between attempts: after the first failure, the second…
const RETRY_MINUTES: [i64; 4] = [5, 30, 120, 720];
const _: () = assert!(RETRY_MINUTES.len() as i64 == MAX_ATTEMPTS - 1);

/// How long to wait before trying a mail again after `attempts` failures;
/// None once it is given up (after `MAX_ATTEMPTS`).
pub fn retry_delay(attempts: i64) -> Option<Duration> {
    if !(1..MAX_ATTEMPTS).contains(&attempts) {
        return None;
    }
    let index = usize::try_from(attempts - 1).ok()?;
    RETRY_MINUTES.get(index).map(|m| Duration::minutes(*m))
}

/// Queues a mail in the installation's document language, unless no SMTP
/// server is set or it has no recipient; returns its id when queued.
pub async fn queue(db: &impl ConnectionTrait, mail: NewMail) -> CoreResult<Option<i64>> {
    let Some(event) = mail.event else {
        return Err(CoreError::Internal("a mail without its event".into()));
    };
    let recipients: Vec<String> = mail
        .recipients
        .iter()
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty())
        .collect();
    if recipients.is_empty() || smtp::config(db).await?.is_none() {
        return Ok(None);
    }
    let language = crate::settings::document_language(db).await?;
    let template = templates::get(db, event, language).await?;
    let mut values = mail.values.clone();
    values.push(("company", crate::settings::company(db).await?.name));
    let now = Utc::now();
    let inserted = outbox::Entity::insert(outbox::ActiveModel {
        event: Set(event.code().to_owned()),
        recipients: Set(recipients.join(",")),
        subject: Set(templates::render(&template.subject, &values)),
        body: Set(templates::render(&template.body, &values)),
        attachment_kind: Set(mail.attachment.map(|(kind, _)| kind.to_owned())),
        attachment_id: Set(mail.attachment.map(|(_, id)| id)),
        status: Set(OutboxStatus::Queued.code().to_owned()),
        attempts: Set(0),
        next_attempt_at: Set((!mail.held).then_some(now)),
        dedupe_key: Set(mail.dedupe_key),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(outbox::Column::DedupeKey)
            .do_nothing()
            .to_owned(),
    )
    .exec(db)
    .await;
    match inserted {
        Ok(result) => Ok(Some(i64::from(result.last_insert_id))),
        Err(sea_orm::DbErr::RecordNotInserted) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// Whether any mail is due now (the keyring is read only then).
pub async fn anything_due(db: &impl ConnectionTrait, now: DateTime<Utc>) -> CoreResult<bool> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::Status.eq(OutboxStatus::Queued.code()))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .count(db)
        .await?
        > 0)
}

/// Takes a mail for sending: false when another sender has it (its lease
/// running) or it is no longer queued. A held mail is taken by its caller.
pub(crate) async fn claim(
    db: &impl ConnectionTrait,
    id: i32,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    let taken = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::NextAttemptAt,
            sea_orm::sea_query::Expr::value(now + LEASE),
        )
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::Status.eq(OutboxStatus::Queued.code()))
        .filter(
            sea_orm::Condition::any()
                .add(outbox::Column::NextAttemptAt.is_null())
                .add(outbox::Column::NextAttemptAt.lte(now)),
        )
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// The mails due to be sent now, oldest first.
pub(crate) async fn due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> CoreResult<Vec<outbox::Model>> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::Status.eq(OutboxStatus::Queued.code()))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Records a sent mail.
/// What the log shows of a portal link's mail once it is sent.
pub const SENT_LINK_REMOVED: &str = "(sent; the one-time link it carried is not kept)";

pub(crate) async fn mark_sent(db: &impl ConnectionTrait, mail: outbox::Model) -> CoreResult<()> {
    let attempts = mail.attempts + 1;
    // A portal link opens an account: once delivered, the log keeps no copy.
    let secret = mail.event == MailEvent::PortalLink.code();
    let mut model: outbox::ActiveModel = mail.into();
    if secret {
        model.body = Set(SENT_LINK_REMOVED.to_owned());
    }
    model.status = Set(OutboxStatus::Sent.code().to_owned());
    model.attempts = Set(attempts);
    model.sent_at = Set(Some(Utc::now()));
    model.next_attempt_at = Set(None);
    model.update(db).await?;
    Ok(())
}

/// Records a failed attempt: tried again later, or given up (at once for
/// a held mail, whose caller reports the failure).
pub(crate) async fn mark_failed(
    db: &impl ConnectionTrait,
    mail: outbox::Model,
    error: String,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let attempts = mail.attempts + 1;
    let held = mail.next_attempt_at.is_none();
    let mut model: outbox::ActiveModel = mail.into();
    model.attempts = Set(attempts);
    model.last_error = Set(Some(error));
    match retry_delay(i64::from(attempts)).filter(|_| !held) {
        Some(delay) => model.next_attempt_at = Set(Some(now + delay)),
        None => {
            model.status = Set(OutboxStatus::Failed.code().to_owned());
            model.next_attempt_at = Set(None);
        }
    }
    model.update(db).await?;
    Ok(())
}

fn row_of(mail: outbox::Model) -> OutboxRow {
    OutboxRow {
        id: i64::from(mail.id),
        event: MailEvent::from_code(&mail.event).unwrap_or(MailEvent::Test),
        recipients: mail.recipients.split(',').map(str::to_owned).collect(),
        subject: mail.subject,
        status: OutboxStatus::from_code(&mail.status).unwrap_or(OutboxStatus::Queued),
        attempts: i64::from(mail.attempts),
        last_error: mail.last_error,
        attachment: mail
            .attachment_kind
            .zip(mail.attachment_id)
            .map(|(kind, id)| format!("{kind} {id}")),
        created_at: mail.created_at,
        sent_at: mail.sent_at,
        next_attempt_at: mail.next_attempt_at,
    }
}

/// One page of the log, the newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &OutboxQuery,
) -> CoreResult<Page<OutboxRow>> {
    require(actor, Operation::ManageSettings)?;
    let (page, page_size, offset) = bounds(query.page, query.page_size);
    let mut select = outbox::Entity::find();
    if let Some(status) = query.status {
        select = select.filter(outbox::Column::Status.eq(status.code()));
    }
    let total = select.clone().count(db).await?;
    let items = select
        .order_by_desc(outbox::Column::Id)
        .offset(offset)
        .limit(page_size)
        .all(db)
        .await?
        .into_iter()
        .map(row_of)
        .collect();
    Ok(Page {
        items,
        total,
        page,
        page_size,
    })
}

/// Sends a mail again at once (one more attempt, its count kept).
pub async fn retry(db: &impl ConnectionTrait, actor: &Actor, id: i64) -> CoreResult<OutboxRow> {
    require(actor, Operation::ManageSettings)?;
    let mail = match i32::try_from(id) {
        Ok(id) => outbox::Entity::find_by_id(id).one(db).await?,
        Err(_) => None,
    }
    .ok_or(CoreError::not_found("mail"))?;
    if mail.status == OutboxStatus::Sent.code() {
        return Err(CoreError::Conflict("this mail was sent already".into()));
    }
    let mut model: outbox::ActiveModel = mail.into();
    model.status = Set(OutboxStatus::Queued.code().to_owned());
    model.next_attempt_at = Set(Some(Utc::now()));
    Ok(row_of(model.update(db).await?))
}

#[cfg(test)]
mod tests {
    use super::retry_delay;

    #[test]
    fn retries_wait_longer_each_time_then_stop() {
        let delays: Vec<i64> = (1..=5)
            .filter_map(retry_delay)
            .map(|d| d.num_minutes())
            .collect();
        assert_eq!(delays, [5, 30, 120, 720]);
    }
}

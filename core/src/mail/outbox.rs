//! The outbox: mails queued with their text already filled in (so a
//! template changed later does not change what was meant), sent by
//! `send`, retried after a failure with growing delays, given up after
//! `MAX_ATTEMPTS`; and the same table read as the log of sent mail.
//!
//! A mail is queued once per `dedupe_key`; taking it for sending sets a lease
//! (`LEASE`, 10 minutes), so two senders never send one twice. Retries come
//! after 5 min, 30 min, 2 h and 12 h; after the fifth attempt it is given up.
//! A portal link's text is not kept in the log once sent.

use super::outbox_entity as outbox;
use super::{smtp, templates};
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::query::bounds;
use crate::Actor;
use chrono::{DateTime, Duration, Utc};
use parc_api::mail::{MailEvent, OutboxQuery, OutboxRow, OutboxStatus, MAX_ATTEMPTS};
use parc_api::problem::Thing;
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
    /// The language its text is written in (a finalised invoice's own);
    /// the company's document language when none.
    pub language: Option<parc_api::auth::Language>,
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
    let language = match mail.language {
        Some(language) => language,
        None => crate::settings::document_language(db).await?,
    };
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

/// What a portal link's token is replaced with once its mail is done.
pub const LINK_REMOVED: &str = "(removed)";

/// `text` without the token of any portal link in it (`/password/<64 hex>`,
/// as `portal::settings::link_at` writes it): a link opens an account, so
/// the log keeps none once the mail is sent or given up (the rest of the
/// text stays, to read what was sent).
pub(crate) fn without_links(text: &str) -> String {
    const MARK: &str = "/password/";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        let (before, after) = rest.split_at(at + MARK.len());
        out.push_str(before);
        let token_len = after.bytes().take_while(|b| b.is_ascii_hexdigit()).count();
        if token_len > 0 {
            out.push_str(LINK_REMOVED);
        }
        rest = &after[token_len..];
    }
    out.push_str(rest);
    out
}

/// A portal link's mail done with (sent or given up): its link removed.
fn forget_link(model: &mut outbox::ActiveModel, mail: &outbox::Model) {
    if mail.event == MailEvent::PortalLink.code() {
        model.subject = Set(without_links(&mail.subject));
        model.body = Set(without_links(&mail.body));
    }
}

/// Records a sent mail.
pub(crate) async fn mark_sent(db: &impl ConnectionTrait, mail: outbox::Model) -> CoreResult<()> {
    let mut model: outbox::ActiveModel = mail.clone().into();
    forget_link(&mut model, &mail);
    model.status = Set(OutboxStatus::Sent.code().to_owned());
    model.attempts = Set(mail.attempts + 1);
    model.sent_at = Set(Some(Utc::now()));
    model.next_attempt_at = Set(None);
    model.update(db).await?;
    Ok(())
}

/// Records a failed attempt: tried again later, or given up (at once for
/// a held mail, whose caller reports the failure) — a portal link's mail
/// given up keeps no link either.
pub(crate) async fn mark_failed(
    db: &impl ConnectionTrait,
    mail: outbox::Model,
    error: String,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let attempts = mail.attempts + 1;
    let held = mail.next_attempt_at.is_none();
    let mut model: outbox::ActiveModel = mail.clone().into();
    model.attempts = Set(attempts);
    model.last_error = Set(Some(error));
    match retry_delay(i64::from(attempts)).filter(|_| !held) {
        Some(delay) => model.next_attempt_at = Set(Some(now + delay)),
        None => {
            forget_link(&mut model, &mail);
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
    .ok_or(CoreError::not_found(Thing::Mail))?;
    if mail.status == OutboxStatus::Sent.code() {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::MailAlreadySent,
        ));
    }
    if mail.event == MailEvent::PortalLink.code() && mail.status == OutboxStatus::Failed.code() {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::MailLinkRemoved,
        ));
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
    fn a_links_token_is_removed_and_the_rest_kept() {
        let token = "0123456789abcdef".repeat(4);
        let body = format!("Open http://portal.lan:8470/password/{token}\n\nsee /password/ page");
        assert_eq!(
            super::without_links(&body),
            "Open http://portal.lan:8470/password/(removed)\n\nsee /password/ page"
        );
        assert_eq!(super::without_links("no link"), "no link");
    }

    #[test]
    fn retries_wait_longer_each_time_then_stop() {
        let delays: Vec<i64> = (1..=5)
            .filter_map(retry_delay)
            .map(|d| d.num_minutes())
            .collect();
        assert_eq!(delays, [5, 30, 120, 720]);
    }
}

//! Signing in to the portal, and the session each request resumes.
//!
//! `sign_in` verifies the password with Argon2id (for an unknown address, the
//! same work on a hash of nothing), ends the session the browser came with,
//! and opens one whose random 256-bit id only the browser holds: the database
//! keeps its digest, with the session's form token. `resume` is one joined
//! query per request, and ends a session idle for 30 minutes, older than 12
//! hours, begun before the password changed, or whose contact, client or
//! access is off.

use super::account_entity as accounts;
use super::accounts::{account_with_email, add_link};
use super::link_entity as links;
use super::session_entity as sessions;
use crate::auth::password;
use crate::clients::contact_entity as contacts;
use crate::error::CoreResult;
use crate::Actor;
use chrono::{DateTime, Duration, Utc};
use parc_api::portal::{LinkPurpose, TicketScope};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, Statement, TransactionSession, TransactionTrait,
};

/// A session unused this long is over.
pub const IDLE: Duration = Duration::minutes(30);
/// A session is over this long after sign-in, however busy.
pub const ABSOLUTE: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often (not on every request).
const SEEN_EVERY: Duration = Duration::minutes(1);

/// A session just opened: the id goes in the browser's cookie (and nowhere
/// else); the token in every form it is shown.
#[derive(Clone, PartialEq, Eq)]
pub struct Opened {
    pub session_id: String,
    pub csrf_token: String,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Opened { .. }")
    }
}

/// Who a live session is, for one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    pub actor: Actor,
    pub csrf_token: String,
    pub contact_name: String,
    pub client_name: String,
}

/// How many password checks run at once: each takes 19 MiB and tens of
/// milliseconds of a core, and a burst of sign-ins must not take the
/// server's (or the desktop app's) threads from everything else.
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

async fn verify_off_the_runtime(typed: &str, stored: Option<String>) -> CoreResult<bool> {
    let _turn = HASHING
        .acquire()
        .await
        .map_err(|e| crate::error::CoreError::Internal(e.to_string()))?;
    let typed = typed.to_owned();
    tokio::task::spawn_blocking(move || password::verify_or_waste(&typed, stored.as_deref()))
        .await
        .map_err(|e| crate::error::CoreError::Internal(e.to_string()))
}

/// What a right password leads to on the portal.
#[derive(Debug)]
pub enum SignInStep {
    /// Signed in.
    Opened(Opened),
    /// The contact turned two-step sign-in on: a code is asked next
    /// (`complete_sign_in`); the portal keeps the token in a short cookie.
    Code(crate::auth::second_factor::PendingLogin),
}

impl SignInStep {
    /// The session, for a caller that cannot ask for a code (none when the
    /// contact signs in in two steps).
    pub fn opened(self) -> Option<Opened> {
        match self {
            SignInStep::Opened(opened) => Some(opened),
            SignInStep::Code(_) => None,
        }
    }
}

/// Checks an e-mail and password and opens a session (or asks a code, for a
/// contact with two-step sign-in); `None` for any failure, after the same
/// work whether the address is known or not. `previous`, the session the
/// browser came with, is ended: a sign-in always gets a new id.
pub async fn sign_in<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    email: &str,
    password_typed: &str,
    previous: Option<&str>,
) -> CoreResult<Option<SignInStep>> {
    if let Some(previous) = previous {
        sign_out(db, previous).await?;
    }
    let holder = account_with_email(db, email).await?;
    let stored = holder
        .as_ref()
        .and_then(|h| h.account.password_hash.clone());
    let right = verify_off_the_runtime(password_typed, stored).await?;
    let Some(holder) = holder.filter(|h| right && !h.contact.archived && !h.client.archived) else {
        return Ok(None);
    };
    let now = Utc::now();
    let owner = crate::auth::second_factor::Owner::Contact(holder.contact.id);
    let txn = crate::db::begin_write(db).await?;
    if let Some(pending) = crate::auth::second_factor::challenge(&txn, owner, now).await? {
        txn.commit().await?;
        return Ok(Some(SignInStep::Code(pending)));
    }
    let opened = open_session(&txn, holder.contact.id, now).await?;
    txn.commit().await?;
    Ok(Some(SignInStep::Opened(opened)))
}

/// The sign-in's second step: the session of a waiting sign-in whose code
/// (or recovery code) is right at `now`. The contact's access is checked
/// again: switched off meanwhile, the sign-in is over.
pub async fn complete_sign_in<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
    code: &str,
    now: DateTime<Utc>,
) -> CoreResult<Opened> {
    use crate::auth::second_factor::{pass_challenge, sign_in_over, Owner};
    let Owner::Contact(contact_id) = pass_challenge(db, token, code, now).await? else {
        return Err(sign_in_over());
    };
    let txn = crate::db::begin_write(db).await?;
    let still_in = accounts::Entity::find_by_id(contact_id)
        .one(&txn)
        .await?
        .is_some_and(|account| account.enabled);
    let live = contacts::Entity::find_by_id(contact_id)
        .one(&txn)
        .await?
        .is_some_and(|contact| !contact.archived);
    if !(still_in && live) {
        return Err(sign_in_over());
    }
    let opened = open_session(&txn, contact_id, now).await?;
    txn.commit().await?;
    Ok(opened)
}

/// Gives a waiting sign-in up.
pub async fn cancel_sign_in(db: &impl ConnectionTrait, token: &str) -> CoreResult<()> {
    crate::auth::second_factor::cancel_login(db, token).await
}

/// A new session of `contact_id`, within the per-contact ceiling, expired
/// ones purged on the way.
async fn open_session(
    txn: &impl ConnectionTrait,
    contact_id: i32,
    now: DateTime<Utc>,
) -> CoreResult<Opened> {
    let opened = Opened {
        session_id: password::new_token(),
        csrf_token: password::new_token(),
    };
    purge_expired(txn, now).await?;
    sessions::ActiveModel {
        id_digest: Set(password::token_digest(&opened.session_id)),
        contact_id: Set(contact_id),
        csrf_token: Set(opened.csrf_token.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
    }
    .insert(txn)
    .await?;
    end_oldest(txn, contact_id).await?;
    Ok(opened)
}

/// The most sessions one contact keeps at once (a phone, a laptop, an
/// office computer…): signing in beyond them ends the oldest, so sign-ins
/// in a loop cannot fill the table.
pub const MAX_SESSIONS: u64 = 5;

async fn end_oldest(db: &impl ConnectionTrait, contact_id: i32) -> CoreResult<()> {
    let beyond: Vec<String> = sessions::Entity::find()
        .filter(sessions::Column::ContactId.eq(contact_id))
        .order_by_desc(sessions::Column::CreatedAt)
        .order_by_desc(sessions::Column::IdDigest)
        .all(db)
        .await?
        .into_iter()
        .skip(MAX_SESSIONS as usize)
        .map(|s| s.id_digest)
        .collect();
    if !beyond.is_empty() {
        sessions::Entity::delete_many()
            .filter(sessions::Column::IdDigest.is_in(beyond))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Deletes what can no longer be used at `now`: sessions idle too long,
/// too old, or begun before their account's `sessions_valid_from` (or
/// whose account is gone or off), and links used or expired. Run at each
/// sign-in and by the app's background work; `resume` itself only reads,
/// so an unknown or stale cookie costs no write. Returns the rows deleted.
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> CoreResult<u64> {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let still_valid = Query::select()
        .expr(Expr::val(1))
        .from(accounts::Entity)
        .and_where(
            Expr::col((accounts::Entity, accounts::Column::ContactId))
                .equals((sessions::Entity, sessions::Column::ContactId)),
        )
        .and_where(Expr::col((accounts::Entity, accounts::Column::Enabled)).eq(true))
        .and_where(
            Expr::col((accounts::Entity, accounts::Column::SessionsValidFrom))
                .lte(Expr::col((sessions::Entity, sessions::Column::CreatedAt))),
        )
        .to_owned();
    let ended = sessions::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(sessions::Column::LastSeenAt.lt(now - IDLE))
                .add(sessions::Column::CreatedAt.lt(now - ABSOLUTE))
                .add(Expr::exists(still_valid).not()),
        )
        .exec(db)
        .await?
        .rows_affected;
    let spent = links::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(links::Column::UsedAt.is_not_null())
                .add(links::Column::ExpiresAt.lte(now)),
        )
        .exec(db)
        .await?
        .rows_affected;
    Ok(ended + spent)
}

/// The session a browser's id stands for at `now`, if it is still live:
/// not idle too long, not too old, begun after the last password change,
/// its contact, client and access all still active. Only reads, but for
/// `last_seen_at` of a live session (once a minute): an unknown or ended
/// cookie, which anyone can send, costs no write; `purge_expired` deletes
/// what is over.
pub async fn resume(
    db: &impl ConnectionTrait,
    session_id: &str,
    now: DateTime<Utc>,
) -> CoreResult<Option<Signed>> {
    let digest = password::token_digest(session_id);
    let sql = "SELECT s.contact_id, s.csrf_token, s.created_at, s.last_seen_at, \
                      a.ticket_scope, a.sessions_valid_from, c.name, c.client_id, cl.name \
               FROM portal_sessions s \
               JOIN portal_accounts a ON a.contact_id = s.contact_id AND a.enabled \
               JOIN contacts c ON c.id = s.contact_id AND NOT c.archived \
               JOIN clients cl ON cl.id = c.client_id AND NOT cl.archived \
               WHERE s.id_digest = ?";
    let statement =
        Statement::from_sql_and_values(db.get_database_backend(), sql, [digest.clone().into()]);
    let Some(row) = db.query_one_raw(statement).await? else {
        return Ok(None);
    };
    let contact_id: i32 = row.try_get_by_index(0)?;
    let csrf_token: String = row.try_get_by_index(1)?;
    let created_at: DateTime<Utc> = row.try_get_by_index(2)?;
    let last_seen_at: DateTime<Utc> = row.try_get_by_index(3)?;
    let scope: String = row.try_get_by_index(4)?;
    let valid_from: DateTime<Utc> = row.try_get_by_index(5)?;
    let contact_name: String = row.try_get_by_index(6)?;
    let client_id: i32 = row.try_get_by_index(7)?;
    let client_name: String = row.try_get_by_index(8)?;
    let over = now - last_seen_at > IDLE || now - created_at > ABSOLUTE || created_at < valid_from;
    if over {
        return Ok(None);
    }
    if now - last_seen_at > SEEN_EVERY {
        sessions::Entity::update_many()
            .col_expr(
                sessions::Column::LastSeenAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(sessions::Column::IdDigest.eq(digest))
            .exec(db)
            .await?;
    }
    Ok(Some(Signed {
        actor: Actor::Portal {
            contact_id: i64::from(contact_id),
            client_id: i64::from(client_id),
            name: contact_name.clone(),
            tickets: TicketScope::from_code(&scope).unwrap_or_default(),
        },
        csrf_token,
        contact_name,
        client_name,
    }))
}

async fn end(db: &impl ConnectionTrait, digest: &str) -> CoreResult<()> {
    sessions::Entity::delete_by_id(digest.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends the session a browser holds (sign-out).
pub async fn sign_out(db: &impl ConnectionTrait, session_id: &str) -> CoreResult<()> {
    end(db, &password::token_digest(session_id)).await
}

/// No new reset link for an account while one made this recently is still
/// unused: the reset page cannot be used to flood a mailbox.
const RESET_EVERY: Duration = Duration::minutes(10);
/// Nor while this many reset links are still open.
const OPEN_RESETS: u64 = 3;

/// A password reset asked on the portal's sign-in page: for an active
/// account with that address, a new link with the configured address,
/// mailed — beside the links the contact holds (an invitation a manager
/// handed over keeps working). Nothing for any other address, nothing
/// while mail is not set up (a link nobody can be sent is not made), and
/// nothing while a reset link made in the last ten minutes, or three, are
/// still open; the page answers the same either way, and the contact's
/// sessions go on until a new password is chosen. Whether a mail was queued.
pub async fn ask_reset<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    email: &str,
) -> CoreResult<bool> {
    let txn = crate::db::begin_write(db).await?;
    let Some(holder) = account_with_email(&txn, email)
        .await?
        .filter(|h| !h.contact.archived && !h.client.archived)
    else {
        return Ok(false);
    };
    if crate::mail::smtp::config(&txn).await?.is_none()
        || resets_waiting(&txn, holder.contact.id).await?
    {
        return Ok(false);
    }
    // Checked before anything changes: no address, no link.
    let base = super::settings::base_url_for_links(&txn).await?;
    let link = add_link(&txn, holder.contact.id, LinkPurpose::Reset).await?;
    let url = super::settings::link_at(&base, &link.token);
    if !super::accounts::mail_link(&txn, &link, &url).await? {
        // Not queued after all: the link is not kept (the transaction
        // is dropped, so rolled back).
        return Ok(false);
    }
    txn.commit().await?;
    Ok(true)
}

/// Whether the contact's open reset links are reason enough to make none.
async fn resets_waiting(db: &impl ConnectionTrait, contact_id: i32) -> CoreResult<bool> {
    let now = Utc::now();
    let open = links::Entity::find()
        .filter(links::Column::ContactId.eq(contact_id))
        .filter(links::Column::Purpose.eq(LinkPurpose::Reset.code()))
        .filter(links::Column::UsedAt.is_null())
        .filter(links::Column::ExpiresAt.gt(now));
    let recent = open
        .clone()
        .filter(links::Column::CreatedAt.gt(now - RESET_EVERY))
        .count(db)
        .await?;
    Ok(recent > 0 || open.count(db).await? >= OPEN_RESETS)
}

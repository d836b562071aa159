//! Signing in to the portal, and the session each request resumes.

use super::account_entity as accounts;
use super::accounts::{account_with_email, new_link};
use super::link_entity as links;
use super::session_entity as sessions;
use crate::auth::password;
use crate::clients::contact_entity as contacts;
use crate::error::CoreResult;
use crate::Actor;
use chrono::{DateTime, Duration, Utc};
use parc_api::portal::{LinkPurpose, TicketScope};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, Statement,
    TransactionSession, TransactionTrait,
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

/// The actor a portal account acts as.
pub(crate) fn actor_of(contact: &contacts::Model, account: &accounts::Model) -> Actor {
    Actor::Portal {
        contact_id: i64::from(contact.id),
        client_id: i64::from(contact.client_id),
        name: contact.name.clone(),
        tickets: TicketScope::from_code(&account.ticket_scope).unwrap_or_default(),
    }
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

/// Checks an e-mail and password and opens a session; `None` for any
/// failure, after the same work whether the address is known or not.
/// `previous`, the session the browser came with, is ended: a sign-in
/// always gets a new id.
pub async fn sign_in(
    db: &impl ConnectionTrait,
    email: &str,
    password_typed: &str,
    previous: Option<&str>,
) -> CoreResult<Option<Opened>> {
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
    // Housekeeping: this contact's sessions that are over anyway.
    sessions::Entity::delete_many()
        .filter(sessions::Column::ContactId.eq(holder.contact.id))
        .filter(sessions::Column::LastSeenAt.lt(now - IDLE))
        .exec(db)
        .await?;
    let opened = Opened {
        session_id: password::new_token(),
        csrf_token: password::new_token(),
    };
    sessions::ActiveModel {
        id_digest: Set(password::token_digest(&opened.session_id)),
        contact_id: Set(holder.contact.id),
        csrf_token: Set(opened.csrf_token.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(Some(opened))
}

/// The session a browser's id stands for at `now`, if it is still live:
/// not idle too long, not too old, begun after the last password change,
/// its contact, client and access all still active. A session found over
/// is deleted.
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
        end(db, &digest).await?;
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
        end(db, &digest).await?;
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

/// A password reset asked on the portal's sign-in page: for an active
/// account with that address, a new link (none while one made in the last
/// ten minutes waits),
/// with the configured address, mailed. Nothing for any other address,
/// and the page answers the same either way; the contact's sessions go on
/// until a new password is chosen. Whether a mail was queued.
pub async fn ask_reset<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    email: &str,
) -> CoreResult<bool> {
    let txn = db.begin().await?;
    let Some(holder) = account_with_email(&txn, email)
        .await?
        .filter(|h| !h.contact.archived && !h.client.archived)
    else {
        return Ok(false);
    };
    let recent = links::Entity::find()
        .filter(links::Column::ContactId.eq(holder.contact.id))
        .filter(links::Column::Purpose.eq(LinkPurpose::Reset.code()))
        .filter(links::Column::UsedAt.is_null())
        .filter(links::Column::CreatedAt.gt(Utc::now() - RESET_EVERY))
        .one(&txn)
        .await?;
    if recent.is_some() {
        return Ok(false);
    }
    // Checked before anything changes: no address, no link.
    let base = super::settings::base_url_for_links(&txn).await?;
    let (token, expires_at) = new_link(&txn, holder.contact.id, LinkPurpose::Reset).await?;
    let url = super::settings::link_at(&base, &token);
    let mailed =
        crate::mail::events::portal_link(&txn, holder.contact.id, &url, expires_at).await?;
    txn.commit().await?;
    Ok(mailed)
}

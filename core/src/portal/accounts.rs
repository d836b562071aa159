//! Who may sign in to the portal, and the one-time links that let them
//! choose a password.
//!
//! A contact's access is on or off, over their own tickets or the whole
//! client's, switched by managers (`ManagePortal`); an address must be the
//! contact's alone among the enabled accounts. A one-time link lasts 48 hours
//! and only its digest is kept; `send_link` makes an invitation or a reset
//! with the configured base URL and mails it. `choose_password` takes 12 to
//! 128 characters, spends the link and ends every session.
//!
//! Links are voided only when a password is chosen, when a manager makes a
//! new one (the one handed over replaces the others), or when the access
//! or the address changes: a reset asked on the portal adds a link beside
//! the others, so nobody can kill a link they did not ask to replace.

use super::account_entity as accounts;
use super::link_entity as links;
use super::session_entity as sessions;
use crate::audit::{self, Audited};
use crate::auth::password;
use crate::authz::{require, Operation};
use crate::clients::{client_entity as clients, contact_entity as contacts};
use crate::error::{CoreError, CoreResult};
use crate::query::id32;
use crate::{validate, Actor};
use chrono::{DateTime, Duration, Utc};
use parc_api::portal::{
    LinkPurpose, PortalAccess, PortalAccessInput, PortalLink, TicketScope, LINK_HOURS,
};
use parc_api::problem::Thing;
use parc_api::ValidationCode;
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

/// ASVS level 2 asks for at least 12 characters and allows long passphrases.
pub const MIN_PASSWORD_LEN: usize = 12;
pub const MAX_PASSWORD_LEN: usize = 128;

impl Audited for accounts::Model {
    const ENTITY: &'static str = "portal_access";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("enabled", self.enabled.to_string()),
            ("ticket_scope", self.ticket_scope.clone()),
            ("password_set", self.password_hash.is_some().to_string()),
        ]
    }
}

/// A contact's access as the contact's page shows it (off when never given).
pub async fn access(
    db: &impl ConnectionTrait,
    actor: &Actor,
    contact_id: i64,
) -> CoreResult<PortalAccess> {
    require(actor, Operation::ManagePortal)?;
    let contact = contact(db, contact_id).await?;
    access_of(db, contact.id).await
}

async fn access_of(db: &impl ConnectionTrait, contact_id: i32) -> CoreResult<PortalAccess> {
    let account = accounts::Entity::find_by_id(contact_id).one(db).await?;
    let waiting = links::Entity::find()
        .filter(links::Column::ContactId.eq(contact_id))
        .filter(links::Column::UsedAt.is_null())
        .filter(links::Column::ExpiresAt.gt(Utc::now()))
        .order_by_desc(links::Column::ExpiresAt)
        .one(db)
        .await?;
    Ok(PortalAccess {
        contact_id: i64::from(contact_id),
        enabled: account.as_ref().is_some_and(|a| a.enabled),
        ticket_scope: account
            .as_ref()
            .and_then(|a| TicketScope::from_code(&a.ticket_scope))
            .unwrap_or_default(),
        password_set: account.as_ref().is_some_and(|a| a.password_hash.is_some()),
        link_expires_at: waiting.map(|l| l.expires_at),
    })
}

async fn contact(db: &impl ConnectionTrait, contact_id: i64) -> CoreResult<contacts::Model> {
    contacts::Entity::find_by_id(id32(contact_id, Thing::Contact)?)
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Contact))
}

/// Switches a contact's access on or off and sets which tickets they see.
/// Switching it off ends their sessions and voids their links at once.
pub async fn set_access<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &PortalAccessInput,
) -> CoreResult<PortalAccess> {
    require(actor, Operation::ManagePortal)?;
    let txn = crate::db::begin_write(db).await?;
    let contact = contact(&txn, input.contact_id).await?;
    if input.enabled {
        may_sign_in(&txn, &contact).await?;
    }
    let now = Utc::now();
    let before = accounts::Entity::find_by_id(contact.id).one(&txn).await?;
    let after = match before.clone() {
        Some(account) => {
            let mut model = account.into_active_model();
            model.enabled = Set(input.enabled);
            model.ticket_scope = Set(input.ticket_scope.code().to_owned());
            if !input.enabled {
                model.sessions_valid_from = Set(now);
            }
            model.update(&txn).await?
        }
        None => {
            accounts::ActiveModel {
                contact_id: Set(contact.id),
                enabled: Set(input.enabled),
                ticket_scope: Set(input.ticket_scope.code().to_owned()),
                password_hash: Set(None),
                created_at: Set(now),
                password_set_at: Set(None),
                sessions_valid_from: Set(now),
            }
            .insert(&txn)
            .await?
        }
    };
    if !input.enabled {
        end_sessions(&txn, contact.id).await?;
        void_links(&txn, contact.id, now).await?;
    }
    audit::record(
        &txn,
        actor,
        i64::from(contact.id),
        "update",
        before.as_ref(),
        Some(&after),
    )
    .await?;
    let access = access_of(&txn, contact.id).await?;
    txn.commit().await?;
    Ok(access)
}

/// A contact signs in with their e-mail: they need one, it must be theirs
/// alone among the portal's accounts, and they must still be active.
async fn may_sign_in(db: &impl ConnectionTrait, contact: &contacts::Model) -> CoreResult<()> {
    if contact.archived {
        return Err(CoreError::validation(
            "enabled",
            ValidationCode::Conflict,
            "an archived contact cannot use the portal",
        ));
    }
    let email = validate::email("email", &contact.email, true).map_err(|_| {
        CoreError::validation(
            "email",
            ValidationCode::Required,
            "the contact needs an e-mail address to sign in to the portal",
        )
    })?;
    if let Some(other) = account_with_email(db, &email).await? {
        if other.contact.id != contact.id {
            return Err(CoreError::validation(
                "email",
                ValidationCode::Duplicate,
                format!(
                    "{} already signs in to the portal with {email}",
                    other.contact.name
                ),
            ));
        }
    }
    Ok(())
}

/// A contact's address changed: if they may sign in, the new address must
/// be theirs alone among the portal's accounts; links sent to the old one
/// stop working and their sessions end (they sign in with the new one).
pub(crate) async fn address_changed(
    db: &impl ConnectionTrait,
    contact: &contacts::Model,
) -> CoreResult<()> {
    let Some(account) = accounts::Entity::find_by_id(contact.id).one(db).await? else {
        return Ok(());
    };
    if account.enabled {
        may_sign_in(db, contact).await?;
    }
    void_links(db, contact.id, Utc::now()).await?;
    end_sessions(db, contact.id).await
}

/// An enabled account and its contact, found by e-mail (whatever its case).
pub(crate) struct Holder {
    pub account: accounts::Model,
    pub contact: contacts::Model,
    pub client: clients::Model,
}

pub(crate) async fn account_with_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> CoreResult<Option<Holder>> {
    let wanted = email.trim().to_lowercase();
    if wanted.is_empty() {
        return Ok(None);
    }
    // Addresses are kept lower-cased (`validate::email`).
    let with_access = Query::select()
        .column(accounts::Column::ContactId)
        .from(accounts::Entity)
        .and_where(accounts::Column::Enabled.eq(true))
        .to_owned();
    let Some(contact) = contacts::Entity::find()
        .filter(contacts::Column::Email.eq(wanted))
        .filter(contacts::Column::Id.in_subquery(with_access))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let account = accounts::Entity::find_by_id(contact.id).one(db).await?;
    holder_of(db, contact, account.into_iter().collect()).await
}

async fn holder_of(
    db: &impl ConnectionTrait,
    contact: contacts::Model,
    accounts: Vec<accounts::Model>,
) -> CoreResult<Option<Holder>> {
    let Some(account) = accounts.into_iter().find(|a| a.contact_id == contact.id) else {
        return Ok(None);
    };
    let Some(client) = clients::Entity::find_by_id(contact.client_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(Holder {
        account,
        contact,
        client,
    }))
}

/// A new one-time link for a contact whose access is on: the previous ones
/// stop working. Returns the token the link carries (shown or mailed once,
/// never stored) and its expiry.
pub async fn issue_link<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    contact_id: i64,
    purpose: LinkPurpose,
) -> CoreResult<(String, DateTime<Utc>)> {
    require(actor, Operation::ManagePortal)?;
    let txn = crate::db::begin_write(db).await?;
    let contact = contact(&txn, contact_id).await?;
    let enabled = accounts::Entity::find_by_id(contact.id)
        .one(&txn)
        .await?
        .is_some_and(|a| a.enabled);
    if !enabled {
        return Err(CoreError::validation(
            "enabled",
            ValidationCode::Conflict,
            "switch the contact's portal access on first",
        ));
    }
    let link = replace_links(&txn, contact.id, purpose).await?;
    txn.commit().await?;
    Ok((link.token, link.expires_at))
}

/// Makes a contact's link — an invitation until they have a password, a
/// reset after — with the portal's configured address, and mails it when
/// e-mail is set up. The manager is shown the link either way, once.
pub async fn send_link<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    contact_id: i64,
) -> CoreResult<PortalLink> {
    require(actor, Operation::ManagePortal)?;
    let txn = crate::db::begin_write(db).await?;
    let contact = contact(&txn, contact_id).await?;
    let account = accounts::Entity::find_by_id(contact.id)
        .one(&txn)
        .await?
        .filter(|a| a.enabled)
        .ok_or_else(|| {
            CoreError::validation(
                "enabled",
                ValidationCode::Conflict,
                "switch the contact's portal access on first",
            )
        })?;
    let purpose = if account.password_hash.is_some() {
        LinkPurpose::Reset
    } else {
        LinkPurpose::Invitation
    };
    let base = super::settings::base_url_for_links(&txn).await?;
    let link = replace_links(&txn, contact.id, purpose).await?;
    let url = super::settings::link_at(&base, &link.token);
    let expires_at = link.expires_at;
    let mailed = mail_link(&txn, &link, &url).await?;
    audit::record(
        &txn,
        actor,
        i64::from(contact.id),
        purpose.code(),
        Some(&account),
        Some(&account),
    )
    .await?;
    txn.commit().await?;
    Ok(PortalLink {
        url,
        expires_at,
        mailed,
    })
}

/// A one-time link just made: its token is in the link only (shown or
/// mailed once, never stored; the table keeps its digest).
pub(crate) struct NewLink {
    pub id: i32,
    pub contact_id: i32,
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// Mails a portal contact their one-time link to choose a password; false
/// when mail is not set up or the contact has no address (the manager then
/// hands the link over another way). Queued once per link. The outbox
/// drops the link from the mail's text once it is sent or given up
/// (`outbox::mark_sent`, `outbox::mark_failed`).
pub(crate) async fn mail_link(
    db: &impl ConnectionTrait,
    link: &NewLink,
    url: &str,
) -> CoreResult<bool> {
    if !crate::mail::events::mailing(db).await? {
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
    let french = crate::settings::document_language(db).await? == parc_api::auth::Language::Fr;
    let zone = crate::desk::local_time::CompanyZone::load(db).await?;
    let expires = zone.display(link.expires_at, french);
    let values = vec![
        (
            "client",
            crate::clients::lookup::client_name(db, contact.client_id).await?,
        ),
        ("contact", contact.name),
        ("link", url.to_owned()),
        ("expires", expires),
    ];
    let queued = crate::mail::outbox::queue(
        db,
        crate::mail::outbox::NewMail {
            event: Some(parc_api::mail::MailEvent::PortalLink),
            recipients: vec![contact.email],
            values,
            dedupe_key: Some(format!("portal_link:{}", link.id)),
            ..Default::default()
        },
    )
    .await?;
    Ok(queued.is_some())
}

/// A manager's new link: the contact's earlier ones stop working (the
/// manager hands over this one).
async fn replace_links(
    db: &impl ConnectionTrait,
    contact_id: i32,
    purpose: LinkPurpose,
) -> CoreResult<NewLink> {
    void_links(db, contact_id, Utc::now()).await?;
    add_link(db, contact_id, purpose).await
}

/// A new link beside the contact's others: a reset asked from the portal
/// voids nothing, so a stranger asking cannot kill the invitation a
/// manager handed over.
pub(crate) async fn add_link(
    db: &impl ConnectionTrait,
    contact_id: i32,
    purpose: LinkPurpose,
) -> CoreResult<NewLink> {
    let now = Utc::now();
    let token = password::new_token();
    let expires_at = now + Duration::hours(LINK_HOURS);
    let row = links::ActiveModel {
        contact_id: Set(contact_id),
        token_digest: Set(password::token_digest(&token)),
        purpose: Set(purpose.code().to_owned()),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(NewLink {
        id: row.id,
        contact_id,
        token,
        expires_at,
    })
}

async fn void_links(
    db: &impl ConnectionTrait,
    contact_id: i32,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    links::Entity::update_many()
        .col_expr(links::Column::UsedAt, sea_orm::sea_query::Expr::value(now))
        .filter(links::Column::ContactId.eq(contact_id))
        .filter(links::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

pub(crate) async fn end_sessions(db: &impl ConnectionTrait, contact_id: i32) -> CoreResult<()> {
    sessions::Entity::delete_many()
        .filter(sessions::Column::ContactId.eq(contact_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends the sessions of every contact of a client (the client archived):
/// deleted, so restoring the client later revives none.
pub(crate) async fn end_client_sessions(
    db: &impl ConnectionTrait,
    client_id: i32,
) -> CoreResult<()> {
    let of_client = Query::select()
        .column(contacts::Column::Id)
        .from(contacts::Entity)
        .and_where(contacts::Column::ClientId.eq(client_id))
        .to_owned();
    sessions::Entity::delete_many()
        .filter(sessions::Column::ContactId.in_subquery(of_client))
        .exec(db)
        .await?;
    Ok(())
}

/// The contact a link still open is for, to greet them on its page; `None`
/// for a link unknown, used, expired or whose access was switched off.
pub async fn link_holder(db: &impl ConnectionTrait, token: &str) -> CoreResult<Option<String>> {
    Ok(open_link(db, token)
        .await?
        .map(|(_, holder)| holder.contact.name))
}

async fn open_link(
    db: &impl ConnectionTrait,
    token: &str,
) -> CoreResult<Option<(links::Model, Holder)>> {
    let Some(link) = links::Entity::find()
        .filter(links::Column::TokenDigest.eq(password::token_digest(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if link.used_at.is_some() || link.expires_at <= Utc::now() {
        return Ok(None);
    }
    let Some(contact) = contacts::Entity::find_by_id(link.contact_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let account = accounts::Entity::find_by_id(contact.id).one(db).await?;
    let holder = holder_of(db, contact, account.into_iter().collect()).await?;
    Ok(holder
        .filter(|h| h.account.enabled && !h.contact.archived && !h.client.archived)
        .map(|h| (link, h)))
}

/// Sets the password a link's holder chose; the link is spent, and every
/// session they had is over. Returns the contact's e-mail, to sign in with.
pub async fn choose_password<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
    new_password: &str,
    repeated: &str,
) -> CoreResult<String> {
    let dead = || {
        CoreError::validation(
            "link",
            ValidationCode::Unknown,
            "this link has expired or was already used; ask for a new one",
        )
    };
    let txn = crate::db::begin_write(db).await?;
    let Some((link, holder)) = open_link(&txn, token).await? else {
        return Err(dead());
    };
    check_password(new_password, repeated)?;
    let now = Utc::now();
    // Spent here and only once: of two uses racing, one changes the row.
    let spent = links::Entity::update_many()
        .col_expr(links::Column::UsedAt, sea_orm::sea_query::Expr::value(now))
        .filter(links::Column::Id.eq(link.id))
        .filter(links::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected != 1 {
        return Err(dead());
    }
    // A password chosen: every other link the contact held stops working.
    void_links(&txn, holder.contact.id, now).await?;
    let before = holder.account.clone();
    let mut model = holder.account.into_active_model();
    model.password_hash = Set(Some(password::hash(new_password)?));
    model.password_set_at = Set(Some(now));
    model.sessions_valid_from = Set(now);
    let after = model.update(&txn).await?;
    end_sessions(&txn, holder.contact.id).await?;
    let actor = super::actor_of(&holder.contact, &after);
    audit::record(
        &txn,
        &actor,
        i64::from(holder.contact.id),
        "password",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(holder.contact.email)
}

fn check_password(new_password: &str, repeated: &str) -> CoreResult<()> {
    let length = new_password.chars().count();
    if length < MIN_PASSWORD_LEN {
        return Err(CoreError::validation(
            "password",
            ValidationCode::TooShort,
            format!("must be at least {MIN_PASSWORD_LEN} characters"),
        ));
    }
    if length > MAX_PASSWORD_LEN {
        return Err(CoreError::validation(
            "password",
            ValidationCode::TooLong,
            format!("must be at most {MAX_PASSWORD_LEN} characters"),
        ));
    }
    if new_password != repeated {
        return Err(CoreError::validation(
            "repeat",
            ValidationCode::Conflict,
            "the two passwords differ",
        ));
    }
    Ok(())
}

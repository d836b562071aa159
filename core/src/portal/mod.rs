//! The client portal's accounts and sessions, for the `parc-portal` door.
//!
//! A manager lets a contact in (`accounts`): the contact gets a one-time
//! link, valid 48 hours, to choose a password; a forgotten password is
//! reset the same way. Signing in (`sessions`) checks the password with
//! Argon2id and opens a session whose random id only the browser holds —
//! the database keeps its digest. Every request asks `sessions::resume`,
//! which ends a session idle for 30 minutes, older than 12 hours, begun
//! before the password changed, or whose contact, client or access was
//! switched off since. What a signed-in contact may see is then decided by
//! the same services the desktop uses, with an `Actor::Portal`.
//!
//! The portal's own settings (address, port, HTTPS, the links' base URL)
//! live in `settings`.
//!
//! What a contact sees is the ordinary services' answer to `Actor::Portal {
//! client_id, tickets }`: the client scope in every query, tickets narrowed
//! further to the contact's own when so set (`desk::tickets::find` and the
//! queue), a new ticket's client, requester and channel theirs
//! (`desk::tickets::open_from_portal`), internal notes and the suggested
//! technician left out of a ticket's page. The mail of a link
//! (`accounts::mail_link`) keeps no copy of the link in the log once
//! sent.

pub mod account_entity;
pub mod accounts;
pub mod limits;
pub mod link_entity;
pub mod session_entity;
pub mod sessions;
pub mod settings;

use crate::actor::Actor;
use crate::clients::contact_entity as contacts;
use parc_api::portal::TicketScope;

/// The actor a portal account acts as: its contact, for its client, seeing
/// the tickets its access allows.
pub(crate) fn actor_of(contact: &contacts::Model, account: &account_entity::Model) -> Actor {
    Actor::Portal {
        contact_id: i64::from(contact.id),
        client_id: i64::from(contact.client_id),
        name: contact.name.clone(),
        tickets: TicketScope::from_code(&account.ticket_scope).unwrap_or_default(),
    }
}

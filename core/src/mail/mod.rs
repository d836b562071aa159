//! E-mail: SMTP settings (the password is the caller's, read from the OS
//! keyring by the desktop shell: it never reaches the database), templates
//! per event and language with `{placeholders}`, an outbox that is also the
//! log of what was sent, failed and retried, the sending itself (lettre,
//! off the window's thread), and the events that queue mails: the
//! managers' alert digest, alerts and contract notices to a client's
//! primary contact, a ticket's creation, public replies and resolution to
//! its requester, and a finalised invoice to the client with its PDF.
//!
//! Nothing is queued while no SMTP server is set: an installation that
//! does not mail piles nothing up.

pub mod events;
pub mod outbox;
pub mod outbox_entity;
pub mod send;
pub mod smtp;
pub mod template_entity;
pub mod templates;

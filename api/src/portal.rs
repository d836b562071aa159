//! The client portal as the desktop app configures it: a contact's access,
//! the one-time link that lets them choose a password, and the portal's
//! own settings (address, port, HTTPS, the base URL of its links).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Which tickets a portal contact sees.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketScope {
    /// Those they opened or were named as requester on.
    #[default]
    Own,
    /// Every ticket of their client.
    Client,
}

impl TicketScope {
    pub const ALL: [TicketScope; 2] = [TicketScope::Own, TicketScope::Client];
    pub fn code(self) -> &'static str {
        match self {
            TicketScope::Own => "own",
            TicketScope::Client => "client",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A contact's portal access, as the contact's page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PortalAccess {
    pub contact_id: i64,
    pub enabled: bool,
    pub ticket_scope: TicketScope,
    /// Whether the contact has chosen a password yet.
    pub password_set: bool,
    /// The newest unused link's expiry, if one is waiting.
    pub link_expires_at: Option<DateTime<Utc>>,
}

/// Switch a contact's access on or off, and choose what tickets they see.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PortalAccessInput {
    pub contact_id: i64,
    pub enabled: bool,
    pub ticket_scope: TicketScope,
}

/// Why a one-time link is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPurpose {
    Invitation,
    Reset,
}

impl LinkPurpose {
    pub fn code(self) -> &'static str {
        match self {
            LinkPurpose::Invitation => "invitation",
            LinkPurpose::Reset => "reset",
        }
    }
}

/// A one-time link, shown once to the manager who made it (and mailed to
/// the contact when e-mail is set up).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PortalLink {
    pub url: String,
    pub expires_at: DateTime<Utc>,
    /// Whether a mail carrying it was queued.
    pub mailed: bool,
}

/// How long a one-time link stays valid.
pub const LINK_HOURS: i64 = 48;

/// The portal's settings, as Settings → Portal shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PortalSettings {
    /// Start the portal with the app.
    pub enabled: bool,
    /// The address to listen on: 127.0.0.1 (this computer) or 0.0.0.0 (the network).
    pub bind_address: String,
    pub port: u16,
    pub https: bool,
    /// What links sent to contacts start with, e.g. `https://parc.local:8443`.
    pub base_url: String,
    /// The SHA-256 fingerprint of the portal's certificate, once made.
    pub certificate_fingerprint: Option<String>,
}

impl Default for PortalSettings {
    fn default() -> Self {
        PortalSettings {
            enabled: false,
            bind_address: "127.0.0.1".to_owned(),
            port: DEFAULT_PORT,
            https: false,
            base_url: String::new(),
            certificate_fingerprint: None,
        }
    }
}

/// The port the portal listens on until one is chosen.
pub const DEFAULT_PORT: u16 = 8470;

/// Whether the portal is running now, and where.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PortalStatus {
    pub settings: PortalSettings,
    /// The address it listens on, while it runs.
    pub listening: Option<String>,
    /// Why it could not start, if it tried and failed.
    pub problem: Option<String>,
}

//! E-mail: the SMTP settings (the password never travels back, and never
//! lands in the database: the OS keyring keeps it), the templates per event
//! and language with their placeholders, and the log of mails sent.

use crate::auth::Language;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How the connection to the SMTP server is protected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSecurity {
    /// Plain SMTP (a relay on the local network).
    None,
    /// STARTTLS, usually on port 587.
    #[default]
    StartTls,
    /// TLS from the first byte, usually on port 465.
    Tls,
}

impl SmtpSecurity {
    pub const ALL: [SmtpSecurity; 3] = [
        SmtpSecurity::None,
        SmtpSecurity::StartTls,
        SmtpSecurity::Tls,
    ];
    pub fn code(self) -> &'static str {
        match self {
            SmtpSecurity::None => "none",
            SmtpSecurity::StartTls => "starttls",
            SmtpSecurity::Tls => "tls",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The SMTP settings as the settings page shows them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub user: String,
    pub from_address: String,
    pub from_name: String,
    /// Whether the OS keyring holds a password for this server.
    pub password_stored: bool,
    /// Why the keyring cannot be used, when it cannot.
    pub keyring_problem: Option<String>,
}

/// The SMTP settings as typed. An empty password keeps the stored one.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MailSettingsInput {
    pub host: String,
    pub port: String,
    pub security: SmtpSecurity,
    pub user: String,
    pub from_address: String,
    pub from_name: String,
    pub password: String,
    /// Forget the stored password.
    pub clear_password: bool,
}

impl std::fmt::Debug for MailSettingsInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettingsInput")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.user)
            .field("from_address", &self.from_address)
            .field("password", &"[redacted]")
            .finish()
    }
}

/// What a mail is sent for; each has a template per language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailEvent {
    AlertDigest,
    ContractExpiring,
    ClientAlert,
    TicketCreated,
    TicketReplied,
    TicketResolved,
    InvoiceFinalised,
    PortalLink,
    Test,
}

impl MailEvent {
    pub const ALL: [MailEvent; 9] = [
        MailEvent::AlertDigest,
        MailEvent::ContractExpiring,
        MailEvent::ClientAlert,
        MailEvent::TicketCreated,
        MailEvent::TicketReplied,
        MailEvent::TicketResolved,
        MailEvent::InvoiceFinalised,
        MailEvent::PortalLink,
        MailEvent::Test,
    ];
    pub fn code(self) -> &'static str {
        match self {
            MailEvent::AlertDigest => "alert_digest",
            MailEvent::ContractExpiring => "contract_expiring",
            MailEvent::ClientAlert => "client_alert",
            MailEvent::TicketCreated => "ticket_created",
            MailEvent::TicketReplied => "ticket_replied",
            MailEvent::TicketResolved => "ticket_resolved",
            MailEvent::InvoiceFinalised => "invoice_finalised",
            MailEvent::PortalLink => "portal_link",
            MailEvent::Test => "test",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == code)
    }
    /// The placeholders its templates may use, written `{name}`.
    pub fn placeholders(self) -> &'static [&'static str] {
        match self {
            MailEvent::AlertDigest => &["company", "count", "date", "alerts"],
            MailEvent::ContractExpiring => &[
                "company",
                "client",
                "contact",
                "contract",
                "date",
                "notice_days",
            ],
            MailEvent::ClientAlert => &["company", "client", "contact", "rule", "item", "date"],
            MailEvent::TicketCreated | MailEvent::TicketResolved => &[
                "company",
                "client",
                "contact",
                "ticket",
                "title",
                "equipment",
            ],
            MailEvent::TicketReplied => &[
                "company",
                "client",
                "contact",
                "ticket",
                "title",
                "equipment",
                "message",
            ],
            MailEvent::InvoiceFinalised => &[
                "company", "client", "contact", "invoice", "date", "due_date", "amount",
            ],
            MailEvent::PortalLink => &["company", "client", "contact", "link", "expires"],
            MailEvent::Test => &["company", "date"],
        }
    }
    /// Who receives it, for the settings page.
    pub fn label(self, lang: Language) -> &'static str {
        let fr = lang == Language::Fr;
        match self {
            MailEvent::AlertDigest if fr => "Récapitulatif des alertes (responsables)",
            MailEvent::AlertDigest => "Alert digest (managers)",
            MailEvent::ContractExpiring if fr => "Contrat arrivant à échéance (contact principal)",
            MailEvent::ContractExpiring => "Contract expiring (primary contact)",
            MailEvent::ClientAlert if fr => "Alerte au client (contact principal)",
            MailEvent::ClientAlert => "Alert to the client (primary contact)",
            MailEvent::TicketCreated if fr => "Ticket créé (demandeur)",
            MailEvent::TicketCreated => "Ticket created (requester)",
            MailEvent::TicketReplied if fr => "Réponse à un ticket (demandeur)",
            MailEvent::TicketReplied => "Ticket replied (requester)",
            MailEvent::TicketResolved if fr => "Ticket résolu (demandeur)",
            MailEvent::TicketResolved => "Ticket resolved (requester)",
            MailEvent::InvoiceFinalised if fr => "Facture émise, PDF joint (client)",
            MailEvent::InvoiceFinalised => "Invoice finalised, PDF attached (client)",
            MailEvent::PortalLink if fr => {
                "Lien pour choisir son mot de passe du portail (contact)"
            }
            MailEvent::PortalLink => "Link to choose a portal password (contact)",
            MailEvent::Test if fr => "E-mail de test",
            MailEvent::Test => "Test e-mail",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MailTemplate {
    pub event: MailEvent,
    pub language: Language,
    pub subject: String,
    pub body: String,
    /// Not changed from Parc's own text.
    pub is_default: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MailTemplateInput {
    pub event: MailEvent,
    pub language: Language,
    pub subject: String,
    pub body: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailTemplateKey {
    pub event: MailEvent,
    pub language: Language,
}

/// Where a mail of the log stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxStatus {
    /// Waiting to be sent, or to be tried again after a failure.
    Queued,
    Sent,
    /// Given up after the last attempt.
    Failed,
}

impl OutboxStatus {
    pub const ALL: [OutboxStatus; 3] = [
        OutboxStatus::Queued,
        OutboxStatus::Sent,
        OutboxStatus::Failed,
    ];
    pub fn code(self) -> &'static str {
        match self {
            OutboxStatus::Queued => "queued",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Failed => "failed",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub id: i64,
    pub event: MailEvent,
    pub recipients: Vec<String>,
    pub subject: String,
    pub status: OutboxStatus,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub attachment: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub next_attempt_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OutboxQuery {
    pub status: Option<OutboxStatus>,
    pub page: u64,
    pub page_size: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SendTestMail {
    pub to: String,
}

/// The most attempts at one mail before it is given up.
pub const MAX_ATTEMPTS: i64 = 5;

//! Clients, their contacts, and the list query of the Clients screen.

use crate::page::SortDir;
use serde::{Deserialize, Serialize};

/// The service level bought by a client; later drives SLA targets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceLevel {
    #[default]
    Standard,
    Premium,
    Vip,
}

impl ServiceLevel {
    pub const ALL: [ServiceLevel; 3] = [
        ServiceLevel::Standard,
        ServiceLevel::Premium,
        ServiceLevel::Vip,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ServiceLevel::Standard => "standard",
            ServiceLevel::Premium => "premium",
            ServiceLevel::Vip => "vip",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|level| level.code() == code)
    }
}

/// Which clients a list shows by their archive state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArchiveFilter {
    #[default]
    Active,
    Archived,
    All,
}

impl ArchiveFilter {
    pub fn code(self) -> &'static str {
        match self {
            ArchiveFilter::Active => "active",
            ArchiveFilter::Archived => "archived",
            ArchiveFilter::All => "all",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        [
            ArchiveFilter::Active,
            ArchiveFilter::Archived,
            ArchiveFilter::All,
        ]
        .into_iter()
        .find(|f| f.code() == code)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientSort {
    Code,
    #[default]
    Name,
    ServiceLevel,
    CreatedAt,
}

impl ClientSort {
    pub fn code(self) -> &'static str {
        match self {
            ClientSort::Code => "code",
            ClientSort::Name => "name",
            ClientSort::ServiceLevel => "service_level",
            ClientSort::CreatedAt => "created_at",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        [
            ClientSort::Code,
            ClientSort::Name,
            ClientSort::ServiceLevel,
            ClientSort::CreatedAt,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClientQuery {
    /// Matches code, name, SIRET, VAT number and billing address.
    pub search: String,
    pub service_level: Option<ServiceLevel>,
    pub archive: ArchiveFilter,
    pub sort: ClientSort,
    pub dir: SortDir,
    /// 1-based.
    pub page: u64,
    pub page_size: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub service_level: ServiceLevel,
    pub billing_address: String,
    pub archived: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClientInput {
    /// Left empty, the next reference of the client sequence is assigned.
    pub code: String,
    pub name: String,
    pub service_level: ServiceLevel,
    pub siret: String,
    pub vat_number: String,
    pub billing_address: String,
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientDetail {
    pub id: i64,
    pub input: ClientInput,
    pub archived: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub contacts: Vec<ContactRow>,
    pub sites: Vec<crate::sites::SiteRow>,
}

pub type UpdateClient = crate::Update<ClientInput>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetArchived {
    pub id: i64,
    pub archived: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ContactInput {
    pub client_id: i64,
    pub name: String,
    pub job_title: String,
    pub email: String,
    pub phone: String,
    pub primary: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactRow {
    pub id: i64,
    pub client_id: i64,
    pub name: String,
    pub job_title: String,
    pub email: String,
    pub phone: String,
    pub primary: bool,
    pub archived: bool,
}

pub type UpdateContact = crate::Update<ContactInput>;

/// One hit of the global search box (Ctrl+K).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: i64,
    /// The client the hit belongs to (itself for a client), to open its page.
    pub client_id: i64,
    pub label: String,
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Client,
    Contact,
    Site,
    Equipment,
}

//! Geographic zones and client sites.

use crate::clients::ArchiveFilter;
use crate::page::SortDir;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ZoneRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub site_count: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ZoneInput {
    pub name: String,
    pub description: String,
}

pub type UpdateZone = crate::Update<ZoneInput>;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteInput {
    pub client_id: i64,
    pub name: String,
    pub address: String,
    pub zone_id: Option<i64>,
    pub notes: String,
}

pub type UpdateSite = crate::Update<SiteInput>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteRow {
    pub id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub name: String,
    pub address: String,
    pub zone_id: Option<i64>,
    pub zone_name: Option<String>,
    pub notes: String,
    pub archived: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteSort {
    #[default]
    Name,
    Client,
    Zone,
}

impl SiteSort {
    pub fn code(self) -> &'static str {
        match self {
            SiteSort::Name => "name",
            SiteSort::Client => "client",
            SiteSort::Zone => "zone",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        [SiteSort::Name, SiteSort::Client, SiteSort::Zone]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteQuery {
    /// Matches site name and address, and the client's name.
    pub search: String,
    pub client_id: Option<i64>,
    pub zone_id: Option<i64>,
    pub archive: ArchiveFilter,
    pub sort: SiteSort,
    pub dir: SortDir,
    pub page: u64,
    pub page_size: u64,
}

//! Software, installations, licences, their lots and assignments, and
//! compliance: the shapes the licence screens, the command line and (later)
//! the portal exchange with core.
//!
//! A licence key crosses this boundary in two places only: typed into a
//! `LicenceInput` (whose `Debug` hides it) and answered by the reveal
//! command to a manager. Every row carries the masked form.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a licence counts its seats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceKind {
    /// One seat per equipment it is installed on.
    #[default]
    PerDevice,
    /// One seat per person using it, on any of their equipment.
    PerUser,
    /// Every installation on one site.
    PerSite,
    /// Every installation of the client; never short.
    Unlimited,
    /// Seats for equipment or people, for a term renewed each time.
    Subscription,
}

impl LicenceKind {
    pub const ALL: [LicenceKind; 5] = [
        LicenceKind::PerDevice,
        LicenceKind::PerUser,
        LicenceKind::PerSite,
        LicenceKind::Unlimited,
        LicenceKind::Subscription,
    ];
    pub fn code(self) -> &'static str {
        match self {
            LicenceKind::PerDevice => "per_device",
            LicenceKind::PerUser => "per_user",
            LicenceKind::PerSite => "per_site",
            LicenceKind::Unlimited => "unlimited",
            LicenceKind::Subscription => "subscription",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
    /// Whether the licence has a number of seats (site and unlimited do not).
    pub fn has_seats(self) -> bool {
        matches!(
            self,
            LicenceKind::PerDevice | LicenceKind::PerUser | LicenceKind::Subscription
        )
    }
    /// Whether a seat may be given to an equipment.
    pub fn assigns_equipment(self) -> bool {
        matches!(self, LicenceKind::PerDevice | LicenceKind::Subscription)
    }
    /// Whether a seat may be given to a contact.
    pub fn assigns_contacts(self) -> bool {
        matches!(self, LicenceKind::PerUser | LicenceKind::Subscription)
    }
}

/// Where a licence stands, worst first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceState {
    /// Past its expiry date: it covers nothing.
    Expired,
    /// Its start date has not come: it covers nothing yet.
    NotStarted,
    /// More seats assigned than owned.
    OverAllocated,
    /// Expires within `EXPIRING_WITHIN_DAYS`.
    Expiring,
    #[default]
    Compliant,
}

impl LicenceState {
    pub fn code(self) -> &'static str {
        match self {
            LicenceState::Expired => "expired",
            LicenceState::NotStarted => "not_started",
            LicenceState::OverAllocated => "over_allocated",
            LicenceState::Expiring => "expiring",
            LicenceState::Compliant => "compliant",
        }
    }
}

/// A licence is "expiring" this many days before its expiry date.
pub const EXPIRING_WITHIN_DAYS: i64 = 60;

/// Which licences a list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceView {
    #[default]
    All,
    OverAllocated,
    /// Expiring within `LicenceQuery::within_days` (default 60), not yet expired.
    Expiring,
    Expired,
}

impl LicenceView {
    pub const ALL: [LicenceView; 4] = [
        LicenceView::All,
        LicenceView::OverAllocated,
        LicenceView::Expiring,
        LicenceView::Expired,
    ];
    pub fn code(self) -> &'static str {
        match self {
            LicenceView::All => "all",
            LicenceView::OverAllocated => "over_allocated",
            LicenceView::Expiring => "expiring",
            LicenceView::Expired => "expired",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

/// Compliance of one client for one software.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplianceState {
    /// Seats are missing: more assigned than owned, or installations
    /// that no free seat could cover.
    Short,
    /// Every installation could be covered, but some have no seat yet.
    ToAssign,
    #[default]
    Compliant,
}

impl ComplianceState {
    pub fn code(self) -> &'static str {
        match self {
            ComplianceState::Short => "short",
            ComplianceState::ToAssign => "to_assign",
            ComplianceState::Compliant => "compliant",
        }
    }
}

/// Letters and digits a key needs before its last four may show.
const LONG_ENOUGH_TO_HINT: usize = 12;

/// The key as rows show it: every letter and digit hidden but the last four
/// of a key of 12 or more, the separators kept ("•••••-•••••-•••••-7QK2");
/// a shorter key is hidden whole; empty when none.
pub fn mask_key(key: &str) -> String {
    let letters = key.chars().filter(|c| c.is_alphanumeric()).count();
    let visible_from = if letters >= LONG_ENOUGH_TO_HINT {
        letters - 4
    } else {
        letters
    };
    let mut seen = 0;
    key.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                seen += 1;
                if seen > visible_from {
                    c
                } else {
                    '•'
                }
            } else {
                c
            }
        })
        .collect()
}

// ---- software ----

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SoftwareInput {
    pub name: String,
    pub publisher: String,
    pub category: String,
    pub notes: String,
}

pub type UpdateSoftware = crate::Update<SoftwareInput>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SoftwareRow {
    pub id: i64,
    pub name: String,
    pub publisher: String,
    pub category: String,
    pub installations: i64,
    pub licences: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionRow {
    pub id: i64,
    pub version: String,
    pub installations: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SoftwareDetail {
    pub row: SoftwareRow,
    pub notes: String,
    pub versions: Vec<VersionRow>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SoftwareQuery {
    pub search: String,
    pub page: u64,
    pub page_size: u64,
}

// ---- installations ----

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InstallationInput {
    pub equipment_id: i64,
    pub software_id: i64,
    /// Empty when unknown.
    pub version: String,
    /// YYYY-MM-DD, or empty.
    pub installed_on: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstallationRow {
    pub id: i64,
    pub equipment_id: i64,
    pub equipment_reference: String,
    pub equipment_name: String,
    pub client_id: i64,
    pub client_name: String,
    pub site_name: Option<String>,
    pub user_name: Option<String>,
    pub software_id: i64,
    pub software_name: String,
    pub version: String,
    pub installed_on: Option<NaiveDate>,
    /// "manual" or the imported file's name.
    pub source: String,
}

/// Installations of one software, one equipment, one client or one
/// contact's equipment (any combination).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InstallationQuery {
    pub software_id: Option<i64>,
    pub equipment_id: Option<i64>,
    pub client_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub page: u64,
    pub page_size: u64,
}

// ---- licences ----

#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LotInput {
    /// YYYY-MM-DD.
    pub purchased_on: String,
    /// 0 on a renewal: the seats owned; on a licence's first purchase the
    /// licence's seats are taken whatever is here.
    pub quantity: i32,
    /// Total cost excluding VAT ("1 250,00"), or empty.
    pub cost: String,
    pub supplier: String,
}

impl std::fmt::Debug for LotInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LotInput")
            .field("purchased_on", &self.purchased_on)
            .field("quantity", &self.quantity)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LicenceInput {
    pub software_id: i64,
    pub client_id: i64,
    pub kind: LicenceKind,
    /// Required for per-device, per-user and subscription licences.
    pub seats: Option<i32>,
    /// Required for a site licence: the site it covers.
    pub site_id: Option<i64>,
    /// A subscription's term, in months.
    pub term_months: Option<i32>,
    /// The key; on an update, `None` keeps the saved one.
    pub licence_key: Option<String>,
    /// YYYY-MM-DD, or empty.
    pub starts_on: String,
    /// YYYY-MM-DD, or empty for a perpetual licence.
    pub expires_on: String,
    pub renewal_price: String,
    pub auto_renew: bool,
    pub notes: String,
    /// On creation: the purchase of the seats, recorded as the first lot.
    pub first_lot: Option<LotInput>,
}

impl std::fmt::Debug for LicenceInput {
    /// Never prints the key: inputs end up in logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LicenceInput")
            .field("software_id", &self.software_id)
            .field("client_id", &self.client_id)
            .field("kind", &self.kind)
            .field("seats", &self.seats)
            .field("site_id", &self.site_id)
            .field("term_months", &self.term_months)
            .field(
                "licence_key",
                &self.licence_key.as_ref().map(|_| "<redacted>"),
            )
            .field("expires_on", &self.expires_on)
            .finish_non_exhaustive()
    }
}

pub type UpdateLicence = crate::Update<LicenceInput>;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LicenceQuery {
    pub view: LicenceView,
    /// For the expiring view; `EXPIRING_WITHIN_DAYS` when none.
    pub within_days: Option<i64>,
    pub client_id: Option<i64>,
    pub software_id: Option<i64>,
    /// Licences with a seat on this equipment.
    pub equipment_id: Option<i64>,
    /// Licences with a seat for this contact.
    pub contact_id: Option<i64>,
    pub search: String,
    pub page: u64,
    pub page_size: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LicenceRow {
    pub id: i64,
    pub reference: String,
    pub software_id: i64,
    pub software_name: String,
    pub publisher: String,
    pub client_id: i64,
    pub client_name: String,
    pub kind: LicenceKind,
    /// None for site and unlimited licences.
    pub seats: Option<i32>,
    pub assigned: i64,
    /// Installations of the software on the client's equipment in use
    /// (on the licence's site for a site licence).
    pub installed: i64,
    pub site_name: Option<String>,
    pub expires_on: Option<NaiveDate>,
    pub auto_renew: bool,
    pub renewal_price_cents: Option<i64>,
    pub state: LicenceState,
    /// `mask_key` of the key; empty when none.
    pub masked_key: String,
}

impl LicenceRow {
    /// Seats assigned beyond those owned.
    pub fn deficit(&self) -> i64 {
        self.seats
            .map_or(0, |seats| (self.assigned - i64::from(seats)).max(0))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LotRow {
    pub id: i64,
    /// "purchase" (added seats) or "renewal".
    pub kind: String,
    pub purchased_on: NaiveDate,
    pub quantity: i32,
    pub cost_cents: Option<i64>,
    pub supplier: String,
    pub covers_until: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssignmentRow {
    pub id: i64,
    pub licence_id: i64,
    pub equipment_id: Option<i64>,
    pub contact_id: Option<i64>,
    /// The equipment's reference and name, or the contact's name.
    pub label: String,
    pub assigned_on: NaiveDate,
    /// False for a seat left on equipment since retired or given to another
    /// client: it covers nothing and is not counted as used.
    pub in_use: bool,
}

/// One installation the licence concerns, and whether something covers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoveredInstallation {
    pub installation: InstallationRow,
    pub covered: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LicenceDetail {
    pub row: LicenceRow,
    pub site_id: Option<i64>,
    pub term_months: Option<i32>,
    pub starts_on: Option<NaiveDate>,
    pub notes: String,
    pub has_key: bool,
    pub lots: Vec<LotRow>,
    pub assignments: Vec<AssignmentRow>,
    /// Installations of the software at the client (its site for a site
    /// licence), the first 200.
    pub installations: Vec<CoveredInstallation>,
}

/// Give a seat of `licence_id` to an equipment or a contact (one of them).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AssignLicence {
    pub licence_id: i64,
    pub equipment_id: Option<i64>,
    pub contact_id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddLot {
    pub licence_id: i64,
    pub lot: LotInput,
}

/// Renew a licence: its new expiry (empty: one term, or a year, after the
/// current one) and what the renewal cost, recorded as a lot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RenewLicence {
    pub licence_id: i64,
    pub expires_on: String,
    pub lot: LotInput,
}

// ---- compliance ----

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplianceRow {
    pub client_id: i64,
    pub client_name: String,
    pub software_id: i64,
    pub software_name: String,
    /// Kinds of the client's licences in force for this software.
    pub kinds: Vec<LicenceKind>,
    /// Seats of per-device, per-user and subscription licences in force.
    pub owned: i64,
    pub unlimited: bool,
    /// Sites covered by site licences in force.
    pub sites: i64,
    pub assigned: i64,
    pub installed: i64,
    /// Installations nothing covers.
    pub unlicensed: i64,
    /// Seats to buy: assigned beyond owned, plus the unlicensed
    /// installations the free seats cannot cover.
    pub short: i64,
    pub state: ComplianceState,
}

/// One client's compliance for one software.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplianceKey {
    pub client_id: i64,
    pub software_id: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ComplianceQuery {
    pub client_id: Option<i64>,
    pub software_id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplianceDetail {
    pub row: ComplianceRow,
    /// The unlicensed installations, the first 200.
    pub unlicensed: Vec<InstallationRow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_shows_its_last_four_characters_only() {
        assert_eq!(mask_key("ABCDE-FGHIJ-KLMNO-7QK2"), "•••••-•••••-•••••-7QK2");
        assert_eq!(mask_key("AB1"), "•••");
        assert_eq!(mask_key("ABCD-1234-XY"), "••••-••••-••");
        assert_eq!(mask_key(""), "");
    }

    #[test]
    fn the_debug_of_an_input_never_shows_the_key() {
        let input = LicenceInput {
            licence_key: Some("SECRET-KEY-1234".into()),
            ..Default::default()
        };
        let printed = format!("{input:?}");
        assert!(!printed.contains("SECRET"), "{printed}");
        assert!(printed.contains("<redacted>"));
    }
}

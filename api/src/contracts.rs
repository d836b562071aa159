//! Maintenance contracts: what the UI sends to create or change one, and
//! what it shows of them.

use crate::billing::Periodicity;
use crate::clients::ServiceLevel;
use crate::invoices::InvoiceStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractStatus {
    /// Being prepared: not billed.
    #[default]
    Draft,
    /// Billed every period.
    Active,
    /// Not billed while suspended; billing resumes where it stopped.
    Suspended,
    /// The term ended without renewal.
    Expired,
    /// Ended early: billed up to its end date, then never again.
    Terminated,
}

impl ContractStatus {
    pub const ALL: [ContractStatus; 5] = [
        Self::Draft,
        Self::Active,
        Self::Suspended,
        Self::Expired,
        Self::Terminated,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Expired => "expired",
            Self::Terminated => "terminated",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
    /// The statuses a manager may move a contract to from this one
    /// (expiry is decided by the term, not by hand).
    pub fn next(self) -> &'static [ContractStatus] {
        match self {
            Self::Draft => &[Self::Active],
            Self::Active => &[Self::Suspended, Self::Terminated],
            Self::Suspended => &[Self::Active, Self::Terminated],
            Self::Expired | Self::Terminated => &[],
        }
    }
}

/// One price line as typed: amounts and rates as text, checked by the core.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ContractLineInput {
    pub description: String,
    /// Multiplied by the covered equipment counted on the billing date.
    pub per_equipment: bool,
    /// Excluding VAT, per period ("49.90").
    pub unit_price: String,
    /// In percent ("20").
    pub vat_rate: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ContractInput {
    pub client_id: i64,
    /// Maintenance, support, hosting, …
    pub kind: String,
    pub site_ids: Vec<i64>,
    /// True: every equipment of the covered sites; false: `equipment_ids`.
    pub covers_all_equipment: bool,
    pub equipment_ids: Vec<i64>,
    pub start_date: String,
    /// Empty: open-ended.
    pub end_date: String,
    pub periodicity: Periodicity,
    pub billed_in_advance: bool,
    pub lines: Vec<ContractLineInput>,
    /// Support hours included per period ("10", "2,5").
    pub included_hours: String,
    /// Per hour beyond the included hours; empty: not billed.
    pub overage_rate: String,
    /// None: the client's service level.
    pub service_level: Option<ServiceLevel>,
    /// A preventive visit to each site every N months; empty: none.
    pub visit_every_months: String,
    pub auto_renew: bool,
    /// Length of a renewed term, in months.
    pub renewal_months: String,
    /// Days before the end of the term by which notice must be given.
    pub notice_days: String,
    pub notes: String,
}

pub type UpdateContract = crate::Update<ContractInput>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContractRow {
    pub id: i64,
    pub reference: String,
    pub client_id: i64,
    pub client_name: String,
    pub kind: String,
    pub status: ContractStatus,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub periodicity: Periodicity,
    pub next_billing_date: Option<NaiveDate>,
    /// The fixed fees of one whole period, excluding VAT.
    pub fixed_fee_cents: i64,
    /// The last day notice can be given before the term ends, if it ends.
    pub notice_deadline: Option<NaiveDate>,
    /// Today lies within the notice period of an active contract.
    pub in_notice: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContractLineRow {
    pub description: String,
    pub per_equipment: bool,
    pub unit_price_cents: i64,
    pub vat_rate_basis_points: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoveredSite {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoveredEquipment {
    pub id: i64,
    pub reference: String,
    pub name: String,
    pub site_name: String,
}

/// One period of the billing schedule, invoiced or to come.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduleEntry {
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// The day the invoice is (or was to be) issued.
    pub issue_on: NaiveDate,
    pub partial: bool,
    /// An invoice was issued for this period (a draft too, for staff).
    #[serde(default)]
    pub billed: bool,
    /// The invoice itself, for those who may read invoices (a portal
    /// contact: issued ones only); a technician sees the period billed,
    /// never its number, status or amount.
    pub invoice: Option<ScheduledInvoice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduledInvoice {
    pub id: i64,
    pub number: Option<String>,
    pub status: InvoiceStatus,
    pub including_vat_cents: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContractDetail {
    pub row: ContractRow,
    pub status_since: NaiveDate,
    pub sites: Vec<CoveredSite>,
    pub covers_all_equipment: bool,
    /// The chosen list, or (covering all) the first equipment of the sites.
    pub equipment: Vec<CoveredEquipment>,
    /// Equipment covered today (not retired), what a per-equipment fee counts.
    pub covered_equipment_count: u64,
    pub billed_in_advance: bool,
    pub lines: Vec<ContractLineRow>,
    pub included_minutes: i64,
    /// Billable time the client logged in the current period.
    pub used_minutes: i64,
    pub overage_rate_cents: Option<i64>,
    /// The contract's own level, or the client's.
    pub service_level: ServiceLevel,
    pub service_level_from_client: bool,
    pub visit_every_months: Option<i64>,
    pub auto_renew: bool,
    pub renewal_months: i64,
    pub notice_days: i64,
    pub notes: String,
    /// Past invoices and the next periods.
    pub schedule: Vec<ScheduleEntry>,
    /// The contract's terms as the edit form shows them.
    pub input: ContractInput,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ContractQuery {
    /// Matches the reference, the kind and the client's name.
    pub search: String,
    pub client_id: Option<i64>,
    pub status: Option<ContractStatus>,
    /// Only active contracts within their notice period.
    pub in_notice: bool,
    /// Only active contracts ending from today to today + N days (the
    /// dashboard's "contracts ending" tiles).
    pub ending_within_days: Option<u32>,
    pub page: u64,
    pub page_size: u64,
}

/// Moves a contract to `status` on `on` (YYYY-MM-DD; empty: today). For a
/// termination, `on` is the last day billed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContractStatusChange {
    pub id: i64,
    pub status: ContractStatus,
    pub on: String,
}

//! Alert rules and alerts: what the alert centre, the scan's command line
//! and (later) the notifications and e-mails exchange with core.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What an alert rule watches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertRuleCode {
    WarrantyEnd,
    ContractEnd,
    LicenceExpiry,
    MaintenanceDue,
    LowStock,
    SlaAtRisk,
    SlaBreached,
}

impl AlertRuleCode {
    pub const ALL: [AlertRuleCode; 7] = [
        AlertRuleCode::WarrantyEnd,
        AlertRuleCode::ContractEnd,
        AlertRuleCode::LicenceExpiry,
        AlertRuleCode::MaintenanceDue,
        AlertRuleCode::LowStock,
        AlertRuleCode::SlaAtRisk,
        AlertRuleCode::SlaBreached,
    ];
    pub fn code(self) -> &'static str {
        match self {
            AlertRuleCode::WarrantyEnd => "warranty_end",
            AlertRuleCode::ContractEnd => "contract_end",
            AlertRuleCode::LicenceExpiry => "licence_expiry",
            AlertRuleCode::MaintenanceDue => "maintenance_due",
            AlertRuleCode::LowStock => "low_stock",
            AlertRuleCode::SlaAtRisk => "sla_at_risk",
            AlertRuleCode::SlaBreached => "sla_breached",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
    /// Whether the rule counts days before a date (its thresholds mean
    /// something); the others fire on a state (stock, SLA) or on the
    /// contract's own notice period.
    pub fn has_thresholds(self) -> bool {
        matches!(
            self,
            AlertRuleCode::WarrantyEnd
                | AlertRuleCode::LicenceExpiry
                | AlertRuleCode::MaintenanceDue
        )
    }
    /// The thresholds a new database starts with, in days.
    pub fn default_thresholds(self) -> Vec<i64> {
        match self {
            AlertRuleCode::WarrantyEnd => vec![90, 30, 7],
            AlertRuleCode::LicenceExpiry => vec![60, 30, 7],
            AlertRuleCode::MaintenanceDue => vec![7],
            _ => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlertRule {
    pub code: AlertRuleCode,
    pub enabled: bool,
    /// Days before the due date, largest first.
    pub thresholds: Vec<i64>,
    pub desktop: bool,
    pub email_managers: bool,
    pub email_client: bool,
}

/// Where an alert stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertState {
    #[default]
    Open,
    Acknowledged,
    /// Its item is no longer due (warranty extended, contract renewed…).
    Resolved,
}

impl AlertState {
    pub const ALL: [AlertState; 3] = [
        AlertState::Open,
        AlertState::Acknowledged,
        AlertState::Resolved,
    ];
    pub fn code(self) -> &'static str {
        match self {
            AlertState::Open => "open",
            AlertState::Acknowledged => "acknowledged",
            AlertState::Resolved => "resolved",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlertRow {
    pub id: i64,
    pub rule: AlertRuleCode,
    /// "equipment", "contract", "licence", "part" or "ticket".
    pub item_kind: String,
    pub item_id: i64,
    /// The threshold crossed, in days (0 for state alerts).
    pub threshold_days: i64,
    pub client_id: Option<i64>,
    pub title: String,
    pub due_on: Option<NaiveDate>,
    pub state: AlertState,
    pub snoozed_until: Option<NaiveDate>,
    pub raised_at: DateTime<Utc>,
}

/// What one scan did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScanSummary {
    /// Alerts raised by this scan (each once, ever).
    pub raised: Vec<AlertRow>,
    /// Alerts whose item is no longer due.
    pub resolved: u64,
}

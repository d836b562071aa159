//! Alert rules and alerts: what the alert centre, the scan's command line
//! and (later) the notifications and e-mails exchange with core.

use crate::auth::Language;
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
    /// The rule's name, as the settings page, the alert centre and the
    /// notifications show it.
    pub fn label(self, lang: Language) -> &'static str {
        let fr = lang == Language::Fr;
        match self {
            AlertRuleCode::WarrantyEnd if fr => "Fin de garantie",
            AlertRuleCode::WarrantyEnd => "Warranty ending",
            AlertRuleCode::ContractEnd if fr => "Fin de contrat (préavis)",
            AlertRuleCode::ContractEnd => "Contract ending (notice period)",
            AlertRuleCode::LicenceExpiry if fr => "Licence expirant",
            AlertRuleCode::LicenceExpiry => "Licence expiring",
            AlertRuleCode::MaintenanceDue if fr => "Maintenance à faire",
            AlertRuleCode::MaintenanceDue => "Maintenance due",
            AlertRuleCode::LowStock if fr => "Stock sous le minimum",
            AlertRuleCode::LowStock => "Stock below minimum",
            AlertRuleCode::SlaAtRisk if fr => "SLA menacé",
            AlertRuleCode::SlaAtRisk => "SLA at risk",
            AlertRuleCode::SlaBreached if fr => "SLA dépassé",
            AlertRuleCode::SlaBreached => "SLA breached",
        }
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

/// A rule as the settings page sends it: the thresholds as typed
/// ("90, 30, 7"), checked by core.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlertRuleInput {
    pub code: AlertRuleCode,
    pub enabled: bool,
    pub thresholds: String,
    pub desktop: bool,
    pub email_managers: bool,
    pub email_client: bool,
}

/// The alert centre's views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertView {
    /// Open and not snoozed: what needs someone now (the badge's count).
    #[default]
    Open,
    Snoozed,
    Acknowledged,
    Resolved,
    All,
}

impl AlertView {
    pub const ALL: [AlertView; 5] = [
        AlertView::Open,
        AlertView::Snoozed,
        AlertView::Acknowledged,
        AlertView::Resolved,
        AlertView::All,
    ];
    pub fn code(self) -> &'static str {
        match self {
            AlertView::Open => "open",
            AlertView::Snoozed => "snoozed",
            AlertView::Acknowledged => "acknowledged",
            AlertView::Resolved => "resolved",
            AlertView::All => "all",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AlertQuery {
    pub view: AlertView,
    pub rule: Option<AlertRuleCode>,
    pub client_id: Option<i64>,
    /// Only the alerts about tickets assigned to the one asking (a
    /// technician's own: SLA at risk or breached).
    pub mine: bool,
    pub search: String,
    pub page: u64,
    pub page_size: u64,
}

/// An alert in the centre: the row and its client's name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlertListRow {
    pub alert: AlertRow,
    pub client_name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AcknowledgeAlerts {
    pub ids: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnoozeAlert {
    pub id: i64,
    /// The alert comes back (and is notified again) on this day.
    pub until: Option<NaiveDate>,
}

/// Emitted by the app after a scan or a change, so the badge recounts.
pub const ALERTS_CHANGED_EVENT: &str = "alerts-changed";
/// What an alert is about, to open it: "equipment", "contract",
/// "licence", "part" or "ticket", and its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertItem {
    pub kind: String,
    pub id: i64,
}

/// Emitted when a notification's action is clicked: the `AlertItem` to
/// open, or null for a summary (the alert centre).
pub const OPEN_ALERT_EVENT: &str = "open-alert";
/// The longest snooze, in days.
pub const MAX_SNOOZE_DAYS: i64 = 365;

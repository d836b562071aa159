//! The figures dashboards and statistics show, as core computes them (by
//! aggregation in the database) and the UI draws them.

use crate::alerts::AlertListRow;
use crate::interventions::InterventionRow;
use crate::tickets::{Priority, SlaState, TicketRow, TimeEntryRow};
use crate::Page;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the figures are narrowed to (the statistics page's filters).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KpiFilter {
    pub client_id: Option<i64>,
    /// The technician tickets are assigned to.
    pub technician_id: Option<i64>,
}

/// Open tickets of one priority in one SLA state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenTicketCount {
    pub priority: Priority,
    pub sla_state: SlaState,
    pub count: u64,
}

/// Targets met and breached among those settled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compliance {
    pub met: u64,
    pub breached: u64,
}

impl Compliance {
    /// The share met, in percent; none while nothing is settled.
    pub fn percent(self) -> Option<f64> {
        let settled = self.met + self.breached;
        (settled > 0).then(|| self.met as f64 * 100.0 / settled as f64)
    }
}

/// SLA compliance of the tickets opened in the last `days` days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaCompliance {
    pub days: u32,
    pub first_response: Compliance,
    pub resolution: Compliance,
}

/// One week of the backlog: tickets opened and resolved during it, and
/// those open at its end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BacklogWeek {
    /// The Monday it starts on.
    pub week_start: NaiveDate,
    pub opened: u64,
    pub resolved: u64,
    pub open_at_end: u64,
}

/// The service desk's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketKpis {
    /// Open tickets by priority and SLA state (only the non-empty pairs).
    pub open: Vec<OpenTicketCount>,
    /// Over 30 and 90 days.
    pub compliance: Vec<SlaCompliance>,
    /// Mean time from opening to resolution of the tickets resolved in the
    /// last 30 days, in minutes (wall-clock); none when none was.
    pub mean_minutes_to_resolve: Option<i64>,
    /// The last 12 weeks, oldest first, the current week last.
    pub backlog: Vec<BacklogWeek>,
}

/// Invoices awaiting payment, and those of them past their due date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receivables {
    pub unpaid_count: u64,
    /// Including VAT, in cents.
    pub unpaid_cents: i64,
    pub overdue_count: u64,
    pub overdue_cents: i64,
}

/// The recurring revenue of one month: what the contract invoices covering
/// it bill for it, pro rata of their period (excluding VAT, cents).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyRevenue {
    /// The month's first day.
    pub month: NaiveDate,
    pub cents: i64,
}

/// Time one person recorded over the last 30 days, in minutes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TechnicianTime {
    pub user_id: i64,
    pub name: String,
    pub billable_minutes: i64,
    pub non_billable_minutes: i64,
}

/// How many things end within 30, 60 and 90 days (each count includes the
/// shorter windows').
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expiring {
    pub within_30: u64,
    pub within_60: u64,
    pub within_90: u64,
}

/// The business's money and what runs out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BusinessKpis {
    pub receivables: Receivables,
    /// The last 12 months, oldest first, this month last.
    pub recurring_revenue: Vec<MonthlyRevenue>,
    /// Over the last 30 days, by name.
    pub time: Vec<TechnicianTime>,
    pub contracts_ending: Expiring,
    pub warranties_ending: Expiring,
    pub licences_ending: Expiring,
}

/// One week of a technician's planning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekLoad {
    /// The Monday it starts on.
    pub week_start: NaiveDate,
    /// The planned interventions starting that week, in minutes.
    pub planned_minutes: i64,
    /// The weekly hours of their profile, in minutes.
    pub capacity_minutes: i64,
}

/// A technician's planned load, this week and the next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TechnicianLoad {
    pub user_id: i64,
    pub name: String,
    pub weeks: Vec<WeekLoad>,
}

/// Everything the manager dashboard shows, asked at once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagerDashboard {
    pub tickets: TicketKpis,
    pub business: BusinessKpis,
    pub load: Vec<TechnicianLoad>,
}

/// What a technician opens in the morning: their own work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TechnicianDashboard {
    /// The company day it was asked on, and the Monday of its week.
    pub today: NaiveDate,
    pub week_start: NaiveDate,
    /// Their open tickets, the nearest SLA deadline first (the first page,
    /// with the total).
    pub tickets: Page<TicketRow>,
    /// Their interventions of this week (Monday to Sunday), in time order;
    /// today's are those whose day is `today`.
    pub week: Vec<InterventionRow>,
    /// The timer running for them, if any.
    pub timer: Option<TimeEntryRow>,
    /// Open alerts about their tickets, the nearest due first.
    pub alerts: Page<AlertListRow>,
}

/// The statistics page's question: the figures of a period (whole company
/// days, both included), narrowed to a client and a technician.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatisticsQuery {
    pub filter: KpiFilter,
    /// YYYY-MM-DD; the form's text, checked by core.
    pub from: String,
    pub to: String,
}

/// Tickets of one priority.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityCount {
    pub priority: Priority,
    pub count: u64,
}

/// The figures of a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statistics {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Tickets opened in the period, and by priority (every priority, most
    /// urgent first).
    pub tickets_opened: u64,
    pub opened_by_priority: Vec<PriorityCount>,
    /// Tickets resolved in the period (whenever opened).
    pub tickets_resolved: u64,
    /// SLA compliance of the tickets opened in the period.
    pub first_response: Compliance,
    pub resolution: Compliance,
    /// Of the tickets resolved in the period, in minutes.
    pub mean_minutes_to_resolve: Option<i64>,
    /// Interventions carried out (done) in the period.
    pub interventions_done: u64,
    /// Time recorded in the period, per person.
    pub time: Vec<TechnicianTime>,
    /// Invoices and credit notes issued in the period, excluding VAT, in
    /// cents (a credit note counts negative on its own day).
    pub invoiced_cents: i64,
}

impl Statistics {
    pub fn billable_minutes(&self) -> i64 {
        self.time.iter().map(|t| t.billable_minutes).sum()
    }

    pub fn non_billable_minutes(&self) -> i64 {
        self.time.iter().map(|t| t.non_billable_minutes).sum()
    }
}

/// An activity report's question: a client and a period (YYYY-MM-DD, both
/// days included).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityQuery {
    pub client_id: i64,
    pub from: String,
    pub to: String,
}

/// An activity report to save: as PDF or CSV, opened once saved or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveActivityReport {
    pub query: ActivityQuery,
    pub csv: bool,
    pub open: bool,
}

/// A ticket of the period: opened or resolved in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityTicket {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub priority: Priority,
    pub status: crate::tickets::TicketStatus,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub resolved_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Each SLA target's outcome (none when the ticket has no target).
    pub first_response: Option<SlaState>,
    pub resolution: Option<SlaState>,
}

/// What happened to a piece of equipment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EquipmentChange {
    Added,
    Moved,
    Retired,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EquipmentEvent {
    pub day: NaiveDate,
    pub change: EquipmentChange,
    pub equipment_id: i64,
    pub reference: String,
    pub name: String,
}

/// Equipment added, moved and retired in the period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EquipmentCounts {
    pub added: u64,
    pub moved: u64,
    pub retired: u64,
}

/// A client's activity over a period: what the MSP shows at the client
/// meeting (and prints: PDF, CSV).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityReport {
    pub client_id: i64,
    pub client_code: String,
    pub client_name: String,
    pub statistics: Statistics,
    /// The period's interventions (cancelled ones left out), in time order;
    /// at most `LISTED`, `interventions_total` counts them all.
    pub interventions: Vec<InterventionRow>,
    pub interventions_total: u64,
    /// Tickets opened or resolved in the period, oldest first.
    pub tickets: Vec<ActivityTicket>,
    pub tickets_total: u64,
    pub equipment: EquipmentCounts,
    pub equipment_events: Vec<EquipmentEvent>,
    /// The client's licence compliance today, per software.
    pub licences: Vec<crate::licences::ComplianceRow>,
}

/// The most rows an activity report lists in each table (the counts are
/// always whole).
pub const LISTED: u64 = 200;

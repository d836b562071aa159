//! The figures dashboards and statistics show, as core computes them (by
//! aggregation in the database) and the UI draws them.

use crate::tickets::{Priority, SlaState};
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

//! Interventions: a technician's visit or remote session, corrective (it
//! answers a ticket), preventive (a contract's visit plan or equipment whose
//! maintenance is due) or an installation; the parts it used and its report.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterventionKind {
    #[default]
    Corrective,
    Preventive,
    Installation,
}

impl InterventionKind {
    pub const ALL: [InterventionKind; 3] = [Self::Corrective, Self::Preventive, Self::Installation];
    pub fn code(self) -> &'static str {
        match self {
            Self::Corrective => "corrective",
            Self::Preventive => "preventive",
            Self::Installation => "installation",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterventionStatus {
    #[default]
    Scheduled,
    InProgress,
    Done,
    Cancelled,
}

impl InterventionStatus {
    pub const ALL: [InterventionStatus; 4] = [
        Self::Scheduled,
        Self::InProgress,
        Self::Done,
        Self::Cancelled,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Self::Scheduled => "scheduled",
            Self::InProgress => "in_progress",
            Self::Done => "done",
            Self::Cancelled => "cancelled",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
    /// Still to be carried out: it counts in the planning and the load.
    pub fn is_planned(self) -> bool {
        matches!(self, Self::Scheduled | Self::InProgress)
    }
}

/// An intervention as typed. Times are local wall-clock times of the
/// company's time zone, "YYYY-MM-DDTHH:MM" (what a datetime field gives).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InterventionInput {
    pub kind: InterventionKind,
    pub status: InterventionStatus,
    pub client_id: i64,
    pub site_id: Option<i64>,
    /// The ticket it answers (corrective interventions).
    pub ticket_id: Option<i64>,
    pub contract_id: Option<i64>,
    pub technician_id: Option<i64>,
    /// Equipment of the client it concerns.
    pub equipment_ids: Vec<i64>,
    pub scheduled_start: String,
    pub scheduled_end: String,
    pub actual_start: String,
    pub actual_end: String,
    pub work_done: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterventionRow {
    pub id: i64,
    pub reference: String,
    pub kind: InterventionKind,
    pub status: InterventionStatus,
    pub client_id: i64,
    pub client_name: String,
    pub site_name: Option<String>,
    pub technician_id: Option<i64>,
    pub technician_name: Option<String>,
    pub ticket_id: Option<i64>,
    pub ticket_reference: Option<String>,
    pub scheduled_start: Option<DateTime<Utc>>,
    pub scheduled_end: Option<DateTime<Utc>>,
    pub actual_start: Option<DateTime<Utc>>,
    pub actual_end: Option<DateTime<Utc>>,
}

/// An equipment an intervention concerns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterventionEquipment {
    pub id: i64,
    pub reference: String,
    pub name: String,
    pub serial_number: String,
}

/// A part an intervention used (taken out of the stock).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterventionPart {
    pub part_id: i64,
    pub name: String,
    pub part_number: String,
    pub quantity: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterventionDetail {
    pub row: InterventionRow,
    /// The form's values, for editing.
    pub input: InterventionInput,
    pub contract_reference: Option<String>,
    pub equipment: Vec<InterventionEquipment>,
    pub parts: Vec<InterventionPart>,
    pub time: Vec<crate::tickets::TimeEntryRow>,
    /// Minutes logged on it (time entries, billable or not); when nothing
    /// was logged, the time between its actual start and end.
    pub minutes_spent: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InterventionQuery {
    pub client_id: Option<i64>,
    pub technician_id: Option<i64>,
    pub equipment_id: Option<i64>,
    pub ticket_id: Option<i64>,
    /// Scheduled (or carried out) from this day on, YYYY-MM-DD.
    pub from: Option<chrono::NaiveDate>,
    /// Up to and including this day.
    pub to: Option<chrono::NaiveDate>,
    pub status: Option<InterventionStatus>,
    pub page: u64,
    pub page_size: u64,
}

/// Parts used on an intervention, taken out of the stock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartUseInput {
    pub intervention_id: i64,
    pub part_id: i64,
    pub quantity: i32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for k in InterventionKind::ALL {
            assert_eq!(InterventionKind::from_code(k.code()), Some(k));
        }
        for s in InterventionStatus::ALL {
            assert_eq!(InterventionStatus::from_code(s.code()), Some(s));
        }
        assert!(!InterventionStatus::Done.is_planned());
    }
}

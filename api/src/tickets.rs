//! Service-desk vocabulary shared by the UI and the core: ticket priorities
//! and statuses (with the moves allowed between them), channels, and the SLA
//! state a ticket shows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub const ALL: [Priority; 4] = [Self::Low, Self::Normal, Self::High, Self::Urgent];
    pub fn code(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Normal => "normal",
            Self::High => "high",
            Self::Urgent => "urgent",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    #[default]
    New,
    Assigned,
    InProgress,
    WaitingForClient,
    Resolved,
    Closed,
}

impl TicketStatus {
    pub const ALL: [TicketStatus; 6] = [
        Self::New,
        Self::Assigned,
        Self::InProgress,
        Self::WaitingForClient,
        Self::Resolved,
        Self::Closed,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Assigned => "assigned",
            Self::InProgress => "in_progress",
            Self::WaitingForClient => "waiting_for_client",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
    /// The statuses a ticket may move to from this one. A resolved or
    /// closed ticket is reopened by moving it back to in progress.
    pub fn next(self) -> &'static [TicketStatus] {
        use TicketStatus::*;
        match self {
            New => &[Assigned, InProgress, WaitingForClient, Resolved],
            Assigned => &[New, InProgress, WaitingForClient, Resolved],
            InProgress => &[Assigned, WaitingForClient, Resolved],
            WaitingForClient => &[InProgress, Resolved],
            Resolved => &[Closed, InProgress],
            Closed => &[InProgress],
        }
    }
    /// Still to be worked on (counts in a technician's open workload).
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Resolved | Self::Closed)
    }
    /// Whether the resolution clock runs in this status: not while waiting
    /// for the client, nor once resolved.
    pub fn resolution_clock_runs(self) -> bool {
        matches!(self, Self::New | Self::Assigned | Self::InProgress)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[default]
    Desktop,
    Portal,
    Phone,
    Email,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Self::Desktop, Self::Portal, Self::Phone, Self::Email];
    pub fn code(self) -> &'static str {
        match self {
            Self::Desktop => "desktop",
            Self::Portal => "portal",
            Self::Phone => "phone",
            Self::Email => "email",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Where a ticket stands against one of its SLA targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaState {
    OnTrack,
    /// 75 % of the target is used.
    AtRisk,
    Breached,
    /// The clock is paused (waiting for the client).
    Paused,
    /// The target was met (answered, or resolved, in time).
    Met,
}

/// The share of a target from which a ticket is at risk, in percent.
pub const AT_RISK_PERCENT: i64 = 75;

impl SlaState {
    pub const ALL: [SlaState; 5] = [
        Self::OnTrack,
        Self::AtRisk,
        Self::Breached,
        Self::Paused,
        Self::Met,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Self::OnTrack => "on_track",
            Self::AtRisk => "at_risk",
            Self::Breached => "breached",
            Self::Paused => "paused",
            Self::Met => "met",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A new ticket as typed (ids chosen in lists; the core checks they belong
/// to the client).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketInput {
    pub client_id: i64,
    pub site_id: Option<i64>,
    pub equipment_id: Option<i64>,
    /// A contact of the client.
    pub requester_id: Option<i64>,
    pub title: String,
    pub description: String,
    pub category_id: Option<i64>,
    pub priority: Priority,
    pub channel: Channel,
}

/// A new ticket as a client's contact types it on the portal: the client,
/// the requester and the channel are theirs, so the form has none of them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PortalTicketInput {
    pub site_id: Option<i64>,
    pub equipment_id: Option<i64>,
    pub title: String,
    pub description: String,
    pub priority: Priority,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketRow {
    pub id: i64,
    pub reference: String,
    pub client_id: i64,
    pub client_name: String,
    pub title: String,
    pub priority: Priority,
    pub status: TicketStatus,
    pub channel: Channel,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub first_response_due: Option<DateTime<Utc>>,
    pub resolution_due: Option<DateTime<Utc>>,
    /// The deadline that matters now: the first response until the ticket
    /// is answered, then the resolution; none once settled or paused.
    pub next_due: Option<DateTime<Utc>>,
    pub sla_state: SlaState,
}

/// One line of the explanation of a deadline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SlaStep {
    /// The clock ran and counted `minutes` of business time.
    Counted {
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        minutes: i64,
    },
    /// Waiting for the client (or answered, resolved): the clock stood still.
    Paused {
        from: DateTime<Utc>,
        to: Option<DateTime<Utc>>,
    },
    /// The `minutes` left, counted in business time from `from`, end at `due`.
    Remaining {
        from: DateTime<Utc>,
        minutes: i64,
        due: DateTime<Utc>,
    },
}

/// One SLA target of a ticket, with why its deadline is what it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlaTarget {
    pub target_minutes: i64,
    pub elapsed_minutes: i64,
    pub due: Option<DateTime<Utc>>,
    pub state: SlaState,
    /// The calendar's name, or none when counted around the clock.
    pub calendar: Option<String>,
    pub steps: Vec<SlaStep>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketMessage {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub author: String,
    /// False: an internal note.
    pub public: bool,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketStatusChange {
    pub at: DateTime<Utc>,
    pub status: TicketStatus,
    pub by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketDetail {
    pub row: TicketRow,
    pub input: TicketInput,
    pub site_name: Option<String>,
    pub equipment_name: Option<String>,
    pub requester_name: Option<String>,
    pub category_name: Option<String>,
    pub first_response: SlaTarget,
    pub resolution: SlaTarget,
    pub messages: Vec<TicketMessage>,
    pub history: Vec<TicketStatusChange>,
    /// Who should take it (open tickets of a category that needs a skill).
    pub suggestion: Option<AssigneeSuggestion>,
}

/// The ticket queue's views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueView {
    /// Every open ticket.
    #[default]
    Open,
    Mine,
    Unassigned,
    AtRisk,
    Breached,
    /// Resolved and closed ones too.
    All,
}

impl QueueView {
    pub const ALL: [QueueView; 6] = [
        Self::Open,
        Self::Mine,
        Self::Unassigned,
        Self::AtRisk,
        Self::Breached,
        Self::All,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Mine => "mine",
            Self::Unassigned => "unassigned",
            Self::AtRisk => "at_risk",
            Self::Breached => "breached",
            Self::All => "all",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketQuery {
    pub view: QueueView,
    pub client_id: Option<i64>,
    /// Tickets about this equipment (its page's Tickets tab).
    pub equipment_id: Option<i64>,
    pub status: Option<TicketStatus>,
    pub priority: Option<Priority>,
    /// The SLA state cached on the ticket (the dashboard's cells).
    pub sla_state: Option<SlaState>,
    /// Matches the reference, the title and the client's name.
    pub search: String,
    pub page: u64,
    pub page_size: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketStatusInput {
    pub id: i64,
    pub status: TicketStatus,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketMessageInput {
    pub ticket_id: i64,
    pub public: bool,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketAssignment {
    pub id: i64,
    /// None: unassigned.
    pub assignee_id: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for p in Priority::ALL {
            assert_eq!(Priority::from_code(p.code()), Some(p));
        }
        for s in TicketStatus::ALL {
            assert_eq!(TicketStatus::from_code(s.code()), Some(s));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::from_code(c.code()), Some(c));
        }
    }

    #[test]
    fn a_closed_ticket_is_only_reopened_and_waiting_stops_the_clock() {
        assert_eq!(TicketStatus::Closed.next(), &[TicketStatus::InProgress]);
        assert!(TicketStatus::Resolved
            .next()
            .contains(&TicketStatus::InProgress));
        assert!(!TicketStatus::WaitingForClient.resolution_clock_runs());
        assert!(TicketStatus::Assigned.resolution_clock_runs());
        assert!(!TicketStatus::Resolved.is_open());
        // Every status can reach resolved, directly or through in progress.
        for s in TicketStatus::ALL {
            assert!(
                s == TicketStatus::Resolved
                    || s.next().contains(&TicketStatus::Resolved)
                    || s.next().contains(&TicketStatus::InProgress),
                "{s:?}"
            );
        }
    }
}

/// A skill with a level, as a technician has it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkillLevel {
    pub skill_id: i64,
    pub skill_name: String,
    /// 1 (knows the basics) to 3 (expert).
    pub level: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TechnicianRow {
    pub user_id: i64,
    pub name: String,
    pub job_position: String,
    /// Capacity: working time per week.
    pub weekly_minutes: i64,
    pub skills: Vec<SkillLevel>,
    /// Open tickets assigned to them: their current workload.
    pub open_tickets: u64,
}

/// A technician's profile as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TechnicianInput {
    pub user_id: i64,
    pub job_position: String,
    /// "35", "37,5".
    pub weekly_hours: String,
    /// (skill id, level 1–3).
    pub skills: Vec<(i64, i64)>,
}

/// Who should take a ticket, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssigneeSuggestion {
    pub user_id: i64,
    pub name: String,
    /// The skill the ticket's category needs, and the technician's level in it.
    pub skill_name: String,
    pub level: i64,
    /// Their open tickets: the lowest among those who have the skill.
    pub open_tickets: u64,
    /// How many technicians have the skill.
    pub candidates: u64,
}

/// A time entry: a stopped timer or time typed by hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeEntryRow {
    pub id: i64,
    pub user_id: i64,
    pub user_name: String,
    pub ticket_id: Option<i64>,
    pub ticket_reference: Option<String>,
    pub intervention_id: Option<i64>,
    pub started_at: DateTime<Utc>,
    /// None: the timer is running.
    pub ended_at: Option<DateTime<Utc>>,
    pub minutes: i64,
    pub billable: bool,
    pub note: String,
    /// The invoice that billed it.
    pub invoice_id: Option<i64>,
}

/// What a timer or an entry is for: a ticket or an intervention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum WorkItem {
    Ticket(i64),
    Intervention(i64),
}

/// Time typed by hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeEntryInput {
    pub item: WorkItem,
    /// YYYY-MM-DD.
    pub date: String,
    /// "1,5" hours or "1:30".
    pub duration: String,
    pub billable: bool,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Skill {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketCategory {
    pub id: i64,
    pub name: String,
    /// The skill it needs, which decides the suggested technician.
    pub skill_id: Option<i64>,
    pub skill_name: Option<String>,
}

/// The skills and ticket categories, for the forms and the settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeskCatalogue {
    pub skills: Vec<Skill>,
    pub categories: Vec<TicketCategory>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryInput {
    pub name: String,
    pub skill_id: Option<i64>,
}

/// What a planning run did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanResult {
    pub created: u64,
    pub already_planned: u64,
}

/// One cell of the SLA matrix as typed: hours ("1", "0,5", "1:30").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlaCellInput {
    pub level: crate::clients::ServiceLevel,
    pub priority: Priority,
    pub first_response: String,
    pub resolution: String,
    /// Counted around the clock rather than on the business calendar.
    pub around_the_clock: bool,
}

/// The business-hours calendar as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SlaCalendarInput {
    /// An IANA time zone, e.g. "Europe/Paris".
    pub time_zone: String,
    /// Monday to Sunday: opening windows, "08:00-12:00, 13:30-18:00"; empty
    /// when closed.
    pub week: [String; 7],
    /// Public holidays, one date (YYYY-MM-DD) per line.
    pub holidays: String,
}

/// The SLA settings: the calendar and the 12 cells of the matrix.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SlaSettings {
    pub calendar: SlaCalendarInput,
    pub matrix: Vec<SlaCellInput>,
}

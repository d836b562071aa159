//! Service-desk vocabulary shared by the UI and the core: ticket priorities
//! and statuses (with the moves allowed between them), channels, and the SLA
//! state a ticket shows.

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

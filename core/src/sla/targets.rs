//! What a ticket's SLA is made of: the targets of the matrix (service level
//! × priority → time to first response and to resolution, in business time
//! or around the clock), the clock histories of a ticket, and the state it
//! shows (on track, at risk, breached, paused, met).
//!
//! The defaults are what a new installation starts with; Settings edits the
//! matrix (issue 5's settings page stores it).
//!
//! A target is at risk from `AT_RISK_PERCENT` (75 %) of its time used; a VIP
//! client's urgent tickets count around the clock. The statuses, priorities
//! and channels themselves are `parc_api::tickets`, shared with the UI.

use super::clock::{ClockChange, Deadline, Instant};
use parc_api::clients::ServiceLevel;
use parc_api::tickets::{Priority, SlaState, TicketStatus, AT_RISK_PERCENT};

/// One cell of the SLA matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Targets {
    pub first_response_minutes: i64,
    pub resolution_minutes: i64,
    /// Counted around the clock (24/7) rather than in business hours.
    pub around_the_clock: bool,
}

/// The matrix a new installation starts with.
pub fn default_targets(level: ServiceLevel, priority: Priority) -> Targets {
    use Priority::*;
    use ServiceLevel::*;
    let (first_response_minutes, resolution_minutes, around_the_clock) = match (level, priority) {
        (Standard, Low) => (8 * 60, 40 * 60, false),
        (Standard, Normal) => (4 * 60, 16 * 60, false),
        (Standard, High) => (2 * 60, 8 * 60, false),
        (Standard, Urgent) => (60, 4 * 60, false),
        (Premium, Low) => (4 * 60, 24 * 60, false),
        (Premium, Normal) => (2 * 60, 8 * 60, false),
        (Premium, High) => (60, 4 * 60, false),
        (Premium, Urgent) => (30, 2 * 60, false),
        (Vip, Low) => (2 * 60, 16 * 60, false),
        (Vip, Normal) => (60, 8 * 60, false),
        (Vip, High) => (30, 4 * 60, false),
        (Vip, Urgent) => (15, 2 * 60, true),
    };
    Targets {
        first_response_minutes,
        resolution_minutes,
        around_the_clock,
    }
}

/// The resolution clock of a ticket from its status changes (in order, the
/// first one its creation): it runs while the ticket is being worked on,
/// stops while waiting for the client and once resolved, and runs again
/// when it is reopened.
pub fn resolution_history(changes: &[(Instant, TicketStatus)]) -> Vec<ClockChange> {
    let mut history: Vec<ClockChange> = Vec::with_capacity(changes.len());
    for (at, status) in changes {
        let running = status.resolution_clock_runs();
        if history.last().is_some_and(|last| last.running == running) {
            continue;
        }
        history.push(ClockChange { at: *at, running });
    }
    history
}

/// When a ticket was answered: its first public reply or its first
/// resolution, whichever came first (a ticket resolved without a reply was
/// answered by the resolution; replying after a reopening changes nothing).
pub fn answered_at(
    first_reply: Option<Instant>,
    statuses: &[(Instant, TicketStatus)],
) -> Option<Instant> {
    let resolved = statuses
        .iter()
        .find(|(_, status)| !status.is_open())
        .map(|(at, _)| *at);
    match (first_reply, resolved) {
        (Some(reply), Some(resolved)) => Some(reply.min(resolved)),
        (reply, resolved) => reply.or(resolved),
    }
}

/// The first-response clock: it runs from the ticket's creation until the
/// first public reply.
pub fn first_response_history(opened: Instant, first_reply: Option<Instant>) -> Vec<ClockChange> {
    let mut history = vec![ClockChange {
        at: opened,
        running: true,
    }];
    if let Some(at) = first_reply {
        history.push(ClockChange { at, running: false });
    }
    history
}

/// The state a target shows at `now`. `done` tells whether the target's
/// event happened (the first reply was sent; the ticket is resolved): it is
/// then met or breached for good.
pub fn state(deadline: &Deadline, done: bool, now: Instant) -> SlaState {
    if deadline.elapsed > deadline.target {
        return SlaState::Breached;
    }
    if done {
        return SlaState::Met;
    }
    match deadline.due {
        None => SlaState::Paused,
        Some(due) if due <= now => SlaState::Breached,
        Some(_) if deadline.used_percent() >= AT_RISK_PERCENT => SlaState::AtRisk,
        Some(_) => SlaState::OnTrack,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::clock::{deadline, Calendar};

    const HOUR: i64 = 3600;

    #[test]
    fn every_cell_of_the_default_matrix_is_sensible() {
        for level in ServiceLevel::ALL {
            let mut previous: Option<Targets> = None;
            for priority in Priority::ALL {
                let t = default_targets(level, priority);
                assert!(t.first_response_minutes < t.resolution_minutes);
                // A higher priority never waits longer.
                if let Some(p) = previous {
                    assert!(t.first_response_minutes <= p.first_response_minutes);
                    assert!(t.resolution_minutes <= p.resolution_minutes);
                }
                previous = Some(t);
            }
        }
        assert!(default_targets(ServiceLevel::Vip, Priority::Urgent).around_the_clock);
        assert!(!default_targets(ServiceLevel::Standard, Priority::Urgent).around_the_clock);
    }

    #[test]
    fn the_resolution_clock_follows_the_statuses() {
        use TicketStatus::*;
        let history = resolution_history(&[
            (0, New),
            (10, Assigned),
            (20, InProgress),
            (30, WaitingForClient),
            (40, InProgress),
            (50, Resolved),
            (60, Closed),
            (70, InProgress),
        ]);
        let runs: Vec<(i64, bool)> = history.iter().map(|c| (c.at, c.running)).collect();
        assert_eq!(
            runs,
            [(0, true), (30, false), (40, true), (50, false), (70, true)]
        );
    }

    #[test]
    fn states_go_from_on_track_to_at_risk_to_breached() {
        let always = Calendar::always_open();
        let history = first_response_history(0, None);
        let at = |now: i64| {
            let d = deadline(&always, &history, 4 * HOUR, now);
            state(&d, false, now)
        };
        assert_eq!(at(HOUR), SlaState::OnTrack);
        assert_eq!(at(3 * HOUR), SlaState::AtRisk);
        assert_eq!(at(4 * HOUR), SlaState::Breached);
        // Answered after 2 h: met, for good.
        let answered = first_response_history(0, Some(2 * HOUR));
        let d = deadline(&always, &answered, 4 * HOUR, 9 * HOUR);
        assert_eq!(state(&d, true, 9 * HOUR), SlaState::Met);
        // Answered after 5 h: breached, for good.
        let late = first_response_history(0, Some(5 * HOUR));
        let d = deadline(&always, &late, 4 * HOUR, 9 * HOUR);
        assert_eq!(state(&d, true, 9 * HOUR), SlaState::Breached);
    }

    #[test]
    fn waiting_for_the_client_shows_paused() {
        use TicketStatus::*;
        let always = Calendar::always_open();
        let history = resolution_history(&[(0, New), (HOUR, WaitingForClient)]);
        let d = deadline(&always, &history, 4 * HOUR, 10 * HOUR);
        assert_eq!(state(&d, false, 10 * HOUR), SlaState::Paused);
        assert_eq!(d.elapsed, HOUR);
    }
}

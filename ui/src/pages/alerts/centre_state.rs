//! The alert centre's own state, apart from what it shows: the alerts
//! ticked for a bulk acknowledgement, the one whose snooze is being chosen,
//! the day chosen and why a snooze was refused. Each change is a named
//! action, tested here without a window.

use chrono::{Days, NaiveDate};
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

/// How far a snooze goes unless another day is chosen.
const SNOOZE_DAYS: u64 = 7;

#[derive(Clone, Debug, PartialEq)]
pub struct CentreState {
    pub selected: BTreeSet<i64>,
    /// The alert whose snooze row is open.
    pub snoozing: Option<i64>,
    pub snooze_until: NaiveDate,
    pub snooze_error: Option<String>,
}

impl CentreState {
    pub fn new(today: NaiveDate) -> Self {
        CentreState {
            selected: BTreeSet::new(),
            snoozing: None,
            snooze_until: today + Days::new(SNOOZE_DAYS),
            snooze_error: None,
        }
    }
}

pub enum CentreAction {
    /// An alert ticked (true) or unticked.
    Tick(i64, bool),
    /// The snooze row of an alert opened, its last refusal forgotten.
    AskSnooze(i64),
    SnoozeUntil(NaiveDate),
    CancelSnooze,
    /// The backend refused the snooze, saying why.
    SnoozeRefused(String),
    /// An acknowledgement or a snooze went through: the list is asked
    /// again, so nothing stays ticked or open.
    Done,
}

impl Reducible for CentreState {
    type Action = CentreAction;

    fn reduce(self: Rc<Self>, action: CentreAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CentreAction::Tick(id, true) => {
                next.selected.insert(id);
            }
            CentreAction::Tick(id, false) => {
                next.selected.remove(&id);
            }
            CentreAction::AskSnooze(id) => {
                next.snoozing = Some(id);
                next.snooze_error = None;
            }
            CentreAction::SnoozeUntil(day) => next.snooze_until = day,
            CentreAction::CancelSnooze => {
                next.snoozing = None;
                next.snooze_error = None;
            }
            CentreAction::SnoozeRefused(why) => next.snooze_error = Some(why),
            CentreAction::Done => {
                next.selected.clear();
                next.snoozing = None;
                next.snooze_error = None;
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn after(state: CentreState, actions: Vec<CentreAction>) -> CentreState {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    #[test]
    fn a_snooze_goes_a_week_ahead_unless_another_day_is_chosen() {
        let start = CentreState::new(day("2026-12-07"));
        assert_eq!(start.snooze_until, day("2026-12-14"));
        let chosen = after(start, vec![CentreAction::SnoozeUntil(day("2027-01-04"))]);
        assert_eq!(chosen.snooze_until, day("2027-01-04"));
    }

    #[test]
    fn ticked_alerts_are_kept_until_the_acknowledgement_goes_through() {
        use CentreAction::*;
        let state = after(
            CentreState::new(day("2026-12-07")),
            vec![Tick(3, true), Tick(5, true), Tick(3, false), Tick(8, true)],
        );
        assert_eq!(state.selected.iter().copied().collect::<Vec<_>>(), [5, 8]);
        let done = after(state, vec![Done]);
        assert!(done.selected.is_empty());
    }

    #[test]
    fn a_refused_snooze_keeps_its_row_open_with_the_reason_until_asked_again() {
        use CentreAction::*;
        let refused = after(
            CentreState::new(day("2026-12-07")),
            vec![AskSnooze(4), SnoozeRefused("must be after today".into())],
        );
        assert_eq!(refused.snoozing, Some(4));
        assert_eq!(refused.snooze_error.as_deref(), Some("must be after today"));
        let again = after(refused.clone(), vec![AskSnooze(9)]);
        assert_eq!((again.snoozing, again.snooze_error), (Some(9), None));
        let cancelled = after(refused, vec![CancelSnooze]);
        assert_eq!((cancelled.snoozing, cancelled.snooze_error), (None, None));
    }
}

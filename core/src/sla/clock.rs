//! The SLA clock: business time on a calendar, and deadlines computed from a
//! ticket's status history.
//!
//! Why it is written this way: the well-known SLA bugs come from adding
//! delays to a deadline each time a ticket is paused (pending time counted
//! twice, deadlines landing at night). Here a deadline is never stored and
//! patched: it is recomputed from the history — the periods during which
//! the clock ran — by walking the calendar's open windows. The same walk
//! records the steps that explain the result.
//!
//! - A **calendar** is a time zone, opening hours per weekday (local time)
//!   and a list of holidays; a 24/7 calendar is always open. Local hours are
//!   turned into instants day by day through the time zone, so a daylight
//!   saving change is handled where it happens.
//! - **Business time** between two instants is the time both inside them
//!   and inside an open window.
//! - A **deadline** for a target of T seconds is the instant at which the
//!   business time counted while the clock ran reaches T. While the clock is
//!   paused (waiting for the client), there is no deadline, only what is
//!   left.
//!
//! Time zones are IANA names resolved through jiff's bundled database.

use chrono::{Datelike, NaiveDate};
use jiff::civil;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use std::collections::BTreeSet;

/// Seconds since the Unix epoch (UTC): how instants travel in this module.
pub type Instant = i64;

/// How far a search for open time goes before concluding there is none.
const SEARCH_DAYS: u32 = 3 * 366;

/// Opening hours and holidays in a time zone.
#[derive(Clone, Debug)]
pub struct Calendar {
    zone: TimeZone,
    /// Per weekday, Monday first: open windows in minutes after local
    /// midnight (`(480, 1080)` is 08:00–18:00), sorted and disjoint.
    week: [Vec<(u32, u32)>; 7],
    holidays: BTreeSet<NaiveDate>,
    always_open: bool,
}

/// Why a calendar could not be made.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("unknown time zone {0}")]
    UnknownZone(String),
    #[error(
        "opening hours must be within 00:00–24:00, each ending after it starts, without overlaps"
    )]
    BadHours,
}

impl Calendar {
    /// Always open (a 24/7 priority).
    pub fn always_open() -> Self {
        Calendar {
            zone: TimeZone::UTC,
            week: Default::default(),
            holidays: BTreeSet::new(),
            always_open: true,
        }
    }

    /// Open `week[d]` on weekday `d` (Monday = 0) in the IANA zone
    /// `zone_name`, closed on `holidays`.
    pub fn new(
        zone_name: &str,
        week: [Vec<(u32, u32)>; 7],
        holidays: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<Self, CalendarError> {
        let zone = TimeZone::get(zone_name)
            .map_err(|_| CalendarError::UnknownZone(zone_name.to_owned()))?;
        for day in &week {
            let mut last_end = 0;
            for (i, (start, end)) in day.iter().enumerate() {
                if start >= end || *end > 24 * 60 || (i > 0 && *start < last_end) {
                    return Err(CalendarError::BadHours);
                }
                last_end = *end;
            }
        }
        Ok(Calendar {
            zone,
            week,
            holidays: holidays.into_iter().collect(),
            always_open: false,
        })
    }

    pub fn is_always_open(&self) -> bool {
        self.always_open
    }

    fn local_date(&self, at: Instant) -> Option<NaiveDate> {
        let date = Timestamp::from_second(at)
            .ok()?
            .to_zoned(self.zone.clone())
            .date();
        NaiveDate::from_ymd_opt(
            i32::from(date.year()),
            u32::try_from(date.month()).ok()?,
            u32::try_from(date.day()).ok()?,
        )
    }

    /// The instant of `minutes` after local midnight on `day` (a time
    /// skipped by a daylight saving change moves forward, as clocks do).
    fn instant_of(&self, day: NaiveDate, minutes: u32) -> Option<Instant> {
        let (day, minutes) = if minutes >= 24 * 60 {
            (day.succ_opt()?, minutes - 24 * 60)
        } else {
            (day, minutes)
        };
        let civil = civil::date(
            i16::try_from(day.year()).ok()?,
            i8::try_from(day.month()).ok()?,
            i8::try_from(day.day()).ok()?,
        )
        .at(
            i8::try_from(minutes / 60).ok()?,
            i8::try_from(minutes % 60).ok()?,
            0,
            0,
        );
        self.zone
            .to_ambiguous_timestamp(civil)
            .compatible()
            .ok()
            .map(Timestamp::as_second)
    }

    /// The open windows of a local day, as instants.
    fn windows_of(&self, day: NaiveDate) -> Vec<(Instant, Instant)> {
        if self.holidays.contains(&day) {
            return Vec::new();
        }
        let weekday = day.weekday().num_days_from_monday() as usize;
        self.week[weekday]
            .iter()
            .filter_map(|(start, end)| {
                Some((self.instant_of(day, *start)?, self.instant_of(day, *end)?))
            })
            .filter(|(start, end)| start < end)
            .collect()
    }

    /// Open windows that end after `from`, in order, clipped to start at
    /// `from` at the earliest; at most `SEARCH_DAYS` days ahead.
    fn windows_from(&self, from: Instant) -> impl Iterator<Item = (Instant, Instant)> + '_ {
        let first_day = self
            .local_date(from)
            .and_then(|d| d.pred_opt())
            .unwrap_or_default();
        first_day
            .iter_days()
            .take(SEARCH_DAYS as usize)
            .flat_map(move |day| self.windows_of(day))
            .filter(move |(_, end)| *end > from)
            .map(move |(start, end)| (start.max(from), end))
    }

    /// Business seconds in `[from, to)`.
    pub fn open_seconds(&self, from: Instant, to: Instant) -> i64 {
        if to <= from {
            return 0;
        }
        if self.always_open {
            return to - from;
        }
        self.windows_from(from)
            .take_while(|(start, _)| *start < to)
            .map(|(start, end)| end.min(to) - start)
            .sum()
    }

    /// The instant at which `seconds` of business time have passed after
    /// `from`; `None` if the calendar is never open again.
    pub fn after_open_seconds(&self, from: Instant, seconds: i64) -> Option<Instant> {
        if self.always_open {
            return Some(from + seconds.max(0));
        }
        if seconds <= 0 {
            // Nothing left to count: due as soon as the calendar is open.
            return self.windows_from(from).next().map(|(start, _)| start);
        }
        let mut left = seconds;
        for (start, end) in self.windows_from(from) {
            let length = end - start;
            if left <= length {
                return Some(start + left);
            }
            left -= length;
        }
        None
    }
}

/// Whether the SLA clock runs, from an instant on (one change of a
/// ticket's status history, reduced to what the clock cares about).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockChange {
    pub at: Instant,
    pub running: bool,
}

/// One line of a deadline's explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// The clock ran from `from` to `to` and counted `counted` seconds of
    /// business time.
    Counted {
        from: Instant,
        to: Instant,
        counted: i64,
    },
    /// The clock was paused (waiting for the client) from `from` to `to`
    /// (`None`: still paused).
    Paused { from: Instant, to: Option<Instant> },
    /// From `from`, the `remaining` seconds were counted in business time
    /// and end at `due`.
    Remaining {
        from: Instant,
        remaining: i64,
        due: Instant,
    },
}

/// A deadline as computed from the history, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub target: i64,
    /// `None` while the clock is paused, or if the calendar never opens.
    pub due: Option<Instant>,
    /// Business time counted so far (up to `now`).
    pub elapsed: i64,
    pub steps: Vec<Step>,
}

impl Deadline {
    /// Share of the target used, in percent (can exceed 100).
    pub fn used_percent(&self) -> i64 {
        if self.target <= 0 {
            return 100;
        }
        self.elapsed * 100 / self.target
    }
}

/// The deadline for `target` seconds of business time, given the clock's
/// history (in order; the first change is when the ticket was opened) and
/// the present instant.
pub fn deadline(
    calendar: &Calendar,
    history: &[ClockChange],
    target: i64,
    now: Instant,
) -> Deadline {
    let mut steps = Vec::new();
    let mut counted = 0;
    let mut elapsed = 0;
    let mut due = None;
    for (i, change) in history.iter().enumerate() {
        let next = history.get(i + 1).map(|c| c.at);
        if !change.running {
            steps.push(Step::Paused {
                from: change.at,
                to: next,
            });
            continue;
        }
        // Business time of this running period, up to its end or now.
        let until = next.map_or(now, |end| end.min(now));
        elapsed += calendar.open_seconds(change.at, until);
        if due.is_some() {
            continue;
        }
        match next {
            Some(end) => {
                let open = calendar.open_seconds(change.at, end);
                if counted + open >= target {
                    let at = calendar.after_open_seconds(change.at, target - counted);
                    if let Some(at) = at {
                        steps.push(Step::Remaining {
                            from: change.at,
                            remaining: target - counted,
                            due: at,
                        });
                    }
                    due = at;
                    counted = target;
                } else {
                    steps.push(Step::Counted {
                        from: change.at,
                        to: end,
                        counted: open,
                    });
                    counted += open;
                }
            }
            None => {
                let at = calendar.after_open_seconds(change.at, target - counted);
                if let Some(at) = at {
                    steps.push(Step::Remaining {
                        from: change.at,
                        remaining: target - counted,
                        due: at,
                    });
                }
                due = at;
            }
        }
    }
    // Paused now: no deadline until the clock runs again.
    if history.last().is_some_and(|c| !c.running) && counted < target {
        due = None;
    }
    Deadline {
        target,
        due,
        elapsed,
        steps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::holidays::french_public_holidays;

    const HOUR: i64 = 3600;

    /// Monday to Friday, 08:00–18:00 in Paris, French holidays of 2026–2027.
    fn office() -> Calendar {
        let day = vec![(8 * 60, 18 * 60)];
        let week = [
            day.clone(),
            day.clone(),
            day.clone(),
            day.clone(),
            day,
            Vec::new(),
            Vec::new(),
        ];
        let holidays = french_public_holidays(2026)
            .into_iter()
            .chain(french_public_holidays(2027));
        Calendar::new("Europe/Paris", week, holidays).unwrap()
    }

    /// An instant from a Paris wall-clock time.
    fn paris(text: &str) -> Instant {
        let civil: civil::DateTime = text.parse().unwrap();
        TimeZone::get("Europe/Paris")
            .unwrap()
            .to_ambiguous_timestamp(civil)
            .compatible()
            .unwrap()
            .as_second()
    }

    fn opened(at: &str) -> Vec<ClockChange> {
        vec![ClockChange {
            at: paris(at),
            running: true,
        }]
    }

    fn due(history: &[ClockChange], target: i64) -> Option<Instant> {
        deadline(&office(), history, target, history[0].at).due
    }

    #[test]
    fn the_night_is_skipped() {
        // Monday 17:30 + 1 h: 30 min tonight, 30 min tomorrow morning.
        assert_eq!(
            due(&opened("2026-11-23T17:30"), HOUR),
            Some(paris("2026-11-24T08:30"))
        );
    }

    #[test]
    fn the_weekend_is_skipped() {
        assert_eq!(
            due(&opened("2026-11-27T17:00"), 2 * HOUR),
            Some(paris("2026-11-30T09:00"))
        );
        // Opened on a Saturday: counting starts on Monday at 08:00.
        assert_eq!(
            due(&opened("2026-11-28T10:00"), HOUR),
            Some(paris("2026-11-30T09:00"))
        );
    }

    #[test]
    fn holidays_are_skipped() {
        // Thursday 24 December 17:00 + 2 h: Christmas Friday, then the weekend.
        assert_eq!(
            due(&opened("2026-12-24T17:00"), 2 * HOUR),
            Some(paris("2026-12-28T09:00"))
        );
        // Ascension Thursday 14 May 2026 is closed.
        assert_eq!(
            due(&opened("2026-05-13T17:00"), 2 * HOUR),
            Some(paris("2026-05-15T09:00"))
        );
    }

    #[test]
    fn a_deadline_can_land_exactly_at_closing_time() {
        assert_eq!(
            due(&opened("2026-11-23T16:00"), 2 * HOUR),
            Some(paris("2026-11-23T18:00"))
        );
        // One second more goes to the next morning.
        assert_eq!(
            due(&opened("2026-11-23T16:00"), 2 * HOUR + 1),
            Some(paris("2026-11-24T08:00") + 1)
        );
    }

    #[test]
    fn waiting_for_the_client_pauses_the_clock_once() {
        // Monday 09:00, 4 h to resolve; waiting from 10:00 to Tuesday 10:00.
        let history = [
            ClockChange {
                at: paris("2026-11-23T09:00"),
                running: true,
            },
            ClockChange {
                at: paris("2026-11-23T10:00"),
                running: false,
            },
            ClockChange {
                at: paris("2026-11-24T10:00"),
                running: true,
            },
        ];
        let result = deadline(&office(), &history, 4 * HOUR, paris("2026-11-24T11:00"));
        assert_eq!(result.due, Some(paris("2026-11-24T13:00")));
        assert_eq!(result.elapsed, 2 * HOUR);
        assert_eq!(result.used_percent(), 50);
        assert_eq!(
            result.steps,
            vec![
                Step::Counted {
                    from: paris("2026-11-23T09:00"),
                    to: paris("2026-11-23T10:00"),
                    counted: HOUR
                },
                Step::Paused {
                    from: paris("2026-11-23T10:00"),
                    to: Some(paris("2026-11-24T10:00"))
                },
                Step::Remaining {
                    from: paris("2026-11-24T10:00"),
                    remaining: 3 * HOUR,
                    due: paris("2026-11-24T13:00")
                },
            ]
        );
        // Paused twice, resumed twice: still counted once each time.
        let twice = [
            history[0],
            history[1],
            history[2],
            ClockChange {
                at: paris("2026-11-24T11:00"),
                running: false,
            },
            ClockChange {
                at: paris("2026-11-25T08:00"),
                running: true,
            },
        ];
        assert_eq!(due(&twice, 4 * HOUR), Some(paris("2026-11-25T10:00")));
    }

    #[test]
    fn while_paused_there_is_no_deadline() {
        let history = [
            ClockChange {
                at: paris("2026-11-23T09:00"),
                running: true,
            },
            ClockChange {
                at: paris("2026-11-23T10:00"),
                running: false,
            },
        ];
        let result = deadline(&office(), &history, 4 * HOUR, paris("2026-11-25T10:00"));
        assert_eq!(result.due, None);
        assert_eq!(result.elapsed, HOUR);
    }

    #[test]
    fn a_24_7_priority_counts_every_hour() {
        let always = Calendar::always_open();
        let history = opened("2026-11-28T23:00");
        let result = deadline(&always, &history, 2 * HOUR, history[0].at);
        assert_eq!(result.due, Some(paris("2026-11-29T01:00")));
    }

    #[test]
    fn daylight_saving_changes_are_where_they_happen() {
        // Paris moves to summer time on Sunday 29 March 2026 at 02:00: the
        // next Monday opens at 08:00 local, 06:00 UTC instead of 07:00.
        assert_eq!(
            due(&opened("2026-03-27T17:00"), 2 * HOUR),
            Some(paris("2026-03-30T09:00"))
        );
        assert_eq!(
            paris("2026-03-30T09:00") - paris("2026-03-27T17:00"),
            3 * 24 * HOUR - 8 * HOUR - HOUR
        );
        // Open every day around the clock in Paris: the night of the change
        // has 23 hours, so 01:00 + 2 h of open time is 04:00 local.
        let all_day = vec![(0, 24 * 60)];
        let week = std::array::from_fn(|_| all_day.clone());
        let paris_24 = Calendar::new("Europe/Paris", week, []).unwrap();
        let history = opened("2026-03-29T01:00");
        let result = deadline(&paris_24, &history, 2 * HOUR, history[0].at);
        assert_eq!(result.due, Some(paris("2026-03-29T04:00")));
        assert_eq!(
            paris_24.open_seconds(paris("2026-03-29T00:00"), paris("2026-03-30T00:00")),
            23 * HOUR
        );
        // In autumn that day has 25 hours; 01:00 + 2 h is the second 02:00.
        assert_eq!(
            paris_24.open_seconds(paris("2026-10-25T00:00"), paris("2026-10-26T00:00")),
            25 * HOUR
        );
        let history = opened("2026-10-25T01:00");
        let result = deadline(&paris_24, &history, 2 * HOUR, history[0].at);
        assert_eq!(result.due, Some(history[0].at + 2 * HOUR));
        assert_eq!(result.due, Some(paris("2026-10-25T03:00") - HOUR));
    }

    #[test]
    fn a_calendar_never_open_gives_no_deadline() {
        let closed = Calendar::new("Europe/Paris", Default::default(), []).unwrap();
        let history = opened("2026-11-23T09:00");
        assert_eq!(deadline(&closed, &history, HOUR, history[0].at).due, None);
    }

    #[test]
    fn bad_calendars_are_refused() {
        assert_eq!(
            Calendar::new("Mars/Olympus", Default::default(), []).unwrap_err(),
            CalendarError::UnknownZone("Mars/Olympus".into())
        );
        let mut week: [Vec<(u32, u32)>; 7] = Default::default();
        week[0] = vec![(600, 480)];
        assert_eq!(
            Calendar::new("UTC", week, []).unwrap_err(),
            CalendarError::BadHours
        );
    }
}

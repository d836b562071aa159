//! The SLA policy as stored: business-hours calendars and the matrix
//! (service level × priority → targets, each on a calendar or around the
//! clock). A new installation gets a default calendar — Monday to Friday,
//! 08:00–18:00 in Europe/Paris, French public holidays for this year and
//! the next four — and the default matrix (`sla::targets`). Evaluating a
//! ticket's SLA reads its policy here and its history, and hands both to
//! `sla::clock`.

use super::sla_calendar_entity as calendars;
use super::sla_target_entity as targets;
use crate::error::{CoreError, CoreResult};
use crate::sla::clock::{deadline, Calendar, ClockChange, Deadline, Instant};
use crate::sla::holidays::french_public_holidays;
use crate::sla::targets::{default_targets, state, Targets};
use chrono::{Datelike, NaiveDate};
use parc_api::clients::ServiceLevel;
use parc_api::problem::Thing;
use parc_api::tickets::{Priority, SlaState, AT_RISK_PERCENT};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

/// The default calendar's name.
pub const DEFAULT_CALENDAR: &str = "Heures ouvrées";
const DEFAULT_ZONE: &str = "Europe/Paris";
/// Years of public holidays a new calendar is filled with.
const HOLIDAY_YEARS: i32 = 5;

fn office_week() -> [Vec<(u32, u32)>; 7] {
    let day = vec![(8 * 60, 18 * 60)];
    [
        day.clone(),
        day.clone(),
        day.clone(),
        day.clone(),
        day,
        Vec::new(),
        Vec::new(),
    ]
}

fn json<T: serde::Serialize>(value: &T) -> CoreResult<String> {
    serde_json::to_string(value).map_err(|e| CoreError::Internal(format!("calendar: {e}")))
}

/// Creates the default calendar and matrix when there is none; returns
/// the calendar's id. Safe to call at every start.
pub async fn ensure_defaults(db: &impl ConnectionTrait, today: NaiveDate) -> CoreResult<i32> {
    if let Some(existing) = calendars::Entity::find()
        .filter(calendars::Column::Name.eq(DEFAULT_CALENDAR))
        .one(db)
        .await?
    {
        return Ok(existing.id);
    }
    let holidays: Vec<String> = (today.year()..today.year() + HOLIDAY_YEARS)
        .flat_map(french_public_holidays)
        .map(|d| d.to_string())
        .collect();
    let calendar = calendars::ActiveModel {
        name: Set(DEFAULT_CALENDAR.to_owned()),
        time_zone: Set(DEFAULT_ZONE.to_owned()),
        week: Set(json(&office_week())?),
        holidays: Set(json(&holidays)?),
        updated_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if targets::Entity::find().count(db).await? == 0 {
        for level in ServiceLevel::ALL {
            for priority in Priority::ALL {
                let t = default_targets(level, priority);
                targets::ActiveModel {
                    service_level: Set(level.code().to_owned()),
                    priority: Set(priority.code().to_owned()),
                    first_response_minutes: Set(i32::try_from(t.first_response_minutes).unwrap_or(i32::MAX)),
                    resolution_minutes: Set(i32::try_from(t.resolution_minutes).unwrap_or(i32::MAX)),
                    around_the_clock: Set(t.around_the_clock),
                    calendar_id: Set(calendar.id),
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(calendar.id)
}

/// A stored calendar, ready to count business time.
pub fn calendar_of(model: &calendars::Model) -> CoreResult<Calendar> {
    let week: [Vec<(u32, u32)>; 7] = serde_json::from_str(&model.week)
        .map_err(|e| CoreError::Internal(format!("calendar {}: week: {e}", model.name)))?;
    let holidays: Vec<NaiveDate> = serde_json::from_str(&model.holidays)
        .map_err(|e| CoreError::Internal(format!("calendar {}: holidays: {e}", model.name)))?;
    Calendar::new(&model.time_zone, week, holidays)
        .map_err(|e| CoreError::Internal(format!("calendar {}: {e}", model.name)))
}

/// The policy of one matrix cell: its targets and the calendar they count on.
pub struct Policy {
    pub targets: Targets,
    pub calendar: Calendar,
    /// The calendar's name; none when counted around the clock.
    pub calendar_name: Option<String>,
}

pub async fn policy(
    db: &impl ConnectionTrait,
    level: ServiceLevel,
    priority: Priority,
) -> CoreResult<Policy> {
    let cell = targets::Entity::find_by_id((level.code().to_owned(), priority.code().to_owned()))
        .one(db)
        .await?;
    let Some(cell) = cell else {
        // No matrix yet: the defaults, counted around the clock until a
        // calendar exists.
        return Ok(Policy {
            targets: default_targets(level, priority),
            calendar: Calendar::always_open(),
            calendar_name: None,
        });
    };
    let (calendar, calendar_name) = if cell.around_the_clock {
        (Calendar::always_open(), None)
    } else {
        let model = calendars::Entity::find_by_id(cell.calendar_id)
            .one(db)
            .await?
            .ok_or(CoreError::not_found(Thing::SlaCalendar))?;
        (calendar_of(&model)?, Some(model.name))
    };
    Ok(Policy {
        targets: Targets {
            first_response_minutes: i64::from(cell.first_response_minutes),
            resolution_minutes: i64::from(cell.resolution_minutes),
            around_the_clock: cell.around_the_clock,
        },
        calendar,
        calendar_name,
    })
}

/// A ticket's two SLA targets at `now`: deadlines, with why, and states.
pub struct Evaluation {
    pub first_response: Deadline,
    pub first_response_state: SlaState,
    pub resolution: Deadline,
    pub resolution_state: SlaState,
    /// The next instant a state changes with time alone (at risk, then
    /// breached); none while both clocks stand still or are settled.
    pub review_at: Option<Instant>,
}

impl Evaluation {
    /// The state the queue shows: the worse of the two targets still open.
    pub fn overall(&self) -> SlaState {
        let rank = |s: SlaState| match s {
            SlaState::Breached => 4,
            SlaState::AtRisk => 3,
            SlaState::OnTrack => 2,
            SlaState::Paused => 1,
            SlaState::Met => 0,
        };
        if rank(self.first_response_state) > rank(self.resolution_state) {
            self.first_response_state
        } else {
            self.resolution_state
        }
    }
}

/// Evaluates a ticket from its clock histories (see `sla::targets`).
pub fn evaluate(
    policy: &Policy,
    first_response: (&[ClockChange], bool),
    resolution: (&[ClockChange], bool),
    now: Instant,
) -> Evaluation {
    let first = deadline(
        &policy.calendar,
        first_response.0,
        policy.targets.first_response_minutes * 60,
        now,
    );
    let resolved = deadline(
        &policy.calendar,
        resolution.0,
        policy.targets.resolution_minutes * 60,
        now,
    );
    let first_response_state = state(&first, first_response.1, now);
    let resolution_state = state(&resolved, resolution.1, now);
    let next_change = |target: &Deadline, state: SlaState, history: &[ClockChange]| {
        let due = target.due?;
        match state {
            SlaState::OnTrack => {
                let risk = deadline(
                    &policy.calendar,
                    history,
                    target.target * AT_RISK_PERCENT / 100,
                    now,
                )
                .due?;
                Some(if risk > now { risk } else { due })
            }
            SlaState::AtRisk => Some(due),
            _ => None,
        }
    };
    let review_at = [
        next_change(&first, first_response_state, first_response.0),
        next_change(&resolved, resolution_state, resolution.0),
    ]
    .into_iter()
    .flatten()
    .min();
    Evaluation {
        first_response_state,
        resolution_state,
        first_response: first,
        resolution: resolved,
        review_at,
    }
}

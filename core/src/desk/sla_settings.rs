//! The SLA settings page: the business-hours calendar (time zone, opening
//! windows per weekday, public holidays) and the matrix of targets, read as
//! a manager types them and checked field by field (`matrix[3].resolution`,
//! `calendar.week[0]`, `calendar.holidays` naming the line). Saving asks
//! every open ticket's SLA to be evaluated again.

use super::sla_calendar_entity as calendars;
use super::sla_policy::ensure_defaults;
use super::sla_target_entity as targets;
use super::ticket_entity as tickets;
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::sla::clock::Calendar;
use crate::{clock, Actor};
use chrono::NaiveDate;
use parc_api::billing::{hours_text, parse_hours};
use parc_api::clients::ServiceLevel;
use parc_api::problem::Thing;
use parc_api::tickets::{Priority, SlaCalendarInput, SlaCellInput, SlaSettings, TicketStatus};
use parc_api::ValidationCode;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

fn window_text(windows: &[(u32, u32)]) -> String {
    windows
        .iter()
        .map(|(from, to)| {
            format!(
                "{:02}:{:02}-{:02}:{:02}",
                from / 60,
                from % 60,
                to / 60,
                to % 60
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "1:30" or "1,5" hours → minutes (at least one, at most a year).
fn minutes_of(field: &str, text: &str) -> CoreResult<i32> {
    parse_hours(text)
        .and_then(|m| i32::try_from(m).ok())
        .filter(|m| (1..=365 * 24 * 60).contains(m))
        .ok_or_else(|| {
            CoreError::validation(
                field,
                ValidationCode::InvalidFormat,
                "a number of hours above zero, like 4, 0,5 or 1:30",
            )
        })
}

/// "08:00-12:00, 13:30-18:00" → minutes after midnight.
fn windows_of(field: &str, text: &str) -> CoreResult<Vec<(u32, u32)>> {
    let bad = || {
        CoreError::validation(
            field,
            ValidationCode::InvalidFormat,
            "opening hours like 08:00-12:00, 13:30-18:00 (empty when closed)",
        )
    };
    let time = |t: &str| -> Option<u32> {
        let (h, m) = t.trim().split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
    };
    let mut windows = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (from, to) = part.split_once('-').ok_or_else(bad)?;
        let (from, to) = (time(from).ok_or_else(bad)?, time(to).ok_or_else(bad)?);
        if to <= from || windows.last().is_some_and(|&(_, end)| from < end) {
            return Err(bad());
        }
        windows.push((from, to));
    }
    Ok(windows)
}

fn holidays_of(text: &str) -> CoreResult<Vec<NaiveDate>> {
    let mut days = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let day = line.parse::<NaiveDate>().map_err(|_| {
            CoreError::validation(
                "calendar.holidays",
                ValidationCode::InvalidDate,
                format!("line {}: {line:?} is not a date (YYYY-MM-DD)", n + 1),
            )
        })?;
        days.push(day);
    }
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

async fn default_calendar(db: &impl ConnectionTrait) -> CoreResult<calendars::Model> {
    let id = ensure_defaults(db, clock::today()).await?;
    calendars::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::SlaCalendar))
}

pub async fn sla_settings(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<SlaSettings> {
    require(actor, Operation::ReadTickets)?;
    let calendar = default_calendar(db).await?;
    let week: [Vec<(u32, u32)>; 7] = serde_json::from_str(&calendar.week).unwrap_or_default();
    let holidays: Vec<String> = serde_json::from_str(&calendar.holidays).unwrap_or_default();
    let cells = targets::Entity::find().all(db).await?;
    let mut matrix = Vec::new();
    for level in ServiceLevel::ALL {
        for priority in Priority::ALL {
            if let Some(cell) = cells
                .iter()
                .find(|c| c.service_level == level.code() && c.priority == priority.code())
            {
                matrix.push(SlaCellInput {
                    level,
                    priority,
                    first_response: hours_text(i64::from(cell.first_response_minutes)),
                    resolution: hours_text(i64::from(cell.resolution_minutes)),
                    around_the_clock: cell.around_the_clock,
                });
            }
        }
    }
    Ok(SlaSettings {
        calendar: SlaCalendarInput {
            time_zone: calendar.time_zone,
            week: week.map(|day| window_text(&day)),
            holidays: holidays.join("\n"),
        },
        matrix,
    })
}

pub async fn set_sla_settings<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &SlaSettings,
) -> CoreResult<()> {
    require(actor, Operation::ManageSettings)?;
    let zone = input.calendar.time_zone.trim();
    let mut week: [Vec<(u32, u32)>; 7] = Default::default();
    for (day, text) in input.calendar.week.iter().enumerate() {
        week[day] = windows_of(&format!("calendar.week[{day}]"), text)?;
    }
    let holidays = holidays_of(&input.calendar.holidays)?;
    Calendar::new(zone, week.clone(), holidays.clone()).map_err(|_| {
        CoreError::validation(
            "calendar.time_zone",
            ValidationCode::Unknown,
            "a time zone such as Europe/Paris",
        )
    })?;
    if week.iter().all(Vec::is_empty) {
        return Err(CoreError::validation(
            "calendar.week[0]",
            ValidationCode::Required,
            "the calendar must open at least one day a week",
        ));
    }
    let mut cells = Vec::new();
    for (n, cell) in input.matrix.iter().enumerate() {
        let first = minutes_of(&format!("matrix[{n}].first_response"), &cell.first_response)?;
        let resolution = minutes_of(&format!("matrix[{n}].resolution"), &cell.resolution)?;
        if resolution < first {
            return Err(CoreError::validation(
                &format!("matrix[{n}].resolution"),
                ValidationCode::InvalidFormat,
                "the resolution cannot come before the first response",
            ));
        }
        cells.push((cell, first, resolution));
    }
    let txn = crate::db::begin_write(db).await?;
    let calendar = default_calendar(&txn).await?;
    let mut model = calendar.clone().into_active_model();
    model.time_zone = Set(zone.to_owned());
    model.week = Set(serde_json::to_string(&week).map_err(|e| CoreError::Internal(e.to_string()))?);
    model.holidays = Set(serde_json::to_string(
        &holidays.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
    )
    .map_err(|e| CoreError::Internal(e.to_string()))?);
    model.updated_at = Set(chrono::Utc::now());
    model.update(&txn).await?;
    for (cell, first, resolution) in cells {
        targets::Entity::update_many()
            .col_expr(targets::Column::FirstResponseMinutes, Expr::value(first))
            .col_expr(targets::Column::ResolutionMinutes, Expr::value(resolution))
            .col_expr(
                targets::Column::AroundTheClock,
                Expr::value(cell.around_the_clock),
            )
            .filter(targets::Column::ServiceLevel.eq(cell.level.code()))
            .filter(targets::Column::Priority.eq(cell.priority.code()))
            .exec(&txn)
            .await?;
    }
    // Every open ticket's deadlines follow the new policy at the next read.
    let open: Vec<&str> = TicketStatus::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| s.code())
        .collect();
    tickets::Entity::update_many()
        .col_expr(
            tickets::Column::SlaReviewAt,
            Expr::value(chrono::Utc::now()),
        )
        .filter(tickets::Column::Status.is_in(open))
        .exec(&txn)
        .await?;
    crate::audit::entry_of_changes(actor, "sla_policy", i64::from(calendar.id), "update", &[])?
        .insert(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_and_windows_read_as_typed() {
        assert_eq!(minutes_of("f", "1:30").unwrap(), 90);
        assert_eq!(minutes_of("f", "0,5").unwrap(), 30);
        assert_eq!(minutes_of("f", "4").unwrap(), 240);
        assert!(minutes_of("f", "0").is_err() && minutes_of("f", "soon").is_err());
        assert_eq!(
            windows_of("w", "08:00-12:00, 13:30-18:00").unwrap(),
            vec![(480, 720), (810, 1080)]
        );
        assert!(windows_of("w", "").unwrap().is_empty());
        assert!(windows_of("w", "18:00-08:00").is_err());
        assert!(windows_of("w", "08:00-12:00, 11:00-13:00").is_err());
        assert_eq!(
            window_text(&[(480, 720), (810, 1080)]),
            "08:00-12:00, 13:30-18:00"
        );
        assert_eq!(hours_text(90), "1:30");
        let error = holidays_of("2026-12-25\nChristmas").unwrap_err();
        assert!(format!("{error:?}").contains("line 2"));
    }
}

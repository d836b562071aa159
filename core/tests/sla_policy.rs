//! The stored SLA policy on a real database: the defaults made once, the
//! matrix cell a ticket uses, and its evaluation over nights and weekends.

use chrono::NaiveDate;
use parc_api::clients::ServiceLevel;
use parc_api::tickets::{Priority, SlaState, TicketStatus};
use parc_core::db::open_in_memory;
use parc_core::desk::{sla_calendar_entity, sla_policy, sla_target_entity};
use parc_core::sla::targets::{first_response_history, resolution_history};
use sea_orm::{EntityTrait, PaginatorTrait};

type R = Result<(), Box<dyn std::error::Error>>;

/// An instant from a Paris wall-clock time (CET in late November: UTC+1).
fn paris(text: &str) -> i64 {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_utc()
        .timestamp()
        - 3600
}

#[tokio::test]
async fn the_default_policy_is_made_once_and_counts_business_hours() -> R {
    let db = open_in_memory().await?;
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let id = sla_policy::ensure_defaults(&db, today).await?;
    assert_eq!(sla_policy::ensure_defaults(&db, today).await?, id);
    assert_eq!(sla_calendar_entity::Entity::find().count(&db).await?, 1);
    assert_eq!(sla_target_entity::Entity::find().count(&db).await?, 12);
    let calendar = sla_calendar_entity::Entity::find_by_id(id)
        .one(&db)
        .await?
        .ok_or("no calendar")?;
    assert!(calendar.holidays.contains("2026-12-25"));
    assert!(calendar.holidays.contains("2030-05-01"));

    // A Premium client's high-priority ticket, opened on Friday at 17:30:
    // one business hour to answer (half an hour tonight, the rest on Monday
    // morning), four to resolve.
    let policy = sla_policy::policy(&db, ServiceLevel::Premium, Priority::High).await?;
    assert_eq!(policy.targets.first_response_minutes, 60);
    assert!(!policy.calendar.is_always_open());
    let opened = paris("2026-11-27 17:30");
    let first = first_response_history(opened, None);
    let statuses = resolution_history(&[(opened, TicketStatus::New)]);
    let at =
        |now: &str| sla_policy::evaluate(&policy, (&first, false), (&statuses, false), paris(now));
    let evening = at("2026-11-27 17:45");
    assert_eq!(evening.first_response.due, Some(paris("2026-11-30 08:30")));
    assert_eq!(evening.resolution.due, Some(paris("2026-11-30 11:30")));
    assert_eq!(evening.first_response_state, SlaState::OnTrack);
    // The weekend does not count: half the hour used, still on track on Sunday.
    let sunday = at("2026-11-29 12:00");
    assert_eq!(sunday.first_response.elapsed, 30 * 60);
    assert_eq!(sunday.overall(), SlaState::OnTrack);
    // Monday 08:20: 50 of the 60 minutes used.
    assert_eq!(at("2026-11-30 08:20").overall(), SlaState::AtRisk);
    assert_eq!(at("2026-11-30 08:31").overall(), SlaState::Breached);

    // VIP urgent tickets count around the clock.
    let vip = sla_policy::policy(&db, ServiceLevel::Vip, Priority::Urgent).await?;
    assert!(vip.calendar.is_always_open());
    Ok(())
}

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

#[tokio::test]
async fn a_manager_edits_the_calendar_and_the_matrix_and_open_tickets_follow() -> R {
    use parc_api::tickets::TicketInput;
    use parc_core::dataset::{self, Size};
    use parc_core::desk::{sla_settings, tickets};
    use parc_core::{Actor, CoreError};
    let db = open_in_memory().await?;
    dataset::generate(
        &db,
        Size {
            clients: 1,
            sites_per_client: 1,
            contacts_per_client: 1,
            equipment: 1,
            contracts: 0,
            tickets: 0,
        },
    )
    .await?;
    let manager = Actor::manager(1, "Mia");
    let client: i64 = {
        use sea_orm::{ConnectionTrait, Statement};
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT id FROM clients".to_owned(),
            ))
            .await?
            .ok_or("no client")?;
        i64::from(row.try_get_by_index::<i32>(0)?)
    };
    let ticket = tickets::create_ticket(
        &db,
        &manager,
        &TicketInput {
            client_id: client,
            title: "Printer".into(),
            priority: Priority::Urgent,
            ..Default::default()
        },
    )
    .await?;
    let mut settings = sla_settings::sla_settings(&db, &manager).await?;
    assert_eq!(settings.matrix.len(), 12);
    assert_eq!(settings.calendar.week[0], "08:00-18:00");
    assert!(settings.calendar.holidays.contains("2026-12-25"));

    // Bad input names the field, or the line of the holidays.
    let refused = |settings: &parc_api::tickets::SlaSettings| {
        let (db, manager) = (&db, &manager);
        let settings = settings.clone();
        async move { sla_settings::set_sla_settings(db, manager, &settings).await }
    };
    let mut bad = settings.clone();
    bad.calendar.holidays.push_str("\nNoël");
    let error = refused(&bad).await.unwrap_err();
    assert!(
        matches!(&error, CoreError::Validation { field, .. } if field == "calendar.holidays"),
        "{error:?}"
    );
    assert!(format!("{error}").contains("line"), "{error}");
    let mut bad = settings.clone();
    bad.calendar.week[2] = "18:00-08:00".into();
    assert!(
        matches!(refused(&bad).await, Err(CoreError::Validation { field, .. }) if field == "calendar.week[2]")
    );
    let mut bad = settings.clone();
    bad.matrix[3].resolution = "0:10".into();
    assert!(
        matches!(refused(&bad).await, Err(CoreError::Validation { field, .. }) if field == "matrix[3].resolution")
    );
    let mut bad = settings.clone();
    bad.calendar.time_zone = "Mars/Olympus".into();
    assert!(
        matches!(refused(&bad).await, Err(CoreError::Validation { field, .. }) if field == "calendar.time_zone")
    );

    // Every cell of the client's level counted around the clock, 10 hours
    // to resolve: the open ticket follows at the queue's next read.
    let level = ticket.resolution.target_minutes;
    for cell in settings.matrix.iter_mut() {
        cell.resolution = "10".into();
        cell.around_the_clock = true;
    }
    sla_settings::set_sla_settings(&db, &manager, &settings).await?;
    let queue = tickets::list_tickets(&db, &manager, &Default::default()).await?;
    let row = queue.items.first().ok_or("no ticket")?;
    let due = row.resolution_due.ok_or("no due")?;
    // Deadlines are counted in whole seconds from the creation.
    let seconds = (due - ticket.row.created_at).num_seconds();
    assert!(
        (600 * 60 - 1..=600 * 60).contains(&seconds),
        "{seconds} s, was {level} min"
    );
    let again = sla_settings::sla_settings(&db, &manager).await?;
    assert!(again
        .matrix
        .iter()
        .all(|c| c.resolution == "10" && c.around_the_clock));
    Ok(())
}

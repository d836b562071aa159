//! The dashboards' figures on a handful of tickets whose answers are worked
//! out by hand below. "Now" is Friday 2026-11-27 12:00 UTC; the company's
//! zone is UTC, so this week started on Monday 2026-11-23.

use chrono::{DateTime, NaiveDate, Utc};
use parc_api::auth::Role;
use parc_api::kpi::{BacklogWeek, Compliance, KpiFilter, OpenTicketCount, SlaCompliance};
use parc_api::tickets::{Priority, SlaState};
use parc_api::users::NewUser;
use parc_core::dataset::{self, Size};
use parc_core::desk::local_time::CompanyZone;
use parc_core::kpi::tickets::ticket_kpis;
use parc_core::{auth, db::open_in_memory, Actor, CoreError};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

type R = Result<(), Box<dyn std::error::Error>>;

fn now() -> DateTime<Utc> {
    "2026-11-27T12:00:00Z".parse().unwrap()
}

fn manager() -> Actor {
    Actor::System
}

/// Two clients (A, B), a technician, and six tickets:
///
/// | ticket | client | priority | opened | resolved | 1st response | resolution |
/// |---|---|---|---|---|---|---|
/// | T1 | A | urgent | 11-26 10:00 | — (new, tech's) | breached | breached |
/// | T2 | A | high | 11-20 09:00 | — (in progress) | met | on track |
/// | T3 | B | normal | 11-16 08:00 | 11-17 08:00 | met | met |
/// | T4 | B | normal | 11-02 10:00 | 11-05 10:00 | met | breached |
/// | T5 | A | low | 09-01 10:00 | 09-02 10:00 | breached | met |
/// | T6 | A | low | 06-01 10:00 | 06-02 10:00 | met | met |
async fn desk() -> Result<(DatabaseConnection, i64, i64, i64), Box<dyn std::error::Error>> {
    let db = open_in_memory().await?;
    dataset::generate(
        &db,
        Size {
            clients: 2,
            sites_per_client: 1,
            contacts_per_client: 1,
            equipment: 2,
            contracts: 0,
            tickets: 0,
        },
    )
    .await?;
    let tech = auth::create_user(
        &db,
        &Actor::System,
        &NewUser {
            name: "Tom Tech".into(),
            email: "tom@helios.fr".into(),
            role: Role::Technician,
            password: "tom-password".into(),
        },
    )
    .await?
    .id;
    let clients = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM clients ORDER BY id",
        ))
        .await?;
    let a: i64 = clients[0].try_get_by_index(0)?;
    let b: i64 = clients[1].try_get_by_index(0)?;
    let tickets = [
        (
            "T1",
            a,
            "urgent",
            "new",
            "breached",
            "2026-11-26T10:00:00+00:00",
            None,
            "breached",
            "breached",
            Some(tech),
        ),
        (
            "T2",
            a,
            "high",
            "in_progress",
            "on_track",
            "2026-11-20T09:00:00+00:00",
            None,
            "met",
            "on_track",
            None,
        ),
        (
            "T3",
            b,
            "normal",
            "resolved",
            "met",
            "2026-11-16T08:00:00+00:00",
            Some("2026-11-17T08:00:00+00:00"),
            "met",
            "met",
            None,
        ),
        (
            "T4",
            b,
            "normal",
            "closed",
            "breached",
            "2026-11-02T10:00:00+00:00",
            Some("2026-11-05T10:00:00+00:00"),
            "met",
            "breached",
            None,
        ),
        (
            "T5",
            a,
            "low",
            "closed",
            "met",
            "2026-09-01T10:00:00+00:00",
            Some("2026-09-02T10:00:00+00:00"),
            "breached",
            "met",
            None,
        ),
        (
            "T6",
            a,
            "low",
            "closed",
            "met",
            "2026-06-01T10:00:00+00:00",
            Some("2026-06-02T10:00:00+00:00"),
            "met",
            "met",
            None,
        ),
    ];
    for (
        reference,
        client,
        priority,
        status,
        state,
        created,
        resolved,
        first,
        resolution,
        assignee,
    ) in tickets
    {
        db.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "INSERT INTO tickets (reference, client_id, title, description, priority, status, \
               channel, created_at, updated_at, sla_state, search_text, resolved_at, \
               first_response_state, resolution_state, assignee_id) \
             VALUES (?, ?, 'Printer', '', ?, ?, 'phone', ?, ?, ?, '', ?, ?, ?, ?)",
            [
                reference.into(),
                client.into(),
                priority.into(),
                status.into(),
                created.into(),
                created.into(),
                state.into(),
                resolved.into(),
                first.into(),
                resolution.into(),
                assignee.into(),
            ],
        ))
        .await?;
    }
    Ok((db, a, b, tech))
}

fn utc() -> CompanyZone {
    CompanyZone::named("UTC")
}

fn open(priority: Priority, sla_state: SlaState, count: u64) -> OpenTicketCount {
    OpenTicketCount {
        priority,
        sla_state,
        count,
    }
}

fn sla(days: u32, first: (u64, u64), resolution: (u64, u64)) -> SlaCompliance {
    SlaCompliance {
        days,
        first_response: Compliance {
            met: first.0,
            breached: first.1,
        },
        resolution: Compliance {
            met: resolution.0,
            breached: resolution.1,
        },
    }
}

#[tokio::test]
async fn ticket_figures_match_the_hand_count() -> R {
    let (db, ..) = desk().await?;
    let kpis = ticket_kpis(&db, &manager(), &KpiFilter::default(), &utc(), now()).await?;
    assert_eq!(
        kpis.open,
        [
            open(Priority::Urgent, SlaState::Breached, 1),
            open(Priority::High, SlaState::OnTrack, 1),
        ]
    );
    // 30 days (since 10-29): T1-T4. 90 days (since 08-30): T1-T5.
    assert_eq!(
        kpis.compliance,
        [sla(30, (3, 1), (1, 2)), sla(90, (3, 2), (2, 2))]
    );
    assert_eq!(kpis.compliance[0].first_response.percent(), Some(75.0));
    // Resolved in the last 30 days: T3 in 1 day, T4 in 3: 2 days.
    assert_eq!(kpis.mean_minutes_to_resolve, Some(2 * 24 * 60));
    let week = |d: u32, opened, resolved, open_at_end| BacklogWeek {
        week_start: NaiveDate::from_ymd_opt(2026, 11, d).unwrap(),
        opened,
        resolved,
        open_at_end,
    };
    assert_eq!(kpis.backlog.len(), 12);
    assert_eq!(
        kpis.backlog[0].week_start,
        NaiveDate::from_ymd_opt(2026, 9, 7).unwrap()
    );
    assert_eq!(
        kpis.backlog[8..],
        [
            week(2, 1, 1, 0),
            week(9, 0, 0, 0),
            week(16, 2, 1, 1),
            week(23, 1, 0, 2),
        ]
    );
    assert!(kpis.backlog[..8]
        .iter()
        .all(|w| (w.opened, w.resolved, w.open_at_end) == (0, 0, 0)));
    Ok(())
}

#[tokio::test]
async fn ticket_figures_narrow_to_a_client_or_a_technician() -> R {
    let (db, a, _, tech) = desk().await?;
    let of_a = KpiFilter {
        client_id: Some(a),
        ..Default::default()
    };
    let kpis = ticket_kpis(&db, &manager(), &of_a, &utc(), now()).await?;
    assert_eq!(kpis.open.len(), 2);
    assert_eq!(kpis.compliance[0], sla(30, (1, 1), (0, 1)));
    assert_eq!(
        kpis.mean_minutes_to_resolve, None,
        "none of A's resolved lately"
    );
    assert_eq!(kpis.backlog[11].open_at_end, 2);
    let toms = KpiFilter {
        technician_id: Some(tech),
        ..Default::default()
    };
    let kpis = ticket_kpis(&db, &manager(), &toms, &utc(), now()).await?;
    assert_eq!(kpis.open, [open(Priority::Urgent, SlaState::Breached, 1)]);
    Ok(())
}

#[tokio::test]
async fn figures_are_the_managers() -> R {
    let (db, _, _, tech) = desk().await?;
    let refused = ticket_kpis(
        &db,
        &Actor::technician(tech, "Tom Tech"),
        &KpiFilter::default(),
        &utc(),
        now(),
    )
    .await;
    assert!(
        matches!(refused, Err(CoreError::Forbidden(_))),
        "{refused:?}"
    );
    let manager = Actor::manager(1, "Mia");
    ticket_kpis(&db, &manager, &KpiFilter::default(), &utc(), now()).await?;
    Ok(())
}

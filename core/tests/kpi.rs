//! The dashboards' figures on a handful of tickets whose answers are worked
//! out by hand below. "Now" is Friday 2026-11-27 12:00 UTC; the company's
//! zone is UTC, so this week started on Monday 2026-11-23.

use chrono::{DateTime, NaiveDate, Utc};
use parc_api::auth::Role;
use parc_api::kpi::{
    ActivityQuery, BacklogWeek, Compliance, EquipmentChange, EquipmentCounts, Expiring, KpiFilter,
    OpenTicketCount, Receivables, SlaCompliance, StatisticsQuery, TechnicianLoad, TechnicianTime,
    WeekLoad,
};
use parc_api::tickets::{Priority, SlaState};
use parc_api::users::NewUser;
use parc_core::dataset::{self, Size};
use parc_core::desk::local_time::CompanyZone;
use parc_core::kpi::activity::activity_report;
use parc_core::kpi::activity_document;
use parc_core::kpi::business::business_kpis;
use parc_core::kpi::load::planned_load;
use parc_core::kpi::period::statistics;
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

/// Money and what ends, at the same "now" (Friday 2026-11-27):
///
/// | invoice | client | contract, period | excl. VAT | incl. VAT | status, due |
/// |---|---|---|---|---|---|
/// | I1 | A | C1, Nov 2026 (1 month) | 300.00 | 360.00 | finalised, due 11-10 (overdue) |
/// | I2 | A | C1, Oct 2026 | 310.00 | 372.00 | paid |
/// | I3 | B | C2, Oct–Dec 2026 (3 months) | 900.00 | 1,080.00 | sent, due 12-15 |
/// | I4 | B | none (time and materials) | 50.00 | 60.00 | finalised, due 11-01 (overdue) |
/// | I5 | A | C1, Sep 2026 | 300.00 | 360.00 | cancelled |
/// | I6 | A | C1, Dec 2026 | 300.00 | 360.00 | draft |
///
/// Receivables: I1, I3, I4 unpaid (1,500.00), I1 and I4 overdue (420.00).
/// Each invoice bills one fee line of its amount, but I1: a fee of 260.00
/// and 40.00 of overage. I7 (A, C1, a first period of 11-16 to 11-30) is
/// paid: a fee of 80.00.
///
/// Recurring revenue: November I1's fee 260 (its overage is no recurring
/// revenue) + I3 900/3 + I7 80 (its first period starts mid-month) =
/// 640.00; October I2 310 + I3 300 = 610.00; September nothing (I5
/// cancelled); earlier nothing.
async fn business() -> Result<(DatabaseConnection, i64, i64, i64), Box<dyn std::error::Error>> {
    let (db, a, b, tom) = desk().await?;
    let ana = auth::create_user(
        &db,
        &Actor::System,
        &NewUser {
            name: "Ana Admin".into(),
            email: "ana@helios.fr".into(),
            role: Role::Technician,
            password: "ana-password".into(),
        },
    )
    .await?
    .id;
    let contracts = [
        // C1 ends in 13 days, C2 in 54; C3 is expired, C4 ends in
        // 186 days, C5 never, C6 ended yesterday.
        ("C1", a, "active", Some("2026-12-10")),
        ("C2", b, "active", Some("2027-01-20")),
        ("C3", a, "expired", Some("2026-12-01")),
        ("C4", a, "active", Some("2027-06-01")),
        ("C5", a, "active", None),
        ("C6", a, "active", Some("2026-11-26")),
    ];
    for (reference, client, status, end) in contracts {
        db.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "INSERT INTO contracts (reference, client_id, kind, status, status_since, \
               start_date, end_date, periodicity, billed_in_advance, covers_all_equipment, \
               included_minutes, auto_renew, renewal_months, notice_days, notes, created_at, \
               updated_at) \
             VALUES (?, ?, 'maintenance', ?, '2026-01-01', '2026-01-01', ?, 'monthly', 1, 1, \
               0, 0, 12, 30, '', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
            [reference.into(), client.into(), status.into(), end.into()],
        ))
        .await?;
    }
    let contract =
        |reference: &str| format!("(SELECT id FROM contracts WHERE reference = '{reference}')");
    let invoices = [
        (
            a,
            Some("C1"),
            Some(("2026-11-01", "2026-11-30")),
            30_000,
            36_000,
            "finalised",
            Some("2026-11-10"),
        ),
        (
            a,
            Some("C1"),
            Some(("2026-10-01", "2026-10-31")),
            31_000,
            37_200,
            "paid",
            Some("2026-10-10"),
        ),
        (
            b,
            Some("C2"),
            Some(("2026-10-01", "2026-12-31")),
            90_000,
            108_000,
            "sent",
            Some("2026-12-15"),
        ),
        (b, None, None, 5_000, 6_000, "finalised", Some("2026-11-01")),
        (
            a,
            Some("C1"),
            Some(("2026-09-01", "2026-09-30")),
            30_000,
            36_000,
            "cancelled",
            Some("2026-09-10"),
        ),
        (
            a,
            Some("C1"),
            Some(("2026-12-01", "2026-12-31")),
            30_000,
            36_000,
            "draft",
            None,
        ),
        (
            a,
            Some("C1"),
            Some(("2026-11-16", "2026-11-30")),
            8_000,
            9_600,
            "paid",
            Some("2026-11-20"),
        ),
    ];
    for (client, on, period, excluding, including, status, due) in invoices {
        let contract_id = on.map_or("NULL".to_owned(), contract);
        db.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            format!(
                "INSERT INTO invoices (kind, status, client_id, contract_id, period_start, \
                   period_end, due_date, excluding_vat_cents, vat_cents, including_vat_cents, \
                   created_at, updated_at) \
                 VALUES ('invoice', ?, ?, {contract_id}, ?, ?, ?, ?, ?, ?, \
                   '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
            ),
            [
                status.into(),
                client.into(),
                period.map(|p| p.0).into(),
                period.map(|p| p.1).into(),
                due.into(),
                excluding.into(),
                (including - excluding).into(),
                including.into(),
            ],
        ))
        .await?;
        // Its lines: I1 (30,000 due 11-10) has 4,000 of overage.
        let overage = if due == Some("2026-11-10") { 4_000 } else { 0 };
        for (position, source, total) in [(1, "fee", excluding - overage), (2, "overage", overage)]
        {
            if total == 0 {
                continue;
            }
            db.execute_raw(Statement::from_sql_and_values(
                db.get_database_backend(),
                "INSERT INTO invoice_lines (invoice_id, position, source, description, \
                   quantity_thousandths, unit_price_cents, vat_rate_basis_points, total_cents) \
                 SELECT MAX(id), ?, ?, 'line', 1000, ?, 2000, ? FROM invoices",
                [position.into(), source.into(), total.into(), total.into()],
            ))
            .await?;
        }
    }
    // Time: Tom 90 billable + 30 not on A in the window, 600 before it;
    // Ana 45 billable on B.
    let entries = [
        (tom, a, "2026-11-20T09:00:00+00:00", 90, true),
        (tom, a, "2026-11-21T09:00:00+00:00", 30, false),
        (tom, a, "2026-10-01T09:00:00+00:00", 600, true),
        (ana, b, "2026-11-25T09:00:00+00:00", 45, true),
    ];
    for (user, client, started, minutes, billable) in entries {
        db.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "INSERT INTO time_entries (user_id, client_id, started_at, ended_at, minutes, \
               billable, note, created_at) VALUES (?, ?, ?, ?, ?, ?, '', ?)",
            [
                user.into(),
                client.into(),
                started.into(),
                started.into(),
                minutes.into(),
                billable.into(),
                started.into(),
            ],
        ))
        .await?;
    }
    // Warranties: one ends in 10 days, one in 75. Licences: one in 39 days,
    // one ended last week.
    db.execute_unprepared(
        "UPDATE equipment SET status = 'deployed', warranty_end = CASE WHEN id = (SELECT MIN(id) FROM equipment) \
           THEN '2026-12-07' ELSE '2027-02-10' END; \
         INSERT INTO software (name, publisher, category, sort_key, search_text, notes, created_at) \
           VALUES ('Office', 'Microsoft', 'office', 'office', '', '', '2026-01-01T00:00:00+00:00');",
    )
    .await?;
    for (reference, expires) in [("L1", "2027-01-05"), ("L2", "2026-11-20")] {
        db.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "INSERT INTO licences (reference, software_id, client_id, kind, licence_key, \
               expires_on, auto_renew, notes, search_text, created_at, updated_at) \
             VALUES (?, (SELECT MIN(id) FROM software), ?, 'subscription', '', ?, 0, '', '', \
               '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
            [reference.into(), a.into(), expires.into()],
        ))
        .await?;
    }
    Ok((db, a, tom, ana))
}

#[tokio::test]
async fn business_figures_match_the_hand_count() -> R {
    let (db, _, tom, ana) = business().await?;
    let kpis = business_kpis(&db, &manager(), &KpiFilter::default(), &utc(), now()).await?;
    assert_eq!(
        kpis.receivables,
        Receivables {
            unpaid_count: 3,
            unpaid_cents: 150_000,
            overdue_count: 2,
            overdue_cents: 42_000,
        }
    );
    let month = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
    assert_eq!(kpis.recurring_revenue.len(), 12);
    assert_eq!(kpis.recurring_revenue[0].month, month(2025, 12));
    let last: Vec<(NaiveDate, i64)> = kpis.recurring_revenue[9..]
        .iter()
        .map(|m| (m.month, m.cents))
        .collect();
    assert_eq!(
        last,
        [
            (month(2026, 9), 0),
            (month(2026, 10), 61_000),
            (month(2026, 11), 64_000)
        ]
    );
    assert_eq!(
        kpis.time,
        [
            TechnicianTime {
                user_id: ana,
                name: "Ana Admin".into(),
                billable_minutes: 45,
                non_billable_minutes: 0,
            },
            TechnicianTime {
                user_id: tom,
                name: "Tom Tech".into(),
                billable_minutes: 90,
                non_billable_minutes: 30,
            },
        ]
    );
    let ending = |within_30, within_60, within_90| Expiring {
        within_30,
        within_60,
        within_90,
    };
    assert_eq!(kpis.contracts_ending, ending(1, 2, 2));
    assert_eq!(kpis.warranties_ending, ending(1, 1, 2));
    assert_eq!(kpis.licences_ending, ending(0, 1, 1));
    Ok(())
}

#[tokio::test]
async fn business_figures_narrow_to_a_client() -> R {
    let (db, a, tom, _) = business().await?;
    let of_a = KpiFilter {
        client_id: Some(a),
        ..Default::default()
    };
    let kpis = business_kpis(&db, &manager(), &of_a, &utc(), now()).await?;
    assert_eq!(kpis.receivables.unpaid_cents, 36_000);
    assert_eq!(kpis.recurring_revenue[11].cents, 26_000 + 8_000);
    assert_eq!(kpis.recurring_revenue[10].cents, 31_000);
    assert_eq!(kpis.time.len(), 1);
    assert_eq!(kpis.time[0].user_id, tom);
    assert_eq!(kpis.contracts_ending.within_90, 1);
    Ok(())
}

/// Planned load this week (from Monday 11-23) and next (from 11-30):
/// Tom (35 h a week) has a 2 h visit on Tuesday 11-24, a 3 h one on Friday
/// 11-27 at 14:00, one done on Monday (3 h), a 1 h 30 one on 12-01, a
/// cancelled one, and one from Sunday 11-29 22:00 to Monday 11-30 02:00
/// (2 h in each week); Ana has no profile (no capacity) and a 1 h visit on
/// 12-02 at B. Tom: 2 + 3 + 3 + 2 = 10 h this week, 1 h 30 + 2 h next.
#[tokio::test]
async fn planned_load_matches_the_hand_count() -> R {
    let (db, a, tom, ana) = business().await?;
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "INSERT INTO technician_profiles (user_id, job_position, weekly_minutes, updated_at) \
         VALUES (?, 'Field technician', 2100, '2026-01-01T00:00:00+00:00')",
        [tom.into()],
    ))
    .await?;
    let b: i64 = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT MAX(id) FROM clients",
        ))
        .await?
        .ok_or("no client")?
        .try_get_by_index(0)?;
    let visits = [
        (
            "V1",
            tom,
            a,
            "scheduled",
            "2026-11-24T09:00:00+00:00",
            "2026-11-24T11:00:00+00:00",
        ),
        (
            "V2",
            tom,
            a,
            "in_progress",
            "2026-11-27T14:00:00+00:00",
            "2026-11-27T17:00:00+00:00",
        ),
        (
            "V3",
            tom,
            a,
            "scheduled",
            "2026-12-01T09:00:00+00:00",
            "2026-12-01T10:30:00+00:00",
        ),
        (
            "V4",
            tom,
            a,
            "cancelled",
            "2026-12-01T14:00:00+00:00",
            "2026-12-01T18:00:00+00:00",
        ),
        (
            "V5",
            tom,
            a,
            "done",
            "2026-11-23T09:00:00+00:00",
            "2026-11-23T12:00:00+00:00",
        ),
        (
            "V6",
            ana,
            b,
            "scheduled",
            "2026-12-02T09:00:00+00:00",
            "2026-12-02T10:00:00+00:00",
        ),
        (
            "V7",
            tom,
            a,
            "scheduled",
            "2026-11-29T22:00:00+00:00",
            "2026-11-30T02:00:00+00:00",
        ),
    ];
    for (reference, technician, client, status, start, end) in visits {
        db.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "INSERT INTO interventions (reference, kind, status, client_id, technician_id, \
               scheduled_start, scheduled_end, work_done, created_at, updated_at) \
             VALUES (?, 'corrective', ?, ?, ?, ?, ?, '', ?, ?)",
            [
                reference.into(),
                status.into(),
                client.into(),
                technician.into(),
                start.into(),
                end.into(),
                start.into(),
                start.into(),
            ],
        ))
        .await?;
    }
    let week = |d, planned, capacity| WeekLoad {
        week_start: NaiveDate::from_ymd_opt(2026, 11, d).unwrap(),
        planned_minutes: planned,
        capacity_minutes: capacity,
    };
    let next = |planned, capacity| WeekLoad {
        week_start: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        planned_minutes: planned,
        capacity_minutes: capacity,
    };
    let load = planned_load(&db, &manager(), &KpiFilter::default(), &utc(), now()).await?;
    assert_eq!(
        load,
        [
            TechnicianLoad {
                user_id: ana,
                name: "Ana Admin".into(),
                weeks: vec![week(23, 0, 0), next(60, 0)],
            },
            TechnicianLoad {
                user_id: tom,
                name: "Tom Tech".into(),
                weeks: vec![week(23, 600, 2100), next(210, 2100)],
            },
        ]
    );
    let of_a = KpiFilter {
        client_id: Some(a),
        ..Default::default()
    };
    let load = planned_load(&db, &manager(), &of_a, &utc(), now()).await?;
    assert_eq!(load[0].weeks[1].planned_minutes, 0, "Ana's visit is at B");
    let toms = KpiFilter {
        technician_id: Some(tom),
        ..Default::default()
    };
    let load = planned_load(&db, &manager(), &toms, &utc(), now()).await?;
    assert_eq!(load.len(), 1);
    assert_eq!(load[0].user_id, tom);
    Ok(())
}

#[tokio::test]
async fn the_manager_dashboard_asks_every_figure_in_the_companys_zone() -> R {
    let (db, _, tom, _) = business().await?;
    let zone = CompanyZone::load(&db).await?;
    let filter = KpiFilter::default();
    let dashboard = parc_core::kpi::manager_dashboard(&db, &manager(), &filter, now()).await?;
    assert_eq!(
        dashboard.tickets,
        ticket_kpis(&db, &manager(), &filter, &zone, now()).await?
    );
    assert_eq!(
        dashboard.business,
        business_kpis(&db, &manager(), &filter, &zone, now()).await?
    );
    assert_eq!(dashboard.business.receivables.unpaid_count, 3);
    assert_eq!(
        dashboard.load,
        planned_load(&db, &manager(), &filter, &zone, now()).await?
    );
    let refused =
        parc_core::kpi::manager_dashboard(&db, &Actor::technician(tom, "Tom Tech"), &filter, now())
            .await;
    assert!(matches!(refused, Err(CoreError::Forbidden(_))));
    Ok(())
}

/// November 2026 on the desk above: T1–T4 opened (urgent, high, normal,
/// normal), T3 and T4 resolved (in 1 and 3 days: a mean of 2 days); first
/// response met by T2, T3, T4 and breached by T1; resolution met by T3,
/// breached by T1 and T4 (T2's still running).
#[tokio::test]
async fn a_periods_statistics_match_the_hand_count() -> R {
    let (db, a, _, tech) = desk().await?;
    let november = |filter: KpiFilter| StatisticsQuery {
        filter,
        from: "2026-11-01".into(),
        to: "2026-11-30".into(),
    };
    let all = statistics(&db, &manager(), &november(KpiFilter::default())).await?;
    assert_eq!(all.tickets_opened, 4);
    let by_priority: Vec<(Priority, u64)> = all
        .opened_by_priority
        .iter()
        .map(|p| (p.priority, p.count))
        .collect();
    assert_eq!(
        by_priority,
        [
            (Priority::Urgent, 1),
            (Priority::High, 1),
            (Priority::Normal, 2),
            (Priority::Low, 0)
        ]
    );
    assert_eq!(all.tickets_resolved, 2);
    assert_eq!(
        all.first_response,
        Compliance {
            met: 3,
            breached: 1
        }
    );
    assert_eq!(
        all.resolution,
        Compliance {
            met: 1,
            breached: 2
        }
    );
    assert_eq!(all.mean_minutes_to_resolve, Some(2 * 24 * 60));

    // Client A: T1 and T2, nothing resolved.
    let of_a = statistics(
        &db,
        &manager(),
        &november(KpiFilter {
            client_id: Some(a),
            ..Default::default()
        }),
    )
    .await?;
    assert_eq!((of_a.tickets_opened, of_a.tickets_resolved), (2, 0));
    assert_eq!(
        of_a.first_response,
        Compliance {
            met: 1,
            breached: 1
        }
    );
    assert_eq!(
        of_a.resolution,
        Compliance {
            met: 0,
            breached: 1
        }
    );
    assert_eq!(of_a.mean_minutes_to_resolve, None);

    // The technician: T1 alone.
    let toms = statistics(
        &db,
        &manager(),
        &november(KpiFilter {
            technician_id: Some(tech),
            ..Default::default()
        }),
    )
    .await?;
    assert_eq!(toms.tickets_opened, 1);
    assert_eq!(toms.opened_by_priority[0].count, 1, "urgent");

    // September: T5 opened and resolved the next day.
    let september = statistics(
        &db,
        &manager(),
        &StatisticsQuery {
            from: "2026-09-01".into(),
            to: "2026-09-30".into(),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(
        (september.tickets_opened, september.tickets_resolved),
        (1, 1)
    );
    assert_eq!(september.mean_minutes_to_resolve, Some(24 * 60));
    Ok(())
}

#[tokio::test]
async fn a_period_must_be_two_days_in_order() -> R {
    let (db, _, _, tech) = desk().await?;
    let ask = |from: &str, to: &str| StatisticsQuery {
        from: from.into(),
        to: to.into(),
        ..Default::default()
    };
    for (query, field) in [
        (ask("2026-13-01", "2026-11-30"), "from"),
        (ask("", "2026-11-30"), "from"),
        (ask("2026-11-01", "tomorrow"), "to"),
        (ask("2026-11-30", "2026-11-01"), "to"),
        (ask("1900-01-01", "2026-11-01"), "to"),
    ] {
        match statistics(&db, &manager(), &query).await {
            Err(CoreError::Validation { field: f, .. }) => assert_eq!(f, field, "{query:?}"),
            other => panic!("{query:?} gave {other:?}"),
        }
    }
    let refused = statistics(
        &db,
        &Actor::technician(tech, "Tom Tech"),
        &ask("2026-11-01", "2026-11-30"),
    )
    .await;
    assert!(matches!(refused, Err(CoreError::Forbidden(_))));
    Ok(())
}

/// Client B's November: T3 and T4; both pieces of equipment moved to B
/// first, one added on 11-10, the other moved on 11-11 and retired on
/// 11-12; a done intervention on 11-18 with 90 billable minutes and 30
/// not; an invoice of 120.00 issued on 11-20.
#[tokio::test]
async fn a_clients_activity_report_holds_its_period() -> R {
    let (db, _, b, tech) = desk().await?;
    let run = |sql: &str, values: Vec<sea_orm::Value>| {
        let statement = Statement::from_sql_and_values(db.get_database_backend(), sql, values);
        let db = &db;
        async move { db.execute_raw(statement).await }
    };
    run(
        "UPDATE equipment SET client_id = ?, site_id = NULL, \
           created_at = '2026-01-05T10:00:00+00:00'",
        vec![b.into()],
    )
    .await?;
    run(
        "UPDATE equipment SET created_at = '2026-11-10T09:00:00+00:00' \
         WHERE id = (SELECT MIN(id) FROM equipment)",
        vec![],
    )
    .await?;
    run(
        "UPDATE equipment SET status = 'retired', status_since = '2026-11-12' \
         WHERE id = (SELECT MAX(id) FROM equipment)",
        vec![],
    )
    .await?;
    run(
        "INSERT INTO audit_log (at, actor_user_id, actor_label, entity, entity_id, action, changes) \
         SELECT '2026-11-11T15:00:00+00:00', NULL, 'test', 'equipment', MAX(id), 'move', '[]' \
         FROM equipment",
        vec![],
    )
    .await?;
    run(
        "INSERT INTO interventions (reference, kind, status, client_id, technician_id, \
           scheduled_start, scheduled_end, actual_start, actual_end, work_done, created_at, updated_at) \
         VALUES ('V1', 'corrective', 'done', ?, ?, '2026-11-18T09:00:00+00:00', \
           '2026-11-18T11:00:00+00:00', '2026-11-18T09:00:00+00:00', \
           '2026-11-18T11:00:00+00:00', '', '2026-11-18T09:00:00+00:00', \
           '2026-11-18T09:00:00+00:00')",
        vec![b.into(), tech.into()],
    )
    .await?;
    for (minutes, billable) in [(90, true), (30, false)] {
        run(
            "INSERT INTO time_entries (user_id, client_id, intervention_id, started_at, ended_at, \
               minutes, billable, note, created_at) \
             SELECT ?, ?, id, '2026-11-18T09:00:00+00:00', '2026-11-18T11:00:00+00:00', ?, ?, '', \
               '2026-11-18T09:00:00+00:00' FROM interventions WHERE reference = 'V1'",
            vec![tech.into(), b.into(), minutes.into(), billable.into()],
        )
        .await?;
    }
    run(
        "INSERT INTO invoices (number, kind, status, client_id, issue_date, due_date, \
           excluding_vat_cents, vat_cents, including_vat_cents, created_at, updated_at) \
         VALUES ('FA-2026-00001', 'invoice', 'finalised', ?, '2026-11-20', '2026-12-20', \
           12000, 2400, 14400, '2026-11-20T09:00:00+00:00', '2026-11-20T09:00:00+00:00')",
        vec![b.into()],
    )
    .await?;

    let report = activity_report(
        &db,
        &manager(),
        &ActivityQuery {
            client_id: b,
            from: "2026-11-01".into(),
            to: "2026-11-30".into(),
        },
    )
    .await?;
    let s = &report.statistics;
    assert_eq!((s.tickets_opened, s.tickets_resolved), (2, 2));
    assert_eq!(
        s.first_response,
        Compliance {
            met: 2,
            breached: 0
        }
    );
    assert_eq!(
        s.resolution,
        Compliance {
            met: 1,
            breached: 1
        }
    );
    assert_eq!(s.interventions_done, 1);
    assert_eq!((s.billable_minutes(), s.non_billable_minutes()), (90, 30));
    assert_eq!(s.invoiced_cents, 12000);
    let tickets: Vec<&str> = report
        .tickets
        .iter()
        .map(|t| t.reference.as_str())
        .collect();
    assert_eq!(tickets, ["T4", "T3"], "oldest first");
    assert_eq!(report.tickets_total, 2);
    assert_eq!(report.interventions_total, 1);
    assert_eq!(report.interventions[0].reference, "V1");
    assert_eq!(
        report.equipment,
        EquipmentCounts {
            added: 1,
            moved: 1,
            retired: 1
        }
    );
    let events: Vec<(u32, EquipmentChange)> = report
        .equipment_events
        .iter()
        .map(|e| (chrono::Datelike::day(&e.day), e.change))
        .collect();
    assert_eq!(
        events,
        [
            (10, EquipmentChange::Added),
            (11, EquipmentChange::Moved),
            (12, EquipmentChange::Retired)
        ]
    );

    // October has none of it; A's November none of B's.
    let october = activity_report(
        &db,
        &manager(),
        &ActivityQuery {
            client_id: b,
            from: "2026-10-01".into(),
            to: "2026-10-31".into(),
        },
    )
    .await?;
    assert_eq!(october.tickets_total, 0);
    assert_eq!(october.equipment, EquipmentCounts::default());
    assert_eq!(october.statistics.invoiced_cents, 0);

    // The PDF and the CSV carry the figures.
    let pdf = activity_document::pdf_of(&db, &report).await?;
    assert!(pdf.starts_with(b"%PDF-"));
    let mut csv = Vec::new();
    activity_document::write_activity_csv(&db, &report, &mut csv).await?;
    let csv = String::from_utf8(csv)?;
    for expected in ["T3", "T4", "V1", "1 h 30", "30 min", "2 / 2"] {
        assert!(csv.contains(expected), "{expected} not in\n{csv}");
    }
    Ok(())
}

/// Tom's own work on Friday 11-27: T1 (his, open), a visit on Tuesday and
/// one next Monday; an alert about T1 and one about T3 (not his).
#[tokio::test]
async fn a_technicians_dashboard_is_their_own_work() -> R {
    let (db, a, _, tech) = desk().await?;
    for (reference, start) in [
        ("V1", "2026-11-24T09:00:00+00:00"),
        ("V2", "2026-11-30T09:00:00+00:00"),
    ] {
        db.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "INSERT INTO interventions (reference, kind, status, client_id, technician_id, \
               scheduled_start, scheduled_end, work_done, created_at, updated_at) \
             VALUES (?, 'corrective', 'scheduled', ?, ?, ?, ?, '', ?, ?)",
            [
                reference.into(),
                a.into(),
                tech.into(),
                start.into(),
                start.into(),
                start.into(),
                start.into(),
            ],
        ))
        .await?;
    }
    for ticket in ["T1", "T3"] {
        db.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "INSERT INTO alerts (rule, item_kind, item_id, threshold_days, client_id, title, \
               search_text, due_key, state, raised_at) \
             SELECT 'sla_breached', 'ticket', id, 0, client_id, reference, lower(reference), \
               '', 'open', '2026-11-27T08:00:00+00:00' FROM tickets WHERE reference = ?",
            [ticket.into()],
        ))
        .await?;
    }
    let tom = Actor::technician(tech, "Tom Tech");
    let mine = parc_core::kpi::technician::technician_dashboard(&db, &tom, now()).await?;
    assert_eq!(mine.today, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
    assert_eq!(
        mine.week_start,
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    );
    let tickets: Vec<&str> = mine
        .tickets
        .items
        .iter()
        .map(|t| t.reference.as_str())
        .collect();
    assert_eq!((tickets, mine.tickets.total), (vec!["T1"], 1));
    let week: Vec<&str> = mine.week.iter().map(|i| i.reference.as_str()).collect();
    assert_eq!(week, ["V1"]);
    assert_eq!(mine.timer, None);
    let alerts: Vec<&str> = mine
        .alerts
        .items
        .iter()
        .map(|a| a.alert.title.as_str())
        .collect();
    assert_eq!((alerts, mine.alerts.total), (vec!["T1"], 1));
    Ok(())
}

/// Each figure of the dashboard that opens a list counts what that list
/// shows, asked at the same moment: unpaid and overdue invoices, contracts,
/// warranties and licences ending within 30, 60 and 90 days. A retired
/// machine whose warranty ends soon, and a credit note past its due date,
/// are counted by neither.
#[tokio::test]
async fn every_figure_counts_what_its_list_shows() -> R {
    use parc_api::contracts::{ContractQuery, ContractStatus};
    use parc_api::equipment::{EquipmentFilter, EquipmentQuery};
    use parc_api::invoices::InvoiceQuery;
    use parc_api::licences::{LicenceQuery, LicenceView};
    let (db, a, _, _) = business().await?;
    let today = parc_core::clock::today();
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "UPDATE equipment SET status = 'retired', warranty_end = ? \
         WHERE id = (SELECT MAX(id) FROM equipment)",
        [(today + chrono::Days::new(5)).into()],
    ))
    .await?;
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "INSERT INTO invoices (kind, status, client_id, due_date, excluding_vat_cents, \
           vat_cents, including_vat_cents, created_at, updated_at) \
         VALUES ('credit_note', 'finalised', ?, '2026-01-31', -1000, -200, -1200, \
           '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
        [a.into()],
    ))
    .await?;
    let zone = CompanyZone::load(&db).await?;
    let kpis = business_kpis(
        &db,
        &manager(),
        &KpiFilter::default(),
        &zone,
        chrono::Utc::now(),
    )
    .await?;
    let invoices = |query: InvoiceQuery| {
        let db = &db;
        async move {
            parc_core::invoices::list_invoices(db, &manager(), &query)
                .await
                .map(|p| p.total)
        }
    };
    assert_eq!(
        invoices(InvoiceQuery {
            unpaid_only: true,
            ..Default::default()
        })
        .await?,
        kpis.receivables.unpaid_count
    );
    assert_eq!(
        invoices(InvoiceQuery {
            overdue_only: true,
            ..Default::default()
        })
        .await?,
        kpis.receivables.overdue_count
    );
    for (days, contracts, warranties, licences) in [
        (
            30,
            kpis.contracts_ending.within_30,
            kpis.warranties_ending.within_30,
            kpis.licences_ending.within_30,
        ),
        (
            60,
            kpis.contracts_ending.within_60,
            kpis.warranties_ending.within_60,
            kpis.licences_ending.within_60,
        ),
        (
            90,
            kpis.contracts_ending.within_90,
            kpis.warranties_ending.within_90,
            kpis.licences_ending.within_90,
        ),
    ] {
        let listed = parc_core::contracts::list_contracts(
            &db,
            &manager(),
            &ContractQuery {
                status: Some(ContractStatus::Active),
                ending_within_days: Some(days),
                ..Default::default()
            },
        )
        .await?;
        assert_eq!(listed.total, contracts, "contracts within {days} days");
        let listed = parc_core::equipment::list_equipment(
            &db,
            &manager(),
            &EquipmentQuery {
                filter: EquipmentFilter {
                    warranty_within_days: Some(days),
                    ..Default::default()
                },
                ..Default::default()
            },
        )
        .await?;
        assert_eq!(
            listed.total,
            Some(warranties),
            "warranties within {days} days"
        );
        let listed = parc_core::licences::register::list_licences(
            &db,
            &manager(),
            &LicenceQuery {
                view: LicenceView::Expiring,
                within_days: Some(i64::from(days)),
                ..Default::default()
            },
        )
        .await?;
        assert_eq!(listed.total, licences, "licences within {days} days");
    }
    Ok(())
}

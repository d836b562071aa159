//! The service desk at the large dataset's size (200,000 tickets over two
//! years): the ticket queue's first page in each view a technician opens —
//! open tickets (the most urgent deadline first), at risk, breached,
//! unassigned, a client's tickets and a search. Target: ≤ 300 ms each.
//! And the manager dashboard's ticket figures (issue 9: the whole
//! dashboard's data ≤ 200 ms).
//! Run by `cargo xtask bench`; p95 lines as in the other benchmarks.

mod common;

use chrono::Utc;
use common::{large_db, p95};
use criterion::{criterion_group, criterion_main, Criterion};
use parc_api::kpi::KpiFilter;
use parc_api::tickets::{QueueView, TicketQuery};
use parc_core::desk::tickets;
use parc_core::Actor;
use std::time::{Duration, Instant};
use tokio::runtime::Runtime;

fn queue(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let (db, _) = large_db(&rt);
    let manager = Actor::manager(1, "Bench");
    let mut group = c.benchmark_group("desk");
    group.sample_size(30);
    let cases: [(&str, TicketQuery); 6] = [
        ("queue: open tickets, first page", TicketQuery::default()),
        (
            "queue: at risk",
            TicketQuery {
                view: QueueView::AtRisk,
                ..Default::default()
            },
        ),
        (
            "queue: breached",
            TicketQuery {
                view: QueueView::Breached,
                ..Default::default()
            },
        ),
        (
            "queue: unassigned",
            TicketQuery {
                view: QueueView::Unassigned,
                ..Default::default()
            },
        ),
        (
            "queue: one client's tickets, all statuses",
            TicketQuery {
                view: QueueView::All,
                client_id: Some(7),
                ..Default::default()
            },
        ),
        (
            "queue: search \"imprimante\", all statuses",
            TicketQuery {
                view: QueueView::All,
                search: "imprimante".into(),
                ..Default::default()
            },
        ),
    ];
    for (name, query) in cases {
        let mut timings = Vec::new();
        group.bench_function(name, |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let started = Instant::now();
                    let page = rt
                        .block_on(tickets::list_tickets(&db, &manager, &query))
                        .expect("queue");
                    let spent = started.elapsed();
                    assert!(page.total > 0, "{name}: nothing listed");
                    timings.push(spent);
                    total += spent;
                }
                total
            })
        });
        p95(name, &mut timings);
    }
    group.finish();
}

/// Times `ask` (one dashboard's data) over the large dataset, prints its
/// p95, and lets `check` look at each answer.
fn time_case<'a, T>(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    rt: &Runtime,
    name: &str,
    ask: impl Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = T> + 'a>>,
    check: impl Fn(&T),
) {
    let mut timings = Vec::new();
    group.bench_function(name, |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let started = Instant::now();
                let answer = rt.block_on(ask());
                let spent = started.elapsed();
                check(&answer);
                timings.push(spent);
                total += spent;
            }
            total
        })
    });
    p95(name, &mut timings);
}

/// The dashboards' data over the large dataset, as the app asks for it
/// (the manager's has 200 ms): the manager's whole dashboard (bringing SLA
/// states up to date first, in the company's zone), a technician's day, and
/// a year of statistics.
fn figures(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let (db, _) = large_db(&rt);
    let manager = Actor::manager(1, "Bench");
    let technician_id: i64 = rt
        .block_on(async {
            use sea_orm::ConnectionTrait;
            db.query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT assignee_id FROM tickets WHERE assignee_id IS NOT NULL \
                 GROUP BY assignee_id ORDER BY COUNT(*) DESC LIMIT 1",
            ))
            .await
        })
        .expect("busiest technician")
        .and_then(|row| row.try_get_by_index(0).ok())
        .expect("a technician with tickets");
    let technician = Actor::technician(technician_id, "Bench tech");
    let everything = KpiFilter::default();
    let mut group = c.benchmark_group("kpi");
    group.sample_size(30);
    time_case(
        &mut group,
        &rt,
        "manager dashboard (every figure, SLA states refreshed)",
        || {
            Box::pin(parc_core::kpi::manager_dashboard(
                &db,
                &manager,
                &everything,
                Utc::now(),
            ))
        },
        |answer| {
            let d = answer.as_ref().expect("manager dashboard");
            assert!(!d.tickets.open.is_empty(), "no open tickets counted");
            assert!(
                d.business.recurring_revenue.iter().any(|m| m.cents > 0),
                "no recurring revenue"
            );
            assert!(!d.load.is_empty(), "no technician's load");
        },
    );
    time_case(
        &mut group,
        &rt,
        "technician's day (the busiest technician)",
        || {
            Box::pin(parc_core::kpi::technician::technician_dashboard(
                &db,
                &technician,
                Utc::now(),
            ))
        },
        |answer| {
            let d = answer.as_ref().expect("technician's day");
            assert!(d.tickets.total > 0, "no open ticket of theirs");
        },
    );
    let today = Utc::now().date_naive();
    let year = parc_api::kpi::StatisticsQuery {
        filter: KpiFilter::default(),
        from: (today - chrono::Days::new(364)).to_string(),
        to: today.to_string(),
    };
    time_case(
        &mut group,
        &rt,
        "statistics of the last 365 days, every client",
        || Box::pin(parc_core::kpi::period::statistics(&db, &manager, &year)),
        |answer| {
            let s = answer.as_ref().expect("statistics");
            assert!(s.tickets_opened > 0, "no ticket opened in a year");
        },
    );
    group.finish();
}

criterion_group!(benches, queue, figures);
criterion_main!(benches);

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
use parc_core::desk::local_time::CompanyZone;
use parc_core::desk::tickets;
use parc_core::kpi::business::business_kpis;
use parc_core::kpi::load::planned_load;
use parc_core::kpi::tickets::ticket_kpis;
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

/// The manager dashboard's figures built so far over the large dataset
/// (the whole dashboard's data has 200 ms).
fn figures(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let (db, _) = large_db(&rt);
    let manager = Actor::manager(1, "Bench");
    let zone = rt.block_on(CompanyZone::load(&db)).expect("zone");
    let name = "manager dashboard's figures (tickets, money, time, what ends, load)";
    let mut timings = Vec::new();
    let mut group = c.benchmark_group("kpi");
    group.sample_size(30);
    group.bench_function(name, |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let started = Instant::now();
                let (tickets, business, load) = rt.block_on(async {
                    let filter = KpiFilter::default();
                    let now = Utc::now();
                    (
                        ticket_kpis(&db, &manager, &filter, &zone, now)
                            .await
                            .expect("ticket figures"),
                        business_kpis(&db, &manager, &filter, &zone, now)
                            .await
                            .expect("business figures"),
                        planned_load(&db, &manager, &filter, &zone, now)
                            .await
                            .expect("planned load"),
                    )
                });
                assert!(!load.is_empty(), "no technician's load");
                let spent = started.elapsed();
                assert!(!tickets.open.is_empty(), "no open tickets counted");
                assert!(
                    business.recurring_revenue.iter().any(|m| m.cents > 0),
                    "no recurring revenue"
                );
                timings.push(spent);
                total += spent;
            }
            total
        })
    });
    p95(name, &mut timings);
    group.finish();
}

criterion_group!(benches, queue, figures);
criterion_main!(benches);

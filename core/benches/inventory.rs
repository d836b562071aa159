//! The inventory at 100,000 equipment (`parc demo --size large`): a list
//! page with a sort and two filters, a full-text search, the CSV export and
//! import, and generating the dataset. Run by `cargo xtask bench`.
//!
//! Criterion measures each case; every single timing is also kept so the
//! p95 the targets are written in can be printed (`p95: …` lines).
//! The generated database is cached next to the build products
//! (`$PARC_BENCH_DIR`, by default `target/bench-data`) and made again only
//! when missing; its generation time is printed when it is made.

use criterion::{criterion_group, criterion_main, Criterion};
use parc_api::equipment::{EquipmentFilter, EquipmentQuery, EquipmentSort, EquipmentStatus};
use parc_api::SortDir;
use parc_core::{db, equipment, Actor};
use sea_orm::{ConnectionTrait, Statement};
use std::time::{Duration, Instant};
use tokio::runtime::Runtime;

mod common;

use common::{large_db, p95};

fn queries(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let (db, _) = large_db(&rt);
    let system = Actor::System;
    let clients: Vec<i64> = rt
        .block_on(db.query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM clients ORDER BY id",
        )))
        .expect("clients")
        .iter()
        .filter_map(|row| row.try_get::<i32>("", "id").ok().map(i64::from))
        .collect();

    let mut timings = Vec::new();
    let mut turn = 0usize;
    c.bench_function("list page of 50, client + status filters, by name", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                turn += 1;
                let query = EquipmentQuery {
                    filter: EquipmentFilter {
                        client_id: Some(clients[turn * 37 % clients.len()]),
                        status: Some(EquipmentStatus::Deployed),
                        ..Default::default()
                    },
                    sort: EquipmentSort::Name,
                    dir: SortDir::Asc,
                    after: None,
                    page_size: 50,
                };
                let started = Instant::now();
                let page = rt
                    .block_on(equipment::list_equipment(&db, &system, &query))
                    .expect("list");
                let spent = started.elapsed();
                assert!(!page.items.is_empty());
                timings.push(spent);
                total += spent;
            }
            total
        })
    });
    p95("list page of 50 with a sort and two filters", &mut timings);

    let mut timings = Vec::new();
    let mut turn = 0usize;
    let terms = [
        "optiplex",
        "4f2",
        "C00123",
        "latitude lyon",
        "EQ0421",
        "a1b",
        "fortigate",
        "000777",
    ];
    c.bench_function("full-text search, top 50", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                turn += 1;
                let query = EquipmentQuery {
                    filter: EquipmentFilter {
                        search: terms[turn % terms.len()].into(),
                        ..Default::default()
                    },
                    page_size: 50,
                    ..Default::default()
                };
                let started = Instant::now();
                rt.block_on(equipment::list_equipment(&db, &system, &query))
                    .expect("search");
                let spent = started.elapsed();
                timings.push(spent);
                total += spent;
            }
            total
        })
    });
    p95("full-text search, top 50", &mut timings);
}

fn files(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let (db, path) = large_db(&rt);
    let system = Actor::System;
    let mut group = c.benchmark_group("files");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));

    let export_all = |csv: &mut Vec<u8>| {
        csv.clear();
        rt.block_on(equipment::export::export_csv(
            &db,
            &system,
            &EquipmentFilter::default(),
            EquipmentSort::Reference,
            SortDir::Asc,
            csv,
        ))
        .expect("export")
    };
    let mut csv = Vec::new();
    let mut timings = Vec::new();
    group.bench_function("export 100,000 equipment", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let started = Instant::now();
                let count = export_all(&mut csv);
                let spent = started.elapsed();
                assert_eq!(count, 100_000);
                timings.push(spent);
                total += spent;
            }
            total
        })
    });
    p95("export of 100,000 rows", &mut timings);
    if csv.is_empty() {
        // The export was filtered out (`cargo xtask bench -- import`).
        export_all(&mut csv);
    }

    // The import creates: the same rows without their references, into a
    // copy of the database whose equipment was removed.
    let text = String::from_utf8(csv).expect("utf-8");
    let new_rows: String = text
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("{line}\n")
            } else {
                // The reference is the first column and never quoted.
                format!(",{}\n", line.split_once(',').map_or(line, |(_, rest)| rest))
            }
        })
        .collect();
    let empty = path.with_file_name("without-equipment.db");
    let _ = std::fs::remove_file(&empty);
    std::fs::copy(&path, &empty).expect("copy");
    rt.block_on(async {
        let copy = db::open(&empty).await.expect("open copy");
        // A database that never had equipment: no rows, an empty index
        // (the dataset's tickets and interventions name none).
        copy.execute_unprepared(
            "UPDATE tickets SET equipment_id = NULL; \
             DELETE FROM intervention_equipment; \
             DELETE FROM equipment; \
             INSERT INTO equipment_fts(equipment_fts) VALUES ('delete-all'); \
             DELETE FROM audit_log; VACUUM;",
        )
        .await
        .expect("empty the copy");
        copy.close().await.expect("close");
    });
    let mut timings = Vec::new();
    group.bench_function("import 100,000 new equipment", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let work = empty.with_file_name("import-run.db");
                for suffix in ["-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", work.display()));
                }
                std::fs::copy(&empty, &work).expect("copy");
                let target = rt.block_on(db::open(&work)).expect("open");
                let started = Instant::now();
                let report = rt
                    .block_on(equipment::import::import_csv(
                        &target,
                        &system,
                        "fleet.csv",
                        new_rows.as_bytes(),
                        false,
                        &mut |_| {},
                    ))
                    .expect("import");
                let spent = started.elapsed();
                assert!(
                    report.errors.is_empty(),
                    "{:?}",
                    &report.errors[..3.min(report.errors.len())]
                );
                assert_eq!(report.created, 100_000);
                rt.block_on(target.close()).expect("close");
                timings.push(spent);
                total += spent;
            }
            total
        })
    });
    p95("import of 100,000 rows", &mut timings);
    group.finish();
}

criterion_group!(benches, queries, files);
criterion_main!(benches);

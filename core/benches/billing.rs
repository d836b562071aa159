//! Billing at the large dataset's size: the invoice run over its 10,000
//! active contracts, all due (monthly ones for two months, the others for
//! one period), and the PDF of one invoice read from the database. Run by
//! `cargo xtask bench`; p95 lines as in the inventory benchmarks.

mod common;

use chrono::NaiveDate;
use common::{large_db, p95};
use criterion::{criterion_group, criterion_main, Criterion};
use parc_core::{db, invoices, Actor};
use sea_orm::{ConnectionTrait, Statement};
use std::time::{Duration, Instant};
use tokio::runtime::Runtime;

fn billing(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let (db, path) = large_db(&rt);
    let system = Actor::System;
    let mut group = c.benchmark_group("billing");
    group.sample_size(10);

    // A run on 1 January 2027 bills every contract of the dataset.
    let day = NaiveDate::from_ymd_opt(2027, 1, 1).expect("date");
    let mut timings = Vec::new();
    group.bench_function("invoice run over 10,000 due contracts", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let work = path.with_file_name("invoice-run.db");
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", work.display()));
                }
                std::fs::copy(&path, &work).expect("copy");
                let target = rt.block_on(db::open(&work)).expect("open");
                let started = Instant::now();
                let summary = rt
                    .block_on(invoices::run::run(&target, &system, day, |_| {}))
                    .expect("run");
                let spent = started.elapsed();
                assert_eq!(summary.contract_count, 10_000);
                rt.block_on(target.close()).expect("close");
                timings.push(spent);
                total += spent;
            }
            total
        })
    });
    p95("invoice run over 10,000 due contracts", &mut timings);

    let ids: Vec<i64> = rt
        .block_on(db.query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM invoices ORDER BY id LIMIT 200",
        )))
        .expect("invoices")
        .iter()
        .filter_map(|row| row.try_get::<i32>("", "id").ok().map(i64::from))
        .collect();
    assert!(!ids.is_empty(), "the large dataset has invoices");
    let mut timings = Vec::new();
    let mut turn = 0;
    group.sample_size(50);
    group.bench_function("one invoice PDF", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let id = ids[turn % ids.len()];
                turn += 1;
                let started = Instant::now();
                let pdf = rt
                    .block_on(invoices::document::invoice_pdf(&db, &system, id))
                    .expect("pdf");
                let spent = started.elapsed();
                assert!(pdf.starts_with(b"%PDF"));
                timings.push(spent);
                total += spent;
            }
            total
        })
    });
    p95("one invoice PDF", &mut timings);
    group.finish();
}

criterion_group!(benches, billing);
criterion_main!(benches);

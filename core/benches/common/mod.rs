//! What every benchmark of the core shares: the app's allocator, the large
//! generated database (made once, cached beside the build products in
//! `$PARC_BENCH_DIR`, by default `target/bench-data`, its generation time
//! printed when made) and the p95 line the targets are written in.

#![allow(dead_code)]

use parc_core::{dataset, db, DatabaseConnection};
use sea_orm::ConnectionTrait;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tokio::runtime::Runtime;

/// The allocator the `parc` binary uses, so the figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub fn bench_dir() -> PathBuf {
    std::env::var_os("PARC_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
            target.join("bench-data")
        })
}

/// The large database, generated on first use.
pub fn large_db(rt: &Runtime) -> (DatabaseConnection, PathBuf) {
    let dir = bench_dir();
    std::fs::create_dir_all(&dir).expect("bench folder");
    let path = dir.join(format!("large-v{}.db", dataset::VERSION));
    if !path.exists() {
        let partial = dir.join("large.partial.db");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
        }
        let started = Instant::now();
        rt.block_on(async {
            let db = db::open(&partial).await.expect("open");
            dataset::generate(&db, dataset::LARGE)
                .await
                .expect("generate");
            db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                .await
                .expect("checkpoint");
            db.close().await.expect("close");
        });
        println!(
            "p95: generate the large dataset (100,000 equipment, 10,000 contracts, their first invoices, 200,000 tickets, the preventive plan): {:.1} s (one run)",
            started.elapsed().as_secs_f64()
        );
        std::fs::rename(&partial, &path).expect("keep the dataset");
    }
    let db = rt
        .block_on(db::open(&path))
        .expect("open the large dataset");
    (db, path)
}

pub fn p95(name: &str, timings: &mut [Duration]) {
    if timings.is_empty() {
        return;
    }
    timings.sort();
    let index = ((timings.len() as f64) * 0.95).ceil() as usize - 1;
    let at = timings[index.min(timings.len() - 1)];
    println!(
        "p95: {name}: {:.2} ms over {} runs",
        at.as_secs_f64() * 1000.0,
        timings.len()
    );
}

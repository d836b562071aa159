//! A backup and restore round trip of the large dataset (100,000
//! equipment, 200,000 tickets and their histories): `back_up` (SQLite's
//! `VACUUM INTO`, then `PRAGMA integrity_check` on the copy), `restore`
//! into a new place (the file checked again, then copied), and opening the
//! restored file. The restored database must hold the same rows as the
//! original, table by table (row counts and checksums), or the bench
//! stops. Each step's time is printed as a p95 line.

mod common;

use common::{bench_dir, large_db, p95};
use criterion::{criterion_group, criterion_main, Criterion};
use parc_core::backup::{self, fingerprint};
use std::time::{Duration, Instant};
use tokio::runtime::Runtime;

fn round_trip(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let (db, _) = large_db(&rt);
    let original = rt.block_on(fingerprint(&db)).expect("fingerprint");
    let rows: u64 = original.iter().map(|t| t.rows).sum();
    let folder = bench_dir().join("backup-round-trip");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("bench folder");
    let mut backups = Vec::new();
    let mut restores = Vec::new();
    let mut group = c.benchmark_group("backup");
    group.sample_size(10);
    let name = format!("round trip of the large dataset ({rows} rows)");
    let mut round = 0;
    group.bench_function(&name, |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                round += 1;
                let file = folder.join(format!("backup-{round}.db"));
                let target = folder.join(format!("restored-{round}.db"));
                let started = Instant::now();
                rt.block_on(backup::back_up(&db, &file)).expect("backup");
                let backed_up = started.elapsed();
                rt.block_on(backup::restore(&file, &target))
                    .expect("restore");
                let restored = rt
                    .block_on(parc_core::db::open(&target))
                    .expect("open the restored copy");
                let spent = started.elapsed();
                backups.push(backed_up);
                restores.push(spent - backed_up);
                total += spent;
                let copy = rt.block_on(fingerprint(&restored)).expect("fingerprint");
                assert_eq!(copy, original, "the restored database differs");
                rt.block_on(restored.close()).expect("close");
                for path in [&file, &target] {
                    for suffix in ["", "-wal", "-shm"] {
                        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                    }
                }
            }
            total
        })
    });
    group.finish();
    p95(
        "backup of the large dataset (VACUUM INTO, then checked)",
        &mut backups,
    );
    p95(
        "restore of that backup (checked, copied, opened)",
        &mut restores,
    );
    let _ = std::fs::remove_dir_all(&folder);
}

criterion_group!(benches, round_trip);
criterion_main!(benches);

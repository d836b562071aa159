//! A backup and restore round trip of the large dataset (100,000
//! equipment, 200,000 tickets and their histories): `back_up` (SQLite's
//! `VACUUM INTO`, then `PRAGMA integrity_check` on the copy), `restore`
//! into a new place (the file checked again, then copied), and opening the
//! restored file. The restored database must hold the same rows as the
//! original, table by table (row counts and checksums), or the bench
//! stops. Each step's time is printed as a p95 line.
//!
//! Then the restore the Settings page makes, into an open database.

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

/// Restoring a backup of the large dataset into an open database, as the
/// Settings page does: checked and prepared on a copy, the open database
/// backed up aside, the pages copied in. A thread reads the progress the
/// page would show, to prove it moves; the restored data must equal the
/// original's.
fn restore_into_open(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let (db, _) = large_db(&rt);
    let original = rt.block_on(fingerprint(&db)).expect("fingerprint");
    let folder = bench_dir().join("backup-restore-open");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("bench folder");
    let file = folder.join("backup.db");
    rt.block_on(backup::back_up(&db, &file)).expect("backup");
    let live_path = folder.join("live.db");
    std::fs::copy(&file, &live_path).expect("copy");
    let live = rt.block_on(parc_core::db::open(&live_path)).expect("open");
    let manager = parc_core::Actor::manager(1, "bench");
    let monitor = backup::BackupMonitor::default();
    let mut times = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut group = c.benchmark_group("backup");
    group.sample_size(10);
    group.bench_function("restore into the open database", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let watching = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
                let watcher = {
                    let (monitor, watching) = (monitor.clone(), watching.clone());
                    std::thread::spawn(move || {
                        let mut seen = std::collections::BTreeSet::new();
                        while watching.load(std::sync::atomic::Ordering::Relaxed) {
                            if let Some(p) = monitor.current() {
                                seen.insert((format!("{:?}", p.stage), p.percent()));
                            }
                            std::thread::sleep(Duration::from_millis(20));
                        }
                        seen
                    })
                };
                let started = Instant::now();
                let done = rt
                    .block_on(backup::restore_into_open(
                        &live, &manager, &live_path, &file, &monitor,
                    ))
                    .expect("restore");
                let spent = started.elapsed();
                watching.store(false, std::sync::atomic::Ordering::Relaxed);
                seen.extend(watcher.join().expect("watcher"));
                times.push(spent);
                total += spent;
                let restored = rt.block_on(fingerprint(&live)).expect("fingerprint");
                assert_eq!(restored, original, "the restored database differs");
                let _ = std::fs::remove_file(&done.kept_aside);
            }
            total
        })
    });
    group.finish();
    p95(
        "restore into the open database (checked, prepared, set aside, copied)",
        &mut times,
    );
    println!(
        "progress the page saw: {} distinct (stage, percent) readings: {:?}",
        seen.len(),
        seen.iter().take(40).collect::<Vec<_>>()
    );
    rt.block_on(live.close()).expect("close");
    let _ = std::fs::remove_dir_all(&folder);
}

criterion_group!(benches, round_trip, restore_into_open);
criterion_main!(benches);

//! The invoice run survives being killed. `parc invoice run` is started on a
//! database of 16,000 contracts, each with one to four periods due, and
//! killed with SIGKILL at random moments until 24 kills have hit a running
//! run, restarted each time; then it runs to the end, and once more. The books must be right: no two invoices
//! for a contract period, no period missing, numbers without gaps, every
//! total the sum of its lines, and SQLite's integrity check clean.
//!
//! The binary comes from `PARC_BIN` (set by `cargo xtask test`).

use chrono::NaiveDate;
use parc_api::billing::{Periodicity, Schedule};
use parc_core::dataset::{self, Size};
use rand::{Rng, SeedableRng};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

const RUN_DAY: &str = "2026-11-01";
const KILLS: usize = 24;
/// The run bills 500 contracts per transaction: 16,000 make 32 batches.
const BATCHES: u32 = 32;

async fn rows(db: &DatabaseConnection, sql: &str) -> TestResult<Vec<sea_orm::QueryResult>> {
    Ok(db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?)
}

/// A database whose contracts start over the three months before the run
/// day and have never been billed.
async fn prepare(path: &Path) -> TestResult {
    let db = parc_core::db::open(path).await?;
    dataset::generate(
        &db,
        Size {
            clients: 200,
            sites_per_client: 2,
            contacts_per_client: 1,
            equipment: 2_000,
            contracts: 16_000,
            tickets: 0,
        },
    )
    .await?;
    db.execute_unprepared(&format!(
        "DELETE FROM invoice_lines; DELETE FROM invoices; \
         UPDATE contracts SET start_date = date('{RUN_DAY}', '-' || (id % 92) || ' days'), \
           end_date = NULL, auto_renew = 0; \
         UPDATE contracts SET next_billing_date = start_date; \
         DELETE FROM sequences WHERE code = 'invoice'; \
         PRAGMA wal_checkpoint(TRUNCATE);"
    ))
    .await?;
    db.close().await?;
    Ok(())
}

fn invoice_run(db: &Path) -> TestResult<std::process::Child> {
    let app = std::env::var("PARC_BIN").map_err(|_| "PARC_BIN is not set")?;
    Ok(Command::new(app)
        .args(["invoice", "run", "--date", RUN_DAY, "--db"])
        .arg(db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?)
}

async fn invoice_count(path: &Path) -> TestResult<u64> {
    let db = parc_core::db::open(path).await?;
    let count: i64 = rows(&db, "SELECT COUNT(*) FROM invoices").await?[0].try_get_by_index(0)?;
    db.close().await?;
    Ok(count.unsigned_abs())
}

async fn check_books(path: &Path) -> TestResult<u64> {
    let db = parc_core::db::open(path).await?;
    let integrity: String = rows(&db, "PRAGMA integrity_check").await?[0].try_get_by_index(0)?;
    assert_eq!(integrity, "ok");

    let duplicates = rows(
        &db,
        "SELECT contract_id FROM invoices GROUP BY contract_id, period_start HAVING COUNT(*) > 1",
    )
    .await?;
    assert!(
        duplicates.is_empty(),
        "{} duplicated periods",
        duplicates.len()
    );

    let numbers = rows(&db, "SELECT number FROM invoices ORDER BY number").await?;
    for (i, row) in numbers.iter().enumerate() {
        let number: String = row.try_get_by_index(0)?;
        assert_eq!(
            number,
            format!("FA-2026-{:05}", i + 1),
            "numbering has a gap"
        );
    }

    let wrong_totals = rows(
        &db,
        "SELECT i.id FROM invoices i LEFT JOIN invoice_lines l ON l.invoice_id = i.id \
         GROUP BY i.id HAVING i.excluding_vat_cents <> COALESCE(SUM(l.total_cents), 0) \
           OR i.including_vat_cents <> i.excluding_vat_cents + i.vat_cents",
    )
    .await?;
    assert!(
        wrong_totals.is_empty(),
        "{} wrong totals",
        wrong_totals.len()
    );

    // Every contract has exactly the periods its schedule says are due.
    let day = NaiveDate::parse_from_str(RUN_DAY, "%Y-%m-%d")?;
    let mut billed_per_contract = std::collections::HashMap::new();
    for row in rows(
        &db,
        "SELECT contract_id, COUNT(*) FROM invoices GROUP BY contract_id",
    )
    .await?
    {
        let id: i32 = row.try_get_by_index(0)?;
        let count: i64 = row.try_get_by_index(1)?;
        billed_per_contract.insert(id, count);
    }
    let contracts = rows(
        &db,
        "SELECT id, periodicity, billed_in_advance, start_date FROM contracts",
    )
    .await?;
    for row in &contracts {
        let id: i32 = row.try_get_by_index(0)?;
        let periodicity: String = row.try_get_by_index(1)?;
        let in_advance: bool = row.try_get_by_index(2)?;
        let start: NaiveDate = row.try_get_by_index(3)?;
        let billed = billed_per_contract.get(&id).copied().unwrap_or(0);
        let schedule = Schedule {
            periodicity: Periodicity::from_code(&periodicity).ok_or("periodicity")?,
            start,
            end: None,
            in_advance,
        };
        let due = schedule.due_by(start, day).len() as i64;
        assert_eq!(billed, due, "contract {id}: {billed} invoices, {due} due");
    }
    db.close().await?;
    Ok(numbers.len() as u64)
}

#[tokio::test]
async fn the_invoice_run_killed_at_random_moments_finishes_with_right_books() -> TestResult {
    let dir = tempfile::tempdir()?;
    let pristine = dir.path().join("pristine.db");
    prepare(&pristine).await?;

    // How long an uninterrupted run takes, on a copy.
    let timed = dir.path().join("timed.db");
    std::fs::copy(&pristine, &timed)?;
    let started = Instant::now();
    assert!(invoice_run(&timed)?.wait()?.success());
    let full = started.elapsed();
    let expected = check_books(&timed).await?;
    assert!(expected > 16_000, "{expected} invoices");
    // How long a run takes to start and find nothing left to do.
    let started = Instant::now();
    assert!(invoice_run(&timed)?.wait()?.success());
    let startup = started.elapsed();

    let db = dir.path().join("killed.db");
    std::fs::copy(&pristine, &db)?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x4b49_4c4c);
    // Each kill falls at a random moment within start-up and about one
    // batch of work: the run gets on a little each time, and is caught at
    // every stage (starting, inside a batch, committing). The machine's
    // speed changes from minute to minute, so the window follows what the
    // kills observe: shorter after a kill that let more than a batch
    // through, longer after one that let none.
    let batch = full.saturating_sub(startup) / BATCHES;
    let per_batch = expected / u64::from(BATCHES);
    let mut window = startup + batch;
    let mut killed_while_running = 0;
    let mut progress: Vec<u64> = Vec::new();
    for _ in 0..KILLS * 4 {
        if killed_while_running == KILLS {
            break;
        }
        let mut child = invoice_run(&db)?;
        std::thread::sleep(rng.gen_range(Duration::ZERO..window.max(Duration::from_millis(1))));
        if child.try_wait()?.is_some() {
            break;
        }
        child.kill()?;
        child.wait()?;
        killed_while_running += 1;
        let before = progress.last().copied().unwrap_or(0);
        let now = invoice_count(&db).await?;
        progress.push(now);
        if now - before > per_batch {
            window = window * 2 / 3;
        } else if now == before {
            window = window * 5 / 4;
        }
    }
    println!(
        "invoice run: {} ms uninterrupted, {} ms to start; {killed_while_running} kills while running; invoices after each: {progress:?}",
        full.as_millis(),
        startup.as_millis()
    );
    assert!(
        killed_while_running >= 20,
        "only {killed_while_running} kills hit a running invoice run"
    );
    let partial = progress
        .iter()
        .filter(|n| **n > 0 && **n < expected)
        .count();
    assert!(
        partial >= 10,
        "only {partial} kills left the run half done: {progress:?}"
    );
    assert!(invoice_run(&db)?.wait()?.success());
    assert_eq!(check_books(&db).await?, expected);
    // Once more: nothing new.
    assert!(invoice_run(&db)?.wait()?.success());
    assert_eq!(check_books(&db).await?, expected);
    Ok(())
}

//! `parc backup` and `parc restore`: the backups' command-line doors.
//! A backup is written while anything else may use the database; a
//! restore runs before the database is opened (nothing may hold it), then
//! opens the restored file, which brings an older backup's schema up to
//! date.

use anyhow::Context;
use parc_core::backup;
use parc_core::DatabaseConnection;
use std::path::Path;
use std::time::Instant;

pub async fn back_up(db: &DatabaseConnection, out: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    let written = backup::back_up(db, out).await?;
    eprintln!(
        "backup written to {}: {} tables, {} rows, {} bytes, checked (integrity ok), in {:.1} s",
        out.display(),
        written.tables,
        written.rows,
        written.bytes,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub async fn restore(file: &Path, db_path: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    let aside = backup::restore(file, db_path).await?;
    let db = parc_core::db::open(db_path)
        .await
        .with_context(|| format!("cannot open the restored database {}", db_path.display()))?;
    let tables = backup::fingerprint(&db).await?;
    db.close().await?;
    eprintln!(
        "{} restored into {}: {} tables, {} rows, in {:.1} s",
        file.display(),
        db_path.display(),
        tables.len(),
        tables.iter().map(|t| t.rows).sum::<u64>(),
        started.elapsed().as_secs_f64()
    );
    if let Some(aside) = aside {
        eprintln!("the previous database is kept as {}", aside.display());
    }
    Ok(())
}

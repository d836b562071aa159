//! `parc plan` and `parc intervention pdf`: the service desk's
//! command-line doors, run as the system. Reports go to stderr, data to
//! stdout (or the file named).

use anyhow::Context;
use chrono::NaiveDate;
use parc_core::desk::{planning, report};
use parc_core::{Actor, DatabaseConnection};
use std::path::Path;

pub async fn plan(
    db: &DatabaseConnection,
    date: Option<NaiveDate>,
    horizon_days: u32,
) -> anyhow::Result<()> {
    let day = date.unwrap_or_else(parc_core::clock::today);
    let summary = planning::plan(db, &Actor::System, day, horizon_days).await?;
    println!(
        "{day}: {} preventive interventions planned up to {}, {} planned before",
        summary.created,
        summary.to.map(|d| d.to_string()).unwrap_or_default(),
        summary.already_planned
    );
    Ok(())
}

pub async fn report_pdf(
    db: &DatabaseConnection,
    reference: &str,
    out: &Path,
) -> anyhow::Result<()> {
    let (pdf, _) = report::report_pdf_by_reference(db, &Actor::System, reference)
        .await
        .with_context(|| format!("intervention {reference}"))?;
    std::fs::write(out, pdf).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!("{reference} report written to {}", out.display());
    Ok(())
}

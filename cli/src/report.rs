//! `parc report activity`: a client's activity report written to a file,
//! as the system (the command line is the machine's owner): a PDF, or a
//! CSV when the file's name ends in `.csv`.

use anyhow::Context;
use chrono::NaiveDate;
use parc_core::kpi::activity::{activity_between, client_id_of_code};
use parc_core::kpi::activity_document::{pdf_of, write_activity_csv};
use parc_core::{Actor, DatabaseConnection};
use std::path::Path;

pub async fn activity(
    db: &DatabaseConnection,
    client: &str,
    from: NaiveDate,
    to: NaiveDate,
    out: &Path,
) -> anyhow::Result<()> {
    anyhow::ensure!(
        from <= to,
        "--to ({to}) is before --from ({from}): the period would be empty"
    );
    parc_core::kpi::period::check_period(from, to)?;
    let client_id = client_id_of_code(db, client)
        .await
        .with_context(|| format!("no client has the code {client:?}"))?;
    let report = activity_between(db, &Actor::System, client_id, from, to).await?;
    let csv = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let bytes = if csv {
        let mut bytes = Vec::new();
        write_activity_csv(db, &report, &mut bytes).await?;
        bytes
    } else {
        pdf_of(db, &report).await?
    };
    std::fs::write(out, bytes).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "{} activity {from} to {to}: {} tickets, {} interventions; written to {}",
        report.client_code,
        report.tickets_total,
        report.interventions_total,
        out.display()
    );
    Ok(())
}

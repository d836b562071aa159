//! `parc import equipment`, `parc export equipment` and `parc labels`: the
//! inventory's command-line doors, run as the system (the administrator at
//! the machine). Reports go to stderr, data to stdout.

use anyhow::{bail, Context};
use parc_api::equipment::{EquipmentFilter, EquipmentSort, ImportReport, RowAction};
use parc_api::SortDir;
use parc_core::{equipment, Actor, DatabaseConnection};
use std::io::Write;
use std::path::Path;

pub async fn import(db: &DatabaseConnection, file: &Path, dry_run: bool) -> anyhow::Result<()> {
    let reader = std::io::BufReader::new(
        std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?,
    );
    let mut progress = |rows: u64| eprint!("\r{rows} rows…");
    let source = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    let report =
        equipment::import::import_csv(db, &Actor::System, &source, reader, dry_run, &mut progress)
            .await?;
    eprintln!();
    print_report(&report)
}

/// Prints an import's report on stderr; an error when a row was refused.
pub fn print_report(report: &ImportReport) -> anyhow::Result<()> {
    let dry_run = report.dry_run;
    let mut err = std::io::stderr().lock();
    if dry_run {
        for outcome in &report.outcomes {
            let action = match outcome.action {
                RowAction::Create => "create",
                RowAction::Update => "update",
                RowAction::Unchanged => "unchanged",
            };
            writeln!(err, "line {}: {action} {}", outcome.line, outcome.reference)?;
        }
    }
    for error in &report.errors {
        writeln!(
            err,
            "line {}, column {}: {}",
            error.line, error.column, error.message
        )?;
    }
    writeln!(
        err,
        "{} rows: {} to create, {} to update, {} unchanged, {} errors{}",
        report.rows,
        report.created,
        report.updated,
        report.unchanged,
        report.errors.len(),
        if report.committed {
            " — saved"
        } else {
            " — nothing saved"
        }
    )?;
    if !report.errors.is_empty() {
        bail!("{} bad rows: nothing was imported", report.errors.len());
    }
    Ok(())
}

pub async fn export(db: &DatabaseConnection) -> anyhow::Result<()> {
    let stdout = std::io::stdout().lock();
    let count = equipment::export::export_csv(
        db,
        &Actor::System,
        &EquipmentFilter::default(),
        EquipmentSort::Reference,
        SortDir::Asc,
        std::io::BufWriter::new(stdout),
    )
    .await?;
    eprintln!("{count} equipment exported");
    Ok(())
}

pub async fn labels(
    db: &DatabaseConnection,
    out: &Path,
    client: Option<&str>,
    site: Option<&str>,
) -> anyhow::Result<()> {
    let filter = equipment::labels::filter_by_names(db, client, site).await?;
    let (pdf, count) = equipment::labels::labels_for_filter(db, &Actor::System, &filter).await?;
    std::fs::write(out, pdf).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!("{count} labels written to {}", out.display());
    Ok(())
}

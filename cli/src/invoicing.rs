//! `parc invoice run`, `parc invoice pdf` and `parc export invoices`: the
//! billing's command-line doors, run as the system. Reports go to stderr,
//! data to stdout (or the file named).

use anyhow::Context;
use chrono::NaiveDate;
use parc_core::{invoices, Actor, DatabaseConnection};
use std::io::Write;
use std::path::Path;

pub async fn run(db: &DatabaseConnection, date: Option<NaiveDate>) -> anyhow::Result<()> {
    let day = date.unwrap_or_else(parc_core::clock::today);
    let mut progress = |p: parc_api::invoices::RunProgress| {
        eprint!("\r{}/{} contracts…", p.done, p.total);
    };
    let summary = invoices::run::run(db, &Actor::System, day, &mut progress).await?;
    eprintln!();
    let mut out = std::io::stdout().lock();
    for invoice in &summary.invoices {
        writeln!(
            out,
            "{}\t{}\t{} – {}\t{}",
            invoice.contract_reference,
            invoice.client_name,
            invoice.period_start,
            invoice.period_end,
            parc_api::money::plain(invoice.including_vat_cents)
        )?;
    }
    if summary.invoice_count > summary.invoices.len() as u64 {
        writeln!(
            out,
            "… and {} more",
            summary.invoice_count - summary.invoices.len() as u64
        )?;
    }
    eprintln!(
        "{day}: {} invoices created for {} contracts, {} incl. VAT; {} contracts renewed, {} expired",
        summary.invoice_count,
        summary.contract_count,
        parc_api::money::plain(summary.including_vat_cents),
        summary.renewed,
        summary.expired
    );
    Ok(())
}

pub async fn pdf(db: &DatabaseConnection, number: &str, out: &Path) -> anyhow::Result<()> {
    let pdf = invoices::document::invoice_pdf_by_number(db, &Actor::System, number)
        .await
        .with_context(|| format!("invoice {number}"))?;
    std::fs::write(out, pdf).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!("{number} written to {}", out.display());
    Ok(())
}

pub async fn export(
    db: &DatabaseConnection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> anyhow::Result<()> {
    let stdout = std::io::stdout().lock();
    let count = invoices::export::export_csv(
        db,
        &Actor::System,
        from,
        to,
        std::io::BufWriter::new(stdout),
    )
    .await?;
    eprintln!("{count} invoices and credit notes exported");
    Ok(())
}

//! `parc import installs`, `parc export licences` and `parc licences
//! expiring | compliance`: the licences' command-line doors, run as the
//! system. Reports go to stderr, data to stdout.

use crate::inventory::print_report;
use anyhow::Context;
use parc_api::licences::{ComplianceQuery, LicenceQuery, LicenceView};
use parc_core::licences::{compliance, export, import, register};
use parc_core::{equipment, Actor, DatabaseConnection};
use std::io::Write;
use std::path::Path;

pub async fn import_installs(
    db: &DatabaseConnection,
    file: &Path,
    dry_run: bool,
) -> anyhow::Result<()> {
    let reader = std::io::BufReader::new(
        std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?,
    );
    let source = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    let report = import::import_installations(db, &Actor::System, &source, reader, dry_run).await?;
    print_report(&report)
}

pub async fn export(db: &DatabaseConnection) -> anyhow::Result<()> {
    let stdout = std::io::stdout().lock();
    let count = export::export_csv(
        db,
        &Actor::System,
        &LicenceQuery::default(),
        std::io::BufWriter::new(stdout),
    )
    .await?;
    eprintln!("{count} licences exported");
    Ok(())
}

/// Licences expiring within `days`, soonest first, one per line.
pub async fn expiring(db: &DatabaseConnection, days: i64) -> anyhow::Result<()> {
    let query = LicenceQuery {
        view: LicenceView::Expiring,
        within_days: Some(days),
        page_size: parc_api::page::MAX_PAGE_SIZE,
        ..Default::default()
    };
    let mut page_number = 1;
    let mut out = std::io::stdout().lock();
    loop {
        let page = register::list_licences(
            db,
            &Actor::System,
            &LicenceQuery {
                page: page_number,
                ..query.clone()
            },
        )
        .await?;
        for row in &page.items {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}{}",
                row.expires_on.map(|d| d.to_string()).unwrap_or_default(),
                row.reference,
                row.client_name,
                row.software_name,
                row.kind.code(),
                if row.auto_renew { "\tauto-renews" } else { "" }
            )?;
        }
        if page_number >= page.page_count() {
            eprintln!("{} licences expire within {days} days", page.total);
            return Ok(());
        }
        page_number += 1;
    }
}

/// Compliance per client and software, with the seats short.
pub async fn compliance(db: &DatabaseConnection, client: Option<&str>) -> anyhow::Result<()> {
    let client_id = match client {
        Some(code) => {
            equipment::labels::filter_by_names(db, Some(code), None)
                .await?
                .client_id
        }
        None => None,
    };
    let rows = compliance::compliance(
        db,
        &Actor::System,
        &ComplianceQuery {
            client_id,
            software_id: None,
        },
    )
    .await?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "client\tsoftware\towned\tassigned\tinstalled\tunlicensed\tshort\tstate"
    )?;
    for r in &rows {
        let owned = if r.unlimited {
            "unlimited".to_owned()
        } else {
            r.owned.to_string()
        };
        writeln!(
            out,
            "{}\t{}\t{owned}\t{}\t{}\t{}\t{}\t{}",
            r.client_name,
            r.software_name,
            r.assigned,
            r.installed,
            r.unlicensed,
            r.short,
            r.state.code()
        )?;
    }
    Ok(())
}

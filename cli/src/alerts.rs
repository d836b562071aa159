//! `parc alerts scan`: the alert scan's command-line door, run as the
//! system; each alert raised is printed, one per line; `--notify` tells
//! the desktop too.

use chrono::NaiveDate;
use parc_core::alerts::cycle;
use parc_core::DatabaseConnection;
use std::io::Write;

pub async fn scan(
    db: &DatabaseConnection,
    date: Option<NaiveDate>,
    notify: bool,
) -> anyhow::Result<()> {
    let day = date.unwrap_or_else(parc_core::clock::today);
    let round = cycle::run(db, day, notify).await?;
    if let Some(problem) = &round.mail_problem {
        eprintln!("parc: the alert e-mails were not queued: {problem}");
    }
    if notify {
        for notice in &round.notices {
            if let Err(problem) = crate::notifier::show(notice) {
                eprintln!("parc: {problem}");
                break;
            }
        }
        eprintln!("{day}: {} desktop notifications", round.notices.len());
    }
    let summary = round.summary;
    let mut out = std::io::stdout().lock();
    for alert in &summary.raised {
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            alert.rule.code(),
            alert.due_on.map(|d| d.to_string()).unwrap_or_default(),
            alert.threshold_days,
            alert.title
        )?;
    }
    eprintln!(
        "{day}: {} alerts raised, {} resolved",
        summary.raised.len(),
        summary.resolved
    );
    Ok(())
}

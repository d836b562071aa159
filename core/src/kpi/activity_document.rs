//! The activity report as printed and exported, every word in the document
//! language: a PDF (`parc_pdf::report_pdf`'s layout, with bar charts of the
//! tickets by priority, the SLA outcomes and the time per person) and a CSV
//! of the same figures and lists, one block per section under its own
//! heading row (a spreadsheet opens it as it is; cells from users are
//! neutralised like every export's).

use super::activity::activity_report;
use crate::desk::local_time::CompanyZone;
use crate::desk::report::{duration_text, kind_word, status_word};
use crate::error::{CoreError, CoreResult};
use crate::invoices::document::company_party;
use crate::spreadsheet::neutralise;
use crate::{settings, Actor};
use chrono::NaiveDate;
use parc_api::auth::Language;
use parc_api::kpi::{ActivityQuery, ActivityReport, Compliance, EquipmentChange, Statistics};
use parc_api::licences::ComplianceState;
use parc_api::tickets::{Priority, SlaState, TicketStatus};
use parc_pdf::{BarChart, BarRow, InvoiceParty, ReportBody, ReportDocument, ReportSection};
use sea_orm::ConnectionTrait;

#[derive(Debug)]
struct Words {
    title: &'static str,
    client: &'static str,
    summary: &'static str,
    period: &'static str,
    to: &'static str,
    opened: &'static str,
    resolved: &'static str,
    first_response: &'static str,
    resolution: &'static str,
    mean_resolve: &'static str,
    interventions_done: &'static str,
    billable: &'static str,
    non_billable: &'static str,
    invoiced: &'static str,
    equipment_changes: &'static str,
    added: &'static str,
    moved: &'static str,
    retired: &'static str,
    by_priority: &'static str,
    priorities: [&'static str; 4],
    sla: &'static str,
    met: &'static str,
    breached: &'static str,
    time_per_person: &'static str,
    interventions: &'static str,
    intervention_heads: [&'static str; 5],
    tickets: &'static str,
    ticket_heads: [&'static str; 6],
    statuses: [&'static str; 6],
    equipment: &'static str,
    equipment_heads: [&'static str; 4],
    licences: &'static str,
    licence_heads: [&'static str; 5],
    compliance_states: [&'static str; 3],
    none: &'static str,
    more: &'static str,
    section: &'static str,
    figure: &'static str,
    value: &'static str,
    vat_number: &'static str,
    footer: &'static str,
}

const FRENCH: Words = Words {
    title: "Rapport d'activité",
    client: "Client",
    summary: "Synthèse",
    period: "Période",
    to: "au",
    opened: "Tickets ouverts",
    resolved: "Tickets résolus",
    first_response: "SLA première réponse",
    resolution: "SLA résolution",
    mean_resolve: "Délai moyen de résolution",
    interventions_done: "Interventions réalisées",
    billable: "Temps facturable",
    non_billable: "Temps non facturable",
    invoiced: "Facturé (HT)",
    equipment_changes: "Équipements ajoutés / déplacés / réformés",
    added: "Ajouté",
    moved: "Déplacé",
    retired: "Réformé",
    by_priority: "Tickets ouverts par priorité",
    priorities: ["Basse", "Normale", "Haute", "Urgente"],
    sla: "Respect des SLA (tickets ouverts sur la période)",
    met: "Respecté",
    breached: "Dépassé",
    time_per_person: "Temps passé par technicien",
    interventions: "Interventions",
    intervention_heads: ["Date", "Référence", "Type", "Technicien", "État"],
    tickets: "Tickets",
    ticket_heads: ["Référence", "Titre", "Priorité", "Ouvert le", "État", "SLA"],
    statuses: [
        "Nouveau",
        "Assigné",
        "En cours",
        "En attente du client",
        "Résolu",
        "Clos",
    ],
    equipment: "Mouvements d'équipements",
    equipment_heads: ["Date", "Mouvement", "Référence", "Désignation"],
    licences: "Conformité des licences (à ce jour)",
    licence_heads: ["Logiciel", "Acquises", "Attribuées", "Installées", "État"],
    compliance_states: ["Licences manquantes", "À attribuer", "Conforme"],
    none: "Aucun",
    more: "autres non listés",
    section: "Section",
    figure: "Indicateur",
    value: "Valeur",
    vat_number: "TVA intracommunautaire",
    footer: "Rapport d'activité",
};

const ENGLISH: Words = Words {
    title: "Activity report",
    client: "Client",
    summary: "Summary",
    period: "Period",
    to: "to",
    opened: "Tickets opened",
    resolved: "Tickets resolved",
    first_response: "First response SLA",
    resolution: "Resolution SLA",
    mean_resolve: "Mean time to resolve",
    interventions_done: "Interventions carried out",
    billable: "Billable time",
    non_billable: "Non-billable time",
    invoiced: "Invoiced (excl. VAT)",
    equipment_changes: "Equipment added / moved / retired",
    added: "Added",
    moved: "Moved",
    retired: "Retired",
    by_priority: "Tickets opened by priority",
    priorities: ["Low", "Normal", "High", "Urgent"],
    sla: "SLA compliance (tickets opened in the period)",
    met: "Met",
    breached: "Breached",
    time_per_person: "Time spent per technician",
    interventions: "Interventions",
    intervention_heads: ["Date", "Reference", "Kind", "Technician", "Status"],
    tickets: "Tickets",
    ticket_heads: ["Reference", "Title", "Priority", "Opened", "Status", "SLA"],
    statuses: [
        "New",
        "Assigned",
        "In progress",
        "Waiting for client",
        "Resolved",
        "Closed",
    ],
    equipment: "Equipment changes",
    equipment_heads: ["Date", "Change", "Reference", "Name"],
    licences: "Licence compliance (today)",
    licence_heads: ["Software", "Owned", "Assigned", "Installed", "State"],
    compliance_states: ["Seats missing", "To assign", "Compliant"],
    none: "None",
    more: "more not listed",
    section: "Section",
    figure: "Figure",
    value: "Value",
    vat_number: "VAT number",
    footer: "Activity report",
};

fn words(language: Language) -> &'static Words {
    match language {
        Language::Fr => &FRENCH,
        Language::En => &ENGLISH,
    }
}

fn day(language: Language, d: NaiveDate) -> String {
    match language {
        Language::Fr => d.format("%d/%m/%Y").to_string(),
        Language::En => d.format("%Y-%m-%d").to_string(),
    }
}

fn priority_word(w: &Words, p: Priority) -> &'static str {
    w.priorities[Priority::ALL.iter().position(|x| *x == p).unwrap_or(0)]
}

fn ticket_status_word(w: &Words, s: TicketStatus) -> &'static str {
    w.statuses[TicketStatus::ALL.iter().position(|x| *x == s).unwrap_or(0)]
}

fn outcome_word(w: &Words, state: Option<SlaState>) -> &'static str {
    match state {
        Some(SlaState::Met) => w.met,
        Some(SlaState::Breached) => w.breached,
        _ => "",
    }
}

/// "92 % (11 / 12)", or "—" while nothing is settled.
fn compliance_text(language: Language, c: Compliance) -> String {
    match c.percent() {
        Some(p) => {
            let settled = c.met + c.breached;
            match language {
                Language::Fr => format!("{p:.0}\u{a0}% ({} / {settled})", c.met),
                Language::En => format!("{p:.0}% ({} / {settled})", c.met),
            }
        }
        None => "—".into(),
    }
}

/// The period's figures as (label, value) lines: the PDF's summary, the
/// CSV's first block, and the statistics page's export.
fn summary(
    language: Language,
    report: Option<&ActivityReport>,
    s: &Statistics,
) -> Vec<(String, String)> {
    let w = words(language);
    let french = language == Language::Fr;
    let mut facts = vec![
        (
            w.period.to_owned(),
            format!("{} {} {}", day(language, s.from), w.to, day(language, s.to)),
        ),
        (w.opened.to_owned(), s.tickets_opened.to_string()),
        (w.resolved.to_owned(), s.tickets_resolved.to_string()),
        (
            w.first_response.to_owned(),
            compliance_text(language, s.first_response),
        ),
        (
            w.resolution.to_owned(),
            compliance_text(language, s.resolution),
        ),
        (
            w.mean_resolve.to_owned(),
            s.mean_minutes_to_resolve
                .map(duration_text)
                .unwrap_or_else(|| "—".into()),
        ),
        (
            w.interventions_done.to_owned(),
            s.interventions_done.to_string(),
        ),
        (w.billable.to_owned(), duration_text(s.billable_minutes())),
        (
            w.non_billable.to_owned(),
            duration_text(s.non_billable_minutes()),
        ),
        (
            w.invoiced.to_owned(),
            parc_api::money::display(s.invoiced_cents, french),
        ),
    ];
    if let Some(report) = report {
        let e = report.equipment;
        facts.push((
            w.equipment_changes.to_owned(),
            format!("{} / {} / {}", e.added, e.moved, e.retired),
        ));
    }
    facts
}

fn priority_chart(w: &Words, s: &Statistics) -> BarChart {
    BarChart {
        series: vec![w.opened.to_owned()],
        rows: s
            .opened_by_priority
            .iter()
            .map(|p| BarRow {
                label: priority_word(w, p.priority).to_owned(),
                values: vec![p.count],
                total: p.count.to_string(),
            })
            .collect(),
    }
}

fn sla_chart(language: Language, s: &Statistics) -> BarChart {
    let w = words(language);
    let row = |label: &str, c: Compliance| BarRow {
        label: label.to_owned(),
        values: vec![c.met, c.breached],
        total: compliance_text(language, c),
    };
    BarChart {
        series: vec![w.met.to_owned(), w.breached.to_owned()],
        rows: vec![
            row(w.first_response, s.first_response),
            row(w.resolution, s.resolution),
        ],
    }
}

fn time_chart(w: &Words, s: &Statistics) -> BarChart {
    BarChart {
        series: vec![w.billable.to_owned(), w.non_billable.to_owned()],
        rows: s
            .time
            .iter()
            .map(|t| BarRow {
                label: t.name.clone(),
                values: vec![
                    u64::try_from(t.billable_minutes).unwrap_or(0),
                    u64::try_from(t.non_billable_minutes).unwrap_or(0),
                ],
                total: duration_text(t.billable_minutes + t.non_billable_minutes),
            })
            .collect(),
    }
}

/// The tables of the report: (heading, column headings, relative widths,
/// rows, how many more were not listed).
fn tables(language: Language, zone: &CompanyZone, r: &ActivityReport) -> Vec<Table> {
    let w = words(language);
    let local_day = |t: chrono::DateTime<chrono::Utc>| {
        zone.day(t).map(|d| day(language, d)).unwrap_or_default()
    };
    let interventions = r
        .interventions
        .iter()
        .map(|i| {
            vec![
                i.scheduled_start
                    .or(i.actual_start)
                    .map(local_day)
                    .unwrap_or_default(),
                i.reference.clone(),
                kind_word(language, i.kind).to_owned(),
                i.technician_name.clone().unwrap_or_default(),
                status_word(language, i.status).to_owned(),
            ]
        })
        .collect::<Vec<_>>();
    let tickets = r
        .tickets
        .iter()
        .map(|t| {
            let sla = [
                outcome_word(w, t.first_response),
                outcome_word(w, t.resolution),
            ]
            .into_iter()
            .filter(|o| !o.is_empty())
            .collect::<Vec<_>>()
            .join(" / ");
            vec![
                t.reference.clone(),
                t.title.clone(),
                priority_word(w, t.priority).to_owned(),
                local_day(t.created_at),
                ticket_status_word(w, t.status).to_owned(),
                sla,
            ]
        })
        .collect::<Vec<_>>();
    let equipment = r
        .equipment_events
        .iter()
        .map(|e| {
            vec![
                day(language, e.day),
                match e.change {
                    EquipmentChange::Added => w.added,
                    EquipmentChange::Moved => w.moved,
                    EquipmentChange::Retired => w.retired,
                }
                .to_owned(),
                e.reference.clone(),
                e.name.clone(),
            ]
        })
        .collect::<Vec<_>>();
    let licences = r
        .licences
        .iter()
        .map(|l| {
            vec![
                l.software_name.clone(),
                if l.unlimited {
                    "∞".into()
                } else {
                    l.owned.to_string()
                },
                l.assigned.to_string(),
                l.installed.to_string(),
                w.compliance_states[match l.state {
                    ComplianceState::Short => 0,
                    ComplianceState::ToAssign => 1,
                    ComplianceState::Compliant => 2,
                }]
                .to_owned(),
            ]
        })
        .collect::<Vec<_>>();
    let equipment_total = r.equipment.added + r.equipment.moved + r.equipment.retired;
    let unlisted = |total: u64, listed: usize| total.saturating_sub(listed as u64);
    vec![
        Table {
            heading: w.interventions,
            heads: w.intervention_heads.to_vec(),
            widths: vec![14, 16, 16, 24, 14],
            more: unlisted(r.interventions_total, interventions.len()),
            rows: interventions,
        },
        Table {
            heading: w.tickets,
            heads: w.ticket_heads.to_vec(),
            widths: vec![14, 36, 11, 13, 14, 16],
            more: unlisted(r.tickets_total, tickets.len()),
            rows: tickets,
        },
        Table {
            heading: w.equipment,
            heads: w.equipment_heads.to_vec(),
            widths: vec![14, 14, 16, 40],
            more: unlisted(equipment_total, equipment.len()),
            rows: equipment,
        },
        Table {
            heading: w.licences,
            heads: w.licence_heads.to_vec(),
            widths: vec![40, 12, 12, 12, 24],
            more: 0,
            rows: licences,
        },
    ]
}

struct Table {
    heading: &'static str,
    heads: Vec<&'static str>,
    widths: Vec<u16>,
    rows: Vec<Vec<String>>,
    more: u64,
}

/// The report ready to print.
pub async fn activity_document(
    db: &impl ConnectionTrait,
    report: &ActivityReport,
) -> CoreResult<ReportDocument> {
    let language = settings::document_language(db).await?;
    let w = words(language);
    let zone = CompanyZone::load(db).await?;
    let company = settings::company(db).await?;
    let s = &report.statistics;
    let mut sections = vec![
        ReportSection {
            heading: w.summary.to_owned(),
            body: ReportBody::Facts(summary(language, Some(report), s)),
        },
        ReportSection {
            heading: w.by_priority.to_owned(),
            body: ReportBody::Bars(priority_chart(w, s)),
        },
        ReportSection {
            heading: w.sla.to_owned(),
            body: ReportBody::Bars(sla_chart(language, s)),
        },
    ];
    if !s.time.is_empty() {
        sections.push(ReportSection {
            heading: w.time_per_person.to_owned(),
            body: ReportBody::Bars(time_chart(w, s)),
        });
    }
    for table in tables(language, &zone, report) {
        let body = if table.rows.is_empty() {
            ReportBody::Text(w.none.to_owned())
        } else {
            let mut rows = table.rows;
            if table.more > 0 {
                rows.push(vec![format!("… {} {}", table.more, w.more)]);
            }
            ReportBody::Table {
                headings: table.heads.iter().map(|h| (*h).to_owned()).collect(),
                widths: table.widths,
                rows,
            }
        };
        sections.push(ReportSection {
            heading: table.heading.to_owned(),
            body,
        });
    }
    Ok(ReportDocument {
        title: format!("{} — {}", w.title, report.client_name),
        company: company_party(&company, w.vat_number),
        client_heading: w.client.to_owned(),
        client: InvoiceParty {
            name: report.client_name.clone(),
            lines: vec![
                report.client_code.clone(),
                format!("{} {} {}", day(language, s.from), w.to, day(language, s.to)),
            ],
        },
        header_text: String::new(),
        sections,
        signatures: None,
        footer: format!(
            "{} {} — {} {} {}",
            w.footer,
            report.client_code,
            day(language, s.from),
            w.to,
            day(language, s.to)
        ),
        logo: settings::logo(db).await?,
    })
}

/// The file name of a report: `parc-activity-CODE-FROM-TO.EXT`.
pub fn file_stem(report: &ActivityReport) -> String {
    let code: String = report
        .client_code
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!(
        "parc-activity-{code}-{}-{}",
        report.statistics.from, report.statistics.to
    )
}

/// The PDF of the activity report the query asks for, and its data.
pub async fn activity_pdf(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &ActivityQuery,
) -> CoreResult<(ActivityReport, Vec<u8>)> {
    let report = activity_report(db, actor, query).await?;
    let bytes = pdf_of(db, &report).await?;
    Ok((report, bytes))
}

/// The PDF of a report already made.
pub async fn pdf_of(db: &impl ConnectionTrait, report: &ActivityReport) -> CoreResult<Vec<u8>> {
    let document = activity_document(db, report).await?;
    parc_pdf::report_pdf(&document)
        .map_err(|e| CoreError::Internal(format!("cannot draw the activity report: {e}")))
}

fn csv_error(e: impl std::fmt::Display) -> CoreError {
    CoreError::Internal(format!("cannot write the CSV: {e}"))
}

/// The activity report as CSV: the summary's (figure, value) lines, then
/// each list under a line naming it and its column headings.
pub async fn write_activity_csv<W: std::io::Write>(
    db: &impl ConnectionTrait,
    report: &ActivityReport,
    out: W,
) -> CoreResult<()> {
    let language = settings::document_language(db).await?;
    let w = words(language);
    let zone = CompanyZone::load(db).await?;
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(out);
    writer
        .write_record([
            w.title,
            &neutralise(&report.client_code),
            &neutralise(&report.client_name),
        ])
        .map_err(csv_error)?;
    write_summary(&mut writer, language, Some(report), &report.statistics)?;
    for table in tables(language, &zone, report) {
        writer.write_record([table.heading]).map_err(csv_error)?;
        writer.write_record(&table.heads).map_err(csv_error)?;
        for row in &table.rows {
            // Titles, names and software come from users (a ticket's
            // title from the portal): never a formula in a spreadsheet.
            writer
                .write_record(row.iter().map(|cell| neutralise(cell).into_owned()))
                .map_err(csv_error)?;
        }
        if table.more > 0 {
            writer
                .write_record([format!("… {} {}", table.more, w.more)])
                .map_err(csv_error)?;
        }
    }
    writer.flush().map_err(csv_error)
}

fn write_summary<W: std::io::Write>(
    writer: &mut csv::Writer<W>,
    language: Language,
    report: Option<&ActivityReport>,
    s: &Statistics,
) -> CoreResult<()> {
    let w = words(language);
    writer
        .write_record([w.figure, w.value])
        .map_err(csv_error)?;
    for (label, value) in summary(language, report, s) {
        writer
            .write_record([label, neutralise(&value).into_owned()])
            .map_err(csv_error)?;
    }
    writer
        .write_record([w.section, w.by_priority])
        .map_err(csv_error)?;
    for p in &s.opened_by_priority {
        writer
            .write_record([priority_word(w, p.priority).to_owned(), p.count.to_string()])
            .map_err(csv_error)?;
    }
    writer
        .write_record([w.time_per_person, w.billable, w.non_billable])
        .map_err(csv_error)?;
    for t in &s.time {
        writer
            .write_record([
                neutralise(&t.name).into_owned(),
                duration_text(t.billable_minutes),
                duration_text(t.non_billable_minutes),
            ])
            .map_err(csv_error)?;
    }
    Ok(())
}

/// The statistics page's figures as CSV (the same summary, priorities and
/// time per person as the activity report's first blocks).
pub async fn write_statistics_csv<W: std::io::Write>(
    db: &impl ConnectionTrait,
    statistics: &Statistics,
    out: W,
) -> CoreResult<()> {
    let language = settings::document_language(db).await?;
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(out);
    write_summary(&mut writer, language, None, statistics)?;
    writer.flush().map_err(csv_error)
}

#[cfg(test)]
mod words_tests {
    #[test]
    fn every_word_is_written_in_both_languages() {
        crate::words_check::assert_complete("activity report", &super::FRENCH, &super::ENGLISH);
    }
}

//! The intervention report as printed: the company and the client, the
//! technician, the dates and times (the company's local time), the time
//! spent, the work done, the parts used, the equipment with serials, the
//! ticket it answers and a signature area — each section kept or left out
//! by the layout settings, every word in the document language. The layout
//! itself is `parc_pdf::report_pdf`'s.

use super::interventions::{find_by_reference, get_intervention};
use super::local_time::CompanyZone;
use super::ticket_entity as tickets;
use crate::clients::client_entity as clients;
use crate::error::{CoreError, CoreResult};
use crate::invoices::document::{company_party, identity_lines};
use crate::sites::site_entity as sites;
use crate::{settings, Actor};
use parc_api::auth::Language;
use parc_api::interventions::{InterventionDetail, InterventionKind, InterventionStatus};
use parc_api::problem::Thing;
use parc_pdf::{InvoiceParty, ReportBody, ReportDocument, ReportSection};
use sea_orm::{ConnectionTrait, EntityTrait};

#[derive(Debug)]
struct Words {
    title: &'static str,
    client: &'static str,
    intervention: &'static str,
    kind: &'static str,
    kinds: [&'static str; 3],
    status: &'static str,
    statuses: [&'static str; 4],
    site: &'static str,
    technician: &'static str,
    scheduled: &'static str,
    started: &'static str,
    ended: &'static str,
    time_spent: &'static str,
    contract: &'static str,
    ticket: &'static str,
    equipment: &'static str,
    equipment_heads: [&'static str; 3],
    work_done: &'static str,
    nothing_written: &'static str,
    parts: &'static str,
    part_heads: [&'static str; 3],
    terms: &'static str,
    signatures: [&'static str; 2],
    vat_number: &'static str,
    to: &'static str,
}

const FRENCH: Words = Words {
    title: "Rapport d'intervention",
    client: "Client",
    intervention: "Détails de l'intervention",
    kind: "Type",
    kinds: ["Corrective", "Préventive", "Installation"],
    status: "État",
    statuses: ["Planifiée", "En cours", "Terminée", "Annulée"],
    site: "Site",
    technician: "Technicien",
    scheduled: "Prévue",
    started: "Début",
    ended: "Fin",
    time_spent: "Temps passé",
    contract: "Contrat",
    ticket: "Ticket",
    equipment: "Équipements",
    equipment_heads: ["Référence", "Désignation", "N° de série"],
    work_done: "Travaux effectués",
    nothing_written: "(non renseigné)",
    parts: "Pièces utilisées",
    part_heads: ["Pièce", "Référence", "Qté"],
    terms: "Conditions",
    signatures: ["Signature du technicien", "Signature du client"],
    vat_number: "TVA intracommunautaire",
    to: "au",
};

const ENGLISH: Words = Words {
    title: "Intervention report",
    client: "Client",
    intervention: "Intervention details",
    kind: "Kind",
    kinds: ["Corrective", "Preventive", "Installation"],
    status: "Status",
    statuses: ["Scheduled", "In progress", "Done", "Cancelled"],
    site: "Site",
    technician: "Technician",
    scheduled: "Scheduled",
    started: "Started",
    ended: "Ended",
    time_spent: "Time spent",
    contract: "Contract",
    ticket: "Ticket",
    equipment: "Equipment",
    equipment_heads: ["Reference", "Name", "Serial number"],
    work_done: "Work done",
    nothing_written: "(not written)",
    parts: "Parts used",
    part_heads: ["Part", "Part number", "Qty"],
    terms: "Terms",
    signatures: ["Technician's signature", "Client's signature"],
    vat_number: "VAT number",
    to: "to",
};

fn words(language: Language) -> &'static Words {
    match language {
        Language::Fr => &FRENCH,
        Language::En => &ENGLISH,
    }
}

/// An intervention kind's word in `language` (the activity report lists them too).
pub(crate) fn kind_word(language: Language, kind: InterventionKind) -> &'static str {
    let w = words(language);
    w.kinds[InterventionKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0)]
}

/// An intervention status's word in `language`.
pub(crate) fn status_word(language: Language, status: InterventionStatus) -> &'static str {
    let w = words(language);
    w.statuses[InterventionStatus::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or(0)]
}

/// "1 h 05", "45 min".
pub fn duration_text(minutes: i64) -> String {
    if minutes < 60 {
        format!("{minutes} min")
    } else {
        format!("{} h {:02}", minutes / 60, minutes % 60)
    }
}

/// The report of the intervention `id`, ready to print.
pub async fn report_document(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<ReportDocument> {
    let detail = get_intervention(db, actor, id).await?;
    document_of(db, &detail).await
}

/// The PDF of the intervention `id`'s report, and its file name.
pub async fn report_pdf(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<(Vec<u8>, String)> {
    let detail = get_intervention(db, actor, id).await?;
    rendered(db, &detail).await
}

/// The same, for the intervention with this reference (`parc intervention pdf REF`).
pub async fn report_pdf_by_reference(
    db: &impl ConnectionTrait,
    actor: &Actor,
    reference: &str,
) -> CoreResult<(Vec<u8>, String)> {
    let detail = find_by_reference(db, actor, reference).await?;
    rendered(db, &detail).await
}

async fn rendered(
    db: &impl ConnectionTrait,
    detail: &InterventionDetail,
) -> CoreResult<(Vec<u8>, String)> {
    let document = document_of(db, detail).await?;
    let bytes = parc_pdf::report_pdf(&document)
        .map_err(|e| CoreError::Internal(format!("cannot draw the report: {e}")))?;
    Ok((bytes, format!("{}.pdf", detail.row.reference)))
}

async fn document_of(
    db: &impl ConnectionTrait,
    detail: &InterventionDetail,
) -> CoreResult<ReportDocument> {
    let language = settings::document_language(db).await?;
    let w = words(language);
    let french = language == Language::Fr;
    let zone = CompanyZone::load(db).await?;
    let layout = settings::report_layout(db).await?;
    let company = settings::company(db).await?;
    let row = &detail.row;
    let client = clients::Entity::find_by_id(
        i32::try_from(row.client_id).map_err(|_| CoreError::not_found(Thing::Client))?,
    )
    .one(db)
    .await?
    .ok_or(CoreError::not_found(Thing::Client))?;
    let mut client_lines = Vec::new();
    let site = match detail.input.site_id.and_then(|s| i32::try_from(s).ok()) {
        Some(id) => sites::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    if let Some(site) = &site {
        client_lines.push(format!("{} : {}", w.site, site.name));
        client_lines.extend(
            site.address
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned),
        );
    } else {
        client_lines.extend(identity_lines(
            &client.billing_address,
            "",
            "",
            w.vat_number,
        ));
    }
    let at = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| zone.display(t, french)).unwrap_or_default()
    };
    let kind = kind_word(language, row.kind);
    let status = status_word(language, row.status);
    let mut facts = vec![
        (w.kind.to_owned(), kind.to_owned()),
        (w.status.to_owned(), status.to_owned()),
        (
            w.technician.to_owned(),
            row.technician_name.clone().unwrap_or_default(),
        ),
    ];
    if let Some(start) = row.scheduled_start {
        let end = row
            .scheduled_end
            .map(|e| format!(" {} {}", w.to, zone.display(e, french)))
            .unwrap_or_default();
        facts.push((w.scheduled.to_owned(), format!("{}{end}", at(Some(start)))));
    }
    if layout.show_time {
        facts.push((w.started.to_owned(), at(row.actual_start)));
        facts.push((w.ended.to_owned(), at(row.actual_end)));
        facts.push((w.time_spent.to_owned(), duration_text(detail.minutes_spent)));
    }
    if let Some(contract) = &detail.contract_reference {
        facts.push((w.contract.to_owned(), contract.clone()));
    }
    if layout.show_ticket {
        if let Some(ticket_id) = row.ticket_id.and_then(|t| i32::try_from(t).ok()) {
            if let Some(ticket) = tickets::Entity::find_by_id(ticket_id).one(db).await? {
                facts.push((
                    w.ticket.to_owned(),
                    format!("{} — {}", ticket.reference, ticket.title),
                ));
            }
        }
    }
    facts.retain(|(_, value)| !value.is_empty());
    let mut sections = vec![ReportSection {
        heading: w.intervention.to_owned(),
        body: ReportBody::Facts(facts),
    }];
    if layout.show_equipment && !detail.equipment.is_empty() {
        sections.push(ReportSection {
            heading: w.equipment.to_owned(),
            body: ReportBody::Table {
                headings: w.equipment_heads.iter().map(|h| (*h).to_owned()).collect(),
                widths: vec![25, 45, 30],
                rows: detail
                    .equipment
                    .iter()
                    .map(|e| vec![e.reference.clone(), e.name.clone(), e.serial_number.clone()])
                    .collect(),
            },
        });
    }
    if layout.show_work_done {
        let text = if detail.input.work_done.trim().is_empty() {
            w.nothing_written.to_owned()
        } else {
            detail.input.work_done.clone()
        };
        sections.push(ReportSection {
            heading: w.work_done.to_owned(),
            body: ReportBody::Text(text),
        });
    }
    if layout.show_parts && !detail.parts.is_empty() {
        sections.push(ReportSection {
            heading: w.parts.to_owned(),
            body: ReportBody::Table {
                headings: w.part_heads.iter().map(|h| (*h).to_owned()).collect(),
                widths: vec![55, 35, 10],
                rows: detail
                    .parts
                    .iter()
                    .map(|p| {
                        vec![
                            p.name.clone(),
                            p.part_number.clone(),
                            p.quantity.to_string(),
                        ]
                    })
                    .collect(),
            },
        });
    }
    if !layout.terms.trim().is_empty() {
        sections.push(ReportSection {
            heading: w.terms.to_owned(),
            body: ReportBody::Text(layout.terms.clone()),
        });
    }
    let logo = if layout.show_logo {
        settings::logo(db).await?
    } else {
        None
    };
    Ok(ReportDocument {
        title: format!("{} {}", w.title, row.reference),
        company: company_party(&company, w.vat_number),
        client_heading: w.client.to_owned(),
        client: InvoiceParty {
            name: client.name.clone(),
            lines: client_lines,
        },
        header_text: layout.header_text.clone(),
        sections,
        signatures: layout
            .show_signatures
            .then(|| w.signatures.map(str::to_owned)),
        footer: layout.footer_text.clone(),
        logo,
    })
}

#[cfg(test)]
mod tests {
    use super::duration_text;

    #[test]
    fn durations_read_as_hours_and_minutes() {
        assert_eq!(duration_text(45), "45 min");
        assert_eq!(duration_text(65), "1 h 05");
        assert_eq!(duration_text(600), "10 h 00");
    }
}

#[cfg(test)]
mod words_tests {
    #[test]
    fn every_word_is_written_in_both_languages() {
        crate::words_check::assert_complete("intervention report", &super::FRENCH, &super::ENGLISH);
    }
}

//! An invoice or credit note as printed: every word and figure written in
//! the document language, from the snapshot taken at finalisation (a draft
//! prints today's identity, marked as a draft). The layout is
//! `parc_pdf::invoice_pdf`'s.
//!
//! The mentions are those French law asks of an invoice between
//! businesses (Code de commerce L441-9 and L441-10): both parties' names,
//! addresses, SIREN/SIRET and VAT numbers, number and date, the service
//! period, each line's quantity, unit price excluding VAT and VAT rate, the
//! totals per rate, the due date and payment terms, the late-payment
//! penalty rate and the €40 fixed recovery indemnity; a credit note names
//! the invoice it cancels.

use super::invoice_entity as invoices;
use super::snapshot::{self, ClientSnapshot, SellerSnapshot};
use super::{find_visible, kind_of, lines_of};
use crate::authz::{require, Operation};
use crate::clients::client_entity as clients;
use crate::contracts::contract_entity as contracts;
use crate::error::{CoreError, CoreResult};
use crate::{settings, Actor};
use parc_api::auth::Language;
use parc_api::billing::{quantity_text, rate_text, totals};
use parc_api::invoices::InvoiceKind;
use parc_api::problem::Thing;
use parc_pdf::{InvoiceDocument, InvoiceLine, InvoiceParty};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The words of a document, per language.
#[derive(Debug)]
struct Words {
    invoice: &'static str,
    credit_note: &'static str,
    draft: &'static str,
    billed_to: &'static str,
    issue_date: &'static str,
    credit_note_date: &'static str,
    due_date: &'static str,
    period: &'static str,
    contract: &'static str,
    credits: &'static str,
    headings: [&'static str; 5],
    excluding_vat: &'static str,
    vat_on: &'static str,
    including_vat: &'static str,
    vat_number: &'static str,
    payment_terms: &'static str,
    no_discount: &'static str,
    penalty: &'static str,
    indemnity: &'static str,
    bank: &'static str,
}

const FRENCH: Words = Words {
    invoice: "Facture",
    credit_note: "Avoir",
    draft: "BROUILLON",
    billed_to: "Facturé à",
    issue_date: "Date de facture",
    credit_note_date: "Date de l'avoir",
    due_date: "Date d'échéance",
    period: "Période",
    contract: "Contrat",
    credits: "Avoir sur la facture",
    headings: ["Désignation", "Qté", "PU HT", "TVA", "Total HT"],
    excluding_vat: "Total HT",
    vat_on: "sur",
    including_vat: "Total TTC",
    vat_number: "TVA intracommunautaire",
    payment_terms: "Conditions de paiement : à {days} jours, par virement.",
    no_discount: "Pas d'escompte pour paiement anticipé.",
    penalty: "Pénalités de retard : {rate} par an, exigibles dès le lendemain de la date d'échéance.",
    indemnity: "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 € (art. L441-10 et D441-5 du Code de commerce).",
    bank: "Coordonnées bancaires",
};

const ENGLISH: Words = Words {
    invoice: "Invoice",
    credit_note: "Credit note",
    draft: "DRAFT",
    billed_to: "Billed to",
    issue_date: "Invoice date",
    credit_note_date: "Credit note date",
    due_date: "Due date",
    period: "Period",
    contract: "Contract",
    credits: "Credit note for invoice",
    headings: ["Description", "Qty", "Unit price excl. VAT", "VAT", "Total excl. VAT"],
    excluding_vat: "Total excl. VAT",
    vat_on: "on",
    including_vat: "Total incl. VAT",
    vat_number: "VAT number",
    payment_terms: "Payment terms: {days} days, by bank transfer.",
    no_discount: "No discount for early payment.",
    penalty: "Late-payment penalties: {rate} a year, due from the day after the due date.",
    indemnity: "Fixed indemnity for recovery costs in case of late payment: €40 (French Commercial Code, art. L441-10 and D441-5).",
    bank: "Bank details",
};

fn words(language: Language) -> &'static Words {
    match language {
        Language::Fr => &FRENCH,
        Language::En => &ENGLISH,
    }
}

/// Address lines, then the identifiers that are set.
fn party_lines(address: &str, siret: &str, vat_number: &str, w: &Words) -> Vec<String> {
    identity_lines(address, siret, vat_number, w.vat_number)
}

/// The company as a document's heading shows it: its name, then its
/// address and identifiers (the seller of an invoice, the author of a
/// report).
pub(crate) fn company_party(
    company: &parc_api::auth::CompanyIdentity,
    vat_label: &str,
) -> parc_pdf::InvoiceParty {
    parc_pdf::InvoiceParty {
        name: company.name.clone(),
        lines: identity_lines(
            &company.address,
            &company.siret,
            &company.vat_number,
            vat_label,
        ),
    }
}

/// A party's address lines, then its SIREN/SIRET and VAT number when set
/// (`vat_label` in the document's language): invoices and reports alike.
pub(crate) fn identity_lines(
    address: &str,
    siret: &str,
    vat_number: &str,
    vat_label: &str,
) -> Vec<String> {
    let mut lines: Vec<String> = address
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    // Grouped as INSEE prints them: 732 829 320 (SIREN), 732 829 320 00074 (SIRET).
    let grouped = |digits: &str| {
        let (siren, nic) = digits.split_at(digits.len().min(9));
        let mut text = siren
            .as_bytes()
            .chunks(3)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ");
        if !nic.is_empty() {
            text.push(' ');
            text.push_str(nic);
        }
        text
    };
    match siret.len() {
        0 => {}
        9 => lines.push(format!("SIREN {}", grouped(siret))),
        _ => lines.push(format!("SIRET {}", grouped(siret))),
    }
    if !vat_number.is_empty() {
        lines.push(format!("{vat_label} {vat_number}"));
    }
    lines
}

/// The parties a draft would be issued with, as of now.
async fn current_parties(
    db: &impl ConnectionTrait,
    model: &invoices::Model,
) -> CoreResult<(SellerSnapshot, ClientSnapshot)> {
    let client = clients::Entity::find_by_id(model.client_id)
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Client))?;
    Ok((
        SellerSnapshot {
            company: settings::company(db).await?,
            terms: settings::invoicing_terms(db).await?,
        },
        ClientSnapshot::of(&client),
    ))
}

/// The printable document of an invoice the caller has found.
pub(crate) async fn document_of(
    db: &impl ConnectionTrait,
    model: &invoices::Model,
) -> CoreResult<InvoiceDocument> {
    let language = snapshot::language_of(db, model).await?;
    let w = words(language);
    let (seller, client) = match (snapshot::seller_of(model), snapshot::client_of(model)) {
        (Some(seller), Some(client)) => (seller, client),
        _ => current_parties(db, model).await?,
    };
    let money = |cents: i64| language.money(cents);
    let kind = kind_of(model);
    let mut details = Vec::new();
    if let Some(day) = model.issue_date {
        let label = match kind {
            InvoiceKind::Invoice => w.issue_date,
            InvoiceKind::CreditNote => w.credit_note_date,
        };
        details.push(colon(language, label, &language.date(day)));
    }
    if let (Some(due), InvoiceKind::Invoice) = (model.due_date, kind) {
        details.push(colon(language, w.due_date, &language.date(due)));
    }
    if let (Some(start), Some(end)) = (model.period_start, model.period_end) {
        let span = match language {
            Language::Fr => format!("du {} au {}", language.date(start), language.date(end)),
            Language::En => format!("{} to {}", language.date(start), language.date(end)),
        };
        details.push(colon(language, w.period, &span));
    }
    if let Some(contract_id) = model.contract_id {
        if let Some(contract) = contracts::Entity::find_by_id(contract_id).one(db).await? {
            details.push(format!(
                "{} {} — {}",
                w.contract, contract.reference, contract.kind
            ));
        }
    }
    if let Some(credited_id) = model.credited_invoice_id {
        let credited = invoices::Entity::find()
            .filter(invoices::Column::Id.eq(credited_id))
            .one(db)
            .await?
            .ok_or(CoreError::not_found(Thing::Invoice))?;
        let mut line = format!(
            "{} {}",
            w.credits,
            credited.number.clone().unwrap_or_default()
        );
        if let Some(day) = credited.issue_date {
            line.push_str(match language {
                Language::Fr => " du ",
                Language::En => " of ",
            });
            line.push_str(&language.date(day));
        }
        details.push(line);
    }

    let lines = lines_of(db, model.id).await?;
    let sums = totals(lines.iter().map(|l| {
        (
            l.quantity_thousandths,
            l.unit_price_cents,
            i64::from(l.vat_rate_basis_points),
        )
    }));
    let french = language == Language::Fr;
    let mut total_rows = vec![(w.excluding_vat.to_owned(), money(sums.excluding_vat_cents))];
    for rate in &sums.per_rate {
        total_rows.push((
            format!(
                "{} {} {} {}",
                if french { "TVA" } else { "VAT" },
                rate_text(rate.rate_basis_points, french),
                w.vat_on,
                money(rate.base_cents)
            ),
            money(rate.vat_cents),
        ));
    }
    total_rows.push((w.including_vat.to_owned(), money(sums.including_vat_cents)));

    let terms = &seller.terms;
    let mut mentions = Vec::new();
    if kind == InvoiceKind::Invoice {
        if let Some(due) = model.due_date {
            mentions.push(colon(language, w.due_date, &language.date(due)));
        }
        mentions.push(
            w.payment_terms
                .replace("{days}", &terms.payment_terms_days.to_string()),
        );
        mentions.push(w.no_discount.to_owned());
        mentions.push(w.penalty.replace(
            "{rate}",
            &rate_text(terms.late_penalty_basis_points, french),
        ));
        mentions.push(w.indemnity.to_owned());
    }
    if !terms.iban.is_empty() {
        let mut bank = format!("IBAN {}", spaced_iban(&terms.iban));
        if !terms.bic.is_empty() {
            bank.push_str(&format!(" — BIC {}", terms.bic));
        }
        mentions.push(colon(language, w.bank, &bank));
    }

    let title = match kind {
        InvoiceKind::Invoice => w.invoice,
        InvoiceKind::CreditNote => w.credit_note,
    };
    Ok(InvoiceDocument {
        title: title.to_owned(),
        number: model.number.clone().unwrap_or_else(|| w.draft.to_owned()),
        seller: company_party(&seller.company, w.vat_number),
        billed_to_heading: w.billed_to.to_owned(),
        client: InvoiceParty {
            name: client.name.clone(),
            lines: party_lines(&client.address, &client.siret, &client.vat_number, w),
        },
        details,
        column_headings: w.headings.map(str::to_owned),
        lines: lines
            .iter()
            .map(|l| InvoiceLine {
                description: l.description.clone(),
                quantity: quantity_text(l.quantity_thousandths, french),
                unit_price: money(l.unit_price_cents),
                vat_rate: rate_text(i64::from(l.vat_rate_basis_points), french),
                total: money(l.total_cents),
            })
            .collect(),
        totals: total_rows,
        mentions,
        logo: settings::logo(db).await?,
    })
}

/// "Label : value" in French typography, "Label: value" in English.
fn colon(language: Language, label: &str, value: &str) -> String {
    match language {
        Language::Fr => format!("{label} : {value}"),
        Language::En => format!("{label}: {value}"),
    }
}

/// An IBAN in groups of four, as printed on statements.
fn spaced_iban(iban: &str) -> String {
    iban.chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The PDF of invoice `id`.
pub async fn invoice_pdf(db: &impl ConnectionTrait, actor: &Actor, id: i64) -> CoreResult<Vec<u8>> {
    require(actor, Operation::ReadInvoices)?;
    let model = find_visible(db, actor, id).await?;
    pdf_of(db, &model).await
}

/// The PDF of invoice `id` with its number (none for a draft), read once:
/// what a door needs to name the file it hands over.
pub async fn numbered_invoice_pdf(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<(Option<String>, Vec<u8>)> {
    require(actor, Operation::ReadInvoices)?;
    let model = find_visible(db, actor, id).await?;
    let pdf = pdf_of(db, &model).await?;
    Ok((model.number, pdf))
}

/// The PDF of the invoice or credit note numbered `number`.
pub async fn invoice_pdf_by_number(
    db: &impl ConnectionTrait,
    actor: &Actor,
    number: &str,
) -> CoreResult<Vec<u8>> {
    require(actor, Operation::ReadInvoices)?;
    let model = invoices::Entity::find()
        .filter(invoices::Column::Number.eq(number.trim()))
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Invoice))?;
    let model = find_visible(db, actor, i64::from(model.id)).await?;
    pdf_of(db, &model).await
}

async fn pdf_of(db: &impl ConnectionTrait, model: &invoices::Model) -> CoreResult<Vec<u8>> {
    let document = document_of(db, model).await?;
    parc_pdf::invoice_pdf(&document).map_err(|e| CoreError::Internal(e.to_string()))
}

#[cfg(test)]
mod words_tests {
    #[test]
    fn every_word_is_written_in_both_languages() {
        crate::words_check::assert_complete("invoice", &super::FRENCH, &super::ENGLISH);
    }
}

//! Installation-wide settings stored as key/value rows: the company identity
//! shown on documents, the language documents are written in, the invoicing
//! terms. Secrets never go here (they live in the OS keyring).
//!
//! The document language is the company's (invoices, reports, mails to
//! clients), changed by managers only and audited; it is not anyone's
//! screen: each user's interface language is their own
//! (`auth::set_own_language`). An invoice keeps the language it was
//! finalised in (`invoices::snapshot`).
//!
//! They also hold the invoicing terms (IBAN and BIC, payment terms,
//! late-penalty rate) and the logo (PNG or JPEG, at most 2 MiB), which
//! `parc_pdf::check_logo` reads before it is kept.

pub mod entity;

use crate::actor::Actor;
use crate::audit::{self, Audited};
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::validate;
use base64::Engine;
use parc_api::auth::{CompanyIdentity, Language};
use parc_api::settings::{DeskSettings, InvoicingSettings, ReportLayout};
use parc_api::ValidationCode;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set, TransactionSession, TransactionTrait};

const COMPANY_NAME: &str = "company.name";
const COMPANY_ADDRESS: &str = "company.address";
const COMPANY_SIRET: &str = "company.siret";
const COMPANY_VAT: &str = "company.vat_number";
/// Migration 16 copied it from `ui.language`, which is no longer read.
const DOCUMENT_LANGUAGE: &str = "company.document_language";
const AUTO_ASSIGN: &str = "desk.auto_assign";
const IBAN: &str = "company.iban";
const BIC: &str = "company.bic";
const LOGO: &str = "company.logo";
const PAYMENT_TERMS_DAYS: &str = "invoicing.payment_terms_days";
const LATE_PENALTY: &str = "invoicing.late_penalty_basis_points";
const REPORT_LAYOUT: &str = "reports.intervention_layout";
const HOURLY_RATE: &str = "invoicing.hourly_rate_cents";

/// The hourly rate of time and materials until a manager sets one.
pub const DEFAULT_HOURLY_RATE_CENTS: i64 = 7_500;

/// Days to pay when none is set: the usual French term.
pub const DEFAULT_PAYMENT_TERMS_DAYS: i64 = 30;
/// Late-payment penalty when none is set: 12 % a year, above the legal
/// minimum of three times the legal interest rate.
pub const DEFAULT_LATE_PENALTY_BASIS_POINTS: i64 = 1_200;
/// The largest logo accepted, in bytes.
pub const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;

pub async fn get(db: &impl ConnectionTrait, key: &str) -> CoreResult<Option<String>> {
    Ok(entity::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|row| row.value))
}

pub(crate) async fn put(db: &impl ConnectionTrait, key: &str, value: &str) -> CoreResult<()> {
    entity::Entity::insert(entity::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
    })
    .on_conflict(
        OnConflict::column(entity::Column::Key)
            .update_column(entity::Column::Value)
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// The company's document language, if one was chosen (at set-up).
pub async fn language(db: &impl ConnectionTrait) -> CoreResult<Option<Language>> {
    Ok(get(db, DOCUMENT_LANGUAGE)
        .await?
        .and_then(|code| Language::from_code(&code)))
}

/// The language documents (invoices, reports, mails to clients) are
/// written in: the company's, French until one is chosen.
pub async fn document_language(db: &impl ConnectionTrait) -> CoreResult<Language> {
    Ok(language(db).await?.unwrap_or(Language::Fr))
}

/// The document language as its audit rows show it (the settings'
/// history, entity "settings", id 0).
struct DocumentLanguage(Language);

impl Audited for DocumentLanguage {
    const ENTITY: &'static str = "settings";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![("document_language", self.0.code().to_owned())]
    }
}

/// Sets the company's document language: managers only, audited. What is
/// finalised already keeps its own.
pub async fn set_document_language<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    chosen: Language,
) -> CoreResult<()> {
    require(actor, Operation::ManageSettings)?;
    let txn = crate::db::begin_write(db).await?;
    let before = language(&txn).await?.map(DocumentLanguage);
    put(&txn, DOCUMENT_LANGUAGE, chosen.code()).await?;
    audit::record(
        &txn,
        actor,
        0,
        "update",
        before.as_ref(),
        Some(&DocumentLanguage(chosen)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The document language for the settings page.
pub async fn get_document_language(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> CoreResult<Language> {
    require(actor, Operation::ManageSettings)?;
    document_language(db).await
}

/// Whether a new ticket goes at once to its suggested technician.
pub async fn auto_assign(db: &impl ConnectionTrait) -> CoreResult<bool> {
    Ok(get(db, AUTO_ASSIGN).await?.as_deref() == Some("true"))
}

pub async fn set_auto_assign(db: &impl ConnectionTrait, actor: &Actor, on: bool) -> CoreResult<()> {
    require(actor, Operation::ManageSettings)?;
    put(db, AUTO_ASSIGN, if on { "true" } else { "false" }).await
}

pub async fn company(db: &impl ConnectionTrait) -> CoreResult<CompanyIdentity> {
    Ok(CompanyIdentity {
        name: get(db, COMPANY_NAME).await?.unwrap_or_default(),
        address: get(db, COMPANY_ADDRESS).await?.unwrap_or_default(),
        siret: get(db, COMPANY_SIRET).await?.unwrap_or_default(),
        vat_number: get(db, COMPANY_VAT).await?.unwrap_or_default(),
    })
}

/// Validates and stores the company identity (field names prefixed `company.`).
pub async fn set_company(
    db: &impl ConnectionTrait,
    actor: &Actor,
    company: &CompanyIdentity,
) -> CoreResult<()> {
    require(actor, Operation::ManageSettings)?;
    let name = validate::required("company.name", &company.name, 200)?;
    let address = validate::optional("company.address", &company.address, 1000)?;
    let siret = validate::siret("company.siret", &company.siret)?;
    let vat = validate::vat_number("company.vat_number", &company.vat_number)?;
    put(db, COMPANY_NAME, &name).await?;
    put(db, COMPANY_ADDRESS, &address).await?;
    put(db, COMPANY_SIRET, &siret).await?;
    put(db, COMPANY_VAT, &vat).await
}

/// The terms invoices print, read once per document or run.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InvoicingTerms {
    pub iban: String,
    pub bic: String,
    pub payment_terms_days: i64,
    pub late_penalty_basis_points: i64,
}

pub async fn invoicing_terms(db: &impl ConnectionTrait) -> CoreResult<InvoicingTerms> {
    let number = |value: Option<String>, default: i64| {
        value.and_then(|v| v.parse::<i64>().ok()).unwrap_or(default)
    };
    Ok(InvoicingTerms {
        iban: get(db, IBAN).await?.unwrap_or_default(),
        bic: get(db, BIC).await?.unwrap_or_default(),
        payment_terms_days: number(
            get(db, PAYMENT_TERMS_DAYS).await?,
            DEFAULT_PAYMENT_TERMS_DAYS,
        ),
        late_penalty_basis_points: number(
            get(db, LATE_PENALTY).await?,
            DEFAULT_LATE_PENALTY_BASIS_POINTS,
        ),
    })
}

pub async fn invoicing(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<InvoicingSettings> {
    require(actor, Operation::ManageSettings)?;
    let terms = invoicing_terms(db).await?;
    Ok(InvoicingSettings {
        iban: terms.iban,
        bic: terms.bic,
        payment_terms_days: terms.payment_terms_days.to_string(),
        late_penalty_rate: parc_api::billing::rate_plain(terms.late_penalty_basis_points),
        has_logo: get(db, LOGO).await?.is_some(),
        hourly_rate: parc_api::money::plain(hourly_rate(db).await?),
    })
}

/// The hourly rate of billable time no contract covers, in cents.
pub async fn hourly_rate(db: &impl ConnectionTrait) -> CoreResult<i64> {
    Ok(get(db, HOURLY_RATE)
        .await?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_HOURLY_RATE_CENTS))
}

/// Validates and stores the invoicing terms.
pub async fn set_invoicing(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &InvoicingSettings,
) -> CoreResult<()> {
    require(actor, Operation::ManageSettings)?;
    let iban: String = input
        .iban
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if !iban.is_empty() && !iban_is_valid(&iban) {
        return Err(CoreError::validation(
            "iban",
            ValidationCode::InvalidFormat,
            "must be an IBAN with its check digits right, like FR76 3000 6000 0112 3456 7890 189",
        ));
    }
    let bic = validate::optional("bic", &input.bic, 11)?.to_uppercase();
    let days = input
        .payment_terms_days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (0..=60).contains(d))
        .ok_or_else(|| {
            CoreError::validation(
                "payment_terms_days",
                ValidationCode::InvalidFormat,
                "must be a number of days from 0 to 60 (the French legal maximum)",
            )
        })?;
    let penalty = parc_api::billing::parse_rate(&input.late_penalty_rate).map_err(|()| {
        CoreError::validation(
            "late_penalty_rate",
            ValidationCode::InvalidFormat,
            "must be a rate in percent, like 12 or 10.5",
        )
    })?;
    let hourly_rate = parc_api::money::parse_cents(&input.hourly_rate)
        .ok()
        .map(|cents| cents.unwrap_or(DEFAULT_HOURLY_RATE_CENTS))
        .filter(|cents| *cents >= 0)
        .ok_or_else(|| {
            CoreError::validation(
                "hourly_rate",
                ValidationCode::InvalidAmount,
                "must be an amount, like 75 or 62.50",
            )
        })?;
    put(db, HOURLY_RATE, &hourly_rate.to_string()).await?;
    put(db, IBAN, &iban).await?;
    put(db, BIC, &bic).await?;
    put(db, PAYMENT_TERMS_DAYS, &days.to_string()).await?;
    put(db, LATE_PENALTY, &penalty.to_string()).await
}

/// An IBAN (upper case, no spaces): country, check digits, account, and the
/// ISO 7064 check (the number read with its first four characters moved to
/// the end, letters as 10–35, leaves 1 modulo 97).
fn iban_is_valid(iban: &str) -> bool {
    let shape = (15..=34).contains(&iban.len())
        && iban.chars().take(2).all(|c| c.is_ascii_uppercase())
        && iban.chars().skip(2).take(2).all(|c| c.is_ascii_digit())
        && iban.chars().all(|c| c.is_ascii_alphanumeric());
    if !shape {
        return false;
    }
    let rearranged = iban[4..].chars().chain(iban[..4].chars());
    let remainder = rearranged.fold(0u32, |acc, c| {
        let value = c.to_digit(36).unwrap_or(0);
        if value >= 10 {
            (acc * 100 + value) % 97
        } else {
            (acc * 10 + value) % 97
        }
    });
    remainder == 1
}

/// The stored logo (PNG or JPEG bytes), if any.
pub async fn logo(db: &impl ConnectionTrait) -> CoreResult<Option<Vec<u8>>> {
    Ok(get(db, LOGO)
        .await?
        .and_then(|text| base64::engine::general_purpose::STANDARD.decode(text).ok()))
}

/// Stores a logo (PNG or JPEG, at most 2 MiB) or, with `None`, removes it.
pub async fn set_logo(
    db: &impl ConnectionTrait,
    actor: &Actor,
    image: Option<&[u8]>,
) -> CoreResult<()> {
    require(actor, Operation::ManageSettings)?;
    let Some(image) = image else {
        entity::Entity::delete_by_id(LOGO.to_owned())
            .exec(db)
            .await?;
        return Ok(());
    };
    if image.len() > MAX_LOGO_BYTES {
        return Err(CoreError::validation(
            "logo",
            ValidationCode::TooLong,
            "must be at most 2 MiB",
        ));
    }
    // Stored only if the invoice can print it.
    parc_pdf::check_logo(image)
        .map_err(|e| CoreError::validation("logo", ValidationCode::InvalidFormat, e.to_string()))?;
    put(
        db,
        LOGO,
        &base64::engine::general_purpose::STANDARD.encode(image),
    )
    .await
}

/// The service desk's settings, for the settings page.
pub async fn desk_settings(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<DeskSettings> {
    require(actor, Operation::ManageSettings)?;
    Ok(DeskSettings {
        auto_assign: auto_assign(db).await?,
    })
}

pub async fn set_desk_settings(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &DeskSettings,
) -> CoreResult<()> {
    set_auto_assign(db, actor, input.auto_assign).await
}

/// The intervention report's layout (the defaults until a manager saves one).
pub(crate) async fn report_layout(db: &impl ConnectionTrait) -> CoreResult<ReportLayout> {
    Ok(get(db, REPORT_LAYOUT)
        .await?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// The report's layout for its settings form (a manager's to change).
pub async fn read_report_layout(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> CoreResult<ReportLayout> {
    require(actor, Operation::ManageSettings)?;
    report_layout(db).await
}

/// Validates and stores the intervention report's layout.
pub async fn set_report_layout(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &ReportLayout,
) -> CoreResult<()> {
    require(actor, Operation::ManageSettings)?;
    let layout = ReportLayout {
        header_text: validate::optional("header_text", &input.header_text, 2_000)?,
        footer_text: validate::optional("footer_text", &input.footer_text, 300)?,
        terms: validate::optional("terms", &input.terms, 4_000)?,
        ..input.clone()
    };
    let json = serde_json::to_string(&layout)
        .map_err(|e| CoreError::Internal(format!("cannot encode the report layout: {e}")))?;
    put(db, REPORT_LAYOUT, &json).await
}

#[cfg(test)]
mod tests {
    use super::iban_is_valid;

    #[test]
    fn ibans_are_checked_by_their_check_digits() {
        assert!(iban_is_valid("FR7630006000011234567890189"));
        assert!(iban_is_valid("FR1420041010050500013M02606"));
        assert!(!iban_is_valid("FR7630006000011234567890188"));
        assert!(!iban_is_valid("FR76"));
        assert!(!iban_is_valid("7630006000011234567890189FR"));
    }
}

//! The parties and the language as they were when an invoice was issued. A
//! finalised invoice prints these copies, never the current settings or
//! client record: a company that moves, a client renamed, or documents
//! switched to another language do not rewrite old invoices.

use super::invoice_entity as invoices;
use crate::clients::client_entity as clients;
use crate::error::{CoreError, CoreResult};
use crate::settings::{self, InvoicingTerms};
use chrono::{Days, NaiveDate};
use parc_api::auth::{CompanyIdentity, Language};
use sea_orm::{ConnectionTrait, Set};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SellerSnapshot {
    pub company: CompanyIdentity,
    pub terms: InvoicingTerms,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSnapshot {
    pub code: String,
    pub name: String,
    pub address: String,
    pub siret: String,
    pub vat_number: String,
}

impl ClientSnapshot {
    pub fn of(client: &clients::Model) -> Self {
        ClientSnapshot {
            code: client.code.clone(),
            name: client.name.clone(),
            address: client.billing_address.clone(),
            siret: client.siret.clone(),
            vat_number: client.vat_number.clone(),
        }
    }
}

/// What issuing on a given day writes into every invoice issued with it.
pub(crate) struct Issue {
    day: NaiveDate,
    due: NaiveDate,
    seller_json: String,
    language: Language,
}

fn json<T: Serialize>(value: &T) -> CoreResult<String> {
    serde_json::to_string(value).map_err(|e| CoreError::Internal(format!("snapshot: {e}")))
}

impl Issue {
    pub async fn prepare(db: &impl ConnectionTrait, day: NaiveDate) -> CoreResult<Self> {
        let seller = SellerSnapshot {
            company: settings::company(db).await?,
            terms: settings::invoicing_terms(db).await?,
        };
        let days = u64::try_from(seller.terms.payment_terms_days).unwrap_or(0);
        Ok(Issue {
            day,
            due: day.checked_add_days(Days::new(days)).unwrap_or(day),
            seller_json: json(&seller)?,
            language: settings::document_language(db).await?,
        })
    }

    /// Numbers the invoice and copies the parties in.
    pub fn apply(
        &self,
        model: &mut invoices::ActiveModel,
        number: String,
        client: &clients::Model,
    ) -> CoreResult<()> {
        model.number = Set(Some(number));
        model.issue_date = Set(Some(self.day));
        model.due_date = Set(Some(self.due));
        model.seller_snapshot = Set(Some(self.seller_json.clone()));
        model.client_snapshot = Set(Some(json(&ClientSnapshot::of(client))?));
        model.language = Set(Some(self.language.code().to_owned()));
        model.updated_at = Set(chrono::Utc::now());
        Ok(())
    }
}

pub(crate) fn seller_of(model: &invoices::Model) -> Option<SellerSnapshot> {
    model
        .seller_snapshot
        .as_deref()
        .and_then(|text| serde_json::from_str(text).ok())
}

pub(crate) fn client_of(model: &invoices::Model) -> Option<ClientSnapshot> {
    model
        .client_snapshot
        .as_deref()
        .and_then(|text| serde_json::from_str(text).ok())
}

/// The language an invoice prints in: the one it was finalised in, the
/// company's document language for a draft.
pub(crate) async fn language_of(
    db: &impl ConnectionTrait,
    model: &invoices::Model,
) -> CoreResult<Language> {
    match model.language.as_deref().and_then(Language::from_code) {
        Some(frozen) => Ok(frozen),
        None => settings::document_language(db).await,
    }
}

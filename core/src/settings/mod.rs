//! Installation-wide settings stored as key/value rows: the company identity
//! shown on documents, and the interface language. Secrets never go here
//! (they live in the OS keyring).

pub mod entity;

use crate::actor::Actor;
use crate::authz::{require, Operation};
use crate::error::CoreResult;
use crate::validate;
use parc_api::auth::{CompanyIdentity, Language};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

const COMPANY_NAME: &str = "company.name";
const COMPANY_ADDRESS: &str = "company.address";
const COMPANY_SIRET: &str = "company.siret";
const COMPANY_VAT: &str = "company.vat_number";
const LANGUAGE: &str = "ui.language";

pub async fn get(db: &impl ConnectionTrait, key: &str) -> CoreResult<Option<String>> {
    Ok(entity::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|row| row.value))
}

async fn put(db: &impl ConnectionTrait, key: &str, value: &str) -> CoreResult<()> {
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

pub async fn language(db: &impl ConnectionTrait) -> CoreResult<Option<Language>> {
    Ok(get(db, LANGUAGE)
        .await?
        .and_then(|code| Language::from_code(&code)))
}

/// Any logged-in user may choose the interface language of this installation.
pub async fn set_language(db: &impl ConnectionTrait, language: Language) -> CoreResult<()> {
    put(db, LANGUAGE, language.code()).await
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

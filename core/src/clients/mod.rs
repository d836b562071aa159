//! Clients and their contacts.
//!
//! Lists are searched, filtered, sorted and paged in the database. A portal
//! actor's queries are narrowed to its own client, so another client's record
//! is reported "not found", exactly like a missing one. Records are archived,
//! never deleted, because later modules (equipment, contracts, invoices)
//! refer to them.

pub mod client_entity;
pub mod contact_entity;
mod contacts;
pub(crate) mod lookup;

pub use contacts::{create_contact, delete_contact, set_contact_archived, update_contact};

use crate::actor::Actor;
use crate::audit::{self, Audited};
use crate::authz::{require, Operation};
use crate::error::{deleted, CoreError, CoreResult};
use crate::query::{bounds, matches_words, order};
use crate::{sequences, sites, validate};
use client_entity as clients;
use contact_entity as contacts_table;
use lookup::{find_visible, visible_clients};
use parc_api::clients::{
    ArchiveFilter, ClientDetail, ClientInput, ClientQuery, ClientRow, ClientSort, ContactRow,
    ServiceLevel,
};
use parc_api::text::{fold, search_text};
use parc_api::{Page, ValidationCode};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};

impl Audited for clients::Model {
    const ENTITY: &'static str = "client";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("code", self.code.clone()),
            ("name", self.name.clone()),
            ("service_level", self.service_level.clone()),
            ("siret", self.siret.clone()),
            ("vat_number", self.vat_number.clone()),
            ("billing_address", self.billing_address.clone()),
            ("notes", self.notes.clone()),
            ("archived", self.archived.to_string()),
        ]
    }
}

fn row_of(model: clients::Model) -> ClientRow {
    ClientRow {
        id: i64::from(model.id),
        service_level: ServiceLevel::from_code(&model.service_level).unwrap_or_default(),
        code: model.code,
        name: model.name,
        billing_address: model.billing_address,
        archived: model.archived,
    }
}

fn input_of(model: &clients::Model) -> ClientInput {
    ClientInput {
        code: model.code.clone(),
        name: model.name.clone(),
        service_level: ServiceLevel::from_code(&model.service_level).unwrap_or_default(),
        siret: model.siret.clone(),
        vat_number: model.vat_number.clone(),
        billing_address: model.billing_address.clone(),
        notes: model.notes.clone(),
    }
}

pub async fn list_clients(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &ClientQuery,
) -> CoreResult<Page<ClientRow>> {
    require(actor, Operation::ReadClients)?;
    let mut select = visible_clients(actor);
    let search = query.search.trim();
    if !search.is_empty() {
        select = select.filter(matches_words(clients::Column::SearchText, search));
    }
    if let Some(level) = query.service_level {
        select = select.filter(clients::Column::ServiceLevel.eq(level.code()));
    }
    select = match query.archive {
        ArchiveFilter::Active => select.filter(clients::Column::Archived.eq(false)),
        ArchiveFilter::Archived => select.filter(clients::Column::Archived.eq(true)),
        ArchiveFilter::All => select,
    };
    let total = select.clone().count(db).await?;
    let sort_column = match query.sort {
        ClientSort::Code => clients::Column::Code,
        ClientSort::Name => clients::Column::SortKey,
        ClientSort::ServiceLevel => clients::Column::ServiceLevel,
        ClientSort::CreatedAt => clients::Column::CreatedAt,
    };
    let (page, page_size, offset) = bounds(query.page, query.page_size);
    let items = select
        .order_by(sort_column, order(query.dir))
        .order_by_asc(clients::Column::Id)
        .limit(page_size)
        .offset(offset)
        .all(db)
        .await?
        .into_iter()
        .map(row_of)
        .collect();
    Ok(Page {
        items,
        total,
        page,
        page_size,
    })
}

pub async fn get_client(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<ClientDetail> {
    require(actor, Operation::ReadClients)?;
    let client = find_visible(db, actor, id).await?;
    let contacts = contacts_table::Entity::find()
        .filter(contacts_table::Column::ClientId.eq(client.id))
        .order_by_desc(contacts_table::Column::IsPrimary)
        .order_by_asc(contacts_table::Column::SortKey)
        .all(db)
        .await?
        .into_iter()
        .map(contact_row)
        .collect();
    let sites = sites::sites_of_client(db, client.id).await?;
    Ok(ClientDetail {
        id: i64::from(client.id),
        input: input_of(&client),
        archived: client.archived,
        created_at: client.created_at,
        contacts,
        sites,
    })
}

pub(crate) fn contact_row(model: contacts_table::Model) -> ContactRow {
    ContactRow {
        id: i64::from(model.id),
        client_id: i64::from(model.client_id),
        name: model.name,
        job_title: model.job_title,
        email: model.email,
        phone: model.phone,
        primary: model.is_primary,
        archived: model.archived,
    }
}

/// What the client list sorts by and searches, from the cleaned input.
fn text_keys(input: &ClientInput) -> (String, String) {
    (
        fold(&input.name),
        search_text(&[
            &input.code,
            &input.name,
            &input.siret,
            &input.vat_number,
            &input.billing_address,
        ]),
    )
}

/// The input, trimmed and checked; the code is checked for uniqueness too.
async fn validated(
    db: &impl ConnectionTrait,
    input: &ClientInput,
    existing_id: Option<i32>,
) -> CoreResult<ClientInput> {
    let clean = ClientInput {
        code: validate::optional("code", &input.code, 30)?.to_uppercase(),
        name: validate::required("name", &input.name, 200)?,
        service_level: input.service_level,
        siret: validate::siret("siret", &input.siret)?,
        vat_number: validate::vat_number("vat_number", &input.vat_number)?,
        billing_address: validate::optional("billing_address", &input.billing_address, 1000)?,
        notes: validate::optional("notes", &input.notes, 10_000)?,
    };
    if clean.code.chars().any(char::is_whitespace) {
        return Err(CoreError::validation(
            "code",
            ValidationCode::InvalidFormat,
            "must not contain spaces",
        ));
    }
    if !clean.code.is_empty() {
        let mut same_code =
            clients::Entity::find().filter(clients::Column::Code.eq(clean.code.as_str()));
        if let Some(id) = existing_id {
            same_code = same_code.filter(clients::Column::Id.ne(id));
        }
        if same_code.count(db).await? > 0 {
            return Err(CoreError::validation(
                "code",
                ValidationCode::Duplicate,
                format!("another client already has the code {}", clean.code),
            ));
        }
    }
    Ok(clean)
}

pub async fn create_client<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &ClientInput,
) -> CoreResult<ClientDetail> {
    require(actor, Operation::WriteClients)?;
    let txn = crate::db::begin_write(db).await?;
    let mut clean = validated(&txn, input, None).await?;
    let now = chrono::Utc::now();
    if clean.code.is_empty() {
        clean.code = sequences::next_reference(&txn, "client", now.date_naive()).await?;
    }
    let (sort_key, search_text) = text_keys(&clean);
    let created = clients::ActiveModel {
        sort_key: Set(sort_key),
        search_text: Set(search_text),
        code: Set(clean.code),
        name: Set(clean.name),
        service_level: Set(clean.service_level.code().to_owned()),
        siret: Set(clean.siret),
        vat_number: Set(clean.vat_number),
        billing_address: Set(clean.billing_address),
        notes: Set(clean.notes),
        archived: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        i64::from(created.id),
        "create",
        None,
        Some(&created),
    )
    .await?;
    txn.commit().await?;
    get_client(db, actor, i64::from(created.id)).await
}

pub async fn update_client<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    input: &ClientInput,
) -> CoreResult<ClientDetail> {
    require(actor, Operation::WriteClients)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_visible(&txn, actor, id).await?;
    let clean = validated(&txn, input, Some(before.id)).await?;
    if clean.code.is_empty() {
        return Err(CoreError::validation(
            "code",
            ValidationCode::Required,
            "is required",
        ));
    }
    let mut model = before.clone().into_active_model();
    let (sort_key, search_text) = text_keys(&clean);
    model.sort_key = Set(sort_key);
    model.search_text = Set(search_text);
    model.code = Set(clean.code);
    model.name = Set(clean.name);
    model.service_level = Set(clean.service_level.code().to_owned());
    model.siret = Set(clean.siret);
    model.vat_number = Set(clean.vat_number);
    model.billing_address = Set(clean.billing_address);
    model.notes = Set(clean.notes);
    model.updated_at = Set(chrono::Utc::now());
    let after = model.update(&txn).await?;
    audit::record(&txn, actor, id, "update", Some(&before), Some(&after)).await?;
    if after.service_level != before.service_level {
        crate::desk::tickets::review_client(&txn, after.id).await?;
    }
    if after.name != before.name || after.code != before.code {
        crate::desk::tickets::reindex_client(&txn, &after).await?;
    }
    txn.commit().await?;
    get_client(db, actor, id).await
}

/// Archives (hides from lists, keeps every reference) or restores a client.
pub async fn set_client_archived<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    archived: bool,
) -> CoreResult<ClientDetail> {
    require(actor, Operation::WriteClients)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_visible(&txn, actor, id).await?;
    let mut model = before.clone().into_active_model();
    model.archived = Set(archived);
    model.updated_at = Set(chrono::Utc::now());
    let after = model.update(&txn).await?;
    if archived {
        // Final: restoring the client later brings no session back.
        crate::portal::accounts::end_client_sessions(&txn, after.id).await?;
    }
    let action = if archived { "archive" } else { "restore" };
    audit::record(&txn, actor, id, action, Some(&before), Some(&after)).await?;
    txn.commit().await?;
    get_client(db, actor, id).await
}

/// Deletes a client nothing refers to; one with contacts, sites or anything
/// else attached is refused with "archive it instead".
pub async fn delete_client<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> CoreResult<()> {
    require(actor, Operation::WriteClients)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_visible(&txn, actor, id).await?;
    deleted(
        clients::Entity::delete_by_id(before.id).exec(&txn).await,
        parc_api::problem::Thing::Client,
    )?;
    audit::record(&txn, actor, id, "delete", Some(&before), None).await?;
    txn.commit().await?;
    Ok(())
}

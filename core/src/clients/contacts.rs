//! Contacts: the people at a client. One of them may be the primary contact;
//! marking another primary clears the flag on the previous one.

use super::contact_row;
use super::lookup::find_visible;
use crate::actor::Actor;
use crate::audit::{self, Audited};
use crate::authz::{require, Operation};
use crate::clients::contact_entity as contacts;
use crate::error::{deleted, CoreError, CoreResult};
use crate::query::id32;
use crate::validate;
use parc_api::clients::{ContactInput, ContactRow};
use parc_api::problem::Thing;
use parc_api::text::{fold, search_text};
use parc_api::ValidationCode;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

impl Audited for contacts::Model {
    const ENTITY: &'static str = "contact";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("job_title", self.job_title.clone()),
            ("email", self.email.clone()),
            ("phone", self.phone.clone()),
            ("primary", self.is_primary.to_string()),
            ("archived", self.archived.to_string()),
        ]
    }
}

struct CleanContact {
    name: String,
    job_title: String,
    email: String,
    phone: String,
}

impl CleanContact {
    /// What contact lists sort by and the search matches.
    fn text_keys(&self) -> (String, String) {
        (
            fold(&self.name),
            search_text(&[&self.name, &self.email, &self.job_title, &self.phone]),
        )
    }
}

fn validated(input: &ContactInput) -> CoreResult<CleanContact> {
    let phone = validate::optional("phone", &input.phone, 40)?;
    if phone
        .chars()
        .any(|c| !(c.is_ascii_digit() || " +-.()".contains(c)))
    {
        return Err(CoreError::validation(
            "phone",
            ValidationCode::InvalidFormat,
            "may contain only digits, spaces and + - . ( )",
        ));
    }
    Ok(CleanContact {
        name: validate::required("name", &input.name, 120)?,
        job_title: validate::optional("job_title", &input.job_title, 120)?,
        email: validate::email("email", &input.email, false)?,
        phone,
    })
}

/// Clears the primary flag on the client's other contacts.
async fn clear_other_primaries(
    db: &impl ConnectionTrait,
    client_id: i32,
    keep: i32,
) -> CoreResult<()> {
    contacts::Entity::update_many()
        .col_expr(contacts::Column::IsPrimary, Expr::value(false))
        .filter(contacts::Column::ClientId.eq(client_id))
        .filter(contacts::Column::Id.ne(keep))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn create_contact<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &ContactInput,
) -> CoreResult<ContactRow> {
    require(actor, Operation::WriteClients)?;
    let clean = validated(input)?;
    let txn = crate::db::begin_write(db).await?;
    let client = find_visible(&txn, actor, input.client_id).await?;
    let (sort_key, search_text) = clean.text_keys();
    let created = contacts::ActiveModel {
        sort_key: Set(sort_key),
        search_text: Set(search_text),
        client_id: Set(client.id),
        name: Set(clean.name),
        job_title: Set(clean.job_title),
        email: Set(clean.email),
        phone: Set(clean.phone),
        is_primary: Set(input.primary),
        archived: Set(false),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if created.is_primary {
        clear_other_primaries(&txn, client.id, created.id).await?;
    }
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
    Ok(contact_row(created))
}

async fn find_contact(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<contacts::Model> {
    let contact = contacts::Entity::find_by_id(id32(id, Thing::Contact)?)
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Contact))?;
    // Out of the actor's scope is the same as missing.
    find_visible(db, actor, i64::from(contact.client_id))
        .await
        .map_err(|_| CoreError::not_found(Thing::Contact))?;
    Ok(contact)
}

pub async fn update_contact<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    input: &ContactInput,
) -> CoreResult<ContactRow> {
    require(actor, Operation::WriteClients)?;
    let clean = validated(input)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_contact(&txn, actor, id).await?;
    let mut model = before.clone().into_active_model();
    let (sort_key, search_text) = clean.text_keys();
    model.sort_key = Set(sort_key);
    model.search_text = Set(search_text);
    model.name = Set(clean.name);
    model.job_title = Set(clean.job_title);
    model.email = Set(clean.email);
    model.phone = Set(clean.phone);
    model.is_primary = Set(input.primary);
    let after = model.update(&txn).await?;
    if after.is_primary {
        clear_other_primaries(&txn, after.client_id, after.id).await?;
    }
    if after.email != before.email {
        crate::portal::accounts::address_changed(&txn, &after).await?;
    }
    audit::record(&txn, actor, id, "update", Some(&before), Some(&after)).await?;
    txn.commit().await?;
    Ok(contact_row(after))
}

pub async fn set_contact_archived<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    archived: bool,
) -> CoreResult<ContactRow> {
    require(actor, Operation::WriteClients)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_contact(&txn, actor, id).await?;
    let mut model = before.clone().into_active_model();
    model.archived = Set(archived);
    if archived {
        model.is_primary = Set(false);
    }
    let after = model.update(&txn).await?;
    if archived {
        // Final: restoring the contact later brings no session back.
        crate::portal::accounts::end_sessions(&txn, after.id).await?;
    }
    let action = if archived { "archive" } else { "restore" };
    audit::record(&txn, actor, id, action, Some(&before), Some(&after)).await?;
    txn.commit().await?;
    Ok(contact_row(after))
}

/// Deletes a contact nothing refers to (later: equipment users, tickets).
pub async fn delete_contact<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> CoreResult<()> {
    require(actor, Operation::WriteClients)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_contact(&txn, actor, id).await?;
    deleted(
        contacts::Entity::delete_by_id(before.id).exec(&txn).await,
        parc_api::problem::Thing::Contact,
    )?;
    audit::record(&txn, actor, id, "delete", Some(&before), None).await?;
    txn.commit().await?;
    Ok(())
}

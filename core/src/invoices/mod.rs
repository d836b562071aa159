//! Invoices and credit notes: listing, the life of an invoice, and the
//! rules that keep the books right.
//!
//! - A draft is edited freely and has no number.
//! - Finalising gives it the next number of its yearly series in the same
//!   transaction, today as issue date, and copies the seller and the client
//!   in (`snapshot`): from then on it is never edited or deleted.
//! - Numbers follow issue dates: nothing is finalised with an issue date
//!   before the last one of its series.
//! - A finalised invoice is cancelled only by a credit note, numbered in
//!   its own series, whose lines mirror the invoice's.
//!
//! The arithmetic is `parc_api::billing`; the run that bills contracts is
//! `run`, the PDF `document`, the accountant's CSV `export`.
//!
//! The run, overage and time and materials all produce their lines as
//! `NewLine`s; `check_chronology` is the one check that numbers follow issue
//! dates.

pub mod document;
pub mod export;
pub mod invoice_entity;
pub mod invoice_line_entity;
pub(crate) mod overage;
pub mod run;
pub(crate) mod snapshot;
pub(crate) mod time_and_materials;

use crate::audit::{self, Audited};
use crate::authz::{require, Operation};
use crate::clients::client_entity as clients;
use crate::clients::lookup::find_visible as find_visible_client;
use crate::clock::today;
use crate::contracts::contract_entity as contracts;
use crate::error::{CoreError, CoreResult};
use crate::query::id32;
use crate::query::{bounds, words_in_any};
use crate::{sequences, validate, Actor};
use chrono::NaiveDate;
use invoice_entity as invoices;
use invoice_line_entity as invoice_lines;
use parc_api::billing::{line_total, parse_quantity, parse_rate, totals, Totals};
use parc_api::invoices::{
    DraftInvoiceInput, InvoiceDetail, InvoiceKind, InvoiceLineRow, InvoiceQuery, InvoiceRow,
    InvoiceStatus, PaymentInput,
};
use parc_api::problem::Thing;
use parc_api::{money, Page, ValidationCode};
use sea_orm::sea_query::IntoColumnRef;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set, TransactionSession,
    TransactionTrait,
};
use std::collections::HashMap;

impl Audited for invoices::Model {
    const ENTITY: &'static str = "invoice";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        vec![
            ("kind", self.kind.clone()),
            ("number", self.number.clone().unwrap_or_default()),
            ("status", self.status.clone()),
            ("client_id", self.client_id.to_string()),
            (
                "contract_id",
                self.contract_id.map(|c| c.to_string()).unwrap_or_default(),
            ),
            ("period_start", date(self.period_start)),
            ("period_end", date(self.period_end)),
            ("issue_date", date(self.issue_date)),
            ("due_date", date(self.due_date)),
            ("paid_on", date(self.paid_on)),
            ("excluding_vat", money::plain(self.excluding_vat_cents)),
            ("vat", money::plain(self.vat_cents)),
            ("including_vat", money::plain(self.including_vat_cents)),
        ]
    }
}

pub(crate) fn kind_of(model: &invoices::Model) -> InvoiceKind {
    InvoiceKind::from_code(&model.kind).unwrap_or_default()
}

pub(crate) fn status_of(model: &invoices::Model) -> InvoiceStatus {
    InvoiceStatus::from_code(&model.status).unwrap_or_default()
}

/// A line ready to be written: the one shape the run, drafts and credit
/// notes all produce, its total computed by the one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NewLine {
    pub source: &'static str,
    pub description: String,
    pub quantity_thousandths: i64,
    pub unit_price_cents: i64,
    pub vat_rate_basis_points: i64,
}

impl NewLine {
    pub fn total_cents(&self) -> i64 {
        line_total(self.quantity_thousandths, self.unit_price_cents)
    }

    pub fn active_model(&self, invoice_id: i32, position: usize) -> invoice_lines::ActiveModel {
        invoice_lines::ActiveModel {
            invoice_id: Set(invoice_id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            source: Set(self.source.to_owned()),
            description: Set(self.description.clone()),
            quantity_thousandths: Set(self.quantity_thousandths),
            unit_price_cents: Set(self.unit_price_cents),
            vat_rate_basis_points: Set(i32::try_from(self.vat_rate_basis_points).unwrap_or(0)),
            total_cents: Set(self.total_cents()),
            ..Default::default()
        }
    }
}

pub(crate) fn totals_of(lines: &[NewLine]) -> Totals {
    totals(lines.iter().map(|l| {
        (
            l.quantity_thousandths,
            l.unit_price_cents,
            l.vat_rate_basis_points,
        )
    }))
}

/// An invoice (a credit note is owed by the MSP, never overdue) awaiting
/// payment past its due date.
fn is_overdue(model: &invoices::Model, day: NaiveDate) -> bool {
    kind_of(model) == InvoiceKind::Invoice
        && status_of(model).awaits_payment()
        && model.due_date.is_some_and(|due| due < day)
}

fn row_of(
    model: &invoices::Model,
    client_name: String,
    contract_reference: Option<String>,
) -> InvoiceRow {
    InvoiceRow {
        id: i64::from(model.id),
        kind: kind_of(model),
        number: model.number.clone(),
        status: status_of(model),
        client_id: i64::from(model.client_id),
        client_name,
        contract_id: model.contract_id.map(i64::from),
        contract_reference,
        period_start: model.period_start,
        period_end: model.period_end,
        issue_date: model.issue_date,
        due_date: model.due_date,
        paid_on: model.paid_on,
        excluding_vat_cents: model.excluding_vat_cents,
        vat_cents: model.vat_cents,
        including_vat_cents: model.including_vat_cents,
        overdue: is_overdue(model, today()),
    }
}

async fn rows_of(
    db: &impl ConnectionTrait,
    models: &[invoices::Model],
) -> CoreResult<Vec<InvoiceRow>> {
    let names =
        crate::clients::lookup::client_names(db, models.iter().map(|m| m.client_id).collect())
            .await?;
    let references: HashMap<i32, String> = contracts::Entity::find()
        .select_only()
        .column(contracts::Column::Id)
        .column(contracts::Column::Reference)
        .filter(contracts::Column::Id.is_in(models.iter().filter_map(|m| m.contract_id)))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(models
        .iter()
        .map(|m| {
            row_of(
                m,
                names.get(&m.client_id).cloned().unwrap_or_default(),
                m.contract_id.and_then(|c| references.get(&c).cloned()),
            )
        })
        .collect())
}

pub async fn list_invoices(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &InvoiceQuery,
) -> CoreResult<Page<InvoiceRow>> {
    require(actor, Operation::ReadInvoices)?;
    let mut select =
        invoices::Entity::find().join(JoinType::InnerJoin, invoices::Relation::Client.def());
    if let Some(client) = actor.client_scope() {
        // A portal contact never sees drafts.
        select = select
            .filter(invoices::Column::ClientId.eq(id32(client, Thing::Client)?))
            .filter(invoices::Column::Number.is_not_null());
    }
    if let Some(client) = query.client_id {
        select = select.filter(invoices::Column::ClientId.eq(id32(client, Thing::Client)?));
    }
    if let Some(contract) = query.contract_id {
        select = select.filter(invoices::Column::ContractId.eq(id32(contract, Thing::Contract)?));
    }
    if let Some(status) = query.status {
        select = select.filter(invoices::Column::Status.eq(status.code()));
    }
    if let Some(from) = validate::date("from", &query.from)? {
        select = select.filter(invoices::Column::IssueDate.gte(from));
    }
    if let Some(to) = validate::date("to", &query.to)? {
        select = select.filter(invoices::Column::IssueDate.lte(to));
    }
    if query.overdue_only {
        select = select
            .filter(invoices::Column::Kind.eq(InvoiceKind::Invoice.code()))
            .filter(
                invoices::Column::Status
                    .is_in([InvoiceStatus::Finalised.code(), InvoiceStatus::Sent.code()]),
            )
            .filter(invoices::Column::DueDate.lt(today()));
    }
    if query.unpaid_only {
        let awaiting: Vec<&str> = InvoiceStatus::ALL
            .into_iter()
            .filter(|s| s.awaits_payment())
            .map(InvoiceStatus::code)
            .collect();
        select = select
            .filter(invoices::Column::Kind.eq(InvoiceKind::Invoice.code()))
            .filter(invoices::Column::Status.is_in(awaiting));
    }
    let search = query.search.trim();
    if !search.is_empty() {
        select = select.filter(words_in_any(
            &[
                (clients::Entity, clients::Column::SearchText).into_column_ref(),
                (invoices::Entity, invoices::Column::Number).into_column_ref(),
            ],
            search,
        ));
    }
    let total = select.clone().count(db).await?;
    let (page, page_size, offset) = bounds(query.page, query.page_size);
    // Drafts (no issue date) first, then the newest.
    let models = select
        .order_by_asc(invoices::Column::IssueDate.is_not_null())
        .order_by_desc(invoices::Column::IssueDate)
        .order_by_desc(invoices::Column::Number)
        .order_by_desc(invoices::Column::Id)
        .limit(page_size)
        .offset(offset)
        .all(db)
        .await?;
    Ok(Page {
        items: rows_of(db, &models).await?,
        total,
        page,
        page_size,
    })
}

/// The invoice `id` if the actor may see it: a portal contact sees its
/// client's finalised invoices only, anything else is "not found".
pub(crate) async fn find_visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<invoices::Model> {
    let model = invoices::Entity::find_by_id(id32(id, Thing::Invoice)?)
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Invoice))?;
    match actor.client_scope() {
        Some(client) if client != i64::from(model.client_id) || model.number.is_none() => {
            Err(CoreError::not_found(Thing::Invoice))
        }
        _ => Ok(model),
    }
}

pub(crate) async fn lines_of(
    db: &impl ConnectionTrait,
    invoice_id: i32,
) -> CoreResult<Vec<invoice_lines::Model>> {
    Ok(invoice_lines::Entity::find()
        .filter(invoice_lines::Column::InvoiceId.eq(invoice_id))
        .order_by_asc(invoice_lines::Column::Position)
        .all(db)
        .await?)
}

pub async fn get_invoice(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<InvoiceDetail> {
    require(actor, Operation::ReadInvoices)?;
    let model = find_visible(db, actor, id).await?;
    detail_of(db, model).await
}

async fn detail_of(db: &impl ConnectionTrait, model: invoices::Model) -> CoreResult<InvoiceDetail> {
    let lines = lines_of(db, model.id).await?;
    let per_rate = totals(lines.iter().map(|l| {
        (
            l.quantity_thousandths,
            l.unit_price_cents,
            i64::from(l.vat_rate_basis_points),
        )
    }))
    .per_rate;
    let credited = match model.credited_invoice_id {
        Some(id) => invoices::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|i| (i64::from(i.id), i.number.unwrap_or_default())),
        None => None,
    };
    let credit_notes = invoices::Entity::find()
        .filter(invoices::Column::CreditedInvoiceId.eq(model.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (i64::from(c.id), c.number.unwrap_or_default()))
        .collect();
    let row = rows_of(db, std::slice::from_ref(&model))
        .await?
        .pop()
        .ok_or(CoreError::not_found(Thing::Invoice))?;
    Ok(InvoiceDetail {
        row,
        lines: lines
            .into_iter()
            .map(|l| InvoiceLineRow {
                description: l.description,
                quantity_thousandths: l.quantity_thousandths,
                unit_price_cents: l.unit_price_cents,
                vat_rate_basis_points: i64::from(l.vat_rate_basis_points),
                total_cents: l.total_cents,
            })
            .collect(),
        per_rate,
        credited,
        credit_notes,
    })
}

/// The lines of a draft as typed, checked (fields `lines[i].quantity`, …).
fn checked_lines(input: &DraftInvoiceInput) -> CoreResult<Vec<NewLine>> {
    if input.lines.is_empty() {
        return Err(CoreError::validation(
            "lines",
            ValidationCode::Required,
            "add at least one line",
        ));
    }
    input
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let field = |name: &str| format!("lines[{i}].{name}");
            let description = validate::required(&field("description"), &line.description, 300)?;
            let quantity = parse_quantity(&line.quantity)
                .ok()
                .filter(|q| *q != 0)
                .ok_or_else(|| {
                    CoreError::validation(
                        &field("quantity"),
                        ValidationCode::InvalidFormat,
                        "must be a non-zero number with at most 3 decimals, like 2 or 1.5",
                    )
                })?;
            let unit_price =
                validate::amount(&field("unit_price"), &line.unit_price)?.ok_or_else(|| {
                    CoreError::validation(
                        &field("unit_price"),
                        ValidationCode::Required,
                        "is required",
                    )
                })?;
            let rate = parse_rate(&line.vat_rate).map_err(|()| {
                CoreError::validation(
                    &field("vat_rate"),
                    ValidationCode::InvalidFormat,
                    "must be a rate in percent from 0 to 100, like 20 or 5.5",
                )
            })?;
            Ok(NewLine {
                source: "manual",
                description,
                quantity_thousandths: quantity,
                unit_price_cents: unit_price,
                vat_rate_basis_points: rate,
            })
        })
        .collect()
}

async fn replace_lines(
    db: &impl ConnectionTrait,
    invoice_id: i32,
    lines: &[NewLine],
) -> CoreResult<()> {
    invoice_lines::Entity::delete_many()
        .filter(invoice_lines::Column::InvoiceId.eq(invoice_id))
        .exec(db)
        .await?;
    invoice_lines::Entity::insert_many(
        lines
            .iter()
            .enumerate()
            .map(|(i, line)| line.active_model(invoice_id, i)),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

fn set_totals(model: &mut invoices::ActiveModel, totals: &Totals) {
    model.excluding_vat_cents = Set(totals.excluding_vat_cents);
    model.vat_cents = Set(totals.vat_cents);
    model.including_vat_cents = Set(totals.including_vat_cents);
}

pub async fn create_draft<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &DraftInvoiceInput,
) -> CoreResult<InvoiceDetail> {
    require(actor, Operation::WriteInvoices)?;
    let txn = crate::db::begin_write(db).await?;
    let client = find_visible_client(&txn, actor, input.client_id)
        .await
        .map_err(|_| {
            CoreError::validation("client_id", ValidationCode::Required, "choose a client")
        })?;
    let lines = checked_lines(input)?;
    let now = chrono::Utc::now();
    let mut model = invoices::ActiveModel {
        kind: Set(InvoiceKind::Invoice.code().to_owned()),
        status: Set(InvoiceStatus::Draft.code().to_owned()),
        client_id: Set(client.id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    set_totals(&mut model, &totals_of(&lines));
    let saved = model.insert(&txn).await?;
    replace_lines(&txn, saved.id, &lines).await?;
    audit::record(
        &txn,
        actor,
        i64::from(saved.id),
        "create",
        None,
        Some(&saved),
    )
    .await?;
    let detail = detail_of(&txn, saved).await?;
    txn.commit().await?;
    Ok(detail)
}

fn refuse_unless_draft(
    model: &invoices::Model,
    change: parc_api::problem::InvoiceChange,
) -> CoreResult<()> {
    if status_of(model) == InvoiceStatus::Draft {
        return Ok(());
    }
    Err(CoreError::Conflict(
        parc_api::problem::Problem::InvoiceFinalised {
            number: model.number.clone().unwrap_or_default(),
            change,
        },
    ))
}

pub async fn update_draft<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    input: &DraftInvoiceInput,
) -> CoreResult<InvoiceDetail> {
    require(actor, Operation::WriteInvoices)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_visible(&txn, actor, id).await?;
    refuse_unless_draft(&before, parc_api::problem::InvoiceChange::Edited)?;
    let client = find_visible_client(&txn, actor, input.client_id)
        .await
        .map_err(|_| {
            CoreError::validation("client_id", ValidationCode::Required, "choose a client")
        })?;
    let lines = checked_lines(input)?;
    let mut model = before.clone().into_active_model();
    model.client_id = Set(client.id);
    model.updated_at = Set(chrono::Utc::now());
    set_totals(&mut model, &totals_of(&lines));
    let after = model.update(&txn).await?;
    replace_lines(&txn, after.id, &lines).await?;
    audit::record(&txn, actor, id, "update", Some(&before), Some(&after)).await?;
    let detail = detail_of(&txn, after).await?;
    txn.commit().await?;
    Ok(detail)
}

pub async fn delete_draft<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> CoreResult<()> {
    require(actor, Operation::WriteInvoices)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_visible(&txn, actor, id).await?;
    refuse_unless_draft(&before, parc_api::problem::InvoiceChange::Deleted)?;
    invoice_lines::Entity::delete_many()
        .filter(invoice_lines::Column::InvoiceId.eq(before.id))
        .exec(&txn)
        .await?;
    invoices::Entity::delete_by_id(before.id).exec(&txn).await?;
    audit::record(&txn, actor, id, "delete", Some(&before), None).await?;
    txn.commit().await?;
    Ok(())
}

/// Refuses an issue date before the last one of the series: numbers must
/// follow the calendar.
pub(crate) async fn check_chronology(
    db: &impl ConnectionTrait,
    kind: InvoiceKind,
    issue_date: NaiveDate,
) -> CoreResult<()> {
    let last: Option<(Option<String>, Option<NaiveDate>)> = invoices::Entity::find()
        .select_only()
        .column(invoices::Column::Number)
        .column(invoices::Column::IssueDate)
        .filter(invoices::Column::Kind.eq(kind.code()))
        .filter(invoices::Column::Number.is_not_null())
        .order_by_desc(invoices::Column::IssueDate)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    if let Some((Some(number), Some(last_day))) = last {
        if last_day > issue_date {
            return Err(CoreError::Conflict(
                parc_api::problem::Problem::IssueDateBeforeLast {
                    number,
                    last_day: last_day.to_string(),
                    issue_date: issue_date.to_string(),
                },
            ));
        }
    }
    Ok(())
}

/// Numbers and freezes a draft: number, issue date, due date and the
/// parties' snapshot, all in the caller's transaction.
pub async fn finalise<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> CoreResult<InvoiceDetail> {
    require(actor, Operation::WriteInvoices)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_visible(&txn, actor, id).await?;
    refuse_unless_draft(&before, parc_api::problem::InvoiceChange::FinalisedAgain)?;
    if lines_of(&txn, before.id).await?.is_empty() {
        return Err(CoreError::validation(
            "lines",
            ValidationCode::Required,
            "an invoice needs at least one line",
        ));
    }
    let day = today();
    let issue = snapshot::Issue::prepare(&txn, day).await?;
    check_chronology(&txn, InvoiceKind::Invoice, day).await?;
    let mut numbers = sequences::reserve(&txn, InvoiceKind::Invoice.sequence(), day).await?;
    let client = clients::Entity::find_by_id(before.client_id)
        .one(&txn)
        .await?
        .ok_or(CoreError::not_found(Thing::Client))?;
    let mut model = before.clone().into_active_model();
    issue.apply(&mut model, numbers.next_reference(), &client)?;
    model.status = Set(InvoiceStatus::Finalised.code().to_owned());
    let after = model.update(&txn).await?;
    numbers.save(&txn).await?;
    audit::record(&txn, actor, id, "finalise", Some(&before), Some(&after)).await?;
    crate::mail::events::invoice_finalised(&txn, after.id).await?;
    let detail = detail_of(&txn, after).await?;
    txn.commit().await?;
    Ok(detail)
}

async fn set_status<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    allowed_from: &[InvoiceStatus],
    to: InvoiceStatus,
    paid_on: Option<NaiveDate>,
) -> CoreResult<InvoiceDetail> {
    require(actor, Operation::WriteInvoices)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_visible(&txn, actor, id).await?;
    let from = status_of(&before);
    if kind_of(&before) != InvoiceKind::Invoice || !allowed_from.contains(&from) {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::InvoiceCannotBeMarked {
                number: before.number.clone(),
                from,
                to,
            },
        ));
    }
    let mut model = before.clone().into_active_model();
    model.status = Set(to.code().to_owned());
    model.paid_on = Set(paid_on);
    model.updated_at = Set(chrono::Utc::now());
    let after = model.update(&txn).await?;
    audit::record(&txn, actor, id, to.code(), Some(&before), Some(&after)).await?;
    let detail = detail_of(&txn, after).await?;
    txn.commit().await?;
    Ok(detail)
}

pub async fn mark_sent<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> CoreResult<InvoiceDetail> {
    set_status(
        db,
        actor,
        id,
        &[InvoiceStatus::Finalised],
        InvoiceStatus::Sent,
        None,
    )
    .await
}

pub async fn record_payment<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    payment: &PaymentInput,
) -> CoreResult<InvoiceDetail> {
    let paid_on = validate::date("paid_on", &payment.paid_on)?
        .ok_or_else(|| CoreError::validation("paid_on", ValidationCode::Required, "is required"))?;
    if paid_on > today() {
        return Err(CoreError::validation(
            "paid_on",
            ValidationCode::InvalidDate,
            "cannot be in the future",
        ));
    }
    set_status(
        db,
        actor,
        payment.id,
        &[InvoiceStatus::Finalised, InvoiceStatus::Sent],
        InvoiceStatus::Paid,
        Some(paid_on),
    )
    .await
}

/// Cancels a finalised invoice with a credit note that mirrors its lines,
/// numbered in the credit-note series; returns the credit note.
pub async fn credit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> CoreResult<InvoiceDetail> {
    require(actor, Operation::WriteInvoices)?;
    let txn = crate::db::begin_write(db).await?;
    let invoice = find_visible(&txn, actor, id).await?;
    let status = status_of(&invoice);
    if kind_of(&invoice) != InvoiceKind::Invoice
        || !matches!(
            status,
            InvoiceStatus::Finalised | InvoiceStatus::Sent | InvoiceStatus::Paid
        )
    {
        return Err(CoreError::Conflict(match status {
            InvoiceStatus::Draft => parc_api::problem::Problem::DraftIsDeletedNotCredited,
            InvoiceStatus::Cancelled => parc_api::problem::Problem::AlreadyCancelled {
                number: invoice.number.clone().unwrap_or_default(),
            },
            _ => parc_api::problem::Problem::OnlyAnInvoiceIsCredited,
        }));
    }
    let lines: Vec<NewLine> = lines_of(&txn, invoice.id)
        .await?
        .into_iter()
        .map(|l| NewLine {
            source: "credit",
            description: l.description,
            quantity_thousandths: -l.quantity_thousandths,
            unit_price_cents: l.unit_price_cents,
            vat_rate_basis_points: i64::from(l.vat_rate_basis_points),
        })
        .collect();
    let day = today();
    let issue = snapshot::Issue::prepare(&txn, day).await?;
    check_chronology(&txn, InvoiceKind::CreditNote, day).await?;
    let mut numbers = sequences::reserve(&txn, InvoiceKind::CreditNote.sequence(), day).await?;
    let client = clients::Entity::find_by_id(invoice.client_id)
        .one(&txn)
        .await?
        .ok_or(CoreError::not_found(Thing::Client))?;
    let now = chrono::Utc::now();
    let mut note = invoices::ActiveModel {
        kind: Set(InvoiceKind::CreditNote.code().to_owned()),
        status: Set(InvoiceStatus::Finalised.code().to_owned()),
        client_id: Set(invoice.client_id),
        contract_id: Set(invoice.contract_id),
        period_start: Set(invoice.period_start),
        period_end: Set(invoice.period_end),
        credited_invoice_id: Set(Some(invoice.id)),
        created_at: Set(now),
        ..Default::default()
    };
    issue.apply(&mut note, numbers.next_reference(), &client)?;
    set_totals(&mut note, &totals_of(&lines));
    let note = note.insert(&txn).await?;
    numbers.save(&txn).await?;
    replace_lines(&txn, note.id, &lines).await?;
    audit::record(&txn, actor, i64::from(note.id), "create", None, Some(&note)).await?;
    let mut cancelled = invoice.clone().into_active_model();
    cancelled.status = Set(InvoiceStatus::Cancelled.code().to_owned());
    cancelled.updated_at = Set(now);
    let cancelled = cancelled.update(&txn).await?;
    audit::record(&txn, actor, id, "credit", Some(&invoice), Some(&cancelled)).await?;
    let detail = detail_of(&txn, note).await?;
    txn.commit().await?;
    Ok(detail)
}

/// Marks as paid, on their due date or `day` if sooner, nine in ten of the
/// finalised invoices: the payment history of generated data.
pub(crate) async fn mark_paid_for_history(
    db: &impl ConnectionTrait,
    day: NaiveDate,
) -> CoreResult<()> {
    use sea_orm::sea_query::Expr;
    invoices::Entity::update_many()
        .col_expr(
            invoices::Column::Status,
            Expr::value(InvoiceStatus::Paid.code()),
        )
        .col_expr(invoices::Column::PaidOn, Expr::value(day))
        .filter(invoices::Column::Status.eq(InvoiceStatus::Finalised.code()))
        .filter(Expr::cust("id % 10 <> 0"))
        .exec(db)
        .await?;
    Ok(())
}

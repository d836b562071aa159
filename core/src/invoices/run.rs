//! The invoice run: for every active (or terminated, up to its end)
//! contract whose next billing date has come, one finalised invoice per
//! period due, with the price lines (a first or last partial period
//! prorated by days, per `parc_api::billing`) and per-equipment fees
//! counted on the billing date.
//!
//! Why it can be killed at any moment: contracts are billed in batches,
//! each one transaction that creates the invoices, takes their numbers and
//! moves the contracts' `next_billing_date` together. A batch either
//! happened entirely or not at all; a restart picks up the contracts still
//! due. The unique index over live (contract, period) invoices refuses a
//! duplicate even if two runs raced.
//!
//! Support time beyond a contract's included hours is billed on its invoices
//! (`overage`); billable time of clients without a contract and the parts
//! interventions used are billed once a month on invoices of their own
//! (`time_and_materials`), after the contracts.
//!
//! A batch is `BATCH` (500) contracts; its invoices, lines and audit rows are
//! written with multi-row INSERTs. `preview` counts what a run would bill,
//! time and materials included.

use super::invoice_entity as invoices;
use super::invoice_line_entity as invoice_lines;
use super::snapshot::Issue;
use super::{check_chronology, totals_of, NewLine};
use crate::audit;
use crate::authz::{require, Operation};
use crate::clients::client_entity as clients;
use crate::contracts::contract_entity as contracts;
use crate::contracts::contract_line_entity as contract_lines;
use crate::contracts::{coverage, renewed_end, schedule_of};
use crate::error::{CoreError, CoreResult};
use crate::{sequences, settings, Actor};
use chrono::NaiveDate;
use parc_api::auth::Language;
use parc_api::billing::{BilledPeriod, Period, QUANTITY_SCALE};
use parc_api::contracts::ContractStatus;
use parc_api::history::FieldChange;
use parc_api::invoices::{InvoiceKind, InvoiceStatus, PlannedInvoice, RunProgress, RunSummary};
use parc_api::money;
use parc_api::problem::Thing;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};
use std::collections::{BTreeMap, HashMap};

/// Contracts billed per transaction: large enough to amortise a commit,
/// small enough that a kill loses little work.
const BATCH: usize = 500;
/// Invoices listed in a summary; the counts and totals cover them all.
const SAMPLE: usize = 100;

/// One invoice of a run: the period it bills, its lines, and the period
/// whose support time it accounts for (see `overage`).
struct Bill {
    period: BilledPeriod,
    lines: Vec<NewLine>,
    time: Option<Period>,
}

/// One contract's invoices in a run.
struct ContractBilling {
    contract: contracts::Model,
    client_name: String,
    invoices: Vec<Bill>,
    next_billing_date: NaiveDate,
}

/// Contracts that may have something due on `day`, by id.
async fn due_contract_ids(db: &impl ConnectionTrait, day: NaiveDate) -> CoreResult<Vec<i32>> {
    Ok(contracts::Entity::find()
        .select_only()
        .column(contracts::Column::Id)
        .filter(contracts::Column::Status.is_in([
            ContractStatus::Active.code(),
            ContractStatus::Terminated.code(),
        ]))
        .filter(contracts::Column::NextBillingDate.lte(day))
        .order_by_asc(contracts::Column::Id)
        .into_tuple()
        .all(db)
        .await?)
}

/// The invoice lines of one contract period.
fn lines_for(
    period: BilledPeriod,
    price_lines: &[contract_lines::Model],
    equipment_count: i64,
    language: Language,
) -> Vec<NewLine> {
    let (from, to) = (
        language.date(period.covered.start),
        language.date(period.covered.end),
    );
    let span = match language {
        Language::Fr => format!("du {from} au {to}"),
        Language::En => format!("{from} to {to}"),
    };
    let prorata = period.is_partial().then(|| {
        let (covered, days) = (period.covered.days(), period.calendar.days());
        match language {
            Language::Fr => format!(" (prorata {covered}/{days} jours)"),
            Language::En => format!(" (prorated {covered}/{days} days)"),
        }
    });
    price_lines
        .iter()
        .filter(|line| !line.per_equipment || equipment_count > 0)
        .map(|line| {
            let per_equipment = match (line.per_equipment, language) {
                (false, _) => "",
                (true, Language::Fr) => ", par équipement",
                (true, Language::En) => ", per equipment",
            };
            NewLine {
                source: if line.per_equipment {
                    "per_equipment"
                } else {
                    "fee"
                },
                description: format!(
                    "{} — {span}{per_equipment}{}",
                    line.description,
                    prorata.as_deref().unwrap_or("")
                ),
                quantity_thousandths: if line.per_equipment {
                    equipment_count * QUANTITY_SCALE
                } else {
                    QUANTITY_SCALE
                },
                unit_price_cents: period.share_of(line.unit_price_cents),
                vat_rate_basis_points: i64::from(line.vat_rate_basis_points),
            }
        })
        .collect()
}

/// What billing `ids` on `day` creates, read in `db` (inside the batch's
/// transaction when the run writes).
async fn plan(
    db: &impl ConnectionTrait,
    ids: &[i32],
    day: NaiveDate,
    language: Language,
) -> CoreResult<Vec<ContractBilling>> {
    let models = contracts::Entity::find()
        .filter(contracts::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(contracts::Column::Id)
        .all(db)
        .await?;
    let mut price_lines: HashMap<i32, Vec<contract_lines::Model>> = HashMap::new();
    for line in contract_lines::Entity::find()
        .filter(contract_lines::Column::ContractId.is_in(ids.iter().copied()))
        .order_by_asc(contract_lines::Column::ContractId)
        .order_by_asc(contract_lines::Column::Position)
        .all(db)
        .await?
    {
        price_lines.entry(line.contract_id).or_default().push(line);
    }
    let counts = coverage::covered_counts(db, ids).await?;
    let client_ids: Vec<i32> = models.iter().map(|m| m.client_id).collect();
    let time = super::overage::LoggedTime::load(db, &client_ids).await?;
    let names =
        crate::clients::lookup::client_names(db, models.iter().map(|m| m.client_id).collect())
            .await?;
    let mut planned = Vec::with_capacity(models.len());
    for contract in models {
        let status = crate::contracts::status_of(&contract);
        let Some(from) = contract.next_billing_date else {
            continue;
        };
        if !matches!(status, ContractStatus::Active | ContractStatus::Terminated) {
            continue;
        }
        let schedule = schedule_of(&contract);
        let periods = schedule.due_by(from, day);
        let Some(last) = periods.last() else {
            continue;
        };
        let next_billing_date = schedule.after(*last);
        let lines = price_lines.get(&contract.id).map_or(&[][..], Vec::as_slice);
        let count = counts.get(&contract.id).copied().unwrap_or(0);
        let vat = lines
            .first()
            .map_or(2_000, |l| i64::from(l.vat_rate_basis_points));
        let invoices = periods
            .iter()
            .map(|period| {
                let mut bill_lines = lines_for(*period, lines, count, language);
                let time_period = time.period_for(&contract, schedule, *period);
                if let Some(logged) = time_period {
                    let used = time.minutes_in(contract.client_id, logged);
                    bill_lines.extend(super::overage::line(&contract, logged, used, vat, language));
                }
                Bill {
                    period: *period,
                    lines: bill_lines,
                    time: time_period,
                }
            })
            .filter(|bill| !bill.lines.is_empty())
            .collect();
        planned.push(ContractBilling {
            client_name: names.get(&contract.client_id).cloned().unwrap_or_default(),
            contract,
            invoices,
            next_billing_date,
        });
    }
    Ok(planned)
}

fn summarise(summary: &mut RunSummary, billing: &[ContractBilling]) {
    for contract in billing {
        summary.contract_count += 1;
        for Bill { period, lines, .. } in &contract.invoices {
            let totals = totals_of(lines);
            summary.invoice_count += 1;
            summary.excluding_vat_cents += totals.excluding_vat_cents;
            summary.including_vat_cents += totals.including_vat_cents;
            if summary.invoices.len() < SAMPLE {
                summary.invoices.push(PlannedInvoice {
                    contract_id: i64::from(contract.contract.id),
                    contract_reference: contract.contract.reference.clone(),
                    client_name: contract.client_name.clone(),
                    period_start: period.covered.start,
                    period_end: period.covered.end,
                    partial: period.is_partial(),
                    excluding_vat_cents: totals.excluding_vat_cents,
                    including_vat_cents: totals.including_vat_cents,
                });
            }
        }
    }
}

/// What a run on `day` would create, without creating anything.
pub async fn preview(
    db: &impl ConnectionTrait,
    actor: &Actor,
    day: NaiveDate,
) -> CoreResult<RunSummary> {
    require(actor, Operation::WriteInvoices)?;
    let language = settings::document_language(db).await?;
    let mut summary = RunSummary {
        date: Some(day),
        ..RunSummary::default()
    };
    for chunk in due_contract_ids(db, day).await?.chunks(BATCH) {
        summarise(&mut summary, &plan(db, chunk, day, language).await?);
    }
    summary.renewed = renewals_due(db, day).await?.len() as u64;
    summary.time_and_materials = super::time_and_materials::due(db, day).await?;
    summary.invoice_count += summary.time_and_materials;
    Ok(summary)
}

/// Bills every contract due on `day`, reporting progress after each batch.
pub async fn run<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    day: NaiveDate,
    mut progress: impl FnMut(RunProgress),
) -> CoreResult<RunSummary> {
    require(actor, Operation::WriteInvoices)?;
    check_chronology(db, InvoiceKind::Invoice, day).await?;
    let language = settings::document_language(db).await?;
    let mut summary = RunSummary {
        date: Some(day),
        renewed: renew(db, actor, day).await?,
        ..RunSummary::default()
    };
    let ids = due_contract_ids(db, day).await?;
    let total = ids.len() as u64;
    progress(RunProgress { done: 0, total });
    let mut done = 0;
    for chunk in ids.chunks(BATCH) {
        let txn = crate::db::begin_write(db).await?;
        // Numbers first: taking the sequence takes the write lock, so what
        // is read next cannot change before the commit.
        let mut numbers = sequences::reserve(&txn, InvoiceKind::Invoice.sequence(), day).await?;
        let billing = plan(&txn, chunk, day, language).await?;
        write(&txn, actor, day, &billing, &mut numbers).await?;
        numbers.save(&txn).await?;
        txn.commit().await?;
        summarise(&mut summary, &billing);
        done += chunk.len() as u64;
        progress(RunProgress { done, total });
    }
    let billed = super::time_and_materials::bill(db, actor, day, language).await?;
    summary.time_and_materials = billed;
    summary.invoice_count += billed;
    summary.expired = expire(db, actor, day).await?;
    Ok(summary)
}

async fn write(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    day: NaiveDate,
    billing: &[ContractBilling],
    numbers: &mut sequences::Reservation,
) -> CoreResult<()> {
    if billing.is_empty() {
        return Ok(());
    }
    let issue = Issue::prepare(txn, day).await?;
    let client_ids: Vec<i32> = billing.iter().map(|b| b.contract.client_id).collect();
    let clients: HashMap<i32, clients::Model> = clients::Entity::find()
        .filter(clients::Column::Id.is_in(client_ids))
        .all(txn)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let now = chrono::Utc::now();
    let mut rows = Vec::new();
    let mut audits = Vec::new();
    for contract in billing {
        let client = clients
            .get(&contract.contract.client_id)
            .ok_or(CoreError::not_found(Thing::Client))?;
        for Bill { period, lines, .. } in &contract.invoices {
            let totals = totals_of(lines);
            let number = numbers.next_reference();
            audits.push((
                number.clone(),
                contract.contract.reference.clone(),
                *period,
                totals.including_vat_cents,
            ));
            let mut row = invoices::ActiveModel {
                kind: Set(InvoiceKind::Invoice.code().to_owned()),
                status: Set(InvoiceStatus::Finalised.code().to_owned()),
                client_id: Set(client.id),
                contract_id: Set(Some(contract.contract.id)),
                period_start: Set(Some(period.covered.start)),
                period_end: Set(Some(period.covered.end)),
                paid_on: Set(None),
                credited_invoice_id: Set(None),
                excluding_vat_cents: Set(totals.excluding_vat_cents),
                vat_cents: Set(totals.vat_cents),
                including_vat_cents: Set(totals.including_vat_cents),
                created_at: Set(now),
                ..Default::default()
            };
            issue.apply(&mut row, number, client)?;
            rows.push(row);
        }
    }
    for chunk in rows.chunks(1_000) {
        invoices::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    // The ids just given, by number (unique).
    let numbers_written: Vec<String> = audits.iter().map(|a| a.0.clone()).collect();
    let mut ids: HashMap<String, i32> = HashMap::new();
    for chunk in numbers_written.chunks(5_000) {
        for (id, number) in invoices::Entity::find()
            .select_only()
            .column(invoices::Column::Id)
            .column(invoices::Column::Number)
            .filter(invoices::Column::Number.is_in(chunk.iter().cloned()))
            .into_tuple::<(i32, Option<String>)>()
            .all(txn)
            .await?
        {
            if let Some(number) = number {
                ids.insert(number, id);
            }
        }
    }
    // Each invoice mailed to its client (queued in this transaction: a run
    // killed half way mails nothing twice).
    if crate::mail::smtp::config(txn).await?.is_some() {
        for id in ids.values() {
            crate::mail::events::invoice_finalised(txn, *id).await?;
        }
    }
    let mut line_rows = Vec::new();
    let mut audit_rows = Vec::new();
    let mut numbers_iter = audits.iter();
    let mut accounted = Vec::new();
    for contract in billing {
        for Bill { lines, time, .. } in &contract.invoices {
            let (number, reference, period, total) = numbers_iter
                .next()
                .ok_or_else(|| CoreError::Internal("invoice run lost an invoice".into()))?;
            let id = *ids
                .get(number)
                .ok_or_else(|| CoreError::Internal(format!("{number} was not written")))?;
            if let Some(time) = time {
                accounted.push((contract.contract.client_id, *time, id));
            }
            line_rows.extend(
                lines
                    .iter()
                    .enumerate()
                    .map(|(i, line)| line.active_model(id, i)),
            );
            let change = |field: &str, after: String| FieldChange {
                field: field.to_owned(),
                before: None,
                after: Some(after),
            };
            audit_rows.push(audit::entry_of_changes(
                actor,
                "invoice",
                i64::from(id),
                "invoice run",
                &[
                    change("number", number.clone()),
                    change("contract", reference.clone()),
                    change(
                        "period",
                        format!("{} – {}", period.covered.start, period.covered.end),
                    ),
                    change("including_vat", money::plain(*total)),
                ],
            )?);
        }
    }
    for chunk in line_rows.chunks(3_000) {
        invoice_lines::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    for chunk in audit_rows.chunks(3_000) {
        audit::entity::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    for (client_id, period, invoice_id) in accounted {
        super::overage::mark(txn, client_id, period, invoice_id).await?;
    }
    // Moving the next billing date is what makes the batch done; contracts
    // sharing a date move in one statement.
    let mut by_date: BTreeMap<NaiveDate, Vec<i32>> = BTreeMap::new();
    for contract in billing {
        by_date
            .entry(contract.next_billing_date)
            .or_default()
            .push(contract.contract.id);
    }
    for (next, ids) in by_date {
        contracts::Entity::update_many()
            .col_expr(contracts::Column::NextBillingDate, Expr::value(next))
            .col_expr(contracts::Column::UpdatedAt, Expr::value(now))
            .filter(contracts::Column::Id.is_in(ids))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// Active auto-renewing contracts whose term ended before `day`.
async fn renewals_due(
    db: &impl ConnectionTrait,
    day: NaiveDate,
) -> CoreResult<Vec<contracts::Model>> {
    Ok(contracts::Entity::find()
        .filter(contracts::Column::Status.eq(ContractStatus::Active.code()))
        .filter(contracts::Column::AutoRenew.eq(true))
        .filter(contracts::Column::EndDate.lt(day))
        .all(db)
        .await?)
}

/// Starts the next terms of auto-renewing contracts, as many as reach `day`.
async fn renew<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    day: NaiveDate,
) -> CoreResult<u64> {
    let txn = crate::db::begin_write(db).await?;
    let due = renewals_due(&txn, day).await?;
    for before in &due {
        let Some(end) = before.end_date else {
            continue;
        };
        let mut times = 1;
        while renewed_end(end, before.renewal_months, times) < day && times < 1_000 {
            times += 1;
        }
        let mut model = before.clone().into_active_model();
        model.end_date = Set(Some(renewed_end(end, before.renewal_months, times)));
        model.updated_at = Set(chrono::Utc::now());
        let after = model.update(&txn).await?;
        audit::record(
            &txn,
            actor,
            i64::from(before.id),
            "renew",
            Some(before),
            Some(&after),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(due.len() as u64)
}

/// Active contracts past their end and fully billed become expired.
async fn expire<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    day: NaiveDate,
) -> CoreResult<u64> {
    let txn = crate::db::begin_write(db).await?;
    let ended = contracts::Entity::find()
        .filter(contracts::Column::Status.eq(ContractStatus::Active.code()))
        .filter(contracts::Column::AutoRenew.eq(false))
        .filter(contracts::Column::EndDate.lt(day))
        .all(&txn)
        .await?;
    let mut expired = 0;
    for before in ended {
        let billed_through = match (before.next_billing_date, before.end_date) {
            (Some(next), Some(end)) => next > end,
            _ => true,
        };
        if !billed_through {
            continue;
        }
        let mut model = before.clone().into_active_model();
        model.status = Set(ContractStatus::Expired.code().to_owned());
        model.status_since = Set(before.end_date.and_then(|e| e.succ_opt()).unwrap_or(day));
        model.updated_at = Set(chrono::Utc::now());
        let after = model.update(&txn).await?;
        audit::record(
            &txn,
            actor,
            i64::from(before.id),
            "expire",
            Some(&before),
            Some(&after),
        )
        .await?;
        expired += 1;
    }
    txn.commit().await?;
    Ok(expired)
}

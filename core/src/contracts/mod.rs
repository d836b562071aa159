//! Maintenance contracts: what a client pays for, per period, and what it
//! covers. This module creates and changes them (checked by `terms`), moves
//! them through their statuses, renews them, and shows their billing
//! schedule. The invoice run (`crate::invoices::run`) bills them.
//!
//! Status rules, written once here:
//! - a draft is never billed; activating it bills from its start date;
//! - a suspended contract is not billed; resuming bills from the period
//!   containing the day it resumes;
//! - terminating sets the end date: the last period is billed up to that
//!   day (prorated), then never again;
//! - at the end of its term a contract renews itself (auto-renew) or
//!   expires, once its last period is billed.
//!
//! Once a contract has been invoiced, its client, start date, periodicity and
//! billing mode are frozen (what was billed stays true). The list can be
//! narrowed to contracts in their notice period. The billing schedule gives
//! its invoices' numbers, statuses and amounts only to who may read invoices
//! (`ReadInvoices`), and never shows a portal contact an unnumbered draft.

pub mod contract_entity;
pub mod contract_equipment_entity;
pub mod contract_line_entity;
pub mod contract_site_entity;
pub(crate) mod coverage;
pub(crate) mod terms;

use crate::audit::{self, Audited};
use crate::authz::{require, Operation};
use crate::clients::client_entity as clients;
use crate::clock::today;
use crate::equipment::entity as equipment;
use crate::error::{CoreError, CoreResult};
use crate::invoices::invoice_entity as invoices;
use crate::query::id32;
use crate::query::{bounds, words_in_any};
use crate::sequences;
use crate::sites::site_entity as sites;
use crate::Actor;
use chrono::{Months, NaiveDate};
use contract_entity as contracts;
use contract_equipment_entity as contract_equipment;
use contract_line_entity as contract_lines;
use contract_site_entity as contract_sites;
use parc_api::billing::{Periodicity, Schedule};
use parc_api::clients::ServiceLevel;
use parc_api::contracts::{
    ContractDetail, ContractInput, ContractLineInput, ContractLineRow, ContractQuery, ContractRow,
    ContractStatus, ContractStatusChange, CoveredEquipment, CoveredSite, ScheduleEntry,
    ScheduledInvoice,
};
use parc_api::invoices::{InvoiceKind, InvoiceStatus};
use parc_api::problem::Thing;
use parc_api::{money, Page, ValidationCode};
use sea_orm::sea_query::{Expr, IntoColumnRef};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set, TransactionSession,
    TransactionTrait,
};
use std::collections::HashMap;
use terms::Terms;

/// How many periods ahead the schedule shows.
const UPCOMING_PERIODS: usize = 6;
/// How many equipment the detail lists when a contract covers whole sites.
const EQUIPMENT_SHOWN: u64 = 200;

impl Audited for contracts::Model {
    const ENTITY: &'static str = "contract";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        vec![
            ("reference", self.reference.clone()),
            ("client_id", self.client_id.to_string()),
            ("kind", self.kind.clone()),
            ("status", self.status.clone()),
            ("start_date", self.start_date.to_string()),
            ("end_date", date(self.end_date)),
            ("periodicity", self.periodicity.clone()),
            ("billed_in_advance", self.billed_in_advance.to_string()),
            (
                "covers_all_equipment",
                self.covers_all_equipment.to_string(),
            ),
            ("included_minutes", self.included_minutes.to_string()),
            (
                "overage_rate",
                self.overage_rate_cents
                    .map(money::plain)
                    .unwrap_or_default(),
            ),
            (
                "service_level",
                self.service_level.clone().unwrap_or_default(),
            ),
            (
                "visit_every_months",
                self.visit_every_months
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
            ),
            ("auto_renew", self.auto_renew.to_string()),
            ("renewal_months", self.renewal_months.to_string()),
            ("notice_days", self.notice_days.to_string()),
            ("next_billing_date", date(self.next_billing_date)),
            ("notes", self.notes.clone()),
        ]
    }
}

pub(crate) fn status_of(model: &contracts::Model) -> ContractStatus {
    ContractStatus::from_code(&model.status).unwrap_or_default()
}

pub(crate) fn periodicity_of(model: &contracts::Model) -> Periodicity {
    Periodicity::from_code(&model.periodicity).unwrap_or_default()
}

pub(crate) fn schedule_of(model: &contracts::Model) -> Schedule {
    Schedule {
        periodicity: periodicity_of(model),
        start: model.start_date,
        end: model.end_date,
        in_advance: model.billed_in_advance,
    }
}

/// The last day notice can be given, for a term that ends.
fn notice_deadline(model: &contracts::Model) -> Option<NaiveDate> {
    model
        .end_date
        .map(|end| end - chrono::Days::new(u64::try_from(model.notice_days).unwrap_or(0)))
}

fn in_notice(model: &contracts::Model, day: NaiveDate) -> bool {
    status_of(model) == ContractStatus::Active
        && matches!((notice_deadline(model), model.end_date),
            (Some(deadline), Some(end)) if deadline <= day && day <= end)
}

fn row_of(model: &contracts::Model, client_name: String, fixed_fee_cents: i64) -> ContractRow {
    ContractRow {
        id: i64::from(model.id),
        reference: model.reference.clone(),
        client_id: i64::from(model.client_id),
        client_name,
        kind: model.kind.clone(),
        status: status_of(model),
        start_date: model.start_date,
        end_date: model.end_date,
        periodicity: periodicity_of(model),
        next_billing_date: model.next_billing_date,
        fixed_fee_cents,
        notice_deadline: notice_deadline(model),
        in_notice: in_notice(model, today()),
    }
}

/// The fixed fees of one whole period, per contract.
async fn fixed_fees(
    db: &impl ConnectionTrait,
    contract_ids: Vec<i32>,
) -> CoreResult<HashMap<i32, i64>> {
    Ok(contract_lines::Entity::find()
        .select_only()
        .column(contract_lines::Column::ContractId)
        .column_as(contract_lines::Column::UnitPriceCents.sum(), "fee")
        .filter(contract_lines::Column::ContractId.is_in(contract_ids))
        .filter(contract_lines::Column::PerEquipment.eq(false))
        .group_by(contract_lines::Column::ContractId)
        .into_tuple::<(i32, Option<i64>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, fee)| (id, fee.unwrap_or(0)))
        .collect())
}

pub async fn list_contracts(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &ContractQuery,
) -> CoreResult<Page<ContractRow>> {
    require(actor, Operation::ReadContracts)?;
    let mut select =
        contracts::Entity::find().join(JoinType::InnerJoin, contracts::Relation::Client.def());
    if let Some(client) = actor.client_scope() {
        // A contract being prepared is the MSP's until it is activated.
        select = select
            .filter(contracts::Column::ClientId.eq(id32(client, Thing::Client)?))
            .filter(contracts::Column::Status.ne(ContractStatus::Draft.code()));
    }
    if let Some(client) = query.client_id {
        select = select.filter(contracts::Column::ClientId.eq(id32(client, Thing::Client)?));
    }
    if let Some(status) = query.status {
        select = select.filter(contracts::Column::Status.eq(status.code()));
    }
    let search = query.search.trim();
    if !search.is_empty() {
        select = select.filter(words_in_any(
            &[
                (clients::Entity, clients::Column::SearchText).into_column_ref(),
                (contracts::Entity, contracts::Column::Reference).into_column_ref(),
                (contracts::Entity, contracts::Column::Kind).into_column_ref(),
            ],
            search,
        ));
    }
    if query.in_notice {
        // end − notice ≤ today ≤ end, for active contracts with an end.
        let day = today();
        select = select
            .filter(contracts::Column::Status.eq(ContractStatus::Active.code()))
            .filter(contracts::Column::EndDate.gte(day))
            .filter(Expr::cust_with_values(
                "date(contracts.end_date, '-' || contracts.notice_days || ' days') <= ?",
                [day.to_string()],
            ));
    }
    if let Some(days) = query.ending_within_days {
        let day = today();
        select = select
            .filter(contracts::Column::Status.eq(ContractStatus::Active.code()))
            .filter(contracts::Column::EndDate.gte(day))
            .filter(
                contracts::Column::EndDate.lte(
                    day.checked_add_days(chrono::Days::new(u64::from(days)))
                        .unwrap_or(day),
                ),
            );
    }
    let total = select.clone().count(db).await?;
    let (page, page_size, offset) = bounds(query.page, query.page_size);
    let models = select
        .order_by_desc(contracts::Column::StartDate)
        .order_by_desc(contracts::Column::Id)
        .limit(page_size)
        .offset(offset)
        .all(db)
        .await?;
    let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
    let fees = fixed_fees(db, ids).await?;
    let names =
        crate::clients::lookup::client_names(db, models.iter().map(|m| m.client_id).collect())
            .await?;
    let items = models
        .iter()
        .map(|m| {
            row_of(
                m,
                names.get(&m.client_id).cloned().unwrap_or_default(),
                fees.get(&m.id).copied().unwrap_or(0),
            )
        })
        .collect();
    Ok(Page {
        items,
        total,
        page,
        page_size,
    })
}

/// The contract `id` if the actor may see it (a portal contact: its client's only).
async fn find_visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<contracts::Model> {
    crate::query::find_in_scope::<contracts::Entity>(db, actor, id, Thing::Contract, |c| {
        c.client_id
    })
    .await
}

pub async fn get_contract(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<ContractDetail> {
    require(actor, Operation::ReadContracts)?;
    let model = find_visible(db, actor, id).await?;
    detail_of(db, actor, model).await
}

async fn detail_of(
    db: &impl ConnectionTrait,
    actor: &Actor,
    model: contracts::Model,
) -> CoreResult<ContractDetail> {
    let client = clients::Entity::find_by_id(model.client_id)
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Client))?;
    let lines = contract_lines::Entity::find()
        .filter(contract_lines::Column::ContractId.eq(model.id))
        .order_by_asc(contract_lines::Column::Position)
        .all(db)
        .await?;
    let site_ids: Vec<i32> = contract_sites::Entity::find()
        .select_only()
        .column(contract_sites::Column::SiteId)
        .filter(contract_sites::Column::ContractId.eq(model.id))
        .into_tuple()
        .all(db)
        .await?;
    let site_models = sites::Entity::find()
        .filter(sites::Column::Id.is_in(site_ids.clone()))
        .order_by_asc(sites::Column::Name)
        .all(db)
        .await?;
    let site_names: HashMap<i32, String> =
        site_models.iter().map(|s| (s.id, s.name.clone())).collect();
    let chosen: Vec<i32> = contract_equipment::Entity::find()
        .select_only()
        .column(contract_equipment::Column::EquipmentId)
        .filter(contract_equipment::Column::ContractId.eq(model.id))
        .into_tuple()
        .all(db)
        .await?;
    let mut equipment_select = equipment::Entity::find();
    equipment_select = if model.covers_all_equipment {
        equipment_select.filter(equipment::Column::SiteId.is_in(site_ids.clone()))
    } else {
        equipment_select.filter(equipment::Column::Id.is_in(chosen.clone()))
    };
    let equipment_models = equipment_select
        .order_by_asc(equipment::Column::Reference)
        .limit(EQUIPMENT_SHOWN)
        .all(db)
        .await?;
    let covered_count = coverage::covered_counts(db, &[model.id])
        .await?
        .get(&model.id)
        .copied()
        .unwrap_or(0);
    let schedule = schedule_entries(db, actor, &model).await?;
    // The support hours used in the period today falls in.
    let current = parc_api::billing::period_containing(periodicity_of(&model), today());
    let used_minutes =
        crate::desk::time::logged_minutes(db, model.client_id, current.start, current.end).await?;
    let fixed_fee: i64 = lines
        .iter()
        .filter(|l| !l.per_equipment)
        .map(|l| l.unit_price_cents)
        .sum();
    let own_level = model
        .service_level
        .as_deref()
        .and_then(ServiceLevel::from_code);
    let input = ContractInput {
        client_id: i64::from(model.client_id),
        kind: model.kind.clone(),
        site_ids: site_ids.iter().map(|id| i64::from(*id)).collect(),
        covers_all_equipment: model.covers_all_equipment,
        equipment_ids: chosen.iter().map(|id| i64::from(*id)).collect(),
        start_date: model.start_date.to_string(),
        end_date: model.end_date.map(|d| d.to_string()).unwrap_or_default(),
        periodicity: periodicity_of(&model),
        billed_in_advance: model.billed_in_advance,
        lines: lines
            .iter()
            .map(|l| ContractLineInput {
                description: l.description.clone(),
                per_equipment: l.per_equipment,
                unit_price: money::plain(l.unit_price_cents),
                vat_rate: parc_api::billing::rate_plain(i64::from(l.vat_rate_basis_points)),
            })
            .collect(),
        included_hours: parc_api::billing::quantity_text(
            i64::from(model.included_minutes) * parc_api::billing::QUANTITY_SCALE / 60,
            false,
        ),
        overage_rate: model
            .overage_rate_cents
            .map(money::plain)
            .unwrap_or_default(),
        service_level: own_level,
        visit_every_months: model
            .visit_every_months
            .map(|m| m.to_string())
            .unwrap_or_default(),
        auto_renew: model.auto_renew,
        renewal_months: model.renewal_months.to_string(),
        notice_days: model.notice_days.to_string(),
        notes: model.notes.clone(),
    };
    Ok(ContractDetail {
        row: row_of(&model, client.name.clone(), fixed_fee),
        status_since: model.status_since,
        sites: site_models
            .iter()
            .map(|s| CoveredSite {
                id: i64::from(s.id),
                name: s.name.clone(),
            })
            .collect(),
        covers_all_equipment: model.covers_all_equipment,
        equipment: equipment_models
            .into_iter()
            .map(|e| CoveredEquipment {
                id: i64::from(e.id),
                site_name: e
                    .site_id
                    .and_then(|s| site_names.get(&s).cloned())
                    .unwrap_or_default(),
                reference: e.reference,
                name: e.name,
            })
            .collect(),
        covered_equipment_count: covered_count.unsigned_abs(),
        billed_in_advance: model.billed_in_advance,
        lines: lines
            .iter()
            .map(|l| ContractLineRow {
                description: l.description.clone(),
                per_equipment: l.per_equipment,
                unit_price_cents: l.unit_price_cents,
                vat_rate_basis_points: i64::from(l.vat_rate_basis_points),
            })
            .collect(),
        included_minutes: i64::from(model.included_minutes),
        used_minutes,
        overage_rate_cents: model.overage_rate_cents,
        service_level: own_level
            .or_else(|| ServiceLevel::from_code(&client.service_level))
            .unwrap_or_default(),
        service_level_from_client: own_level.is_none(),
        visit_every_months: model.visit_every_months.map(i64::from),
        auto_renew: model.auto_renew,
        renewal_months: i64::from(model.renewal_months),
        notice_days: i64::from(model.notice_days),
        notes: model.notes.clone(),
        schedule,
        input,
    })
}

/// Invoiced periods (newest last), then the periods still to bill. The
/// invoices themselves only for those who may read invoices: a technician
/// sees which periods were billed, never a number, status or amount; a
/// portal contact never sees a draft (its period is not billed yet for them).
async fn schedule_entries(
    db: &impl ConnectionTrait,
    actor: &Actor,
    model: &contracts::Model,
) -> CoreResult<Vec<ScheduleEntry>> {
    let schedule = schedule_of(model);
    let reads_invoices = require(actor, Operation::ReadInvoices).is_ok();
    let mut billed = invoices::Entity::find()
        .filter(invoices::Column::ContractId.eq(model.id))
        .filter(invoices::Column::Kind.eq(InvoiceKind::Invoice.code()));
    if actor.client_scope().is_some() {
        billed = billed.filter(invoices::Column::Number.is_not_null());
    }
    let billed = billed
        .order_by_asc(invoices::Column::PeriodStart)
        .order_by_asc(invoices::Column::Id)
        .all(db)
        .await?;
    let mut entries: Vec<ScheduleEntry> = billed
        .into_iter()
        .filter_map(|invoice| {
            let (start, end) = (invoice.period_start?, invoice.period_end?);
            let period = schedule.period_from(start);
            Some(ScheduleEntry {
                period_start: start,
                period_end: end,
                issue_on: invoice
                    .issue_date
                    .or_else(|| period.map(|p| schedule.issue_day(p)))
                    .unwrap_or(start),
                partial: period.is_some_and(|p| p.is_partial()),
                billed: true,
                invoice: reads_invoices.then(|| ScheduledInvoice {
                    id: i64::from(invoice.id),
                    number: invoice.number,
                    status: InvoiceStatus::from_code(&invoice.status).unwrap_or_default(),
                    including_vat_cents: invoice.including_vat_cents,
                }),
            })
        })
        .collect();
    let billable = matches!(
        status_of(model),
        ContractStatus::Draft
            | ContractStatus::Active
            | ContractStatus::Suspended
            | ContractStatus::Terminated
    );
    if let (true, Some(mut next)) = (billable, model.next_billing_date) {
        for _ in 0..UPCOMING_PERIODS {
            let Some(period) = schedule.period_from(next) else {
                break;
            };
            entries.push(ScheduleEntry {
                period_start: period.covered.start,
                period_end: period.covered.end,
                issue_on: schedule.issue_day(period),
                partial: period.is_partial(),
                billed: false,
                invoice: None,
            });
            next = schedule.after(period);
        }
    }
    Ok(entries)
}

async fn invoiced_count(db: &impl ConnectionTrait, contract_id: i32) -> CoreResult<u64> {
    Ok(invoices::Entity::find()
        .filter(invoices::Column::ContractId.eq(contract_id))
        .count(db)
        .await?)
}

/// Writes the covered sites, equipment and price lines of `contract_id`,
/// replacing what was there.
async fn save_parts(db: &impl ConnectionTrait, contract_id: i32, terms: &Terms) -> CoreResult<()> {
    contract_sites::Entity::delete_many()
        .filter(contract_sites::Column::ContractId.eq(contract_id))
        .exec(db)
        .await?;
    contract_equipment::Entity::delete_many()
        .filter(contract_equipment::Column::ContractId.eq(contract_id))
        .exec(db)
        .await?;
    contract_lines::Entity::delete_many()
        .filter(contract_lines::Column::ContractId.eq(contract_id))
        .exec(db)
        .await?;
    contract_sites::Entity::insert_many(terms.site_ids.iter().map(|site| {
        contract_sites::ActiveModel {
            contract_id: Set(contract_id),
            site_id: Set(*site),
        }
    }))
    .exec_without_returning(db)
    .await?;
    if !terms.equipment_ids.is_empty() {
        contract_equipment::Entity::insert_many(terms.equipment_ids.iter().map(|e| {
            contract_equipment::ActiveModel {
                contract_id: Set(contract_id),
                equipment_id: Set(*e),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    contract_lines::Entity::insert_many(terms.lines.iter().enumerate().map(|(i, line)| {
        contract_lines::ActiveModel {
            contract_id: Set(contract_id),
            position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            description: Set(line.description.clone()),
            per_equipment: Set(line.per_equipment),
            unit_price_cents: Set(line.unit_price_cents),
            vat_rate_basis_points: Set(line.vat_rate_basis_points),
            ..Default::default()
        }
    }))
    .exec_without_returning(db)
    .await?;
    Ok(())
}

fn apply(model: &mut contracts::ActiveModel, terms: &Terms) {
    model.client_id = Set(terms.client.id);
    model.kind = Set(terms.kind.clone());
    model.start_date = Set(terms.start);
    model.end_date = Set(terms.end);
    model.periodicity = Set(terms.periodicity.code().to_owned());
    model.billed_in_advance = Set(terms.in_advance);
    model.covers_all_equipment = Set(terms.covers_all_equipment);
    model.included_minutes = Set(terms.included_minutes);
    model.overage_rate_cents = Set(terms.overage_rate_cents);
    model.service_level = Set(terms.service_level.clone());
    model.visit_every_months = Set(terms.visit_every_months);
    model.auto_renew = Set(terms.auto_renew);
    model.renewal_months = Set(terms.renewal_months);
    model.notice_days = Set(terms.notice_days);
    model.notes = Set(terms.notes.clone());
    model.updated_at = Set(chrono::Utc::now());
}

pub async fn create_contract<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &ContractInput,
) -> CoreResult<ContractDetail> {
    require(actor, Operation::WriteContracts)?;
    let txn = crate::db::begin_write(db).await?;
    let terms = terms::check(&txn, actor, input).await?;
    let day = today();
    let mut model = contracts::ActiveModel {
        reference: Set(sequences::next_reference(&txn, "contract", day).await?),
        status: Set(ContractStatus::Draft.code().to_owned()),
        status_since: Set(day),
        next_billing_date: Set(Some(terms.start)),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    };
    apply(&mut model, &terms);
    let saved = model.insert(&txn).await?;
    save_parts(&txn, saved.id, &terms).await?;
    audit::record(
        &txn,
        actor,
        i64::from(saved.id),
        "create",
        None,
        Some(&saved),
    )
    .await?;
    let detail = detail_of(&txn, actor, saved).await?;
    txn.commit().await?;
    Ok(detail)
}

pub async fn update_contract<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    input: &ContractInput,
) -> CoreResult<ContractDetail> {
    require(actor, Operation::WriteContracts)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_visible(&txn, actor, id).await?;
    if matches!(
        status_of(&before),
        ContractStatus::Expired | ContractStatus::Terminated
    ) {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::ContractEnded {
                reference: before.reference.clone(),
            },
        ));
    }
    let terms = terms::check(&txn, actor, input).await?;
    let invoiced = invoiced_count(&txn, before.id).await? > 0;
    if invoiced {
        // What was billed stays true: the dates and rhythm of billed periods.
        let frozen = [
            ("client_id", terms.client.id != before.client_id),
            ("start_date", terms.start != before.start_date),
            ("periodicity", terms.periodicity != periodicity_of(&before)),
            (
                "billed_in_advance",
                terms.in_advance != before.billed_in_advance,
            ),
        ];
        if let Some((field, _)) = frozen.iter().find(|(_, changed)| *changed) {
            return Err(CoreError::validation(
                field,
                ValidationCode::Conflict,
                "cannot change once the contract has been invoiced",
            ));
        }
    }
    let mut model = before.clone().into_active_model();
    apply(&mut model, &terms);
    if !invoiced {
        model.next_billing_date = Set(Some(terms.start));
    }
    let after = model.update(&txn).await?;
    save_parts(&txn, after.id, &terms).await?;
    audit::record(&txn, actor, id, "update", Some(&before), Some(&after)).await?;
    crate::desk::tickets::review_client(&txn, after.client_id).await?;
    let detail = detail_of(&txn, actor, after).await?;
    txn.commit().await?;
    Ok(detail)
}

pub async fn change_contract_status<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    change: &ContractStatusChange,
) -> CoreResult<ContractDetail> {
    require(actor, Operation::WriteContracts)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_visible(&txn, actor, change.id).await?;
    let from = status_of(&before);
    if !from.next().contains(&change.status) {
        return Err(CoreError::validation(
            "status",
            ValidationCode::Conflict,
            format!(
                "a {} contract cannot become {}",
                from.code(),
                change.status.code()
            ),
        ));
    }
    let on = crate::validate::date("on", &change.on)?.unwrap_or_else(today);
    let mut model = before.clone().into_active_model();
    model.status = Set(change.status.code().to_owned());
    model.status_since = Set(on);
    model.updated_at = Set(chrono::Utc::now());
    match change.status {
        ContractStatus::Terminated => {
            if on < before.start_date {
                return Err(CoreError::validation(
                    "on",
                    ValidationCode::InvalidDate,
                    "the last day billed cannot be before the start of the contract",
                ));
            }
            if before.end_date.is_some_and(|end| end < on) {
                return Err(CoreError::validation(
                    "on",
                    ValidationCode::InvalidDate,
                    "the contract already ends before this day",
                ));
            }
            model.end_date = Set(Some(on));
            model.auto_renew = Set(false);
        }
        ContractStatus::Active if from == ContractStatus::Suspended => {
            // Periods spent suspended are not billed.
            let resumes = parc_api::billing::period_containing(periodicity_of(&before), on).start;
            let next = before
                .next_billing_date
                .map_or(resumes, |next| next.max(resumes));
            model.next_billing_date = Set(Some(next));
        }
        _ => {}
    }
    let after = model.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        change.id,
        "status",
        Some(&before),
        Some(&after),
    )
    .await?;
    crate::desk::tickets::review_client(&txn, after.client_id).await?;
    let detail = detail_of(&txn, actor, after).await?;
    txn.commit().await?;
    Ok(detail)
}

/// The end of a term renewed `times` times from `end`.
pub(crate) fn renewed_end(end: NaiveDate, renewal_months: i32, times: u32) -> NaiveDate {
    let months = u32::try_from(renewal_months).unwrap_or(12).max(1) * times;
    end.checked_add_months(Months::new(months)).unwrap_or(end)
}

/// Starts the next term of a contract that has an end date: the end moves by
/// its renewal length, and an expired contract becomes active again.
pub async fn renew_contract<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> CoreResult<ContractDetail> {
    require(actor, Operation::WriteContracts)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find_visible(&txn, actor, id).await?;
    let Some(end) = before.end_date else {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::ContractHasNoEnd {
                reference: before.reference.clone(),
            },
        ));
    };
    if !matches!(
        status_of(&before),
        ContractStatus::Active | ContractStatus::Expired
    ) {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::ContractNotRenewable {
                reference: before.reference.clone(),
                status: parc_api::contracts::ContractStatus::from_code(&before.status)
                    .unwrap_or_default(),
            },
        ));
    }
    let mut model = before.clone().into_active_model();
    model.end_date = Set(Some(renewed_end(end, before.renewal_months, 1)));
    if status_of(&before) == ContractStatus::Expired {
        model.status = Set(ContractStatus::Active.code().to_owned());
        model.status_since = Set(today());
        model.next_billing_date = Set(end.succ_opt());
    }
    model.updated_at = Set(chrono::Utc::now());
    let after = model.update(&txn).await?;
    audit::record(&txn, actor, id, "renew", Some(&before), Some(&after)).await?;
    let detail = detail_of(&txn, actor, after).await?;
    txn.commit().await?;
    Ok(detail)
}

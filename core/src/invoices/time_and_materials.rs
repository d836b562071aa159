//! Time and materials: what the invoice run bills outside contract periods.
//!
//! - Billable time of a client that has no active contract (a contract's
//!   own time is its included hours, and beyond them its overage), at the
//!   hourly rate of the invoicing settings, one line per ticket or
//!   intervention;
//! - the parts interventions used, at their unit cost, one line per part and
//!   intervention.
//!
//! Once a month: the run of any day bills what was logged, or used by
//! interventions carried out, before the first day of that day's month, one
//! invoice per client. Each client's invoice is one transaction that also
//! marks its time entries and parts with the invoice, so a run killed and
//! started again bills each of them once.

use super::invoice_entity as invoices;
use super::snapshot::Issue;
use super::{totals_of, NewLine};
use crate::clients::client_entity as clients;
use crate::contracts::contract_entity as contracts;
use crate::desk::intervention_entity as interventions;
use crate::desk::intervention_part_entity as used_parts;
use crate::desk::ticket_entity as tickets;
use crate::desk::time_entry_entity as entries;
use crate::error::{CoreError, CoreResult};
use crate::parts::part_entity as parts;
use crate::{audit, sequences, settings, Actor};
use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use parc_api::auth::Language;
use parc_api::billing::QUANTITY_SCALE;
use parc_api::contracts::ContractStatus;
use parc_api::history::FieldChange;
use parc_api::interventions::InterventionStatus;
use parc_api::invoices::{InvoiceKind, InvoiceStatus};
use parc_api::problem::Thing;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The VAT rate of services and parts, in basis points.
const VAT_BASIS_POINTS: i64 = 2_000;

/// What one client's invoice bills.
#[derive(Default)]
struct Unbilled {
    /// Billable minutes per (ticket, intervention) they were logged on.
    time: BTreeMap<(Option<i32>, Option<i32>), i64>,
    entry_ids: Vec<i32>,
    /// (intervention, part) → quantity.
    parts: BTreeMap<(i32, i32), i32>,
    part_row_ids: Vec<i32>,
    first_day: Option<NaiveDate>,
}

fn words(language: Language) -> (&'static str, &'static str, &'static str) {
    match language {
        Language::Fr => ("Temps passé", "Pièce", "hors contrat"),
        Language::En => ("Time spent", "Part", "outside contracts"),
    }
}

/// The first day of `day`'s month: what came before it is billed.
fn cutoff_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

async fn unbilled(
    db: &impl ConnectionTrait,
    cutoff: NaiveDate,
) -> CoreResult<BTreeMap<i32, Unbilled>> {
    let before = Utc.from_utc_datetime(&cutoff.and_hms_opt(0, 0, 0).unwrap_or_default());
    let covered: HashSet<i32> = contracts::Entity::find()
        .select_only()
        .column(contracts::Column::ClientId)
        .filter(contracts::Column::Status.eq(ContractStatus::Active.code()))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut by_client: BTreeMap<i32, Unbilled> = BTreeMap::new();
    let time = entries::Entity::find()
        .filter(entries::Column::Billable.eq(true))
        .filter(entries::Column::InvoiceId.is_null())
        .filter(entries::Column::EndedAt.is_not_null())
        .filter(entries::Column::StartedAt.lt(before))
        .order_by_asc(entries::Column::StartedAt)
        .all(db)
        .await?;
    for entry in time {
        if covered.contains(&entry.client_id) || entry.minutes <= 0 {
            continue;
        }
        let bill = by_client.entry(entry.client_id).or_default();
        *bill
            .time
            .entry((entry.ticket_id, entry.intervention_id))
            .or_default() += i64::from(entry.minutes);
        bill.entry_ids.push(entry.id);
        let day = entry.started_at.date_naive();
        bill.first_day = Some(bill.first_day.map_or(day, |d| d.min(day)));
    }
    let done = interventions::Entity::find()
        .filter(interventions::Column::Status.eq(InterventionStatus::Done.code()))
        .all(db)
        .await?;
    let done: HashMap<i32, interventions::Model> = done
        .into_iter()
        .filter(|i| i.actual_end.or(i.actual_start).unwrap_or(i.updated_at) < before)
        .map(|i| (i.id, i))
        .collect();
    let used = used_parts::Entity::find()
        .filter(used_parts::Column::InvoiceId.is_null())
        .filter(used_parts::Column::InterventionId.is_in(done.keys().copied()))
        .all(db)
        .await?;
    for part in used {
        let Some(intervention) = done.get(&part.intervention_id) else {
            continue;
        };
        let bill = by_client.entry(intervention.client_id).or_default();
        *bill
            .parts
            .entry((part.intervention_id, part.part_id))
            .or_default() += part.quantity;
        bill.part_row_ids.push(part.id);
        let day = intervention
            .actual_start
            .unwrap_or(intervention.updated_at)
            .date_naive();
        bill.first_day = Some(bill.first_day.map_or(day, |d| d.min(day)));
    }
    Ok(by_client)
}

/// How many invoices of time and materials a run on `day` would make.
pub(crate) async fn due(db: &impl ConnectionTrait, day: NaiveDate) -> CoreResult<u64> {
    Ok(unbilled(db, cutoff_of(day))
        .await?
        .values()
        .filter(|bill| !bill.time.is_empty() || !bill.parts.is_empty())
        .count() as u64)
}

/// Bills every client's time and materials due on `day`; returns the
/// number of invoices made.
pub(crate) async fn bill<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    day: NaiveDate,
    language: Language,
) -> CoreResult<u64> {
    let cutoff = cutoff_of(day);
    let rate = settings::hourly_rate(db).await?;
    let (time_word, part_word, outside) = words(language);
    let mut made = 0;
    for (client_id, bill) in unbilled(db, cutoff).await? {
        let txn = crate::db::begin_write(db).await?;
        let client = clients::Entity::find_by_id(client_id)
            .one(&txn)
            .await?
            .ok_or(CoreError::not_found(Thing::Client))?;
        let ticket_ids: Vec<i32> = bill.time.keys().filter_map(|(t, _)| *t).collect();
        let ticket_refs: HashMap<i32, String> = tickets::Entity::find()
            .select_only()
            .column(tickets::Column::Id)
            .column(tickets::Column::Reference)
            .filter(tickets::Column::Id.is_in(ticket_ids))
            .into_tuple::<(i32, String)>()
            .all(&txn)
            .await?
            .into_iter()
            .collect();
        let intervention_ids: Vec<i32> = bill
            .time
            .keys()
            .filter_map(|(_, i)| *i)
            .chain(bill.parts.keys().map(|(i, _)| *i))
            .collect();
        let intervention_refs: HashMap<i32, String> = interventions::Entity::find()
            .select_only()
            .column(interventions::Column::Id)
            .column(interventions::Column::Reference)
            .filter(interventions::Column::Id.is_in(intervention_ids))
            .into_tuple::<(i32, String)>()
            .all(&txn)
            .await?
            .into_iter()
            .collect();
        let catalogue: HashMap<i32, parts::Model> = parts::Entity::find()
            .filter(parts::Column::Id.is_in(bill.parts.keys().map(|(_, p)| *p)))
            .all(&txn)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let mut lines = Vec::new();
        for ((ticket, intervention), minutes) in &bill.time {
            let what = match (intervention, ticket) {
                (Some(i), _) => intervention_refs.get(i).cloned(),
                (None, Some(t)) => ticket_refs.get(t).cloned(),
                (None, None) => None,
            }
            .unwrap_or_default();
            lines.push(NewLine {
                source: "time",
                description: format!("{time_word} {outside} — {what}"),
                quantity_thousandths: (minutes * QUANTITY_SCALE + 30) / 60,
                unit_price_cents: rate,
                vat_rate_basis_points: VAT_BASIS_POINTS,
            });
        }
        for ((intervention, part), quantity) in &bill.parts {
            let Some(model) = catalogue.get(part) else {
                continue;
            };
            let reference = intervention_refs
                .get(intervention)
                .cloned()
                .unwrap_or_default();
            lines.push(NewLine {
                source: "part",
                description: format!(
                    "{part_word} : {} ({}) — {reference}",
                    model.name, model.part_number
                ),
                quantity_thousandths: i64::from(*quantity) * QUANTITY_SCALE,
                unit_price_cents: model.unit_cost_cents.unwrap_or(0),
                vat_rate_basis_points: VAT_BASIS_POINTS,
            });
        }
        if lines.is_empty() {
            continue;
        }
        let mut numbers = sequences::reserve(&txn, InvoiceKind::Invoice.sequence(), day).await?;
        let number = numbers.next_reference();
        let totals = totals_of(&lines);
        let issue = Issue::prepare(&txn, day).await?;
        let mut row = invoices::ActiveModel {
            kind: Set(InvoiceKind::Invoice.code().to_owned()),
            status: Set(InvoiceStatus::Finalised.code().to_owned()),
            client_id: Set(client.id),
            contract_id: Set(None),
            period_start: Set(bill.first_day),
            period_end: Set(cutoff.pred_opt()),
            paid_on: Set(None),
            credited_invoice_id: Set(None),
            excluding_vat_cents: Set(totals.excluding_vat_cents),
            vat_cents: Set(totals.vat_cents),
            including_vat_cents: Set(totals.including_vat_cents),
            created_at: Set(Utc::now()),
            ..Default::default()
        };
        issue.apply(&mut row, number.clone(), &client)?;
        let saved = row.insert(&txn).await?;
        for (i, line) in lines.iter().enumerate() {
            line.active_model(saved.id, i).insert(&txn).await?;
        }
        entries::Entity::update_many()
            .col_expr(entries::Column::InvoiceId, Expr::value(saved.id))
            .filter(entries::Column::Id.is_in(bill.entry_ids.clone()))
            .exec(&txn)
            .await?;
        used_parts::Entity::update_many()
            .col_expr(used_parts::Column::InvoiceId, Expr::value(saved.id))
            .filter(used_parts::Column::Id.is_in(bill.part_row_ids.clone()))
            .exec(&txn)
            .await?;
        numbers.save(&txn).await?;
        audit::entry_of_changes(
            actor,
            "invoice",
            i64::from(saved.id),
            "invoice run",
            &[FieldChange {
                field: "number".into(),
                before: None,
                after: Some(format!("{number} ({time_word} {outside})")),
            }],
        )?
        .insert(&txn)
        .await?;
        txn.commit().await?;
        made += 1;
    }
    Ok(made)
}

//! Support time beyond a contract's included hours, billed at its overage
//! rate. The time is the client's billable time entries (`desk::time`) not
//! billed yet. Which period an invoice bills the overage of:
//! - in arrears, the period it bills (it has ended);
//! - in advance, the period before it (the one that just ended), when the
//!   contract ran then.
//!
//! A client's time counts against one contract only: its active contract
//! with an overage rate and the lowest id. Every entry of the period is
//! then marked with the invoice, billed or included, so it never counts
//! twice.

use super::NewLine;
use crate::clock::utc_days;
use crate::contracts::contract_entity as contracts;
use crate::desk::time_entry_entity as entries;
use crate::error::CoreResult;
use chrono::{DateTime, Utc};
use parc_api::auth::Language;
use parc_api::billing::{divide_rounded, BilledPeriod, Period, Schedule, QUANTITY_SCALE};
use parc_api::contracts::ContractStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Whether an instant falls in a period (whole days, UTC).
fn within(at: DateTime<Utc>, period: Period) -> bool {
    let (start, end) = utc_days(period.start, period.end);
    at >= start && at < end
}

/// Time logged by the clients of a batch, and the contract each client's
/// time counts against.
pub(crate) struct LoggedTime {
    entries: HashMap<i32, Vec<(DateTime<Utc>, i64)>>,
    counted_by: HashMap<i32, i32>,
}

impl LoggedTime {
    pub async fn load(db: &impl ConnectionTrait, client_ids: &[i32]) -> CoreResult<Self> {
        let mut counted_by = HashMap::new();
        for contract in contracts::Entity::find()
            .filter(contracts::Column::ClientId.is_in(client_ids.iter().copied()))
            .filter(contracts::Column::Status.is_in([
                ContractStatus::Active.code(),
                ContractStatus::Terminated.code(),
            ]))
            .filter(contracts::Column::OverageRateCents.is_not_null())
            .order_by_asc(contracts::Column::Id)
            .all(db)
            .await?
        {
            counted_by.entry(contract.client_id).or_insert(contract.id);
        }
        let mut entries_by_client: HashMap<i32, Vec<(DateTime<Utc>, i64)>> = HashMap::new();
        if !counted_by.is_empty() {
            for entry in entries::Entity::find()
                .filter(entries::Column::ClientId.is_in(counted_by.keys().copied()))
                .filter(entries::Column::Billable.eq(true))
                .filter(entries::Column::EndedAt.is_not_null())
                .filter(entries::Column::InvoiceId.is_null())
                .all(db)
                .await?
            {
                entries_by_client
                    .entry(entry.client_id)
                    .or_default()
                    .push((entry.started_at, i64::from(entry.minutes)));
            }
        }
        Ok(LoggedTime {
            entries: entries_by_client,
            counted_by,
        })
    }

    /// The period whose time an invoice of `billed` accounts for, if this
    /// contract counts its client's time.
    pub fn period_for(
        &self,
        contract: &contracts::Model,
        schedule: Schedule,
        billed: BilledPeriod,
    ) -> Option<Period> {
        if self.counted_by.get(&contract.client_id) != Some(&contract.id) {
            return None;
        }
        if !schedule.in_advance {
            return Some(billed.covered);
        }
        schedule.previous(billed).map(|p| p.covered)
    }

    /// Minutes the client logged in `period`.
    pub fn minutes_in(&self, client_id: i32, period: Period) -> i64 {
        self.entries.get(&client_id).map_or(0, |list| {
            list.iter()
                .filter(|(at, _)| within(*at, period))
                .map(|(_, m)| m)
                .sum()
        })
    }
}

/// The overage line for `used` minutes in `period` on `contract`, if beyond
/// what it includes.
pub(crate) fn line(
    contract: &contracts::Model,
    period: Period,
    used: i64,
    vat_rate_basis_points: i64,
    language: Language,
) -> Option<NewLine> {
    let rate = contract.overage_rate_cents?;
    let included = i64::from(contract.included_minutes);
    let excess = used - included;
    if excess <= 0 {
        return None;
    }
    let hours = |minutes: i64| {
        parc_api::billing::quantity_text(
            divide_rounded(i128::from(minutes) * 1000, 60),
            language == Language::Fr,
        )
    };
    let (from, to) = (language.date(period.start), language.date(period.end));
    let description = match language {
        Language::Fr => format!(
            "Dépassement du support du {from} au {to} : {} h utilisées pour {} h incluses",
            hours(used),
            hours(included)
        ),
        Language::En => format!(
            "Support beyond the included hours, {from} to {to}: {} h used for {} h included",
            hours(used),
            hours(included)
        ),
    };
    Some(NewLine {
        source: "overage",
        description,
        quantity_thousandths: divide_rounded(i128::from(excess) * i128::from(QUANTITY_SCALE), 60),
        unit_price_cents: rate,
        vat_rate_basis_points,
    })
}

/// Marks the client's time of `period` as accounted for by `invoice_id`.
pub(crate) async fn mark(
    db: &impl ConnectionTrait,
    client_id: i32,
    period: Period,
    invoice_id: i32,
) -> CoreResult<()> {
    let (start, end) = utc_days(period.start, period.end);
    entries::Entity::update_many()
        .col_expr(entries::Column::InvoiceId, Expr::value(invoice_id))
        .filter(entries::Column::ClientId.eq(client_id))
        .filter(entries::Column::Billable.eq(true))
        .filter(entries::Column::EndedAt.is_not_null())
        .filter(entries::Column::InvoiceId.is_null())
        .filter(entries::Column::StartedAt.gte(start))
        .filter(entries::Column::StartedAt.lt(end))
        .exec(db)
        .await?;
    Ok(())
}

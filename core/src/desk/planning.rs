//! Preventive planning: turns what is due over a horizon into scheduled
//! preventive interventions —
//!
//! - each active contract's visit plan: a visit of every covered site every
//!   N months from the contract's start, while the contract runs;
//! - each equipment whose next maintenance falls in the horizon.
//!
//! Every planned intervention carries a `plan_key` naming what it is for
//! ("contract:12:site:4:2027-01-15", "equipment:881:2027-02-01"); the key is
//! unique in the database and the keys already there are skipped, so
//! planning twice adds nothing and a moved or reassigned visit stays as the
//! planner left it. Visits are scheduled 09:00–11:00 local time, a weekend
//! day moved to the Monday after, and left unassigned for the planning view.

use super::intervention_entity as interventions;
use super::interventions::create_in;
use crate::contracts::contract_entity as contracts;
use crate::contracts::contract_equipment_entity as contract_equipment;
use crate::contracts::contract_site_entity as contract_sites;
use crate::equipment::entity as equipment;
use crate::error::CoreResult;
use crate::Actor;
use chrono::{Datelike, Months, NaiveDate, Weekday};
use parc_api::contracts::ContractStatus;
use parc_api::equipment::EquipmentStatus;
use parc_api::interventions::{InterventionInput, InterventionKind, InterventionStatus};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, TransactionSession,
    TransactionTrait,
};
use std::collections::{BTreeMap, HashSet};

/// How far ahead planning looks, by default.
pub const DEFAULT_HORIZON_DAYS: u32 = 90;
/// Interventions created per transaction.
const BATCH: usize = 200;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanSummary {
    /// Interventions created by this run.
    pub created: u64,
    /// Visits due in the horizon that were planned before.
    pub already_planned: u64,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One visit due.
struct Due {
    key: String,
    day: NaiveDate,
    client_id: i64,
    site_id: Option<i64>,
    contract_id: Option<i64>,
    equipment_ids: Vec<i64>,
}

/// A weekend day moves to the Monday after.
pub fn working_day(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day + chrono::Days::new(2),
        Weekday::Sun => day + chrono::Days::new(1),
        _ => day,
    }
}

/// The visit days of a plan every `months` from `start`, within
/// `[from, to]` and before `end`.
pub fn visit_days(
    start: NaiveDate,
    months: u32,
    end: Option<NaiveDate>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<NaiveDate> {
    if months == 0 {
        return Vec::new();
    }
    let mut days = Vec::new();
    for k in 1u32.. {
        let Some(day) = months
            .checked_mul(k)
            .and_then(|m| start.checked_add_months(Months::new(m)))
        else {
            break;
        };
        if day > to || end.is_some_and(|end| day > end) {
            break;
        }
        if day >= from {
            days.push(day);
        }
    }
    days
}

async fn contract_visits(
    db: &impl ConnectionTrait,
    from: NaiveDate,
    to: NaiveDate,
) -> CoreResult<Vec<Due>> {
    let planned = contracts::Entity::find()
        .filter(contracts::Column::Status.eq(ContractStatus::Active.code()))
        .filter(contracts::Column::VisitEveryMonths.gt(0))
        .all(db)
        .await?;
    let mut due = Vec::new();
    for contract in planned {
        let months = u32::try_from(contract.visit_every_months.unwrap_or(0)).unwrap_or(0);
        let days = visit_days(contract.start_date, months, contract.end_date, from, to);
        if days.is_empty() {
            continue;
        }
        let sites: Vec<i32> = contract_sites::Entity::find()
            .filter(contract_sites::Column::ContractId.eq(contract.id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| s.site_id)
            .collect();
        let mut covered = equipment::Entity::find()
            .select_only()
            .column(equipment::Column::Id)
            .column(equipment::Column::SiteId)
            .filter(equipment::Column::SiteId.is_in(sites.clone()))
            .filter(equipment::Column::Status.ne(EquipmentStatus::Retired.code()));
        if !contract.covers_all_equipment {
            let chosen: Vec<i32> = contract_equipment::Entity::find()
                .filter(contract_equipment::Column::ContractId.eq(contract.id))
                .all(db)
                .await?
                .into_iter()
                .map(|e| e.equipment_id)
                .collect();
            covered = covered.filter(equipment::Column::Id.is_in(chosen));
        }
        let mut by_site: BTreeMap<i32, Vec<i64>> = BTreeMap::new();
        for (id, site) in covered.into_tuple::<(i32, Option<i32>)>().all(db).await? {
            if let Some(site) = site {
                by_site.entry(site).or_default().push(i64::from(id));
            }
        }
        for day in days {
            for &site in &sites {
                due.push(Due {
                    key: format!("contract:{}:site:{site}:{day}", contract.id),
                    day,
                    client_id: i64::from(contract.client_id),
                    site_id: Some(i64::from(site)),
                    contract_id: Some(i64::from(contract.id)),
                    equipment_ids: by_site.get(&site).cloned().unwrap_or_default(),
                });
            }
        }
    }
    Ok(due)
}

async fn maintenance_due(
    db: &impl ConnectionTrait,
    from: NaiveDate,
    to: NaiveDate,
) -> CoreResult<Vec<Due>> {
    let rows = equipment::Entity::find()
        .select_only()
        .column(equipment::Column::Id)
        .column(equipment::Column::ClientId)
        .column(equipment::Column::SiteId)
        .column(equipment::Column::NextMaintenance)
        .filter(equipment::Column::NextMaintenance.between(from, to))
        .filter(equipment::Column::Status.ne(EquipmentStatus::Retired.code()))
        .into_tuple::<(i32, i32, Option<i32>, Option<NaiveDate>)>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, client, site, day)| {
            let day = day?;
            Some(Due {
                key: format!("equipment:{id}:{day}"),
                day,
                client_id: i64::from(client),
                site_id: site.map(i64::from),
                contract_id: None,
                equipment_ids: vec![i64::from(id)],
            })
        })
        .collect())
}

/// Plans what is due from `today` over `horizon_days`.
pub async fn plan<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    today: NaiveDate,
    horizon_days: u32,
) -> CoreResult<PlanSummary> {
    crate::authz::require(actor, crate::authz::Operation::WriteTickets)?;
    let to = today + chrono::Days::new(u64::from(horizon_days));
    let mut due = contract_visits(db, today, to).await?;
    due.extend(maintenance_due(db, today, to).await?);
    let existing: HashSet<String> = interventions::Entity::find()
        .select_only()
        .column(interventions::Column::PlanKey)
        .filter(interventions::Column::PlanKey.is_not_null())
        .into_tuple::<Option<String>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    let total = due.len() as u64;
    due.retain(|d| !existing.contains(&d.key));
    due.sort_by(|a, b| a.day.cmp(&b.day).then_with(|| a.key.cmp(&b.key)));
    let mut summary = PlanSummary {
        created: 0,
        already_planned: total - due.len() as u64,
        from: Some(today),
        to: Some(to),
    };
    for chunk in due.chunks(BATCH) {
        let txn = crate::db::begin_write(db).await?;
        for visit in chunk {
            // Another run (start-up, "Plan now", `parc plan`) may have
            // planned it since the keys were read.
            if interventions::Entity::find()
                .filter(interventions::Column::PlanKey.eq(visit.key.as_str()))
                .one(&txn)
                .await?
                .is_some()
            {
                summary.already_planned += 1;
                continue;
            }
            let day = working_day(visit.day);
            let input = InterventionInput {
                kind: InterventionKind::Preventive,
                status: InterventionStatus::Scheduled,
                client_id: visit.client_id,
                site_id: visit.site_id,
                contract_id: visit.contract_id,
                equipment_ids: visit.equipment_ids.clone(),
                scheduled_start: format!("{day}T09:00"),
                scheduled_end: format!("{day}T11:00"),
                ..Default::default()
            };
            create_in(&txn, actor, &input, Some(visit.key.clone())).await?;
            summary.created += 1;
        }
        txn.commit().await?;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn visits_fall_every_n_months_within_the_window_and_the_term() {
        let start = day("2026-01-31");
        assert_eq!(
            visit_days(start, 3, None, day("2026-04-01"), day("2026-12-31")),
            vec![day("2026-04-30"), day("2026-07-31"), day("2026-10-31")]
        );
        assert_eq!(
            visit_days(
                start,
                3,
                Some(day("2026-08-01")),
                day("2026-01-01"),
                day("2026-12-31")
            ),
            vec![day("2026-04-30"), day("2026-07-31")]
        );
        assert!(visit_days(start, 0, None, start, day("2030-01-01")).is_empty());
    }

    #[test]
    fn weekend_visits_move_to_monday() {
        assert_eq!(working_day(day("2026-11-28")), day("2026-11-30"));
        assert_eq!(working_day(day("2026-11-29")), day("2026-11-30"));
        assert_eq!(working_day(day("2026-11-27")), day("2026-11-27"));
    }
}

//! Contracts of the generated dataset: every periodicity, billed in advance
//! or in arrears, fixed and per-equipment fees, some with a renewable term,
//! spread over the clients; each covers one site of its client. They are
//! written already billed up to the period before the dataset's day, so the
//! first invoice run (which `dataset::generate` makes on that day, leaving a
//! month of invoice history) bills each exactly once.

use crate::contracts::{
    contract_entity as contracts, contract_line_entity as lines, contract_site_entity as sites_of,
};
use crate::error::CoreResult;
use crate::sequences;
use crate::sites::site_entity;
use chrono::{Days, Months, NaiveDate, Utc};
use parc_api::billing::{period_containing, Periodicity};
use parc_api::contracts::ContractStatus;
use rand::rngs::StdRng;
use rand::Rng;
use sea_orm::{ActiveValue::NotSet, ConnectionTrait, EntityTrait, QueryOrder, Set};

const KINDS: &[&str] = &["maintenance", "support", "hosting", "backup", "network"];
const BATCH: usize = 500;

/// The first day not yet billed for a contract of `periodicity` starting
/// `start`, on `day`: the period `day` falls in (in advance) or the one
/// before (in arrears), never before the start.
fn first_unbilled(
    periodicity: Periodicity,
    in_advance: bool,
    start: NaiveDate,
    day: NaiveDate,
) -> NaiveDate {
    let current = period_containing(periodicity, day);
    let due = if in_advance {
        current
    } else {
        current
            .start
            .pred_opt()
            .map_or(current, |last_day| period_containing(periodicity, last_day))
    };
    due.start.max(start)
}

/// Writes `count` active contracts over the sites in the database.
pub(crate) async fn generate(
    txn: &impl ConnectionTrait,
    rng: &mut StdRng,
    count: usize,
    today: NaiveDate,
) -> CoreResult<()> {
    let sites = site_entity::Entity::find()
        .order_by_asc(site_entity::Column::Id)
        .all(txn)
        .await?;
    if sites.is_empty() || count == 0 {
        return Ok(());
    }
    let references = sequences::next_references(txn, "contract", today, count as u64).await?;
    let now = Utc::now();
    let earliest = today - Days::new(3 * 365);
    let mut contract_rows = Vec::with_capacity(count);
    let mut plans = Vec::with_capacity(count);
    for (n, reference) in references.iter().enumerate() {
        let site = &sites[n % sites.len()];
        let periodicity = match n % 20 {
            0..=11 => Periodicity::Monthly,
            12..=16 => Periodicity::Quarterly,
            _ => Periodicity::Yearly,
        };
        let in_advance = n % 7 != 0;
        let start = earliest + Days::new(rng.gen_range(0..3 * 365));
        let renewable = n % 5 == 0;
        let end = renewable.then(|| {
            start
                .checked_add_months(Months::new(36))
                .and_then(|d| d.pred_opt())
                .unwrap_or(start)
        });
        contract_rows.push(contracts::ActiveModel {
            id: NotSet,
            reference: Set(reference.clone()),
            client_id: Set(site.client_id),
            kind: Set(KINDS[n % KINDS.len()].to_owned()),
            status: Set(ContractStatus::Active.code().to_owned()),
            status_since: Set(start),
            start_date: Set(start),
            end_date: Set(end),
            periodicity: Set(periodicity.code().to_owned()),
            billed_in_advance: Set(in_advance),
            covers_all_equipment: Set(true),
            included_minutes: Set(60 * rng.gen_range(0..10)),
            overage_rate_cents: Set(Some(rng.gen_range(60..=120) * 100)),
            service_level: Set(None),
            visit_every_months: Set((n % 3 == 0).then_some(6)),
            auto_renew: Set(renewable),
            renewal_months: Set(12),
            notice_days: Set(if renewable { 90 } else { 0 }),
            next_billing_date: Set(Some(first_unbilled(periodicity, in_advance, start, today))),
            notes: Set(String::new()),
            created_at: Set(now),
            updated_at: Set(now),
        });
        let months = i64::from(periodicity.months());
        plans.push((
            site.id,
            rng.gen_range(40..=400) * 100 * months,
            (n % 2 == 0).then(|| rng.gen_range(5..=25) * 100 * months),
        ));
    }
    for batch in contract_rows.chunks(BATCH) {
        contracts::Entity::insert_many(batch.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    let ids: Vec<i32> = contracts::Entity::find()
        .order_by_asc(contracts::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .map(|c| c.id)
        .rev()
        .take(count)
        .rev()
        .collect();
    let mut site_rows = Vec::with_capacity(count);
    let mut line_rows = Vec::with_capacity(count * 2);
    for (id, (site, fee, per_equipment)) in ids.iter().zip(plans) {
        site_rows.push(sites_of::ActiveModel {
            contract_id: Set(*id),
            site_id: Set(site),
        });
        line_rows.push(lines::ActiveModel {
            id: NotSet,
            contract_id: Set(*id),
            position: Set(0),
            description: Set("Forfait infogérance".to_owned()),
            per_equipment: Set(false),
            unit_price_cents: Set(fee),
            vat_rate_basis_points: Set(2_000),
        });
        if let Some(price) = per_equipment {
            line_rows.push(lines::ActiveModel {
                id: NotSet,
                contract_id: Set(*id),
                position: Set(1),
                description: Set("Supervision des équipements".to_owned()),
                per_equipment: Set(true),
                unit_price_cents: Set(price),
                vat_rate_basis_points: Set(2_000),
            });
        }
    }
    for batch in site_rows.chunks(BATCH * 4) {
        sites_of::Entity::insert_many(batch.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    for batch in line_rows.chunks(BATCH * 2) {
        lines::Entity::insert_many(batch.to_vec())
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn generated_contracts_are_billed_up_to_the_dataset_day() {
        let today = day(2026, 11, 1);
        let old = day(2024, 3, 5);
        assert_eq!(
            first_unbilled(Periodicity::Monthly, true, old, today),
            day(2026, 11, 1)
        );
        assert_eq!(
            first_unbilled(Periodicity::Monthly, false, old, today),
            day(2026, 10, 1)
        );
        assert_eq!(
            first_unbilled(Periodicity::Quarterly, false, old, today),
            day(2026, 7, 1)
        );
        assert_eq!(
            first_unbilled(Periodicity::Yearly, true, old, today),
            day(2026, 1, 1)
        );
        let recent = day(2026, 10, 20);
        assert_eq!(
            first_unbilled(Periodicity::Yearly, false, recent, today),
            recent
        );
    }
}

//! The scan: for each rule switched on, what is due (asked of the database),
//! raised as alerts — one per rule, item and threshold, inserted so that
//! what exists already is left as it is (an acknowledged alert is never
//! raised again) — and the open alerts whose item is no longer due
//! resolved. Run twice, or killed and run again, it changes nothing more.
//!
//! Thresholds are days before the due date; `threshold_for` picks the one
//! crossed. New alerts are inserted with `ON CONFLICT DO NOTHING` on the
//! unique (rule, item, threshold, due key). A state due again (a part low
//! again after a restock) reopens its resolved alert as a new episode, told
//! and mailed afresh. What is due is read before the transaction, which only
//! writes alerts, so the write lock is held briefly; the app tries a round
//! that met another writer ("database is locked") again three seconds later.

use super::alert_entity as alerts;
use super::rules;
use crate::error::CoreResult;
use chrono::{Days, NaiveDate, Utc};
use parc_api::alerts::{AlertRow, AlertRuleCode, AlertState, ScanSummary};
use parc_api::equipment::EquipmentStatus;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    Statement, TransactionSession, TransactionTrait, Value,
};
use std::collections::HashSet;

/// The threshold an item `days_left` before its date has crossed: the
/// smallest of `thresholds` (largest first) that is at least `days_left`;
/// an item past its date has crossed them all. None before the first.
pub fn threshold_for(days_left: i64, thresholds: &[i64]) -> Option<i64> {
    if days_left < 0 {
        return thresholds.last().copied();
    }
    thresholds.iter().rev().find(|t| **t >= days_left).copied()
}

/// Something due: what it is, whose, and when.
#[derive(Clone, Debug, PartialEq)]
pub struct Due {
    pub item_kind: &'static str,
    pub item_id: i32,
    pub client_id: Option<i32>,
    pub title: String,
    pub due_on: Option<NaiveDate>,
    pub threshold: i64,
}

/// Rows of (id, client, title, date[, extra days]) from `sql`.
async fn rows(
    db: &impl ConnectionTrait,
    sql: String,
    values: Vec<Value>,
) -> CoreResult<Vec<(i32, Option<i32>, String, Option<NaiveDate>, Option<i32>)>> {
    let found = db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            values,
        ))
        .await?;
    let mut out = Vec::with_capacity(found.len());
    for row in found {
        let extra = row.try_get_by_index::<Option<i32>>(4).unwrap_or(None);
        out.push((
            row.try_get_by_index(0)?,
            row.try_get_by_index(1)?,
            row.try_get_by_index(2)?,
            row.try_get_by_index(3)?,
            extra,
        ));
    }
    Ok(out)
}

/// What rule `code` finds due on `today`, with the threshold crossed.
pub async fn due(
    db: &impl ConnectionTrait,
    code: AlertRuleCode,
    thresholds: &[i64],
    today: NaiveDate,
) -> CoreResult<Vec<Due>> {
    let retired: Value = EquipmentStatus::Retired.code().into();
    let horizon = today + Days::new(thresholds.first().copied().unwrap_or(0).unsigned_abs());
    let (kind, sql, values): (&'static str, &str, Vec<Value>) = match code {
        AlertRuleCode::WarrantyEnd => (
            "equipment",
            "SELECT id, client_id, reference || ' ' || name, warranty_end, NULL FROM equipment \
             WHERE status <> ? AND warranty_end >= ? AND warranty_end <= ?",
            vec![retired, today.into(), horizon.into()],
        ),
        AlertRuleCode::MaintenanceDue => (
            "equipment",
            "SELECT id, client_id, reference || ' ' || name, next_maintenance, NULL FROM equipment \
             WHERE status <> ? AND next_maintenance <= ?",
            vec![retired, horizon.into()],
        ),
        AlertRuleCode::LicenceExpiry => (
            "licence",
            "SELECT l.id, l.client_id, l.reference || ' ' || s.name, l.expires_on, NULL \
             FROM licences l JOIN software s ON s.id = l.software_id \
             WHERE l.expires_on >= ? AND l.expires_on <= ?",
            vec![today.into(), horizon.into()],
        ),
        AlertRuleCode::ContractEnd => (
            "contract",
            // Active, ending, and within its notice period.
            "SELECT id, client_id, reference, end_date, notice_days FROM contracts \
             WHERE status = 'active' AND end_date >= ? \
               AND date(end_date, '-' || notice_days || ' days') <= ?",
            vec![today.into(), today.into()],
        ),
        AlertRuleCode::LowStock => (
            "part",
            "SELECT id, NULL, name, NULL, NULL FROM parts WHERE stock_on_hand < min_stock",
            Vec::new(),
        ),
        AlertRuleCode::SlaAtRisk | AlertRuleCode::SlaBreached => (
            super::TICKET_ITEM,
            "SELECT id, client_id, reference || ' ' || title, NULL, NULL FROM tickets \
             WHERE sla_state = ? AND status NOT IN ('resolved', 'closed')",
            vec![if code == AlertRuleCode::SlaAtRisk {
                "at_risk"
            } else {
                "breached"
            }
            .into()],
        ),
    };
    let found = rows(db, sql.to_owned(), values).await?;
    Ok(found
        .into_iter()
        .filter_map(|(id, client, title, date, extra)| {
            let threshold = if code.has_thresholds() {
                let days_left = date.map(|d| (d - today).num_days())?;
                threshold_for(days_left, thresholds)?
            } else {
                // A contract's own notice period; 0 for a state.
                i64::from(extra.unwrap_or(0))
            };
            Some(Due {
                item_kind: kind,
                item_id: id,
                client_id: client,
                title,
                due_on: date,
                threshold,
            })
        })
        .collect())
}

/// The due date as the unique key holds it; empty for a state alert.
fn due_key(due_on: Option<NaiveDate>) -> String {
    due_on.map(|d| d.to_string()).unwrap_or_default()
}

pub(crate) fn row_of(alert: alerts::Model) -> AlertRow {
    AlertRow {
        id: i64::from(alert.id),
        rule: AlertRuleCode::from_code(&alert.rule).unwrap_or(AlertRuleCode::WarrantyEnd),
        item_kind: alert.item_kind,
        item_id: i64::from(alert.item_id),
        threshold_days: i64::from(alert.threshold_days),
        client_id: alert.client_id.map(i64::from),
        title: alert.title,
        due_on: alert.due_on,
        state: AlertState::from_code(&alert.state).unwrap_or_default(),
        snoozed_until: alert.snoozed_until,
        raised_at: alert.raised_at,
    }
}

/// Scans every rule switched on, on `today`; one transaction.
pub async fn scan<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    today: NaiveDate,
) -> CoreResult<ScanSummary> {
    crate::desk::tickets::refresh_due(db, Utc::now()).await?;
    // What is due is read first, without holding the write lock; the lock
    // is held only while the alerts are written.
    let rules = rules::all(db).await?;
    let mut due_by_rule = Vec::with_capacity(rules.len());
    for rule in &rules {
        due_by_rule.push(if rule.enabled {
            due(db, rule.code, &rule.thresholds, today).await?
        } else {
            Vec::new()
        });
    }
    let txn = crate::db::begin_write(db).await?;
    let last_before: Option<i32> = alerts::Entity::find()
        .select_only()
        .column_as(alerts::Column::Id.max(), "last")
        .into_tuple::<Option<i32>>()
        .one(&txn)
        .await?
        .flatten();
    let mut summary = ScanSummary::default();
    for (rule, due_now) in rules.iter().zip(due_by_rule) {
        let code = rule.code.code();
        let keys: HashSet<(&str, i32, i64, String)> = due_now
            .iter()
            .map(|d| (d.item_kind, d.item_id, d.threshold, due_key(d.due_on)))
            .collect();
        for chunk in due_now.chunks(500) {
            let models = chunk.iter().map(|d| alerts::ActiveModel {
                rule: Set(code.to_owned()),
                item_kind: Set(d.item_kind.to_owned()),
                item_id: Set(d.item_id),
                threshold_days: Set(i32::try_from(d.threshold).unwrap_or(i32::MAX)),
                client_id: Set(d.client_id),
                title: Set(d.title.clone()),
                search_text: Set(parc_api::text::fold(&d.title)),
                due_on: Set(d.due_on),
                due_key: Set(due_key(d.due_on)),
                state: Set(AlertState::Open.code().to_owned()),
                raised_at: Set(Utc::now()),
                ..Default::default()
            });
            alerts::Entity::insert_many(models)
                .on_conflict(
                    OnConflict::columns([
                        alerts::Column::Rule,
                        alerts::Column::ItemKind,
                        alerts::Column::ItemId,
                        alerts::Column::ThresholdDays,
                        alerts::Column::DueKey,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
        }
        let mine = alerts::Entity::find()
            .filter(alerts::Column::Rule.eq(code))
            .all(&txn)
            .await?;
        for alert in mine {
            let key = (
                alert.item_kind.as_str(),
                alert.item_id,
                i64::from(alert.threshold_days),
                alert.due_key.clone(),
            );
            let due_again = keys.contains(&key);
            let resolved = alert.state == AlertState::Resolved.code();
            if !due_again && !resolved {
                // No longer due (warranty extended, restocked, rule off).
                let mut model: alerts::ActiveModel = alert.into();
                model.state = Set(AlertState::Resolved.code().to_owned());
                model.resolved_at = Set(Some(Utc::now()));
                model.update(&txn).await?;
                summary.resolved += 1;
            } else if due_again && resolved && alert.due_key.is_empty() {
                // A state due again (low again after a restock): a new
                // episode of the same alert, open again.
                let mut model: alerts::ActiveModel = alert.into();
                model.state = Set(AlertState::Open.code().to_owned());
                model.resolved_at = Set(None);
                model.acknowledged_at = Set(None);
                model.acknowledged_by = Set(None);
                model.raised_at = Set(Utc::now());
                // Told, mailed and snoozed afresh, as a new alert is.
                model.snoozed_until = Set(None);
                model.mailed_at = Set(None);
                super::notify::announce_again(&mut model);
                let reopened = model.update(&txn).await?;
                summary.raised.push(row_of(reopened));
            }
        }
    }
    summary.raised.extend(
        alerts::Entity::find()
            .filter(alerts::Column::Id.gt(last_before.unwrap_or(0)))
            .all(&txn)
            .await?
            .into_iter()
            .map(row_of),
    );
    txn.commit().await?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::threshold_for;

    #[test]
    fn the_threshold_crossed_is_the_nearest_above() {
        let t = [90, 30, 7];
        assert_eq!(threshold_for(100, &t), None);
        assert_eq!(threshold_for(90, &t), Some(90));
        assert_eq!(threshold_for(31, &t), Some(90));
        assert_eq!(threshold_for(20, &t), Some(30));
        assert_eq!(threshold_for(0, &t), Some(7));
        assert_eq!(threshold_for(-3, &t), Some(7));
        assert_eq!(threshold_for(3, &[]), None);
    }
}

//! What a contract covers: the equipment of its sites (or its chosen list)
//! that is not retired. A per-equipment fee counts these on the billing
//! date; one grouped query answers for a whole batch of contracts.

use crate::error::CoreResult;
use parc_api::equipment::EquipmentStatus;
use sea_orm::{ConnectionTrait, Statement, Value};
use std::collections::HashMap;

/// Covered equipment per contract, for `contract_ids` (absent: none).
pub(crate) async fn covered_counts(
    db: &impl ConnectionTrait,
    contract_ids: &[i32],
) -> CoreResult<HashMap<i32, i64>> {
    let mut counts = HashMap::new();
    // SQLite accepts at most 32,766 parameters per statement.
    for chunk in contract_ids.chunks(5_000) {
        let placeholders = vec!["?"; chunk.len()].join(",");
        let sql = format!(
            "SELECT c.id, COUNT(e.id) FROM contracts c \
               JOIN contract_sites cs ON cs.contract_id = c.id \
               JOIN equipment e ON e.site_id = cs.site_id \
             WHERE c.covers_all_equipment AND c.id IN ({placeholders}) AND e.status <> ? \
             GROUP BY c.id \
             UNION ALL \
             SELECT c.id, COUNT(e.id) FROM contracts c \
               JOIN contract_equipment ce ON ce.contract_id = c.id \
               JOIN equipment e ON e.id = ce.equipment_id \
             WHERE NOT c.covers_all_equipment AND c.id IN ({placeholders}) AND e.status <> ? \
             GROUP BY c.id"
        );
        let retired = EquipmentStatus::Retired.code();
        let mut values: Vec<Value> = chunk.iter().map(|id| (*id).into()).collect();
        values.push(retired.into());
        values.extend(chunk.iter().map(|id| Value::from(*id)));
        values.push(retired.into());
        let statement = Statement::from_sql_and_values(db.get_database_backend(), sql, values);
        for row in db.query_all_raw(statement).await? {
            let id: i32 = row.try_get_by_index(0)?;
            let count: i64 = row.try_get_by_index(1)?;
            counts.insert(id, count);
        }
    }
    Ok(counts)
}

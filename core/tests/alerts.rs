//! The alert scan on a real database: one alert per item and threshold,
//! nothing raised twice, never again once acknowledged, resolved when the
//! item is no longer due, and a new episode for a state due again.

use parc_api::alerts::{AlertRuleCode, AlertState};
use parc_core::alerts::scan::scan;
use parc_core::dataset::{self, Size};
use parc_core::db::open_in_memory;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

type R = Result<(), Box<dyn std::error::Error>>;

async fn numbers(db: &DatabaseConnection, sql: &str) -> Vec<i64> {
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        sql.to_owned(),
    ))
    .await
    .unwrap()
    .iter()
    .map(|row| row.try_get_by_index::<i32>(0).map(i64::from).unwrap())
    .collect()
}

async fn fleet(equipment: usize) -> Result<DatabaseConnection, Box<dyn std::error::Error>> {
    let db = open_in_memory().await?;
    dataset::generate(
        &db,
        Size {
            clients: 2,
            sites_per_client: 1,
            contacts_per_client: 1,
            equipment,
            contracts: 0,
            tickets: 0,
        },
    )
    .await?;
    // Nothing due unless a test says so.
    db.execute_unprepared(
        "UPDATE equipment SET status = 'deployed', warranty_end = NULL, next_maintenance = NULL",
    )
    .await?;
    db.execute_unprepared("UPDATE parts SET min_stock = 0")
        .await?;
    Ok(db)
}

fn day(offset: i64) -> String {
    (parc_core::clock::today() + chrono::Duration::days(offset)).to_string()
}

#[tokio::test]
async fn each_threshold_raises_one_alert_once_and_an_extended_warranty_resolves_it() -> R {
    let db = fleet(4).await?;
    let ids = numbers(&db, "SELECT id FROM equipment ORDER BY id").await;
    for (id, offset) in ids.iter().zip([20, 100, 5, -3]) {
        db.execute_unprepared(&format!(
            "UPDATE equipment SET warranty_end = '{}' WHERE id = {id}",
            day(offset)
        ))
        .await?;
    }
    let today = parc_core::clock::today();
    let first = scan(&db, today).await?;
    let mut raised: Vec<(i64, i64)> = first
        .raised
        .iter()
        .filter(|a| a.rule == AlertRuleCode::WarrantyEnd)
        .map(|a| (a.item_id, a.threshold_days))
        .collect();
    raised.sort_unstable();
    // 20 days left: the 30-day threshold; 5 days: the 7-day one; 100 days
    // and an ended warranty: nothing.
    assert_eq!(raised, [(ids[0], 30), (ids[2], 7)]);

    let again = scan(&db, today).await?;
    assert!(again.raised.is_empty(), "{:?}", again.raised);

    // Acknowledged: never raised again.
    db.execute_unprepared(&format!(
        "UPDATE alerts SET state = 'acknowledged' WHERE item_id = {}",
        ids[0]
    ))
    .await?;
    assert!(scan(&db, today).await?.raised.is_empty());

    // Fifteen days later the first crosses 7 days and the second 90: new
    // alerts, each once.
    let later = scan(&db, today + chrono::Days::new(15)).await?;
    let mut crossed: Vec<(i64, i64)> = later
        .raised
        .iter()
        .filter(|a| a.rule == AlertRuleCode::WarrantyEnd)
        .map(|a| (a.item_id, a.threshold_days))
        .collect();
    crossed.sort_unstable();
    assert_eq!(crossed, [(ids[0], 7), (ids[1], 90)]);

    // A warranty extended: its alert is resolved, not raised again.
    db.execute_unprepared(&format!(
        "UPDATE equipment SET warranty_end = '{}' WHERE id = {}",
        day(400),
        ids[2]
    ))
    .await?;
    let after = scan(&db, today).await?;
    assert!(after.resolved >= 1);
    let state: Vec<String> = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT state FROM alerts WHERE item_id = {}", ids[2]),
        ))
        .await?
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect();
    assert_eq!(state, [AlertState::Resolved.code()]);
    Ok(())
}

#[tokio::test]
async fn hundreds_due_at_once_are_raised_once() -> R {
    let db = fleet(300).await?;
    db.execute_unprepared(&format!(
        "UPDATE equipment SET warranty_end = '{}'",
        day(10)
    ))
    .await?;
    let today = parc_core::clock::today();
    let first = scan(&db, today).await?;
    assert_eq!(
        first
            .raised
            .iter()
            .filter(|a| a.rule == AlertRuleCode::WarrantyEnd)
            .count(),
        300
    );
    assert!(scan(&db, today).await?.raised.is_empty());
    assert_eq!(numbers(&db, "SELECT COUNT(*) FROM alerts").await, [300]);
    Ok(())
}

#[tokio::test]
async fn a_part_low_again_after_a_restock_is_a_new_episode() -> R {
    let db = fleet(1).await?;
    let today = parc_core::clock::today();
    db.execute_unprepared(
        "INSERT INTO parts (name, part_number, sort_key, search_text, stock_on_hand, min_stock, \
           notes, created_at) VALUES ('Toner', 'TN1', 'toner', 'toner', 1, 3, '', '2026-01-01T00:00:00Z')",
    )
    .await?;
    let low = scan(&db, today).await?;
    assert_eq!(
        low.raised
            .iter()
            .filter(|a| a.rule == AlertRuleCode::LowStock)
            .count(),
        1
    );
    db.execute_unprepared("UPDATE parts SET stock_on_hand = 10")
        .await?;
    assert_eq!(scan(&db, today).await?.resolved, 1);
    db.execute_unprepared("UPDATE parts SET stock_on_hand = 0")
        .await?;
    let again = scan(&db, today).await?;
    assert_eq!(
        again
            .raised
            .iter()
            .filter(|a| a.rule == AlertRuleCode::LowStock)
            .count(),
        1
    );
    assert_eq!(numbers(&db, "SELECT COUNT(*) FROM alerts").await, [1]);
    Ok(())
}

#[tokio::test]
async fn the_alerts_migration_can_be_undone_and_redone() -> R {
    use parc_migrations::{Migrator, MigratorTrait};
    let db = fleet(1).await?;
    scan(&db, parc_core::clock::today()).await?;
    Migrator::down(&db, Some(1)).await?;
    assert!(db.execute_unprepared("SELECT 1 FROM alerts").await.is_err());
    Migrator::up(&db, None).await?;
    assert_eq!(numbers(&db, "SELECT COUNT(*) FROM alert_rules").await, [0]);
    Ok(())
}

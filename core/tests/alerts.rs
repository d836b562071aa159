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
    let told = parc_core::alerts::notify::take_notices(&db, today).await?;
    assert_eq!(told.len(), 1, "{told:?}");
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
    // A new episode is told again.
    let told = parc_core::alerts::notify::take_notices(&db, today).await?;
    assert_eq!(told.len(), 1, "{told:?}");
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
    // Every later migration goes first, then this one.
    let steps = Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name() == "m20261130_000012_create_alerts")
        .expect("the migration")
        + 1;
    Migrator::down(&db, Some(steps as u32)).await?;
    assert!(db.execute_unprepared("SELECT 1 FROM alerts").await.is_err());
    Migrator::up(&db, None).await?;
    assert_eq!(numbers(&db, "SELECT COUNT(*) FROM alert_rules").await, [0]);
    Ok(())
}

fn manager() -> parc_core::Actor {
    parc_core::Actor::manager(1, "Mia")
}

#[tokio::test]
async fn the_centre_lists_acknowledges_and_snoozes() -> R {
    use parc_api::alerts::{AlertQuery, AlertView, SnoozeAlert};
    use parc_core::alerts::centre;
    let db = fleet(3).await?;
    let ids = numbers(&db, "SELECT id FROM equipment ORDER BY id").await;
    for (id, offset) in ids.iter().zip([20, 5, 60]) {
        db.execute_unprepared(&format!(
            "UPDATE equipment SET warranty_end = '{}' WHERE id = {id}",
            day(offset)
        ))
        .await?;
    }
    let today = parc_core::clock::today();
    scan(&db, today).await?;
    let boss = manager();
    let open = centre::list(&db, &boss, &AlertQuery::default()).await?;
    assert_eq!(open.total, 3);
    // The nearest due first, with its client's name.
    assert_eq!(open.items[0].alert.item_id, ids[1]);
    assert!(open.items[0].client_name.is_some());
    assert_eq!(centre::open_count(&db, &boss).await?, 3);

    // A technician acknowledges: it leaves the open view for good.
    let tech = parc_core::Actor::technician(2, "Tom");
    assert_eq!(
        centre::acknowledge(&db, &tech, &[open.items[0].alert.id]).await?,
        1
    );
    assert_eq!(centre::open_count(&db, &tech).await?, 2);
    let acknowledged = AlertQuery {
        view: AlertView::Acknowledged,
        ..Default::default()
    };
    assert_eq!(centre::list(&db, &boss, &acknowledged).await?.total, 1);
    assert!(scan(&db, today).await?.raised.is_empty());

    // Snoozed until tomorrow: out of the open view, in the snoozed one.
    let second = open.items[1].alert.id;
    let refused = centre::snooze(
        &db,
        &boss,
        &SnoozeAlert {
            id: second,
            until: Some(today),
        },
    )
    .await
    .unwrap_err();
    assert!(refused.to_string().starts_with("until:"), "{refused}");
    centre::snooze(
        &db,
        &boss,
        &SnoozeAlert {
            id: second,
            until: Some(today + chrono::Days::new(1)),
        },
    )
    .await?;
    assert_eq!(centre::open_count(&db, &boss).await?, 1);
    let snoozed = AlertQuery {
        view: AlertView::Snoozed,
        ..Default::default()
    };
    assert_eq!(
        centre::list(&db, &boss, &snoozed).await?.items[0].alert.id,
        second
    );

    // Searched by a word of the item, filtered by rule.
    let reference = open.items[2]
        .alert
        .title
        .split(' ')
        .next()
        .unwrap()
        .to_owned();
    let found = centre::list(
        &db,
        &boss,
        &AlertQuery {
            view: AlertView::All,
            search: reference.to_lowercase(),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(found.total, 1);
    let stock = AlertQuery {
        view: AlertView::All,
        rule: Some(AlertRuleCode::LowStock),
        ..Default::default()
    };
    assert_eq!(centre::list(&db, &boss, &stock).await?.total, 0);

    // A portal contact has no alert centre.
    let portal = parc_core::Actor::Portal {
        contact_id: 1,
        client_id: 1,
        name: "Client".into(),
        tickets: parc_api::portal::TicketScope::Client,
    };
    assert!(centre::list(&db, &portal, &AlertQuery::default())
        .await
        .is_err());
    Ok(())
}

#[tokio::test]
async fn rules_are_checked_saved_and_obeyed_by_the_scan() -> R {
    use parc_api::alerts::AlertRuleInput;
    use parc_core::alerts::rules;
    let db = fleet(2).await?;
    let ids = numbers(&db, "SELECT id FROM equipment ORDER BY id").await;
    for (id, offset) in ids.iter().zip([20, 5]) {
        db.execute_unprepared(&format!(
            "UPDATE equipment SET warranty_end = '{}' WHERE id = {id}",
            day(offset)
        ))
        .await?;
    }
    let mut input = AlertRuleInput {
        code: AlertRuleCode::WarrantyEnd,
        enabled: true,
        thresholds: "ten".into(),
        desktop: true,
        email_managers: false,
        email_client: false,
    };
    let bad = rules::save(&db, &manager(), &input).await.unwrap_err();
    assert!(bad.to_string().starts_with("thresholds:"), "{bad}");
    input.thresholds = String::new();
    assert!(rules::save(&db, &manager(), &input).await.is_err());
    input.thresholds = "10".into();
    let tech = parc_core::Actor::technician(2, "Tom");
    assert!(rules::save(&db, &tech, &input).await.is_err());
    rules::save(&db, &manager(), &input).await?;
    let saved = rules::list(&db, &manager()).await?;
    assert_eq!(saved[0].thresholds, [10]);
    assert!(!saved[0].email_managers);

    // 20 days left is beyond the only threshold now; 5 days crosses it.
    let today = parc_core::clock::today();
    let raised: Vec<(i64, i64)> = scan(&db, today)
        .await?
        .raised
        .iter()
        .filter(|a| a.rule == AlertRuleCode::WarrantyEnd)
        .map(|a| (a.item_id, a.threshold_days))
        .collect();
    assert_eq!(raised, [(ids[1], 10)]);

    // Switched off: its open alerts are resolved and nothing new comes.
    input.enabled = false;
    rules::save(&db, &manager(), &input).await?;
    assert_eq!(scan(&db, today).await?.resolved, 1);
    Ok(())
}

#[tokio::test]
async fn many_new_alerts_make_one_summary_and_nothing_is_told_twice() -> R {
    use parc_api::alerts::SnoozeAlert;
    use parc_core::alerts::{centre, notify};
    let db = fleet(300).await?;
    db.execute_unprepared(&format!(
        "UPDATE equipment SET warranty_end = '{}'",
        day(10)
    ))
    .await?;
    let today = parc_core::clock::today();
    scan(&db, today).await?;
    let first = notify::take_notices(&db, today).await?;
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0].alert_id, None);
    assert!(first[0].summary.contains("300"), "{:?}", first[0]);
    scan(&db, today).await?;
    assert!(notify::take_notices(&db, today).await?.is_empty());

    // Two new ones: one notice each, naming their item.
    let ids = numbers(&db, "SELECT id FROM equipment ORDER BY id LIMIT 2").await;
    db.execute_unprepared(&format!(
        "UPDATE equipment SET warranty_end = '{}' WHERE id IN ({}, {})",
        day(3),
        ids[0],
        ids[1]
    ))
    .await?;
    scan(&db, today).await?;
    let few = notify::take_notices(&db, today).await?;
    assert_eq!(few.len(), 2, "{few:?}");
    assert!(few.iter().all(|n| n.alert_id.is_some()));

    // A snoozed alert is told again when it comes back.
    let alert = few[0].alert_id.unwrap();
    let tomorrow = today + chrono::Days::new(1);
    centre::snooze(
        &db,
        &manager(),
        &SnoozeAlert {
            id: alert,
            until: Some(tomorrow),
        },
    )
    .await?;
    assert!(notify::take_notices(&db, today).await?.is_empty());
    let back = notify::take_notices(&db, tomorrow).await?;
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].alert_id, Some(alert));
    Ok(())
}

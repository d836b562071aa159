//! The service-desk schema (migration 7) holds its guarantees on a real
//! SQLite database built by the migrations: one running timer per
//! technician, preventive interventions planned once per plan key, a
//! ticket's history and conversation going with it, and a migration that
//! can be undone and redone.

use parc_core::dataset::{self, Size};
use parc_core::db::open_in_memory;
use parc_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection};

type R = Result<(), Box<dyn std::error::Error>>;

const NOW: &str = "'2026-11-27T09:00:00Z'";

async fn with_a_ticket() -> Result<DatabaseConnection, Box<dyn std::error::Error>> {
    let db = open_in_memory().await?;
    dataset::generate(
        &db,
        Size {
            clients: 1,
            sites_per_client: 1,
            contacts_per_client: 1,
            equipment: 1,
            contracts: 0,
            tickets: 0,
        },
    )
    .await?;
    db.execute_unprepared(&format!(
        "INSERT INTO tickets (reference, client_id, title, description, priority, status, \
           channel, created_at, updated_at, sla_state, search_text) \
         SELECT 'T000001', id, 'Printer jammed', '', 'normal', 'new', 'phone', {NOW}, {NOW}, \
           'on_track', '' FROM clients LIMIT 1; \
         INSERT INTO ticket_status_changes (ticket_id, at, status) \
           SELECT id, {NOW}, 'new' FROM tickets; \
         INSERT INTO ticket_messages (ticket_id, at, public, body) \
           SELECT id, {NOW}, 1, 'We are on it' FROM tickets;"
    ))
    .await?;
    Ok(db)
}

async fn timer(db: &DatabaseConnection, ended: &str) -> Result<(), sea_orm::DbErr> {
    db.execute_unprepared(&format!(
        "INSERT INTO time_entries (user_id, client_id, ticket_id, started_at, ended_at, minutes, \
           billable, note, created_at) \
         SELECT (SELECT id FROM users LIMIT 1), client_id, id, {NOW}, {ended}, 0, 1, '', {NOW} \
         FROM tickets"
    ))
    .await
    .map(|_| ())
}

async fn count(db: &DatabaseConnection, table: &str) -> Result<i64, Box<dyn std::error::Error>> {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) FROM {table}"),
        ))
        .await?
        .ok_or("no row")?;
    Ok(row.try_get_by_index(0)?)
}

#[tokio::test]
async fn a_technician_runs_one_timer_at_a_time() -> R {
    let db = with_a_ticket().await?;
    timer(&db, "NULL").await?;
    assert!(
        timer(&db, "NULL").await.is_err(),
        "a second running timer is refused"
    );
    timer(&db, "'2026-11-27T10:00:00Z'").await?;
    assert_eq!(count(&db, "time_entries").await?, 2);
    Ok(())
}

#[tokio::test]
async fn a_plan_key_plans_one_intervention() -> R {
    let db = with_a_ticket().await?;
    let plan = |key: &str| {
        format!(
            "INSERT INTO interventions (reference, kind, status, client_id, work_done, plan_key, \
               created_at, updated_at) \
             SELECT 'I' || (SELECT COUNT(*) + 1 FROM interventions), 'preventive', 'planned', id, \
               '', {key}, {NOW}, {NOW} FROM clients"
        )
    };
    db.execute_unprepared(&plan("'contract:1:site:1:2027-01-15'"))
        .await?;
    assert!(db
        .execute_unprepared(&plan("'contract:1:site:1:2027-01-15'"))
        .await
        .is_err());
    // Interventions not planned from a contract have no key, and never collide.
    db.execute_unprepared(&plan("NULL")).await?;
    db.execute_unprepared(&plan("NULL")).await?;
    assert_eq!(count(&db, "interventions").await?, 3);
    Ok(())
}

#[tokio::test]
async fn a_tickets_history_and_conversation_go_with_it() -> R {
    let db = with_a_ticket().await?;
    assert_eq!(count(&db, "ticket_status_changes").await?, 1);
    db.execute_unprepared("DELETE FROM tickets").await?;
    assert_eq!(count(&db, "ticket_status_changes").await?, 0);
    assert_eq!(count(&db, "ticket_messages").await?, 0);
    Ok(())
}

#[tokio::test]
async fn the_service_desk_migration_can_be_undone_and_redone() -> R {
    let db = with_a_ticket().await?;
    // Every later migration goes first, then this one.
    let steps = Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name() == "m20261127_000007_create_service_desk")
        .expect("the migration")
        + 1;
    Migrator::down(&db, Some(steps as u32)).await?;
    assert!(db
        .execute_unprepared("SELECT 1 FROM tickets")
        .await
        .is_err());
    Migrator::up(&db, None).await?;
    db.execute_unprepared(
        "SELECT 1 FROM skills, technician_profiles, technician_skills, sla_calendars, \
         sla_targets, ticket_categories, tickets, ticket_status_changes, ticket_messages, \
         interventions, intervention_equipment, intervention_parts, time_entries, tickets_fts \
         WHERE tickets.sla_review_at IS NULL",
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn the_entities_read_what_the_schema_holds() -> R {
    use parc_core::desk::*;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let db = with_a_ticket().await?;
    let ticket = ticket_entity::Entity::find()
        .one(&db)
        .await?
        .ok_or("no ticket")?;
    assert_eq!(ticket.reference, "T000001");
    assert_eq!(ticket.status, "new");
    let skill = skill_entity::ActiveModel {
        name: Set("Printers".into()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    let user_id: i32 = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM users ORDER BY id LIMIT 1",
        ))
        .await?
        .ok_or("no user")?
        .try_get_by_index(0)?;
    technician_skill_entity::ActiveModel {
        user_id: Set(user_id),
        skill_id: Set(skill.id),
        level: Set(3),
    }
    .insert(&db)
    .await?;
    let entry = time_entry_entity::ActiveModel {
        user_id: Set(user_id),
        client_id: Set(ticket.client_id),
        ticket_id: Set(Some(ticket.id)),
        intervention_id: Set(None),
        started_at: Set(chrono::Utc::now()),
        ended_at: Set(None),
        minutes: Set(0),
        billable: Set(true),
        note: Set(String::new()),
        invoice_id: Set(None),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&db)
    .await?;
    assert!(entry.ended_at.is_none());
    assert_eq!(
        ticket_status_change_entity::Entity::find()
            .all(&db)
            .await?
            .len(),
        1
    );
    assert_eq!(
        ticket_message_entity::Entity::find().all(&db).await?.len(),
        1
    );
    for empty in [
        technician_profile_entity::Entity::find()
            .all(&db)
            .await?
            .len(),
        sla_calendar_entity::Entity::find().all(&db).await?.len(),
        sla_target_entity::Entity::find().all(&db).await?.len(),
        ticket_category_entity::Entity::find().all(&db).await?.len(),
        intervention_entity::Entity::find().all(&db).await?.len(),
        intervention_equipment_entity::Entity::find()
            .all(&db)
            .await?
            .len(),
        intervention_part_entity::Entity::find()
            .all(&db)
            .await?
            .len(),
    ] {
        assert_eq!(empty, 0);
    }
    Ok(())
}

/// Each ticket's (first response, resolution) states as migration 15 left them.
async fn outcomes(db: &DatabaseConnection) -> Vec<(String, Option<String>, Option<String>)> {
    use sea_orm::Statement;
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT reference, first_response_state, resolution_state FROM tickets ORDER BY reference",
    ))
    .await
    .unwrap()
    .iter()
    .map(|row| {
        (
            row.try_get_by_index(0).unwrap(),
            row.try_get_by_index(1).unwrap(),
            row.try_get_by_index(2).unwrap(),
        )
    })
    .collect()
}

#[tokio::test]
async fn tickets_settled_before_the_upgrade_keep_the_outcomes_their_rows_tell(
) -> Result<(), Box<dyn std::error::Error>> {
    let db = with_a_ticket().await?;
    // Every later migration goes first, then the one that keeps outcomes.
    let steps = Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name() == "m20261203_000015_keep_sla_outcomes")
        .expect("the migration")
        + 1;
    Migrator::down(&db, Some(steps as u32)).await?;
    // T2 met overall; T3 answered late and resolved in time, both due
    // times kept; T4 breached with nothing kept; T5 answered in time (its
    // due time cleared) and resolved late; T1 still open.
    db.execute_unprepared(
        "INSERT INTO tickets (reference, client_id, title, description, priority, status, \
           channel, created_at, updated_at, sla_state, search_text, first_response_at, \
           first_response_due, resolved_at, resolution_due) \
         SELECT v.reference, t.client_id, 'Old', '', 'normal', 'closed', 'phone', \
           t.created_at, t.updated_at, v.sla_state, '', v.answered, v.answer_due, \
           v.resolved, v.resolution_due \
         FROM tickets t, (SELECT 'T000002' AS reference, 'met' AS sla_state, \
             NULL AS answered, NULL AS answer_due, NULL AS resolved, NULL AS resolution_due \
           UNION ALL SELECT 'T000003', 'breached', '2026-01-05T10:00:00+00:00', \
             '2026-01-05T09:00:00+00:00', '2026-01-06T12:00:00+00:00', \
             '2026-01-06T13:00:00+00:00' \
           UNION ALL SELECT 'T000004', 'breached', NULL, NULL, NULL, NULL \
           UNION ALL SELECT 'T000005', 'breached', '2026-02-01T10:00:00+00:00', NULL, \
             '2026-02-03T10:00:00+00:00', '2026-02-02T10:00:00+00:00') v",
    )
    .await?;
    Migrator::up(&db, None).await?;
    let met = || Some("met".to_owned());
    assert_eq!(
        outcomes(&db).await,
        [
            ("T000001".to_owned(), None, None),
            ("T000002".to_owned(), met(), met()),
            ("T000003".to_owned(), Some("breached".to_owned()), met()),
            ("T000004".to_owned(), None, None),
            ("T000005".to_owned(), met(), Some("breached".to_owned())),
        ]
    );
    // The open one is evaluated again at the next read, which fills its own.
    let reviewed = parc_core::desk::tickets::refresh_due(&db, chrono::Utc::now()).await?;
    assert_eq!(reviewed, 1);
    let open = &outcomes(&db).await[0];
    let state = |code: &Option<String>| {
        code.as_deref()
            .and_then(parc_api::tickets::SlaState::from_code)
    };
    assert!(
        state(&open.1).is_some() && state(&open.2).is_some(),
        "{open:?}"
    );
    Ok(())
}

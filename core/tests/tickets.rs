//! Tickets through the services on a real database: checked against their
//! client, assigned, moved through their statuses (the SLA clock pausing
//! while waiting for the client), answered, resolved and reopened; the
//! queue's views.

use parc_api::tickets::{
    Channel, Priority, QueueView, SlaState, SlaStep, TicketAssignment, TicketInput,
    TicketMessageInput, TicketQuery, TicketStatus, TicketStatusInput,
};
use parc_core::dataset::{self, Size};
use parc_core::db::open_in_memory;
use parc_core::desk::tickets;
use parc_core::{Actor, CoreError};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

type R = Result<(), Box<dyn std::error::Error>>;

async fn ids(db: &DatabaseConnection, sql: &str) -> Vec<i64> {
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

struct Fixture {
    db: DatabaseConnection,
    manager: Actor,
    input: TicketInput,
    other_equipment: i64,
}

async fn fixture() -> Result<Fixture, Box<dyn std::error::Error>> {
    let db = open_in_memory().await?;
    dataset::generate(
        &db,
        Size {
            clients: 2,
            sites_per_client: 1,
            contacts_per_client: 1,
            equipment: 2,
            contracts: 0,
            tickets: 0,
        },
    )
    .await?;
    let clients = ids(&db, "SELECT id FROM clients ORDER BY id").await;
    let client = clients[0];
    let site = ids(
        &db,
        &format!("SELECT id FROM sites WHERE client_id = {client}"),
    )
    .await[0];
    let equipment = ids(
        &db,
        &format!("SELECT id FROM equipment WHERE client_id = {client}"),
    )
    .await[0];
    let contact = ids(
        &db,
        &format!("SELECT id FROM contacts WHERE client_id = {client}"),
    )
    .await[0];
    let other_equipment = ids(
        &db,
        &format!("SELECT id FROM equipment WHERE client_id = {}", clients[1]),
    )
    .await[0];
    let user = ids(&db, "SELECT id FROM users ORDER BY id").await[0];
    Ok(Fixture {
        db,
        manager: Actor::manager(user, "Mia"),
        input: TicketInput {
            client_id: client,
            site_id: Some(site),
            equipment_id: Some(equipment),
            requester_id: Some(contact),
            title: "The printer jams on every page".into(),
            description: "Since this morning.".into(),
            category_id: None,
            priority: Priority::High,
            channel: Channel::Phone,
        },
        other_equipment,
    })
}

#[tokio::test]
async fn a_ticket_lives_from_creation_to_reopening() -> R {
    let f = fixture().await?;
    let (db, manager) = (&f.db, &f.manager);
    let created = tickets::create_ticket(db, manager, &f.input).await?;
    assert_eq!(created.row.reference, "T000001");
    assert_eq!(created.row.status, TicketStatus::New);
    assert!(created.row.first_response_due.is_some() && created.row.resolution_due.is_some());
    assert!(created.requester_name.is_some() && created.equipment_name.is_some());
    let id = created.row.id;

    // Assigned: the status follows.
    let assigned = tickets::assign(
        db,
        manager,
        &TicketAssignment {
            id,
            assignee_id: manager.user_id(),
        },
    )
    .await?;
    assert_eq!(assigned.row.status, TicketStatus::Assigned);
    assert_eq!(assigned.row.assignee_id, manager.user_id());
    assert!(assigned
        .row
        .assignee_name
        .as_deref()
        .is_some_and(|n| !n.is_empty()));

    // A public reply answers it: the first-response target is met.
    let answered = tickets::add_message(
        db,
        manager,
        &TicketMessageInput {
            ticket_id: id,
            public: true,
            body: "We are sending a technician.".into(),
        },
    )
    .await?;
    assert_eq!(answered.first_response.state, SlaState::Met);
    tickets::add_message(
        db,
        manager,
        &TicketMessageInput {
            ticket_id: id,
            public: false,
            body: "Fuser unit to order.".into(),
        },
    )
    .await?;

    // Waiting for the client pauses the resolution clock: no deadline.
    let set = |status| TicketStatusInput { id, status };
    let waiting = tickets::change_status(db, manager, &set(TicketStatus::WaitingForClient)).await?;
    assert_eq!(waiting.resolution.state, SlaState::Paused);
    assert_eq!(waiting.resolution.due, None);
    assert!(matches!(
        waiting.resolution.steps.last(),
        Some(SlaStep::Paused { to: None, .. })
    ));
    let working = tickets::change_status(db, manager, &set(TicketStatus::InProgress)).await?;
    assert!(working.resolution.due.is_some());

    // A ticket cannot jump from in progress to closed.
    let refused = tickets::change_status(db, manager, &set(TicketStatus::Closed)).await;
    assert!(
        matches!(refused, Err(CoreError::Validation { ref field, .. }) if field == "status"),
        "{refused:?}"
    );
    let resolved = tickets::change_status(db, manager, &set(TicketStatus::Resolved)).await?;
    assert_eq!(resolved.resolution.state, SlaState::Met);
    let reopened = tickets::change_status(db, manager, &set(TicketStatus::InProgress)).await?;
    assert_eq!(reopened.row.status, TicketStatus::InProgress);
    assert_ne!(reopened.resolution.state, SlaState::Met);

    let detail = tickets::get_ticket(db, manager, id).await?;
    assert_eq!(detail.messages.len(), 2);
    assert!(detail.messages.iter().any(|m| !m.public));
    let statuses: Vec<TicketStatus> = detail.history.iter().map(|h| h.status).collect();
    assert_eq!(
        statuses,
        [
            TicketStatus::New,
            TicketStatus::Assigned,
            TicketStatus::WaitingForClient,
            TicketStatus::InProgress,
            TicketStatus::Resolved,
            TicketStatus::InProgress
        ]
    );
    Ok(())
}

#[tokio::test]
async fn a_ticket_refers_only_to_its_clients_records() -> R {
    let f = fixture().await?;
    let refused = tickets::create_ticket(
        &f.db,
        &f.manager,
        &TicketInput {
            equipment_id: Some(f.other_equipment),
            ..f.input.clone()
        },
    )
    .await;
    assert!(
        matches!(refused, Err(CoreError::Validation { ref field, .. }) if field == "equipment_id"),
        "{refused:?}"
    );
    let blank = tickets::create_ticket(
        &f.db,
        &f.manager,
        &TicketInput {
            title: "  ".into(),
            ..f.input.clone()
        },
    )
    .await;
    assert!(matches!(blank, Err(CoreError::Validation { ref field, .. }) if field == "title"));
    assert_eq!(ids(&f.db, "SELECT id FROM tickets").await.len(), 0);
    // A technician opens tickets too.
    let tech = Actor::technician(f.manager.user_id().unwrap_or(1), "Tom");
    assert!(tickets::create_ticket(&f.db, &tech, &f.input).await.is_ok());
    Ok(())
}

#[tokio::test]
async fn the_queue_shows_what_each_view_asks() -> R {
    let f = fixture().await?;
    let (db, manager) = (&f.db, &f.manager);
    let first = tickets::create_ticket(db, manager, &f.input).await?;
    let urgent = tickets::create_ticket(
        db,
        manager,
        &TicketInput {
            title: "Server down".into(),
            priority: Priority::Urgent,
            ..f.input.clone()
        },
    )
    .await?;
    tickets::assign(
        db,
        manager,
        &TicketAssignment {
            id: first.row.id,
            assignee_id: manager.user_id(),
        },
    )
    .await?;
    let view = |view: QueueView| {
        let db = db.clone();
        let manager = manager.clone();
        async move {
            tickets::list_tickets(
                &db,
                &manager,
                &TicketQuery {
                    view,
                    ..Default::default()
                },
            )
            .await
            .unwrap()
            .items
            .into_iter()
            .map(|t| t.reference)
            .collect::<Vec<_>>()
        }
    };
    // The most urgent deadline first.
    assert_eq!(
        view(QueueView::Open).await,
        [urgent.row.reference.clone(), first.row.reference.clone()]
    );
    assert_eq!(
        view(QueueView::Mine).await,
        vec![first.row.reference.clone()]
    );
    assert_eq!(
        view(QueueView::Unassigned).await,
        vec![urgent.row.reference.clone()]
    );
    let found = tickets::list_tickets(
        db,
        manager,
        &TicketQuery {
            search: "server".into(),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(found.total, 1);
    Ok(())
}

#[tokio::test]
async fn the_suggested_technician_has_the_skill_and_the_lightest_load() -> R {
    use parc_api::tickets::TechnicianInput;
    use parc_core::desk::technicians;
    let f = fixture().await?;
    let (db, manager) = (&f.db, &f.manager);
    let mut staff = Vec::new();
    for (name, email) in [
        ("Alice Expert", "alice@x.fr"),
        ("Bob Junior", "bob@x.fr"),
        ("Carl Other", "carl@x.fr"),
    ] {
        let user = parc_core::auth::create_user(
            db,
            manager,
            &parc_api::users::NewUser {
                name: name.into(),
                email: email.into(),
                role: parc_api::auth::Role::Technician,
                password: "a long password".into(),
            },
        )
        .await?;
        staff.push(user.id);
    }
    let printing = technicians::create_skill(db, manager, "Printing").await?;
    let network = technicians::create_skill(db, manager, "Network").await?;
    let printers = technicians::create_category(db, manager, "Printers", Some(printing)).await?;
    let profile = |user_id, skills: Vec<(i64, i64)>| TechnicianInput {
        user_id,
        job_position: "Technician".into(),
        weekly_hours: "35".into(),
        skills,
    };
    technicians::set_profile(db, manager, &profile(staff[0], vec![(printing, 3)])).await?;
    technicians::set_profile(db, manager, &profile(staff[1], vec![(printing, 1)])).await?;
    technicians::set_profile(db, manager, &profile(staff[2], vec![(network, 3)])).await?;
    let bad = technicians::set_profile(db, manager, &profile(staff[2], vec![(network, 4)])).await;
    assert!(
        matches!(bad, Err(CoreError::Validation { ref field, .. }) if field == "skills[0].level")
    );

    // Alice, the expert, already has two open tickets; Bob none.
    for _ in 0..2 {
        let t = tickets::create_ticket(db, manager, &f.input).await?;
        tickets::assign(
            db,
            manager,
            &TicketAssignment {
                id: t.row.id,
                assignee_id: Some(staff[0]),
            },
        )
        .await?;
    }
    let input = TicketInput {
        category_id: Some(printers),
        ..f.input.clone()
    };
    let ticket = tickets::create_ticket(db, manager, &input).await?;
    let suggestion = ticket.suggestion.ok_or("no suggestion")?;
    assert_eq!(suggestion.user_id, staff[1]);
    assert_eq!(suggestion.skill_name, "Printing");
    assert_eq!(
        (
            suggestion.level,
            suggestion.open_tickets,
            suggestion.candidates
        ),
        (1, 0, 2)
    );
    assert_eq!(
        ticket.row.assignee_id, None,
        "auto-assignment is off by default"
    );

    // With auto-assignment on, a new ticket goes to Bob at once.
    parc_core::settings::set_auto_assign(db, manager, true).await?;
    let auto = tickets::create_ticket(db, manager, &input).await?;
    assert_eq!(auto.row.assignee_id, Some(staff[1]));
    assert_eq!(auto.row.status, TicketStatus::Assigned);
    // Bob now has one open ticket, Alice two: still Bob.
    let next = tickets::create_ticket(db, manager, &input).await?;
    assert_eq!(next.row.assignee_id, Some(staff[1]));
    let team = technicians::list_technicians(db, manager).await?;
    let bob = team
        .iter()
        .find(|t| t.user_id == staff[1])
        .ok_or("no Bob")?;
    assert_eq!((bob.open_tickets, bob.weekly_minutes), (2, 35 * 60));
    Ok(())
}

#[tokio::test]
async fn a_technician_times_a_ticket_and_types_time_by_hand() -> R {
    use parc_api::tickets::{TimeEntryInput, WorkItem};
    use parc_core::desk::time;
    let f = fixture().await?;
    let (db, manager) = (&f.db, &f.manager);
    let ticket = tickets::create_ticket(db, manager, &f.input).await?;
    let item = WorkItem::Ticket(ticket.row.id);
    assert!(time::running_timer(db, manager).await?.is_none());
    let started = time::start_timer(db, manager, item).await?;
    assert_eq!(started.ticket_reference.as_deref(), Some("T000001"));
    // Surviving a restart means: it is in the database, found again.
    let running = time::running_timer(db, manager).await?.ok_or("no timer")?;
    assert_eq!(running.id, started.id);
    let second = time::start_timer(db, manager, item).await;
    assert!(
        matches!(&second, Err(error @ CoreError::Conflict(_)) if error.to_string().contains("T000001")),
        "{second:?}"
    );
    let stopped = time::stop_timer(db, manager)
        .await?
        .ok_or("nothing stopped")?;
    assert!(stopped.ended_at.is_some());
    assert!(time::running_timer(db, manager).await?.is_none());
    assert!(time::stop_timer(db, manager).await?.is_none());

    let today = parc_core::clock::today();
    let typed = |duration: &str, billable: bool| TimeEntryInput {
        item,
        date: today.to_string(),
        duration: duration.into(),
        billable,
        note: "Replaced the fuser".into(),
    };
    time::add_entry(db, manager, &typed("1:30", true)).await?;
    time::add_entry(db, manager, &typed("0,5", false)).await?;
    let refused = time::add_entry(db, manager, &typed("all day", true)).await;
    assert!(matches!(refused, Err(CoreError::Validation { ref field, .. }) if field == "duration"));
    let client = i32::try_from(f.input.client_id)?;
    assert_eq!(
        time::billable_minutes(db, client, today, today).await?,
        90 + stopped.minutes
    );
    assert_eq!(
        time::entries_of_ticket(db, manager, ticket.row.id)
            .await?
            .len(),
        3
    );
    // The system has no timer of its own.
    assert!(matches!(
        time::start_timer(db, &Actor::System, item).await,
        Err(CoreError::Forbidden(_))
    ));
    Ok(())
}

#[tokio::test]
async fn time_alone_turns_a_ticket_at_risk_then_breached_in_the_queue() -> R {
    use chrono::{DateTime, Utc};
    let f = fixture().await?;
    let (db, manager) = (&f.db, &f.manager);
    let created = tickets::create_ticket(db, manager, &f.input).await?;
    assert_eq!(created.row.sla_state, SlaState::OnTrack);
    let review_at = || async {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!(
                    "SELECT sla_review_at FROM tickets WHERE id = {}",
                    created.row.id
                ),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get_by_index::<Option<DateTime<Utc>>>(0).unwrap()
    };
    let risk = review_at().await.ok_or("no review time")?;
    assert!(risk < created.row.first_response_due.ok_or("no due")?);
    // Nothing is due yet: nothing is evaluated again.
    assert_eq!(tickets::refresh_due(db, Utc::now()).await?, 0);
    assert_eq!(
        tickets::refresh_due(db, risk + chrono::Duration::seconds(1)).await?,
        1
    );
    let at_risk = |view| TicketQuery {
        view,
        ..Default::default()
    };
    let listed = tickets::list_tickets(db, manager, &at_risk(QueueView::AtRisk)).await?;
    assert_eq!(listed.total, 1, "at risk once 75 % of the target is used");
    let breach = review_at().await.ok_or("no next review")?;
    assert_eq!(Some(breach), created.row.first_response_due);
    tickets::refresh_due(db, breach + chrono::Duration::seconds(1)).await?;
    let listed = tickets::list_tickets(db, manager, &at_risk(QueueView::Breached)).await?;
    assert_eq!(listed.total, 1, "breached once due");
    Ok(())
}

#[tokio::test]
async fn the_queue_finds_tickets_by_client_code_and_new_name() -> R {
    let f = fixture().await?;
    let (db, manager) = (&f.db, &f.manager);
    let created = tickets::create_ticket(db, manager, &f.input).await?;
    let search = |text: &str| TicketQuery {
        view: QueueView::All,
        search: text.into(),
        ..Default::default()
    };
    let client = parc_core::clients::get_client(db, manager, f.input.client_id).await?;
    let by_code = tickets::list_tickets(db, manager, &search(&client.input.code)).await?;
    assert_eq!(by_code.total, 1);
    assert_eq!(
        tickets::list_tickets(db, manager, &search("printer jams"))
            .await?
            .total,
        1
    );
    // Renamed, the client's tickets are found by the new name only.
    let mut renamed = client.input.clone();
    renamed.name = "Verrerie Ostrowski".into();
    parc_core::clients::update_client(db, manager, client.id, &renamed).await?;
    let found = tickets::list_tickets(db, manager, &search("ostrowski")).await?;
    assert_eq!(found.items.first().map(|t| t.id), Some(created.row.id));
    assert_eq!(
        tickets::list_tickets(db, manager, &search(&client.input.name))
            .await?
            .total,
        0
    );
    Ok(())
}

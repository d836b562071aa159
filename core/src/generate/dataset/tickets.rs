//! Tickets of the generated dataset: two years of a busy MSP's service desk
//! (200,000 tickets for the large set) over the clients, their first site
//! and equipment, with twelve technicians who have skills. Tickets older
//! than two weeks are closed (a few only resolved); the recent ones are in
//! every open status. Each ticket has its status history; the SLA cache of
//! the open and recently resolved ones is the real evaluation of that
//! history against the policy, so the queue's views and countdowns are what
//! the app itself would show.

use crate::auth;
use crate::clients::{client_entity, contact_entity};
use crate::desk::sla_policy::{self, Policy};
use crate::desk::technicians;
use crate::desk::ticket_entity as tickets;
use crate::desk::ticket_status_change_entity as changes;
use crate::equipment::entity as equipment;
use crate::error::CoreResult;
use crate::sequences;
use crate::sites::site_entity;
use crate::sla::clock::Instant;
use crate::sla::targets::{answered_at, first_response_history, resolution_history};
use crate::Actor;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use parc_api::auth::Role;
use parc_api::clients::ServiceLevel;
use parc_api::tickets::{Channel, Priority, SlaState, TechnicianInput, TicketStatus};
use rand::rngs::StdRng;
use rand::Rng;
use sea_orm::{
    ActiveValue::NotSet, ColumnTrait, ConnectionTrait, EntityTrait, QueryOrder, QuerySelect, Set,
    TransactionSession, TransactionTrait,
};
use std::collections::HashMap;

const BATCH: usize = 500;
/// A ticket's status changes: when, to what, by whom.
type History = Vec<(DateTime<Utc>, TicketStatus, Option<i32>)>;
const DAYS_OF_HISTORY: i64 = 730;
/// Tickets younger than this may still be open.
const RECENT_DAYS: i64 = 14;
const TECHNICIANS: usize = 12;
const SKILLS: [&str; 4] = ["Réseau", "Postes de travail", "Serveurs", "Impression"];
const SUBJECTS: [&str; 12] = [
    "Imprimante hors ligne",
    "VPN inaccessible",
    "Poste très lent",
    "Mot de passe expiré",
    "Sauvegarde en échec",
    "Écran noir au démarrage",
    "Messagerie : pièce jointe bloquée",
    "Wi-Fi instable en salle de réunion",
    "Disque presque plein sur le serveur",
    "Nouvel arrivant : création de compte",
    "Licence Office non activée",
    "Téléphone IP sans tonalité",
];

fn instant(at: DateTime<Utc>) -> Instant {
    at.timestamp()
}

fn utc(at: Instant) -> DateTime<Utc> {
    Utc.timestamp_opt(at, 0).single().unwrap_or_default()
}

/// Creates the dataset's technicians with skills and its ticket
/// categories; returns the technicians' user ids and the category ids.
async fn team<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    rng: &mut StdRng,
) -> CoreResult<(Vec<i32>, Vec<i64>)> {
    let system = Actor::System;
    let mut skill_ids = Vec::new();
    let mut categories = Vec::new();
    for name in SKILLS {
        let skill = technicians::create_skill(db, &system, name).await?;
        skill_ids.push(skill);
        categories.push(technicians::create_category(db, &system, name, Some(skill)).await?);
    }
    let mut people = Vec::new();
    for n in 0..TECHNICIANS {
        let user = auth::create_user(
            db,
            &system,
            &parc_api::users::NewUser {
                name: format!("Technicien {:02}", n + 1),
                email: format!("technicien{:02}@parc-large.example", n + 1),
                role: Role::Technician,
                password: format!("large-technician-{:02}", n + 1),
            },
        )
        .await?;
        let user = i32::try_from(user.id).unwrap_or(0);
        let mut skills = Vec::new();
        for (s, skill) in skill_ids.iter().enumerate() {
            if (n + s) % 2 == 0 || rng.gen_bool(0.2) {
                skills.push((*skill, rng.gen_range(1..=3)));
            }
        }
        technicians::set_profile(
            db,
            &system,
            &TechnicianInput {
                user_id: i64::from(user),
                job_position: "Technicien".into(),
                weekly_hours: "35".into(),
                skills,
            },
        )
        .await?;
        people.push(user);
    }
    Ok((people, categories))
}

/// Writes `count` tickets over two years before `today`.
pub(crate) async fn generate<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    rng: &mut StdRng,
    count: usize,
    today: NaiveDate,
) -> CoreResult<()> {
    if count == 0 {
        return Ok(());
    }
    sla_policy::ensure_defaults(db, today).await?;
    let (people, categories) = team(db, rng).await?;
    let clients = client_entity::Entity::find()
        .order_by_asc(client_entity::Column::Id)
        .all(db)
        .await?;
    if clients.is_empty() {
        return Ok(());
    }
    let first_site: HashMap<i32, i32> = site_entity::Entity::find()
        .order_by_desc(site_entity::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.client_id, s.id))
        .collect();
    let first_contact: HashMap<i32, i32> = contact_entity::Entity::find()
        .order_by_desc(contact_entity::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.client_id, c.id))
        .collect();
    let mut fleet: HashMap<i32, Vec<i32>> = HashMap::new();
    for (id, client) in equipment::Entity::find()
        .select_only()
        .column(equipment::Column::Id)
        .column(equipment::Column::ClientId)
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
    {
        fleet.entry(client).or_default().push(id);
    }
    let mut policies: HashMap<(ServiceLevel, Priority), Policy> = HashMap::new();
    for level in ServiceLevel::ALL {
        for priority in Priority::ALL {
            policies.insert(
                (level, priority),
                sla_policy::policy(db, level, priority).await?,
            );
        }
    }
    let references = sequences::next_references(db, "ticket", today, count as u64).await?;
    let start_of_today = Utc.from_utc_datetime(&today.and_hms_opt(0, 0, 0).unwrap_or_default());
    let now = Utc::now().max(start_of_today);
    // Oldest first, so ids follow time.
    let mut ages: Vec<i64> = (0..count)
        .map(|_| rng.gen_range(0..DAYS_OF_HISTORY * 24 * 60))
        .collect();
    ages.sort_unstable_by(|a, b| b.cmp(a));
    let txn = crate::db::begin_write(db).await?;
    let mut rows = Vec::with_capacity(BATCH);
    let mut histories: Vec<History> = Vec::with_capacity(BATCH);
    for (reference, age_minutes) in references.iter().zip(ages) {
        let client = &clients[rng.gen_range(0..clients.len())];
        let level = ServiceLevel::from_code(&client.service_level).unwrap_or_default();
        let priority = match rng.gen_range(0..100) {
            0..=19 => Priority::Low,
            20..=69 => Priority::Normal,
            70..=92 => Priority::High,
            _ => Priority::Urgent,
        };
        let created = now - Duration::minutes(age_minutes);
        let recent = age_minutes < RECENT_DAYS * 24 * 60;
        let status = if !recent {
            if rng.gen_bool(0.93) {
                TicketStatus::Closed
            } else {
                TicketStatus::Resolved
            }
        } else {
            match rng.gen_range(0..100) {
                0..=14 => TicketStatus::New,
                15..=39 => TicketStatus::Assigned,
                40..=69 => TicketStatus::InProgress,
                70..=84 => TicketStatus::WaitingForClient,
                _ => TicketStatus::Resolved,
            }
        };
        let assignee =
            (status != TicketStatus::New).then(|| people[rng.gen_range(0..people.len())]);
        // A history a desk would have written, each step after the last.
        let mut at = created;
        let mut step = |rng: &mut StdRng, max_minutes: i64| {
            at = (at + Duration::minutes(rng.gen_range(1..max_minutes))).min(now);
            at
        };
        let mut history = vec![(created, TicketStatus::New, None)];
        let mut first_response = None;
        let mut resolved_at = None;
        let mut closed_at = None;
        if status != TicketStatus::New {
            history.push((step(rng, 90), TicketStatus::Assigned, assignee));
            if status != TicketStatus::Assigned {
                first_response = Some(step(rng, 120));
                history.push((
                    first_response.unwrap_or(created),
                    TicketStatus::InProgress,
                    assignee,
                ));
            }
            if status == TicketStatus::WaitingForClient {
                history.push((step(rng, 600), TicketStatus::WaitingForClient, assignee));
            }
            if matches!(status, TicketStatus::Resolved | TicketStatus::Closed) {
                let at = step(rng, 3 * 24 * 60);
                resolved_at = Some(at);
                history.push((at, TicketStatus::Resolved, assignee));
            }
            if status == TicketStatus::Closed {
                let at = step(rng, 7 * 24 * 60);
                closed_at = Some(at);
                history.push((at, TicketStatus::Closed, None));
            }
        }
        // The SLA cache: evaluated for what the queue shows, assumed met
        // (one in twelve breached) for tickets closed long ago.
        let (first_due, resolution_due, (state, first_state, resolution_state), review_at) =
            if recent {
                let policy = &policies[&(level, priority)];
                let statuses: Vec<(Instant, TicketStatus)> = history
                    .iter()
                    .map(|(at, s, _)| (instant(*at), *s))
                    .collect();
                let answered = answered_at(first_response.map(instant), &statuses);
                let first = first_response_history(instant(created), answered);
                let evaluation = sla_policy::evaluate(
                    policy,
                    (&first, answered.is_some()),
                    (&resolution_history(&statuses), !status.is_open()),
                    instant(now),
                );
                (
                    evaluation.first_response.due.map(utc),
                    evaluation.resolution.due.map(utc),
                    (
                        evaluation.overall(),
                        evaluation.first_response_state,
                        evaluation.resolution_state,
                    ),
                    evaluation.review_at.map(utc),
                )
            } else {
                // Breached ones missed their resolution, answered in time.
                let states = if rng.gen_range(0..12) == 0 {
                    (SlaState::Breached, SlaState::Met, SlaState::Breached)
                } else {
                    (SlaState::Met, SlaState::Met, SlaState::Met)
                };
                (None, None, states, None)
            };
        let subject = SUBJECTS[rng.gen_range(0..SUBJECTS.len())];
        let title = format!("{subject} ({})", client.code);
        let equipment_id = fleet
            .get(&client.id)
            .filter(|items| !items.is_empty() && rng.gen_bool(0.7))
            .map(|items| items[rng.gen_range(0..items.len())]);
        rows.push(tickets::ActiveModel {
            id: NotSet,
            search_text: Set(crate::desk::tickets::ticket_search_text(
                reference, &title, client,
            )),
            reference: Set(reference.clone()),
            client_id: Set(client.id),
            site_id: Set(first_site.get(&client.id).copied()),
            equipment_id: Set(equipment_id),
            requester_id: Set(first_contact.get(&client.id).copied()),
            title: Set(title),
            description: Set(String::new()),
            category_id: Set(Some(
                i32::try_from(categories[rng.gen_range(0..categories.len())]).unwrap_or(0),
            )),
            priority: Set(priority.code().to_owned()),
            status: Set(status.code().to_owned()),
            channel: Set(Channel::ALL[rng.gen_range(0..Channel::ALL.len())]
                .code()
                .to_owned()),
            assignee_id: Set(assignee),
            created_by_user_id: Set(None),
            created_by_contact_id: Set(None),
            created_at: Set(created),
            updated_at: Set(history.last().map_or(created, |h| h.0)),
            first_response_at: Set(first_response),
            resolved_at: Set(resolved_at),
            closed_at: Set(closed_at),
            first_response_due: Set(first_due),
            sla_review_at: Set(review_at),
            resolution_due: Set(resolution_due),
            sla_state: Set(state.code().to_owned()),
            first_response_state: Set(Some(first_state.code().to_owned())),
            resolution_state: Set(Some(resolution_state.code().to_owned())),
        });
        histories.push(history);
        if rows.len() == BATCH {
            write(
                &txn,
                std::mem::take(&mut rows),
                std::mem::take(&mut histories),
            )
            .await?;
        }
    }
    if !rows.is_empty() {
        write(&txn, rows, histories).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Inserts a batch of tickets, then their histories (ids follow the batch).
async fn write(
    db: &impl ConnectionTrait,
    rows: Vec<tickets::ActiveModel>,
    histories: Vec<History>,
) -> CoreResult<()> {
    let count = rows.len();
    tickets::Entity::insert_many(rows).exec(db).await?;
    let last = tickets::Entity::find()
        .select_only()
        .column_as(tickets::Column::Id.max(), "id")
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten()
        .unwrap_or(0);
    let first = last + 1 - i32::try_from(count).unwrap_or(0);
    let mut change_rows = Vec::new();
    for (offset, history) in histories.into_iter().enumerate() {
        let ticket_id = first + i32::try_from(offset).unwrap_or(0);
        for (at, status, by) in history {
            change_rows.push(changes::ActiveModel {
                id: NotSet,
                ticket_id: Set(ticket_id),
                at: Set(at),
                status: Set(status.code().to_owned()),
                by_user_id: Set(by),
                by_contact_id: Set(None),
            });
        }
    }
    for chunk in change_rows.chunks(BATCH) {
        changes::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}

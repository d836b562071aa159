//! The demo's past: half a year of a desk's life before today, so the
//! dashboard's mean time to resolve, the backlog's weeks, SLA compliance,
//! the technicians' figures and a client's activity report have something
//! to show. Every weekday brings a ticket or none; each is assigned to the
//! technician of its skill, answered within minutes or hours, resolved
//! hours or days later (a few past their SLA), its time logged that day,
//! and closed three days after being resolved.
//!
//! The tickets go through the same services as the live ones, then their
//! instants are moved back to when they happened (`backdate`) and their SLA
//! evaluated again from that history. They are made after the live demo, so
//! its references stay the ones the guide and the tests name (T000001 is
//! Acme's printer); a past ticket's reference is higher than its date
//! suggests. Time is logged as covered by the clients' contracts (not
//! billable), so the invoice run bills none of it.

use super::inventory::Fleet;
use crate::desk::{tickets, time};
use crate::error::CoreResult;
use crate::Actor;
use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};
use parc_api::tickets::{
    Channel, Priority, TicketAssignment, TicketInput, TicketMessageInput, TicketStatus,
    TicketStatusInput, TimeEntryInput, WorkItem,
};
use sea_orm::{ConnectionTrait, Statement, TransactionTrait, Value};

/// How far back the desk's past goes.
const WEEKS: i64 = 26;

/// (title, category index, priority, channel, technician index, reply).
type Kind = (&'static str, usize, Priority, Channel, usize, &'static str);

/// What a desk hears about, by category (indices into the desk's
/// `CATEGORIES`) and who takes it (0 Lucas, 1 Emma, 2 Nadia).
const KINDS: [Kind; 12] = [
    (
        "Impossible d'imprimer en couleur",
        1,
        Priority::Normal,
        Channel::Phone,
        1,
        "Je regarde le pilote de l'imprimante à distance.",
    ),
    (
        "Mot de passe de session expiré",
        5,
        Priority::Low,
        Channel::Portal,
        0,
        "Mot de passe réinitialisé, à changer à la prochaine connexion.",
    ),
    (
        "Wi-Fi instable en salle de réunion",
        0,
        Priority::Normal,
        Channel::Email,
        0,
        "Je vérifie la borne et les interférences.",
    ),
    (
        "Boîte aux lettres pleine",
        4,
        Priority::Normal,
        Channel::Email,
        2,
        "Archivage automatique activé sur la boîte.",
    ),
    (
        "Serveur de fichiers très lent",
        3,
        Priority::High,
        Channel::Phone,
        2,
        "Analyse des disques et de la charge en cours.",
    ),
    (
        "Poste à préparer pour un nouvel arrivant",
        2,
        Priority::Normal,
        Channel::Portal,
        1,
        "Poste en préparation, prêt pour lundi.",
    ),
    (
        "Alerte antivirus sur un poste",
        4,
        Priority::High,
        Channel::Email,
        2,
        "Poste isolé du réseau, analyse complète lancée.",
    ),
    (
        "Déconnexions fréquentes du VPN",
        0,
        Priority::High,
        Channel::Phone,
        0,
        "Je consulte les journaux du concentrateur VPN.",
    ),
    (
        "Scanner réseau introuvable",
        1,
        Priority::Low,
        Channel::Desktop,
        1,
        "Adresse du scanner mise à jour sur les postes.",
    ),
    (
        "Sauvegarde de la nuit incomplète",
        3,
        Priority::Urgent,
        Channel::Email,
        2,
        "Relance manuelle de la sauvegarde, je surveille.",
    ),
    (
        "Écran noir au démarrage",
        2,
        Priority::Normal,
        Channel::Phone,
        1,
        "Je passe voir le poste dans la matinée.",
    ),
    (
        "Accès au dossier partagé de la comptabilité",
        5,
        Priority::Low,
        Channel::Portal,
        0,
        "Droits ajoutés sur le partage, à tester.",
    ),
];

/// One past ticket: when it came, how long its answer and its fix took.
struct Past {
    kind: &'static Kind,
    fleet: usize,
    opened: DateTime<Utc>,
    answered_after: Duration,
    resolved_after: Duration,
    worked: &'static str,
}

/// The desk's past, always the same: about 2.5 tickets a week, on
/// weekdays between 8:00 and 17:00 UTC, answered and fixed the sooner the
/// more urgent (minutes for an urgent one, a day or two for a low one).
fn plan(now: DateTime<Utc>, fleets: usize) -> Vec<Past> {
    let monday = now.date_naive() - Duration::days(i64::from(now.weekday().num_days_from_monday()));
    let mut past = Vec::new();
    for week in (1..=WEEKS).rev() {
        let count = [2, 3, 2, 3][usize::try_from(week % 4).unwrap_or(0)];
        for i in 0..count {
            let n = week * 7 + i * 3;
            let day = monday - Duration::weeks(week) + Duration::days((week + i * 2) % 5);
            let time = NaiveTime::from_hms_opt(
                u32::try_from(8 + (week * 3 + i * 5) % 9).unwrap_or(9),
                u32::try_from((week * 17 + i * 13) % 60).unwrap_or(0),
                0,
            )
            .unwrap_or_default();
            let opened = day.and_time(time).and_utc();
            let kind = &KINDS[usize::try_from(n % 12).unwrap_or(0)];
            // (first answer, its spread, the fix after it, its spread), in
            // minutes: within the strictest (VIP) targets, but one in seven
            // takes six times as long, and some of those miss theirs.
            let (answer, answer_spread, fix, fix_spread) = match kind.2 {
                Priority::Urgent => (5, 10, 40, 70),
                Priority::High => (10, 15, 90, 120),
                Priority::Normal => (20, 35, 120, 300),
                Priority::Low => (30, 70, 240, 1200),
            };
            let k = i64::try_from(past.len()).unwrap_or(0);
            let late = if k % 7 == 3 { 6 } else { 1 };
            let answered_after = answer + (k * 37) % answer_spread;
            past.push(Past {
                kind,
                fleet: usize::try_from(week + i).unwrap_or(0) % fleets.max(1),
                opened,
                answered_after: Duration::minutes(answered_after),
                resolved_after: Duration::minutes(
                    answered_after + (fix + (k * 97) % fix_spread) * late,
                ),
                worked: ["0:30", "0:45", "1:00", "1:30", "2:00"]
                    [usize::try_from(n % 5).unwrap_or(0)],
            });
        }
    }
    past.retain(|p| p.opened + p.resolved_after < now);
    past
}

/// Sets `sql`'s instants (`?` in order) on the rows of one ticket.
async fn set(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> CoreResult<()> {
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        sql,
        values,
    ))
    .await?;
    Ok(())
}

/// Moves a past ticket's rows to when they happened: its creation, first
/// response, resolution and closing, each status change, its messages, its
/// time and its history's entries.
async fn backdate(db: &impl ConnectionTrait, id: i64, steps: &Steps) -> CoreResult<()> {
    let Steps {
        opened,
        assigned,
        answered,
        resolved,
        closed,
        worked_minutes,
    } = *steps;
    let last = closed.unwrap_or(resolved);
    set(
        db,
        "UPDATE tickets SET created_at = ?, updated_at = ?, first_response_at = ?, \
         resolved_at = ?, closed_at = ? WHERE id = ?",
        vec![
            opened.into(),
            last.into(),
            answered.into(),
            resolved.into(),
            closed.into(),
            id.into(),
        ],
    )
    .await?;
    for (status, at) in [
        (TicketStatus::New, opened),
        (TicketStatus::Assigned, assigned),
        (TicketStatus::InProgress, answered),
        (TicketStatus::Resolved, resolved),
        (TicketStatus::Closed, last),
    ] {
        set(
            db,
            "UPDATE ticket_status_changes SET at = ? WHERE ticket_id = ? AND status = ?",
            vec![at.into(), id.into(), status.code().into()],
        )
        .await?;
    }
    // The reply first, the resolution's message last.
    set(
        db,
        "UPDATE ticket_messages SET at = CASE WHEN id = (SELECT MIN(id) FROM ticket_messages \
         WHERE ticket_id = ?) THEN ? ELSE ? END WHERE ticket_id = ?",
        vec![id.into(), answered.into(), resolved.into(), id.into()],
    )
    .await?;
    set(
        db,
        "UPDATE time_entries SET started_at = ?, ended_at = ?, created_at = ? WHERE ticket_id = ?",
        vec![
            (resolved - Duration::minutes(worked_minutes)).into(),
            resolved.into(),
            resolved.into(),
            id.into(),
        ],
    )
    .await?;
    set(
        db,
        "UPDATE audit_log SET at = CASE WHEN action = 'create' THEN ? ELSE ? END \
         WHERE entity = 'ticket' AND entity_id = ?",
        vec![opened.into(), last.into(), id.into()],
    )
    .await?;
    tickets::reevaluate(db, id, Utc::now()).await
}

/// The instants of one past ticket.
#[derive(Clone, Copy)]
struct Steps {
    opened: DateTime<Utc>,
    assigned: DateTime<Utc>,
    answered: DateTime<Utc>,
    resolved: DateTime<Utc>,
    closed: Option<DateTime<Utc>>,
    worked_minutes: i64,
}

/// Minutes in a duration typed `H:MM`.
fn minutes_of(typed: &str) -> i64 {
    let (hours, minutes) = typed.split_once(':').unwrap_or(("0", "0"));
    hours.parse::<i64>().unwrap_or(0) * 60 + minutes.parse::<i64>().unwrap_or(0)
}

/// Six months of tickets, made by `manager` and worked by `team` (Lucas,
/// Emma, Nadia first).
pub(super) async fn fill<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    manager: &Actor,
    team: &[Actor],
    category_ids: &[i64],
    fleets: &[Fleet],
) -> CoreResult<()> {
    let now = Utc::now();
    for past in plan(now, fleets.len()) {
        let (title, category, priority, channel, technician, reply) = *past.kind;
        let Some(fleet) = fleets.get(past.fleet) else {
            continue;
        };
        let Some(technician) = team.get(technician) else {
            continue;
        };
        let ticket = tickets::create_ticket(
            db,
            manager,
            &TicketInput {
                client_id: fleet.0,
                site_id: fleet.1.first().copied(),
                equipment_id: None,
                requester_id: fleet.2.first().copied(),
                title: title.into(),
                description: title.into(),
                category_id: category_ids.get(category).copied(),
                priority,
                channel,
            },
        )
        .await?;
        let id = ticket.row.id;
        tickets::assign(
            db,
            manager,
            &TicketAssignment {
                id,
                assignee_id: technician.user_id(),
            },
        )
        .await?;
        let say = |body: &str| TicketMessageInput {
            ticket_id: id,
            public: true,
            body: body.into(),
        };
        let status = |status| TicketStatusInput { id, status };
        tickets::add_message(db, technician, &say(reply)).await?;
        tickets::change_status(db, technician, &status(TicketStatus::InProgress)).await?;
        let resolved = past.opened + past.resolved_after;
        time::add_entry(
            db,
            technician,
            &TimeEntryInput {
                item: WorkItem::Ticket(id),
                date: resolved.date_naive().to_string(),
                duration: past.worked.into(),
                billable: false,
                note: title.into(),
            },
        )
        .await?;
        tickets::add_message(
            db,
            technician,
            &say("Résolu, n'hésitez pas à nous recontacter."),
        )
        .await?;
        tickets::change_status(db, technician, &status(TicketStatus::Resolved)).await?;
        let closed = resolved + Duration::days(3);
        let closed = (closed < now).then_some(closed);
        if closed.is_some() {
            tickets::change_status(db, manager, &status(TicketStatus::Closed)).await?;
        }
        let answered = past.opened + past.answered_after;
        let steps = Steps {
            opened: past.opened,
            assigned: past.opened + (past.answered_after / 2),
            answered,
            resolved,
            closed,
            worked_minutes: minutes_of(past.worked),
        };
        backdate(db, id, &steps).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_past_spreads_over_half_a_year_of_weekdays() {
        let now = Utc::now();
        let past = plan(now, 4);
        assert!(past.len() > 50, "{}", past.len());
        let first = past.iter().map(|p| p.opened).min().unwrap();
        assert!(now - first > Duration::weeks(WEEKS - 1));
        assert!(past
            .iter()
            .all(|p| p.opened.weekday().num_days_from_monday() < 5));
        assert!(past.iter().all(|p| p.opened + p.resolved_after < now));
        assert!(past.iter().all(|p| p.answered_after < p.resolved_after));
        let fleets: std::collections::BTreeSet<usize> = past.iter().map(|p| p.fleet).collect();
        assert_eq!(fleets.len(), 4, "every client has a past");
    }
}

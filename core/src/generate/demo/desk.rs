//! The demo's service desk: skills and categories, the technicians'
//! positions, capacity and skills, tickets in every status (one new and
//! unassigned, one at risk, one breached, one waiting for the client, one
//! resolved by an intervention that used a part, one closed), replies and
//! internal notes, time logged, a visit scheduled this week and the
//! preventive visits the contracts' plans call for. Times are relative to
//! now, so the queue always shows live countdowns. Then the desk's past
//! (`history`).

use crate::auth::user_entity as users;
use crate::demo::inventory::Fleet;
use crate::desk::{interventions, planning, technicians, tickets, time};
use crate::equipment::entity as equipment;
use crate::error::{CoreError, CoreResult};
use crate::parts::part_entity as parts;
use crate::{clock, Actor};
use chrono::{DateTime, Duration, Utc};
use parc_api::auth::Role;
use parc_api::interventions::{
    InterventionInput, InterventionKind, InterventionQuery, InterventionStatus, PartUseInput,
};
use parc_api::tickets::{
    Channel, Priority, TechnicianInput, TicketAssignment, TicketInput, TicketMessageInput,
    TicketStatus, TicketStatusInput, TimeEntryInput, WorkItem,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Statement,
    TransactionTrait, Value,
};

const SKILLS: [&str; 5] = [
    "Réseau",
    "Impression",
    "Postes de travail",
    "Serveurs",
    "Sécurité",
];
/// (category, index of the skill it needs).
const CATEGORIES: [(&str, Option<usize>); 6] = [
    ("Réseau et VPN", Some(0)),
    ("Imprimantes", Some(1)),
    ("Poste de travail", Some(2)),
    ("Serveurs et sauvegardes", Some(3)),
    ("Sécurité et messagerie", Some(4)),
    ("Demande d'accès", None),
];
/// Skills as (index in `SKILLS`, level).
type Levels = &'static [(usize, i64)];
/// (e-mail, job, hours a week, skills).
const PROFILES: [(&str, &str, &str, Levels); 4] = [
    (
        "lucas.bernard@parc-demo.fr",
        "Technicien réseau",
        "35",
        &[(0, 3), (4, 2), (3, 1)],
    ),
    (
        "emma.petit@parc-demo.fr",
        "Technicienne de proximité",
        "35",
        &[(1, 3), (2, 3)],
    ),
    (
        "nadia.haddad@parc-demo.fr",
        "Administratrice systèmes",
        "39",
        &[(3, 3), (4, 3), (0, 2)],
    ),
    (
        "hugo.lefevre@parc-demo.fr",
        "Responsable technique",
        "20",
        &[(2, 1)],
    ),
];

async fn staff(db: &impl ConnectionTrait, email: &str) -> CoreResult<Actor> {
    let user = users::Entity::find()
        .filter(users::Column::Email.eq(email))
        .one(db)
        .await?
        .ok_or_else(|| CoreError::Internal(format!("demo user {email} missing")))?;
    let role = Role::from_code(&user.role).unwrap_or(Role::Technician);
    Ok(Actor::Staff {
        user_id: i64::from(user.id),
        name: user.name,
        role,
    })
}

/// Moves a ticket's creation and first status back by `age`, as if it had
/// been opened then, and evaluates its SLA again.
async fn backdate<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    ticket_id: i64,
    age: Duration,
) -> CoreResult<()> {
    let opened: DateTime<Utc> = Utc::now() - age;
    let first_change = format!(
        "UPDATE ticket_status_changes SET at = ? WHERE id = \
         (SELECT MIN(id) FROM ticket_status_changes WHERE ticket_id = {ticket_id})"
    );
    for sql in [
        format!("UPDATE tickets SET created_at = ? WHERE id = {ticket_id}"),
        first_change,
    ] {
        db.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            [Value::from(opened)],
        ))
        .await?;
    }
    // Later status changes of a backdated ticket happened a little after.
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "UPDATE ticket_status_changes SET at = ? WHERE ticket_id = ? AND at > ?",
        [
            Value::from(opened + Duration::minutes(10)),
            Value::from(ticket_id),
            Value::from(opened),
        ],
    ))
    .await?;
    tickets::reevaluate(db, ticket_id, Utc::now()).await
}

pub(super) struct Demo<'a> {
    pub fleet: &'a Fleet,
    pub title: &'a str,
    pub description: &'a str,
    pub category: usize,
    pub priority: Priority,
    pub channel: Channel,
}

pub(super) async fn open<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    manager: &Actor,
    category_ids: &[i64],
    demo: Demo<'_>,
) -> CoreResult<parc_api::tickets::TicketDetail> {
    let equipment = equipment::Entity::find()
        .filter(equipment::Column::ClientId.eq(i32::try_from(demo.fleet.0).unwrap_or(0)))
        .order_by_asc(equipment::Column::Id)
        .one(db)
        .await?
        .map(|e| i64::from(e.id));
    tickets::create_ticket(
        db,
        manager,
        &TicketInput {
            client_id: demo.fleet.0,
            site_id: demo.fleet.1.first().copied(),
            equipment_id: equipment,
            requester_id: demo.fleet.2.first().copied(),
            title: demo.title.into(),
            description: demo.description.into(),
            category_id: Some(category_ids[demo.category]),
            priority: demo.priority,
            channel: demo.channel,
        },
    )
    .await
}

pub(crate) async fn fill<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    manager: &Actor,
    fleets: &[Fleet],
) -> CoreResult<()> {
    let mut skill_ids = Vec::new();
    for name in SKILLS {
        skill_ids.push(technicians::create_skill(db, manager, name).await?);
    }
    let mut category_ids = Vec::new();
    for (name, skill) in CATEGORIES {
        category_ids.push(
            technicians::create_category(db, manager, name, skill.map(|s| skill_ids[s])).await?,
        );
    }
    let mut team = Vec::new();
    for (email, job, hours, skills) in PROFILES {
        let actor = staff(db, email).await?;
        technicians::set_profile(
            db,
            manager,
            &TechnicianInput {
                user_id: actor.user_id().unwrap_or_default(),
                job_position: job.into(),
                weekly_hours: hours.into(),
                skills: skills.iter().map(|(s, l)| (skill_ids[*s], *l)).collect(),
            },
        )
        .await?;
        team.push(actor);
    }
    let [lucas, emma, nadia, _hugo] = [&team[0], &team[1], &team[2], &team[3]];
    let fleet = |i: usize| &fleets[i % fleets.len()];
    let assign = |id: i64, to: &Actor| TicketAssignment {
        id,
        assignee_id: to.user_id(),
    };
    let status = |id: i64, status: TicketStatus| TicketStatusInput { id, status };
    let say = |ticket_id: i64, public: bool, body: &str| TicketMessageInput {
        ticket_id,
        public,
        body: body.into(),
    };
    let log = |item: WorkItem, duration: &str, billable: bool, note: &str| TimeEntryInput {
        item,
        date: clock::today().to_string(),
        duration: duration.into(),
        billable,
        note: note.into(),
    };

    // New, nobody on it yet: the suggestion shows Emma (printers).
    let printer = open(
        db,
        manager,
        &category_ids,
        Demo {
            fleet: fleet(0),
            title: "Imprimante du 2e étage hors ligne",
            description: "Plus aucune impression depuis ce matin, le voyant réseau est éteint.",
            category: 1,
            priority: Priority::High,
            channel: Channel::Phone,
        },
    )
    .await?;
    backdate(db, printer.row.id, Duration::minutes(25)).await?;

    // A VIP's urgent VPN outage (counted around the clock), assigned, not
    // answered yet, 12 of its 15 minutes used: at risk.
    let vpn = open(
        db,
        manager,
        &category_ids,
        Demo {
            fleet: fleet(2),
            title: "VPN inaccessible pour les commerciaux",
            description: "Erreur d'authentification pour tous les postes nomades.",
            category: 0,
            priority: Priority::Urgent,
            channel: Channel::Email,
        },
    )
    .await?;
    tickets::assign(db, manager, &assign(vpn.row.id, lucas)).await?;
    tickets::add_message(
        db,
        lucas,
        &say(
            vpn.row.id,
            false,
            "Certificat du concentrateur VPN expiré cette nuit ?",
        ),
    )
    .await?;

    // Backups failing for days: breached.
    let backup = open(
        db,
        manager,
        &category_ids,
        Demo {
            fleet: fleet(3),
            title: "Sauvegarde du NAS en échec",
            description: "Le rapport de sauvegarde signale des erreurs depuis trois nuits.",
            category: 3,
            priority: Priority::High,
            channel: Channel::Email,
        },
    )
    .await?;
    tickets::assign(db, manager, &assign(backup.row.id, nadia)).await?;
    tickets::add_message(
        db,
        nadia,
        &say(
            backup.row.id,
            false,
            "Disque 3 du NAS en pré-alerte SMART, remplacement à prévoir.",
        ),
    )
    .await?;
    time::add_entry(
        db,
        nadia,
        &log(
            WorkItem::Ticket(backup.row.id),
            "0:45",
            false,
            "Analyse des journaux",
        ),
    )
    .await?;
    backdate(db, backup.row.id, Duration::days(6)).await?;
    backdate(db, vpn.row.id, Duration::minutes(12)).await?;

    // Slow accounting PC: in progress, with a visit the next working day.
    let slow = open(
        db,
        manager,
        &category_ids,
        Demo {
            fleet: fleet(0),
            title: "Poste de la comptabilité très lent",
            description: "Plusieurs minutes pour ouvrir le logiciel de paie.",
            category: 2,
            priority: Priority::Normal,
            channel: Channel::Desktop,
        },
    )
    .await?;
    tickets::assign(db, manager, &assign(slow.row.id, emma)).await?;
    tickets::change_status(db, emma, &status(slow.row.id, TicketStatus::InProgress)).await?;
    tickets::add_message(
        db,
        emma,
        &say(
            slow.row.id,
            true,
            "Je passe demain matin pour remplacer le disque par un SSD.",
        ),
    )
    .await?;
    time::add_entry(
        db,
        emma,
        &log(
            WorkItem::Ticket(slow.row.id),
            "1:30",
            true,
            "Diagnostic à distance",
        ),
    )
    .await?;
    let tomorrow = planning::working_day(clock::today() + chrono::Days::new(1));
    interventions::create_intervention(
        db,
        emma,
        &InterventionInput {
            kind: InterventionKind::Corrective,
            status: InterventionStatus::Scheduled,
            client_id: slow.row.client_id,
            site_id: slow.input.site_id,
            ticket_id: Some(slow.row.id),
            technician_id: emma.user_id(),
            equipment_ids: slow.input.equipment_id.into_iter().collect(),
            scheduled_start: format!("{tomorrow}T09:00"),
            scheduled_end: format!("{tomorrow}T11:00"),
            ..Default::default()
        },
    )
    .await?;

    // Access request waiting for the client's answer: its clock is paused.
    let access = open(
        db,
        manager,
        &category_ids,
        Demo {
            fleet: fleet(1),
            title: "Accès au partage RH pour une nouvelle recrue",
            description: "Arrivée lundi de Mme Girard au service RH.",
            category: 5,
            priority: Priority::Low,
            channel: Channel::Portal,
        },
    )
    .await?;
    tickets::assign(db, manager, &assign(access.row.id, lucas)).await?;
    tickets::add_message(
        db,
        lucas,
        &say(
            access.row.id,
            true,
            "Pouvez-vous confirmer le nom du responsable qui valide cet accès ?",
        ),
    )
    .await?;
    tickets::change_status(
        db,
        lucas,
        &status(access.row.id, TicketStatus::WaitingForClient),
    )
    .await?;

    // A flickering screen, fixed on site with a part: resolved.
    let screen = open(
        db,
        manager,
        &category_ids,
        Demo {
            fleet: fleet(2),
            title: "Écran qui clignote à l'accueil",
            description: "L'écran s'éteint plusieurs fois par heure.",
            category: 2,
            priority: Priority::Normal,
            channel: Channel::Phone,
        },
    )
    .await?;
    tickets::assign(db, manager, &assign(screen.row.id, emma)).await?;
    tickets::change_status(db, emma, &status(screen.row.id, TicketStatus::InProgress)).await?;
    let today = clock::today();
    let fix = interventions::create_intervention(
        db,
        emma,
        &InterventionInput {
            kind: InterventionKind::Corrective,
            status: InterventionStatus::Done,
            client_id: screen.row.client_id,
            site_id: screen.input.site_id,
            ticket_id: Some(screen.row.id),
            technician_id: emma.user_id(),
            equipment_ids: screen.input.equipment_id.into_iter().collect(),
            scheduled_start: format!("{today}T08:30"),
            scheduled_end: format!("{today}T10:00"),
            actual_start: format!("{today}T08:40"),
            actual_end: format!("{today}T09:55"),
            work_done: "Alimentation de l'écran remplacée.\nTest de deux heures sans coupure."
                .into(),
            ..Default::default()
        },
    )
    .await?;
    if let Some(part) = parts::Entity::find()
        .filter(parts::Column::PartNumber.eq("GX20P92529"))
        .one(db)
        .await?
    {
        interventions::use_parts(
            db,
            emma,
            &PartUseInput {
                intervention_id: fix.row.id,
                part_id: i64::from(part.id),
                quantity: 1,
            },
        )
        .await?;
    }
    time::add_entry(
        db,
        emma,
        &log(
            WorkItem::Intervention(fix.row.id),
            "1:15",
            true,
            "Intervention sur site",
        ),
    )
    .await?;
    tickets::add_message(
        db,
        emma,
        &say(
            screen.row.id,
            true,
            "Alimentation remplacée, l'écran fonctionne normalement.",
        ),
    )
    .await?;
    tickets::change_status(db, emma, &status(screen.row.id, TicketStatus::Resolved)).await?;

    // A copier installed last week: closed.
    let copier = open(
        db,
        manager,
        &category_ids,
        Demo {
            fleet: fleet(3),
            title: "Installation du nouveau copieur",
            description: "Copieur A3 livré, à installer et paramétrer (scan vers e-mail).",
            category: 1,
            priority: Priority::Normal,
            channel: Channel::Email,
        },
    )
    .await?;
    tickets::assign(db, manager, &assign(copier.row.id, emma)).await?;
    interventions::create_intervention(
        db,
        emma,
        &InterventionInput {
            kind: InterventionKind::Installation,
            status: InterventionStatus::Done,
            client_id: copier.row.client_id,
            site_id: copier.input.site_id,
            ticket_id: Some(copier.row.id),
            technician_id: emma.user_id(),
            equipment_ids: copier.input.equipment_id.into_iter().collect(),
            actual_start: format!("{today}T14:00"),
            actual_end: format!("{today}T16:30"),
            work_done: "Copieur installé, scan vers e-mail configuré, utilisateurs formés.".into(),
            ..Default::default()
        },
    )
    .await?;
    tickets::change_status(db, emma, &status(copier.row.id, TicketStatus::Resolved)).await?;
    tickets::change_status(db, manager, &status(copier.row.id, TicketStatus::Closed)).await?;

    // A phishing report, assigned to the security expert.
    let phishing = open(
        db,
        manager,
        &category_ids,
        Demo {
            fleet: fleet(3),
            title: "E-mail suspect reçu par la direction",
            description: "Lien vers une fausse page de connexion Microsoft 365.",
            category: 4,
            priority: Priority::High,
            channel: Channel::Email,
        },
    )
    .await?;
    tickets::assign(db, manager, &assign(phishing.row.id, nadia)).await?;

    // The contracts' preventive visits over 90 days, the first ones given
    // to the technicians so the planning has a shape.
    planning::plan(db, manager, today, planning::DEFAULT_HORIZON_DAYS).await?;
    let planned = interventions::list_interventions(
        db,
        manager,
        &InterventionQuery {
            status: Some(InterventionStatus::Scheduled),
            page_size: 12,
            ..Default::default()
        },
    )
    .await?;
    for (i, visit) in planned
        .items
        .iter()
        .filter(|v| v.technician_id.is_none())
        .enumerate()
    {
        let detail = interventions::get_intervention(db, manager, visit.id).await?;
        let mut input = detail.input.clone();
        input.technician_id = [lucas, nadia, emma][i % 3].user_id();
        interventions::update_intervention(db, manager, visit.id, &input).await?;
    }
    super::history::fill(db, manager, &team, &category_ids, fleets).await
}

//! The service desk's story on a real database, as an MSP lives it: a
//! Premium client's ticket is auto-assigned to the technician who has the
//! skill, who times it, records an intervention using a spare part (the
//! stock goes down, the equipment's timeline shows it), prints the report
//! (its text read back with pdftotext), and the billable time beyond the
//! contract's included hours appears on the next invoice as overage.

use chrono::{Datelike, Months, NaiveDate};
use parc_api::auth::{CompanyIdentity, Language, Role};
use parc_api::billing::Periodicity;
use parc_api::contracts::{ContractInput, ContractLineInput, ContractStatus, ContractStatusChange};
use parc_api::equipment::PartInput;
use parc_api::interventions::{
    InterventionInput, InterventionKind, InterventionQuery, InterventionStatus, PartUseInput,
};
use parc_api::invoices::InvoiceQuery;
use parc_api::settings::ReportLayout;
use parc_api::tickets::{
    Channel, Priority, TechnicianInput, TicketInput, TicketStatus, TimeEntryInput, WorkItem,
};
use parc_core::dataset::{self, Size};
use parc_core::db::open_in_memory;
use parc_core::desk::{interventions, report, sla_policy, technicians, tickets, time};
use parc_core::{audit, clock, contracts, invoices, parts, settings, Actor, CoreError};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::process::Command;

type R = Result<(), Box<dyn std::error::Error>>;

async fn column(db: &DatabaseConnection, sql: &str) -> Vec<i64> {
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

fn pdf_text(pdf: &[u8], name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("parc-story-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) on PATH");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn a_premium_ticket_goes_from_auto_assignment_to_overage_on_the_next_invoice() -> R {
    let db = open_in_memory().await?;
    dataset::generate(
        &db,
        Size {
            clients: 1,
            sites_per_client: 1,
            contacts_per_client: 1,
            equipment: 2,
            contracts: 0,
            tickets: 0,
        },
    )
    .await?;
    let first_user = column(&db, "SELECT id FROM users ORDER BY id").await[0];
    let manager = Actor::manager(first_user, "Mia");
    settings::set_document_language(&db, &Actor::System, Language::Fr).await?;
    settings::set_company(
        &db,
        &manager,
        &CompanyIdentity {
            name: "Ardennes Informatique Services".into(),
            address: "12 rue de l'Église\n08000 Charleville-Mézières".into(),
            siret: "732 829 320 00074".into(),
            vat_number: "FR44732829320".into(),
        },
    )
    .await?;
    let client = column(&db, "SELECT id FROM clients").await[0];
    db.execute_unprepared(&format!(
        "UPDATE clients SET service_level = 'premium', name = 'Boulangerie Lefèvre' WHERE id = {client}"
    ))
    .await?;
    let site = column(&db, "SELECT id FROM sites").await[0];
    let printer = column(&db, "SELECT id FROM equipment ORDER BY id").await[0];
    db.execute_unprepared(&format!(
        "UPDATE equipment SET serial = 'SN-PRN-4471' WHERE id = {printer}"
    ))
    .await?;

    // A contract of this month: 2 hours included, 80.00 an hour beyond.
    let today = clock::today();
    let month_start = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).ok_or("date")?;
    let next_month = month_start + Months::new(1);
    let contract = contracts::create_contract(
        &db,
        &manager,
        &ContractInput {
            client_id: client,
            kind: "maintenance".into(),
            site_ids: vec![site],
            covers_all_equipment: true,
            start_date: month_start.to_string(),
            periodicity: Periodicity::Monthly,
            billed_in_advance: true,
            lines: vec![ContractLineInput {
                description: "Forfait de maintenance".into(),
                per_equipment: false,
                unit_price: "300".into(),
                vat_rate: "20".into(),
            }],
            included_hours: "2".into(),
            overage_rate: "80".into(),
            renewal_months: "12".into(),
            notice_days: "30".into(),
            ..Default::default()
        },
    )
    .await?;
    contracts::change_contract_status(
        &db,
        &manager,
        &ContractStatusChange {
            id: contract.row.id,
            status: ContractStatus::Active,
            on: month_start.to_string(),
        },
    )
    .await?;
    invoices::run::run(&db, &manager, month_start, |_| {}).await?;

    // Bob knows printers; Carl knows networks. Auto-assignment is on.
    let mut staff = Vec::new();
    for (name, email) in [("Bob Martin", "bob@ais.fr"), ("Carl Petit", "carl@ais.fr")] {
        let user = parc_core::auth::create_user(
            &db,
            &manager,
            &parc_api::users::NewUser {
                name: name.into(),
                email: email.into(),
                role: Role::Technician,
                password: "a long password".into(),
            },
        )
        .await?;
        staff.push(user.id);
    }
    let printing = technicians::create_skill(&db, &manager, "Impression").await?;
    let network = technicians::create_skill(&db, &manager, "Réseau").await?;
    let printers =
        technicians::create_category(&db, &manager, "Imprimantes", Some(printing)).await?;
    for (user_id, skill) in [(staff[0], printing), (staff[1], network)] {
        technicians::set_profile(
            &db,
            &manager,
            &TechnicianInput {
                user_id,
                job_position: "Technicien".into(),
                weekly_hours: "35".into(),
                skills: vec![(skill, 2)],
            },
        )
        .await?;
    }
    settings::set_auto_assign(&db, &manager, true).await?;

    let ticket = tickets::create_ticket(
        &db,
        &manager,
        &TicketInput {
            client_id: client,
            site_id: Some(site),
            equipment_id: Some(printer),
            title: "L'imprimante de l'accueil bourre".into(),
            category_id: Some(printers),
            priority: Priority::High,
            channel: Channel::Phone,
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(ticket.row.assignee_id, Some(staff[0]), "Bob has the skill");
    assert_eq!(ticket.row.status, TicketStatus::Assigned);
    let premium_high = sla_policy::policy(
        &db,
        parc_api::clients::ServiceLevel::Premium,
        Priority::High,
    )
    .await?;
    assert_eq!(
        ticket.resolution.target_minutes, premium_high.targets.resolution_minutes,
        "the Premium × high target of the matrix"
    );

    // Bob times his work on the ticket: the timer is his, and it stops.
    let bob = Actor::Staff {
        user_id: staff[0],
        name: "Bob Martin".into(),
        role: Role::Technician,
    };
    time::start_timer(&db, &bob, WorkItem::Ticket(ticket.row.id)).await?;
    let running = time::running_timer(&db, &bob).await?.ok_or("no timer")?;
    assert_eq!(running.ticket_id, Some(ticket.row.id));
    let stopped = time::stop_timer(&db, &bob)
        .await?
        .ok_or("nothing stopped")?;
    assert!(stopped.ended_at.is_some());
    assert!(time::running_timer(&db, &bob).await?.is_none());

    // He goes on site and replaces the fuser, taken out of the stock.
    let fuser = parts::create_part(
        &db,
        &manager,
        &PartInput {
            name: "Unité de fusion HP M507".into(),
            part_number: "RM2-1256".into(),
            min_stock: 1,
            unit_cost: "89".into(),
            notes: String::new(),
        },
    )
    .await?;
    parts::record_movement(
        &db,
        &manager,
        &parc_api::equipment::StockMovementInput {
            part_id: fuser.id,
            reason: parc_api::equipment::StockReason::Receipt,
            quantity: 3,
            note: String::new(),
            equipment_id: None,
        },
    )
    .await?;
    let day = today.to_string();
    let intervention = interventions::create_intervention(
        &db,
        &bob,
        &InterventionInput {
            kind: InterventionKind::Corrective,
            status: InterventionStatus::Done,
            client_id: client,
            site_id: Some(site),
            ticket_id: Some(ticket.row.id),
            technician_id: Some(staff[0]),
            equipment_ids: vec![printer],
            actual_start: format!("{day}T09:00"),
            actual_end: format!("{day}T12:00"),
            work_done: "Unité de fusion remplacée.\nTest d'impression de 50 pages : conforme."
                .into(),
            ..Default::default()
        },
    )
    .await?;
    let used = interventions::use_parts(
        &db,
        &bob,
        &PartUseInput {
            intervention_id: intervention.row.id,
            part_id: fuser.id,
            quantity: 1,
        },
    )
    .await?;
    assert_eq!(used.parts.len(), 1);
    assert_eq!(used.parts[0].quantity, 1);
    let stock = parts::list_parts(&db, &manager, "")
        .await?
        .into_iter()
        .find(|p| p.id == fuser.id)
        .ok_or("no part")?;
    assert_eq!(stock.stock_on_hand, 2);
    let over_stock = interventions::use_parts(
        &db,
        &bob,
        &PartUseInput {
            intervention_id: intervention.row.id,
            part_id: fuser.id,
            quantity: 5,
        },
    )
    .await;
    assert_eq!(
        over_stock.as_ref().err().and_then(CoreError::refused_field),
        Some(("quantity", parc_api::ValidationCode::OutOfStock)),
        "{over_stock:?}"
    );
    let timeline = audit::history(&db, &manager, "equipment", printer).await?;
    assert!(
        timeline.iter().any(|e| e.action == "intervention"
            && e.changes.iter().any(|c| c
                .after
                .as_deref()
                .is_some_and(|a| a.contains(&intervention.row.reference)))),
        "{timeline:?}"
    );
    let listed = interventions::list_interventions(
        &db,
        &manager,
        &InterventionQuery {
            equipment_id: Some(printer),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(listed.total, 1);

    // Three hours on site, logged as billable time on the intervention.
    time::add_entry(
        &db,
        &bob,
        &TimeEntryInput {
            item: WorkItem::Intervention(intervention.row.id),
            date: day.clone(),
            duration: "3:00".into(),
            billable: true,
            note: "Sur site".into(),
        },
    )
    .await?;

    // The report, as the client signs it.
    settings::set_report_layout(
        &db,
        &manager,
        &ReportLayout {
            footer_text: "AIS — 03 24 00 00 00".into(),
            terms: "Pièces garanties 6 mois.".into(),
            ..Default::default()
        },
    )
    .await?;
    let (pdf, file_name) = report::report_pdf(&db, &bob, intervention.row.id).await?;
    assert_eq!(file_name, format!("{}.pdf", intervention.row.reference));
    let text = pdf_text(&pdf, &file_name);
    for expected in [
        "Rapport d'intervention INT000001",
        "Ardennes Informatique Services",
        "Boulangerie Lefèvre",
        "Bob Martin",
        "SN-PRN-4471",
        "Unité de fusion HP M507",
        "RM2-1256",
        "Test d'impression de 50 pages",
        &ticket.row.reference,
        "3 h 00",
        "Pièces garanties 6 mois.",
        "Signature du client",
        "AIS — 03 24 00 00 00",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    // Sections left out by the layout are not printed.
    settings::set_report_layout(
        &db,
        &manager,
        &ReportLayout {
            show_parts: false,
            show_signatures: false,
            ..Default::default()
        },
    )
    .await?;
    let (pdf, _) = report::report_pdf(&db, &bob, intervention.row.id).await?;
    let text = pdf_text(&pdf, "without-parts.pdf");
    assert!(!text.contains("RM2-1256") && !text.contains("Signature du client"));

    // Next month's invoice bills the time beyond the 2 included hours.
    invoices::run::run(&db, &manager, next_month, |_| {}).await?;
    let invoice = invoices::list_invoices(
        &db,
        &manager,
        &InvoiceQuery {
            from: next_month.to_string(),
            ..Default::default()
        },
    )
    .await?
    .items
    .pop()
    .ok_or("no invoice next month")?;
    let detail = invoices::get_invoice(&db, &manager, invoice.id).await?;
    let overage = detail
        .lines
        .iter()
        .find(|l| l.description.contains("Dépassement"))
        .ok_or(format!("no overage line in {:?}", detail.lines))?;
    let excess_minutes = 180 + stopped.minutes - 120;
    assert_eq!(
        overage.quantity_thousandths,
        (excess_minutes * 1000 + 30) / 60
    );
    assert_eq!(overage.unit_price_cents, 8_000);
    Ok(())
}

#[tokio::test]
async fn preventive_planning_schedules_visits_and_maintenance_once() -> R {
    use parc_core::desk::planning;
    let db = open_in_memory().await?;
    dataset::generate(
        &db,
        Size {
            clients: 1,
            sites_per_client: 2,
            contacts_per_client: 1,
            equipment: 4,
            contracts: 0,
            tickets: 0,
        },
    )
    .await?;
    let manager = Actor::manager(column(&db, "SELECT id FROM users").await[0], "Mia");
    let client = column(&db, "SELECT id FROM clients").await[0];
    let sites = column(&db, "SELECT id FROM sites ORDER BY id").await;
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("date")?;
    // No maintenance due (nor planned by the dataset), except one printer
    // in 20 days.
    db.execute_unprepared(
        "DELETE FROM intervention_equipment; DELETE FROM interventions; \
         UPDATE equipment SET next_maintenance = NULL",
    )
    .await?;
    let printer = column(&db, "SELECT id FROM equipment ORDER BY id").await[0];
    db.execute_unprepared(&format!(
        "UPDATE equipment SET next_maintenance = '2026-12-17' WHERE id = {printer}"
    ))
    .await?;
    // A visit of both sites every 3 months since 2026-10-15: 2027-01-15 is
    // within 90 days, 2027-04-15 is not.
    let contract = contracts::create_contract(
        &db,
        &manager,
        &ContractInput {
            client_id: client,
            kind: "maintenance".into(),
            site_ids: sites.clone(),
            covers_all_equipment: true,
            start_date: "2026-10-15".into(),
            periodicity: Periodicity::Monthly,
            billed_in_advance: true,
            lines: vec![ContractLineInput {
                description: "Forfait".into(),
                per_equipment: false,
                unit_price: "100".into(),
                vat_rate: "20".into(),
            }],
            included_hours: "0".into(),
            visit_every_months: "3".into(),
            renewal_months: "12".into(),
            notice_days: "30".into(),
            ..Default::default()
        },
    )
    .await?;
    let planned_before_activation = planning::plan(&db, &manager, today, 90).await?;
    assert_eq!(
        planned_before_activation.created, 1,
        "a draft plans nothing"
    );
    contracts::change_contract_status(
        &db,
        &manager,
        &ContractStatusChange {
            id: contract.row.id,
            status: ContractStatus::Active,
            on: "2026-10-15".into(),
        },
    )
    .await?;
    let first = planning::plan(&db, &manager, today, 90).await?;
    assert_eq!((first.created, first.already_planned), (2, 1));
    let again = planning::plan(&db, &manager, today, 90).await?;
    assert_eq!((again.created, again.already_planned), (0, 3));

    let planned = interventions::list_interventions(
        &db,
        &manager,
        &InterventionQuery {
            client_id: Some(client),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(planned.total, 3);
    assert!(planned.items.iter().all(
        |i| i.kind == InterventionKind::Preventive && i.status == InterventionStatus::Scheduled
    ));
    let visits: Vec<_> = planned
        .items
        .iter()
        .filter(|i| i.site_name.is_some() && i.scheduled_start.is_some())
        .collect();
    assert_eq!(visits.len(), 3);
    // 2027-01-15 is a Friday: 09:00 in Paris is 08:00 UTC.
    let january: Vec<_> = planned
        .items
        .iter()
        .filter(|i| {
            i.scheduled_start
                .is_some_and(|s| s.to_rfc3339() == "2027-01-15T08:00:00+00:00")
        })
        .collect();
    assert_eq!(january.len(), 2, "one visit per site");
    let detail = interventions::get_intervention(&db, &manager, january[0].id).await?;
    assert!(!detail.equipment.is_empty(), "the site's covered equipment");
    assert_eq!(
        detail.contract_reference.as_deref(),
        Some(contract.row.reference.as_str())
    );

    // The printer's maintenance carried out: its next one moves a whole
    // interval on, so the next planning schedules that one.
    let maintenance = planned
        .items
        .iter()
        .find(|i| {
            i.site_name.is_some()
                && i.scheduled_start
                    .is_some_and(|s| s.to_rfc3339().starts_with("2026-12-17"))
        })
        .ok_or("no maintenance visit on 17 December")?;
    let mut input = interventions::get_intervention(&db, &manager, maintenance.id)
        .await?
        .input;
    input.status = InterventionStatus::Done;
    input.actual_start = "2026-12-17T09:10".into();
    input.actual_end = "2026-12-17T10:00".into();
    interventions::update_intervention(&db, &manager, maintenance.id, &input).await?;
    let months = column(
        &db,
        &format!(
            "SELECT t.maintenance_months FROM equipment e JOIN equipment_types t ON t.id = e.type_id WHERE e.id = {printer}"
        ),
    )
    .await[0];
    let dates = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!(
                "SELECT last_maintenance, next_maintenance FROM equipment WHERE id = {printer}"
            ),
        ))
        .await?
        .ok_or("no printer")?;
    let last: Option<NaiveDate> = dates.try_get_by_index(0)?;
    let next: Option<NaiveDate> = dates.try_get_by_index(1)?;
    assert_eq!(last, NaiveDate::from_ymd_opt(2026, 12, 17));
    let expected = u32::try_from(months)
        .ok()
        .filter(|m| *m > 0)
        .and_then(|m| NaiveDate::from_ymd_opt(2026, 12, 17)?.checked_add_months(Months::new(m)));
    assert_eq!(next, expected);
    let timeline = audit::history(&db, &manager, "equipment", printer).await?;
    assert!(timeline
        .iter()
        .any(|e| e.changes.iter().any(|c| c.field == "next_maintenance")));
    Ok(())
}

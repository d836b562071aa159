//! Roles on every path, not just the obvious one: what a technician or a
//! portal contact reaches through a side door — a contract's billing
//! schedule, a record's history, the language switch — is what the role
//! matrix lets them read and change, on a real SQLite database built by the
//! migrations.

use parc_api::auth::{CompanyIdentity, Language, Role, SetupRequest};
use parc_api::billing::Periodicity;
use parc_api::clients::ClientInput;
use parc_api::contracts::{ContractInput, ContractLineInput, ContractStatus, ContractStatusChange};
use parc_api::sites::SiteInput;
use parc_api::users::NewUser;
use parc_api::ValidationCode;
use parc_core::{
    audit, auth, clients, clock, contracts, db, invoices, settings, sites, Actor, CoreError,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

type R = Result<(), Box<dyn std::error::Error>>;

/// A company with a manager and a technician, one client with a site and
/// an active monthly contract billed once by the run (today).
struct World {
    db: DatabaseConnection,
    manager: Actor,
    technician: Actor,
    technician_id: i64,
    client_id: i64,
    contract_id: i64,
}

async fn world() -> Result<World, Box<dyn std::error::Error>> {
    let db = db::open_in_memory().await?;
    let session = auth::complete_setup(
        &db,
        &SetupRequest {
            language: Language::Fr,
            company: CompanyIdentity {
                name: "Helios IT".into(),
                ..Default::default()
            },
            manager_name: "Mia Manager".into(),
            manager_email: "mia@helios.fr".into(),
            manager_password: "long-enough".into(),
            with_demo_data: false,
        },
    )
    .await?;
    let manager = auth::actor_of(&session);
    let tech = auth::create_user(
        &db,
        &manager,
        &NewUser {
            name: "Tom Tech".into(),
            email: "tom@helios.fr".into(),
            role: Role::Technician,
            password: "long-enough".into(),
        },
    )
    .await?;
    let technician = Actor::technician(tech.id, "Tom Tech");
    let client = clients::create_client(
        &db,
        &manager,
        &ClientInput {
            name: "Acme".into(),
            ..Default::default()
        },
    )
    .await?;
    let site = sites::create_site(
        &db,
        &manager,
        &SiteInput {
            client_id: client.id,
            name: "Siège".into(),
            address: String::new(),
            zone_id: None,
            notes: String::new(),
        },
    )
    .await?;
    let today = clock::today();
    let contract = contracts::create_contract(
        &db,
        &manager,
        &ContractInput {
            client_id: client.id,
            kind: "maintenance".into(),
            site_ids: vec![site.id],
            covers_all_equipment: true,
            equipment_ids: vec![],
            start_date: today.to_string(),
            end_date: String::new(),
            periodicity: Periodicity::Monthly,
            billed_in_advance: true,
            lines: vec![ContractLineInput {
                description: "Forfait".into(),
                per_equipment: false,
                unit_price: "310".into(),
                vat_rate: "20".into(),
            }],
            included_hours: "0".into(),
            overage_rate: String::new(),
            service_level: None,
            visit_every_months: String::new(),
            auto_renew: false,
            renewal_months: "12".into(),
            notice_days: "30".into(),
            notes: String::new(),
        },
    )
    .await?;
    contracts::change_contract_status(
        &db,
        &manager,
        &ContractStatusChange {
            id: contract.row.id,
            status: ContractStatus::Active,
            on: today.to_string(),
        },
    )
    .await?;
    let run = invoices::run::run(&db, &manager, today, |_| {}).await?;
    assert_eq!(run.invoice_count, 1, "the first period is billed");
    Ok(World {
        db,
        manager,
        technician,
        technician_id: tech.id,
        client_id: client.id,
        contract_id: contract.row.id,
    })
}

fn portal(client_id: i64) -> Actor {
    Actor::Portal {
        contact_id: 1,
        client_id,
        name: "Paul".into(),
        tickets: parc_api::portal::TicketScope::Client,
    }
}

async fn execute(db: &DatabaseConnection, sql: &str) {
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect(sql);
}

#[tokio::test]
async fn a_technician_reads_a_contracts_periods_but_not_its_invoices() -> R {
    let w = world().await?;
    let seen_by_manager = contracts::get_contract(&w.db, &w.manager, w.contract_id).await?;
    let billed = &seen_by_manager.schedule[0];
    assert!(billed.billed);
    let invoice = billed.invoice.as_ref().expect("a manager sees the invoice");
    assert!(invoice
        .number
        .as_deref()
        .is_some_and(|n| n.starts_with("FA-")));
    assert!(invoice.including_vat_cents > 0);

    let seen_by_technician = contracts::get_contract(&w.db, &w.technician, w.contract_id).await?;
    assert_eq!(
        seen_by_technician.schedule.len(),
        seen_by_manager.schedule.len(),
        "the same periods"
    );
    for (tech, manager) in seen_by_technician
        .schedule
        .iter()
        .zip(&seen_by_manager.schedule)
    {
        assert_eq!(
            (
                tech.period_start,
                tech.period_end,
                tech.issue_on,
                tech.billed
            ),
            (
                manager.period_start,
                manager.period_end,
                manager.issue_on,
                manager.billed
            )
        );
        assert_eq!(tech.invoice, None, "no number, status or amount");
    }
    Ok(())
}

#[tokio::test]
async fn a_portal_contact_never_sees_a_draft_in_a_schedule() -> R {
    let w = world().await?;
    // A second period whose invoice is still a draft.
    execute(
        &w.db,
        &format!(
            "INSERT INTO invoices (kind, number, status, client_id, contract_id, period_start, \
             period_end, excluding_vat_cents, vat_cents, including_vat_cents, created_at, updated_at) \
             VALUES ('invoice', NULL, 'draft', {}, {}, '2099-01-01', '2099-01-31', 100, 20, 120, \
             '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
            w.client_id, w.contract_id
        ),
    )
    .await;
    let manager_view = contracts::get_contract(&w.db, &w.manager, w.contract_id).await?;
    let draft = |schedule: &[parc_api::contracts::ScheduleEntry]| {
        schedule
            .iter()
            .find(|e| e.period_start.to_string() == "2099-01-01")
            .cloned()
    };
    let managers = draft(&manager_view.schedule).expect("the manager sees the draft's period");
    assert_eq!(managers.invoice.map(|i| i.number), Some(None));

    let contact_view = contracts::get_contract(&w.db, &portal(w.client_id), w.contract_id).await?;
    assert_eq!(draft(&contact_view.schedule), None, "drafts are not shown");
    let issued = contact_view
        .schedule
        .iter()
        .find_map(|e| e.invoice.as_ref())
        .expect("the issued invoice is");
    assert!(issued.number.is_some());
    assert!(contact_view
        .schedule
        .iter()
        .filter_map(|e| e.invoice.as_ref())
        .all(|i| i.number.is_some()));
    Ok(())
}

#[tokio::test]
async fn history_needs_the_right_to_read_the_record() -> R {
    let w = world().await?;
    let invoice_id = invoices::list_invoices(&w.db, &w.manager, &Default::default())
        .await?
        .items[0]
        .id;
    // What a technician may read, its history too.
    let client = audit::history(&w.db, &w.technician, "client", w.client_id).await?;
    assert_eq!(client.last().map(|e| e.action.as_str()), Some("create"));
    assert!(
        !audit::history(&w.db, &w.technician, "contract", w.contract_id)
            .await?
            .is_empty()
    );
    // What they may not read, its history neither.
    for (entity, id) in [
        ("invoice", invoice_id),
        ("user", w.technician_id),
        ("portal_access", 1),
        ("settings", 0),
    ] {
        let refused = audit::history(&w.db, &w.technician, entity, id).await;
        assert!(
            matches!(refused, Err(CoreError::Forbidden(_))),
            "{entity}: {refused:?}"
        );
    }
    // A manager reads them.
    assert!(!audit::history(&w.db, &w.manager, "invoice", invoice_id)
        .await?
        .is_empty());
    assert!(!audit::history(&w.db, &w.manager, "user", w.technician_id)
        .await?
        .is_empty());
    // A name no record has is refused, naming the field.
    for actor in [&w.manager, &w.technician] {
        match audit::history(&w.db, actor, "invoices; --", 1).await {
            Err(CoreError::Validation { field, code, .. }) => {
                assert_eq!((field.as_str(), code), ("entity", ValidationCode::Unknown))
            }
            other => panic!("{other:?}"),
        }
    }
    Ok(())
}

/// Every kind of record the demo audits has a reading rule, so none of its
/// histories is refused as unknown to a manager.
#[tokio::test]
async fn every_audited_kind_has_a_reading_rule() -> R {
    let db = db::open_in_memory().await?;
    parc_core::demo::fill(&db).await?;
    let kinds = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT DISTINCT entity FROM audit_log",
        ))
        .await?;
    assert!(kinds.len() > 10, "{} kinds", kinds.len());
    for row in kinds {
        let entity: String = row.try_get_by_index(0)?;
        audit::history(&db, &Actor::manager(1, "Mia"), &entity, 1)
            .await
            .map_err(|e| format!("{entity}: {e}"))?;
    }
    Ok(())
}

/// Who revealed a licence key, and when, is for those who may reveal one.
#[tokio::test]
async fn a_key_reveal_is_in_the_history_of_managers_only() -> R {
    let db = db::open_in_memory().await?;
    parc_core::demo::fill(&db).await?;
    let with_key = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM licences WHERE licence_key IS NOT NULL AND licence_key <> '' LIMIT 1",
        ))
        .await?
        .expect("a demo licence has a key");
    let id: i32 = with_key.try_get_by_index(0)?;
    let manager = Actor::manager(1, "Mia");
    parc_core::licences::register::reveal_key(&db, &manager, i64::from(id)).await?;
    let revealed = |entries: &[parc_api::history::HistoryEntry]| {
        entries.iter().any(|e| e.action == "reveal key")
    };
    assert!(revealed(
        &audit::history(&db, &manager, "licence", i64::from(id)).await?
    ));
    let technician = Actor::technician(2, "Tom");
    let seen = audit::history(&db, &technician, "licence", i64::from(id)).await?;
    assert!(!seen.is_empty(), "the rest of the licence's history");
    assert!(!revealed(&seen), "{seen:?}");
    Ok(())
}

/// The words of a PDF, as `pdftotext` reads them.
fn pdf_words(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("invoice.pdf");
    std::fs::write(&path, pdf).expect("written");
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) on PATH");
    String::from_utf8(out.stdout).expect("text")
}

async fn first_invoice(w: &World) -> Result<i64, Box<dyn std::error::Error>> {
    Ok(
        invoices::list_invoices(&w.db, &w.manager, &Default::default())
            .await?
            .items[0]
            .id,
    )
}

#[tokio::test]
async fn a_finalised_invoice_keeps_its_language_when_documents_change_theirs() -> R {
    let w = world().await?;
    let issued = first_invoice(&w).await?;
    let print = |id| invoices::document::invoice_pdf(&w.db, &w.manager, id);
    let french = pdf_words(&print(issued).await?);
    assert!(french.contains("Facture"), "{french}");

    // A technician may not change the documents' language.
    assert!(matches!(
        settings::set_document_language(&w.db, &w.technician, Language::En).await,
        Err(CoreError::Forbidden(_))
    ));
    settings::set_document_language(&w.db, &w.manager, Language::En).await?;
    assert_eq!(settings::document_language(&w.db).await?, Language::En);
    let again = pdf_words(&print(issued).await?);
    assert!(
        again.contains("Facture") && !again.contains("Invoice"),
        "the finalised invoice prints as it was issued: {again}"
    );
    // The change is in the settings' history.
    let history = audit::history(&w.db, &w.manager, "settings", 0).await?;
    let change = &history[0].changes[0];
    assert_eq!(
        (
            change.field.as_str(),
            change.before.as_deref(),
            change.after.as_deref()
        ),
        ("document_language", Some("fr"), Some("en"))
    );
    // An invoice finalised now is written in the new language.
    let draft = invoices::create_draft(
        &w.db,
        &w.manager,
        &parc_api::invoices::DraftInvoiceInput {
            client_id: w.client_id,
            lines: vec![parc_api::invoices::InvoiceLineInput {
                description: "Intervention".into(),
                quantity: "1".into(),
                unit_price: "90".into(),
                vat_rate: "20".into(),
            }],
        },
    )
    .await?
    .row
    .id;
    invoices::finalise(&w.db, &w.manager, draft).await?;
    settings::set_document_language(&w.db, &w.manager, Language::Fr).await?;
    let english = pdf_words(&print(draft).await?);
    assert!(english.contains("Invoice"), "{english}");
    Ok(())
}

#[tokio::test]
async fn each_user_has_their_own_interface_language() -> R {
    let w = world().await?;
    auth::set_own_language(&w.db, &w.technician, Language::En).await?;
    let tom = auth::login(&w.db, "tom@helios.fr", "long-enough").await?;
    let mia = auth::login(&w.db, "mia@helios.fr", "long-enough").await?;
    assert_eq!((tom.language, mia.language), (Language::En, Language::Fr));
    assert_eq!(settings::document_language(&w.db).await?, Language::Fr);
    let issued = first_invoice(&w).await?;
    let words = pdf_words(&invoices::document::invoice_pdf(&w.db, &w.manager, issued).await?);
    assert!(words.contains("Facture"), "{words}");
    // Written in the technician's own history, not the company's.
    let own = audit::history(&w.db, &w.manager, "user", w.technician_id).await?;
    assert_eq!(own[0].action, "language");
    assert!(audit::history(&w.db, &w.manager, "settings", 0)
        .await?
        .iter()
        .all(|e| e.changes.iter().all(|c| c.after.as_deref() != Some("en"))));
    Ok(())
}

/// A remembered login stops after 30 days, however often it is used.
#[tokio::test]
async fn a_remembered_login_older_than_thirty_days_does_not_sign_in() -> R {
    let w = world().await?;
    let tom = auth::login(&w.db, "tom@helios.fr", "long-enough").await?;
    let old = auth::remember(&w.db, &tom).await?;
    let fresh = auth::remember(&w.db, &tom).await?;
    let month_ago = (chrono::Utc::now() - chrono::TimeDelta::days(31)).to_rfc3339();
    execute(
        &w.db,
        &format!(
            "UPDATE remembered_logins SET created_at = '{month_ago}' WHERE id = \
             (SELECT MIN(id) FROM remembered_logins)"
        ),
    )
    .await;
    assert_eq!(auth::login_with_token(&w.db, &old).await?, None);
    assert!(auth::login_with_token(&w.db, &fresh).await?.is_some());
    Ok(())
}

#[tokio::test]
async fn remembered_logins_are_listed_and_revoked_by_their_user_or_a_manager() -> R {
    let w = world().await?;
    let tom = auth::login(&w.db, "tom@helios.fr", "long-enough").await?;
    let first = auth::remember(&w.db, &tom).await?;
    let second = auth::remember(&w.db, &tom).await?;
    auth::login_with_token(&w.db, &second).await?;
    let listed = auth::list_remembered_logins(&w.db, &w.manager, w.technician_id).await?;
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().any(|r| r.last_used_at.is_some()));
    assert!(listed
        .iter()
        .all(|r| r.expires_at - r.created_at == auth::REMEMBERED_FOR));
    // Their own, yes; a manager's, no.
    assert_eq!(
        auth::list_remembered_logins(&w.db, &w.technician, w.technician_id)
            .await?
            .len(),
        2
    );
    let mia_id = w.manager.user_id().expect("staff");
    assert!(matches!(
        auth::list_remembered_logins(&w.db, &w.technician, mia_id).await,
        Err(CoreError::Forbidden(_))
    ));
    let mia = auth::login(&w.db, "mia@helios.fr", "long-enough").await?;
    auth::remember(&w.db, &mia).await?;
    let mias = auth::list_remembered_logins(&w.db, &w.manager, mia_id).await?;
    assert!(matches!(
        auth::revoke_remembered_login(&w.db, &w.technician, mias[0].id).await,
        Err(CoreError::Forbidden(_))
    ));
    // A manager revokes one: it no longer signs in, the other does.
    let used = listed
        .iter()
        .find(|r| r.last_used_at.is_some())
        .expect("the used one");
    auth::revoke_remembered_login(&w.db, &w.manager, used.id).await?;
    assert_eq!(auth::login_with_token(&w.db, &second).await?, None);
    assert!(auth::login_with_token(&w.db, &first).await?.is_some());
    let history = audit::history(&w.db, &w.manager, "user", w.technician_id).await?;
    assert_eq!(history[0].action, "revoke remembered login");
    // A new password ends the rest, and so does deactivation.
    auth::reset_password(&w.db, &w.manager, w.technician_id, "another-long-one").await?;
    assert_eq!(auth::login_with_token(&w.db, &first).await?, None);
    let tom = auth::login(&w.db, "tom@helios.fr", "another-long-one").await?;
    let third = auth::remember(&w.db, &tom).await?;
    auth::set_user_active(&w.db, &w.manager, w.technician_id, false).await?;
    assert_eq!(auth::login_with_token(&w.db, &third).await?, None);
    assert!(
        auth::list_remembered_logins(&w.db, &w.manager, w.technician_id)
            .await?
            .is_empty()
    );
    Ok(())
}

#[tokio::test]
async fn a_session_follows_the_users_row() -> R {
    let w = world().await?;
    let tom = auth::login(&w.db, "tom@helios.fr", "long-enough").await?;
    auth::set_user_role(&w.db, &w.manager, w.technician_id, Role::Manager).await?;
    let now = auth::current_session(&w.db, &tom)
        .await?
        .expect("still active");
    assert_eq!(now.role, Role::Manager);
    assert!(now.permissions.manage_users);
    auth::set_user_role(&w.db, &w.manager, w.technician_id, Role::Technician).await?;
    auth::set_user_active(&w.db, &w.manager, w.technician_id, false).await?;
    assert_eq!(auth::current_session(&w.db, &tom).await?, None);
    // Nobody changes their own role; the last manager stays one.
    let mia_id = w.manager.user_id().expect("staff");
    assert!(matches!(
        auth::set_user_role(&w.db, &w.manager, mia_id, Role::Technician).await,
        Err(CoreError::Conflict(_))
    ));
    assert!(matches!(
        auth::set_user_role(&w.db, &Actor::System, mia_id, Role::Technician).await,
        Err(CoreError::Conflict(_))
    ));
    assert!(matches!(
        auth::set_user_role(&w.db, &w.technician, w.technician_id, Role::Manager).await,
        Err(CoreError::Forbidden(_))
    ));
    Ok(())
}

//! Service tests of the inventory on an in-memory SQLite built by the real
//! migrations: the catalogue, equipment rules (serial per manufacturer,
//! site and assigned person of the same client, components), the timeline,
//! keyset paging with full-text search, the portal scope, bulk changes, the
//! CSV import and export, spare parts, and label sheets.

use parc_api::auth::{CompanyIdentity, Language, SetupRequest};
use parc_api::clients::{ClientInput, ContactInput};
use parc_api::equipment::{
    BulkChange, BulkRequest, Cursor, EquipmentFilter, EquipmentInput, EquipmentQuery,
    EquipmentSort, EquipmentStatus, ManufacturerInput, ModelInput, PartInput, RowAction,
    StockMovementInput, StockReason, TypeInput,
};
use parc_api::sites::SiteInput;
use parc_api::{SortDir, ValidationCode};
use parc_core::{
    audit, auth, catalogue, clients, db, equipment, parts, search, sites, Actor, CoreError,
    DatabaseConnection,
};

type R = Result<(), Box<dyn std::error::Error>>;

struct World {
    db: DatabaseConnection,
    manager: Actor,
    acme: i64,
    acme_hq: i64,
    acme_depot: i64,
    acme_sophie: i64,
    boul: i64,
    boul_shop: i64,
    boul_julien: i64,
    server_type: i64,
    disk_type: i64,
    hp: i64,
    poweredge: i64,
}

async fn world() -> World {
    let db = db::open_in_memory().await.unwrap();
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
    .await
    .unwrap();
    let manager = auth::actor_of(&session);
    let client = |code: &str, name: &str| ClientInput {
        code: code.into(),
        name: name.into(),
        ..Default::default()
    };
    let acme = clients::create_client(&db, &manager, &client("ACME", "Acme Logistique"))
        .await
        .unwrap()
        .id;
    let boul = clients::create_client(&db, &manager, &client("BOUL", "Boulangeries Fournier"))
        .await
        .unwrap()
        .id;
    let site = |client_id: i64, name: &str| SiteInput {
        client_id,
        name: name.into(),
        ..Default::default()
    };
    let acme_hq = sites::create_site(&db, &manager, &site(acme, "Siège"))
        .await
        .unwrap()
        .id;
    let acme_depot = sites::create_site(&db, &manager, &site(acme, "Entrepôt"))
        .await
        .unwrap()
        .id;
    let boul_shop = sites::create_site(&db, &manager, &site(boul, "Bellecour"))
        .await
        .unwrap()
        .id;
    let contact = |client_id: i64, name: &str, email: &str| ContactInput {
        client_id,
        name: name.into(),
        email: email.into(),
        ..Default::default()
    };
    let acme_sophie = clients::create_contact(
        &db,
        &manager,
        &contact(acme, "Sophie Durand", "sophie@acme.fr"),
    )
    .await
    .unwrap()
    .id;
    let boul_julien = clients::create_contact(
        &db,
        &manager,
        &contact(boul, "Julien Fournier", "julien@fournier.fr"),
    )
    .await
    .unwrap()
    .id;
    let cat = catalogue::catalogue(&db, &manager).await.unwrap();
    let type_named = |name: &str| cat.types.iter().find(|t| t.name == name).unwrap().id;
    let server_type = type_named("Serveur");
    let disk_type = type_named("Disque");
    let dell = catalogue::create_manufacturer(
        &db,
        &manager,
        &ManufacturerInput {
            name: "Dell".into(),
        },
    )
    .await
    .unwrap()
    .id;
    let hp =
        catalogue::create_manufacturer(&db, &manager, &ManufacturerInput { name: "HP".into() })
            .await
            .unwrap()
            .id;
    let poweredge = catalogue::create_model(
        &db,
        &manager,
        &ModelInput {
            manufacturer_id: Some(dell),
            type_id: Some(server_type),
            name: "PowerEdge R650".into(),
            warranty_months: Some(60),
        },
    )
    .await
    .unwrap()
    .id;
    World {
        db,
        manager,
        acme,
        acme_hq,
        acme_depot,
        acme_sophie,
        boul,
        boul_shop,
        boul_julien,
        server_type,
        disk_type,
        hp,
        poweredge,
    }
}

impl World {
    fn server(&self, name: &str, serial: &str) -> EquipmentInput {
        EquipmentInput {
            client_id: Some(self.acme),
            site_id: Some(self.acme_hq),
            name: name.into(),
            model_id: Some(self.poweredge),
            serial: serial.into(),
            status: EquipmentStatus::Deployed,
            purchase_date: "2026-03-15".into(),
            purchase_price: "4 250,90".into(),
            ..Default::default()
        }
    }
}

fn refusal(result: Result<impl std::fmt::Debug, CoreError>) -> (String, ValidationCode, String) {
    match result {
        Err(CoreError::Validation {
            field,
            code,
            message,
        }) => (field, code, message),
        Err(CoreError::FieldProblem {
            field,
            code,
            problem,
        }) => (field, code, problem.text(parc_api::auth::Language::En)),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_catalogue_starts_with_types_in_the_company_language_and_refuses_duplicates() -> R {
    let w = world().await;
    let cat = catalogue::catalogue(&w.db, &w.manager).await?;
    for name in [
        "Poste de travail",
        "Serveur",
        "Imprimante",
        "Pare-feu",
        "Onduleur",
        "NAS",
    ] {
        assert!(cat.types.iter().any(|t| t.name == name), "{name}");
    }
    let printer = cat.types.iter().find(|t| t.name == "Imprimante").unwrap();
    assert_eq!(
        (printer.maintenance_months, printer.warranty_months),
        (6, 12)
    );
    let again = catalogue::create_type(
        &w.db,
        &w.manager,
        &TypeInput {
            name: "serveur".into(),
            maintenance_months: 6,
            warranty_months: 36,
        },
    )
    .await;
    assert_eq!(refusal(again).0, "name");
    let model = catalogue::create_model(
        &w.db,
        &w.manager,
        &ModelInput {
            manufacturer_id: Some(w.hp),
            type_id: Some(w.disk_type),
            name: "SSD 1 To".into(),
            warranty_months: None,
        },
    )
    .await?;
    assert_eq!(model.warranty_months, 36, "the type's default warranty");
    Ok(())
}

#[tokio::test]
async fn equipment_gets_a_reference_defaults_and_exact_money() -> R {
    let w = world().await;
    let created =
        equipment::create_equipment(&w.db, &w.manager, &w.server("SRV-01", "DL-0001")).await?;
    assert_eq!(created.row.reference, "EQ000001");
    assert_eq!(created.row.manufacturer_name, "Dell");
    assert_eq!(created.row.type_name, "Serveur");
    assert_eq!(created.purchase_price_cents, Some(425_090));
    assert_eq!(
        created.row.warranty_end.map(|d| d.to_string()).as_deref(),
        Some("2031-03-15")
    );
    assert_eq!(
        created.next_maintenance.map(|d| d.to_string()).as_deref(),
        Some("2026-09-15"),
        "purchase + the type's 6 months"
    );
    let second =
        equipment::create_equipment(&w.db, &w.manager, &w.server("SRV-02", "DL-0002")).await?;
    assert_eq!(second.row.reference, "EQ000002");

    let bad_date = EquipmentInput {
        purchase_date: "15/03/2026x".into(),
        ..w.server("SRV-03", "DL-0003")
    };
    assert_eq!(
        refusal(equipment::create_equipment(&w.db, &w.manager, &bad_date).await).0,
        "purchase_date"
    );
    let bad_price = EquipmentInput {
        purchase_price: "12.345".into(),
        ..w.server("SRV-03", "DL-0003")
    };
    let (field, code, _) =
        refusal(equipment::create_equipment(&w.db, &w.manager, &bad_price).await);
    assert_eq!(
        (field.as_str(), code),
        ("purchase_price", ValidationCode::InvalidAmount)
    );
    Ok(())
}

#[tokio::test]
async fn a_serial_number_is_unique_per_manufacturer_and_the_error_names_the_holder() -> R {
    let w = world().await;
    equipment::create_equipment(&w.db, &w.manager, &w.server("SRV-01", "ABC123")).await?;
    let duplicate =
        equipment::create_equipment(&w.db, &w.manager, &w.server("SRV-02", "ABC123")).await;
    let (field, code, message) = refusal(duplicate);
    assert_eq!(
        (field.as_str(), code),
        ("serial", ValidationCode::DuplicateOf)
    );
    assert!(
        message.contains("EQ000001") && message.contains("SRV-01"),
        "{message}"
    );

    let other_maker = EquipmentInput {
        model_id: None,
        manufacturer_id: Some(w.hp),
        type_id: Some(w.server_type),
        ..w.server("HP-01", "ABC123")
    };
    equipment::create_equipment(&w.db, &w.manager, &other_maker).await?;
    Ok(())
}

#[tokio::test]
async fn site_and_assigned_person_must_belong_to_the_equipment_client() -> R {
    let w = world().await;
    let wrong_site = EquipmentInput {
        site_id: Some(w.boul_shop),
        ..w.server("SRV-01", "S1")
    };
    let (field, code, _) =
        refusal(equipment::create_equipment(&w.db, &w.manager, &wrong_site).await);
    assert_eq!(
        (field.as_str(), code),
        ("site_id", ValidationCode::NotOfClient)
    );
    let wrong_person = EquipmentInput {
        contact_id: Some(w.boul_julien),
        ..w.server("SRV-01", "S1")
    };
    let (field, code, _) =
        refusal(equipment::create_equipment(&w.db, &w.manager, &wrong_person).await);
    assert_eq!(
        (field.as_str(), code),
        ("contact_id", ValidationCode::NotOfClient)
    );
    let right = EquipmentInput {
        contact_id: Some(w.acme_sophie),
        ..w.server("SRV-01", "S1")
    };
    let saved = equipment::create_equipment(&w.db, &w.manager, &right).await?;
    assert_eq!(saved.row.contact_name, "Sophie Durand");
    Ok(())
}

#[tokio::test]
async fn components_follow_their_parent_and_the_timeline_shows_the_move() -> R {
    let w = world().await;
    let server = equipment::create_equipment(&w.db, &w.manager, &w.server("SRV-01", "S1")).await?;
    let disk = equipment::create_equipment(
        &w.db,
        &w.manager,
        &EquipmentInput {
            client_id: Some(w.acme),
            site_id: Some(w.acme_hq),
            parent_id: Some(server.row.id),
            name: "Disque 1".into(),
            type_id: Some(w.disk_type),
            ..Default::default()
        },
    )
    .await?;
    let loaded = equipment::get_equipment(&w.db, &w.manager, server.row.id).await?;
    assert_eq!(loaded.components.len(), 1);
    assert_eq!(loaded.components[0].name, "Disque 1");

    // A parent cannot go inside its own component.
    let mut cycle = w.server("SRV-01", "S1");
    cycle.parent_id = Some(disk.row.id);
    assert_eq!(
        refusal(equipment::update_equipment(&w.db, &w.manager, server.row.id, &cycle).await).0,
        "parent_id"
    );

    let mut moved = w.server("SRV-01", "S1");
    moved.site_id = Some(w.acme_depot);
    equipment::update_equipment(&w.db, &w.manager, server.row.id, &moved).await?;
    let disk_now = equipment::get_equipment(&w.db, &w.manager, disk.row.id).await?;
    assert_eq!(
        disk_now.row.site_name, "Entrepôt",
        "the component moved too"
    );

    let history = audit::history(&w.db, &w.manager, "equipment", server.row.id).await?;
    assert_eq!(history[0].action, "move");
    let site = history[0]
        .changes
        .iter()
        .find(|c| c.field == "site")
        .unwrap();
    assert_eq!(site.before.as_deref(), Some("Siège"));
    assert_eq!(site.after.as_deref(), Some("Entrepôt"));
    assert_eq!(history.last().unwrap().action, "create");
    let disk_history = audit::history(&w.db, &w.manager, "equipment", disk.row.id).await?;
    assert_eq!(disk_history[0].action, "move");

    let mut status = moved.clone();
    status.status = EquipmentStatus::InRepair;
    let repaired = equipment::update_equipment(&w.db, &w.manager, server.row.id, &status).await?;
    assert_eq!(repaired.status_since, chrono::Utc::now().date_naive());
    let history = audit::history(&w.db, &w.manager, "equipment", server.row.id).await?;
    assert_eq!(history[0].action, "status");
    Ok(())
}

async fn fill(w: &World, count: usize) {
    for n in 0..count {
        let mut input = w.server(&format!("PC-{n:03}"), &format!("SN{n:05}X"));
        if n % 3 == 0 {
            input.site_id = Some(w.acme_depot);
            input.status = EquipmentStatus::InStock;
        }
        equipment::create_equipment(&w.db, &w.manager, &input)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn keyset_pages_walk_every_row_once_in_order_and_search_finds_fragments() -> R {
    let w = world().await;
    fill(&w, 23).await;
    for (sort, dir) in [
        (EquipmentSort::Reference, SortDir::Desc),
        (EquipmentSort::Name, SortDir::Desc),
        (EquipmentSort::Status, SortDir::Asc),
        (EquipmentSort::WarrantyEnd, SortDir::Asc),
        (EquipmentSort::Client, SortDir::Desc),
    ] {
        let mut seen = Vec::new();
        let mut after: Option<Cursor> = None;
        let mut total = None;
        loop {
            let page = equipment::list_equipment(
                &w.db,
                &w.manager,
                &EquipmentQuery {
                    sort,
                    dir,
                    after: after.clone(),
                    page_size: 5,
                    ..Default::default()
                },
            )
            .await?;
            if after.is_none() {
                total = page.total;
            } else {
                assert_eq!(page.total, None, "counted on the first page only");
            }
            seen.extend(page.items.iter().map(|r| r.name.clone()));
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        assert_eq!(total, Some(23));
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 23, "{sort:?}: every row exactly once");
        if matches!(sort, EquipmentSort::Name | EquipmentSort::Reference) {
            // PC-000… were created in order: by name and by reference alike.
            let mut expected = seen.clone();
            expected.sort();
            expected.reverse();
            assert_eq!(seen, expected, "{sort:?}");
        }
    }

    let query = |search: &str| EquipmentQuery {
        filter: EquipmentFilter {
            search: search.into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let found = equipment::list_equipment(&w.db, &w.manager, &query("n00017")).await?;
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].serial, "SN00017X");
    let found = equipment::list_equipment(&w.db, &w.manager, &query("poweredge pc-02")).await?;
    assert_eq!(found.total, Some(3), "PC-020..022 by name and model");
    let found = equipment::list_equipment(&w.db, &w.manager, &query("eq000005")).await?;
    assert_eq!(found.items[0].reference, "EQ000005");

    let filtered = equipment::list_equipment(
        &w.db,
        &w.manager,
        &EquipmentQuery {
            filter: EquipmentFilter {
                site_id: Some(w.acme_depot),
                status: Some(EquipmentStatus::InStock),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(filtered.total, Some(8));
    let soon = equipment::list_equipment(
        &w.db,
        &w.manager,
        &EquipmentQuery {
            filter: EquipmentFilter {
                warranty_within_days: Some(30),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(soon.total, Some(0), "warranties end in 2031");

    let hits = search::global_search(&w.db, &w.manager, "EQ000007").await?;
    let first = hits
        .iter()
        .find(|h| h.kind == parc_api::clients::SearchKind::Equipment)
        .unwrap();
    assert_eq!(first.label, "PC-006");
    Ok(())
}

#[tokio::test]
async fn a_portal_contact_sees_only_its_client_equipment() -> R {
    let w = world().await;
    let acme_server =
        equipment::create_equipment(&w.db, &w.manager, &w.server("SRV-01", "S1")).await?;
    let boul_pc = equipment::create_equipment(
        &w.db,
        &w.manager,
        &EquipmentInput {
            client_id: Some(w.boul),
            name: "Caisse".into(),
            type_id: Some(w.server_type),
            ..Default::default()
        },
    )
    .await?;
    let portal = Actor::Portal {
        contact_id: w.boul_julien,
        client_id: w.boul,
        name: "Julien".into(),
        tickets: parc_api::portal::TicketScope::Client,
    };
    let page = equipment::list_equipment(&w.db, &portal, &EquipmentQuery::default()).await?;
    assert_eq!(
        page.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![boul_pc.row.id]
    );
    assert!(matches!(
        equipment::get_equipment(&w.db, &portal, acme_server.row.id).await,
        Err(CoreError::NotFound { .. })
    ));
    assert!(matches!(
        equipment::create_equipment(&w.db, &portal, &w.server("X", "Y")).await,
        Err(CoreError::Forbidden(_))
    ));
    Ok(())
}

#[tokio::test]
async fn bulk_changes_apply_to_all_or_none() -> R {
    let w = world().await;
    fill(&w, 4).await;
    let ids: Vec<i64> = equipment::list_equipment(&w.db, &w.manager, &EquipmentQuery::default())
        .await?
        .items
        .iter()
        .map(|r| r.id)
        .collect();
    let changed = equipment::bulk_change(
        &w.db,
        &w.manager,
        &BulkRequest {
            ids: ids.clone(),
            change: BulkChange::SetStatus {
                status: EquipmentStatus::Retired,
            },
        },
    )
    .await?;
    assert_eq!(changed, 4);
    let moved = equipment::bulk_change(
        &w.db,
        &w.manager,
        &BulkRequest {
            ids: ids.clone(),
            change: BulkChange::MoveToSite {
                site_id: w.boul_shop,
            },
        },
    )
    .await;
    assert_eq!(refusal(moved).0, "site_id");
    let page = equipment::list_equipment(&w.db, &w.manager, &EquipmentQuery::default()).await?;
    assert!(
        page.items.iter().all(|r| r.site_id != Some(w.boul_shop)),
        "nothing moved"
    );
    equipment::bulk_change(
        &w.db,
        &w.manager,
        &BulkRequest {
            ids: ids.clone(),
            change: BulkChange::Assign {
                contact_id: Some(w.acme_sophie),
            },
        },
    )
    .await?;
    let found = equipment::list_equipment(
        &w.db,
        &w.manager,
        &EquipmentQuery {
            filter: EquipmentFilter {
                search: "sophie".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(found.total, Some(4), "the assigned person is searchable");
    Ok(())
}

const HEADER: &str = "reference,name,type,manufacturer,model,serial,asset_tag,status,client,site,assigned_to,purchase_date,purchase_price\n";

fn good_file() -> String {
    format!(
        "{HEADER}\
,PC-ACCUEIL,Poste de travail,Dell,,DL-100,AT-1,deployed,ACME,Siège,sophie@acme.fr,2026-01-10,899.00\n\
,SRV-02,,Dell,PowerEdge R650,DL-101,,En réparation,acme,Entrepôt,,10/02/2026,\n\
,CAISSE-1,Poste de travail,HP,,HP-1,,in_stock,BOUL,Bellecour,Julien Fournier,,\n"
    )
}

async fn import(w: &World, csv: &str, dry_run: bool) -> parc_api::equipment::ImportReport {
    equipment::import::import_csv(
        &w.db,
        &w.manager,
        "fleet.csv",
        csv.as_bytes(),
        dry_run,
        &mut |_| {},
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn an_import_with_bad_rows_reports_each_and_changes_nothing_then_the_fixed_file_imports_once(
) -> R {
    let w = world().await;
    let bad = format!(
        "{HEADER}\
,PC-ACCUEIL,Poste de travail,Dell,,DL-100,AT-1,deployed,ACME,Siège,sophie@acme.fr,2026-01-10,899.00\n\
,SRV-02,,Dell,PowerEdge R650,DL-101,,En réparation,acme,Entrepôt,,10/02/2026,\n\
,PORTABLE,Poste de travail,Dell,,DL-102,,deployed,ACME,Siège,julien@fournier.fr,,\n\
,CAISSE-1,Poste de travail,HP,,HP-1,,in_stock,BOUL,Bellecour,Julien Fournier,2026-13-01,\n\
,ECRAN,Écran,,,,,,NOPE,,,,\n"
    );
    let report = import(&w, &bad, false).await;
    let errors: Vec<(u64, &str)> = report
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![(4, "assigned_to"), (5, "purchase_date"), (6, "client")],
        "{:#?}",
        report.errors
    );
    assert!(!report.committed);
    let page = equipment::list_equipment(&w.db, &w.manager, &EquipmentQuery::default()).await?;
    assert_eq!(page.total, Some(0), "nothing saved");

    let dry = import(&w, &good_file(), true).await;
    assert!(dry.errors.is_empty() && !dry.committed);
    assert_eq!(dry.created, 3);
    assert_eq!(dry.outcomes[0].line, 2);
    assert_eq!(dry.outcomes[0].action, RowAction::Create);
    assert_eq!(
        equipment::list_equipment(&w.db, &w.manager, &EquipmentQuery::default())
            .await?
            .total,
        Some(0),
        "a dry run saves nothing"
    );

    let real = import(&w, &good_file(), false).await;
    assert!(real.committed, "{:?}", real.errors);
    assert_eq!(real.created, 3);
    assert_eq!(real.outcomes[0].reference, "EQ000001");
    let srv = equipment::list_equipment(
        &w.db,
        &w.manager,
        &EquipmentQuery {
            filter: EquipmentFilter {
                search: "SRV-02".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await?;
    let srv = &srv.items[0];
    assert_eq!(
        (srv.type_name.as_str(), srv.status),
        ("Serveur", EquipmentStatus::InRepair)
    );
    assert_eq!(srv.site_name, "Entrepôt");
    let history = audit::history(&w.db, &w.manager, "equipment", srv.id).await?;
    assert_eq!(history[0].action, "import");
    assert_eq!(
        history[0].changes[0].after.as_deref(),
        Some("fleet.csv"),
        "the history says where the equipment came from"
    );

    let again = import(&w, &good_file(), false).await;
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 3));
    let changed = good_file().replace("AT-1", "AT-9");
    let update = import(&w, &changed, false).await;
    assert_eq!(
        (update.created, update.updated, update.unchanged),
        (0, 1, 2)
    );
    assert_eq!(
        equipment::list_equipment(&w.db, &w.manager, &EquipmentQuery::default())
            .await?
            .total,
        Some(3),
        "never duplicated"
    );
    Ok(())
}

/// The names of the indexes on the equipment table.
async fn equipment_indexes(db: &DatabaseConnection) -> Vec<String> {
    use sea_orm::{ConnectionTrait, Statement};
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'equipment' ORDER BY name",
    ))
    .await
    .unwrap()
    .iter()
    .map(|row| row.try_get::<String>("", "name").unwrap())
    .collect()
}

#[tokio::test]
async fn a_bulk_import_leaves_every_index_and_the_search_as_a_row_by_row_one_would() -> R {
    let w = world().await;
    let indexes = equipment_indexes(&w.db).await;
    assert!(indexes.len() > 10, "{indexes:?}");
    // Enough rows for the bulk path: indexes rebuilt, search indexed at the end.
    let mut file = HEADER.to_owned();
    for i in 0..6_000 {
        file.push_str(&format!(
            ",WS-{i:05},Poste de travail,HP,,HPX-{i:05},,deployed,ACME,Siège,,,\n"
        ));
    }
    let report = import(&w, &file, false).await;
    assert!(
        report.committed,
        "{:?}",
        &report.errors[..report.errors.len().min(3)]
    );
    assert_eq!(report.created, 6_000);
    assert_eq!(
        equipment_indexes(&w.db).await,
        indexes,
        "every index is back"
    );

    let search = |text: &str| EquipmentQuery {
        filter: EquipmentFilter {
            search: text.into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let found = equipment::list_equipment(&w.db, &w.manager, &search("hpx-04321")).await?;
    assert_eq!(found.total, Some(1));
    assert_eq!(found.items[0].name, "WS-04321");
    let history = audit::history(&w.db, &w.manager, "equipment", found.items[0].id).await?;
    assert_eq!(history.len(), 1, "one entry per imported equipment");
    assert_eq!(history[0].changes[0].after.as_deref(), Some("fleet.csv"));
    let by_client = EquipmentQuery {
        filter: EquipmentFilter {
            client_id: Some(w.acme),
            ..Default::default()
        },
        sort: EquipmentSort::Name,
        ..Default::default()
    };
    let page = equipment::list_equipment(&w.db, &w.manager, &by_client).await?;
    assert_eq!(page.items[0].name, "WS-00000");

    // Equipment saved afterwards is indexed as it is saved again.
    equipment::create_equipment(&w.db, &w.manager, &w.server("SRV-LATE", "LATE-77")).await?;
    let late = equipment::list_equipment(&w.db, &w.manager, &search("late-77")).await?;
    assert_eq!(late.total, Some(1));
    Ok(())
}

#[tokio::test]
async fn the_faster_search_index_can_be_undone_and_redone_without_losing_a_match() -> R {
    use parc_migrations::{Migrator, MigratorTrait};
    let w = world().await;
    equipment::create_equipment(&w.db, &w.manager, &w.server("SRV-01", "UNDO-42")).await?;
    let search = EquipmentQuery {
        filter: EquipmentFilter {
            search: "undo-42".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    // Undo the migrations down to and including the one that made it.
    let steps = Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name() == "m20261127_000004_defer_bulk_search_index")
        .expect("the migration")
        + 1;
    Migrator::down(&w.db, Some(steps as u32)).await?;
    let found = equipment::list_equipment(&w.db, &w.manager, &search).await?;
    assert_eq!(found.total, Some(1), "the earlier index, rebuilt");
    Migrator::up(&w.db, None).await?;
    let found = equipment::list_equipment(&w.db, &w.manager, &search).await?;
    assert_eq!(found.total, Some(1), "the faster index, rebuilt");
    Ok(())
}

#[tokio::test]
async fn an_export_is_neutralised_and_imports_back_unchanged() -> R {
    let w = world().await;
    equipment::create_equipment(&w.db, &w.manager, &w.server("=HYPERLINK(\"x\")", "S1")).await?;
    equipment::create_equipment(&w.db, &w.manager, &w.server("SRV-02", "S2")).await?;
    let mut out = Vec::new();
    let count = equipment::export::export_csv(
        &w.db,
        &w.manager,
        &EquipmentFilter::default(),
        EquipmentSort::Reference,
        SortDir::Asc,
        &mut out,
    )
    .await?;
    assert_eq!(count, 2);
    let text = String::from_utf8(out)?;
    assert!(text.starts_with("reference,name,type,manufacturer,model,serial"));
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains("4250.90"));
    let back = import(&w, &text, false).await;
    assert!(back.errors.is_empty(), "{:?}", back.errors);
    assert_eq!((back.created, back.updated, back.unchanged), (0, 0, 2));
    Ok(())
}

#[tokio::test]
async fn stock_moves_only_through_recorded_movements_and_never_below_zero() -> R {
    let w = world().await;
    let part = parts::create_part(
        &w.db,
        &w.manager,
        &PartInput {
            name: "Barrette 16 Go DDR4".into(),
            part_number: "KVR32N22S8/16".into(),
            min_stock: 2,
            unit_cost: "42,50".into(),
            notes: String::new(),
        },
    )
    .await?;
    assert!(part.is_low());
    let movement = |reason, quantity| StockMovementInput {
        part_id: part.id,
        reason,
        quantity,
        note: String::new(),
        equipment_id: None,
    };
    let part_now =
        parts::record_movement(&w.db, &w.manager, &movement(StockReason::Receipt, 5)).await?;
    assert_eq!(part_now.stock_on_hand, 5);
    let part_now =
        parts::record_movement(&w.db, &w.manager, &movement(StockReason::Consumption, 2)).await?;
    assert_eq!(part_now.stock_on_hand, 3);
    assert!(!part_now.is_low());
    let too_many =
        parts::record_movement(&w.db, &w.manager, &movement(StockReason::Consumption, 4)).await;
    let (field, _, message) = refusal(too_many);
    assert_eq!(field, "quantity");
    assert!(message.contains("only 3"), "{message}");
    let history = parts::list_movements(&w.db, &w.manager, part.id).await?;
    assert_eq!(
        history.iter().map(|m| m.quantity).collect::<Vec<_>>(),
        vec![-2, 5]
    );
    let found = parts::list_parts(&w.db, &w.manager, "ddr4").await?;
    assert_eq!(found.len(), 1);
    Ok(())
}

#[tokio::test]
async fn label_sheets_cover_the_filtered_equipment() -> R {
    let w = world().await;
    fill(&w, 5).await;
    let filter = equipment::labels::filter_by_names(&w.db, Some("acme"), Some("Entrepôt")).await?;
    let (pdf, count) = equipment::labels::labels_for_filter(&w.db, &w.manager, &filter).await?;
    assert_eq!(count, 2, "PC-000 and PC-003 are at the depot");
    assert!(pdf.starts_with(b"%PDF"));
    let unknown = equipment::labels::filter_by_names(&w.db, Some("NOPE"), None).await;
    assert_eq!(refusal(unknown).0, "client");
    Ok(())
}

//! Service tests on an in-memory SQLite built by the real migrations:
//! set-up and login, user management and its authorization, clients,
//! contacts and sites with validation, paging and the portal scope, the
//! audit history, and the demo dataset.

use parc_api::auth::{CompanyIdentity, Language, Role, SetupRequest};
use parc_api::clients::{
    ArchiveFilter, ClientInput, ClientQuery, ClientSort, ContactInput, ServiceLevel,
};
use parc_api::sites::{SiteInput, SiteQuery, ZoneInput};
use parc_api::users::NewUser;
use parc_api::{ErrorKind, IpcError, SortDir, ValidationCode};
use parc_core::{
    audit, auth, clients, db, demo, search, sites, Actor, CoreError, DatabaseConnection,
};

type R = Result<(), Box<dyn std::error::Error>>;

async fn set_up() -> (DatabaseConnection, Actor) {
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
            manager_email: "Mia@Helios.fr".into(),
            manager_password: "long-enough".into(),
            with_demo_data: false,
        },
    )
    .await
    .unwrap();
    (db, auth::actor_of(&session))
}

fn client(code: &str, name: &str) -> ClientInput {
    ClientInput {
        code: code.into(),
        name: name.into(),
        ..Default::default()
    }
}

fn field_of(error: CoreError) -> (String, ValidationCode) {
    match error {
        CoreError::Validation { field, code, .. } => (field, code),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn setup_once_then_login_with_the_same_message_for_every_failure() -> R {
    let (db, manager) = set_up().await;
    assert!(!auth::needs_setup(&db).await?);
    let again = auth::complete_setup(
        &db,
        &SetupRequest {
            language: Language::En,
            company: CompanyIdentity {
                name: "Intruder".into(),
                ..Default::default()
            },
            manager_name: "Eve".into(),
            manager_email: "eve@x.fr".into(),
            manager_password: "long-enough".into(),
            with_demo_data: false,
        },
    )
    .await;
    assert!(matches!(again, Err(CoreError::Conflict(_))));

    let session = auth::login(&db, " mia@helios.FR ", "long-enough").await?;
    assert_eq!(session.role, Role::Manager);
    assert_eq!(auth::actor_of(&session), manager);
    let wrong_password = auth::login(&db, "mia@helios.fr", "nope-nope")
        .await
        .unwrap_err()
        .to_string();
    let unknown_user = auth::login(&db, "who@helios.fr", "long-enough")
        .await
        .unwrap_err()
        .to_string();
    assert_eq!(wrong_password, unknown_user);
    Ok(())
}

#[tokio::test]
async fn remembered_tokens_log_in_until_forgotten_or_deactivated() -> R {
    let (db, manager) = set_up().await;
    let tech = auth::create_user(
        &db,
        &manager,
        &NewUser {
            name: "Tom Tech".into(),
            email: "tom@helios.fr".into(),
            role: Role::Technician,
            password: "tom-password".into(),
        },
    )
    .await?;
    let session = auth::login(&db, "tom@helios.fr", "tom-password").await?;
    let token = auth::remember(&db, &session).await?;
    assert_eq!(
        auth::login_with_token(&db, &token).await?,
        Some(session.clone())
    );
    assert_eq!(auth::login_with_token(&db, "forged").await?, None);

    auth::set_user_active(&db, &manager, tech.id, false).await?;
    assert_eq!(auth::login_with_token(&db, &token).await?, None);
    assert!(auth::login(&db, "tom@helios.fr", "tom-password")
        .await
        .is_err());

    auth::set_user_active(&db, &manager, tech.id, true).await?;
    let token = auth::remember(&db, &session).await?;
    auth::forget(&db, &token).await?;
    assert_eq!(auth::login_with_token(&db, &token).await?, None);
    Ok(())
}

#[tokio::test]
async fn only_managers_manage_users_and_the_refusal_says_why() -> R {
    let (db, manager) = set_up().await;
    let tech_row = auth::create_user(
        &db,
        &manager,
        &NewUser {
            name: "Tom Tech".into(),
            email: "tom@helios.fr".into(),
            role: Role::Technician,
            password: "tom-password".into(),
        },
    )
    .await?;
    let tech = Actor::technician(tech_row.id, "Tom Tech");
    let refused = auth::create_user(
        &db,
        &tech,
        &NewUser {
            name: "Sneaky".into(),
            email: "sneaky@helios.fr".into(),
            role: Role::Manager,
            password: "sneaky-pass".into(),
        },
    )
    .await
    .unwrap_err();
    let ipc: IpcError = refused.into();
    assert_eq!(ipc.kind, ErrorKind::Forbidden);
    assert_eq!(ipc.message, "a technician cannot manage users");
    assert!(auth::list_users(&db, &tech).await.is_err());
    assert!(
        auth::reset_password(&db, &tech, tech_row.id, "new-password")
            .await
            .is_err()
    );
    assert_eq!(auth::list_users(&db, &manager).await?.len(), 2);

    // Duplicate e-mail and short password are named by field.
    let duplicate = auth::create_user(
        &db,
        &manager,
        &NewUser {
            name: "Tom Again".into(),
            email: "TOM@helios.fr".into(),
            role: Role::Technician,
            password: "tom-password".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        field_of(duplicate),
        ("email".into(), ValidationCode::Duplicate)
    );

    // The last manager cannot be deactivated, nor can anyone deactivate themselves.
    let manager_id = manager.user_id().unwrap();
    assert!(matches!(
        auth::set_user_active(&db, &manager, manager_id, false).await,
        Err(CoreError::Conflict(_))
    ));

    // A reset password works, the old one no longer does.
    auth::reset_password(&db, &manager, tech_row.id, "brand-new-pass").await?;
    assert!(auth::login(&db, "tom@helios.fr", "tom-password")
        .await
        .is_err());
    assert!(auth::login(&db, "tom@helios.fr", "brand-new-pass")
        .await
        .is_ok());
    Ok(())
}

#[tokio::test]
async fn client_validation_names_the_field_and_saves_nothing() -> R {
    let (db, manager) = set_up().await;
    let empty_name = clients::create_client(&db, &manager, &client("X1", "  "))
        .await
        .unwrap_err();
    assert_eq!(
        field_of(empty_name),
        ("name".into(), ValidationCode::Required)
    );
    let bad_siret = clients::create_client(
        &db,
        &manager,
        &ClientInput {
            siret: "12AB".into(),
            ..client("X1", "Acme")
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        field_of(bad_siret),
        ("siret".into(), ValidationCode::InvalidFormat)
    );
    let page = clients::list_clients(&db, &manager, &ClientQuery::default()).await?;
    assert_eq!(page.total, 0, "nothing saved by refused inputs");

    clients::create_client(&db, &manager, &client("acme", "Acme")).await?;
    let duplicate = clients::create_client(&db, &manager, &client("ACME", "Acme bis"))
        .await
        .unwrap_err();
    assert_eq!(
        field_of(duplicate),
        ("code".into(), ValidationCode::Duplicate)
    );

    // An empty code takes the next reference of the sequence.
    let numbered = clients::create_client(&db, &manager, &client("", "Numbered")).await?;
    assert_eq!(numbered.input.code, "C00001");
    let next = clients::create_client(&db, &manager, &client("", "Numbered too")).await?;
    assert_eq!(next.input.code, "C00002");

    let bad_email = clients::create_contact(
        &db,
        &manager,
        &ContactInput {
            client_id: numbered.id,
            name: "Bob".into(),
            email: "bob-at-example".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        field_of(bad_email),
        ("email".into(), ValidationCode::InvalidEmail)
    );
    Ok(())
}

#[tokio::test]
async fn lists_search_filter_sort_and_page_in_the_database() -> R {
    let (db, manager) = set_up().await;
    for i in 0..30 {
        let level = ServiceLevel::ALL[i % 3];
        clients::create_client(
            &db,
            &manager,
            &ClientInput {
                service_level: level,
                ..client(&format!("K{i:02}"), &format!("Client {i:02}"))
            },
        )
        .await?;
    }
    clients::create_client(&db, &manager, &client("ZEN", "Zen 100% Bio_Shop")).await?;

    let page = clients::list_clients(
        &db,
        &manager,
        &ClientQuery {
            page: 2,
            page_size: 10,
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(page.total, 31);
    assert_eq!(page.items.len(), 10);
    assert_eq!(page.items[0].name, "Client 10");

    let vip = clients::list_clients(
        &db,
        &manager,
        &ClientQuery {
            service_level: Some(ServiceLevel::Vip),
            sort: ClientSort::Code,
            dir: SortDir::Desc,
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(vip.total, 10);
    assert_eq!(vip.items[0].code, "K29");

    // Case-insensitive, and % and _ are taken literally.
    let search = |text: &str| ClientQuery {
        search: text.into(),
        ..Default::default()
    };
    // Codes K10..K19 (K01 does not contain "k1").
    assert_eq!(
        clients::list_clients(&db, &manager, &search("K1"))
            .await?
            .total,
        10
    );
    assert_eq!(
        clients::list_clients(&db, &manager, &search("100%"))
            .await?
            .total,
        1
    );
    assert_eq!(
        clients::list_clients(&db, &manager, &search("o_s"))
            .await?
            .total,
        1
    );
    assert_eq!(
        clients::list_clients(&db, &manager, &search("%"))
            .await?
            .total,
        1
    );

    // Archived clients leave the default list but stay reachable.
    let zen = clients::list_clients(&db, &manager, &search("zen"))
        .await?
        .items[0]
        .id;
    clients::set_client_archived(&db, &manager, zen, true).await?;
    assert_eq!(
        clients::list_clients(&db, &manager, &search("zen"))
            .await?
            .total,
        0
    );
    let archived = ClientQuery {
        archive: ArchiveFilter::Archived,
        ..Default::default()
    };
    assert_eq!(
        clients::list_clients(&db, &manager, &archived).await?.total,
        1
    );
    assert!(clients::get_client(&db, &manager, zen).await?.archived);
    Ok(())
}

#[tokio::test]
async fn one_primary_contact_and_sites_in_zones() -> R {
    let (db, manager) = set_up().await;
    let acme = clients::create_client(&db, &manager, &client("ACME", "Acme")).await?;
    let contact = |name: &str, primary: bool| ContactInput {
        client_id: acme.id,
        name: name.into(),
        email: format!("{}@acme.fr", name.to_lowercase()),
        primary,
        ..Default::default()
    };
    clients::create_contact(&db, &manager, &contact("Ann", true)).await?;
    clients::create_contact(&db, &manager, &contact("Bob", true)).await?;
    let detail = clients::get_client(&db, &manager, acme.id).await?;
    let primaries: Vec<&str> = detail
        .contacts
        .iter()
        .filter(|c| c.primary)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(primaries, ["Bob"]);

    let zone = sites::create_zone(
        &db,
        &manager,
        &ZoneInput {
            name: "Lyon".into(),
            description: String::new(),
        },
    )
    .await?;
    let duplicate_zone = sites::create_zone(
        &db,
        &manager,
        &ZoneInput {
            name: "lyon".into(),
            description: String::new(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        field_of(duplicate_zone),
        ("name".into(), ValidationCode::Duplicate)
    );
    sites::create_site(
        &db,
        &manager,
        &SiteInput {
            client_id: acme.id,
            name: "Entrepôt".into(),
            address: "3 quai du Rhône".into(),
            zone_id: Some(zone.id),
            notes: String::new(),
        },
    )
    .await?;
    let bad_zone = sites::create_site(
        &db,
        &manager,
        &SiteInput {
            client_id: acme.id,
            name: "Nowhere".into(),
            zone_id: Some(999),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        field_of(bad_zone),
        ("zone_id".into(), ValidationCode::Unknown)
    );

    let zones = sites::list_zones(&db, &manager).await?;
    assert_eq!(zones[0].site_count, 1);
    let in_zone = sites::list_sites(
        &db,
        &manager,
        &SiteQuery {
            zone_id: Some(zone.id),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(in_zone.total, 1);
    assert_eq!(in_zone.items[0].client_name, "Acme");
    assert_eq!(in_zone.items[0].zone_name.as_deref(), Some("Lyon"));
    let by_client_name = sites::list_sites(
        &db,
        &manager,
        &SiteQuery {
            search: "acm".into(),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(by_client_name.total, 1);
    let other = sites::create_zone(
        &db,
        &manager,
        &ZoneInput {
            name: "Paris".into(),
            description: String::new(),
        },
    )
    .await?;
    let renamed = sites::update_zone(
        &db,
        &manager,
        zone.id,
        &ZoneInput {
            name: "Lyon Métropole".into(),
            description: "Rhône".into(),
        },
    )
    .await?;
    assert_eq!(
        (renamed.name.as_str(), renamed.site_count),
        ("Lyon Métropole", 1)
    );
    // Case is folded beyond ASCII: "MÉTROPOLE" is the same name as "Métropole".
    let clash = sites::update_zone(
        &db,
        &manager,
        other.id,
        &ZoneInput {
            name: "LYON MÉTROPOLE".into(),
            description: String::new(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(clash), ("name".into(), ValidationCode::Duplicate));
    // Renaming a zone to its own name in another case is fine.
    sites::update_zone(
        &db,
        &manager,
        zone.id,
        &ZoneInput {
            name: "LYON MÉTROPOLE".into(),
            description: String::new(),
        },
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn technicians_read_clients_but_do_not_change_them() -> R {
    let (db, manager) = set_up().await;
    let acme = clients::create_client(&db, &manager, &client("ACME", "Acme")).await?;
    let tech = Actor::technician(99, "Tom");
    assert_eq!(
        clients::get_client(&db, &tech, acme.id).await?.input.name,
        "Acme"
    );
    let refused = clients::update_client(&db, &tech, acme.id, &client("ACME", "Hacked")).await;
    assert!(matches!(refused, Err(CoreError::Forbidden(_))));
    assert_eq!(
        clients::get_client(&db, &manager, acme.id)
            .await?
            .input
            .name,
        "Acme"
    );
    assert!(sites::create_zone(
        &db,
        &tech,
        &ZoneInput {
            name: "Z".into(),
            description: String::new()
        }
    )
    .await
    .is_err());
    Ok(())
}

#[tokio::test]
async fn a_portal_contact_sees_only_its_own_client() -> R {
    let (db, manager) = set_up().await;
    let acme = clients::create_client(&db, &manager, &client("ACME", "Acme")).await?;
    let bolt = clients::create_client(&db, &manager, &client("BOLT", "Bolt")).await?;
    for (owner, name) in [(acme.id, "Acme HQ"), (bolt.id, "Bolt HQ")] {
        sites::create_site(
            &db,
            &manager,
            &SiteInput {
                client_id: owner,
                name: name.into(),
                ..Default::default()
            },
        )
        .await?;
        clients::create_contact(
            &db,
            &manager,
            &ContactInput {
                client_id: owner,
                name: format!("{name} contact"),
                ..Default::default()
            },
        )
        .await?;
    }
    let portal = Actor::Portal {
        contact_id: 1,
        client_id: acme.id,
        name: "Ann".into(),
        tickets: parc_api::portal::TicketScope::Client,
    };

    let visible = clients::list_clients(&db, &portal, &ClientQuery::default()).await?;
    assert_eq!(visible.total, 1);
    assert_eq!(visible.items[0].code, "ACME");
    // Another client's record is "not found", exactly like a missing one.
    let other = clients::get_client(&db, &portal, bolt.id)
        .await
        .unwrap_err();
    let missing = clients::get_client(&db, &portal, 12345).await.unwrap_err();
    assert_eq!(other.to_string(), missing.to_string());
    assert!(matches!(other, CoreError::NotFound { .. }));

    let sites_seen = sites::list_sites(&db, &portal, &SiteQuery::default()).await?;
    assert_eq!(
        sites_seen
            .items
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["Acme HQ"]
    );
    let hits = search::global_search(&db, &portal, "HQ").await?;
    assert!(hits.iter().all(|h| h.client_id == acme.id), "{hits:?}");
    assert!(!hits.is_empty());
    // And no writes at all.
    assert!(
        clients::update_client(&db, &portal, acme.id, &client("ACME", "Mine"))
            .await
            .is_err()
    );
    Ok(())
}

#[tokio::test]
async fn every_change_is_in_the_record_history() -> R {
    let (db, manager) = set_up().await;
    let acme = clients::create_client(&db, &manager, &client("ACME", "Acme")).await?;
    clients::update_client(
        &db,
        &manager,
        acme.id,
        &ClientInput {
            service_level: ServiceLevel::Vip,
            ..client("ACME", "Acme Group")
        },
    )
    .await?;
    clients::set_client_archived(&db, &manager, acme.id, true).await?;
    let history = audit::history(&db, &manager, "client", acme.id).await?;
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["archive", "update", "create"]);
    assert!(history.iter().all(|h| h.actor == "Mia Manager"));
    let update = &history[1];
    let name = update.changes.iter().find(|c| c.field == "name").unwrap();
    assert_eq!(
        (name.before.as_deref(), name.after.as_deref()),
        (Some("Acme"), Some("Acme Group"))
    );
    let level = update
        .changes
        .iter()
        .find(|c| c.field == "service_level")
        .unwrap();
    assert_eq!(level.after.as_deref(), Some("vip"));
    assert_eq!(update.changes.len(), 2, "unchanged fields are not listed");
    Ok(())
}

#[tokio::test]
async fn demo_fills_once_and_prints_every_role() -> R {
    let db = db::open_in_memory().await?;
    let accounts = demo::fill(&db).await?;
    let lines: Vec<String> = accounts.iter().map(ToString::to_string).collect();
    assert!(
        lines.iter().any(|l| l.starts_with("login: manager ")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("login: technician ")),
        "{lines:?}"
    );
    let portal: Vec<_> = accounts.iter().filter(|a| a.role == "portal").collect();
    assert_eq!(portal.len(), 2, "two portal contacts: {lines:?}");
    for account in &accounts {
        let signs_in = if account.role == "portal" {
            parc_core::portal::sessions::sign_in(&db, &account.email, &account.password, None)
                .await?
                .is_some()
        } else {
            auth::login(&db, &account.email, &account.password)
                .await
                .is_ok()
        };
        assert!(signs_in, "{account}");
    }
    let all = clients::list_clients(&db, &Actor::System, &ClientQuery::default()).await?;
    assert!(all.total >= 8);
    assert!(sites::list_zones(&db, &Actor::System)
        .await?
        .iter()
        .all(|z| z.site_count > 0));
    assert!(matches!(demo::fill(&db).await, Err(CoreError::Conflict(_))));
    Ok(())
}

#[tokio::test]
async fn a_file_database_survives_reopening() -> R {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("nested").join("parc.db");
    {
        let db = db::open(&path).await?;
        demo::fill(&db).await?;
        db.close().await?;
    }
    let db = db::open(&path).await?;
    let page = clients::list_clients(
        &db,
        &Actor::System,
        &ClientQuery {
            search: "acme".into(),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(page.items[0].code, "ACME");
    Ok(())
}

#[tokio::test]
async fn only_unreferenced_records_are_deleted_the_rest_is_archived() -> R {
    let (db, manager) = set_up().await;
    let acme = clients::create_client(&db, &manager, &client("ACME", "Acme")).await?;
    let contact = clients::create_contact(
        &db,
        &manager,
        &ContactInput {
            client_id: acme.id,
            name: "Ann".into(),
            ..Default::default()
        },
    )
    .await?;
    let site = sites::create_site(
        &db,
        &manager,
        &SiteInput {
            client_id: acme.id,
            name: "HQ".into(),
            ..Default::default()
        },
    )
    .await?;

    // Referenced by its contact and site: refused, and nothing is lost.
    let refused: IpcError = clients::delete_client(&db, &manager, acme.id)
        .await
        .unwrap_err()
        .into();
    assert_eq!(
        (refused.kind, refused.code),
        (ErrorKind::Conflict, Some(ValidationCode::Referenced))
    );
    assert_eq!(
        refused.message,
        "this client is used by other records: archive it instead"
    );
    let kept = clients::get_client(&db, &manager, acme.id).await?;
    assert_eq!((kept.contacts.len(), kept.sites.len()), (1, 1));

    // Technicians and portal contacts may not delete at all.
    let tech = Actor::technician(99, "Tom");
    assert!(matches!(
        clients::delete_contact(&db, &tech, contact.id).await,
        Err(CoreError::Forbidden(_))
    ));
    let portal = Actor::Portal {
        contact_id: contact.id,
        client_id: acme.id,
        name: "Ann".into(),
        tickets: parc_api::portal::TicketScope::Client,
    };
    assert!(sites::delete_site(&db, &portal, site.id).await.is_err());

    // Once its contact and site are gone, the client can go too; history keeps all three.
    clients::delete_contact(&db, &manager, contact.id).await?;
    sites::delete_site(&db, &manager, site.id).await?;
    clients::delete_client(&db, &manager, acme.id).await?;
    assert!(matches!(
        clients::get_client(&db, &manager, acme.id).await,
        Err(CoreError::NotFound { .. })
    ));
    let history = audit::history(&db, &manager, "client", acme.id).await?;
    assert_eq!(history[0].action, "delete");
    let gone_name = history[0]
        .changes
        .iter()
        .find(|c| c.field == "name")
        .unwrap();
    assert_eq!(
        (gone_name.before.as_deref(), gone_name.after.as_deref()),
        (Some("Acme"), None)
    );
    assert_eq!(
        audit::history(&db, &manager, "site", site.id).await?[0].action,
        "delete"
    );
    Ok(())
}

#[tokio::test]
async fn names_sort_and_match_without_regard_to_accents_or_case() -> R {
    let (db, manager) = set_up().await;
    for (code, name) in [
        ("GAR", "Garage Lambert"),
        ("ECO", "École Montessori"),
        ("CLI", "Clinique du Parc"),
        ("ZOE", "zoé Œuvres"),
    ] {
        clients::create_client(&db, &manager, &client(code, name)).await?;
    }
    let by_name = clients::list_clients(&db, &manager, &ClientQuery::default()).await?;
    let names: Vec<&str> = by_name.items.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Clinique du Parc",
            "École Montessori",
            "Garage Lambert",
            "zoé Œuvres"
        ]
    );
    for typed in ["ecole", "ÉCOLE", "montessori", "eco"] {
        let found = clients::list_clients(
            &db,
            &manager,
            &ClientQuery {
                search: typed.into(),
                ..Default::default()
            },
        )
        .await?;
        assert_eq!(
            found.items.first().map(|c| c.code.as_str()),
            Some("ECO"),
            "{typed}"
        );
    }
    let oeuvres = clients::list_clients(
        &db,
        &manager,
        &ClientQuery {
            search: "oeuvres".into(),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(oeuvres.total, 1);
    // The global search folds the same way, for contacts too.
    let eco = clients::list_clients(
        &db,
        &manager,
        &ClientQuery {
            search: "ecole".into(),
            ..Default::default()
        },
    )
    .await?
    .items[0]
        .id;
    clients::create_contact(
        &db,
        &manager,
        &ContactInput {
            client_id: eco,
            name: "Hélène Lefèvre".into(),
            ..Default::default()
        },
    )
    .await?;
    let hits = search::global_search(&db, &manager, "lefevre").await?;
    assert!(hits.iter().any(|h| h.label == "Hélène Lefèvre"), "{hits:?}");
    Ok(())
}

#[tokio::test]
async fn upgrading_a_first_schema_database_fills_the_text_keys() -> R {
    use parc_migrations::{Migrator, MigratorTrait};
    use sea_orm::{ConnectionTrait, Database};
    let db = Database::connect("sqlite::memory:").await?;
    Migrator::up(&db, Some(1)).await?;
    db.execute_unprepared(
        "INSERT INTO clients (code, name, service_level, siret, vat_number, billing_address, notes, archived, created_at, updated_at) \
         VALUES ('ECO', 'École du Marais', 'standard', '', '', '18 rue des Archives', '', false, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    )
    .await?;
    Migrator::up(&db, None).await?;
    // Every typed word must appear, in any of the searched fields.
    let search = |typed: &str| ClientQuery {
        search: typed.into(),
        ..Default::default()
    };
    let found = clients::list_clients(&db, &Actor::System, &search("ecole archives")).await?;
    assert_eq!(found.items[0].name, "École du Marais");
    assert_eq!(
        clients::list_clients(&db, &Actor::System, &search("ecole lyon"))
            .await?
            .total,
        0
    );
    Ok(())
}

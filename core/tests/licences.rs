//! Licences through the services on a real database: compliance for every
//! licence type (over-allocation and unlicensed installations included),
//! the key kept out of rows, exports, history and logs, renewals and lots,
//! and the installations import.

use parc_api::licences::{
    AddLot, AssignLicence, ComplianceQuery, ComplianceState, InstallationInput, LicenceInput,
    LicenceKind, LicenceQuery, LicenceState, LicenceView, LotInput, RenewLicence, SoftwareInput,
};
use parc_core::dataset::{self, Size};
use parc_core::db::open_in_memory;
use parc_core::licences::{
    assignments, compliance, export, import, installations, register, software,
};
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

/// Client A with two sites and two people; six computers PC-1…PC-6:
/// PC-1..3 on site 1 (PC-1 and PC-2 used by person 1, PC-3 by person 2),
/// PC-4..6 on site 2, PC-6 retired. Client B has one computer, PC-B.
struct Fleet {
    db: DatabaseConnection,
    manager: Actor,
    client: i64,
    other_client: i64,
    sites: Vec<i64>,
    people: Vec<i64>,
    pcs: Vec<i64>,
    other_pc: i64,
}

async fn fleet() -> Result<Fleet, Box<dyn std::error::Error>> {
    let db = open_in_memory().await?;
    dataset::generate(
        &db,
        Size {
            clients: 2,
            sites_per_client: 2,
            contacts_per_client: 2,
            equipment: 7,
            contracts: 0,
            tickets: 0,
        },
    )
    .await?;
    let clients = ids(&db, "SELECT id FROM clients ORDER BY id").await;
    let (client, other_client) = (clients[0], clients[1]);
    let sites = ids(
        &db,
        &format!("SELECT id FROM sites WHERE client_id = {client} ORDER BY id"),
    )
    .await;
    let people = ids(
        &db,
        &format!("SELECT id FROM contacts WHERE client_id = {client} ORDER BY id"),
    )
    .await;
    let all = ids(&db, "SELECT id FROM equipment ORDER BY id").await;
    let pcs: Vec<i64> = all[..6].to_vec();
    let other_pc = all[6];
    for (n, pc) in pcs.iter().enumerate() {
        let site = if n < 3 { sites[0] } else { sites[1] };
        let person = match n {
            0 | 1 => people[0].to_string(),
            2 => people[1].to_string(),
            _ => "NULL".into(),
        };
        let status = if n == 5 { "retired" } else { "deployed" };
        db.execute_unprepared(&format!(
            "UPDATE equipment SET client_id = {client}, site_id = {site}, contact_id = {person}, \
               status = '{status}', name = 'PC-{}', serial = 'SN-{}' WHERE id = {pc}",
            n + 1,
            n + 1
        ))
        .await?;
    }
    let other_site = ids(
        &db,
        &format!("SELECT id FROM sites WHERE client_id = {other_client}"),
    )
    .await[0];
    db.execute_unprepared(&format!(
        "UPDATE equipment SET client_id = {other_client}, site_id = {other_site}, contact_id = NULL, \
           status = 'deployed', name = 'PC-B', serial = 'SN-B' WHERE id = {other_pc}"
    ))
    .await?;
    let user = ids(&db, "SELECT id FROM users ORDER BY id").await[0];
    Ok(Fleet {
        db,
        manager: Actor::manager(user, "Mia"),
        client,
        other_client,
        sites,
        people,
        pcs,
        other_pc,
    })
}

impl Fleet {
    async fn software(&self, name: &str) -> i64 {
        software::create_software(
            &self.db,
            &self.manager,
            &SoftwareInput {
                name: name.into(),
                publisher: "Publisher".into(),
                category: "Office".into(),
                notes: String::new(),
            },
        )
        .await
        .unwrap()
        .id
    }

    async fn install(&self, software_id: i64, pcs: &[usize]) {
        for n in pcs {
            installations::add_installation(
                &self.db,
                &self.manager,
                &InstallationInput {
                    equipment_id: self.pcs[*n - 1],
                    software_id,
                    version: "1.0".into(),
                    installed_on: "2026-01-15".into(),
                },
            )
            .await
            .unwrap();
        }
    }

    fn licence(&self, software_id: i64, kind: LicenceKind, seats: Option<i32>) -> LicenceInput {
        LicenceInput {
            software_id,
            client_id: self.client,
            kind,
            seats,
            starts_on: "2026-01-01".into(),
            ..Default::default()
        }
    }

    async fn create(&self, input: LicenceInput) -> i64 {
        register::create_licence(&self.db, &self.manager, &input)
            .await
            .unwrap()
            .row
            .id
    }

    async fn seat_to_pc(&self, licence: i64, pc: usize) -> Result<(), CoreError> {
        self.assign(licence, Some(self.pcs[pc - 1]), None).await
    }

    async fn seat_to_person(&self, licence: i64, person: usize) -> Result<(), CoreError> {
        self.assign(licence, None, Some(self.people[person - 1]))
            .await
    }

    async fn assign(
        &self,
        licence: i64,
        pc: Option<i64>,
        person: Option<i64>,
    ) -> Result<(), CoreError> {
        assignments::assign(
            &self.db,
            &self.manager,
            &AssignLicence {
                licence_id: licence,
                equipment_id: pc,
                contact_id: person,
            },
        )
        .await
        .map(|_| ())
    }

    /// (owned, assigned, installed, unlicensed, short, state) of a software.
    async fn compliance(&self, software_id: i64) -> (i64, i64, i64, i64, i64, ComplianceState) {
        let rows = compliance::compliance(
            &self.db,
            &self.manager,
            &ComplianceQuery {
                client_id: Some(self.client),
                software_id: Some(software_id),
            },
        )
        .await
        .unwrap();
        assert_eq!(rows.len(), 1, "{rows:?}");
        let r = &rows[0];
        (
            r.owned,
            r.assigned,
            r.installed,
            r.unlicensed,
            r.short,
            r.state,
        )
    }

    async fn unlicensed(&self, software_id: i64) -> Vec<String> {
        compliance::compliance_detail(&self.db, &self.manager, self.client, software_id)
            .await
            .unwrap()
            .unlicensed
            .into_iter()
            .map(|i| i.equipment_name)
            .collect()
    }
}

#[tokio::test]
async fn a_per_device_licence_is_counted_against_installations() -> R {
    let f = fleet().await?;
    let office = f.software("Office").await;
    // Installed on five computers in use and on the retired one.
    f.install(office, &[1, 2, 3, 4, 5, 6]).await;
    let licence = f
        .create(f.licence(office, LicenceKind::PerDevice, Some(2)))
        .await;
    f.seat_to_pc(licence, 4).await?;
    f.seat_to_pc(licence, 5).await?;
    // Five installed (the retired computer does not count), two covered:
    // three unlicensed and no free seat, so three short.
    assert_eq!(
        f.compliance(office).await,
        (2, 2, 5, 3, 3, ComplianceState::Short)
    );
    assert_eq!(f.unlicensed(office).await, ["PC-1", "PC-2", "PC-3"]);

    // Over-allocation is allowed, and shown: a third seat on two owned.
    f.seat_to_pc(licence, 1).await?;
    let row = register::get_licence(&f.db, &f.manager, licence).await?.row;
    assert_eq!((row.assigned, row.installed, row.deficit()), (3, 5, 1));
    assert_eq!(row.state, LicenceState::OverAllocated);
    assert_eq!(
        f.compliance(office).await,
        (2, 3, 5, 2, 3, ComplianceState::Short)
    );
    let over = register::list_licences(
        &f.db,
        &f.manager,
        &LicenceQuery {
            view: LicenceView::OverAllocated,
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(
        over.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        [licence]
    );

    // Five more seats bought: nothing is short, two are still to assign.
    register::add_lot(
        &f.db,
        &f.manager,
        &AddLot {
            licence_id: licence,
            lot: LotInput {
                purchased_on: "2026-03-01".into(),
                quantity: 5,
                cost: "450.00".into(),
                supplier: "Softshop".into(),
            },
        },
    )
    .await?;
    assert_eq!(
        f.compliance(office).await,
        (7, 3, 5, 2, 0, ComplianceState::ToAssign)
    );
    f.seat_to_pc(licence, 2).await?;
    f.seat_to_pc(licence, 3).await?;
    assert_eq!(
        f.compliance(office).await,
        (7, 5, 5, 0, 0, ComplianceState::Compliant)
    );

    // A seat taken back is free again; the installation unlicensed.
    let detail = register::get_licence(&f.db, &f.manager, licence).await?;
    let seat = detail
        .assignments
        .iter()
        .find(|a| a.label.ends_with("PC-3"))
        .unwrap();
    assignments::unassign(&f.db, &f.manager, seat.id).await?;
    assert_eq!(
        f.compliance(office).await,
        (7, 4, 5, 1, 0, ComplianceState::ToAssign)
    );

    // Seats go to this client's equipment, not to people or other clients.
    let err = f.seat_to_person(licence, 1).await.unwrap_err();
    assert!(
        matches!(&err, CoreError::Validation { field, .. } if field == "contact_id"),
        "{err:?}"
    );
    let err = f.assign(licence, Some(f.other_pc), None).await.unwrap_err();
    assert!(
        matches!(&err, CoreError::Validation { field, .. } if field == "equipment_id"),
        "{err:?}"
    );
    let err = f.seat_to_pc(licence, 1).await.unwrap_err();
    assert!(err.to_string().contains("already has a seat"), "{err}");

    // A machine retired with its seat: the seat no longer counts as used
    // (it covers nothing), is shown so, and no new seat goes to it.
    f.db.execute_unprepared(&format!(
        "UPDATE equipment SET status = 'retired' WHERE id = {}",
        f.pcs[4]
    ))
    .await?;
    let detail = register::get_licence(&f.db, &f.manager, licence).await?;
    assert_eq!(detail.row.assigned, 3);
    let left = detail
        .assignments
        .iter()
        .find(|a| a.label.ends_with("PC-5"))
        .unwrap();
    assert!(!left.in_use);
    assert_eq!(
        f.compliance(office).await,
        (7, 3, 4, 1, 0, ComplianceState::ToAssign)
    );
    f.db.execute_unprepared(&format!(
        "DELETE FROM licence_assignments WHERE id = {}",
        left.id
    ))
    .await?;
    let err = f.seat_to_pc(licence, 5).await.unwrap_err();
    assert!(err.to_string().contains("retired"), "{err}");

    // Seats given out hold the licence to its type: per-user would strand them.
    let mut input = f.licence(office, LicenceKind::PerUser, Some(7));
    input.expires_on = String::new();
    let err = register::update_licence(&f.db, &f.manager, licence, &input)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, CoreError::Validation { field, .. } if field == "kind"),
        "{err:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_per_user_licence_covers_every_computer_of_its_users() -> R {
    let f = fleet().await?;
    let crm = f.software("CRM").await;
    f.install(crm, &[1, 2, 3]).await;
    let licence = f
        .create(f.licence(crm, LicenceKind::PerUser, Some(1)))
        .await;
    f.seat_to_person(licence, 1).await?;
    // Person 1 uses PC-1 and PC-2: one seat covers both.
    assert_eq!(
        f.compliance(crm).await,
        (1, 1, 3, 1, 1, ComplianceState::Short)
    );
    assert_eq!(f.unlicensed(crm).await, ["PC-3"]);
    // A second person on one seat: covered, but over-allocated.
    f.seat_to_person(licence, 2).await?;
    assert_eq!(
        f.compliance(crm).await,
        (1, 2, 3, 0, 1, ComplianceState::Short)
    );
    let err = f.seat_to_pc(licence, 1).await.unwrap_err();
    assert!(
        matches!(&err, CoreError::Validation { field, .. } if field == "equipment_id"),
        "{err:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_site_licence_covers_its_site_and_no_other() -> R {
    let f = fleet().await?;
    let reader = f.software("PDF Reader").await;
    f.install(reader, &[1, 2, 4]).await;
    let mut input = f.licence(reader, LicenceKind::PerSite, None);
    let err = register::create_licence(&f.db, &f.manager, &input)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, CoreError::Validation { field, .. } if field == "site_id"),
        "{err:?}"
    );
    input.site_id = Some(f.sites[0]);
    let licence = f.create(input).await;
    assert_eq!(
        f.compliance(reader).await,
        (0, 0, 3, 1, 1, ComplianceState::Short)
    );
    assert_eq!(f.unlicensed(reader).await, ["PC-4"]);
    let row = register::get_licence(&f.db, &f.manager, licence).await?.row;
    assert_eq!((row.seats, row.installed, row.deficit()), (None, 2, 0));
    // Another client's site is refused.
    let mut foreign = f.licence(reader, LicenceKind::PerSite, None);
    foreign.site_id = ids(
        &f.db,
        &format!("SELECT id FROM sites WHERE client_id = {}", f.other_client),
    )
    .await
    .first()
    .copied();
    let err = register::create_licence(&f.db, &f.manager, &foreign)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, CoreError::Validation { field, .. } if field == "site_id"),
        "{err:?}"
    );
    Ok(())
}

#[tokio::test]
async fn an_unlimited_licence_is_never_short() -> R {
    let f = fleet().await?;
    let zip = f.software("Archiver").await;
    f.install(zip, &[1, 2, 3, 4, 5]).await;
    assert_eq!(
        f.compliance(zip).await,
        (0, 0, 5, 5, 5, ComplianceState::Short)
    );
    f.create(f.licence(zip, LicenceKind::Unlimited, Some(3)))
        .await;
    let (_, _, installed, unlicensed, short, state) = f.compliance(zip).await;
    assert_eq!(
        (installed, unlicensed, short, state),
        (5, 0, 0, ComplianceState::Compliant)
    );
    Ok(())
}

#[tokio::test]
async fn a_subscription_seats_equipment_and_people_for_its_term() -> R {
    let f = fleet().await?;
    let suite = f.software("Design Suite").await;
    f.install(suite, &[1, 3, 4]).await;
    let mut input = f.licence(suite, LicenceKind::Subscription, Some(3));
    let err = register::create_licence(&f.db, &f.manager, &input)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, CoreError::Validation { field, .. } if field == "term_months"),
        "{err:?}"
    );
    input.term_months = Some(12);
    let created = register::create_licence(&f.db, &f.manager, &input).await?;
    // A year from its start: the day before the same date a year on.
    assert_eq!(
        created.row.expires_on.map(|d| d.to_string()).as_deref(),
        Some("2026-12-31")
    );
    let licence = created.row.id;
    f.seat_to_pc(licence, 1).await?;
    f.seat_to_person(licence, 2).await?; // uses PC-3
                                         // PC-4 has no seat, but one seat is free: to assign, not short.
    assert_eq!(
        f.compliance(suite).await,
        (3, 2, 3, 1, 0, ComplianceState::ToAssign)
    );
    Ok(())
}

#[tokio::test]
async fn an_expired_licence_covers_nothing() -> R {
    let f = fleet().await?;
    let visio = f.software("Diagrams").await;
    f.install(visio, &[4]).await;
    let mut input = f.licence(visio, LicenceKind::PerDevice, Some(1));
    input.starts_on = "2024-01-01".into();
    input.expires_on = "2025-12-31".into();
    let licence = f.create(input).await;
    f.seat_to_pc(licence, 4).await?;
    assert_eq!(
        f.compliance(visio).await,
        (0, 0, 1, 1, 1, ComplianceState::Short)
    );
    let row = register::get_licence(&f.db, &f.manager, licence).await?.row;
    assert_eq!(row.state, LicenceState::Expired);
    Ok(())
}

#[tokio::test]
async fn renewing_extends_the_term_and_records_a_lot() -> R {
    let f = fleet().await?;
    let antivirus = f.software("Antivirus").await;
    let today = chrono::Local::now().date_naive();
    let soon = today + chrono::Days::new(20);
    let later = today + chrono::Days::new(200);
    let mut input = f.licence(antivirus, LicenceKind::Subscription, Some(10));
    input.term_months = Some(12);
    input.starts_on = String::new();
    input.expires_on = soon.to_string();
    input.renewal_price = "300.00".into();
    input.auto_renew = true;
    let expiring = f.create(input.clone()).await;
    input.expires_on = later.to_string();
    f.create(input).await;

    let listed = register::list_licences(
        &f.db,
        &f.manager,
        &LicenceQuery {
            view: LicenceView::Expiring,
            within_days: Some(30),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(
        listed.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        [expiring]
    );
    assert_eq!(listed.items[0].state, LicenceState::Expiring);
    assert!(listed.items[0].auto_renew);

    let lot = LotInput {
        purchased_on: today.to_string(),
        quantity: 10,
        cost: "320.00".into(),
        supplier: "Distributor".into(),
    };
    let err = register::renew_licence(
        &f.db,
        &f.manager,
        &RenewLicence {
            licence_id: expiring,
            expires_on: today.to_string(),
            lot: lot.clone(),
        },
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&err, CoreError::Validation { field, .. } if field == "expires_on"),
        "{err:?}"
    );
    let renewed = register::renew_licence(
        &f.db,
        &f.manager,
        &RenewLicence {
            licence_id: expiring,
            expires_on: String::new(),
            lot,
        },
    )
    .await?;
    // The new term starts the day after the old one ends.
    let new_end = register::term_end(soon.succ_opt().unwrap(), 12).unwrap();
    assert_eq!(renewed.row.expires_on, Some(new_end));
    assert_eq!(renewed.row.state, LicenceState::Compliant);
    assert_eq!(renewed.row.renewal_price_cents, Some(32_000));
    assert_eq!(renewed.row.seats, Some(10), "a renewal adds no seats");
    let lot = &renewed.lots[0];
    assert_eq!(
        (
            lot.kind.as_str(),
            lot.quantity,
            lot.cost_cents,
            lot.covers_until
        ),
        ("renewal", 10, Some(32_000), Some(new_end))
    );
    Ok(())
}

/// Everything `tracing` writes while the closure's work runs, at every level.
fn capture_logs() -> (
    std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    tracing::dispatcher::DefaultGuard,
) {
    #[derive(Clone)]
    struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buffer = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = Sink(buffer.clone());
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || sink.clone())
        .finish();
    (buffer, tracing::subscriber::set_default(subscriber))
}

#[tokio::test(flavor = "current_thread")]
async fn a_licence_key_is_masked_revealed_to_managers_only_and_never_exported_or_logged() -> R {
    let (logs, _guard) = capture_logs();
    const KEY: &str = "QX7RT-MK29P-ZZ41B-HV8NW";
    let f = fleet().await?;
    let office = f.software("Office").await;
    let mut input = f.licence(office, LicenceKind::PerDevice, Some(5));
    input.licence_key = Some(KEY.into());
    let created = register::create_licence(&f.db, &f.manager, &input).await?;
    assert_eq!(created.row.masked_key, "•••••-•••••-•••••-•V8NW");
    assert!(created.has_key);
    // An edit without a key keeps it; a bad edit is refused, naming the field.
    let mut edit = input.clone();
    edit.licence_key = None;
    edit.notes = "Volume licence".into();
    register::update_licence(&f.db, &f.manager, created.row.id, &edit).await?;
    edit.seats = Some(0);
    let err = register::update_licence(&f.db, &f.manager, created.row.id, &edit)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, CoreError::Validation { field, .. } if field == "seats"),
        "{err:?}"
    );

    let technician = Actor::technician(99, "Tom");
    let err = register::reveal_key(&f.db, &technician, created.row.id)
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "a technician cannot reveal licence keys");
    assert_eq!(
        register::reveal_key(&f.db, &f.manager, created.row.id).await?,
        KEY
    );

    let mut csv = Vec::new();
    let count = export::export_csv(&f.db, &f.manager, &LicenceQuery::default(), &mut csv).await?;
    let csv = String::from_utf8(csv)?;
    assert_eq!(count, 1);
    assert!(
        csv.contains(&created.row.reference) && csv.contains("Office"),
        "{csv}"
    );
    assert!(!csv.contains(KEY) && !csv.contains("V8NW"), "{csv}");
    let printed = format!("{created:?} {edit:?}");
    assert!(!printed.contains(KEY), "{printed}");

    // The history shows that the key was revealed and by whom, not the key.
    let history: Vec<String> = f
        .db
        .query_all_raw(Statement::from_string(
            f.db.get_database_backend(),
            "SELECT action || ' ' || actor_label || ' ' || changes FROM audit_log WHERE entity = 'licence'".to_owned(),
        ))
        .await?
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect();
    assert!(
        history.iter().any(|h| h.starts_with("reveal key Mia")),
        "{history:?}"
    );
    assert!(history.iter().all(|h| !h.contains(KEY)), "{history:?}");

    let logs = String::from_utf8(logs.lock().unwrap().clone())?;
    assert!(!logs.contains(KEY), "a log line holds the key");
    Ok(())
}

#[tokio::test]
async fn installations_import_checks_every_line_then_writes_all_or_nothing() -> R {
    let f = fleet().await?;
    let bad = "hostname,serial,client,software,publisher,version,installed_on\n\
               PC-1,,,Office,Microsoft,2021,2026-02-01\n\
               PC-9,,,Office,Microsoft,2021,\n\
               ,SN-2,,Office,Microsoft,2021,31/02/2026\n\
               ,,,Office,,,\n\
               PC-1,,,office,,2021,\n";
    let report =
        import::import_installations(&f.db, &f.manager, "bad.csv", bad.as_bytes(), false).await?;
    assert!(!report.committed);
    let errors: Vec<(u64, &str)> = report
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            (3, "hostname"),
            (4, "installed_on"),
            (5, "hostname"),
            (6, "software")
        ]
    );
    assert_eq!(ids(&f.db, "SELECT COUNT(*) FROM installations").await, [0]);
    assert_eq!(ids(&f.db, "SELECT COUNT(*) FROM software").await, [0]);

    let good = "hostname,serial,client,software,publisher,version,installed_on\n\
                PC-1,,,Office,Microsoft,2021,2026-02-01\n\
                ,SN-2,,Office,Microsoft,2021,01/02/2026\n\
                PC-3,,,PDF Reader,Adobe,24.1,\n";
    let dry =
        import::import_installations(&f.db, &f.manager, "inv.csv", good.as_bytes(), true).await?;
    assert!(dry.errors.is_empty() && !dry.committed, "{:?}", dry.errors);
    assert_eq!((dry.created, dry.updated, dry.unchanged), (3, 0, 0));
    assert_eq!(ids(&f.db, "SELECT COUNT(*) FROM installations").await, [0]);
    let real =
        import::import_installations(&f.db, &f.manager, "inv.csv", good.as_bytes(), false).await?;
    assert!(real.committed);
    assert_eq!(ids(&f.db, "SELECT COUNT(*) FROM installations").await, [3]);
    assert_eq!(ids(&f.db, "SELECT COUNT(*) FROM software").await, [2]);
    let again =
        import::import_installations(&f.db, &f.manager, "inv.csv", good.as_bytes(), false).await?;
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 3));
    let newer = good.replace("2021,2026-02-01", "2024,2026-02-01");
    let upgraded =
        import::import_installations(&f.db, &f.manager, "inv.csv", newer.as_bytes(), false).await?;
    assert_eq!(
        (upgraded.created, upgraded.updated, upgraded.unchanged),
        (0, 1, 2)
    );
    let page = installations::list_installations(
        &f.db,
        &f.manager,
        &parc_api::licences::InstallationQuery {
            equipment_id: Some(f.pcs[0]),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(page.items.len(), 1);
    assert_eq!(
        (
            page.items[0].software_name.as_str(),
            page.items[0].version.as_str(),
            page.items[0].source.as_str()
        ),
        ("Office", "2024", "inv.csv")
    );
    Ok(())
}

#[tokio::test]
async fn the_licences_migration_can_be_undone_and_redone() -> R {
    use parc_migrations::{Migrator, MigratorTrait};
    let f = fleet().await?;
    let office = f.software("Office").await;
    f.install(office, &[1]).await;
    // Every later migration goes first, then this one.
    let steps = Migrator::migrations()
        .iter()
        .rev()
        .position(|m| m.name() == "m20261129_000011_create_licences")
        .expect("the migration")
        + 1;
    Migrator::down(&f.db, Some(steps as u32)).await?;
    for table in [
        "software",
        "installations",
        "licences",
        "licence_lots",
        "licence_assignments",
    ] {
        assert!(
            f.db.execute_unprepared(&format!("SELECT 1 FROM {table}"))
                .await
                .is_err(),
            "{table} is still there"
        );
    }
    // The equipment the installations were on is untouched.
    assert_eq!(ids(&f.db, "SELECT COUNT(*) FROM equipment").await, [7]);
    Migrator::up(&f.db, None).await?;
    assert_eq!(
        ids(&f.db, "SELECT COUNT(*) FROM software_versions").await,
        [0]
    );
    Ok(())
}

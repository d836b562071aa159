//! The large generated dataset (`parc demo --size large`): 500 clients,
//! 2,000 sites, 1,500 contacts and 100,000 equipment, for benchmarks and for
//! trying Parc at the size where incumbents collapse.
//!
//! Deterministic: the same seed gives the same data, byte for byte. Rows are
//! written with multi-row INSERTs inside one transaction; the equipment text
//! keys come from the same functions as the forms, so search and sort behave
//! exactly as on typed data. Generated rows get no audit entry each (their
//! history would only say "generated"); the run itself is audited once.

mod contracts;
mod tickets;

use crate::actor::Actor;
use crate::catalogue::{self, manufacturer_entity, model_entity, type_entity};
use crate::clients::{client_entity, contact_entity};
use crate::demo::{ensure_setup, DemoAccount};
use crate::equipment::bulk_insert::{insert_statement, BulkInsert};
use crate::equipment::{entity as equipment, plus_months, search_text_of};
use crate::error::{CoreError, CoreResult};
use crate::sequences;
use crate::sites::site_entity;
use chrono::{Days, NaiveDate, Utc};
use parc_api::auth::Language;
use parc_api::equipment::EquipmentStatus;
use parc_api::text::{fold, search_text};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveValue::NotSet, ConnectionTrait, EntityTrait, PaginatorTrait, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

/// The size of a generated dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub clients: usize,
    pub sites_per_client: usize,
    pub contacts_per_client: usize,
    pub equipment: usize,
    /// Active contracts, each billed once on the dataset's day.
    pub contracts: usize,
    /// Tickets over the two years before the dataset's day.
    pub tickets: usize,
}

/// What `parc demo --size large` makes.
pub const LARGE: Size = Size {
    clients: 500,
    sites_per_client: 4,
    contacts_per_client: 3,
    equipment: 100_000,
    contracts: 10_000,
    tickets: 200_000,
};

/// Changes whenever `generate` makes different data, so a cached copy
/// (the benchmarks') is made again.
pub const VERSION: u32 = 4;

const SEED: u64 = 0x5041_5243; // "PARC"
const BATCH: usize = 500;

const COMPANY_WORDS: &[&str] = &[
    "Atelier",
    "Cabinet",
    "Clinique",
    "Transports",
    "Boulangerie",
    "Pharmacie",
    "Garage",
    "Agence",
    "Hôtel",
    "Librairie",
    "Laboratoire",
    "Imprimerie",
    "Menuiserie",
    "Études",
];
const COMPANY_NAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
];
const CITIES: &[&str] = &[
    "Paris",
    "Lyon",
    "Marseille",
    "Toulouse",
    "Nice",
    "Nantes",
    "Strasbourg",
    "Montpellier",
    "Bordeaux",
    "Lille",
    "Rennes",
    "Reims",
    "Grenoble",
    "Dijon",
    "Angers",
    "Nîmes",
    "Annecy",
    "Brest",
    "Tours",
    "Limoges",
    "Amiens",
    "Metz",
    "Besançon",
    "Orléans",
    "Rouen",
    "Caen",
];
const SITE_KINDS: &[&str] = &[
    "Siège",
    "Agence",
    "Entrepôt",
    "Boutique",
    "Atelier",
    "Annexe",
];
const FIRST_NAMES: &[&str] = &[
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Lucas", "Hugo", "Louis", "Jules", "Gabriel",
    "Nathan", "Emma", "Zoé", "Théo", "Noé", "Jade", "Élodie", "Karim", "Yasmine", "Mathis",
];
/// Manufacturers and, per type name (English default set), their models.
/// A type (its English default name) and models of that type.
type ModelLine = (&'static str, &'static [&'static str]);
const MANUFACTURERS: &[(&str, &[ModelLine])] = &[
    (
        "Dell",
        &[
            ("Desktop", &["OptiPlex 7010", "OptiPlex 5000"]),
            ("Laptop", &["Latitude 5440", "Latitude 7440"]),
            ("Server", &["PowerEdge R650", "PowerEdge T550"]),
            ("Screen", &["P2423D", "U2723QE"]),
        ],
    ),
    (
        "HP",
        &[
            ("Desktop", &["EliteDesk 800 G9", "ProDesk 400 G9"]),
            ("Laptop", &["EliteBook 840 G10", "ProBook 450 G10"]),
            ("Printer", &["LaserJet Pro M404", "Color LaserJet M479"]),
        ],
    ),
    (
        "Lenovo",
        &[
            ("Desktop", &["ThinkCentre M70q"]),
            ("Laptop", &["ThinkPad T14 Gen 4", "ThinkPad X1 Carbon"]),
            ("Tablet", &["Tab P11"]),
        ],
    ),
    (
        "Cisco",
        &[
            ("Switch", &["Catalyst 9200", "CBS350-24P"]),
            ("Router", &["ISR 1100"]),
        ],
    ),
    (
        "Ubiquiti",
        &[
            ("Access point", &["U6-Pro", "U6-Lite"]),
            ("Switch", &["USW-24-POE"]),
        ],
    ),
    (
        "Fortinet",
        &[("Firewall", &["FortiGate 60F", "FortiGate 100F"])],
    ),
    ("Synology", &[("NAS", &["DS923+", "RS1221+"])]),
    ("APC", &[("UPS", &["Smart-UPS 1500", "Back-UPS 950"])]),
    ("Brother", &[("Printer", &["HL-L5100DN", "MFC-L8900CDW"])]),
    ("Yealink", &[("Phone", &["T54W", "T33G"])]),
    (
        "Samsung",
        &[
            ("Screen", &["ViewFinity S6"]),
            ("Disk", &["870 EVO 1TB", "990 PRO 2TB"]),
        ],
    ),
    (
        "Kingston",
        &[("Memory", &["KVR 16GB DDR4", "Fury 32GB DDR5"])],
    ),
];

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

/// Generates the dataset into a database that has no clients yet.
pub async fn generate<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    size: Size,
) -> CoreResult<Vec<DemoAccount>> {
    if client_entity::Entity::find().count(db).await? > 0 {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::DatasetNeedsNoClients,
        ));
    }
    let accounts = ensure_setup(db).await?;
    let mut rng = StdRng::seed_from_u64(SEED);
    let now = Utc::now();
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
    let txn = crate::db::begin_write(db).await?;
    catalogue::add_default_types(&txn, Language::En).await?;

    // Catalogue: manufacturers and their models.
    let types = type_entity::Entity::find().all(&txn).await?;
    for (name, _) in MANUFACTURERS {
        manufacturer_entity::Entity::insert(manufacturer_entity::ActiveModel {
            id: NotSet,
            name: Set((*name).to_owned()),
            sort_key: Set(fold(name)),
            created_at: Set(now),
        })
        .exec(&txn)
        .await?;
    }
    let manufacturers = manufacturer_entity::Entity::find()
        .order_by_asc(manufacturer_entity::Column::Id)
        .all(&txn)
        .await?;
    let mut models = Vec::new();
    for ((_, lines), maker) in MANUFACTURERS.iter().zip(&manufacturers) {
        for (type_name, names) in *lines {
            let Some(kind) = types.iter().find(|t| t.name == *type_name) else {
                continue;
            };
            for name in *names {
                let saved = model_entity::Entity::insert(model_entity::ActiveModel {
                    id: NotSet,
                    manufacturer_id: Set(maker.id),
                    type_id: Set(kind.id),
                    name: Set((*name).to_owned()),
                    sort_key: Set(fold(name)),
                    warranty_months: Set(kind.warranty_months),
                    created_at: Set(now),
                })
                .exec(&txn)
                .await?;
                models.push((saved.last_insert_id, maker, kind, *name));
            }
        }
    }

    // Clients, their sites and contacts.
    let codes = sequences::next_references(&txn, "client", today, size.clients as u64).await?;
    let mut client_rows = Vec::with_capacity(size.clients);
    for code in &codes {
        let name = format!(
            "{} {} {}",
            pick(&mut rng, COMPANY_WORDS),
            pick(&mut rng, COMPANY_NAMES),
            pick(&mut rng, CITIES)
        );
        client_rows.push(client_entity::ActiveModel {
            id: NotSet,
            code: Set(code.clone()),
            sort_key: Set(fold(&name)),
            search_text: Set(search_text(&[&name, code])),
            name: Set(name),
            service_level: Set(["standard", "premium", "vip"][rng.gen_range(0..3)].to_owned()),
            siret: Set(String::new()),
            vat_number: Set(String::new()),
            billing_address: Set(String::new()),
            notes: Set(String::new()),
            archived: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
        });
    }
    for batch in client_rows.chunks(BATCH) {
        client_entity::Entity::insert_many(batch.to_vec())
            .exec(&txn)
            .await?;
    }
    let clients = client_entity::Entity::find()
        .order_by_asc(client_entity::Column::Id)
        .all(&txn)
        .await?;
    let mut site_rows = Vec::new();
    let mut contact_rows = Vec::new();
    for client in &clients {
        for n in 0..size.sites_per_client {
            let name = format!(
                "{} {}",
                SITE_KINDS[n % SITE_KINDS.len()],
                pick(&mut rng, CITIES)
            );
            let address = format!(
                "{} rue {}",
                rng.gen_range(1..200),
                pick(&mut rng, COMPANY_NAMES)
            );
            site_rows.push(site_entity::ActiveModel {
                id: NotSet,
                client_id: Set(client.id),
                sort_key: Set(fold(&name)),
                search_text: Set(search_text(&[&name, &address])),
                name: Set(name),
                address: Set(address),
                zone_id: Set(None),
                notes: Set(String::new()),
                archived: Set(false),
                created_at: Set(now),
            });
        }
        for n in 0..size.contacts_per_client {
            let name = format!(
                "{} {}",
                pick(&mut rng, FIRST_NAMES),
                pick(&mut rng, COMPANY_NAMES)
            );
            let email = format!(
                "{}.{}@{}.example",
                fold(&name).replace(' ', "."),
                n,
                client.code.to_lowercase()
            );
            contact_rows.push(contact_entity::ActiveModel {
                id: NotSet,
                client_id: Set(client.id),
                sort_key: Set(fold(&name)),
                search_text: Set(search_text(&[&name, &email])),
                name: Set(name),
                job_title: Set(String::new()),
                email: Set(email),
                phone: Set(String::new()),
                is_primary: Set(n == 0),
                archived: Set(false),
                created_at: Set(now),
            });
        }
    }
    for batch in site_rows.chunks(BATCH) {
        site_entity::Entity::insert_many(batch.to_vec())
            .exec(&txn)
            .await?;
    }
    for batch in contact_rows.chunks(BATCH) {
        contact_entity::Entity::insert_many(batch.to_vec())
            .exec(&txn)
            .await?;
    }
    let sites = site_entity::Entity::find()
        .order_by_asc(site_entity::Column::Id)
        .all(&txn)
        .await?;
    let contacts = contact_entity::Entity::find()
        .order_by_asc(contact_entity::Column::Id)
        .all(&txn)
        .await?;

    // Equipment, spread evenly over the clients.
    let bulk = BulkInsert::begin(&txn, size.equipment, 0).await?;
    let backend = txn.get_database_backend();
    let references =
        sequences::next_references(&txn, "equipment", today, size.equipment as u64).await?;
    let mut rows = Vec::with_capacity(BATCH);
    for (n, reference) in references.iter().enumerate() {
        let client_index = n % clients.len().max(1);
        let client = &clients[client_index];
        let site =
            &sites[client_index * size.sites_per_client + rng.gen_range(0..size.sites_per_client)];
        let contact = if rng.gen_bool(0.6) {
            Some(
                &contacts[client_index * size.contacts_per_client
                    + rng.gen_range(0..size.contacts_per_client)],
            )
        } else {
            None
        };
        let (model_id, maker, kind, model_name) = pick(&mut rng, &models);
        let serial = format!(
            "{}{:08X}",
            &maker.sort_key.to_uppercase()[..2.min(maker.sort_key.len())],
            rng.gen::<u32>() ^ (n as u32)
        );
        let serial = format!("{serial}{n:06}");
        let name = format!(
            "{}-{}-{:04}",
            kind.name.to_uppercase().replace(' ', ""),
            client.code,
            n / clients.len().max(1)
        );
        let purchase = today - Days::new(rng.gen_range(0..5 * 365));
        let status = match rng.gen_range(0..100) {
            0..=79 => EquipmentStatus::Deployed,
            80..=89 => EquipmentStatus::InStock,
            90..=94 => EquipmentStatus::InRepair,
            _ => EquipmentStatus::Retired,
        };
        let asset_tag = format!("AT-{:06}", n + 1);
        let contact_name = contact.map(|c| c.name.as_str()).unwrap_or("");
        rows.push(equipment::Model {
            id: 0,
            reference: reference.clone(),
            sort_key: fold(&name),
            search_text: search_text_of(
                reference,
                &name,
                &serial,
                &asset_tag,
                model_name,
                &maker.name,
                contact_name,
            ),
            name,
            type_id: kind.id,
            manufacturer_id: Some(maker.id),
            model_id: Some(*model_id),
            serial: Some(serial),
            asset_tag,
            status: status.code().to_owned(),
            status_since: purchase,
            client_id: client.id,
            site_id: Some(site.id),
            contact_id: contact.map(|c| c.id),
            parent_id: None,
            purchase_date: Some(purchase),
            supplier: ["LDLC Pro", "Inmac Wstore", "Bechtle", "Econocom"][rng.gen_range(0..4)]
                .to_owned(),
            purchase_price_cents: Some(rng.gen_range(5_000..400_000)),
            warranty_end: plus_months(Some(purchase), kind.warranty_months),
            last_maintenance: None,
            next_maintenance: plus_months(Some(purchase), kind.maintenance_months),
            notes: String::new(),
            created_at: now,
            updated_at: now,
        });
        if rows.len() == BATCH {
            txn.execute_raw(insert_statement(backend, std::mem::take(&mut rows)))
                .await?;
        }
    }
    if !rows.is_empty() {
        txn.execute_raw(insert_statement(backend, rows)).await?;
    }
    bulk.finish(&txn).await?;
    crate::dataset::contracts::generate(&txn, &mut rng, size.contracts, today).await?;
    crate::audit::record(
        &txn,
        &Actor::System,
        0,
        "generate",
        None,
        Some(&Generated(size)),
    )
    .await?;
    txn.commit().await?;
    // A month of invoice history: the run of the dataset's day, most paid.
    crate::invoices::run::run(db, &Actor::System, today, |_| {}).await?;
    crate::invoices::mark_paid_for_history(db, today).await?;
    crate::dataset::tickets::generate(db, &mut rng, size.tickets, today).await?;
    // The preventive visits due over the planning horizon, as the app's
    // daily planning of that day would have made them.
    crate::desk::planning::plan(
        db,
        &Actor::System,
        today,
        crate::desk::planning::DEFAULT_HORIZON_DAYS,
    )
    .await?;
    crate::db::refresh_statistics(db).await?;
    Ok(accounts)
}

struct Generated(Size);

impl crate::audit::Audited for Generated {
    const ENTITY: &'static str = "dataset";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("clients", self.0.clients.to_string()),
            ("equipment", self.0.equipment.to_string()),
            ("contracts", self.0.contracts.to_string()),
            ("tickets", self.0.tickets.to_string()),
        ]
    }
}

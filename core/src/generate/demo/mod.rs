//! A realistic small dataset for trying Parc and for screenshots: an MSP in
//! France with managers and technicians, clients of every service level, their
//! contacts and their sites spread over zones. Always the same data.

mod contracts;
mod desk;
mod history;
mod inventory;
mod licences;

use crate::actor::Actor;
use crate::error::{CoreError, CoreResult};
use crate::{auth, clients, settings, sites};
use parc_api::auth::{CompanyIdentity, Role, SetupRequest};
use parc_api::clients::{ClientInput, ContactInput, ServiceLevel};
use parc_api::sites::{SiteInput, ZoneInput};
use parc_api::users::NewUser;
use sea_orm::{ConnectionTrait, TransactionTrait};

/// An account the demo created, printed as `login: ROLE EMAIL PASSWORD`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoAccount {
    pub role: &'static str,
    pub email: String,
    pub password: String,
}

impl std::fmt::Display for DemoAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "login: {} {} {}", self.role, self.email, self.password)
    }
}

const MANAGER: (&str, &str, &str) = (
    "Claire Martin",
    "claire.martin@parc-demo.fr",
    "demo-manager-1",
);
const STAFF: &[(&str, &str, Role, &str)] = &[
    (
        "Hugo Lefèvre",
        "hugo.lefevre@parc-demo.fr",
        Role::Manager,
        "demo-manager-2",
    ),
    (
        "Lucas Bernard",
        "lucas.bernard@parc-demo.fr",
        Role::Technician,
        "demo-technician-1",
    ),
    (
        "Emma Petit",
        "emma.petit@parc-demo.fr",
        Role::Technician,
        "demo-technician-2",
    ),
    (
        "Nadia Haddad",
        "nadia.haddad@parc-demo.fr",
        Role::Technician,
        "demo-technician-3",
    ),
];

const ZONES: &[(&str, &str)] = &[
    ("Paris Centre", "Arrondissements 1 to 11"),
    ("Paris Ouest", "Hauts-de-Seine and western suburbs"),
    ("Lyon Métropole", "Lyon and Villeurbanne"),
    ("Marseille", "Bouches-du-Rhône"),
];

struct DemoClient {
    code: &'static str,
    name: &'static str,
    level: ServiceLevel,
    siret: &'static str,
    vat: &'static str,
    address: &'static str,
    contacts: &'static [(&'static str, &'static str, &'static str, &'static str)],
    sites: &'static [(&'static str, &'static str, usize)],
}

const CLIENTS: &[DemoClient] = &[
    DemoClient {
        code: "ACME",
        name: "Acme Logistique",
        level: ServiceLevel::Premium,
        siret: "41234567800019",
        vat: "FR32412345678",
        address: "12 rue de la Gare\n92100 Boulogne-Billancourt",
        contacts: &[
            (
                "Sophie Durand",
                "DAF",
                "sophie.durand@acme-logistique.fr",
                "01 46 21 33 10",
            ),
            (
                "Marc Roux",
                "Responsable entrepôt",
                "marc.roux@acme-logistique.fr",
                "01 46 21 33 42",
            ),
        ],
        sites: &[
            ("Siège", "12 rue de la Gare, 92100 Boulogne-Billancourt", 1),
            (
                "Entrepôt de Gennevilliers",
                "3 avenue du Port, 92230 Gennevilliers",
                1,
            ),
        ],
    },
    DemoClient {
        code: "BOUL",
        name: "Boulangeries Fournier",
        level: ServiceLevel::Standard,
        siret: "52345678900027",
        vat: "FR47523456789",
        address: "8 place Bellecour\n69002 Lyon",
        contacts: &[(
            "Julien Fournier",
            "Gérant",
            "julien@fournier-boulangeries.fr",
            "04 78 42 10 00",
        )],
        sites: &[
            ("Bellecour", "8 place Bellecour, 69002 Lyon", 2),
            (
                "Croix-Rousse",
                "25 boulevard de la Croix-Rousse, 69004 Lyon",
                2,
            ),
            ("Villeurbanne", "40 cours Émile Zola, 69100 Villeurbanne", 2),
        ],
    },
    DemoClient {
        code: "CABV",
        name: "Cabinet Vidal Avocats",
        level: ServiceLevel::Vip,
        siret: "63456789000035",
        vat: "FR15634567890",
        address: "5 avenue de l'Opéra\n75001 Paris",
        contacts: &[
            (
                "Maître Anne Vidal",
                "Associée",
                "a.vidal@vidal-avocats.fr",
                "01 42 60 11 11",
            ),
            (
                "Thomas Girard",
                "Office manager",
                "t.girard@vidal-avocats.fr",
                "01 42 60 11 20",
            ),
            (
                "Léa Moreau",
                "Assistante",
                "l.moreau@vidal-avocats.fr",
                "01 42 60 11 25",
            ),
        ],
        sites: &[("Cabinet", "5 avenue de l'Opéra, 75001 Paris", 0)],
    },
    DemoClient {
        code: "CLIN",
        name: "Clinique des Calanques",
        level: ServiceLevel::Vip,
        siret: "74567890100043",
        vat: "FR80745678901",
        address: "120 chemin des Calanques\n13009 Marseille",
        contacts: &[
            (
                "Dr Karim Benali",
                "Directeur",
                "k.benali@clinique-calanques.fr",
                "04 91 40 20 00",
            ),
            (
                "Isabelle Fabre",
                "Responsable informatique",
                "i.fabre@clinique-calanques.fr",
                "04 91 40 20 15",
            ),
        ],
        sites: &[
            (
                "Bâtiment principal",
                "120 chemin des Calanques, 13009 Marseille",
                3,
            ),
            ("Centre de radiologie", "4 rue Paradis, 13006 Marseille", 3),
        ],
    },
    DemoClient {
        code: "ECOL",
        name: "École Montessori du Marais",
        level: ServiceLevel::Standard,
        siret: "85678901200051",
        vat: "",
        address: "18 rue des Archives\n75004 Paris",
        contacts: &[(
            "Claire Dubois",
            "Directrice",
            "direction@montessori-marais.fr",
            "01 44 54 00 12",
        )],
        sites: &[("École", "18 rue des Archives, 75004 Paris", 0)],
    },
    DemoClient {
        code: "GARA",
        name: "Garage Lambert & Fils",
        level: ServiceLevel::Standard,
        siret: "96789012300069",
        vat: "FR61967890123",
        address: "77 route de Versailles\n92500 Rueil-Malmaison",
        contacts: &[(
            "Pierre Lambert",
            "Gérant",
            "pierre@garage-lambert.fr",
            "01 47 08 55 90",
        )],
        sites: &[(
            "Atelier",
            "77 route de Versailles, 92500 Rueil-Malmaison",
            1,
        )],
    },
    DemoClient {
        code: "IMMO",
        name: "Immobilière Rhône-Alpes",
        level: ServiceLevel::Premium,
        siret: "30789012400077",
        vat: "FR90307890124",
        address: "2 quai Saint-Antoine\n69002 Lyon",
        contacts: &[
            (
                "Nathalie Chevalier",
                "Directrice administrative",
                "n.chevalier@immo-ra.fr",
                "04 72 00 30 30",
            ),
            (
                "Antoine Garnier",
                "Chargé de parc",
                "a.garnier@immo-ra.fr",
                "04 72 00 30 44",
            ),
        ],
        sites: &[
            (
                "Agence Saint-Antoine",
                "2 quai Saint-Antoine, 69002 Lyon",
                2,
            ),
            ("Agence Part-Dieu", "90 rue de la Villette, 69003 Lyon", 2),
        ],
    },
    DemoClient {
        code: "PHAR",
        name: "Pharmacie du Vieux-Port",
        level: ServiceLevel::Premium,
        siret: "41890123500085",
        vat: "FR28418901235",
        address: "9 quai du Port\n13002 Marseille",
        contacts: &[(
            "Hélène Blanc",
            "Pharmacienne titulaire",
            "contact@pharmacie-vieuxport.fr",
            "04 91 90 12 12",
        )],
        sites: &[("Officine", "9 quai du Port, 13002 Marseille", 3)],
    },
];

/// True when the demo clients are already in this database.
async fn already_filled(db: &impl ConnectionTrait) -> CoreResult<bool> {
    let query = parc_api::clients::ClientQuery {
        search: CLIENTS[0].code.to_owned(),
        archive: parc_api::clients::ArchiveFilter::All,
        ..Default::default()
    };
    let page = clients::list_clients(db, &Actor::System, &query).await?;
    Ok(page.items.iter().any(|c| c.code == CLIENTS[0].code))
}

/// Fills the database with the demo dataset and returns the accounts it made.
/// On a database that was never set up, it also creates the company and the
/// first manager; on one that was, it adds its staff next to the existing ones.
pub async fn fill<C: ConnectionTrait + TransactionTrait>(db: &C) -> CoreResult<Vec<DemoAccount>> {
    if already_filled(db).await? {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::DemoAlreadyThere,
        ));
    }
    let mut accounts = ensure_setup(db).await?;
    let system = Actor::System;
    for (name, email, role, password) in STAFF {
        auth::create_user(
            db,
            &system,
            &NewUser {
                name: (*name).into(),
                email: (*email).into(),
                role: *role,
                password: (*password).into(),
            },
        )
        .await?;
        accounts.push(DemoAccount {
            role: role.code(),
            email: (*email).into(),
            password: (*password).into(),
        });
    }
    let mut zone_ids = Vec::new();
    for (name, description) in ZONES {
        let zone = sites::create_zone(
            db,
            &system,
            &ZoneInput {
                name: (*name).into(),
                description: (*description).into(),
            },
        )
        .await?;
        zone_ids.push(zone.id);
    }
    let mut fleet = Vec::new();
    for demo in CLIENTS {
        let client = clients::create_client(
            db,
            &system,
            &ClientInput {
                code: demo.code.into(),
                name: demo.name.into(),
                service_level: demo.level,
                siret: demo.siret.into(),
                vat_number: demo.vat.into(),
                billing_address: demo.address.into(),
                notes: String::new(),
            },
        )
        .await?;
        let mut contact_ids = Vec::new();
        let mut site_ids = Vec::new();
        for (index, (name, job, email, phone)) in demo.contacts.iter().enumerate() {
            let contact = clients::create_contact(
                db,
                &system,
                &ContactInput {
                    client_id: client.id,
                    name: (*name).into(),
                    job_title: (*job).into(),
                    email: (*email).into(),
                    phone: (*phone).into(),
                    primary: index == 0,
                },
            )
            .await?;
            contact_ids.push(contact.id);
        }
        for (name, address, zone) in demo.sites {
            let site = sites::create_site(
                db,
                &system,
                &SiteInput {
                    client_id: client.id,
                    name: (*name).into(),
                    address: (*address).into(),
                    zone_id: zone_ids.get(*zone).copied(),
                    notes: String::new(),
                },
            )
            .await?;
            site_ids.push(site.id);
        }
        fleet.push((client.id, site_ids, contact_ids));
    }
    crate::demo::inventory::fill(db, &system, &fleet).await?;
    crate::demo::contracts::fill(db, &system, &fleet).await?;
    crate::demo::desk::fill(db, &system, &fleet).await?;
    crate::demo::licences::fill(db, &system, &fleet).await?;
    accounts.extend(portal_accounts(db, &fleet).await?);
    Ok(accounts)
}

/// The portal contacts of the demo: each client's first contact, of the
/// first two clients, sees all of their client's tickets.
const PORTAL_PASSWORDS: [&str; 2] = ["demo-portal-acme-1", "demo-portal-boul-1"];

async fn portal_accounts<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    fleet: &[(i64, Vec<i64>, Vec<i64>)],
) -> CoreResult<Vec<DemoAccount>> {
    use crate::portal::accounts;
    use parc_api::portal::{LinkPurpose, PortalAccessInput, TicketScope};
    let mut made = Vec::new();
    for ((_, _, contacts), password) in fleet.iter().zip(PORTAL_PASSWORDS) {
        let Some(&contact_id) = contacts.first() else {
            continue;
        };
        let input = PortalAccessInput {
            contact_id,
            enabled: true,
            ticket_scope: TicketScope::Client,
        };
        accounts::set_access(db, &Actor::System, &input).await?;
        let (token, _) =
            accounts::issue_link(db, &Actor::System, contact_id, LinkPurpose::Invitation).await?;
        let email = accounts::choose_password(db, &token, password, password).await?;
        made.push(DemoAccount {
            role: "portal",
            email,
            password: password.to_owned(),
        });
    }
    Ok(made)
}

/// Sets Parc up with the demo company and manager when it is not yet;
/// returns the manager's account when it was created.
pub(crate) async fn ensure_setup<C: ConnectionTrait + TransactionTrait>(
    db: &C,
) -> CoreResult<Vec<DemoAccount>> {
    let mut accounts = Vec::new();
    if auth::needs_setup(db).await? {
        auth::complete_setup(
            db,
            &SetupRequest {
                language: settings::language(db).await?.unwrap_or_default(),
                company: CompanyIdentity {
                    name: "Parc Démo Services".into(),
                    address: "10 rue de la Paix\n75002 Paris".into(),
                    siret: "12345678900017".into(),
                    vat_number: "FR12123456789".into(),
                },
                manager_name: MANAGER.0.into(),
                manager_email: MANAGER.1.into(),
                manager_password: MANAGER.2.into(),
                with_demo_data: false,
            },
        )
        .await?;
        accounts.push(DemoAccount {
            role: Role::Manager.code(),
            email: MANAGER.1.into(),
            password: MANAGER.2.into(),
        });
    }
    Ok(accounts)
}

//! The operations of the role matrix, named for every door.
//!
//! Which role may do which operation is decided in one place, core's
//! `authz`; the names live here so that the command declarations
//! (`crate::commands`) can say what each command needs, and so that a door
//! can word a refusal in the user's language.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Operation {
    ManageUsers,
    ReadClients,
    WriteClients,
    ReadZones,
    WriteZones,
    ReadHistory,
    ManageSettings,
    ReadEquipment,
    WriteEquipment,
    WriteCatalogue,
    ReadParts,
    WriteParts,
    ReadContracts,
    WriteContracts,
    ReadInvoices,
    WriteInvoices,
    ReadTickets,
    WriteTickets,
    OpenTickets,
    ReadSoftware,
    ReadLicences,
    WriteLicences,
    AssignLicences,
    RevealLicenceKeys,
    ReadAlerts,
    HandleAlerts,
    ManagePortal,
    ReadStatistics,
}

impl Operation {
    pub const ALL: [Operation; 28] = [
        Operation::ManageUsers,
        Operation::ReadClients,
        Operation::WriteClients,
        Operation::ReadZones,
        Operation::WriteZones,
        Operation::ReadHistory,
        Operation::ManageSettings,
        Operation::ReadEquipment,
        Operation::WriteEquipment,
        Operation::WriteCatalogue,
        Operation::ReadParts,
        Operation::WriteParts,
        Operation::ReadContracts,
        Operation::WriteContracts,
        Operation::ReadInvoices,
        Operation::WriteInvoices,
        Operation::ReadTickets,
        Operation::WriteTickets,
        Operation::OpenTickets,
        Operation::ReadSoftware,
        Operation::ReadLicences,
        Operation::WriteLicences,
        Operation::AssignLicences,
        Operation::RevealLicenceKeys,
        Operation::ReadAlerts,
        Operation::HandleAlerts,
        Operation::ManagePortal,
        Operation::ReadStatistics,
    ];
}

impl Operation {
    /// The operation in words, for a refusal's sentence ("… cannot {this}").
    pub fn describe(self, lang: crate::auth::Language) -> &'static str {
        let (en, fr) = match self {
            Operation::ManageUsers => ("manage users", "gérer les utilisateurs"),
            Operation::ReadClients => ("read clients", "consulter les clients"),
            Operation::WriteClients => (
                "change clients, contacts and sites",
                "modifier les clients, les contacts et les sites",
            ),
            Operation::ReadZones => ("read zones", "consulter les zones"),
            Operation::WriteZones => ("change zones", "modifier les zones"),
            Operation::ReadHistory => ("read record history", "consulter l'historique des fiches"),
            Operation::ManageSettings => ("change settings", "modifier les paramètres"),
            Operation::ReadEquipment => ("read equipment", "consulter les équipements"),
            Operation::WriteEquipment => ("change equipment", "modifier les équipements"),
            Operation::WriteCatalogue => (
                "change the equipment catalogue",
                "modifier le catalogue des équipements",
            ),
            Operation::ReadParts => ("read spare parts", "consulter les pièces détachées"),
            Operation::WriteParts => (
                "change spare parts and their stock",
                "modifier les pièces détachées et leur stock",
            ),
            Operation::ReadContracts => ("read contracts", "consulter les contrats"),
            Operation::WriteContracts => ("change contracts", "modifier les contrats"),
            Operation::ReadInvoices => ("read invoices", "consulter les factures"),
            Operation::WriteInvoices => (
                "create, finalise or change invoices",
                "créer, finaliser ou modifier des factures",
            ),
            Operation::ReadTickets => ("read tickets", "consulter les tickets"),
            Operation::WriteTickets => (
                "work on tickets (status, assignment, interventions, time)",
                "traiter les tickets (statut, affectation, interventions, temps)",
            ),
            Operation::OpenTickets => (
                "open tickets or reply to them",
                "ouvrir des tickets ou y répondre",
            ),
            Operation::ReadSoftware => (
                "read the software catalogue and installations",
                "consulter le catalogue des logiciels et les installations",
            ),
            Operation::ReadLicences => ("read licences", "consulter les licences"),
            Operation::WriteLicences => (
                "create or change licences",
                "créer ou modifier des licences",
            ),
            Operation::AssignLicences => {
                ("assign licence seats", "attribuer des postes de licence")
            }
            Operation::RevealLicenceKeys => ("reveal licence keys", "afficher les clés de licence"),
            Operation::ReadAlerts => ("read alerts", "consulter les alertes"),
            Operation::HandleAlerts => (
                "acknowledge or snooze alerts",
                "prendre en compte ou mettre en veille des alertes",
            ),
            Operation::ManagePortal => (
                "manage the client portal and its accounts",
                "gérer le portail client et ses comptes",
            ),
            Operation::ReadStatistics => (
                "read the business's figures (dashboards, statistics)",
                "consulter les chiffres de l'activité (tableaux de bord, statistiques)",
            ),
        };
        match lang {
            crate::auth::Language::En => en,
            crate::auth::Language::Fr => fr,
        }
    }
}

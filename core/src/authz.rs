//! The role matrix: which actor may perform which operation.
//!
//! This is the one place where roles are decided. Services call `require`
//! before touching data; doors never check roles themselves. Portal actors
//! additionally get their client scope applied by every query (see
//! `Actor::client_scope`), so an object of another client is "not found".

use crate::actor::Actor;
use crate::error::{CoreError, CoreResult};
use parc_api::auth::{Permissions, Role};

pub use parc_api::authz::Operation;

/// Who the matrix distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleKind {
    Manager,
    Technician,
    Portal,
    System,
}

impl RoleKind {
    pub fn of(actor: &Actor) -> Self {
        match actor {
            Actor::Staff {
                role: Role::Manager,
                ..
            } => RoleKind::Manager,
            Actor::Staff {
                role: Role::Technician,
                ..
            } => RoleKind::Technician,
            Actor::Portal { .. } => RoleKind::Portal,
            Actor::System => RoleKind::System,
        }
    }

    /// Who a refusal names.
    fn who(self) -> parc_api::problem::Who {
        use parc_api::problem::Who;
        match self {
            RoleKind::Manager => Who::Manager,
            RoleKind::Technician => Who::Technician,
            RoleKind::Portal => Who::PortalContact,
            RoleKind::System => Who::System,
        }
    }
}

/// The matrix itself. Managers and the system may do everything.
pub fn allowed(role: RoleKind, op: Operation) -> bool {
    use Operation::*;
    match role {
        RoleKind::Manager | RoleKind::System => true,
        // Technicians keep the inventory and the stock up to date in the field.
        RoleKind::Technician => matches!(
            op,
            ReadClients
                | ReadZones
                | ReadHistory
                | ReadEquipment
                | WriteEquipment
                | WriteCatalogue
                | ReadParts
                | WriteParts
                | ReadContracts
                | ReadTickets
                | WriteTickets
                | OpenTickets
                | ReadSoftware
                | ReadLicences
                | AssignLicences
                | ReadAlerts
                | HandleAlerts
        ),
        // Portal reads are narrowed to the contact's client by every query.
        RoleKind::Portal => matches!(
            op,
            ReadClients
                | ReadEquipment
                | ReadContracts
                | ReadInvoices
                | ReadLicences
                | ReadTickets
                | OpenTickets
        ),
    }
}

/// What a staff role may do, for the UI to show only what would be allowed.
pub fn permissions(role: Role) -> Permissions {
    let kind = match role {
        Role::Manager => RoleKind::Manager,
        Role::Technician => RoleKind::Technician,
    };
    Permissions {
        manage_users: allowed(kind, Operation::ManageUsers),
        write_clients: allowed(kind, Operation::WriteClients),
        write_zones: allowed(kind, Operation::WriteZones),
        write_equipment: allowed(kind, Operation::WriteEquipment),
        write_catalogue: allowed(kind, Operation::WriteCatalogue),
        write_parts: allowed(kind, Operation::WriteParts),
        write_contracts: allowed(kind, Operation::WriteContracts),
        read_invoices: allowed(kind, Operation::ReadInvoices),
        write_invoices: allowed(kind, Operation::WriteInvoices),
        manage_settings: allowed(kind, Operation::ManageSettings),
        write_licences: allowed(kind, Operation::WriteLicences),
        assign_licences: allowed(kind, Operation::AssignLicences),
        reveal_licence_keys: allowed(kind, Operation::RevealLicenceKeys),
        manage_portal: allowed(kind, Operation::ManagePortal),
        read_statistics: allowed(kind, Operation::ReadStatistics),
    }
}

/// The matrix as a Markdown table (operation × manager, technician, portal
/// contact), the one ARCHITECTURE.md shows: a test keeps them the same.
pub fn matrix_markdown() -> String {
    let mark = |role, op| if allowed(role, op) { "yes" } else { "—" };
    let mut table =
        String::from("| operation | manager | technician | portal contact |\n|---|---|---|---|\n");
    for op in Operation::ALL {
        table.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            op.describe(parc_api::auth::Language::En),
            mark(RoleKind::Manager, op),
            mark(RoleKind::Technician, op),
            mark(RoleKind::Portal, op),
        ));
    }
    table
}

pub fn require(actor: &Actor, op: Operation) -> CoreResult<()> {
    let role = RoleKind::of(actor);
    if allowed(role, op) {
        Ok(())
    } else {
        Err(CoreError::Forbidden(
            parc_api::problem::Problem::Forbidden {
                who: role.who(),
                operation: op,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ARCHITECTURE.md shows the matrix between two markers; it must be
    /// the one the code enforces.
    #[test]
    fn the_documented_matrix_is_the_enforced_one() {
        let doc = include_str!("../../ARCHITECTURE.md");
        let start = "<!-- role-matrix:start -->\n";
        let end = "<!-- role-matrix:end -->";
        let documented = doc
            .split_once(start)
            .and_then(|(_, rest)| rest.split_once(end))
            .map(|(table, _)| table)
            .expect("ARCHITECTURE.md has the role-matrix markers");
        assert_eq!(
            documented,
            matrix_markdown(),
            "ARCHITECTURE.md's role matrix differs from authz::allowed; the table it should hold:\n{}",
            matrix_markdown()
        );
    }

    #[test]
    fn a_technician_is_refused_invoices_with_a_reason() {
        let tech = Actor::technician(2, "Tom");
        match require(&tech, Operation::WriteInvoices) {
            Err(error @ CoreError::Forbidden(_)) => {
                assert_eq!(
                    error.to_string(),
                    "a technician cannot create, finalise or change invoices"
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn technicians_read_but_do_not_manage() {
        let tech = Actor::technician(2, "Tom");
        assert!(require(&tech, Operation::ReadClients).is_ok());
        let err = require(&tech, Operation::ManageUsers).unwrap_err();
        assert_eq!(err.to_string(), "a technician cannot manage users");
        assert!(require(&tech, Operation::WriteClients).is_err());
        assert!(require(&tech, Operation::ReadContracts).is_ok());
        let err = require(&tech, Operation::WriteInvoices).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a technician cannot create, finalise or change invoices"
        );
        assert!(require(&tech, Operation::ReadInvoices).is_err());
    }

    #[test]
    fn session_permissions_follow_the_matrix() {
        let technician = permissions(Role::Technician);
        assert!(!technician.manage_users && !technician.write_clients && !technician.write_zones);
        let manager = permissions(Role::Manager);
        assert!(manager.manage_users && manager.write_clients && manager.write_zones);
    }

    #[test]
    fn managers_may_do_everything() {
        let manager = Actor::manager(1, "Mia");
        for op in Operation::ALL {
            assert!(require(&manager, op).is_ok(), "{op:?}");
        }
    }

    #[test]
    fn technicians_give_seats_but_never_see_keys_or_change_licences() {
        let tech = Actor::technician(2, "Tom");
        assert!(require(&tech, Operation::AssignLicences).is_ok());
        assert!(require(&tech, Operation::ReadSoftware).is_ok());
        assert_eq!(
            require(&tech, Operation::RevealLicenceKeys)
                .unwrap_err()
                .to_string(),
            "a technician cannot reveal licence keys"
        );
        assert!(require(&tech, Operation::WriteLicences).is_err());
    }

    #[test]
    fn portal_contacts_only_read_their_own_records() {
        let portal = Actor::Portal {
            contact_id: 1,
            client_id: 3,
            name: "Paul".into(),
            tickets: parc_api::portal::TicketScope::Client,
        };
        for op in Operation::ALL {
            assert_eq!(
                require(&portal, op).is_ok(),
                matches!(
                    op,
                    Operation::ReadClients
                        | Operation::ReadEquipment
                        | Operation::ReadContracts
                        | Operation::ReadInvoices
                        | Operation::ReadLicences
                        | Operation::ReadTickets
                        | Operation::OpenTickets
                ),
                "{op:?}"
            );
        }
    }
}

//! The door every command goes through first: a table of what each
//! command needs (nothing, a session, or an operation of the role matrix in
//! `parc_core::authz`), checked before its arguments are even read. The
//! services check the same operations again inside; this table makes the
//! rule visible in one place, lets a test try every command as every role
//! through Tauri's real IPC, and refuses a command it does not know.

use crate::state::{ipc, App};
use parc_api::{commands, IpcError};
use parc_core::authz::{require, Operation};

/// What a command needs before it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Nothing: start-up, first-run set-up, login and logout.
    Open,
    /// A logged-in user, whatever the role (the service narrows the rest).
    Session,
    /// A logged-in user whose role may do this operation.
    Op(Operation),
}

/// What each command needs, in the order of `parc_api::commands::ALL`.
pub const COMMAND_ACCESS: &[(&str, Access)] = &[
    (commands::STARTUP_STATE, Access::Open),
    (commands::COMPLETE_SETUP, Access::Open),
    (commands::LOGIN, Access::Open),
    (commands::LOGOUT, Access::Open),
    (commands::SET_LANGUAGE, Access::Session),
    (commands::LIST_USERS, Access::Op(Operation::ManageUsers)),
    (commands::CREATE_USER, Access::Op(Operation::ManageUsers)),
    (
        commands::SET_USER_ACTIVE,
        Access::Op(Operation::ManageUsers),
    ),
    (
        commands::RESET_USER_PASSWORD,
        Access::Op(Operation::ManageUsers),
    ),
    (commands::LIST_CLIENTS, Access::Op(Operation::ReadClients)),
    (commands::GET_CLIENT, Access::Op(Operation::ReadClients)),
    (commands::CREATE_CLIENT, Access::Op(Operation::WriteClients)),
    (commands::UPDATE_CLIENT, Access::Op(Operation::WriteClients)),
    (
        commands::SET_CLIENT_ARCHIVED,
        Access::Op(Operation::WriteClients),
    ),
    (commands::DELETE_CLIENT, Access::Op(Operation::WriteClients)),
    (
        commands::CREATE_CONTACT,
        Access::Op(Operation::WriteClients),
    ),
    (
        commands::UPDATE_CONTACT,
        Access::Op(Operation::WriteClients),
    ),
    (
        commands::SET_CONTACT_ARCHIVED,
        Access::Op(Operation::WriteClients),
    ),
    (
        commands::DELETE_CONTACT,
        Access::Op(Operation::WriteClients),
    ),
    (commands::LIST_ZONES, Access::Op(Operation::ReadZones)),
    (commands::CREATE_ZONE, Access::Op(Operation::WriteZones)),
    (commands::UPDATE_ZONE, Access::Op(Operation::WriteZones)),
    (commands::LIST_SITES, Access::Op(Operation::ReadClients)),
    (commands::CREATE_SITE, Access::Op(Operation::WriteClients)),
    (commands::UPDATE_SITE, Access::Op(Operation::WriteClients)),
    (
        commands::SET_SITE_ARCHIVED,
        Access::Op(Operation::WriteClients),
    ),
    (commands::DELETE_SITE, Access::Op(Operation::WriteClients)),
    (commands::RECORD_HISTORY, Access::Op(Operation::ReadHistory)),
    (commands::GLOBAL_SEARCH, Access::Op(Operation::ReadClients)),
    (
        commands::GET_CATALOGUE,
        Access::Op(Operation::ReadEquipment),
    ),
    (commands::CREATE_TYPE, Access::Op(Operation::WriteCatalogue)),
    (commands::UPDATE_TYPE, Access::Op(Operation::WriteCatalogue)),
    (
        commands::CREATE_MANUFACTURER,
        Access::Op(Operation::WriteCatalogue),
    ),
    (
        commands::UPDATE_MANUFACTURER,
        Access::Op(Operation::WriteCatalogue),
    ),
    (
        commands::CREATE_MODEL,
        Access::Op(Operation::WriteCatalogue),
    ),
    (
        commands::UPDATE_MODEL,
        Access::Op(Operation::WriteCatalogue),
    ),
    (
        commands::LIST_EQUIPMENT,
        Access::Op(Operation::ReadEquipment),
    ),
    (
        commands::GET_EQUIPMENT,
        Access::Op(Operation::ReadEquipment),
    ),
    (
        commands::CREATE_EQUIPMENT,
        Access::Op(Operation::WriteEquipment),
    ),
    (
        commands::UPDATE_EQUIPMENT,
        Access::Op(Operation::WriteEquipment),
    ),
    (
        commands::DELETE_EQUIPMENT,
        Access::Op(Operation::WriteEquipment),
    ),
    (
        commands::BULK_CHANGE_EQUIPMENT,
        Access::Op(Operation::WriteEquipment),
    ),
    (
        commands::EXPORT_EQUIPMENT,
        Access::Op(Operation::ReadEquipment),
    ),
    (
        commands::IMPORT_EQUIPMENT,
        Access::Op(Operation::WriteEquipment),
    ),
    (commands::PRINT_LABELS, Access::Op(Operation::ReadEquipment)),
    (commands::LIST_PARTS, Access::Op(Operation::ReadParts)),
    (commands::CREATE_PART, Access::Op(Operation::WriteParts)),
    (commands::UPDATE_PART, Access::Op(Operation::WriteParts)),
    (
        commands::RECORD_STOCK_MOVEMENT,
        Access::Op(Operation::WriteParts),
    ),
    (
        commands::LIST_STOCK_MOVEMENTS,
        Access::Op(Operation::ReadParts),
    ),
    (commands::LIST_SOFTWARE, Access::Op(Operation::ReadSoftware)),
    (commands::GET_SOFTWARE, Access::Op(Operation::ReadSoftware)),
    (
        commands::CREATE_SOFTWARE,
        Access::Op(Operation::WriteCatalogue),
    ),
    (
        commands::UPDATE_SOFTWARE,
        Access::Op(Operation::WriteCatalogue),
    ),
    (
        commands::LIST_INSTALLATIONS,
        Access::Op(Operation::ReadEquipment),
    ),
    (
        commands::ADD_INSTALLATION,
        Access::Op(Operation::WriteEquipment),
    ),
    (
        commands::REMOVE_INSTALLATION,
        Access::Op(Operation::WriteEquipment),
    ),
    (
        commands::IMPORT_INSTALLATIONS,
        Access::Op(Operation::WriteEquipment),
    ),
    (commands::LIST_LICENCES, Access::Op(Operation::ReadLicences)),
    (commands::GET_LICENCE, Access::Op(Operation::ReadLicences)),
    (
        commands::CREATE_LICENCE,
        Access::Op(Operation::WriteLicences),
    ),
    (
        commands::UPDATE_LICENCE,
        Access::Op(Operation::WriteLicences),
    ),
    (
        commands::ADD_LICENCE_LOT,
        Access::Op(Operation::WriteLicences),
    ),
    (
        commands::RENEW_LICENCE,
        Access::Op(Operation::WriteLicences),
    ),
    (
        commands::REVEAL_LICENCE_KEY,
        Access::Op(Operation::RevealLicenceKeys),
    ),
    (
        commands::ASSIGN_LICENCE,
        Access::Op(Operation::AssignLicences),
    ),
    (
        commands::UNASSIGN_LICENCE,
        Access::Op(Operation::AssignLicences),
    ),
    (
        commands::LICENCE_COMPLIANCE,
        Access::Op(Operation::ReadLicences),
    ),
    (
        commands::COMPLIANCE_DETAIL,
        Access::Op(Operation::ReadLicences),
    ),
    (
        commands::EXPORT_LICENCES,
        Access::Op(Operation::ReadLicences),
    ),
    (
        commands::LIST_CONTRACTS,
        Access::Op(Operation::ReadContracts),
    ),
    (commands::GET_CONTRACT, Access::Op(Operation::ReadContracts)),
    (
        commands::CREATE_CONTRACT,
        Access::Op(Operation::WriteContracts),
    ),
    (
        commands::UPDATE_CONTRACT,
        Access::Op(Operation::WriteContracts),
    ),
    (
        commands::CHANGE_CONTRACT_STATUS,
        Access::Op(Operation::WriteContracts),
    ),
    (
        commands::RENEW_CONTRACT,
        Access::Op(Operation::WriteContracts),
    ),
    (commands::LIST_INVOICES, Access::Op(Operation::ReadInvoices)),
    (commands::GET_INVOICE, Access::Op(Operation::ReadInvoices)),
    (
        commands::CREATE_DRAFT_INVOICE,
        Access::Op(Operation::WriteInvoices),
    ),
    (
        commands::UPDATE_DRAFT_INVOICE,
        Access::Op(Operation::WriteInvoices),
    ),
    (
        commands::DELETE_DRAFT_INVOICE,
        Access::Op(Operation::WriteInvoices),
    ),
    (
        commands::FINALISE_INVOICE,
        Access::Op(Operation::WriteInvoices),
    ),
    (
        commands::MARK_INVOICE_SENT,
        Access::Op(Operation::WriteInvoices),
    ),
    (
        commands::RECORD_PAYMENT,
        Access::Op(Operation::WriteInvoices),
    ),
    (
        commands::CREDIT_INVOICE,
        Access::Op(Operation::WriteInvoices),
    ),
    (
        commands::SAVE_INVOICE_PDF,
        Access::Op(Operation::ReadInvoices),
    ),
    (
        commands::PREVIEW_INVOICE_RUN,
        Access::Op(Operation::WriteInvoices),
    ),
    (
        commands::RUN_INVOICING,
        Access::Op(Operation::WriteInvoices),
    ),
    (
        commands::EXPORT_INVOICES,
        Access::Op(Operation::WriteInvoices),
    ),
    (commands::GET_COMPANY, Access::Session),
    (commands::SET_COMPANY, Access::Op(Operation::ManageSettings)),
    (
        commands::GET_INVOICING_SETTINGS,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::SET_INVOICING_SETTINGS,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::SET_COMPANY_LOGO,
        Access::Op(Operation::ManageSettings),
    ),
    (commands::LIST_TICKETS, Access::Op(Operation::ReadTickets)),
    (commands::GET_TICKET, Access::Op(Operation::ReadTickets)),
    (commands::CREATE_TICKET, Access::Op(Operation::OpenTickets)),
    (
        commands::CHANGE_TICKET_STATUS,
        Access::Op(Operation::WriteTickets),
    ),
    (
        commands::ADD_TICKET_MESSAGE,
        Access::Op(Operation::OpenTickets),
    ),
    (commands::ASSIGN_TICKET, Access::Op(Operation::WriteTickets)),
    (
        commands::LIST_TECHNICIANS,
        Access::Op(Operation::ReadTickets),
    ),
    (
        commands::SET_TECHNICIAN_PROFILE,
        Access::Op(Operation::ManageUsers),
    ),
    (
        commands::GET_DESK_CATALOGUE,
        Access::Op(Operation::ReadTickets),
    ),
    (
        commands::SUGGEST_ASSIGNEE,
        Access::Op(Operation::ReadTickets),
    ),
    (commands::CREATE_SKILL, Access::Op(Operation::ManageUsers)),
    (
        commands::CREATE_TICKET_CATEGORY,
        Access::Op(Operation::ManageUsers),
    ),
    (commands::START_TIMER, Access::Op(Operation::WriteTickets)),
    (commands::STOP_TIMER, Access::Op(Operation::WriteTickets)),
    (commands::RUNNING_TIMER, Access::Op(Operation::ReadTickets)),
    (
        commands::ADD_TIME_ENTRY,
        Access::Op(Operation::WriteTickets),
    ),
    (
        commands::LIST_TICKET_TIME,
        Access::Op(Operation::ReadTickets),
    ),
    (
        commands::LIST_INTERVENTIONS,
        Access::Op(Operation::ReadTickets),
    ),
    (
        commands::GET_INTERVENTION,
        Access::Op(Operation::ReadTickets),
    ),
    (
        commands::CREATE_INTERVENTION,
        Access::Op(Operation::WriteTickets),
    ),
    (
        commands::UPDATE_INTERVENTION,
        Access::Op(Operation::WriteTickets),
    ),
    (
        commands::USE_INTERVENTION_PARTS,
        Access::Op(Operation::WriteTickets),
    ),
    (
        commands::SAVE_INTERVENTION_REPORT,
        Access::Op(Operation::ReadTickets),
    ),
    (commands::RUN_PLANNING, Access::Op(Operation::WriteTickets)),
    (
        commands::GET_DESK_SETTINGS,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::SET_DESK_SETTINGS,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::GET_REPORT_LAYOUT,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::SET_REPORT_LAYOUT,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::GET_SLA_SETTINGS,
        Access::Op(Operation::ReadTickets),
    ),
    (
        commands::SET_SLA_SETTINGS,
        Access::Op(Operation::ManageSettings),
    ),
    (commands::LIST_ALERTS, Access::Op(Operation::ReadAlerts)),
    (
        commands::COUNT_OPEN_ALERTS,
        Access::Op(Operation::ReadAlerts),
    ),
    (
        commands::ACKNOWLEDGE_ALERTS,
        Access::Op(Operation::HandleAlerts),
    ),
    (commands::SNOOZE_ALERT, Access::Op(Operation::HandleAlerts)),
    (
        commands::LIST_ALERT_RULES,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::SAVE_ALERT_RULE,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::GET_MAIL_SETTINGS,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::SAVE_MAIL_SETTINGS,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::SEND_TEST_MAIL,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::LIST_MAIL_TEMPLATES,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::SAVE_MAIL_TEMPLATE,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::RESET_MAIL_TEMPLATE,
        Access::Op(Operation::ManageSettings),
    ),
    (commands::LIST_OUTBOX, Access::Op(Operation::ManageSettings)),
    (commands::RETRY_MAIL, Access::Op(Operation::ManageSettings)),
    (
        commands::GET_PORTAL_STATUS,
        Access::Op(Operation::ManagePortal),
    ),
    (
        commands::SAVE_PORTAL_SETTINGS,
        Access::Op(Operation::ManagePortal),
    ),
    (
        commands::GET_PORTAL_ACCESS,
        Access::Op(Operation::ManagePortal),
    ),
    (
        commands::SET_PORTAL_ACCESS,
        Access::Op(Operation::ManagePortal),
    ),
    (
        commands::SEND_PORTAL_LINK,
        Access::Op(Operation::ManagePortal),
    ),
    (
        commands::GET_MANAGER_DASHBOARD,
        Access::Op(Operation::ReadStatistics),
    ),
    (
        commands::GET_TECHNICIAN_DASHBOARD,
        Access::Op(Operation::ReadTickets),
    ),
    (
        commands::GET_STATISTICS,
        Access::Op(Operation::ReadStatistics),
    ),
    (
        commands::EXPORT_STATISTICS,
        Access::Op(Operation::ReadStatistics),
    ),
    (
        commands::GET_ACTIVITY_REPORT,
        Access::Op(Operation::ReadStatistics),
    ),
    (
        commands::SAVE_ACTIVITY_REPORT,
        Access::Op(Operation::ReadStatistics),
    ),
    (commands::GET_BACKUPS, Access::Op(Operation::ManageSettings)),
    (
        commands::SAVE_BACKUP_SETTINGS,
        Access::Op(Operation::ManageSettings),
    ),
    (commands::BACK_UP_NOW, Access::Op(Operation::ManageSettings)),
    (commands::GET_BACKUP_PROGRESS, Access::Session),
    (
        commands::RESTORE_BACKUP,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::GET_SEQUENCES,
        Access::Op(Operation::ManageSettings),
    ),
    (
        commands::SAVE_SEQUENCE,
        Access::Op(Operation::ManageSettings),
    ),
];

/// What `command` needs, if Parc has such a command.
pub fn access_of(command: &str) -> Option<Access> {
    COMMAND_ACCESS
        .iter()
        .find(|(name, _)| *name == command)
        .map(|(_, access)| *access)
}

/// Lets the command through, or says why not (the message the user sees).
pub fn admit(app: &App, command: &str) -> Result<(), IpcError> {
    match access_of(command) {
        None => Err(IpcError::internal(format!("no such command: {command}"))),
        Some(Access::Open) => Ok(()),
        Some(Access::Session) => app.actor().map(|_| ()),
        Some(Access::Op(operation)) => require(&app.actor()?, operation).map_err(ipc),
    }
}

/// Wraps the commands' handler (`all_commands!()`) with the door: a refused
/// command is answered with its reason and never runs.
pub fn guarded<R: tauri::Runtime>(
    commands: impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    use tauri::Manager;
    move |invoke| {
        let verdict = {
            let webview = invoke.message.webview();
            let app = webview.state::<App>();
            admit(&app, invoke.message.command())
        };
        match verdict {
            Ok(()) => commands(invoke),
            Err(refused) => {
                invoke.resolver.reject(refused);
                true
            }
        }
    }
}

#[cfg(test)]
mod role_paths;

#[cfg(test)]
mod tests {
    //! Every command of `parc_api::commands::ALL`, sent through Tauri's real
    //! IPC handler (the mock runtime, with the app's own configuration) as
    //! a manager, a technician and nobody: the door refuses exactly what the
    //! role matrix refuses, with the matrix's reason. The arguments are left
    //! empty, so an admitted command stops at reading them (or runs, if it
    //! takes none) — what counts here is whether the door let it in.

    use super::*;
    use parc_api::auth::{Role, SessionInfo};
    use parc_api::ErrorKind;
    use parc_core::authz::{allowed, permissions, RoleKind};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::Manager;

    #[test]
    fn every_command_has_one_line_in_the_table() {
        for command in commands::ALL {
            assert!(
                access_of(command).is_some(),
                "{command} is not in the table"
            );
        }
        assert_eq!(COMMAND_ACCESS.len(), commands::ALL.len(), "one line each");
        assert_eq!(access_of("drop_everything"), None);
    }

    fn session(role: Role) -> SessionInfo {
        SessionInfo {
            user_id: 1,
            name: "Role Test".into(),
            email: "role.test@parc.example".into(),
            role,
            permissions: permissions(role),
        }
    }

    /// The app as `main.rs` builds it (state, the door, every command, its
    /// configuration) on Tauri's mock runtime, over a new database.
    pub(super) fn app_with_its_window() -> (
        tempfile::TempDir,
        tauri::App<tauri::test::MockRuntime>,
        tauri::WebviewWindow<tauri::test::MockRuntime>,
    ) {
        let dir = tempfile::tempdir().expect("folder");
        let path = dir.path().join("parc.db");
        let db = tauri::async_runtime::block_on(parc_core::db::open(&path)).expect("database");
        let app = mock_builder()
            .manage(App::new(db, &path))
            .invoke_handler(guarded(crate::all_commands!()))
            .build(tauri::generate_context!("../tauri.conf.json"))
            .expect("app");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("webview");
        (dir, app, webview)
    }

    /// Sends `command` with no arguments; the error's kind and message if refused.
    fn send(
        webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
        command: &str,
    ) -> Option<(ErrorKind, String)> {
        let answer = get_ipc_response(
            webview,
            InvokeRequest {
                cmd: command.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().expect("url"),
                body: InvokeBody::default(),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        );
        let refused = answer.err()?;
        let error: IpcError = serde_json::from_value(refused).ok()?;
        Some((error.kind, error.message))
    }

    #[test]
    fn every_command_admits_exactly_the_roles_the_matrix_allows() {
        let (_dir, app, webview) = app_with_its_window();
        let state = app.state::<App>();
        let mut checked = 0;
        for role in [Some(Role::Manager), Some(Role::Technician), None] {
            for (command, access) in COMMAND_ACCESS {
                state.set_session(role.map(session));
                let refused = send(&webview, command);
                let refused_at_door = match &refused {
                    Some((ErrorKind::Forbidden | ErrorKind::Unauthenticated, _)) => refused.clone(),
                    _ => None,
                };
                let expected = match (access, role) {
                    (Access::Open, _) => None,
                    (_, None) => Some(ErrorKind::Unauthenticated),
                    (Access::Session, Some(_)) => None,
                    (Access::Op(op), Some(role)) => {
                        let kind = match role {
                            Role::Manager => RoleKind::Manager,
                            Role::Technician => RoleKind::Technician,
                        };
                        (!allowed(kind, *op)).then_some(ErrorKind::Forbidden)
                    }
                };
                assert_eq!(
                    refused_at_door.as_ref().map(|(kind, _)| *kind),
                    expected,
                    "{command} as {role:?}: {refused:?}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 3 * commands::ALL.len());
    }

    /// What the issue says of technicians, checked by name through the
    /// real IPC, independently of the table: they create and change
    /// tickets, interventions and time entries and read equipment, clients
    /// and contracts; every command about invoices or users, and every one
    /// that changes a setting (numbering, backups, e-mail, the portal, …),
    /// turns them away.
    #[test]
    fn technicians_work_tickets_and_never_touch_invoices_users_or_settings() {
        let (_dir, app, webview) = app_with_its_window();
        let state = app.state::<App>();
        let refused = |command: &str| {
            state.set_session(Some(session(Role::Technician)));
            matches!(send(&webview, command), Some((ErrorKind::Forbidden, _)))
        };
        for command in [
            commands::CREATE_TICKET,
            commands::CHANGE_TICKET_STATUS,
            commands::ASSIGN_TICKET,
            commands::ADD_TICKET_MESSAGE,
            commands::CREATE_INTERVENTION,
            commands::UPDATE_INTERVENTION,
            commands::START_TIMER,
            commands::STOP_TIMER,
            commands::ADD_TIME_ENTRY,
            commands::LIST_EQUIPMENT,
            commands::GET_EQUIPMENT,
            commands::LIST_CLIENTS,
            commands::GET_CLIENT,
            commands::LIST_CONTRACTS,
            commands::GET_CONTRACT,
        ] {
            assert!(!refused(command), "a technician may {command}");
        }
        // Changing any setting: the commands that set, save, send, reset,
        // retry, back up or restore — but for the interface language (on
        // everyone's Settings page) and an intervention report written to
        // a file.
        let changes_a_setting = |c: &str| {
            [
                "set_", "save_", "send_", "reset_", "retry_", "back_up", "restore",
            ]
            .iter()
            .any(|start| c.starts_with(start))
                && ![commands::SET_LANGUAGE, commands::SAVE_INTERVENTION_REPORT].contains(&c)
        };
        let untouchable = commands::ALL
            .iter()
            .filter(|c| c.contains("invoice") || c.contains("user") || changes_a_setting(c));
        let mut count = 0;
        for command in untouchable {
            assert!(refused(command), "a technician may not {command}");
            count += 1;
        }
        assert!(
            count > 30,
            "{count} commands about invoices, users and settings"
        );
    }

    /// The deliberate breach: a technician finalising an invoice is turned
    /// away at the door with the matrix's reason.
    #[test]
    fn a_technician_writing_an_invoice_is_told_why_not() {
        let (_dir, app, webview) = app_with_its_window();
        app.state::<App>()
            .set_session(Some(session(Role::Technician)));
        for command in [commands::FINALISE_INVOICE, commands::CREATE_DRAFT_INVOICE] {
            assert_eq!(
                send(&webview, command),
                Some((
                    ErrorKind::Forbidden,
                    "a technician cannot create, finalise or change invoices".to_owned()
                )),
                "{command}"
            );
        }
    }
}

//! The door every command goes through first: what each command needs
//! (nothing, a session, or an operation of the role matrix in
//! `parc_core::authz`), as its declaration in `parc_api::commands` says,
//! checked before its input is even read. The services check the same
//! operations again inside; the declarations make the rule visible in one
//! place, the tests below try every command as every role through Tauri's
//! real IPC, and a command Parc does not declare is refused.

use crate::state::{ipc, App};
use parc_api::IpcError;
use parc_core::authz::require;

pub use parc_api::commands::{access_of, Access};

/// Lets the command through, or says why not (the message the user sees).
/// The actor is the user's row as it is now (`App::current_actor`), not
/// the session as it was cached at login.
pub async fn admit(app: &App, command: &str) -> Result<(), IpcError> {
    super::second_factor::refuse_while_due(app, command)?;
    match access_of(command) {
        None => Err(IpcError::internal(format!("no such command: {command}"))),
        Some(Access::Open) => Ok(()),
        Some(Access::Session) => app.current_actor().await.map(|_| ()),
        Some(Access::Op(operation)) => require(&app.current_actor().await?, operation).map_err(ipc),
    }
}

/// Tauri's invoke handler: the door first (a refused command is answered
/// with its reason and never runs), then the command's `Door` through
/// `door::dispatch`, its input read from the call's `input` key. The door
/// reads the database, so all of it runs on the async runtime (every
/// command is async: none needs the main thread).
pub fn guarded<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    use tauri::{Emitter, Manager};
    move |invoke| {
        tauri::async_runtime::spawn(async move {
            let webview = invoke.message.webview();
            let app = webview.state::<App>();
            let had_session = app.session().is_some();
            let command = invoke.message.command().to_owned();
            if let Err(refused) = admit(&app, &command).await {
                if had_session && app.session().is_none() {
                    let _ = webview.emit(parc_api::auth::SIGNED_OUT_EVENT, &refused.message);
                }
                invoke.resolver.reject(refused);
                return;
            }
            let input = match invoke.message.payload() {
                tauri::ipc::InvokeBody::Json(body) => body
                    .get("input")
                    .cloned()
                    .unwrap_or(serde_json::Value::Null),
                tauri::ipc::InvokeBody::Raw(_) => serde_json::Value::Null,
            };
            let handle = webview.app_handle().clone();
            let events = super::door::Events::new(move |event, payload| {
                // Progress is a courtesy: a closed window must not fail the work.
                let _ = handle.emit(event, payload);
            });
            let ctx = super::door::Ctx::new(&app, events);
            let started = std::time::Instant::now();
            let answer = super::door::dispatch(ctx, &command, input).await;
            say_if_slow(&command, started.elapsed());
            match answer {
                Ok(answer) => invoke.resolver.resolve(answer),
                Err(error) => invoke.resolver.reject(error),
            }
        });
        true
    }
}

/// A command that took longer than this is logged: a window that waits
/// (a list still "Loading") then says whether the backend was slow or its
/// answer never reached the page.
const SLOW: std::time::Duration = std::time::Duration::from_secs(2);

fn say_if_slow(command: &str, took: std::time::Duration) {
    if took >= SLOW {
        eprintln!("parc: {command} answered after {} ms", took.as_millis());
    }
}

#[cfg(test)]
mod role_paths;

#[cfg(test)]
mod second_factor_door;

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
    use parc_api::commands::{self, Command};
    use parc_api::ErrorKind;
    use parc_core::authz::{allowed, permissions, RoleKind};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::Manager;

    /// The session of the app's user of `role` (`app_with_its_window`
    /// makes them: the door reads their row before every command).
    fn session(role: Role) -> SessionInfo {
        SessionInfo {
            user_id: match role {
                Role::Manager => 1,
                Role::Technician => 2,
            },
            name: "Role Test".into(),
            email: "role.test@parc.example".into(),
            role,
            permissions: permissions(role),
            second_factor_due: false,
            language: Default::default(),
        }
    }

    /// The app with a manager (id 1) and a technician (id 2), whose
    /// sessions `session` gives.
    fn app_with_its_window() -> (
        tempfile::TempDir,
        tauri::App<tauri::test::MockRuntime>,
        tauri::WebviewWindow<tauri::test::MockRuntime>,
    ) {
        let (dir, app, webview) = bare_app_with_its_window();
        let db = app.state::<App>().db.clone();
        for role in [Role::Manager, Role::Technician] {
            let user = parc_api::users::NewUser {
                name: "Role Test".into(),
                email: format!("{}.test@parc.example", role.code()),
                role,
                password: "role-test-password".into(),
            };
            tauri::async_runtime::block_on(parc_core::auth::create_user(
                &db,
                &parc_core::Actor::System,
                &user,
            ))
            .expect("user");
        }
        (dir, app, webview)
    }

    /// The app as `main.rs` builds it (state, the door, every command, its
    /// configuration) on Tauri's mock runtime, over a new database.
    pub(super) fn bare_app_with_its_window() -> (
        tempfile::TempDir,
        tauri::App<tauri::test::MockRuntime>,
        tauri::WebviewWindow<tauri::test::MockRuntime>,
    ) {
        let dir = tempfile::tempdir().expect("folder");
        let path = dir.path().join("parc.db");
        let db = tauri::async_runtime::block_on(parc_core::db::open(&path)).expect("database");
        let app = mock_builder()
            .manage(App::new(db, &path))
            .invoke_handler(guarded())
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
            for declared in commands::ALL {
                let (command, access) = (declared.name, &declared.access);
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
            commands::CreateTicket::NAME,
            commands::ChangeTicketStatus::NAME,
            commands::AssignTicket::NAME,
            commands::AddTicketMessage::NAME,
            commands::CreateIntervention::NAME,
            commands::UpdateIntervention::NAME,
            commands::StartTimer::NAME,
            commands::StopTimer::NAME,
            commands::AddTimeEntry::NAME,
            commands::ListEquipment::NAME,
            commands::GetEquipment::NAME,
            commands::ListClients::NAME,
            commands::GetClient::NAME,
            commands::ListContracts::NAME,
            commands::GetContract::NAME,
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
                && ![
                    commands::SetLanguage::NAME,
                    commands::SaveInterventionReport::NAME,
                ]
                .contains(&c)
        };
        let untouchable = commands::ALL
            .iter()
            .map(|declared| declared.name)
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
        for command in [
            commands::FinaliseInvoice::NAME,
            commands::CreateDraftInvoice::NAME,
        ] {
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

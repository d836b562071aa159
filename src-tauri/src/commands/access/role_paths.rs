//! Roles on the side paths, through Tauri's real IPC (the mock runtime,
//! the app's own configuration and door) over the demo data: what a
//! technician signed in for real reaches through a contract's schedule or
//! a record's history.

use super::tests::app_with_its_window;
use crate::state::App;
use parc_api::auth::SessionInfo;
use parc_api::{commands, ErrorKind, IpcError};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::Manager;

pub(super) type Window = tauri::WebviewWindow<MockRuntime>;

/// Sends `command` with `args`: its answer, or the error it was refused with.
pub(super) fn call(webview: &Window, command: &str, args: Value) -> Result<Value, IpcError> {
    let answer = get_ipc_response(
        webview,
        InvokeRequest {
            cmd: command.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    );
    match answer {
        Ok(body) => Ok(body.deserialize::<Value>().expect("a JSON answer")),
        Err(refused) => Err(serde_json::from_value(refused).expect("an IpcError")),
    }
}

/// The demo data in the app's database, and its accounts.
pub(super) fn with_demo(app: &tauri::App<MockRuntime>) -> Vec<parc_core::demo::DemoAccount> {
    let db = app.state::<App>().db.clone();
    tauri::async_runtime::block_on(parc_core::demo::fill(&db)).expect("demo data")
}

/// Signs the demo's first account of `role` in, as the login would.
pub(super) fn sign_in(
    app: &tauri::App<MockRuntime>,
    accounts: &[parc_core::demo::DemoAccount],
    role: &str,
) -> SessionInfo {
    let account = accounts
        .iter()
        .find(|a| a.role == role)
        .expect("a demo account");
    let state = app.state::<App>();
    let session = tauri::async_runtime::block_on(parc_core::auth::login(
        &state.db,
        &account.email,
        &account.password,
    ))
    .expect("login");
    state.set_session(Some(session.clone()));
    session
}

/// The first integer of the first row `sql` answers.
pub(super) fn number(app: &tauri::App<MockRuntime>, sql: &str) -> i64 {
    let db = app.state::<App>().db.clone();
    let row = tauri::async_runtime::block_on(
        db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)),
    )
    .expect(sql)
    .expect("a row");
    row.try_get_by_index::<i64>(0).expect("a number")
}

fn refusal(result: Result<Value, IpcError>) -> (ErrorKind, Option<String>) {
    let error = result.expect_err("refused");
    (error.kind, error.field)
}

#[test]
fn a_technician_reads_the_schedule_without_its_invoices() {
    let (_dir, app, webview) = app_with_its_window();
    let accounts = with_demo(&app);
    let contract = number(
        &app,
        "SELECT contract_id FROM invoices WHERE contract_id IS NOT NULL AND number IS NOT NULL LIMIT 1",
    );
    let args = json!({ "id": contract });

    sign_in(&app, &accounts, "manager");
    let managers = call(&webview, commands::GET_CONTRACT, args.clone()).expect("contract");
    assert!(managers["schedule"]
        .as_array()
        .expect("a schedule")
        .iter()
        .any(|e| e["invoice"]["number"].is_string()));

    sign_in(&app, &accounts, "technician");
    let technicians = call(&webview, commands::GET_CONTRACT, args).expect("contract");
    let schedule = technicians["schedule"].as_array().expect("a schedule");
    assert!(schedule.iter().any(|e| e["billed"] == json!(true)));
    assert!(
        schedule.iter().all(|e| e["invoice"].is_null()),
        "{schedule:?}"
    );
    let text = technicians.to_string();
    assert!(!text.contains("FA-"), "no invoice number anywhere: {text}");
}

#[test]
fn a_technician_reads_only_the_histories_of_what_they_may_read() {
    let (_dir, app, webview) = app_with_its_window();
    let accounts = with_demo(&app);
    let technician = sign_in(&app, &accounts, "technician");
    let history = |entity: &str, id: i64| {
        call(
            &webview,
            commands::RECORD_HISTORY,
            json!({ "query": { "entity": entity, "id": id } }),
        )
    };
    let client = number(&app, "SELECT id FROM clients LIMIT 1");
    assert!(history("client", client).is_ok());
    let invoice = number(&app, "SELECT id FROM invoices LIMIT 1");
    let portal_access = number(&app, "SELECT contact_id FROM portal_accounts LIMIT 1");
    for (entity, id) in [
        ("invoice", invoice),
        ("user", technician.user_id),
        ("portal_access", portal_access),
    ] {
        assert_eq!(
            refusal(history(entity, id)),
            (ErrorKind::Forbidden, None),
            "{entity}"
        );
    }
    assert_eq!(
        refusal(history("no_such_thing", 1)),
        (ErrorKind::Validation, Some("entity".into()))
    );
}

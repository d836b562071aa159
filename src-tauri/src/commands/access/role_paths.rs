//! Roles on the side paths, through Tauri's real IPC (the mock runtime,
//! the app's own configuration and door) over the demo data: what a
//! technician signed in for real reaches through a contract's schedule or
//! a record's history.

use super::tests::bare_app_with_its_window as app_with_its_window;
use crate::state::App;
use parc_api::auth::SessionInfo;
use parc_api::commands::Command;
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
    let args = json!({ "input": contract });

    sign_in(&app, &accounts, "manager");
    let managers = call(&webview, commands::GetContract::NAME, args.clone()).expect("contract");
    assert!(managers["schedule"]
        .as_array()
        .expect("a schedule")
        .iter()
        .any(|e| e["invoice"]["number"].is_string()));

    sign_in(&app, &accounts, "technician");
    let technicians = call(&webview, commands::GetContract::NAME, args).expect("contract");
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
            commands::RecordHistory::NAME,
            json!({ "input": { "entity": entity, "id": id } }),
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

/// The words of invoice `id`'s PDF (as a manager prints it), by `pdftotext`.
fn invoice_words(app: &tauri::App<MockRuntime>, id: i64) -> String {
    let db = app.state::<App>().db.clone();
    let manager = parc_core::Actor::System;
    let pdf = tauri::async_runtime::block_on(parc_core::invoices::document::invoice_pdf(
        &db, &manager, id,
    ))
    .expect("pdf");
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("invoice.pdf");
    std::fs::write(&path, pdf).expect("written");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) on PATH");
    String::from_utf8(out.stdout).expect("text")
}

fn document_language(app: &tauri::App<MockRuntime>) -> parc_api::auth::Language {
    let db = app.state::<App>().db.clone();
    tauri::async_runtime::block_on(parc_core::settings::document_language(&db)).expect("read")
}

/// A technician switching their screens to French: their own language
/// changes, the company's documents keep theirs (English for the demo).
#[test]
fn a_technicians_language_switch_leaves_the_documents_alone() {
    use parc_api::auth::Language;
    let (_dir, app, webview) = app_with_its_window();
    let accounts = with_demo(&app);
    let invoice = number(
        &app,
        "SELECT id FROM invoices WHERE kind = 'invoice' AND number IS NOT NULL LIMIT 1",
    );
    assert_eq!(document_language(&app), Language::En);
    let before = invoice_words(&app, invoice);
    assert!(before.contains("Invoice"), "{before}");

    sign_in(&app, &accounts, "technician");
    call(
        &webview,
        commands::SetLanguage::NAME,
        json!({ "input": "fr" }),
    )
    .expect("switched");
    assert_eq!(document_language(&app), Language::En);
    let words = invoice_words(&app, invoice);
    assert!(
        words.contains("Invoice") && !words.contains("Facture"),
        "{words}"
    );
    // The manager's screens too keep theirs.
    let manager = sign_in(&app, &accounts, "manager");
    assert_eq!(manager.language, Language::En);
    // And the documents' language is not the technician's to change.
    sign_in(&app, &accounts, "technician");
    assert_eq!(
        refusal(call(
            &webview,
            commands::SetDocumentLanguage::NAME,
            json!({ "input": "fr" })
        )),
        (ErrorKind::Forbidden, None)
    );
}

/// A manager deactivating a technician, or changing their role, while
/// the technician's session is open: it applies at their next command.
#[test]
fn a_managers_change_applies_to_an_open_session_at_once() {
    let (_dir, app, webview) = app_with_its_window();
    let accounts = with_demo(&app);
    let manager = parc_core::Actor::System;
    let db = app.state::<App>().db.clone();
    let technician = sign_in(&app, &accounts, "technician");
    let list_users = || call(&webview, commands::ListUsers::NAME, json!({}));
    assert_eq!(refusal(list_users()), (ErrorKind::Forbidden, None));

    tauri::async_runtime::block_on(parc_core::auth::set_user_role(
        &db,
        &manager,
        technician.user_id,
        parc_api::auth::Role::Manager,
    ))
    .expect("promoted");
    assert!(list_users().is_ok(), "a manager now");
    let state = app.state::<App>();
    assert!(state.session().is_some_and(|s| s.permissions.manage_users));

    tauri::async_runtime::block_on(parc_core::auth::set_user_role(
        &db,
        &manager,
        technician.user_id,
        parc_api::auth::Role::Technician,
    ))
    .expect("back to technician");
    assert_eq!(refusal(list_users()), (ErrorKind::Forbidden, None));

    tauri::async_runtime::block_on(parc_core::auth::set_user_active(
        &db,
        &manager,
        technician.user_id,
        false,
    ))
    .expect("deactivated");
    let refused = call(
        &webview,
        commands::ListClients::NAME,
        json!({ "input": {} }),
    )
    .expect_err("signed out");
    assert_eq!(refused.kind, ErrorKind::Unauthenticated);
    assert_eq!(refused.message, crate::state::SIGNED_OUT);
    assert_eq!(state.session(), None);
}

fn login(webview: &Window, email: &str, password: &str) -> Result<Value, IpcError> {
    call(
        webview,
        commands::Login::NAME,
        json!({ "input": { "email": email, "password": password, "remember": false } }),
    )
}

/// Password guesses at the desktop's login are throttled like the
/// portal's: after five wrong ones the right password waits too, and the
/// refusal says for how long; another account still signs in.
#[test]
fn the_desktop_login_is_throttled() {
    let (_dir, app, webview) = app_with_its_window();
    let accounts = with_demo(&app);
    let technician = accounts
        .iter()
        .find(|a| a.role == "technician")
        .expect("a technician");
    for _ in 0..5 {
        let wrong = login(&webview, &technician.email, "not-the-password").expect_err("wrong");
        assert_eq!(wrong.code, Some(parc_api::ValidationCode::WrongCredentials));
    }
    let held = login(&webview, &technician.email, &technician.password).expect_err("held");
    assert_eq!(
        (held.kind, held.field.as_deref(), held.code),
        (
            ErrorKind::Validation,
            Some("password"),
            Some(parc_api::ValidationCode::TooManyAttempts)
        )
    );
    assert_eq!(held.message, "too many attempts: try again in 15 min");
    let manager = accounts
        .iter()
        .find(|a| a.role == "manager")
        .expect("a manager");
    assert!(login(&webview, &manager.email, &manager.password).is_ok());
}

/// Remembered logins through the commands: a technician lists and
/// revokes their own, never a manager's.
#[test]
fn a_technician_lists_and_revokes_only_their_own_remembered_logins() {
    let (_dir, app, webview) = app_with_its_window();
    let accounts = with_demo(&app);
    let db = app.state::<App>().db.clone();
    let manager = sign_in(&app, &accounts, "manager");
    tauri::async_runtime::block_on(parc_core::auth::remember(&db, &manager)).expect("token");
    let technician = sign_in(&app, &accounts, "technician");
    let token =
        tauri::async_runtime::block_on(parc_core::auth::remember(&db, &technician)).expect("token");
    let list = |user_id: i64| {
        call(
            &webview,
            commands::ListRememberedLogins::NAME,
            json!({ "input": user_id }),
        )
    };
    assert_eq!(refusal(list(manager.user_id)), (ErrorKind::Forbidden, None));
    let managers_token = number(
        &app,
        &format!(
            "SELECT id FROM remembered_logins WHERE user_id = {}",
            manager.user_id
        ),
    );
    assert_eq!(
        refusal(call(
            &webview,
            commands::RevokeRememberedLogin::NAME,
            json!({ "input": managers_token })
        )),
        (ErrorKind::Forbidden, None)
    );
    let own = list(technician.user_id).expect("their own");
    let id = own[0]["id"].as_i64().expect("an id");
    call(
        &webview,
        commands::RevokeRememberedLogin::NAME,
        json!({ "input": id }),
    )
    .expect("revoked");
    assert_eq!(
        tauri::async_runtime::block_on(parc_core::auth::login_with_token(&db, &token))
            .expect("read"),
        None
    );
}

//! Two-step sign-in through Tauri's real IPC (the mock runtime, the app's
//! own configuration and door) over the demo data: the login holds the
//! sign-in until its code, and a manager the company rule sends to
//! enrolment can do nothing else until enrolled.

use super::role_paths::{call, with_demo, Window};
use super::tests::bare_app_with_its_window as app_with_its_window;
use crate::state::App;
use parc_api::commands::Command;
use parc_api::{commands, ErrorKind, IpcError, ValidationCode};
use parc_core::auth::{second_factor as factor, totp};
use parc_core::DatabaseConnection;
use serde_json::{json, Value};
use tauri::Manager;

fn login(webview: &Window, email: &str, password: &str) -> Result<Value, IpcError> {
    call(
        webview,
        commands::Login::NAME,
        json!({ "input": { "email": email, "password": password, "remember": false } }),
    )
}

fn code(webview: &Window, command: &str, code: &str) -> Result<Value, IpcError> {
    call(webview, command, json!({ "input": { "code": code } }))
}

/// The code of the step `steps` from now.
fn code_at(secret: &str, steps: i64) -> String {
    totp::code_for_step(secret, totp::step_at(chrono::Utc::now()) + steps).expect("a code")
}

/// Enrols the account with the previous step's code (so the current one
/// is still unused); its secret.
fn enrol(db: &DatabaseConnection, email: &str, password: &str) -> String {
    tauri::async_runtime::block_on(async {
        let session = parc_core::auth::login(db, email, password)
            .await
            .expect("login");
        let actor = parc_core::auth::actor_of(&session);
        let enrolment = factor::begin_enrolment(db, &actor).await.expect("begun");
        let first = code_at(&enrolment.secret, -1);
        factor::confirm_enrolment(db, &actor, &first, chrono::Utc::now())
            .await
            .expect("confirmed");
        enrolment.secret
    })
}

fn wrong_code(secret: &str) -> String {
    let around: Vec<String> = (-1..=1).map(|s| code_at(secret, s)).collect();
    (0..4)
        .map(|n| n.to_string().repeat(6))
        .find(|c| !around.contains(c))
        .expect("a wrong code")
}

#[test]
fn the_login_holds_the_sign_in_until_its_code() {
    let (_dir, app, webview) = app_with_its_window();
    let accounts = with_demo(&app);
    let manager = accounts
        .iter()
        .find(|a| a.role == "manager")
        .expect("a manager");
    let state = app.state::<App>();
    let secret = enrol(&state.db, &manager.email, &manager.password);

    let answer = login(&webview, &manager.email, &manager.password).expect("password right");
    assert_eq!(answer, json!("second_factor"));
    assert_eq!(state.session(), None, "no session before the code");
    let refused = call(&webview, commands::ListClients::NAME, json!({})).expect_err("no session");
    assert_eq!(refused.kind, ErrorKind::Unauthenticated);

    let wrong = code(
        &webview,
        commands::CompleteLogin::NAME,
        &wrong_code(&secret),
    )
    .expect_err("wrong");
    assert_eq!(
        (wrong.field.as_deref(), wrong.code),
        (Some("code"), Some(ValidationCode::WrongCode))
    );
    let right = code(
        &webview,
        commands::CompleteLogin::NAME,
        &code_at(&secret, 0),
    )
    .expect("right");
    assert_eq!(right["session"]["email"], json!(manager.email));
    assert_eq!(
        state.session().map(|s| s.email),
        Some(manager.email.clone())
    );
    // Spent: nothing is held any more.
    let again = code(
        &webview,
        commands::CompleteLogin::NAME,
        &code_at(&secret, 1),
    )
    .expect_err("over");
    assert_eq!(again.code, Some(ValidationCode::SignInExpired));
}

#[test]
fn a_manager_sent_to_enrolment_can_do_nothing_else_until_enrolled() {
    let (_dir, app, webview) = app_with_its_window();
    let accounts = with_demo(&app);
    let state = app.state::<App>();
    let managers: Vec<_> = accounts.iter().filter(|a| a.role == "manager").collect();
    let first = managers[0];
    // The one turning the rule on has a factor of their own.
    enrol(&state.db, &first.email, &first.password);
    tauri::async_runtime::block_on(async {
        parc_core::auth::create_user(
            &state.db,
            &parc_core::Actor::System,
            &parc_api::users::NewUser {
                name: "Noé Manager".into(),
                email: "noe@parc.example".into(),
                role: parc_api::auth::Role::Manager,
                password: "noe-long-password".into(),
            },
        )
        .await
        .expect("a second manager");
        factor::set_policy(&state.db, &parc_core::Actor::System, true)
            .await
            .expect("required");
    });

    let answer = login(&webview, "noe@parc.example", "noe-long-password").expect("logged in");
    assert_eq!(
        answer["logged_in"]["session"]["second_factor_due"],
        json!(true)
    );
    let refused =
        call(&webview, commands::ListClients::NAME, json!({})).expect_err("sent to enrol");
    assert_eq!(refused.kind, ErrorKind::Forbidden);
    assert!(
        refused.message.contains("two-step sign-in"),
        "{}",
        refused.message
    );

    let status = call(&webview, commands::GetSecondFactor::NAME, json!({})).expect("status");
    assert_eq!(status["required"], json!(true));
    let enrolment = call(&webview, commands::BeginSecondFactor::NAME, json!({})).expect("begun");
    let secret = enrolment["secret"].as_str().expect("a secret").to_owned();
    let confirmed = code(
        &webview,
        commands::ConfirmSecondFactor::NAME,
        &code_at(&secret, 0),
    )
    .expect("confirmed");
    assert_eq!(
        confirmed["recovery_codes"].as_array().map(Vec::len),
        Some(10)
    );
    assert_eq!(confirmed["session"]["second_factor_due"], json!(false));
    assert!(call(&webview, commands::CountOpenAlerts::NAME, json!({})).is_ok());
}

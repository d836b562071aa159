//! Start-up, first-run set-up, login and logout.

use crate::state::{ipc, App};
use parc_api::auth::{Language, LoginRequest, LoginResponse, SetupRequest, StartupState};
use parc_api::IpcError;
use parc_core::{auth, demo, settings};
use tauri::State;

/// The language of the OS, from the usual locale variables.
fn os_language() -> Language {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find_map(|value| Language::from_code(&value))
        .unwrap_or_default()
}

#[tauri::command]
pub async fn startup_state(app: State<'_, App>) -> Result<StartupState, IpcError> {
    let needs_setup = auth::needs_setup(&app.db).await.map_err(ipc)?;
    let language = settings::language(&app.db)
        .await
        .map_err(ipc)?
        .unwrap_or_else(os_language);
    let company = settings::company(&app.db).await.map_err(ipc)?;
    let mut keyring_problem = None;
    if app.session().is_none() && !needs_setup {
        match app.keychain.load().await {
            Ok(Some(token)) => {
                let restored = auth::login_with_token(&app.db, &token).await.map_err(ipc)?;
                if restored.is_none() {
                    // A token for a deactivated user or a restored database: drop it.
                    let _ = app.keychain.clear().await;
                }
                app.set_session(restored);
            }
            Ok(None) => {}
            Err(problem) => keyring_problem = Some(problem),
        }
    }
    Ok(StartupState {
        needs_setup,
        language,
        company_name: Some(company.name).filter(|n| !n.is_empty()),
        session: app.session(),
        keyring_problem,
        time_zone: parc_core::desk::local_time::CompanyZone::load(&app.db)
            .await
            .map_err(ipc)?
            .name()
            .to_owned(),
    })
}

#[tauri::command]
pub async fn complete_setup(app: State<'_, App>, request: SetupRequest) -> Result<(), IpcError> {
    auth::complete_setup(&app.db, &request).await.map_err(ipc)?;
    if request.with_demo_data {
        demo::fill(&app.db).await.map_err(ipc)?;
    }
    Ok(())
}

#[tauri::command]
pub async fn login(app: State<'_, App>, request: LoginRequest) -> Result<LoginResponse, IpcError> {
    let session = auth::login(&app.db, &request.email, &request.password)
        .await
        .map_err(ipc)?;
    let mut remember_problem = None;
    if request.remember {
        let token = auth::remember(&app.db, &session).await.map_err(ipc)?;
        if let Err(problem) = app.keychain.store(token.clone()).await {
            auth::forget(&app.db, &token).await.map_err(ipc)?;
            remember_problem = Some(problem);
        }
    }
    app.set_session(Some(session.clone()));
    Ok(LoginResponse {
        session,
        remember_problem,
    })
}

#[tauri::command]
pub async fn logout(app: State<'_, App>) -> Result<(), IpcError> {
    if let Ok(Some(token)) = app.keychain.load().await {
        auth::forget(&app.db, &token).await.map_err(ipc)?;
    }
    let _ = app.keychain.clear().await;
    app.set_session(None);
    Ok(())
}

#[tauri::command]
pub async fn set_language(app: State<'_, App>, language: Language) -> Result<(), IpcError> {
    settings::set_language(&app.db, language).await.map_err(ipc)
}

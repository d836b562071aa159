//! The client portal: its settings and state, and contacts' access — doors
//! onto `parc_core::portal`, the server onto `portal_server`.

use crate::state::{ipc, App};
use parc_api::portal::{PortalAccess, PortalAccessInput, PortalLink, PortalSettings, PortalStatus};
use parc_api::IpcError;
use parc_core::portal::{accounts, settings};
use tauri::State;

#[tauri::command]
pub async fn get_portal_status(app: State<'_, App>) -> Result<PortalStatus, IpcError> {
    let current = settings::get_settings(&app.db, &app.actor()?)
        .await
        .map_err(ipc)?;
    Ok(app.portal.status(current))
}

#[tauri::command]
pub async fn save_portal_settings(
    app: State<'_, App>,
    input: PortalSettings,
) -> Result<PortalStatus, IpcError> {
    let saved = settings::save(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)?;
    app.portal.apply(&app.db, &app.keychain, &saved).await;
    // A certificate made on this start is now in the settings.
    let current = settings::read(&app.db).await.map_err(ipc)?;
    Ok(app.portal.status(current))
}

#[tauri::command]
pub async fn get_portal_access(app: State<'_, App>, id: i64) -> Result<PortalAccess, IpcError> {
    accounts::access(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn set_portal_access(
    app: State<'_, App>,
    input: PortalAccessInput,
) -> Result<PortalAccess, IpcError> {
    accounts::set_access(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn send_portal_link(app: State<'_, App>, id: i64) -> Result<PortalLink, IpcError> {
    accounts::send_link(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

//! Zones and sites.

use crate::state::{ipc, App};
use parc_api::clients::SetArchived;
use parc_api::sites::{SiteInput, SiteQuery, SiteRow, UpdateSite, UpdateZone, ZoneInput, ZoneRow};
use parc_api::{IpcError, Page};
use parc_core::sites;
use tauri::State;

#[tauri::command]
pub async fn list_zones(app: State<'_, App>) -> Result<Vec<ZoneRow>, IpcError> {
    sites::list_zones(&app.db, &app.actor()?).await.map_err(ipc)
}

#[tauri::command]
pub async fn create_zone(app: State<'_, App>, input: ZoneInput) -> Result<ZoneRow, IpcError> {
    sites::create_zone(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn update_zone(app: State<'_, App>, input: UpdateZone) -> Result<ZoneRow, IpcError> {
    sites::update_zone(&app.db, &app.actor()?, input.id, &input.input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn list_sites(app: State<'_, App>, query: SiteQuery) -> Result<Page<SiteRow>, IpcError> {
    sites::list_sites(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_site(app: State<'_, App>, input: SiteInput) -> Result<SiteRow, IpcError> {
    sites::create_site(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn update_site(app: State<'_, App>, input: UpdateSite) -> Result<SiteRow, IpcError> {
    sites::update_site(&app.db, &app.actor()?, input.id, &input.input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn set_site_archived(
    app: State<'_, App>,
    input: SetArchived,
) -> Result<SiteRow, IpcError> {
    sites::set_site_archived(&app.db, &app.actor()?, input.id, input.archived)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn delete_site(app: State<'_, App>, id: i64) -> Result<(), IpcError> {
    sites::delete_site(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

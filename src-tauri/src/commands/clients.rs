//! Clients, contacts, record history and the global search.

use crate::state::{ipc, App};
use parc_api::clients::{
    ClientDetail, ClientInput, ClientQuery, ClientRow, ContactInput, ContactRow, SearchHit,
    SetArchived, UpdateClient, UpdateContact,
};
use parc_api::history::{HistoryEntry, HistoryQuery};
use parc_api::{IpcError, Page};
use parc_core::{audit, clients, search};
use tauri::State;

#[tauri::command]
pub async fn list_clients(
    app: State<'_, App>,
    query: ClientQuery,
) -> Result<Page<ClientRow>, IpcError> {
    clients::list_clients(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn get_client(app: State<'_, App>, id: i64) -> Result<ClientDetail, IpcError> {
    clients::get_client(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_client(
    app: State<'_, App>,
    input: ClientInput,
) -> Result<ClientDetail, IpcError> {
    clients::create_client(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn update_client(
    app: State<'_, App>,
    input: UpdateClient,
) -> Result<ClientDetail, IpcError> {
    clients::update_client(&app.db, &app.actor()?, input.id, &input.input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn set_client_archived(
    app: State<'_, App>,
    input: SetArchived,
) -> Result<ClientDetail, IpcError> {
    clients::set_client_archived(&app.db, &app.actor()?, input.id, input.archived)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_contact(
    app: State<'_, App>,
    input: ContactInput,
) -> Result<ContactRow, IpcError> {
    clients::create_contact(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn update_contact(
    app: State<'_, App>,
    input: UpdateContact,
) -> Result<ContactRow, IpcError> {
    clients::update_contact(&app.db, &app.actor()?, input.id, &input.input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn set_contact_archived(
    app: State<'_, App>,
    input: SetArchived,
) -> Result<ContactRow, IpcError> {
    clients::set_contact_archived(&app.db, &app.actor()?, input.id, input.archived)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn record_history(
    app: State<'_, App>,
    query: HistoryQuery,
) -> Result<Vec<HistoryEntry>, IpcError> {
    audit::history(&app.db, &app.actor()?, &query.entity, query.id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn global_search(app: State<'_, App>, text: String) -> Result<Vec<SearchHit>, IpcError> {
    search::global_search(&app.db, &app.actor()?, &text)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn delete_client(app: State<'_, App>, id: i64) -> Result<(), IpcError> {
    clients::delete_client(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn delete_contact(app: State<'_, App>, id: i64) -> Result<(), IpcError> {
    clients::delete_contact(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

//! Settings → Numbering: doors onto `parc_core::sequences::settings`.

use crate::state::{ipc, App};
use parc_api::sequences::{SequenceInput, SequenceSettings};
use parc_api::IpcError;
use parc_core::sequences::settings;
use tauri::State;

#[tauri::command]
pub async fn get_sequences(app: State<'_, App>) -> Result<Vec<SequenceSettings>, IpcError> {
    settings::list(&app.db, &app.actor()?, parc_core::clock::today())
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn save_sequence(
    app: State<'_, App>,
    input: SequenceInput,
) -> Result<SequenceSettings, IpcError> {
    settings::save(&app.db, &app.actor()?, &input, parc_core::clock::today())
        .await
        .map_err(ipc)
}

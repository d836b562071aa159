//! The equipment catalogue, equipment, spare parts, and the files the
//! inventory writes for the user (CSV exports and label sheets), saved in the
//! user's Downloads folder.

use super::files::{finish, new_file, partial, write_error};
use crate::state::{ipc, App};
use parc_api::equipment::{
    BulkRequest, Catalogue, EquipmentDetail, EquipmentInput, EquipmentPage, EquipmentQuery,
    ImportReport, ImportRequest, LabelsRequest, ManufacturerInput, ManufacturerRow, ModelInput,
    ModelRow, PartInput, PartRow, SavedFile, StockMovementInput, StockMovementRow, TypeInput,
    TypeRow, UpdateEquipment, UpdateManufacturer, UpdateModel, UpdatePart, UpdateType,
};
use parc_api::IpcError;
use parc_core::{catalogue, equipment, parts};
use tauri::{AppHandle, Emitter, Runtime, State};

/// The event the import sends with the number of rows handled so far.
pub const IMPORT_PROGRESS: &str = "import-progress";

#[tauri::command]
pub async fn get_catalogue(app: State<'_, App>) -> Result<Catalogue, IpcError> {
    catalogue::catalogue(&app.db, &app.actor()?)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_type(app: State<'_, App>, input: TypeInput) -> Result<TypeRow, IpcError> {
    catalogue::create_type(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn update_type(app: State<'_, App>, input: UpdateType) -> Result<TypeRow, IpcError> {
    catalogue::update_type(&app.db, &app.actor()?, input.id, &input.input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_manufacturer(
    app: State<'_, App>,
    input: ManufacturerInput,
) -> Result<ManufacturerRow, IpcError> {
    catalogue::create_manufacturer(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn update_manufacturer(
    app: State<'_, App>,
    input: UpdateManufacturer,
) -> Result<ManufacturerRow, IpcError> {
    catalogue::update_manufacturer(&app.db, &app.actor()?, input.id, &input.input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_model(app: State<'_, App>, input: ModelInput) -> Result<ModelRow, IpcError> {
    catalogue::create_model(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn update_model(app: State<'_, App>, input: UpdateModel) -> Result<ModelRow, IpcError> {
    catalogue::update_model(&app.db, &app.actor()?, input.id, &input.input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn list_equipment(
    app: State<'_, App>,
    query: EquipmentQuery,
) -> Result<EquipmentPage, IpcError> {
    equipment::list_equipment(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn get_equipment(app: State<'_, App>, id: i64) -> Result<EquipmentDetail, IpcError> {
    equipment::get_equipment(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_equipment(
    app: State<'_, App>,
    input: EquipmentInput,
) -> Result<EquipmentDetail, IpcError> {
    equipment::create_equipment(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn update_equipment(
    app: State<'_, App>,
    input: UpdateEquipment,
) -> Result<EquipmentDetail, IpcError> {
    equipment::update_equipment(&app.db, &app.actor()?, input.id, &input.input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn delete_equipment(app: State<'_, App>, id: i64) -> Result<(), IpcError> {
    equipment::delete_equipment(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn bulk_change_equipment(
    app: State<'_, App>,
    request: BulkRequest,
) -> Result<u64, IpcError> {
    equipment::bulk_change(&app.db, &app.actor()?, &request)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn export_equipment(
    app: State<'_, App>,
    query: EquipmentQuery,
) -> Result<SavedFile, IpcError> {
    let actor = app.actor()?;
    let path = new_file("parc-equipment", "csv")?;
    let file = std::fs::File::create(partial(&path)).map_err(|e| write_error(&path, e))?;
    let written = equipment::export::export_csv(
        &app.db,
        &actor,
        &query.filter,
        query.sort,
        query.dir,
        std::io::BufWriter::new(file),
    )
    .await
    .map_err(ipc);
    let count = finish(&path, written)?;
    Ok(SavedFile {
        path: path.display().to_string(),
        count,
    })
}

#[tauri::command]
pub async fn import_equipment<R: Runtime>(
    app: State<'_, App>,
    handle: AppHandle<R>,
    request: ImportRequest,
) -> Result<ImportReport, IpcError> {
    let mut progress = move |rows: u64| {
        // Progress is a courtesy: a closed window must not fail the import.
        let _ = handle.emit(IMPORT_PROGRESS, rows);
    };
    equipment::import::import_csv(
        &app.db,
        &app.actor()?,
        &request.file_name,
        request.csv.as_bytes(),
        request.dry_run,
        &mut progress,
    )
    .await
    .map_err(ipc)
}

#[tauri::command]
pub async fn print_labels(
    app: State<'_, App>,
    request: LabelsRequest,
) -> Result<SavedFile, IpcError> {
    let pdf = equipment::labels::labels_for_ids(&app.db, &app.actor()?, &request.ids)
        .await
        .map_err(ipc)?;
    let path = new_file("parc-labels", "pdf")?;
    let written = std::fs::write(partial(&path), pdf).map_err(|e| write_error(&path, e));
    finish(&path, written)?;
    Ok(SavedFile {
        path: path.display().to_string(),
        count: request.ids.len() as u64,
    })
}

#[tauri::command]
pub async fn list_parts(app: State<'_, App>, query: String) -> Result<Vec<PartRow>, IpcError> {
    parts::list_parts(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_part(app: State<'_, App>, input: PartInput) -> Result<PartRow, IpcError> {
    parts::create_part(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn update_part(app: State<'_, App>, input: UpdatePart) -> Result<PartRow, IpcError> {
    parts::update_part(&app.db, &app.actor()?, input.id, &input.input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn record_stock_movement(
    app: State<'_, App>,
    input: StockMovementInput,
) -> Result<PartRow, IpcError> {
    parts::record_movement(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn list_stock_movements(
    app: State<'_, App>,
    id: i64,
) -> Result<Vec<StockMovementRow>, IpcError> {
    parts::list_movements(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

//! The equipment catalogue, equipment, spare parts, and the files the
//! inventory writes for the user (CSV exports and label sheets), saved in the
//! user's Downloads folder.

use crate::state::{ipc, App};
use parc_api::equipment::{
    BulkRequest, Catalogue, EquipmentDetail, EquipmentInput, EquipmentPage, EquipmentQuery,
    ImportReport, ImportRequest, LabelsRequest, ManufacturerInput, ManufacturerRow, ModelInput,
    ModelRow, PartInput, PartRow, SavedFile, StockMovementInput, StockMovementRow, TypeInput,
    TypeRow, UpdateEquipment, UpdateManufacturer, UpdateModel, UpdatePart, UpdateType,
};
use parc_api::IpcError;
use parc_core::{catalogue, equipment, parts};
use std::path::PathBuf;
use tauri::{AppHandle, Emitter, State};

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

/// Where files made for the user go: `$XDG_DOWNLOAD_DIR`, else ~/Downloads.
fn downloads_dir() -> Result<PathBuf, IpcError> {
    let dir = std::env::var_os("XDG_DOWNLOAD_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join("Downloads")))
        .ok_or_else(|| IpcError::internal("no home folder to save the file in"))?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| IpcError::internal(format!("cannot create {}: {e}", dir.display())))?;
    Ok(dir)
}

fn new_file(stem: &str, extension: &str) -> Result<PathBuf, IpcError> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    Ok(downloads_dir()?.join(format!("{stem}-{stamp}.{extension}")))
}

fn write_error(path: &std::path::Path, e: std::io::Error) -> IpcError {
    IpcError::internal(format!("cannot write {}: {e}", path.display()))
}

/// Where a file is written before it is complete: renamed to `path` at the
/// end, so a half-written export never shows in the Downloads folder.
fn partial(path: &std::path::Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".part");
    PathBuf::from(name)
}

/// Renames the finished `.part` file to `path`, or removes it on failure.
fn finish<T>(path: &std::path::Path, written: Result<T, IpcError>) -> Result<T, IpcError> {
    let part = partial(path);
    match written {
        Ok(value) => {
            std::fs::rename(&part, path).map_err(|e| write_error(path, e))?;
            Ok(value)
        }
        Err(error) => {
            let _ = std::fs::remove_file(&part);
            Err(error)
        }
    }
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
pub async fn import_equipment(
    app: State<'_, App>,
    handle: AppHandle,
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

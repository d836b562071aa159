//! Software, installations, licences, seats and compliance: doors onto
//! `parc_core::licences`, one service call each.

use super::files::{finish, new_file, partial, write_error};
use crate::state::{ipc, App};
use parc_api::equipment::{ImportReport, ImportRequest, SavedFile};
use parc_api::licences::{
    AddLot, AssignLicence, ComplianceDetail, ComplianceKey, ComplianceQuery, ComplianceRow,
    InstallationInput, InstallationQuery, InstallationRow, LicenceDetail, LicenceInput,
    LicenceQuery, LicenceRow, RenewLicence, SoftwareDetail, SoftwareInput, SoftwareQuery,
    SoftwareRow, UpdateLicence, UpdateSoftware,
};
use parc_api::{IpcError, Page};
use parc_core::licences::{
    assignments, compliance, export, import, installations, register, software,
};
use tauri::State;

#[tauri::command]
pub async fn list_software(
    app: State<'_, App>,
    query: SoftwareQuery,
) -> Result<Page<SoftwareRow>, IpcError> {
    software::list_software(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn get_software(app: State<'_, App>, id: i64) -> Result<SoftwareDetail, IpcError> {
    software::get_software(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_software(
    app: State<'_, App>,
    input: SoftwareInput,
) -> Result<SoftwareRow, IpcError> {
    software::create_software(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn update_software(
    app: State<'_, App>,
    input: UpdateSoftware,
) -> Result<SoftwareRow, IpcError> {
    software::update_software(&app.db, &app.actor()?, input.id, &input.input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn list_installations(
    app: State<'_, App>,
    query: InstallationQuery,
) -> Result<Page<InstallationRow>, IpcError> {
    installations::list_installations(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn add_installation(
    app: State<'_, App>,
    input: InstallationInput,
) -> Result<InstallationRow, IpcError> {
    installations::add_installation(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn remove_installation(app: State<'_, App>, id: i64) -> Result<(), IpcError> {
    installations::remove_installation(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn import_installations(
    app: State<'_, App>,
    request: ImportRequest,
) -> Result<ImportReport, IpcError> {
    import::import_installations(
        &app.db,
        &app.actor()?,
        &request.file_name,
        request.csv.as_bytes(),
        request.dry_run,
    )
    .await
    .map_err(ipc)
}

#[tauri::command]
pub async fn list_licences(
    app: State<'_, App>,
    query: LicenceQuery,
) -> Result<Page<LicenceRow>, IpcError> {
    register::list_licences(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn get_licence(app: State<'_, App>, id: i64) -> Result<LicenceDetail, IpcError> {
    register::get_licence(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_licence(
    app: State<'_, App>,
    input: LicenceInput,
) -> Result<LicenceDetail, IpcError> {
    register::create_licence(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn update_licence(
    app: State<'_, App>,
    input: UpdateLicence,
) -> Result<LicenceDetail, IpcError> {
    register::update_licence(&app.db, &app.actor()?, input.id, &input.input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn add_licence_lot(
    app: State<'_, App>,
    input: AddLot,
) -> Result<LicenceDetail, IpcError> {
    register::add_lot(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn renew_licence(
    app: State<'_, App>,
    input: RenewLicence,
) -> Result<LicenceDetail, IpcError> {
    register::renew_licence(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn reveal_licence_key(app: State<'_, App>, id: i64) -> Result<String, IpcError> {
    register::reveal_key(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn assign_licence(
    app: State<'_, App>,
    input: AssignLicence,
) -> Result<LicenceDetail, IpcError> {
    assignments::assign(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn unassign_licence(app: State<'_, App>, id: i64) -> Result<LicenceDetail, IpcError> {
    assignments::unassign(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn licence_compliance(
    app: State<'_, App>,
    query: ComplianceQuery,
) -> Result<Vec<ComplianceRow>, IpcError> {
    compliance::compliance(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn compliance_detail(
    app: State<'_, App>,
    key: ComplianceKey,
) -> Result<ComplianceDetail, IpcError> {
    compliance::compliance_detail(&app.db, &app.actor()?, key.client_id, key.software_id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn export_licences(
    app: State<'_, App>,
    query: LicenceQuery,
) -> Result<SavedFile, IpcError> {
    let actor = app.actor()?;
    let path = new_file("parc-licences", "csv")?;
    let file = std::fs::File::create(partial(&path)).map_err(|e| write_error(&path, e))?;
    let written = export::export_csv(&app.db, &actor, &query, std::io::BufWriter::new(file))
        .await
        .map_err(ipc);
    let count = finish(&path, written)?;
    Ok(SavedFile {
        path: path.display().to_string(),
        count,
    })
}

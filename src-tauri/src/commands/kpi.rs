//! The dashboards, the statistics and the activity reports: doors onto
//! `parc_core::kpi`. Files are written to the downloads folder, as every
//! export is.

use super::files::{finish, new_file, open_with_system, partial, write_error};
use crate::state::{ipc, App};
use parc_api::equipment::SavedFile;
use parc_api::kpi::{
    ActivityQuery, ActivityReport, KpiFilter, ManagerDashboard, Statistics, StatisticsQuery,
    TechnicianDashboard,
};
use parc_api::IpcError;
use parc_core::kpi::{activity, activity_document, period};
use tauri::State;

#[tauri::command]
pub async fn get_manager_dashboard(
    app: State<'_, App>,
    filter: KpiFilter,
) -> Result<ManagerDashboard, IpcError> {
    parc_core::kpi::manager_dashboard(&app.db, &app.actor()?, &filter, chrono::Utc::now())
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn get_technician_dashboard(
    app: State<'_, App>,
) -> Result<TechnicianDashboard, IpcError> {
    parc_core::kpi::technician::technician_dashboard(&app.db, &app.actor()?, chrono::Utc::now())
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn get_statistics(
    app: State<'_, App>,
    query: StatisticsQuery,
) -> Result<Statistics, IpcError> {
    period::statistics(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn export_statistics(
    app: State<'_, App>,
    query: StatisticsQuery,
) -> Result<SavedFile, IpcError> {
    let statistics = period::statistics(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)?;
    let stem = format!("parc-statistics-{}-{}", statistics.from, statistics.to);
    let path = new_file(&stem, "csv")?;
    let mut bytes = Vec::new();
    activity_document::write_statistics_csv(&app.db, &statistics, &mut bytes)
        .await
        .map_err(ipc)?;
    let written = std::fs::write(partial(&path), bytes).map_err(|e| write_error(&path, e));
    finish(&path, written)?;
    Ok(SavedFile {
        path: path.display().to_string(),
        count: 1,
    })
}

#[tauri::command]
pub async fn get_activity_report(
    app: State<'_, App>,
    query: ActivityQuery,
) -> Result<ActivityReport, IpcError> {
    activity::activity_report(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

/// Writes the activity report as a PDF (`csv` false) or a CSV, and opens
/// the PDF when asked.
#[tauri::command]
pub async fn save_activity_report(
    app: State<'_, App>,
    query: ActivityQuery,
    csv: bool,
    open: bool,
) -> Result<SavedFile, IpcError> {
    let report = activity::activity_report(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)?;
    let stem = activity_document::file_stem(&report);
    let (bytes, path) = if csv {
        let mut bytes = Vec::new();
        activity_document::write_activity_csv(&app.db, &report, &mut bytes)
            .await
            .map_err(ipc)?;
        (bytes, new_file(&stem, "csv")?)
    } else {
        let bytes = activity_document::pdf_of(&app.db, &report)
            .await
            .map_err(ipc)?;
        (bytes, new_file(&stem, "pdf")?)
    };
    let written = std::fs::write(partial(&path), bytes).map_err(|e| write_error(&path, e));
    finish(&path, written)?;
    if open && !csv {
        open_with_system(&path)?;
    }
    Ok(SavedFile {
        path: path.display().to_string(),
        count: 1,
    })
}

//! The dashboards' figures: doors onto `parc_core::kpi`.

use crate::state::{ipc, App};
use parc_api::kpi::{KpiFilter, ManagerDashboard};
use parc_api::IpcError;
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

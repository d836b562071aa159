//! The alert centre and the alert rules: doors onto `parc_core::alerts`.

use crate::state::{ipc, App};
use parc_api::alerts::{
    AcknowledgeAlerts, AlertListRow, AlertQuery, AlertRule, AlertRuleInput, SnoozeAlert,
};
use parc_api::{IpcError, Page};
use parc_core::alerts::{centre, rules};
use tauri::State;

#[tauri::command]
pub async fn list_alerts(
    app: State<'_, App>,
    query: AlertQuery,
) -> Result<Page<AlertListRow>, IpcError> {
    centre::list(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn count_open_alerts(app: State<'_, App>) -> Result<u64, IpcError> {
    centre::open_count(&app.db, &app.actor()?)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn acknowledge_alerts(
    app: State<'_, App>,
    input: AcknowledgeAlerts,
) -> Result<u64, IpcError> {
    centre::acknowledge(&app.db, &app.actor()?, &input.ids)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn snooze_alert(app: State<'_, App>, input: SnoozeAlert) -> Result<(), IpcError> {
    centre::snooze(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn list_alert_rules(app: State<'_, App>) -> Result<Vec<AlertRule>, IpcError> {
    rules::list(&app.db, &app.actor()?).await.map_err(ipc)
}

#[tauri::command]
pub async fn save_alert_rule(
    app: State<'_, App>,
    input: AlertRuleInput,
) -> Result<AlertRule, IpcError> {
    rules::save(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

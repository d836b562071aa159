//! User management (managers only; enforced in core).

use crate::state::{ipc, App};
use parc_api::users::{NewUser, ResetPassword, SetUserActive, UserRow};
use parc_api::IpcError;
use parc_core::auth;
use tauri::State;

#[tauri::command]
pub async fn list_users(app: State<'_, App>) -> Result<Vec<UserRow>, IpcError> {
    auth::list_users(&app.db, &app.actor()?).await.map_err(ipc)
}

#[tauri::command]
pub async fn create_user(app: State<'_, App>, input: NewUser) -> Result<UserRow, IpcError> {
    auth::create_user(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn set_user_active(
    app: State<'_, App>,
    input: SetUserActive,
) -> Result<UserRow, IpcError> {
    auth::set_user_active(&app.db, &app.actor()?, input.user_id, input.active)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn reset_user_password(
    app: State<'_, App>,
    input: ResetPassword,
) -> Result<(), IpcError> {
    auth::reset_password(&app.db, &app.actor()?, input.user_id, &input.new_password)
        .await
        .map_err(ipc)
}

//! User management (managers only; enforced in core), and remembered
//! logins (a user's own, or anyone's for managers).

use super::door::{Ctx, Door};
use crate::state::ipc;
use parc_api::commands;
use parc_api::users::{
    NewUser, RememberedLoginRow, ResetPassword, SetUserActive, SetUserRole, UserRow,
};
use parc_api::IpcError;
use parc_core::auth;

impl Door for commands::ListUsers {
    async fn run(app: Ctx<'_>, _: ()) -> Result<Vec<UserRow>, IpcError> {
        auth::list_users(&app.db, &app.actor()?).await.map_err(ipc)
    }
}

impl Door for commands::CreateUser {
    async fn run(app: Ctx<'_>, input: NewUser) -> Result<UserRow, IpcError> {
        auth::create_user(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SetUserActive {
    async fn run(app: Ctx<'_>, input: SetUserActive) -> Result<UserRow, IpcError> {
        auth::set_user_active(&app.db, &app.actor()?, input.user_id, input.active)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ResetUserPassword {
    async fn run(app: Ctx<'_>, input: ResetPassword) -> Result<(), IpcError> {
        auth::reset_password(&app.db, &app.actor()?, input.user_id, &input.new_password)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SetUserRole {
    async fn run(app: Ctx<'_>, input: SetUserRole) -> Result<UserRow, IpcError> {
        auth::set_user_role(&app.db, &app.actor()?, input.user_id, input.role)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ListRememberedLogins {
    async fn run(app: Ctx<'_>, user_id: i64) -> Result<Vec<RememberedLoginRow>, IpcError> {
        auth::list_remembered_logins(&app.db, &app.actor()?, user_id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::RevokeRememberedLogin {
    async fn run(app: Ctx<'_>, id: i64) -> Result<(), IpcError> {
        auth::revoke_remembered_login(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

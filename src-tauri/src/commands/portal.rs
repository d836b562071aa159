//! The client portal: its settings and state, and contacts' access — doors
//! onto `parc_core::portal`, the server onto `portal_server`.

use super::door::{Ctx, Door};
use crate::state::ipc;
use parc_api::commands;
use parc_api::portal::{PortalAccess, PortalAccessInput, PortalLink, PortalSettings, PortalStatus};
use parc_api::IpcError;
use parc_core::portal::{accounts, settings};

impl Door for commands::GetPortalStatus {
    async fn run(app: Ctx<'_>, _: ()) -> Result<PortalStatus, IpcError> {
        let current = settings::get_settings(&app.db, &app.actor()?)
            .await
            .map_err(ipc)?;
        Ok(app.portal.status(current))
    }
}

impl Door for commands::SavePortalSettings {
    async fn run(app: Ctx<'_>, input: PortalSettings) -> Result<PortalStatus, IpcError> {
        let saved = settings::save(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)?;
        app.portal.apply(&app.db, &app.keychain, &saved).await;
        // A certificate made on this start is now in the settings.
        let current = settings::read(&app.db).await.map_err(ipc)?;
        Ok(app.portal.status(current))
    }
}

impl Door for commands::GetPortalAccess {
    async fn run(app: Ctx<'_>, id: i64) -> Result<PortalAccess, IpcError> {
        accounts::access(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SetPortalAccess {
    async fn run(app: Ctx<'_>, input: PortalAccessInput) -> Result<PortalAccess, IpcError> {
        accounts::set_access(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SendPortalLink {
    async fn run(app: Ctx<'_>, id: i64) -> Result<PortalLink, IpcError> {
        accounts::send_link(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

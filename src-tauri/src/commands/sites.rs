//! Zones and sites.

use super::door::{Ctx, Door};
use crate::state::ipc;
use parc_api::clients::SetArchived;
use parc_api::commands;
use parc_api::sites::{SiteInput, SiteQuery, SiteRow, UpdateSite, UpdateZone, ZoneInput, ZoneRow};
use parc_api::{IpcError, Page};
use parc_core::sites;

impl Door for commands::ListZones {
    async fn run(app: Ctx<'_>, _: ()) -> Result<Vec<ZoneRow>, IpcError> {
        sites::list_zones(&app.db, &app.actor()?).await.map_err(ipc)
    }
}

impl Door for commands::CreateZone {
    async fn run(app: Ctx<'_>, input: ZoneInput) -> Result<ZoneRow, IpcError> {
        sites::create_zone(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UpdateZone {
    async fn run(app: Ctx<'_>, input: UpdateZone) -> Result<ZoneRow, IpcError> {
        sites::update_zone(&app.db, &app.actor()?, input.id, &input.input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ListSites {
    async fn run(app: Ctx<'_>, query: SiteQuery) -> Result<Page<SiteRow>, IpcError> {
        sites::list_sites(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateSite {
    async fn run(app: Ctx<'_>, input: SiteInput) -> Result<SiteRow, IpcError> {
        sites::create_site(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UpdateSite {
    async fn run(app: Ctx<'_>, input: UpdateSite) -> Result<SiteRow, IpcError> {
        sites::update_site(&app.db, &app.actor()?, input.id, &input.input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SetSiteArchived {
    async fn run(app: Ctx<'_>, input: SetArchived) -> Result<SiteRow, IpcError> {
        sites::set_site_archived(&app.db, &app.actor()?, input.id, input.archived)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::DeleteSite {
    async fn run(app: Ctx<'_>, id: i64) -> Result<(), IpcError> {
        sites::delete_site(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

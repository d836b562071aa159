//! Settings → Numbering: doors onto `parc_core::sequences::settings`.

use super::door::{Ctx, Door};
use crate::state::ipc;
use parc_api::commands;
use parc_api::sequences::{SequenceInput, SequenceSettings};
use parc_api::IpcError;
use parc_core::sequences::settings;

impl Door for commands::GetSequences {
    async fn run(app: Ctx<'_>, _: ()) -> Result<Vec<SequenceSettings>, IpcError> {
        settings::list(&app.db, &app.actor()?, parc_core::clock::today())
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SaveSequence {
    async fn run(app: Ctx<'_>, input: SequenceInput) -> Result<SequenceSettings, IpcError> {
        settings::save(&app.db, &app.actor()?, &input, parc_core::clock::today())
            .await
            .map_err(ipc)
    }
}

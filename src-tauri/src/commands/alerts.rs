//! The alert centre and the alert rules: doors onto `parc_core::alerts`.

use super::door::{Ctx, Door};
use crate::state::ipc;
use parc_api::alerts::{
    AcknowledgeAlerts, AlertListRow, AlertQuery, AlertRule, AlertRuleInput, SnoozeAlert,
};
use parc_api::commands;
use parc_api::{IpcError, Page};
use parc_core::alerts::{centre, rules};

impl Door for commands::ListAlerts {
    async fn run(app: Ctx<'_>, query: AlertQuery) -> Result<Page<AlertListRow>, IpcError> {
        centre::list(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CountOpenAlerts {
    async fn run(app: Ctx<'_>, _: ()) -> Result<u64, IpcError> {
        centre::open_count(&app.db, &app.actor()?)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::AcknowledgeAlerts {
    async fn run(app: Ctx<'_>, input: AcknowledgeAlerts) -> Result<u64, IpcError> {
        centre::acknowledge(&app.db, &app.actor()?, &input.ids)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SnoozeAlert {
    async fn run(app: Ctx<'_>, input: SnoozeAlert) -> Result<(), IpcError> {
        centre::snooze(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ListAlertRules {
    async fn run(app: Ctx<'_>, _: ()) -> Result<Vec<AlertRule>, IpcError> {
        rules::list(&app.db, &app.actor()?).await.map_err(ipc)
    }
}

impl Door for commands::SaveAlertRule {
    async fn run(app: Ctx<'_>, input: AlertRuleInput) -> Result<AlertRule, IpcError> {
        rules::save(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

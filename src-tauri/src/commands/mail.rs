//! E-mail settings, templates, the test e-mail and the log of sent mail:
//! doors onto `parc_core::mail` (the password onto the keyring).

use super::door::{Ctx, Door};
use crate::mail_settings;
use crate::state::ipc;
use parc_api::commands;
use parc_api::mail::{
    MailSettings, MailSettingsInput, MailTemplate, MailTemplateInput, MailTemplateKey, OutboxQuery,
    OutboxRow, SendTestMail,
};
use parc_api::{IpcError, Page};
use parc_core::mail::{outbox, send, templates};

impl Door for commands::GetMailSettings {
    async fn run(app: Ctx<'_>, _: ()) -> Result<MailSettings, IpcError> {
        mail_settings::read(&app.db, &app.keychain, &app.actor()?)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SaveMailSettings {
    async fn run(app: Ctx<'_>, input: MailSettingsInput) -> Result<MailSettings, IpcError> {
        mail_settings::save(&app.db, &app.keychain, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SendTestMail {
    async fn run(app: Ctx<'_>, input: SendTestMail) -> Result<(), IpcError> {
        let actor = app.actor()?;
        let password = mail_settings::password(&app.keychain).await;
        send::send_test(&app.db, &actor, password.as_deref(), &input.to)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ListMailTemplates {
    async fn run(app: Ctx<'_>, _: ()) -> Result<Vec<MailTemplate>, IpcError> {
        templates::list(&app.db, &app.actor()?).await.map_err(ipc)
    }
}

impl Door for commands::SaveMailTemplate {
    async fn run(app: Ctx<'_>, input: MailTemplateInput) -> Result<MailTemplate, IpcError> {
        templates::save(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ResetMailTemplate {
    async fn run(app: Ctx<'_>, input: MailTemplateKey) -> Result<MailTemplate, IpcError> {
        templates::reset(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ListOutbox {
    async fn run(app: Ctx<'_>, query: OutboxQuery) -> Result<Page<OutboxRow>, IpcError> {
        outbox::list(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::RetryMail {
    async fn run(app: Ctx<'_>, id: i64) -> Result<OutboxRow, IpcError> {
        outbox::retry(&app.db, &app.actor()?, id).await.map_err(ipc)
    }
}

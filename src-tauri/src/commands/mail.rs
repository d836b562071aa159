//! E-mail settings, templates, the test e-mail and the log of sent mail:
//! doors onto `parc_core::mail` (the password onto the keyring).

use crate::mail_settings;
use crate::state::{ipc, App};
use parc_api::mail::{
    MailSettings, MailSettingsInput, MailTemplate, MailTemplateInput, MailTemplateKey, OutboxQuery,
    OutboxRow, SendTestMail,
};
use parc_api::{IpcError, Page};
use parc_core::mail::{outbox, send, templates};
use tauri::State;

#[tauri::command]
pub async fn get_mail_settings(app: State<'_, App>) -> Result<MailSettings, IpcError> {
    mail_settings::read(&app.db, &app.keychain, &app.actor()?)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn save_mail_settings(
    app: State<'_, App>,
    input: MailSettingsInput,
) -> Result<MailSettings, IpcError> {
    mail_settings::save(&app.db, &app.keychain, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn send_test_mail(app: State<'_, App>, input: SendTestMail) -> Result<(), IpcError> {
    let actor = app.actor()?;
    let password = mail_settings::password(&app.keychain).await;
    send::send_test(&app.db, &actor, password.as_deref(), &input.to)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn list_mail_templates(app: State<'_, App>) -> Result<Vec<MailTemplate>, IpcError> {
    templates::list(&app.db, &app.actor()?).await.map_err(ipc)
}

#[tauri::command]
pub async fn save_mail_template(
    app: State<'_, App>,
    input: MailTemplateInput,
) -> Result<MailTemplate, IpcError> {
    templates::save(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn reset_mail_template(
    app: State<'_, App>,
    input: MailTemplateKey,
) -> Result<MailTemplate, IpcError> {
    templates::reset(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn list_outbox(
    app: State<'_, App>,
    query: OutboxQuery,
) -> Result<Page<OutboxRow>, IpcError> {
    outbox::list(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn retry_mail(app: State<'_, App>, id: i64) -> Result<OutboxRow, IpcError> {
    outbox::retry(&app.db, &app.actor()?, id).await.map_err(ipc)
}

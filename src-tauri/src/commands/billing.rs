//! Contracts, invoices, the invoice run and the invoicing settings.

use super::files::{finish, new_file, open_with_system, partial, write_error};
use crate::state::{ipc, App};
use parc_api::auth::CompanyIdentity;
use parc_api::contracts::{
    ContractDetail, ContractInput, ContractQuery, ContractRow, ContractStatusChange, UpdateContract,
};
use parc_api::equipment::SavedFile;
use parc_api::invoices::{
    DraftInvoiceInput, InvoiceDetail, InvoiceQuery, InvoiceRow, PaymentInput, RunProgress,
    RunSummary, UpdateDraftInvoice, RUN_PROGRESS_EVENT,
};
use parc_api::settings::InvoicingSettings;
use parc_api::{IpcError, Page};
use parc_core::{contracts, invoices, settings, validate};
use tauri::{AppHandle, Emitter, Runtime, State};

#[tauri::command]
pub async fn list_contracts(
    app: State<'_, App>,
    query: ContractQuery,
) -> Result<Page<ContractRow>, IpcError> {
    contracts::list_contracts(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn get_contract(app: State<'_, App>, id: i64) -> Result<ContractDetail, IpcError> {
    contracts::get_contract(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_contract(
    app: State<'_, App>,
    input: ContractInput,
) -> Result<ContractDetail, IpcError> {
    contracts::create_contract(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn update_contract(
    app: State<'_, App>,
    input: UpdateContract,
) -> Result<ContractDetail, IpcError> {
    contracts::update_contract(&app.db, &app.actor()?, input.id, &input.input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn change_contract_status(
    app: State<'_, App>,
    change: ContractStatusChange,
) -> Result<ContractDetail, IpcError> {
    contracts::change_contract_status(&app.db, &app.actor()?, &change)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn renew_contract(app: State<'_, App>, id: i64) -> Result<ContractDetail, IpcError> {
    contracts::renew_contract(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn list_invoices(
    app: State<'_, App>,
    query: InvoiceQuery,
) -> Result<Page<InvoiceRow>, IpcError> {
    invoices::list_invoices(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn get_invoice(app: State<'_, App>, id: i64) -> Result<InvoiceDetail, IpcError> {
    invoices::get_invoice(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_draft_invoice(
    app: State<'_, App>,
    input: DraftInvoiceInput,
) -> Result<InvoiceDetail, IpcError> {
    invoices::create_draft(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn update_draft_invoice(
    app: State<'_, App>,
    input: UpdateDraftInvoice,
) -> Result<InvoiceDetail, IpcError> {
    invoices::update_draft(&app.db, &app.actor()?, input.id, &input.input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn delete_draft_invoice(app: State<'_, App>, id: i64) -> Result<(), IpcError> {
    invoices::delete_draft(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn finalise_invoice(app: State<'_, App>, id: i64) -> Result<InvoiceDetail, IpcError> {
    invoices::finalise(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn mark_invoice_sent(app: State<'_, App>, id: i64) -> Result<InvoiceDetail, IpcError> {
    invoices::mark_sent(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn record_payment(
    app: State<'_, App>,
    input: PaymentInput,
) -> Result<InvoiceDetail, IpcError> {
    invoices::record_payment(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn credit_invoice(app: State<'_, App>, id: i64) -> Result<InvoiceDetail, IpcError> {
    invoices::credit(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

/// Saves the invoice's PDF in the Downloads folder and, if asked, opens it
/// in the system's PDF viewer.
#[tauri::command]
pub async fn save_invoice_pdf(
    app: State<'_, App>,
    id: i64,
    open: bool,
) -> Result<SavedFile, IpcError> {
    let actor = app.actor()?;
    let (number, pdf) = invoices::document::numbered_invoice_pdf(&app.db, &actor, id)
        .await
        .map_err(ipc)?;
    let stem = number.map_or_else(|| format!("parc-draft-{id}"), |n| format!("parc-{n}"));
    let path = new_file(&stem, "pdf")?;
    let written = std::fs::write(partial(&path), pdf).map_err(|e| write_error(&path, e));
    finish(&path, written)?;
    if open {
        open_with_system(&path)?;
    }
    Ok(SavedFile {
        path: path.display().to_string(),
        count: 1,
    })
}

fn run_day(date: &str) -> Result<chrono::NaiveDate, IpcError> {
    Ok(validate::date("date", date)
        .map_err(ipc)?
        .unwrap_or_else(parc_core::clock::today))
}

#[tauri::command]
pub async fn preview_invoice_run(
    app: State<'_, App>,
    date: String,
) -> Result<RunSummary, IpcError> {
    invoices::run::preview(&app.db, &app.actor()?, run_day(&date)?)
        .await
        .map_err(ipc)
}

/// Runs the invoicing now, sending `RUN_PROGRESS_EVENT` after each batch.
#[tauri::command]
pub async fn run_invoicing<R: Runtime>(
    app: State<'_, App>,
    handle: AppHandle<R>,
    date: String,
) -> Result<RunSummary, IpcError> {
    let progress = move |p: RunProgress| {
        let _ = handle.emit(RUN_PROGRESS_EVENT, p);
    };
    invoices::run::run(&app.db, &app.actor()?, run_day(&date)?, progress)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn export_invoices(
    app: State<'_, App>,
    from: String,
    to: String,
) -> Result<SavedFile, IpcError> {
    let actor = app.actor()?;
    let from = validate::date("from", &from).map_err(ipc)?;
    let to = validate::date("to", &to).map_err(ipc)?;
    let path = new_file("parc-invoices", "csv")?;
    let file = std::fs::File::create(partial(&path)).map_err(|e| write_error(&path, e))?;
    let written =
        invoices::export::export_csv(&app.db, &actor, from, to, std::io::BufWriter::new(file))
            .await
            .map_err(ipc);
    let count = finish(&path, written)?;
    Ok(SavedFile {
        path: path.display().to_string(),
        count,
    })
}

#[tauri::command]
pub async fn get_company(app: State<'_, App>) -> Result<CompanyIdentity, IpcError> {
    app.actor()?;
    settings::company(&app.db).await.map_err(ipc)
}

#[tauri::command]
pub async fn set_company(app: State<'_, App>, input: CompanyIdentity) -> Result<(), IpcError> {
    settings::set_company(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn get_invoicing_settings(app: State<'_, App>) -> Result<InvoicingSettings, IpcError> {
    settings::invoicing(&app.db, &app.actor()?)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn set_invoicing_settings(
    app: State<'_, App>,
    input: InvoicingSettings,
) -> Result<(), IpcError> {
    settings::set_invoicing(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

/// Stores the logo (PNG or JPEG bytes), or removes it when `image` is empty.
#[tauri::command]
pub async fn set_company_logo(app: State<'_, App>, image: Vec<u8>) -> Result<(), IpcError> {
    let image = (!image.is_empty()).then_some(&image[..]);
    settings::set_logo(&app.db, &app.actor()?, image)
        .await
        .map_err(ipc)
}

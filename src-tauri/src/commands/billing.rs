//! Contracts, invoices, the invoice run and the invoicing settings.

use super::door::{Ctx, Door};
use super::files::{self, open_with_system};
use crate::state::ipc;
use parc_api::auth::CompanyIdentity;
use parc_api::commands;
use parc_api::contracts::{
    ContractDetail, ContractInput, ContractQuery, ContractRow, ContractStatusChange, UpdateContract,
};
use parc_api::equipment::SaveDocument;
use parc_api::equipment::SavedFile;
use parc_api::invoices::InvoicePeriod;
use parc_api::invoices::{
    DraftInvoiceInput, InvoiceDetail, InvoiceQuery, InvoiceRow, PaymentInput, RunProgress,
    RunSummary, UpdateDraftInvoice, RUN_PROGRESS_EVENT,
};
use parc_api::settings::InvoicingSettings;
use parc_api::{IpcError, Page};
use parc_core::{contracts, invoices, settings, validate};

impl Door for commands::ListContracts {
    async fn run(app: Ctx<'_>, query: ContractQuery) -> Result<Page<ContractRow>, IpcError> {
        contracts::list_contracts(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetContract {
    async fn run(app: Ctx<'_>, id: i64) -> Result<ContractDetail, IpcError> {
        contracts::get_contract(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateContract {
    async fn run(app: Ctx<'_>, input: ContractInput) -> Result<ContractDetail, IpcError> {
        contracts::create_contract(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UpdateContract {
    async fn run(app: Ctx<'_>, input: UpdateContract) -> Result<ContractDetail, IpcError> {
        contracts::update_contract(&app.db, &app.actor()?, input.id, &input.input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ChangeContractStatus {
    async fn run(app: Ctx<'_>, change: ContractStatusChange) -> Result<ContractDetail, IpcError> {
        contracts::change_contract_status(&app.db, &app.actor()?, &change)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::RenewContract {
    async fn run(app: Ctx<'_>, id: i64) -> Result<ContractDetail, IpcError> {
        contracts::renew_contract(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ListInvoices {
    async fn run(app: Ctx<'_>, query: InvoiceQuery) -> Result<Page<InvoiceRow>, IpcError> {
        invoices::list_invoices(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetInvoice {
    async fn run(app: Ctx<'_>, id: i64) -> Result<InvoiceDetail, IpcError> {
        invoices::get_invoice(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateDraftInvoice {
    async fn run(app: Ctx<'_>, input: DraftInvoiceInput) -> Result<InvoiceDetail, IpcError> {
        invoices::create_draft(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UpdateDraftInvoice {
    async fn run(app: Ctx<'_>, input: UpdateDraftInvoice) -> Result<InvoiceDetail, IpcError> {
        invoices::update_draft(&app.db, &app.actor()?, input.id, &input.input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::DeleteDraftInvoice {
    async fn run(app: Ctx<'_>, id: i64) -> Result<(), IpcError> {
        invoices::delete_draft(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::FinaliseInvoice {
    async fn run(app: Ctx<'_>, id: i64) -> Result<InvoiceDetail, IpcError> {
        invoices::finalise(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::MarkInvoiceSent {
    async fn run(app: Ctx<'_>, id: i64) -> Result<InvoiceDetail, IpcError> {
        invoices::mark_sent(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::RecordPayment {
    async fn run(app: Ctx<'_>, input: PaymentInput) -> Result<InvoiceDetail, IpcError> {
        invoices::record_payment(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreditInvoice {
    async fn run(app: Ctx<'_>, id: i64) -> Result<InvoiceDetail, IpcError> {
        invoices::credit(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

/// Saves the invoice's PDF in the Downloads folder and, if asked, opens it
/// in the system's PDF viewer.
impl Door for commands::SaveInvoicePdf {
    async fn run(app: Ctx<'_>, input: SaveDocument) -> Result<SavedFile, IpcError> {
        let SaveDocument { id, open } = input;
        let actor = app.actor()?;
        let (number, pdf) = invoices::document::numbered_invoice_pdf(&app.db, &actor, id)
            .await
            .map_err(ipc)?;
        let stem = number.map_or_else(|| format!("parc-draft-{id}"), |n| format!("parc-{n}"));
        let path = files::save(&stem, "pdf", &pdf)?;
        if open {
            open_with_system(&path)?;
        }
        Ok(SavedFile {
            path: path.display().to_string(),
            count: 1,
        })
    }
}

fn run_day(date: &str) -> Result<chrono::NaiveDate, IpcError> {
    Ok(validate::date("date", date)
        .map_err(ipc)?
        .unwrap_or_else(parc_core::clock::today))
}

impl Door for commands::PreviewInvoiceRun {
    async fn run(app: Ctx<'_>, date: String) -> Result<RunSummary, IpcError> {
        invoices::run::preview(&app.db, &app.actor()?, run_day(&date)?)
            .await
            .map_err(ipc)
    }
}

/// Runs the invoicing now, sending `RUN_PROGRESS_EVENT` after each batch.
impl Door for commands::RunInvoicing {
    async fn run(app: Ctx<'_>, date: String) -> Result<RunSummary, IpcError> {
        let handle = app.events();
        let progress = move |p: RunProgress| {
            let _ = handle.emit(RUN_PROGRESS_EVENT, p);
        };
        invoices::run::run(&app.db, &app.actor()?, run_day(&date)?, progress)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ExportInvoices {
    async fn run(app: Ctx<'_>, input: InvoicePeriod) -> Result<SavedFile, IpcError> {
        let InvoicePeriod { from, to } = input;
        let actor = app.actor()?;
        let from = validate::date("from", &from).map_err(ipc)?;
        let to = validate::date("to", &to).map_err(ipc)?;
        let (download, file) = files::start("parc-invoices", "csv")?;
        let written =
            invoices::export::export_csv(&app.db, &actor, from, to, std::io::BufWriter::new(file))
                .await
                .map_err(ipc);
        let (count, path) = download.finish(written)?;
        Ok(SavedFile {
            path: path.display().to_string(),
            count,
        })
    }
}

impl Door for commands::GetCompany {
    async fn run(app: Ctx<'_>, _: ()) -> Result<CompanyIdentity, IpcError> {
        app.actor()?;
        settings::company(&app.db).await.map_err(ipc)
    }
}

impl Door for commands::SetCompany {
    async fn run(app: Ctx<'_>, input: CompanyIdentity) -> Result<(), IpcError> {
        settings::set_company(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetInvoicingSettings {
    async fn run(app: Ctx<'_>, _: ()) -> Result<InvoicingSettings, IpcError> {
        settings::invoicing(&app.db, &app.actor()?)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SetInvoicingSettings {
    async fn run(app: Ctx<'_>, input: InvoicingSettings) -> Result<(), IpcError> {
        settings::set_invoicing(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

/// Stores the logo (PNG or JPEG bytes), or removes it when `image` is empty.
impl Door for commands::SetCompanyLogo {
    async fn run(app: Ctx<'_>, image: Vec<u8>) -> Result<(), IpcError> {
        let image = (!image.is_empty()).then_some(&image[..]);
        settings::set_logo(&app.db, &app.actor()?, image)
            .await
            .map_err(ipc)
    }
}

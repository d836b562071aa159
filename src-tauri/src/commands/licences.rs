//! Software, installations, licences, seats and compliance: doors onto
//! `parc_core::licences`, one service call each.

use super::door::{Ctx, Door};
use super::files;
use crate::state::ipc;
use parc_api::commands;
use parc_api::equipment::{ImportReport, ImportRequest, SavedFile};
use parc_api::licences::{
    AddLot, AssignLicence, ComplianceDetail, ComplianceKey, ComplianceQuery, ComplianceRow,
    InstallationInput, InstallationQuery, InstallationRow, LicenceDetail, LicenceInput,
    LicenceQuery, LicenceRow, RenewLicence, SoftwareDetail, SoftwareInput, SoftwareQuery,
    SoftwareRow, UpdateLicence, UpdateSoftware,
};
use parc_api::{IpcError, Page};
use parc_core::licences::{
    assignments, compliance, export, import, installations, register, software,
};

impl Door for commands::ListSoftware {
    async fn run(app: Ctx<'_>, query: SoftwareQuery) -> Result<Page<SoftwareRow>, IpcError> {
        software::list_software(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetSoftware {
    async fn run(app: Ctx<'_>, id: i64) -> Result<SoftwareDetail, IpcError> {
        software::get_software(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateSoftware {
    async fn run(app: Ctx<'_>, input: SoftwareInput) -> Result<SoftwareRow, IpcError> {
        software::create_software(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UpdateSoftware {
    async fn run(app: Ctx<'_>, input: UpdateSoftware) -> Result<SoftwareRow, IpcError> {
        software::update_software(&app.db, &app.actor()?, input.id, &input.input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ListInstallations {
    async fn run(
        app: Ctx<'_>,
        query: InstallationQuery,
    ) -> Result<Page<InstallationRow>, IpcError> {
        installations::list_installations(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::AddInstallation {
    async fn run(app: Ctx<'_>, input: InstallationInput) -> Result<InstallationRow, IpcError> {
        installations::add_installation(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::RemoveInstallation {
    async fn run(app: Ctx<'_>, id: i64) -> Result<(), IpcError> {
        installations::remove_installation(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ImportInstallations {
    async fn run(app: Ctx<'_>, request: ImportRequest) -> Result<ImportReport, IpcError> {
        import::import_installations(
            &app.db,
            &app.actor()?,
            &request.file_name,
            request.csv.as_bytes(),
            request.dry_run,
        )
        .await
        .map_err(ipc)
    }
}

impl Door for commands::ListLicences {
    async fn run(app: Ctx<'_>, query: LicenceQuery) -> Result<Page<LicenceRow>, IpcError> {
        register::list_licences(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetLicence {
    async fn run(app: Ctx<'_>, id: i64) -> Result<LicenceDetail, IpcError> {
        register::get_licence(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateLicence {
    async fn run(app: Ctx<'_>, input: LicenceInput) -> Result<LicenceDetail, IpcError> {
        register::create_licence(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UpdateLicence {
    async fn run(app: Ctx<'_>, input: UpdateLicence) -> Result<LicenceDetail, IpcError> {
        register::update_licence(&app.db, &app.actor()?, input.id, &input.input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::AddLicenceLot {
    async fn run(app: Ctx<'_>, input: AddLot) -> Result<LicenceDetail, IpcError> {
        register::add_lot(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::RenewLicence {
    async fn run(app: Ctx<'_>, input: RenewLicence) -> Result<LicenceDetail, IpcError> {
        register::renew_licence(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::RevealLicenceKey {
    async fn run(app: Ctx<'_>, id: i64) -> Result<String, IpcError> {
        register::reveal_key(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::AssignLicence {
    async fn run(app: Ctx<'_>, input: AssignLicence) -> Result<LicenceDetail, IpcError> {
        assignments::assign(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UnassignLicence {
    async fn run(app: Ctx<'_>, id: i64) -> Result<LicenceDetail, IpcError> {
        assignments::unassign(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::LicenceCompliance {
    async fn run(app: Ctx<'_>, query: ComplianceQuery) -> Result<Vec<ComplianceRow>, IpcError> {
        compliance::compliance(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ComplianceDetail {
    async fn run(app: Ctx<'_>, key: ComplianceKey) -> Result<ComplianceDetail, IpcError> {
        compliance::compliance_detail(&app.db, &app.actor()?, key.client_id, key.software_id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ExportLicences {
    async fn run(app: Ctx<'_>, query: LicenceQuery) -> Result<SavedFile, IpcError> {
        let actor = app.actor()?;
        let (download, file) = files::start("parc-licences", "csv")?;
        let written = export::export_csv(&app.db, &actor, &query, std::io::BufWriter::new(file))
            .await
            .map_err(ipc);
        let (count, path) = download.finish(written)?;
        Ok(SavedFile {
            path: path.display().to_string(),
            count,
        })
    }
}

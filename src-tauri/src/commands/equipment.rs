//! The equipment catalogue, equipment, spare parts, and the files the
//! inventory writes for the user (CSV exports and label sheets), saved in the
//! user's Downloads folder.

use super::door::{Ctx, Door};
use super::files;
use crate::state::ipc;
use parc_api::commands;
use parc_api::equipment::{
    BulkRequest, Catalogue, EquipmentDetail, EquipmentInput, EquipmentPage, EquipmentQuery,
    ImportReport, ImportRequest, LabelsRequest, ManufacturerInput, ManufacturerRow, ModelInput,
    ModelRow, PartInput, PartRow, SavedFile, StockMovementInput, StockMovementRow, TypeInput,
    TypeRow, UpdateEquipment, UpdateManufacturer, UpdateModel, UpdatePart, UpdateType,
};
use parc_api::IpcError;
use parc_core::{catalogue, equipment, parts};

/// The event the import sends with the number of rows handled so far.
pub const IMPORT_PROGRESS: &str = "import-progress";

impl Door for commands::GetCatalogue {
    async fn run(app: Ctx<'_>, _: ()) -> Result<Catalogue, IpcError> {
        catalogue::catalogue(&app.db, &app.actor()?)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateType {
    async fn run(app: Ctx<'_>, input: TypeInput) -> Result<TypeRow, IpcError> {
        catalogue::create_type(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UpdateType {
    async fn run(app: Ctx<'_>, input: UpdateType) -> Result<TypeRow, IpcError> {
        catalogue::update_type(&app.db, &app.actor()?, input.id, &input.input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateManufacturer {
    async fn run(app: Ctx<'_>, input: ManufacturerInput) -> Result<ManufacturerRow, IpcError> {
        catalogue::create_manufacturer(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UpdateManufacturer {
    async fn run(app: Ctx<'_>, input: UpdateManufacturer) -> Result<ManufacturerRow, IpcError> {
        catalogue::update_manufacturer(&app.db, &app.actor()?, input.id, &input.input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateModel {
    async fn run(app: Ctx<'_>, input: ModelInput) -> Result<ModelRow, IpcError> {
        catalogue::create_model(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UpdateModel {
    async fn run(app: Ctx<'_>, input: UpdateModel) -> Result<ModelRow, IpcError> {
        catalogue::update_model(&app.db, &app.actor()?, input.id, &input.input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ListEquipment {
    async fn run(app: Ctx<'_>, query: EquipmentQuery) -> Result<EquipmentPage, IpcError> {
        equipment::list_equipment(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetEquipment {
    async fn run(app: Ctx<'_>, id: i64) -> Result<EquipmentDetail, IpcError> {
        equipment::get_equipment(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateEquipment {
    async fn run(app: Ctx<'_>, input: EquipmentInput) -> Result<EquipmentDetail, IpcError> {
        equipment::create_equipment(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UpdateEquipment {
    async fn run(app: Ctx<'_>, input: UpdateEquipment) -> Result<EquipmentDetail, IpcError> {
        equipment::update_equipment(&app.db, &app.actor()?, input.id, &input.input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::DeleteEquipment {
    async fn run(app: Ctx<'_>, id: i64) -> Result<(), IpcError> {
        equipment::delete_equipment(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::BulkChangeEquipment {
    async fn run(app: Ctx<'_>, request: BulkRequest) -> Result<u64, IpcError> {
        equipment::bulk_change(&app.db, &app.actor()?, &request)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ExportEquipment {
    async fn run(app: Ctx<'_>, query: EquipmentQuery) -> Result<SavedFile, IpcError> {
        let actor = app.actor()?;
        let (download, file) = files::start("parc-equipment", "csv")?;
        let written = equipment::export::export_csv(
            &app.db,
            &actor,
            &query.filter,
            query.sort,
            query.dir,
            std::io::BufWriter::new(file),
        )
        .await
        .map_err(ipc);
        let (count, path) = download.finish(written)?;
        Ok(SavedFile {
            path: path.display().to_string(),
            count,
        })
    }
}

impl Door for commands::ImportEquipment {
    async fn run(app: Ctx<'_>, request: ImportRequest) -> Result<ImportReport, IpcError> {
        let handle = app.events();
        let mut progress = move |rows: u64| {
            // Progress is a courtesy: a closed window must not fail the import.
            let _ = handle.emit(IMPORT_PROGRESS, rows);
        };
        equipment::import::import_csv(
            &app.db,
            &app.actor()?,
            &request.file_name,
            request.csv.as_bytes(),
            request.dry_run,
            &mut progress,
        )
        .await
        .map_err(ipc)
    }
}

impl Door for commands::PrintLabels {
    async fn run(app: Ctx<'_>, request: LabelsRequest) -> Result<SavedFile, IpcError> {
        let pdf = equipment::labels::labels_for_ids(&app.db, &app.actor()?, &request.ids)
            .await
            .map_err(ipc)?;
        let path = files::save("parc-labels", "pdf", &pdf)?;
        Ok(SavedFile {
            path: path.display().to_string(),
            count: request.ids.len() as u64,
        })
    }
}

impl Door for commands::ListParts {
    async fn run(app: Ctx<'_>, query: String) -> Result<Vec<PartRow>, IpcError> {
        parts::list_parts(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreatePart {
    async fn run(app: Ctx<'_>, input: PartInput) -> Result<PartRow, IpcError> {
        parts::create_part(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UpdatePart {
    async fn run(app: Ctx<'_>, input: UpdatePart) -> Result<PartRow, IpcError> {
        parts::update_part(&app.db, &app.actor()?, input.id, &input.input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::RecordStockMovement {
    async fn run(app: Ctx<'_>, input: StockMovementInput) -> Result<PartRow, IpcError> {
        parts::record_movement(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ListStockMovements {
    async fn run(app: Ctx<'_>, id: i64) -> Result<Vec<StockMovementRow>, IpcError> {
        parts::list_movements(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

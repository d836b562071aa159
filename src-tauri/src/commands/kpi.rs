//! The dashboards, the statistics and the activity reports: doors onto
//! `parc_core::kpi`. Files are written to the downloads folder, as every
//! export is.

use super::door::{Ctx, Door};
use super::files::{self, open_with_system};
use crate::state::ipc;
use parc_api::commands;
use parc_api::equipment::SavedFile;
use parc_api::kpi::SaveActivityReport;
use parc_api::kpi::{
    ActivityQuery, ActivityReport, KpiFilter, ManagerDashboard, Statistics, StatisticsQuery,
    TechnicianDashboard,
};
use parc_api::IpcError;
use parc_core::kpi::{activity, activity_document, period};

impl Door for commands::GetManagerDashboard {
    async fn run(app: Ctx<'_>, filter: KpiFilter) -> Result<ManagerDashboard, IpcError> {
        parc_core::kpi::manager_dashboard(&app.db, &app.actor()?, &filter, chrono::Utc::now())
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetTechnicianDashboard {
    async fn run(app: Ctx<'_>, _: ()) -> Result<TechnicianDashboard, IpcError> {
        parc_core::kpi::technician::technician_dashboard(&app.db, &app.actor()?, chrono::Utc::now())
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetStatistics {
    async fn run(app: Ctx<'_>, query: StatisticsQuery) -> Result<Statistics, IpcError> {
        period::statistics(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ExportStatistics {
    async fn run(app: Ctx<'_>, query: StatisticsQuery) -> Result<SavedFile, IpcError> {
        let statistics = period::statistics(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)?;
        let stem = format!("parc-statistics-{}-{}", statistics.from, statistics.to);
        let mut bytes = Vec::new();
        activity_document::write_statistics_csv(&app.db, &statistics, &mut bytes)
            .await
            .map_err(ipc)?;
        let path = files::save(&stem, "csv", &bytes)?;
        Ok(SavedFile {
            path: path.display().to_string(),
            count: 1,
        })
    }
}

impl Door for commands::GetActivityReport {
    async fn run(app: Ctx<'_>, query: ActivityQuery) -> Result<ActivityReport, IpcError> {
        activity::activity_report(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

/// Writes the activity report as a PDF (`csv` false) or a CSV, and opens
/// the PDF when asked.
impl Door for commands::SaveActivityReport {
    async fn run(app: Ctx<'_>, input: SaveActivityReport) -> Result<SavedFile, IpcError> {
        let SaveActivityReport { query, csv, open } = input;
        let report = activity::activity_report(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)?;
        let stem = activity_document::file_stem(&report);
        let (bytes, extension) = if csv {
            let mut bytes = Vec::new();
            activity_document::write_activity_csv(&app.db, &report, &mut bytes)
                .await
                .map_err(ipc)?;
            (bytes, "csv")
        } else {
            let bytes = activity_document::pdf_of(&app.db, &report)
                .await
                .map_err(ipc)?;
            (bytes, "pdf")
        };
        let path = files::save(&stem, extension, &bytes)?;
        if open && !csv {
            open_with_system(&path)?;
        }
        Ok(SavedFile {
            path: path.display().to_string(),
            count: 1,
        })
    }
}

//! The service desk: tickets, technicians and their skills, timers and time
//! entries, interventions with their parts and report, preventive planning,
//! and the desk's settings.

use super::door::{Ctx, Door};
use super::files::{self, open_with_system};
use crate::state::ipc;
use parc_api::commands;
use parc_api::equipment::SaveDocument;
use parc_api::equipment::SavedFile;
use parc_api::interventions::{
    InterventionDetail, InterventionInput, InterventionQuery, InterventionRow, PartUseInput,
};
use parc_api::settings::{DeskSettings, ReportLayout};
use parc_api::tickets::{
    AssigneeSuggestion, CategoryInput, DeskCatalogue, PlanResult, SlaSettings, TechnicianInput,
    TechnicianRow, TicketAssignment, TicketDetail, TicketInput, TicketMessageInput, TicketQuery,
    TicketRow, TicketStatusInput, TimeEntryInput, TimeEntryRow, WorkItem,
};
use parc_api::{IpcError, Page, Update};
use parc_core::desk::{interventions, planning, report, sla_settings, technicians, tickets, time};
use parc_core::settings;

impl Door for commands::ListTickets {
    async fn run(app: Ctx<'_>, query: TicketQuery) -> Result<Page<TicketRow>, IpcError> {
        tickets::list_tickets(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetTicket {
    async fn run(app: Ctx<'_>, id: i64) -> Result<TicketDetail, IpcError> {
        tickets::get_ticket(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateTicket {
    async fn run(app: Ctx<'_>, input: TicketInput) -> Result<TicketDetail, IpcError> {
        tickets::create_ticket(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ChangeTicketStatus {
    async fn run(app: Ctx<'_>, input: TicketStatusInput) -> Result<TicketDetail, IpcError> {
        tickets::change_status(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::AddTicketMessage {
    async fn run(app: Ctx<'_>, input: TicketMessageInput) -> Result<TicketDetail, IpcError> {
        tickets::add_message(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::AssignTicket {
    async fn run(app: Ctx<'_>, input: TicketAssignment) -> Result<TicketDetail, IpcError> {
        tickets::assign(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ListTechnicians {
    async fn run(app: Ctx<'_>, _: ()) -> Result<Vec<TechnicianRow>, IpcError> {
        technicians::list_technicians(&app.db, &app.actor()?)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SetTechnicianProfile {
    async fn run(app: Ctx<'_>, input: TechnicianInput) -> Result<(), IpcError> {
        technicians::set_profile(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SuggestAssignee {
    async fn run(app: Ctx<'_>, category_id: i64) -> Result<Option<AssigneeSuggestion>, IpcError> {
        technicians::suggest_assignee(&app.db, &app.actor()?, category_id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetDeskCatalogue {
    async fn run(app: Ctx<'_>, _: ()) -> Result<DeskCatalogue, IpcError> {
        technicians::catalogue(&app.db, &app.actor()?)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateSkill {
    async fn run(app: Ctx<'_>, name: String) -> Result<i64, IpcError> {
        technicians::create_skill(&app.db, &app.actor()?, &name)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateTicketCategory {
    async fn run(app: Ctx<'_>, input: CategoryInput) -> Result<i64, IpcError> {
        technicians::create_category(&app.db, &app.actor()?, &input.name, input.skill_id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::StartTimer {
    async fn run(app: Ctx<'_>, item: WorkItem) -> Result<TimeEntryRow, IpcError> {
        time::start_timer(&app.db, &app.actor()?, item)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::StopTimer {
    async fn run(app: Ctx<'_>, _: ()) -> Result<Option<TimeEntryRow>, IpcError> {
        time::stop_timer(&app.db, &app.actor()?).await.map_err(ipc)
    }
}

impl Door for commands::RunningTimer {
    async fn run(app: Ctx<'_>, _: ()) -> Result<Option<TimeEntryRow>, IpcError> {
        time::running_timer(&app.db, &app.actor()?)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::AddTimeEntry {
    async fn run(app: Ctx<'_>, input: TimeEntryInput) -> Result<TimeEntryRow, IpcError> {
        time::add_entry(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ListTicketTime {
    async fn run(app: Ctx<'_>, id: i64) -> Result<Vec<TimeEntryRow>, IpcError> {
        time::entries_of_ticket(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::ListInterventions {
    async fn run(
        app: Ctx<'_>,
        query: InterventionQuery,
    ) -> Result<Page<InterventionRow>, IpcError> {
        interventions::list_interventions(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetIntervention {
    async fn run(app: Ctx<'_>, id: i64) -> Result<InterventionDetail, IpcError> {
        interventions::get_intervention(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateIntervention {
    async fn run(app: Ctx<'_>, input: InterventionInput) -> Result<InterventionDetail, IpcError> {
        interventions::create_intervention(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UpdateIntervention {
    async fn run(
        app: Ctx<'_>,
        input: Update<InterventionInput>,
    ) -> Result<InterventionDetail, IpcError> {
        interventions::update_intervention(&app.db, &app.actor()?, input.id, &input.input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UseInterventionParts {
    async fn run(app: Ctx<'_>, input: PartUseInput) -> Result<InterventionDetail, IpcError> {
        interventions::use_parts(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

/// Writes the report's PDF into the documents folder and, when asked, opens it.
impl Door for commands::SaveInterventionReport {
    async fn run(app: Ctx<'_>, input: SaveDocument) -> Result<SavedFile, IpcError> {
        let SaveDocument { id, open } = input;
        let (pdf, _) = report::report_pdf(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)?;
        let detail = interventions::get_intervention(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)?;
        let path = files::save(&format!("parc-{}", detail.row.reference), "pdf", &pdf)?;
        if open {
            open_with_system(&path)?;
        }
        Ok(SavedFile {
            path: path.display().to_string(),
            count: 1,
        })
    }
}

impl Door for commands::RunPlanning {
    async fn run(app: Ctx<'_>, _: ()) -> Result<PlanResult, IpcError> {
        let summary = planning::plan(
            &app.db,
            &app.actor()?,
            parc_core::clock::today(),
            planning::DEFAULT_HORIZON_DAYS,
        )
        .await
        .map_err(ipc)?;
        Ok(PlanResult {
            created: summary.created,
            already_planned: summary.already_planned,
        })
    }
}

impl Door for commands::GetDeskSettings {
    async fn run(app: Ctx<'_>, _: ()) -> Result<DeskSettings, IpcError> {
        settings::desk_settings(&app.db, &app.actor()?)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SetDeskSettings {
    async fn run(app: Ctx<'_>, input: DeskSettings) -> Result<(), IpcError> {
        settings::set_desk_settings(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetReportLayout {
    async fn run(app: Ctx<'_>, _: ()) -> Result<ReportLayout, IpcError> {
        settings::read_report_layout(&app.db, &app.actor()?)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SetReportLayout {
    async fn run(app: Ctx<'_>, input: ReportLayout) -> Result<(), IpcError> {
        settings::set_report_layout(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetSlaSettings {
    async fn run(app: Ctx<'_>, _: ()) -> Result<SlaSettings, IpcError> {
        sla_settings::sla_settings(&app.db, &app.actor()?)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SetSlaSettings {
    async fn run(app: Ctx<'_>, input: SlaSettings) -> Result<(), IpcError> {
        sla_settings::set_sla_settings(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

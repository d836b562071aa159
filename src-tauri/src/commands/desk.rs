//! The service desk: tickets, technicians and their skills, timers and time
//! entries, interventions with their parts and report, preventive planning,
//! and the desk's settings.

use super::files::{finish, new_file, open_with_system, partial, write_error};
use crate::state::{ipc, App};
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
use tauri::State;

#[tauri::command]
pub async fn list_tickets(
    app: State<'_, App>,
    query: TicketQuery,
) -> Result<Page<TicketRow>, IpcError> {
    tickets::list_tickets(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn get_ticket(app: State<'_, App>, id: i64) -> Result<TicketDetail, IpcError> {
    tickets::get_ticket(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_ticket(
    app: State<'_, App>,
    input: TicketInput,
) -> Result<TicketDetail, IpcError> {
    tickets::create_ticket(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn change_ticket_status(
    app: State<'_, App>,
    input: TicketStatusInput,
) -> Result<TicketDetail, IpcError> {
    tickets::change_status(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn add_ticket_message(
    app: State<'_, App>,
    input: TicketMessageInput,
) -> Result<TicketDetail, IpcError> {
    tickets::add_message(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn assign_ticket(
    app: State<'_, App>,
    input: TicketAssignment,
) -> Result<TicketDetail, IpcError> {
    tickets::assign(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn list_technicians(app: State<'_, App>) -> Result<Vec<TechnicianRow>, IpcError> {
    technicians::list_technicians(&app.db, &app.actor()?)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn set_technician_profile(
    app: State<'_, App>,
    input: TechnicianInput,
) -> Result<(), IpcError> {
    technicians::set_profile(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn suggest_assignee(
    app: State<'_, App>,
    category_id: i64,
) -> Result<Option<AssigneeSuggestion>, IpcError> {
    technicians::suggest_assignee(&app.db, &app.actor()?, category_id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn get_desk_catalogue(app: State<'_, App>) -> Result<DeskCatalogue, IpcError> {
    technicians::catalogue(&app.db, &app.actor()?)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_skill(app: State<'_, App>, name: String) -> Result<i64, IpcError> {
    technicians::create_skill(&app.db, &app.actor()?, &name)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_ticket_category(
    app: State<'_, App>,
    input: CategoryInput,
) -> Result<i64, IpcError> {
    technicians::create_category(&app.db, &app.actor()?, &input.name, input.skill_id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn start_timer(app: State<'_, App>, item: WorkItem) -> Result<TimeEntryRow, IpcError> {
    time::start_timer(&app.db, &app.actor()?, item)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn stop_timer(app: State<'_, App>) -> Result<Option<TimeEntryRow>, IpcError> {
    time::stop_timer(&app.db, &app.actor()?).await.map_err(ipc)
}

#[tauri::command]
pub async fn running_timer(app: State<'_, App>) -> Result<Option<TimeEntryRow>, IpcError> {
    time::running_timer(&app.db, &app.actor()?)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn add_time_entry(
    app: State<'_, App>,
    input: TimeEntryInput,
) -> Result<TimeEntryRow, IpcError> {
    time::add_entry(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn list_ticket_time(app: State<'_, App>, id: i64) -> Result<Vec<TimeEntryRow>, IpcError> {
    time::entries_of_ticket(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn list_interventions(
    app: State<'_, App>,
    query: InterventionQuery,
) -> Result<Page<InterventionRow>, IpcError> {
    interventions::list_interventions(&app.db, &app.actor()?, &query)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn get_intervention(
    app: State<'_, App>,
    id: i64,
) -> Result<InterventionDetail, IpcError> {
    interventions::get_intervention(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn create_intervention(
    app: State<'_, App>,
    input: InterventionInput,
) -> Result<InterventionDetail, IpcError> {
    interventions::create_intervention(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn update_intervention(
    app: State<'_, App>,
    input: Update<InterventionInput>,
) -> Result<InterventionDetail, IpcError> {
    interventions::update_intervention(&app.db, &app.actor()?, input.id, &input.input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn use_intervention_parts(
    app: State<'_, App>,
    input: PartUseInput,
) -> Result<InterventionDetail, IpcError> {
    interventions::use_parts(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

/// Writes the report's PDF into the documents folder and, when asked, opens it.
#[tauri::command]
pub async fn save_intervention_report(
    app: State<'_, App>,
    id: i64,
    open: bool,
) -> Result<SavedFile, IpcError> {
    let (pdf, _) = report::report_pdf(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)?;
    let detail = interventions::get_intervention(&app.db, &app.actor()?, id)
        .await
        .map_err(ipc)?;
    let path = new_file(&format!("parc-{}", detail.row.reference), "pdf")?;
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

#[tauri::command]
pub async fn run_planning(app: State<'_, App>) -> Result<PlanResult, IpcError> {
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

#[tauri::command]
pub async fn get_desk_settings(app: State<'_, App>) -> Result<DeskSettings, IpcError> {
    settings::desk_settings(&app.db, &app.actor()?)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn set_desk_settings(app: State<'_, App>, input: DeskSettings) -> Result<(), IpcError> {
    settings::set_desk_settings(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn get_report_layout(app: State<'_, App>) -> Result<ReportLayout, IpcError> {
    let actor = app.actor()?;
    parc_core::authz::require(&actor, parc_core::authz::Operation::ManageSettings).map_err(ipc)?;
    settings::report_layout(&app.db).await.map_err(ipc)
}

#[tauri::command]
pub async fn set_report_layout(app: State<'_, App>, input: ReportLayout) -> Result<(), IpcError> {
    settings::set_report_layout(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn get_sla_settings(app: State<'_, App>) -> Result<SlaSettings, IpcError> {
    sla_settings::sla_settings(&app.db, &app.actor()?)
        .await
        .map_err(ipc)
}

#[tauri::command]
pub async fn set_sla_settings(app: State<'_, App>, input: SlaSettings) -> Result<(), IpcError> {
    sla_settings::set_sla_settings(&app.db, &app.actor()?, &input)
        .await
        .map_err(ipc)
}

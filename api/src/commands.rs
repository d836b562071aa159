//! Every command the UI can send, declared once: its wire name, what it
//! takes, what it answers and what it needs before it runs.
//!
//! Each line below makes a unit type implementing [`Command`]. The UI calls
//! `ipc::call::<ListEquipment>(&query)`, so a wrong argument or result type
//! is a compile error in wasm; the desktop shell implements its door for
//! each type (a declared command without one does not compile) and admits
//! it by [`access_of`]; [`ALL`] and [`for_each_command!`] are generated from
//! the same lines, so there is no second list to keep in step. This is the
//! shape of Spacedrive's `CoreAction { type Input; type Output }` and of
//! rspc's procedures, as a declarative macro.
//!
//! On the wire a command is its name and one JSON object, `{"input": …}`.

use crate::authz::Operation::{self, *};
use crate::{
    alerts, auth, backup, clients, contracts, equipment, history, interventions, invoices, kpi,
    licences, mail, page, portal, second_factor, sequences, settings, sites, tickets, users,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// What a command needs before it runs; the services check the role matrix
/// again inside, this makes the rule visible in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Nothing: start-up, first-run set-up, login and logout.
    Open,
    /// A signed-in user, whatever the role (the service narrows the rest).
    Session,
    /// A signed-in user whose role may do this operation.
    Op(Operation),
}
use Access::{Op, Open, Session};

/// A command, as its type: `C::NAME`, `C::Input`, `C::Output`, `C::ACCESS`.
pub trait Command: 'static {
    /// The name on the wire, as Tauri's IPC (and later the server) routes it.
    const NAME: &'static str;
    /// What the door checks before reading the input.
    const ACCESS: Access;
    /// The one argument (`()` for none).
    type Input: Serialize + DeserializeOwned + Send + 'static;
    /// The answer.
    type Output: Serialize + DeserializeOwned + Send + 'static;
}

/// A declared command's name and access, for tables that go by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Declared {
    pub name: &'static str,
    pub access: Access,
}

/// What `name` needs, if Parc has such a command.
pub fn access_of(name: &str) -> Option<Access> {
    ALL.iter()
        .find(|declared| declared.name == name)
        .map(|declared| declared.access)
}

/// Makes the types, [`ALL`] and [`for_each_command!`] from the list below.
/// `$d` is a `$` handed in, for the macro this one writes.
macro_rules! declare_commands {
    ($d:tt $( $(#[$meta:meta])* $command:ident $name:literal : $input:ty => $output:ty, $access:expr; )*) => {
        $(
            $(#[$meta])*
            #[doc = concat!("The `", $name, "` command.")]
            #[derive(Clone, Copy, Debug)]
            pub struct $command;

            impl Command for $command {
                const NAME: &'static str = $name;
                const ACCESS: Access = $access;
                type Input = $input;
                type Output = $output;
            }
        )*

        /// Every command, in declaration order.
        pub const ALL: &[Declared] = &[$(Declared { name: $name, access: $access }),*];

        /// Calls `$callback! { path::To::Command, … }` with every declared
        /// command: how a door implements or registers them all without a
        /// list of its own.
        #[macro_export]
        macro_rules! for_each_command {
            ($d callback:ident) => {
                $d callback! { $($crate::commands::$command),* }
            };
        }
    };
}

declare_commands! { $
    // Start-up, set-up, sign-in and the screen language.
    StartupState "startup_state": () => auth::StartupState, Open;
    CompleteSetup "complete_setup": auth::SetupRequest => (), Open;
    Login "login": auth::LoginRequest => second_factor::LoginAnswer, Open;
    Logout "logout": () => (), Open;
    SetLanguage "set_language": auth::Language => (), Session;
    // What a panic in the UI said, for the shell's log (`ui/src/crash.rs`).
    ReportUiPanic "report_ui_panic": String => (), Open;

    // Users and remembered logins.
    ListUsers "list_users": () => Vec<users::UserRow>, Op(ManageUsers);
    CreateUser "create_user": users::NewUser => users::UserRow, Op(ManageUsers);
    SetUserActive "set_user_active": users::SetUserActive => users::UserRow, Op(ManageUsers);
    ResetUserPassword "reset_user_password": users::ResetPassword => (), Op(ManageUsers);
    SetUserRole "set_user_role": users::SetUserRole => users::UserRow, Op(ManageUsers);
    // A user's own, or anyone's for managers: core decides.
    ListRememberedLogins "list_remembered_logins": i64 => Vec<users::RememberedLoginRow>, Session;
    RevokeRememberedLogin "revoke_remembered_login": i64 => (), Session;

    // The company's document language.
    GetDocumentLanguage "get_document_language": () => auth::Language, Op(ManageSettings);
    SetDocumentLanguage "set_document_language": auth::Language => (), Op(ManageSettings);

    // Clients, contacts, history and search.
    ListClients "list_clients": clients::ClientQuery => page::Page<clients::ClientRow>, Op(ReadClients);
    GetClient "get_client": i64 => clients::ClientDetail, Op(ReadClients);
    CreateClient "create_client": clients::ClientInput => clients::ClientDetail, Op(WriteClients);
    UpdateClient "update_client": clients::UpdateClient => clients::ClientDetail, Op(WriteClients);
    SetClientArchived "set_client_archived": clients::SetArchived => clients::ClientDetail, Op(WriteClients);
    DeleteClient "delete_client": i64 => (), Op(WriteClients);
    CreateContact "create_contact": clients::ContactInput => clients::ContactRow, Op(WriteClients);
    UpdateContact "update_contact": clients::UpdateContact => clients::ContactRow, Op(WriteClients);
    SetContactArchived "set_contact_archived": clients::SetArchived => clients::ContactRow, Op(WriteClients);
    DeleteContact "delete_contact": i64 => (), Op(WriteClients);
    RecordHistory "record_history": history::HistoryQuery => Vec<history::HistoryEntry>, Op(ReadHistory);
    GlobalSearch "global_search": String => Vec<clients::SearchHit>, Op(ReadClients);

    // Zones and sites.
    ListZones "list_zones": () => Vec<sites::ZoneRow>, Op(ReadZones);
    CreateZone "create_zone": sites::ZoneInput => sites::ZoneRow, Op(WriteZones);
    UpdateZone "update_zone": sites::UpdateZone => sites::ZoneRow, Op(WriteZones);
    ListSites "list_sites": sites::SiteQuery => page::Page<sites::SiteRow>, Op(ReadClients);
    CreateSite "create_site": sites::SiteInput => sites::SiteRow, Op(WriteClients);
    UpdateSite "update_site": sites::UpdateSite => sites::SiteRow, Op(WriteClients);
    SetSiteArchived "set_site_archived": clients::SetArchived => sites::SiteRow, Op(WriteClients);
    DeleteSite "delete_site": i64 => (), Op(WriteClients);

    // The catalogue, equipment and spare parts.
    GetCatalogue "get_catalogue": () => equipment::Catalogue, Op(ReadEquipment);
    CreateType "create_type": equipment::TypeInput => equipment::TypeRow, Op(WriteCatalogue);
    UpdateType "update_type": equipment::UpdateType => equipment::TypeRow, Op(WriteCatalogue);
    CreateManufacturer "create_manufacturer": equipment::ManufacturerInput => equipment::ManufacturerRow, Op(WriteCatalogue);
    UpdateManufacturer "update_manufacturer": equipment::UpdateManufacturer => equipment::ManufacturerRow, Op(WriteCatalogue);
    CreateModel "create_model": equipment::ModelInput => equipment::ModelRow, Op(WriteCatalogue);
    UpdateModel "update_model": equipment::UpdateModel => equipment::ModelRow, Op(WriteCatalogue);
    ListEquipment "list_equipment": equipment::EquipmentQuery => equipment::EquipmentPage, Op(ReadEquipment);
    GetEquipment "get_equipment": i64 => equipment::EquipmentDetail, Op(ReadEquipment);
    CreateEquipment "create_equipment": equipment::EquipmentInput => equipment::EquipmentDetail, Op(WriteEquipment);
    UpdateEquipment "update_equipment": equipment::UpdateEquipment => equipment::EquipmentDetail, Op(WriteEquipment);
    DeleteEquipment "delete_equipment": i64 => (), Op(WriteEquipment);
    BulkChangeEquipment "bulk_change_equipment": equipment::BulkRequest => u64, Op(WriteEquipment);
    ExportEquipment "export_equipment": equipment::EquipmentQuery => equipment::SavedFile, Op(ReadEquipment);
    ImportEquipment "import_equipment": equipment::ImportRequest => equipment::ImportReport, Op(WriteEquipment);
    PrintLabels "print_labels": equipment::LabelsRequest => equipment::SavedFile, Op(ReadEquipment);
    ListParts "list_parts": String => Vec<equipment::PartRow>, Op(ReadParts);
    CreatePart "create_part": equipment::PartInput => equipment::PartRow, Op(WriteParts);
    UpdatePart "update_part": equipment::UpdatePart => equipment::PartRow, Op(WriteParts);
    RecordStockMovement "record_stock_movement": equipment::StockMovementInput => equipment::PartRow, Op(WriteParts);
    ListStockMovements "list_stock_movements": i64 => Vec<equipment::StockMovementRow>, Op(ReadParts);

    // Contracts, invoices and the invoice run.
    ListContracts "list_contracts": contracts::ContractQuery => page::Page<contracts::ContractRow>, Op(ReadContracts);
    GetContract "get_contract": i64 => contracts::ContractDetail, Op(ReadContracts);
    CreateContract "create_contract": contracts::ContractInput => contracts::ContractDetail, Op(WriteContracts);
    UpdateContract "update_contract": contracts::UpdateContract => contracts::ContractDetail, Op(WriteContracts);
    ChangeContractStatus "change_contract_status": contracts::ContractStatusChange => contracts::ContractDetail, Op(WriteContracts);
    RenewContract "renew_contract": i64 => contracts::ContractDetail, Op(WriteContracts);
    ListInvoices "list_invoices": invoices::InvoiceQuery => page::Page<invoices::InvoiceRow>, Op(ReadInvoices);
    GetInvoice "get_invoice": i64 => invoices::InvoiceDetail, Op(ReadInvoices);
    CreateDraftInvoice "create_draft_invoice": invoices::DraftInvoiceInput => invoices::InvoiceDetail, Op(WriteInvoices);
    UpdateDraftInvoice "update_draft_invoice": invoices::UpdateDraftInvoice => invoices::InvoiceDetail, Op(WriteInvoices);
    DeleteDraftInvoice "delete_draft_invoice": i64 => (), Op(WriteInvoices);
    FinaliseInvoice "finalise_invoice": i64 => invoices::InvoiceDetail, Op(WriteInvoices);
    MarkInvoiceSent "mark_invoice_sent": i64 => invoices::InvoiceDetail, Op(WriteInvoices);
    RecordPayment "record_payment": invoices::PaymentInput => invoices::InvoiceDetail, Op(WriteInvoices);
    CreditInvoice "credit_invoice": i64 => invoices::InvoiceDetail, Op(WriteInvoices);
    SaveInvoicePdf "save_invoice_pdf": equipment::SaveDocument => equipment::SavedFile, Op(ReadInvoices);
    PreviewInvoiceRun "preview_invoice_run": String => invoices::RunSummary, Op(WriteInvoices);
    RunInvoicing "run_invoicing": String => invoices::RunSummary, Op(WriteInvoices);
    ExportInvoices "export_invoices": invoices::InvoicePeriod => equipment::SavedFile, Op(WriteInvoices);
    GetCompany "get_company": () => auth::CompanyIdentity, Session;
    SetCompany "set_company": auth::CompanyIdentity => (), Op(ManageSettings);
    GetInvoicingSettings "get_invoicing_settings": () => settings::InvoicingSettings, Op(ManageSettings);
    SetInvoicingSettings "set_invoicing_settings": settings::InvoicingSettings => (), Op(ManageSettings);
    SetCompanyLogo "set_company_logo": Vec<u8> => (), Op(ManageSettings);

    // Software, installations and licences.
    ListSoftware "list_software": licences::SoftwareQuery => page::Page<licences::SoftwareRow>, Op(ReadSoftware);
    GetSoftware "get_software": i64 => licences::SoftwareDetail, Op(ReadSoftware);
    CreateSoftware "create_software": licences::SoftwareInput => licences::SoftwareRow, Op(WriteCatalogue);
    UpdateSoftware "update_software": licences::UpdateSoftware => licences::SoftwareRow, Op(WriteCatalogue);
    ListInstallations "list_installations": licences::InstallationQuery => page::Page<licences::InstallationRow>, Op(ReadEquipment);
    AddInstallation "add_installation": licences::InstallationInput => licences::InstallationRow, Op(WriteEquipment);
    RemoveInstallation "remove_installation": i64 => (), Op(WriteEquipment);
    ImportInstallations "import_installations": equipment::ImportRequest => equipment::ImportReport, Op(WriteEquipment);
    ListLicences "list_licences": licences::LicenceQuery => page::Page<licences::LicenceRow>, Op(ReadLicences);
    GetLicence "get_licence": i64 => licences::LicenceDetail, Op(ReadLicences);
    CreateLicence "create_licence": licences::LicenceInput => licences::LicenceDetail, Op(WriteLicences);
    UpdateLicence "update_licence": licences::UpdateLicence => licences::LicenceDetail, Op(WriteLicences);
    AddLicenceLot "add_licence_lot": licences::AddLot => licences::LicenceDetail, Op(WriteLicences);
    RenewLicence "renew_licence": licences::RenewLicence => licences::LicenceDetail, Op(WriteLicences);
    RevealLicenceKey "reveal_licence_key": i64 => String, Op(RevealLicenceKeys);
    AssignLicence "assign_licence": licences::AssignLicence => licences::LicenceDetail, Op(AssignLicences);
    UnassignLicence "unassign_licence": i64 => licences::LicenceDetail, Op(AssignLicences);
    LicenceCompliance "licence_compliance": licences::ComplianceQuery => Vec<licences::ComplianceRow>, Op(ReadLicences);
    ComplianceDetail "compliance_detail": licences::ComplianceKey => licences::ComplianceDetail, Op(ReadLicences);
    ExportLicences "export_licences": licences::LicenceQuery => equipment::SavedFile, Op(ReadLicences);

    // The service desk: tickets, technicians, time, interventions, planning.
    ListTickets "list_tickets": tickets::TicketQuery => page::Page<tickets::TicketRow>, Op(ReadTickets);
    GetTicket "get_ticket": i64 => tickets::TicketDetail, Op(ReadTickets);
    CreateTicket "create_ticket": tickets::TicketInput => tickets::TicketDetail, Op(OpenTickets);
    ChangeTicketStatus "change_ticket_status": tickets::TicketStatusInput => tickets::TicketDetail, Op(WriteTickets);
    AddTicketMessage "add_ticket_message": tickets::TicketMessageInput => tickets::TicketDetail, Op(OpenTickets);
    AssignTicket "assign_ticket": tickets::TicketAssignment => tickets::TicketDetail, Op(WriteTickets);
    ListTechnicians "list_technicians": () => Vec<tickets::TechnicianRow>, Op(ReadTickets);
    SetTechnicianProfile "set_technician_profile": tickets::TechnicianInput => (), Op(ManageUsers);
    GetDeskCatalogue "get_desk_catalogue": () => tickets::DeskCatalogue, Op(ReadTickets);
    SuggestAssignee "suggest_assignee": i64 => Option<tickets::AssigneeSuggestion>, Op(ReadTickets);
    CreateSkill "create_skill": String => i64, Op(ManageUsers);
    CreateTicketCategory "create_ticket_category": tickets::CategoryInput => i64, Op(ManageUsers);
    StartTimer "start_timer": tickets::WorkItem => tickets::TimeEntryRow, Op(WriteTickets);
    StopTimer "stop_timer": () => Option<tickets::TimeEntryRow>, Op(WriteTickets);
    RunningTimer "running_timer": () => Option<tickets::TimeEntryRow>, Op(ReadTickets);
    AddTimeEntry "add_time_entry": tickets::TimeEntryInput => tickets::TimeEntryRow, Op(WriteTickets);
    ListTicketTime "list_ticket_time": i64 => Vec<tickets::TimeEntryRow>, Op(ReadTickets);
    ListInterventions "list_interventions": interventions::InterventionQuery => page::Page<interventions::InterventionRow>, Op(ReadTickets);
    GetIntervention "get_intervention": i64 => interventions::InterventionDetail, Op(ReadTickets);
    CreateIntervention "create_intervention": interventions::InterventionInput => interventions::InterventionDetail, Op(WriteTickets);
    UpdateIntervention "update_intervention": crate::Update<interventions::InterventionInput> => interventions::InterventionDetail, Op(WriteTickets);
    UseInterventionParts "use_intervention_parts": interventions::PartUseInput => interventions::InterventionDetail, Op(WriteTickets);
    SaveInterventionReport "save_intervention_report": equipment::SaveDocument => equipment::SavedFile, Op(ReadTickets);
    RunPlanning "run_planning": () => tickets::PlanResult, Op(WriteTickets);
    GetDeskSettings "get_desk_settings": () => settings::DeskSettings, Op(ManageSettings);
    SetDeskSettings "set_desk_settings": settings::DeskSettings => (), Op(ManageSettings);
    GetReportLayout "get_report_layout": () => settings::ReportLayout, Op(ManageSettings);
    SetReportLayout "set_report_layout": settings::ReportLayout => (), Op(ManageSettings);
    GetSlaSettings "get_sla_settings": () => tickets::SlaSettings, Op(ReadTickets);
    SetSlaSettings "set_sla_settings": tickets::SlaSettings => (), Op(ManageSettings);

    // Alerts and their rules.
    ListAlerts "list_alerts": alerts::AlertQuery => page::Page<alerts::AlertListRow>, Op(ReadAlerts);
    CountOpenAlerts "count_open_alerts": () => u64, Op(ReadAlerts);
    AcknowledgeAlerts "acknowledge_alerts": alerts::AcknowledgeAlerts => u64, Op(HandleAlerts);
    SnoozeAlert "snooze_alert": alerts::SnoozeAlert => (), Op(HandleAlerts);
    ListAlertRules "list_alert_rules": () => Vec<alerts::AlertRule>, Op(ManageSettings);
    SaveAlertRule "save_alert_rule": alerts::AlertRuleInput => alerts::AlertRule, Op(ManageSettings);

    // Mail: settings, templates, outbox.
    GetMailSettings "get_mail_settings": () => mail::MailSettings, Op(ManageSettings);
    SaveMailSettings "save_mail_settings": mail::MailSettingsInput => mail::MailSettings, Op(ManageSettings);
    SendTestMail "send_test_mail": mail::SendTestMail => (), Op(ManageSettings);
    ListMailTemplates "list_mail_templates": () => Vec<mail::MailTemplate>, Op(ManageSettings);
    SaveMailTemplate "save_mail_template": mail::MailTemplateInput => mail::MailTemplate, Op(ManageSettings);
    ResetMailTemplate "reset_mail_template": mail::MailTemplateKey => mail::MailTemplate, Op(ManageSettings);
    ListOutbox "list_outbox": mail::OutboxQuery => page::Page<mail::OutboxRow>, Op(ManageSettings);
    RetryMail "retry_mail": i64 => mail::OutboxRow, Op(ManageSettings);

    // The client portal.
    GetPortalStatus "get_portal_status": () => portal::PortalStatus, Op(ManagePortal);
    SavePortalSettings "save_portal_settings": portal::PortalSettings => portal::PortalStatus, Op(ManagePortal);
    GetPortalAccess "get_portal_access": i64 => portal::PortalAccess, Op(ManagePortal);
    SetPortalAccess "set_portal_access": portal::PortalAccessInput => portal::PortalAccess, Op(ManagePortal);
    SendPortalLink "send_portal_link": i64 => portal::PortalLink, Op(ManagePortal);

    // Dashboards, statistics and activity reports.
    GetManagerDashboard "get_manager_dashboard": kpi::KpiFilter => kpi::ManagerDashboard, Op(ReadStatistics);
    GetTechnicianDashboard "get_technician_dashboard": () => kpi::TechnicianDashboard, Op(ReadTickets);
    GetStatistics "get_statistics": kpi::StatisticsQuery => kpi::Statistics, Op(ReadStatistics);
    ExportStatistics "export_statistics": kpi::StatisticsQuery => equipment::SavedFile, Op(ReadStatistics);
    GetActivityReport "get_activity_report": kpi::ActivityQuery => kpi::ActivityReport, Op(ReadStatistics);
    SaveActivityReport "save_activity_report": kpi::SaveActivityReport => equipment::SavedFile, Op(ReadStatistics);

    // Backups and restores.
    GetBackups "get_backups": () => backup::BackupStatus, Op(ManageSettings);
    SaveBackupSettings "save_backup_settings": backup::BackupSettings => (), Op(ManageSettings);
    BackUpNow "back_up_now": () => backup::BackupWritten, Op(ManageSettings);
    GetBackupProgress "get_backup_progress": () => Option<backup::BackupProgress>, Session;
    RestoreBackup "restore_backup": String => backup::RestoreDone, Op(ManageSettings);

    // Numbering sequences.
    GetSequences "get_sequences": () => Vec<sequences::SequenceSettings>, Op(ManageSettings);
    SaveSequence "save_sequence": sequences::SequenceInput => sequences::SequenceSettings, Op(ManageSettings);

    // The second factor.
    // Two-step sign-in: the login's second step is open (the shell holds
    // the sign-in); one's own factor needs a session; the rest as below.
    CompleteLogin "complete_login": second_factor::SecondFactorCode => auth::LoginResponse, Open;
    CancelLogin "cancel_login": () => (), Open;
    GetSecondFactor "get_second_factor": () => second_factor::SecondFactorStatus, Session;
    BeginSecondFactor "begin_second_factor": () => second_factor::SecondFactorEnrolment, Session;
    ConfirmSecondFactor "confirm_second_factor": second_factor::SecondFactorCode => second_factor::SecondFactorConfirmed, Session;
    DisableSecondFactor "disable_second_factor": second_factor::DisableSecondFactor => (), Session;
    ResetUserSecondFactor "reset_user_second_factor": i64 => (), Op(ManageUsers);
    ListUserSecondFactors "list_user_second_factors": () => Vec<i64>, Op(ManageUsers);
    GetSecondFactorPolicy "get_second_factor_policy": () => second_factor::SecondFactorPolicy, Op(ManageSettings);
    SetSecondFactorPolicy "set_second_factor_policy": second_factor::SecondFactorPolicy => (), Op(ManageSettings);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_snake_case() {
        let mut names: Vec<&str> = ALL.iter().map(|declared| declared.name).collect();
        assert!(names
            .iter()
            .all(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "a name declared twice");
    }

    #[test]
    fn a_command_is_found_by_its_name() {
        assert_eq!(
            access_of(ListEquipment::NAME),
            Some(Access::Op(ReadEquipment))
        );
        assert_eq!(access_of(Login::NAME), Some(Access::Open));
        assert_eq!(access_of("drop_everything"), None);
    }
}

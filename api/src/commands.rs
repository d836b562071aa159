//! The names of the Tauri commands, written once for the UI and the shell.
//!
//! The shell's `generate_handler!` list and this list are checked against each
//! other by a test in `src-tauri`, so a rename cannot silently break a screen.

pub const STARTUP_STATE: &str = "startup_state";
pub const COMPLETE_SETUP: &str = "complete_setup";
pub const LOGIN: &str = "login";
pub const LOGOUT: &str = "logout";
pub const SET_LANGUAGE: &str = "set_language";

pub const LIST_USERS: &str = "list_users";
pub const CREATE_USER: &str = "create_user";
pub const SET_USER_ACTIVE: &str = "set_user_active";
pub const RESET_USER_PASSWORD: &str = "reset_user_password";

pub const LIST_CLIENTS: &str = "list_clients";
pub const GET_CLIENT: &str = "get_client";
pub const CREATE_CLIENT: &str = "create_client";
pub const UPDATE_CLIENT: &str = "update_client";
pub const SET_CLIENT_ARCHIVED: &str = "set_client_archived";
pub const DELETE_CLIENT: &str = "delete_client";

pub const CREATE_CONTACT: &str = "create_contact";
pub const UPDATE_CONTACT: &str = "update_contact";
pub const SET_CONTACT_ARCHIVED: &str = "set_contact_archived";
pub const DELETE_CONTACT: &str = "delete_contact";

pub const LIST_ZONES: &str = "list_zones";
pub const CREATE_ZONE: &str = "create_zone";
pub const UPDATE_ZONE: &str = "update_zone";

pub const LIST_SITES: &str = "list_sites";
pub const CREATE_SITE: &str = "create_site";
pub const UPDATE_SITE: &str = "update_site";
pub const SET_SITE_ARCHIVED: &str = "set_site_archived";
pub const DELETE_SITE: &str = "delete_site";

pub const RECORD_HISTORY: &str = "record_history";
pub const GLOBAL_SEARCH: &str = "global_search";

pub const GET_CATALOGUE: &str = "get_catalogue";
pub const CREATE_TYPE: &str = "create_type";
pub const UPDATE_TYPE: &str = "update_type";
pub const CREATE_MANUFACTURER: &str = "create_manufacturer";
pub const UPDATE_MANUFACTURER: &str = "update_manufacturer";
pub const CREATE_MODEL: &str = "create_model";
pub const UPDATE_MODEL: &str = "update_model";
pub const LIST_EQUIPMENT: &str = "list_equipment";
pub const GET_EQUIPMENT: &str = "get_equipment";
pub const CREATE_EQUIPMENT: &str = "create_equipment";
pub const UPDATE_EQUIPMENT: &str = "update_equipment";
pub const DELETE_EQUIPMENT: &str = "delete_equipment";
pub const BULK_CHANGE_EQUIPMENT: &str = "bulk_change_equipment";
pub const EXPORT_EQUIPMENT: &str = "export_equipment";
pub const IMPORT_EQUIPMENT: &str = "import_equipment";
pub const PRINT_LABELS: &str = "print_labels";
pub const LIST_PARTS: &str = "list_parts";
pub const CREATE_PART: &str = "create_part";
pub const UPDATE_PART: &str = "update_part";
pub const RECORD_STOCK_MOVEMENT: &str = "record_stock_movement";
pub const LIST_STOCK_MOVEMENTS: &str = "list_stock_movements";

pub const LIST_SOFTWARE: &str = "list_software";
pub const GET_SOFTWARE: &str = "get_software";
pub const CREATE_SOFTWARE: &str = "create_software";
pub const UPDATE_SOFTWARE: &str = "update_software";
pub const LIST_INSTALLATIONS: &str = "list_installations";
pub const ADD_INSTALLATION: &str = "add_installation";
pub const REMOVE_INSTALLATION: &str = "remove_installation";
pub const IMPORT_INSTALLATIONS: &str = "import_installations";
pub const LIST_LICENCES: &str = "list_licences";
pub const GET_LICENCE: &str = "get_licence";
pub const CREATE_LICENCE: &str = "create_licence";
pub const UPDATE_LICENCE: &str = "update_licence";
pub const ADD_LICENCE_LOT: &str = "add_licence_lot";
pub const RENEW_LICENCE: &str = "renew_licence";
pub const REVEAL_LICENCE_KEY: &str = "reveal_licence_key";
pub const ASSIGN_LICENCE: &str = "assign_licence";
pub const UNASSIGN_LICENCE: &str = "unassign_licence";
pub const LICENCE_COMPLIANCE: &str = "licence_compliance";
pub const COMPLIANCE_DETAIL: &str = "compliance_detail";
pub const EXPORT_LICENCES: &str = "export_licences";

pub const LIST_CONTRACTS: &str = "list_contracts";
pub const GET_CONTRACT: &str = "get_contract";
pub const CREATE_CONTRACT: &str = "create_contract";
pub const UPDATE_CONTRACT: &str = "update_contract";
pub const CHANGE_CONTRACT_STATUS: &str = "change_contract_status";
pub const RENEW_CONTRACT: &str = "renew_contract";
pub const LIST_INVOICES: &str = "list_invoices";
pub const GET_INVOICE: &str = "get_invoice";
pub const CREATE_DRAFT_INVOICE: &str = "create_draft_invoice";
pub const UPDATE_DRAFT_INVOICE: &str = "update_draft_invoice";
pub const DELETE_DRAFT_INVOICE: &str = "delete_draft_invoice";
pub const FINALISE_INVOICE: &str = "finalise_invoice";
pub const MARK_INVOICE_SENT: &str = "mark_invoice_sent";
pub const RECORD_PAYMENT: &str = "record_payment";
pub const CREDIT_INVOICE: &str = "credit_invoice";
pub const SAVE_INVOICE_PDF: &str = "save_invoice_pdf";
pub const PREVIEW_INVOICE_RUN: &str = "preview_invoice_run";
pub const RUN_INVOICING: &str = "run_invoicing";
pub const EXPORT_INVOICES: &str = "export_invoices";
pub const GET_COMPANY: &str = "get_company";
pub const SET_COMPANY: &str = "set_company";
pub const GET_INVOICING_SETTINGS: &str = "get_invoicing_settings";
pub const SET_INVOICING_SETTINGS: &str = "set_invoicing_settings";
pub const SET_COMPANY_LOGO: &str = "set_company_logo";

pub const LIST_TICKETS: &str = "list_tickets";
pub const GET_TICKET: &str = "get_ticket";
pub const CREATE_TICKET: &str = "create_ticket";
pub const CHANGE_TICKET_STATUS: &str = "change_ticket_status";
pub const ADD_TICKET_MESSAGE: &str = "add_ticket_message";
pub const ASSIGN_TICKET: &str = "assign_ticket";
pub const LIST_TECHNICIANS: &str = "list_technicians";
pub const SET_TECHNICIAN_PROFILE: &str = "set_technician_profile";
pub const GET_DESK_CATALOGUE: &str = "get_desk_catalogue";
pub const SUGGEST_ASSIGNEE: &str = "suggest_assignee";
pub const CREATE_SKILL: &str = "create_skill";
pub const CREATE_TICKET_CATEGORY: &str = "create_ticket_category";
pub const START_TIMER: &str = "start_timer";
pub const STOP_TIMER: &str = "stop_timer";
pub const RUNNING_TIMER: &str = "running_timer";
pub const ADD_TIME_ENTRY: &str = "add_time_entry";
pub const LIST_TICKET_TIME: &str = "list_ticket_time";
pub const LIST_INTERVENTIONS: &str = "list_interventions";
pub const GET_INTERVENTION: &str = "get_intervention";
pub const CREATE_INTERVENTION: &str = "create_intervention";
pub const UPDATE_INTERVENTION: &str = "update_intervention";
pub const USE_INTERVENTION_PARTS: &str = "use_intervention_parts";
pub const SAVE_INTERVENTION_REPORT: &str = "save_intervention_report";
pub const RUN_PLANNING: &str = "run_planning";
pub const GET_DESK_SETTINGS: &str = "get_desk_settings";
pub const SET_DESK_SETTINGS: &str = "set_desk_settings";
pub const GET_REPORT_LAYOUT: &str = "get_report_layout";
pub const SET_REPORT_LAYOUT: &str = "set_report_layout";
pub const GET_SLA_SETTINGS: &str = "get_sla_settings";
pub const SET_SLA_SETTINGS: &str = "set_sla_settings";

/// Every command, for the consistency test.
pub const ALL: &[&str] = &[
    STARTUP_STATE,
    COMPLETE_SETUP,
    LOGIN,
    LOGOUT,
    SET_LANGUAGE,
    LIST_USERS,
    CREATE_USER,
    SET_USER_ACTIVE,
    RESET_USER_PASSWORD,
    LIST_CLIENTS,
    GET_CLIENT,
    CREATE_CLIENT,
    UPDATE_CLIENT,
    SET_CLIENT_ARCHIVED,
    DELETE_CLIENT,
    CREATE_CONTACT,
    UPDATE_CONTACT,
    SET_CONTACT_ARCHIVED,
    DELETE_CONTACT,
    LIST_ZONES,
    CREATE_ZONE,
    UPDATE_ZONE,
    LIST_SITES,
    CREATE_SITE,
    UPDATE_SITE,
    SET_SITE_ARCHIVED,
    DELETE_SITE,
    RECORD_HISTORY,
    GLOBAL_SEARCH,
    GET_CATALOGUE,
    CREATE_TYPE,
    UPDATE_TYPE,
    CREATE_MANUFACTURER,
    UPDATE_MANUFACTURER,
    CREATE_MODEL,
    UPDATE_MODEL,
    LIST_EQUIPMENT,
    GET_EQUIPMENT,
    CREATE_EQUIPMENT,
    UPDATE_EQUIPMENT,
    DELETE_EQUIPMENT,
    BULK_CHANGE_EQUIPMENT,
    EXPORT_EQUIPMENT,
    IMPORT_EQUIPMENT,
    PRINT_LABELS,
    LIST_PARTS,
    CREATE_PART,
    UPDATE_PART,
    RECORD_STOCK_MOVEMENT,
    LIST_STOCK_MOVEMENTS,
    LIST_SOFTWARE,
    GET_SOFTWARE,
    CREATE_SOFTWARE,
    UPDATE_SOFTWARE,
    LIST_INSTALLATIONS,
    ADD_INSTALLATION,
    REMOVE_INSTALLATION,
    IMPORT_INSTALLATIONS,
    LIST_LICENCES,
    GET_LICENCE,
    CREATE_LICENCE,
    UPDATE_LICENCE,
    ADD_LICENCE_LOT,
    RENEW_LICENCE,
    REVEAL_LICENCE_KEY,
    ASSIGN_LICENCE,
    UNASSIGN_LICENCE,
    LICENCE_COMPLIANCE,
    COMPLIANCE_DETAIL,
    EXPORT_LICENCES,
    LIST_CONTRACTS,
    GET_CONTRACT,
    CREATE_CONTRACT,
    UPDATE_CONTRACT,
    CHANGE_CONTRACT_STATUS,
    RENEW_CONTRACT,
    LIST_INVOICES,
    GET_INVOICE,
    CREATE_DRAFT_INVOICE,
    UPDATE_DRAFT_INVOICE,
    DELETE_DRAFT_INVOICE,
    FINALISE_INVOICE,
    MARK_INVOICE_SENT,
    RECORD_PAYMENT,
    CREDIT_INVOICE,
    SAVE_INVOICE_PDF,
    PREVIEW_INVOICE_RUN,
    RUN_INVOICING,
    EXPORT_INVOICES,
    GET_COMPANY,
    SET_COMPANY,
    GET_INVOICING_SETTINGS,
    SET_INVOICING_SETTINGS,
    SET_COMPANY_LOGO,
    LIST_TICKETS,
    GET_TICKET,
    CREATE_TICKET,
    CHANGE_TICKET_STATUS,
    ADD_TICKET_MESSAGE,
    ASSIGN_TICKET,
    LIST_TECHNICIANS,
    SET_TECHNICIAN_PROFILE,
    GET_DESK_CATALOGUE,
    SUGGEST_ASSIGNEE,
    CREATE_SKILL,
    CREATE_TICKET_CATEGORY,
    START_TIMER,
    STOP_TIMER,
    RUNNING_TIMER,
    ADD_TIME_ENTRY,
    LIST_TICKET_TIME,
    LIST_INTERVENTIONS,
    GET_INTERVENTION,
    CREATE_INTERVENTION,
    UPDATE_INTERVENTION,
    USE_INTERVENTION_PARTS,
    SAVE_INTERVENTION_REPORT,
    RUN_PLANNING,
    GET_DESK_SETTINGS,
    SET_DESK_SETTINGS,
    GET_REPORT_LAYOUT,
    SET_REPORT_LAYOUT,
    GET_SLA_SETTINGS,
    SET_SLA_SETTINGS,
    LIST_ALERTS,
    COUNT_OPEN_ALERTS,
    ACKNOWLEDGE_ALERTS,
    SNOOZE_ALERT,
    LIST_ALERT_RULES,
    SAVE_ALERT_RULE,
    GET_MAIL_SETTINGS,
    SAVE_MAIL_SETTINGS,
    SEND_TEST_MAIL,
    LIST_MAIL_TEMPLATES,
    SAVE_MAIL_TEMPLATE,
    RESET_MAIL_TEMPLATE,
    LIST_OUTBOX,
    RETRY_MAIL,
    GET_PORTAL_STATUS,
    SAVE_PORTAL_SETTINGS,
    GET_PORTAL_ACCESS,
    SET_PORTAL_ACCESS,
    SEND_PORTAL_LINK,
    GET_MANAGER_DASHBOARD,
    GET_TECHNICIAN_DASHBOARD,
    GET_STATISTICS,
    EXPORT_STATISTICS,
    GET_ACTIVITY_REPORT,
    SAVE_ACTIVITY_REPORT,
    GET_BACKUPS,
    SAVE_BACKUP_SETTINGS,
    BACK_UP_NOW,
    GET_BACKUP_PROGRESS,
    RESTORE_BACKUP,
    GET_SEQUENCES,
    SAVE_SEQUENCE,
];

pub const GET_BACKUPS: &str = "get_backups";
pub const SAVE_BACKUP_SETTINGS: &str = "save_backup_settings";
pub const BACK_UP_NOW: &str = "back_up_now";
pub const GET_BACKUP_PROGRESS: &str = "get_backup_progress";
pub const RESTORE_BACKUP: &str = "restore_backup";
pub const GET_SEQUENCES: &str = "get_sequences";
pub const SAVE_SEQUENCE: &str = "save_sequence";

pub const GET_MANAGER_DASHBOARD: &str = "get_manager_dashboard";
pub const GET_TECHNICIAN_DASHBOARD: &str = "get_technician_dashboard";
pub const GET_STATISTICS: &str = "get_statistics";
pub const EXPORT_STATISTICS: &str = "export_statistics";
pub const GET_ACTIVITY_REPORT: &str = "get_activity_report";
pub const SAVE_ACTIVITY_REPORT: &str = "save_activity_report";

pub const LIST_ALERTS: &str = "list_alerts";
pub const COUNT_OPEN_ALERTS: &str = "count_open_alerts";
pub const ACKNOWLEDGE_ALERTS: &str = "acknowledge_alerts";
pub const SNOOZE_ALERT: &str = "snooze_alert";
pub const LIST_ALERT_RULES: &str = "list_alert_rules";
pub const SAVE_ALERT_RULE: &str = "save_alert_rule";

pub const GET_MAIL_SETTINGS: &str = "get_mail_settings";
pub const SAVE_MAIL_SETTINGS: &str = "save_mail_settings";
pub const SEND_TEST_MAIL: &str = "send_test_mail";
pub const LIST_MAIL_TEMPLATES: &str = "list_mail_templates";
pub const SAVE_MAIL_TEMPLATE: &str = "save_mail_template";
pub const RESET_MAIL_TEMPLATE: &str = "reset_mail_template";
pub const LIST_OUTBOX: &str = "list_outbox";
pub const RETRY_MAIL: &str = "retry_mail";

pub const GET_PORTAL_STATUS: &str = "get_portal_status";
pub const SAVE_PORTAL_SETTINGS: &str = "save_portal_settings";
pub const GET_PORTAL_ACCESS: &str = "get_portal_access";
pub const SET_PORTAL_ACCESS: &str = "set_portal_access";
pub const SEND_PORTAL_LINK: &str = "send_portal_link";

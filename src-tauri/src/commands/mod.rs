//! The Tauri commands: thin doors from the UI into core services.
//!
//! Each takes the state, finds the actor of the session, calls one service
//! and converts its error once. No business rule lives here.

pub mod billing;
pub mod clients;
pub mod equipment;
pub mod files;
pub mod session;
pub mod sites;
pub mod users;

/// Every command, registered with Tauri; names match `parc_api::commands`.
#[macro_export]
macro_rules! all_commands {
    () => {
        tauri::generate_handler![
            $crate::commands::session::startup_state,
            $crate::commands::session::complete_setup,
            $crate::commands::session::login,
            $crate::commands::session::logout,
            $crate::commands::session::set_language,
            $crate::commands::users::list_users,
            $crate::commands::users::create_user,
            $crate::commands::users::set_user_active,
            $crate::commands::users::reset_user_password,
            $crate::commands::clients::list_clients,
            $crate::commands::clients::get_client,
            $crate::commands::clients::create_client,
            $crate::commands::clients::update_client,
            $crate::commands::clients::set_client_archived,
            $crate::commands::clients::delete_client,
            $crate::commands::clients::create_contact,
            $crate::commands::clients::update_contact,
            $crate::commands::clients::set_contact_archived,
            $crate::commands::clients::delete_contact,
            $crate::commands::clients::record_history,
            $crate::commands::clients::global_search,
            $crate::commands::sites::list_zones,
            $crate::commands::sites::create_zone,
            $crate::commands::sites::update_zone,
            $crate::commands::sites::list_sites,
            $crate::commands::sites::create_site,
            $crate::commands::sites::update_site,
            $crate::commands::sites::set_site_archived,
            $crate::commands::sites::delete_site,
            $crate::commands::equipment::get_catalogue,
            $crate::commands::equipment::create_type,
            $crate::commands::equipment::update_type,
            $crate::commands::equipment::create_manufacturer,
            $crate::commands::equipment::update_manufacturer,
            $crate::commands::equipment::create_model,
            $crate::commands::equipment::update_model,
            $crate::commands::equipment::list_equipment,
            $crate::commands::equipment::get_equipment,
            $crate::commands::equipment::create_equipment,
            $crate::commands::equipment::update_equipment,
            $crate::commands::equipment::delete_equipment,
            $crate::commands::equipment::bulk_change_equipment,
            $crate::commands::equipment::export_equipment,
            $crate::commands::equipment::import_equipment,
            $crate::commands::equipment::print_labels,
            $crate::commands::equipment::list_parts,
            $crate::commands::equipment::create_part,
            $crate::commands::equipment::update_part,
            $crate::commands::equipment::record_stock_movement,
            $crate::commands::equipment::list_stock_movements,
            $crate::commands::billing::list_contracts,
            $crate::commands::billing::get_contract,
            $crate::commands::billing::create_contract,
            $crate::commands::billing::update_contract,
            $crate::commands::billing::change_contract_status,
            $crate::commands::billing::renew_contract,
            $crate::commands::billing::list_invoices,
            $crate::commands::billing::get_invoice,
            $crate::commands::billing::create_draft_invoice,
            $crate::commands::billing::update_draft_invoice,
            $crate::commands::billing::delete_draft_invoice,
            $crate::commands::billing::finalise_invoice,
            $crate::commands::billing::mark_invoice_sent,
            $crate::commands::billing::record_payment,
            $crate::commands::billing::credit_invoice,
            $crate::commands::billing::save_invoice_pdf,
            $crate::commands::billing::preview_invoice_run,
            $crate::commands::billing::run_invoicing,
            $crate::commands::billing::export_invoices,
            $crate::commands::billing::get_company,
            $crate::commands::billing::set_company,
            $crate::commands::billing::get_invoicing_settings,
            $crate::commands::billing::set_invoicing_settings,
            $crate::commands::billing::set_company_logo,
        ]
    };
}

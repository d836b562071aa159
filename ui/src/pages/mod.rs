//! One module per screen.

pub mod catalogue;
pub mod client_detail;
pub mod client_form;
pub mod clients;
pub mod contract_detail;
pub mod contract_form;
pub mod contracts;
pub mod equipment;
pub mod equipment_detail;
pub mod equipment_form;
pub mod equipment_import;
pub mod history;
pub mod invoice_detail;
pub mod invoice_form;
pub mod invoice_run;
pub mod invoices;
pub mod login;
pub mod parts;
pub mod settings;
pub mod shell;
pub mod sites;
pub mod users;
pub mod wizard;
pub mod zones;

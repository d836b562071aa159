//! Invoices and credit notes. The tables come from migration 5; so far this
//! module holds their entities. The arithmetic is `parc_api::billing`, the
//! layout `parc_pdf::invoice_pdf`.

pub mod invoice_entity;
pub mod invoice_line_entity;

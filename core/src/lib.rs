//! Parc's core: every rule of the product lives here, once.
//!
//! The desktop shell (`src-tauri`), the command line and later the LAN portal
//! are thin doors over these services. Every service takes an [`Actor`] and
//! checks it through [`authz`]; every mutation writes the [`audit`] log in the
//! same transaction.

pub mod actor;
pub mod alerts;
pub mod audit;
pub mod auth;
pub mod authz;
pub mod backup;
mod bulk_indexes;
pub mod catalogue;
pub mod clients;
pub mod clock;
pub mod contracts;
pub mod db;
pub mod desk;
pub mod equipment;
pub mod error;
pub mod generate;
pub use generate::{dataset, demo};
mod fulltext;
pub mod invoices;
pub mod kpi;
pub mod licences;
pub mod mail;
pub mod ownership;
pub mod parts;
pub mod portal;
mod query;
pub mod search;
pub mod sequences;
pub mod settings;
pub mod sites;
pub mod sla;
pub mod spreadsheet;
pub mod throttle;
pub mod validate;
#[cfg(test)]
mod words_check;

pub use actor::Actor;
pub use error::{CoreError, CoreResult};
pub use sea_orm::DatabaseConnection;

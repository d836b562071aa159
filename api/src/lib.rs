//! The contract between the Yew UI and the backend.
//!
//! Everything the UI sends or receives crosses the Tauri IPC boundary as JSON
//! and is defined here once, so the wasm front end and the native core agree
//! on shapes at compile time. No I/O and no behaviour live here: this crate
//! builds for wasm32 as well as for the host.

pub mod alerts;
pub mod auth;
pub mod authz;
pub mod backup;
pub mod billing;
pub mod clients;
pub mod commands;
pub mod contracts;
pub mod equipment;
pub mod error;
pub mod history;
pub mod interventions;
pub mod invoices;
pub mod kpi;
pub mod licences;
pub mod mail;
pub mod money;
pub mod page;
pub mod portal;
pub mod problem;
pub mod second_factor;
pub mod sequences;
pub mod settings;
pub mod sites;
pub mod text;
pub mod tickets;
pub mod users;

pub use error::{ErrorKind, IpcError, ValidationCode};
pub use page::{Page, SortDir};

use serde::{Deserialize, Serialize};

/// "Change record `id` to `input`": the shape of every edit command.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Update<T> {
    pub id: i64,
    pub input: T,
}

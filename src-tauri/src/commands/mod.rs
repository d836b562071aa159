//! The Tauri commands: thin doors from the UI into core services.
//!
//! Each command is declared once in `parc_api::commands`; here each gets
//! its `impl Door` (see `door`), which finds the actor of the session,
//! calls one service and converts its error once. No business rule lives
//! here.

pub mod access;
pub mod alerts;
pub mod backup;
pub mod billing;
pub mod clients;
pub mod desk;
pub mod door;
pub mod equipment;
pub mod files;
pub mod kpi;
pub mod licences;
pub mod mail;
pub mod numbering;
pub mod portal;
pub mod second_factor;
pub mod session;
pub mod sites;
pub mod users;

//! Alerts: rules with thresholds and channels, and the scan that raises
//! one alert per rule, item and threshold — never twice, never again once
//! acknowledged — and resolves the alerts whose item is no longer due.
//!
//! What is due is asked of the database per rule (`scan::due`), so a scan
//! over a large fleet reads only the items near their date.

pub mod alert_entity;
pub mod centre;
pub mod cycle;
pub mod mailing;
pub mod notify;
pub mod rule_entity;
pub mod rules;
pub mod scan;

/// The kind of item a ticket's SLA alerts are about.
pub(crate) const TICKET_ITEM: &str = "ticket";

//! Maintenance contracts: what a client pays for, per period, and what it
//! covers. The tables come from migration 5; so far this module holds their
//! entities, which the invoice run and the contract screens build on.

pub mod contract_entity;
pub mod contract_equipment_entity;
pub mod contract_line_entity;
pub mod contract_site_entity;

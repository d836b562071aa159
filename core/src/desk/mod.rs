//! The service desk: technicians' skills and capacity, the SLA matrix and
//! calendars, tickets, interventions (with the parts they use and their
//! report) and time entries, on migration 7's tables. The SLA arithmetic
//! they use is `crate::sla`.

pub mod intervention_entity;
pub mod intervention_equipment_entity;
pub mod intervention_part_entity;
pub mod interventions;
pub mod local_time;
pub mod planning;
pub mod report;
pub mod skill_entity;
pub mod sla_calendar_entity;
pub mod sla_policy;
pub mod sla_settings;
pub mod sla_target_entity;
pub mod technician_profile_entity;
pub mod technician_skill_entity;
pub mod technicians;
pub mod ticket_category_entity;
pub mod ticket_entity;
pub mod ticket_message_entity;
pub mod ticket_status_change_entity;
pub mod tickets;
pub mod time;
pub mod time_entry_entity;

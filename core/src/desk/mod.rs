//! The service desk (issue 5, under way): technicians' skills and
//! capacity, the SLA matrix and calendars, tickets, interventions and time
//! entries. So far this module holds the entities of migration 7's tables;
//! the SLA arithmetic they use is `crate::sla`.

pub mod intervention_entity;
pub mod intervention_equipment_entity;
pub mod intervention_part_entity;
pub mod skill_entity;
pub mod sla_calendar_entity;
pub mod sla_policy;
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

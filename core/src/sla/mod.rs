//! Service-level agreements: how long the MSP has to answer and to resolve
//! a ticket, counted in business time. `clock` computes deadlines from a
//! ticket's status history on a business-hours calendar; `holidays` knows
//! the French public holidays that calendars are pre-filled with. The SLA
//! matrix (service level × priority → targets) and the tickets that use it
//! build on these.

pub mod clock;
pub mod holidays;
pub mod targets;

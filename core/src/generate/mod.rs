//! Made-up data, kept apart from the services it goes through: the small
//! demo (`demo`), a realistic MSP to try Parc on, filled through the same
//! services as the UI; and the large seeded dataset (`dataset`) of the
//! benchmarks and load tests, always the same for a given size. Neither is
//! used by the product's own work; `parc demo` and the tests call them.

pub mod dataset;
pub mod demo;

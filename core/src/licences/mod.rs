//! Software licences: the software catalogue, what is installed where,
//! licences with their purchase lots, seats assigned to equipment and
//! contacts, compliance and renewals.
//!
//! The truth an audit asks for is computed, never typed: seats owned come
//! from the licences in force, seats used from their assignments, and
//! installations from the inventory (equipment not retired). What covers an
//! installation is written once, as SQL, in `compliance::COVERED`; the
//! arithmetic of a shortfall once, in `compliance::shortfall`.
//!
//! A licence key is read from the database only by `register` to mask it or
//! to reveal it to a manager (audited); the key itself never enters an
//! audit row (its masked form does), a CSV export, the `Debug` of the
//! licence model or of `LicenceInput`, or a log line; a portal contact's
//! rows carry not even its masked form. A seat counts as used only while
//! it can cover something (`compliance::seat_in_use`).

pub mod assignment_entity;
pub mod assignments;
pub mod compliance;
pub mod export;
pub mod import;
pub mod installation_entity;
pub mod installations;
pub mod licence_entity;
pub mod lot_entity;
pub mod register;
pub mod software;
pub mod software_entity;
pub mod version_entity;

use crate::audit::Audited;
use parc_api::licences::mask_key;

impl Audited for software_entity::Model {
    const ENTITY: &'static str = "software";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("publisher", self.publisher.clone()),
            ("category", self.category.clone()),
            ("notes", self.notes.clone()),
        ]
    }
}

impl Audited for licence_entity::Model {
    const ENTITY: &'static str = "licence";
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let number = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_default();
        vec![
            ("kind", self.kind.clone()),
            ("seats", number(self.seats)),
            ("site_id", number(self.site_id)),
            ("term_months", number(self.term_months)),
            // The masked form: a change of key shows, the key does not.
            ("licence_key", mask_key(&self.licence_key)),
            ("starts_on", date(self.starts_on)),
            ("expires_on", date(self.expires_on)),
            (
                "renewal_price",
                self.renewal_price_cents
                    .map(parc_api::money::plain)
                    .unwrap_or_default(),
            ),
            ("auto_renew", self.auto_renew.to_string()),
            ("notes", self.notes.clone()),
        ]
    }
}

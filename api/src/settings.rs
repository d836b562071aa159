//! Settings screens' shapes (the company identity itself is in `auth`,
//! because the first-run wizard asks for it).

use serde::{Deserialize, Serialize};

/// What invoices print besides the company identity, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InvoicingSettings {
    /// Bank account for transfers.
    pub iban: String,
    pub bic: String,
    /// Days between issue and due date ("30").
    pub payment_terms_days: String,
    /// Yearly late-payment penalty rate in percent ("12").
    pub late_penalty_rate: String,
    /// True when a logo is stored (it is set with its own command).
    pub has_logo: bool,
}

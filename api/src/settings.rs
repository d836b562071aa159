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
    /// The hourly rate of billable time no contract covers ("75").
    #[serde(default)]
    pub hourly_rate: String,
}

/// What an intervention report prints, and which of its sections appear.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportLayout {
    /// The company logo above its name (when a logo is stored).
    pub show_logo: bool,
    /// Free text under the title.
    pub header_text: String,
    /// Printed at the bottom of every page.
    pub footer_text: String,
    /// Terms printed before the signatures (warranty of the work, …).
    pub terms: String,
    pub show_ticket: bool,
    pub show_equipment: bool,
    pub show_time: bool,
    pub show_work_done: bool,
    pub show_parts: bool,
    pub show_signatures: bool,
}

impl Default for ReportLayout {
    fn default() -> Self {
        Self {
            show_logo: true,
            header_text: String::new(),
            footer_text: String::new(),
            terms: String::new(),
            show_ticket: true,
            show_equipment: true,
            show_time: true,
            show_work_done: true,
            show_parts: true,
            show_signatures: true,
        }
    }
}

/// The service desk's settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeskSettings {
    /// New tickets go to the suggested technician at once.
    pub auto_assign: bool,
}

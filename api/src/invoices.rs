//! Invoices and credit notes, and the invoice run, as the UI sees them.

use crate::billing::RateTotal;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceKind {
    #[default]
    Invoice,
    CreditNote,
}

impl InvoiceKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Invoice => "invoice",
            Self::CreditNote => "credit_note",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Invoice, Self::CreditNote]
            .into_iter()
            .find(|k| k.code() == code)
    }
    /// The reference sequence its numbers come from.
    pub fn sequence(self) -> &'static str {
        self.code()
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// Editable, no number yet.
    #[default]
    Draft,
    /// Numbered and frozen.
    Finalised,
    Sent,
    Paid,
    /// Cancelled by a credit note.
    Cancelled,
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 5] = [
        Self::Draft,
        Self::Finalised,
        Self::Sent,
        Self::Paid,
        Self::Cancelled,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Finalised => "finalised",
            Self::Sent => "sent",
            Self::Paid => "paid",
            Self::Cancelled => "cancelled",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
    /// Finalised or sent: money is still expected.
    pub fn awaits_payment(self) -> bool {
        matches!(self, Self::Finalised | Self::Sent)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvoiceRow {
    pub id: i64,
    pub kind: InvoiceKind,
    pub number: Option<String>,
    pub status: InvoiceStatus,
    pub client_id: i64,
    pub client_name: String,
    pub contract_id: Option<i64>,
    pub contract_reference: Option<String>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub issue_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub excluding_vat_cents: i64,
    pub vat_cents: i64,
    pub including_vat_cents: i64,
    /// Awaiting payment after its due date.
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvoiceLineRow {
    pub description: String,
    pub quantity_thousandths: i64,
    pub unit_price_cents: i64,
    pub vat_rate_basis_points: i64,
    pub total_cents: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvoiceDetail {
    pub row: InvoiceRow,
    pub lines: Vec<InvoiceLineRow>,
    pub per_rate: Vec<RateTotal>,
    /// For a credit note: the invoice it cancels.
    pub credited: Option<(i64, String)>,
    /// For an invoice: the credit notes that cancel it.
    pub credit_notes: Vec<(i64, String)>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InvoiceQuery {
    /// Matches the number and the client's name.
    pub search: String,
    pub client_id: Option<i64>,
    pub contract_id: Option<i64>,
    pub status: Option<InvoiceStatus>,
    /// Issued on or after (YYYY-MM-DD; empty: no bound).
    pub from: String,
    /// Issued on or before.
    pub to: String,
    pub overdue_only: bool,
    /// Only invoices awaiting payment (the dashboard's receivables).
    pub unpaid_only: bool,
    pub page: u64,
    pub page_size: u64,
}

/// One line of a draft invoice as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InvoiceLineInput {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub vat_rate: String,
}

/// A draft invoice typed by hand (parts, time, anything not in a contract).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftInvoiceInput {
    pub client_id: i64,
    pub lines: Vec<InvoiceLineInput>,
}

pub type UpdateDraftInvoice = crate::Update<DraftInvoiceInput>;

/// Records the payment of invoice `id` on `paid_on` (YYYY-MM-DD).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentInput {
    pub id: i64,
    pub paid_on: String,
}

/// What an invoice run would create (or created) for one contract period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedInvoice {
    pub contract_id: i64,
    pub contract_reference: String,
    pub client_name: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub partial: bool,
    pub excluding_vat_cents: i64,
    pub including_vat_cents: i64,
}

/// The preview of an invoice run, or its outcome.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    pub date: Option<NaiveDate>,
    /// The first invoices planned or created (the screen shows a sample).
    pub invoices: Vec<PlannedInvoice>,
    pub invoice_count: u64,
    pub contract_count: u64,
    pub excluding_vat_cents: i64,
    pub including_vat_cents: i64,
    /// Contracts whose term ended (expired) or was renewed by this run.
    pub expired: u64,
    pub renewed: u64,
    /// Invoices of time and materials (outside contracts), among `invoice_count`.
    #[serde(default)]
    pub time_and_materials: u64,
}

/// Progress of a running invoice run, sent as the `invoice-run-progress` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunProgress {
    pub done: u64,
    pub total: u64,
}

pub const RUN_PROGRESS_EVENT: &str = "invoice-run-progress";

/// The invoices issued between two days (YYYY-MM-DD, both included), for
/// the accountant's export.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoicePeriod {
    pub from: String,
    pub to: String,
}

//! The documents Parc prints: sheets of equipment labels, invoices
//! (credit notes included: [`invoice_pdf`]), intervention reports and
//! activity reports ([`report_pdf`], whose sections may hold bar charts).
//!
//! A label carries the equipment's reference as a QR code, so that a USB
//! scanner pointed at a machine types its reference straight into Parc's
//! search, and the reference, name, client and site in plain text for humans.
//! [`label_sheet`] lays them out on standard A4 stock of 3 × 8 labels of
//! 70 × 37 mm ([`layout`] has the exact geometry).
//!
//! The PDF is self-contained and prints the same everywhere: the fonts are
//! embedded (subset), the QR codes are vector shapes, and no text can spill
//! from one label onto the next (it is measured with the font's metrics and
//! cut with "…").
//!
//! Nothing here panics on input: every problem with the data is a [`PdfError`].

mod chart;
mod draw;
mod fonts;
mod invoice;
mod labels;
pub mod layout;
mod qr;
mod report;
mod text;

pub use layout::{label_rect, LabelRect, LABELS_PER_PAGE};

/// One equipment label.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Label {
    /// The equipment reference, e.g. `EQ000042`: printed in bold and encoded,
    /// exactly and alone, in the QR code. Must not be empty or blank.
    pub reference: String,
    /// What the equipment is, e.g. "Poste d'accueil – Mézières".
    pub name: String,
    /// The client it belongs to.
    pub client: String,
    /// The site where it is installed.
    pub site: String,
}

/// A party of an invoice: its name and the lines under it (address, legal
/// identifiers), already written out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InvoiceParty {
    pub name: String,
    pub lines: Vec<String>,
}

/// One invoice line, every cell already written in the document's language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InvoiceLine {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub vat_rate: String,
    pub total: String,
}

/// An invoice or a credit note as printed: the layout is this crate's, the
/// words and the figures the caller's (see the `invoice` module).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InvoiceDocument {
    /// "Facture" or "Avoir".
    pub title: String,
    pub number: String,
    pub seller: InvoiceParty,
    /// "Facturé à".
    pub billed_to_heading: String,
    pub client: InvoiceParty,
    /// Dates, service period, the cancelled invoice of a credit note.
    pub details: Vec<String>,
    /// Description, quantity, unit price excl. VAT, VAT rate, total excl. VAT.
    pub column_headings: [String; 5],
    pub lines: Vec<InvoiceLine>,
    /// (label, amount): excluding VAT, VAT per rate, including VAT (bold).
    pub totals: Vec<(String, String)>,
    /// Due date and terms, penalties, the recovery indemnity, bank details.
    pub mentions: Vec<String>,
    /// The seller's logo (PNG or JPEG), printed above its name.
    pub logo: Option<Vec<u8>>,
}

/// The PDF of an invoice or a credit note, on as many A4 pages as needed.
pub fn invoice_pdf(document: &InvoiceDocument) -> Result<Vec<u8>, PdfError> {
    invoice::render(document)
}

/// Checks that `image` is a logo the invoice can print (PNG or JPEG).
pub fn check_logo(image: &[u8]) -> Result<(), PdfError> {
    invoice::decode_logo(image).map(|_| ())
}

/// A report section's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportBody {
    /// (label, value) pairs: dates, the technician, the time spent.
    Facts(Vec<(String, String)>),
    /// Paragraphs separated by line breaks: the work done, the terms.
    Text(String),
    /// A table; `widths` are the columns' relative widths.
    Table {
        headings: Vec<String>,
        widths: Vec<u16>,
        rows: Vec<Vec<String>>,
    },
    /// A horizontal bar chart (an activity report's figures).
    Bars(BarChart),
}

/// A horizontal bar chart: a row per label, each bar the stacked values of
/// the series (at most three), the row's total written at its end.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BarChart {
    /// The series' names, for the legend (none drawn for a single series).
    pub series: Vec<String>,
    pub rows: Vec<BarRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BarRow {
    pub label: String,
    /// One value per series, in the series' order (any unit, all the same).
    pub values: Vec<u64>,
    /// What is written at the bar's end: the total, in the report's words.
    pub total: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSection {
    pub heading: String,
    pub body: ReportBody,
}

/// An intervention report as printed (see the `report` module): the
/// sections the layout settings keep, in order, already written out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportDocument {
    /// "Rapport d'intervention INT000012".
    pub title: String,
    pub company: InvoiceParty,
    /// "Client".
    pub client_heading: String,
    pub client: InvoiceParty,
    /// Free text under the title (from the layout settings).
    pub header_text: String,
    pub sections: Vec<ReportSection>,
    /// The two signature boxes' captions, when the area is shown.
    pub signatures: Option<[String; 2]>,
    /// Printed at the bottom of every page, with the page number.
    pub footer: String,
    pub logo: Option<Vec<u8>>,
}

/// The PDF of an intervention report, on as many A4 pages as needed.
pub fn report_pdf(report: &ReportDocument) -> Result<Vec<u8>, PdfError> {
    report::render(report)
}

/// Why a label sheet could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// An empty list: refused rather than printing a blank page that wastes a
    /// sheet of labels.
    #[error("no labels to print")]
    NoLabels,
    /// The logo is not an image the PDF can embed.
    #[error("the logo cannot be read as a PNG or JPEG image: {0}")]
    Logo(String),
    /// A label whose reference is empty or blank (label `index`, zero-based,
    /// in the order given).
    #[error("label {}: the reference is empty", index + 1)]
    EmptyReference { index: usize },
    /// The reference needs a QR code too dense to scan at label size
    /// (modules under 0.5 mm: beyond 122 bytes of UTF-8, 178 characters if only
    /// capitals, digits and ` $%*+-./:`).
    #[error("label {}: the reference {reference:?} is too long for a QR code on a label", index + 1)]
    ReferenceTooLong { index: usize, reference: String },
    /// The QR encoder refused the reference for another reason.
    #[error("label {}: cannot encode {reference:?} as a QR code: {reason}", index + 1)]
    Qr {
        index: usize,
        reference: String,
        reason: String,
    },
    /// An embedded font could not be read (a build problem, not a data one).
    #[error("the embedded font {0} could not be read")]
    Font(&'static str),
}

/// A4 sheet(s) of labels, one per item, in order; as many pages as needed
/// ([`LABELS_PER_PAGE`] per page, filled row by row; see [`label_rect`]).
///
/// Returns the PDF file's bytes. An empty `labels` is [`PdfError::NoLabels`].
pub fn label_sheet(labels: &[Label]) -> Result<Vec<u8>, PdfError> {
    if labels.is_empty() {
        return Err(PdfError::NoLabels);
    }
    labels::render(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(reference: &str) -> Label {
        Label {
            reference: reference.into(),
            name: "Poste".into(),
            ..Label::default()
        }
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(matches!(label_sheet(&[]), Err(PdfError::NoLabels)));
        let labels = [label("EQ1"), label(" ")];
        assert!(matches!(
            label_sheet(&labels),
            Err(PdfError::EmptyReference { index: 1 })
        ));
        let labels = [label(&"A".repeat(200))];
        assert!(matches!(
            label_sheet(&labels),
            Err(PdfError::ReferenceTooLong { index: 0, .. })
        ));
    }

    #[test]
    fn a_sheet_is_a_pdf() {
        let pdf = label_sheet(&[label("EQ000001")]).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn odd_text_is_printed_not_panicked_on() {
        let odd = Label {
            reference: "réf/α 🚀\n(1)".into(),
            name: "Кириллица 日本語 ≥ ✓ 🚀\n\t\u{0}".into(),
            client: "M".repeat(500),
            site: " ".into(),
        };
        let longest = Label {
            reference: "E".repeat(60),
            ..odd.clone()
        };
        let pdf = label_sheet(&[odd, longest]).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}

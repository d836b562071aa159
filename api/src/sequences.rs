//! Reference numbering as Settings shows and edits it (C00042, EQ000096,
//! FA-2026-00013), and the one formula that writes a reference: the core
//! numbers records with it, the Settings page previews with it.

use serde::{Deserialize, Serialize};

/// Formats a reference: `PREFIX` + (`YEAR-` when reset yearly) + padded number.
pub fn format_reference(
    prefix: &str,
    padding: i32,
    yearly_reset: bool,
    year: i32,
    number: i64,
) -> String {
    let width = usize::try_from(padding).unwrap_or(0);
    if yearly_reset {
        format!("{prefix}{year}-{number:0width$}")
    } else {
        format!("{prefix}{number:0width$}")
    }
}

/// One sequence as it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SequenceSettings {
    /// `client`, `equipment`, `contract`, `ticket`, `intervention`,
    /// `licence`, `invoice`, `credit_note`.
    pub code: String,
    pub prefix: String,
    pub padding: i32,
    pub yearly_reset: bool,
    /// The number the next record gets (this year's, when reset yearly).
    pub next_number: i64,
    /// The year the next reference carries when reset yearly.
    pub year: i32,
    /// Invoices and credit notes: one unbroken series per year, so the
    /// next number and the yearly reset cannot be changed.
    pub series_locked: bool,
}

impl SequenceSettings {
    /// The reference the next record will get.
    pub fn next_reference(&self) -> String {
        format_reference(
            &self.prefix,
            self.padding,
            self.yearly_reset,
            self.year,
            self.next_number,
        )
    }
}

/// A sequence's new settings, as typed (numbers as text, so a wrong one is
/// named by its field).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SequenceInput {
    pub code: String,
    pub prefix: String,
    pub padding: String,
    pub yearly_reset: bool,
    /// None keeps the number as it stands (the field was not touched: a
    /// number read when the page opened may be behind by now).
    pub next_number: Option<String>,
}

/// Longest prefix accepted.
pub const PREFIX_MAX: usize = 12;
/// Padding accepted, in digits.
pub const PADDING_RANGE: std::ops::RangeInclusive<i32> = 1..=9;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_padding_and_year() {
        assert_eq!(format_reference("C", 5, false, 2026, 42), "C00042");
        assert_eq!(format_reference("INV", 4, true, 2026, 7), "INV2026-0007");
        assert_eq!(
            format_reference("FA-", 5, true, 2026, 123456),
            "FA-2026-123456"
        );
    }
}

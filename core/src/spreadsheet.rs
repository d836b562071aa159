//! CSV as a spreadsheet opens it, in one place for every export and import.
//!
//! On the way out, a cell beginning with `=`, `+`, `-`, `@`, a tab or a
//! carriage return would run as a formula ("CSV injection"): it is written
//! with a leading `'`, which the way in removes again, so an export edited
//! in a spreadsheet imports back unchanged.
//!
//! On the way in, a user's file is read the same way by every import: the
//! header matched to the known columns (folded, spaces as `_`), every record
//! with its line up to the first unreadable one, and each record's cells by
//! column name, every refusal kept with its line and column.

use chrono::NaiveDate;
use parc_api::equipment::{ImportError, ImportReport};
use parc_api::text::fold;
use std::collections::HashMap;
use std::io::Read;

fn dangerous(cell: &str) -> bool {
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// A cell made safe to open in a spreadsheet.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if dangerous(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The value behind a neutralised cell.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if dangerous(rest) => rest,
        _ => cell,
    }
}

/// A file that cannot be read as CSV, on the line where it stops.
pub(crate) fn csv_error(err: &csv::Error) -> ImportError {
    let line = err.position().map_or(0, |p| p.line());
    ImportError {
        line,
        column: String::new(),
        message: format!("unreadable CSV: {err}"),
    }
}

/// The position of each known column in the header (`columns`, matched
/// folded, spaces as `_`); none, with every unknown or missing (`required`)
/// column reported on line 1, when the header is wrong.
pub(crate) fn columns_of<R: Read>(
    reader: &mut csv::Reader<R>,
    report: &mut ImportReport,
    columns: &[&'static str],
    required: &[&'static str],
) -> Option<HashMap<&'static str, usize>> {
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(err) => {
            report.errors.push(csv_error(&err));
            return None;
        }
    };
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    for (i, header) in headers.iter().enumerate() {
        let wanted = fold(header).replace(' ', "_");
        match columns.iter().find(|c| **c == wanted) {
            Some(column) => {
                index.insert(column, i);
            }
            None => report.errors.push(ImportError {
                line: 1,
                column: header.to_owned(),
                message: format!("unknown column; the columns are: {}", columns.join(", ")),
            }),
        }
    }
    for column in required {
        if !index.contains_key(column) {
            report.errors.push(ImportError {
                line: 1,
                column: (*column).to_owned(),
                message: "this column is missing".into(),
            });
        }
    }
    report.errors.is_empty().then_some(index)
}

/// Every record with its line, up to the first unreadable one (reported).
pub(crate) fn records_of<R: Read>(
    reader: &mut csv::Reader<R>,
    report: &mut ImportReport,
) -> Vec<(u64, csv::StringRecord)> {
    let mut records = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                records.push((line, record));
            }
            Err(err) => {
                report.errors.push(csv_error(&err));
                break;
            }
        }
    }
    records
}

/// The cells of one record, read by column name; a refused cell is added to
/// `errors` with its line and column.
pub(crate) struct Cells<'a> {
    pub record: &'a csv::StringRecord,
    pub index: &'a HashMap<&'static str, usize>,
    pub line: u64,
    pub errors: &'a mut Vec<ImportError>,
}

impl Cells<'_> {
    /// The cell, trimmed and restored; empty when the column is absent.
    pub fn get(&self, column: &str) -> String {
        self.index
            .get(column)
            .and_then(|i| self.record.get(*i))
            .map(|cell| restore(cell.trim()).to_owned())
            .unwrap_or_default()
    }

    pub fn refuse(&mut self, column: &str, message: impl Into<String>) {
        self.errors.push(ImportError {
            line: self.line,
            column: column.to_owned(),
            message: message.into(),
        });
    }

    /// A date written YYYY-MM-DD or DD/MM/YYYY; none when empty or refused.
    pub fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let text = self.get(column);
        if text.is_empty() {
            return None;
        }
        let parsed = NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(&text, "%d/%m/%Y"));
        match parsed {
            Ok(date) => Some(date),
            Err(_) => {
                self.refuse(
                    column,
                    format!("\"{text}\" is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
                );
                None
            }
        }
    }

    /// The cell, refused when longer than `max` characters.
    pub fn text(&mut self, column: &str, max: usize) -> String {
        let text = self.get(column);
        if text.chars().count() > max {
            self.refuse(column, format!("must be at most {max} characters"));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored() {
        for cell in ["=1+1", "+33 6", "-5", "@SUM(A1)", "\tx"] {
            assert!(neutralise(cell).starts_with('\''), "{cell}");
            assert_eq!(restore(&neutralise(cell)), cell);
        }
        assert_eq!(neutralise("PC-042"), "PC-042");
        assert_eq!(restore("'quoted"), "'quoted");
    }

    #[test]
    fn cells_are_read_by_column_and_refusals_keep_line_and_column() {
        let data = "name,bought\n ='Server ,31/12/2025\nPC,2025-13-01\n";
        let mut reader = csv::Reader::from_reader(data.as_bytes());
        let mut report = ImportReport::default();
        let index = columns_of(&mut reader, &mut report, &["name", "bought"], &["name"]).unwrap();
        let records = records_of(&mut reader, &mut report);
        let mut errors = Vec::new();
        let mut first = Cells {
            record: &records[0].1,
            index: &index,
            line: records[0].0,
            errors: &mut errors,
        };
        assert_eq!(first.get("name"), "='Server");
        assert_eq!(first.date("bought"), NaiveDate::from_ymd_opt(2025, 12, 31));
        let mut second = Cells {
            record: &records[1].1,
            index: &index,
            line: records[1].0,
            errors: &mut errors,
        };
        assert_eq!(second.date("bought"), None);
        assert_eq!(second.text("name", 1), "PC");
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().all(|e| e.line == 3), "{errors:?}");
        assert_eq!(errors[0].column, "bought");
        assert_eq!(errors[1].column, "name");
    }

    #[test]
    fn an_unknown_or_missing_column_is_reported_on_line_one() {
        let mut reader = csv::Reader::from_reader("Nom,colour\n".as_bytes());
        let mut report = ImportReport::default();
        assert!(columns_of(&mut reader, &mut report, &["name"], &["name"]).is_none());
        let columns: Vec<&str> = report.errors.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(columns, ["Nom", "colour", "name"]);
        assert!(report.errors.iter().all(|e| e.line == 1));
    }
}

//! CSV export of the equipment list as filtered and sorted on screen, in the
//! same columns the import reads, so an export edited in a spreadsheet can be
//! imported back. Streamed a chunk at a time.
//!
//! A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return
//! would run as a formula in a spreadsheet ("CSV injection"): it is written
//! with a leading `'`, which the import removes again.

use super::list::for_each_chunk;
use super::NameBook;
use crate::actor::Actor;
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use parc_api::equipment::{EquipmentFilter, EquipmentSort};
use parc_api::SortDir;
use sea_orm::ConnectionTrait;
use std::io::Write;

/// The columns of an equipment CSV file, in order: what export writes and
/// import reads.
pub const COLUMNS: &[&str] = &[
    "reference",
    "name",
    "type",
    "manufacturer",
    "model",
    "serial",
    "asset_tag",
    "status",
    "client",
    "site",
    "assigned_to",
    "parent",
    "purchase_date",
    "supplier",
    "purchase_price",
    "warranty_end",
    "last_maintenance",
    "next_maintenance",
    "notes",
];

fn dangerous(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
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

fn io_error(err: impl std::fmt::Display) -> CoreError {
    CoreError::Internal(format!("cannot write the CSV file: {err}"))
}

/// Writes every equipment matching `filter` to `out`; returns the row count.
pub async fn export_csv<W: Write>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &EquipmentFilter,
    sort: EquipmentSort,
    dir: SortDir,
    out: W,
) -> CoreResult<u64> {
    require(actor, Operation::ReadEquipment)?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS).map_err(io_error)?;
    let mut count = 0u64;
    for_each_chunk(db, actor, filter, sort, dir, |book: &NameBook, rows| {
        for m in rows {
            let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            let client_code = book
                .clients
                .get(&m.client_id)
                .map(|c| c.code.clone())
                .unwrap_or_default();
            let record = [
                m.reference.clone(),
                m.name.clone(),
                NameBook::name(&book.types, Some(m.type_id)),
                NameBook::name(&book.manufacturers, m.manufacturer_id),
                NameBook::name(&book.models, m.model_id),
                m.serial.clone().unwrap_or_default(),
                m.asset_tag.clone(),
                m.status.clone(),
                client_code,
                NameBook::name(&book.sites, m.site_id),
                NameBook::name(&book.contacts, m.contact_id),
                NameBook::name(&book.parents, m.parent_id),
                date(m.purchase_date),
                m.supplier.clone(),
                m.purchase_price_cents
                    .map(parc_api::money::plain)
                    .unwrap_or_default(),
                date(m.warranty_end),
                date(m.last_maintenance),
                date(m.next_maintenance),
                m.notes.clone(),
            ];
            writer
                .write_record(record.iter().map(|cell| neutralise(cell).into_owned()))
                .map_err(io_error)?;
            count += 1;
        }
        Ok(())
    })
    .await?;
    writer.flush().map_err(io_error)?;
    Ok(count)
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
}

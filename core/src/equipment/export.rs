//! CSV export of the equipment list as filtered and sorted on screen, in the
//! same columns the import reads, so an export edited in a spreadsheet can be
//! imported back. Streamed a chunk at a time: a thread of its own turns each
//! chunk into CSV while the next one is read from the database.
//!
//! Cells that a spreadsheet would run as a formula are neutralised
//! (`spreadsheet::neutralise`), which the import undoes.

use super::list::for_each_chunk;
use super::NameBook;
use crate::actor::Actor;
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::spreadsheet::neutralise;
use parc_api::equipment::{EquipmentFilter, EquipmentSort};
use parc_api::SortDir;
use sea_orm::ConnectionTrait;
use std::collections::HashMap;
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

/// The name of `id` in one of the name book's maps, or an empty cell.
pub(super) fn name_in(map: &HashMap<i32, String>, id: Option<i32>) -> &str {
    id.and_then(|id| map.get(&id)).map_or("", String::as_str)
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
    mut out: W,
) -> CoreResult<u64> {
    require(actor, Operation::ReadEquipment)?;
    let mut header = csv::Writer::from_writer(Vec::new());
    header.write_record(COLUMNS).map_err(io_error)?;
    out.write_all(&header.into_inner().map_err(io_error)?)
        .map_err(io_error)?;

    let (chunks, mut to_format) =
        tokio::sync::mpsc::unbounded_channel::<(NameBook, Vec<super::entity::Model>)>();
    let (formatted, mut texts) = tokio::sync::mpsc::unbounded_channel();
    let formatting = tokio::task::spawn_blocking(move || {
        while let Some((book, rows)) = to_format.blocking_recv() {
            if formatted.send(csv_of(&book, &rows)).is_err() {
                break;
            }
        }
    });
    let mut count = 0u64;
    for_each_chunk(db, actor, filter, sort, dir, |book, rows| {
        count += rows.len() as u64;
        chunks
            .send((book, rows))
            .map_err(|_| CoreError::Internal("the CSV formatting stopped".into()))?;
        while let Ok(text) = texts.try_recv() {
            out.write_all(&text?).map_err(io_error)?;
        }
        Ok(())
    })
    .await?;
    drop(chunks);
    while let Some(text) = texts.recv().await {
        out.write_all(&text?).map_err(io_error)?;
    }
    formatting
        .await
        .map_err(|err| CoreError::Internal(format!("the CSV formatting stopped: {err}")))?;
    out.flush().map_err(io_error)?;
    Ok(count)
}

/// The CSV lines of `rows`.
fn csv_of(book: &NameBook, rows: &[super::entity::Model]) -> CoreResult<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::with_capacity(rows.len() * 160));
    // Cells are borrowed from the rows and the name book: no copy per cell.
    for m in rows {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let client_code = book
            .clients
            .get(&m.client_id)
            .map_or("", |c| c.code.as_str());
        let (bought, warranty, last, next) = (
            date(m.purchase_date),
            date(m.warranty_end),
            date(m.last_maintenance),
            date(m.next_maintenance),
        );
        let price = m
            .purchase_price_cents
            .map(parc_api::money::plain)
            .unwrap_or_default();
        let record: [&str; 19] = [
            &m.reference,
            &m.name,
            name_in(&book.types, Some(m.type_id)),
            name_in(&book.manufacturers, m.manufacturer_id),
            name_in(&book.models, m.model_id),
            m.serial.as_deref().unwrap_or(""),
            &m.asset_tag,
            &m.status,
            client_code,
            name_in(&book.sites, m.site_id),
            name_in(&book.contacts, m.contact_id),
            name_in(&book.parents, m.parent_id),
            &bought,
            &m.supplier,
            &price,
            &warranty,
            &last,
            &next,
            &m.notes,
        ];
        writer
            .write_record(record.iter().map(|cell| match neutralise(cell) {
                std::borrow::Cow::Borrowed(text) => std::borrow::Cow::Borrowed(text.as_bytes()),
                std::borrow::Cow::Owned(text) => std::borrow::Cow::Owned(text.into_bytes()),
            }))
            .map_err(io_error)?;
    }
    writer.into_inner().map_err(io_error)
}

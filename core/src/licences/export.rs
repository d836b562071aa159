//! CSV export of the licences a list shows. The columns are chosen, never
//! derived from the row: the key is not one of them, and no code path here
//! reads it (rows carry only its masked form, which is not written either).

use super::register::all_rows;
use crate::actor::Actor;
use crate::error::{CoreError, CoreResult};
use crate::spreadsheet::neutralise;
use parc_api::licences::LicenceQuery;
use sea_orm::ConnectionTrait;
use std::io::Write;

pub const COLUMNS: &[&str] = &[
    "reference",
    "software",
    "publisher",
    "client",
    "type",
    "seats",
    "assigned",
    "installed",
    "site",
    "expires_on",
    "auto_renew",
    "renewal_price",
    "state",
];

fn io_error(err: impl std::fmt::Display) -> CoreError {
    CoreError::Internal(format!("cannot write the CSV file: {err}"))
}

/// Writes the licences `query` selects (every page) to `out`; returns the
/// row count.
pub async fn export_csv<W: Write>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &LicenceQuery,
    out: W,
) -> CoreResult<u64> {
    let rows = all_rows(db, actor, query).await?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS).map_err(io_error)?;
    for row in &rows {
        let seats = row.seats.map(|s| s.to_string()).unwrap_or_default();
        let assigned = row.assigned.to_string();
        let installed = row.installed.to_string();
        let expires = row.expires_on.map(|d| d.to_string()).unwrap_or_default();
        let price = row
            .renewal_price_cents
            .map(parc_api::money::plain)
            .unwrap_or_default();
        let cells = [
            row.reference.as_str(),
            &row.software_name,
            &row.publisher,
            &row.client_name,
            row.kind.code(),
            &seats,
            &assigned,
            &installed,
            row.site_name.as_deref().unwrap_or(""),
            &expires,
            if row.auto_renew { "yes" } else { "no" },
            &price,
            row.state.code(),
        ];
        writer
            .write_record(cells.iter().map(|c| neutralise(c).into_owned()))
            .map_err(io_error)?;
    }
    writer.flush().map_err(io_error)?;
    Ok(u64::try_from(rows.len()).unwrap_or(u64::MAX))
}

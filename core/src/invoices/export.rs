//! The accountant's CSV: one row per invoice line, the invoice's number,
//! dates, client and totals repeated on each, for numbered invoices and
//! credit notes issued in a date range. Amounts are plain decimals with a
//! point ("1234.50", negative for a credit note); text cells that a
//! spreadsheet would run as a formula are neutralised as in every export.

use super::invoice_entity as invoices;
use super::invoice_line_entity as invoice_lines;
use super::snapshot;
use crate::authz::{require, Operation};
use crate::contracts::contract_entity as contracts;
use crate::error::{CoreError, CoreResult};
use crate::spreadsheet::neutralise;
use crate::Actor;
use chrono::NaiveDate;
use parc_api::billing::quantity_text;
use parc_api::money::plain;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use std::io::Write;

pub const COLUMNS: &[&str] = &[
    "number",
    "kind",
    "status",
    "issue_date",
    "due_date",
    "paid_on",
    "credited_invoice",
    "client_code",
    "client_name",
    "client_siret",
    "client_vat_number",
    "contract",
    "period_start",
    "period_end",
    "line",
    "description",
    "quantity",
    "unit_price_excl_vat",
    "vat_rate_percent",
    "line_total_excl_vat",
    "invoice_total_excl_vat",
    "invoice_vat",
    "invoice_total_incl_vat",
];

/// Invoices read per query.
const CHUNK: u64 = 1_000;

fn io_error(err: impl std::fmt::Display) -> CoreError {
    CoreError::Internal(format!("cannot write the CSV file: {err}"))
}

/// Writes the lines of every invoice issued in `[from, to]` to `out`;
/// returns the number of invoices.
pub async fn export_csv<W: Write>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    out: W,
) -> CoreResult<u64> {
    require(actor, Operation::WriteInvoices)?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS).map_err(io_error)?;
    let mut after: Option<(NaiveDate, String)> = None;
    let mut count = 0;
    loop {
        let mut select = invoices::Entity::find()
            .filter(invoices::Column::Number.is_not_null())
            .filter(invoices::Column::IssueDate.is_not_null());
        if let Some(from) = from {
            select = select.filter(invoices::Column::IssueDate.gte(from));
        }
        if let Some(to) = to {
            select = select.filter(invoices::Column::IssueDate.lte(to));
        }
        if let Some((day, number)) = &after {
            select = select.filter(
                sea_orm::Condition::any()
                    .add(invoices::Column::IssueDate.gt(*day))
                    .add(
                        sea_orm::Condition::all()
                            .add(invoices::Column::IssueDate.eq(*day))
                            .add(invoices::Column::Number.gt(number.clone())),
                    ),
            );
        }
        let chunk = select
            .order_by_asc(invoices::Column::IssueDate)
            .order_by_asc(invoices::Column::Number)
            .limit(CHUNK)
            .all(db)
            .await?;
        let Some(last) = chunk.last() else {
            break;
        };
        after = last.issue_date.zip(last.number.clone());
        write_chunk(db, &mut writer, &chunk).await?;
        count += chunk.len() as u64;
    }
    writer.flush().map_err(io_error)?;
    Ok(count)
}

async fn write_chunk<W: Write>(
    db: &impl ConnectionTrait,
    writer: &mut csv::Writer<W>,
    chunk: &[invoices::Model],
) -> CoreResult<()> {
    let ids: Vec<i32> = chunk.iter().map(|i| i.id).collect();
    let mut lines: HashMap<i32, Vec<invoice_lines::Model>> = HashMap::new();
    for line in invoice_lines::Entity::find()
        .filter(invoice_lines::Column::InvoiceId.is_in(ids))
        .order_by_asc(invoice_lines::Column::InvoiceId)
        .order_by_asc(invoice_lines::Column::Position)
        .all(db)
        .await?
    {
        lines.entry(line.invoice_id).or_default().push(line);
    }
    let references: HashMap<i32, String> = contracts::Entity::find()
        .select_only()
        .column(contracts::Column::Id)
        .column(contracts::Column::Reference)
        .filter(contracts::Column::Id.is_in(chunk.iter().filter_map(|i| i.contract_id)))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let credited: HashMap<i32, String> = invoices::Entity::find()
        .select_only()
        .column(invoices::Column::Id)
        .column(invoices::Column::Number)
        .filter(invoices::Column::Id.is_in(chunk.iter().filter_map(|i| i.credited_invoice_id)))
        .into_tuple::<(i32, Option<String>)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(id, number)| number.map(|n| (id, n)))
        .collect();
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for invoice in chunk {
        let client = snapshot::client_of(invoice);
        let client_cell = |get: fn(&snapshot::ClientSnapshot) -> &str| {
            client.as_ref().map(get).unwrap_or_default().to_owned()
        };
        for line in lines.get(&invoice.id).map_or(&[][..], Vec::as_slice) {
            let record: [String; 23] = [
                invoice.number.clone().unwrap_or_default(),
                invoice.kind.clone(),
                invoice.status.clone(),
                date(invoice.issue_date),
                date(invoice.due_date),
                date(invoice.paid_on),
                invoice
                    .credited_invoice_id
                    .and_then(|id| credited.get(&id).cloned())
                    .unwrap_or_default(),
                neutralise(&client_cell(|c| &c.code)).into_owned(),
                neutralise(&client_cell(|c| &c.name)).into_owned(),
                client_cell(|c| &c.siret),
                client_cell(|c| &c.vat_number),
                invoice
                    .contract_id
                    .and_then(|id| references.get(&id).cloned())
                    .unwrap_or_default(),
                date(invoice.period_start),
                date(invoice.period_end),
                (line.position + 1).to_string(),
                neutralise(&line.description).into_owned(),
                quantity_text(line.quantity_thousandths, false),
                plain(line.unit_price_cents),
                parc_api::billing::rate_plain(i64::from(line.vat_rate_basis_points)),
                plain(line.total_cents),
                plain(invoice.excluding_vat_cents),
                plain(invoice.vat_cents),
                plain(invoice.including_vat_cents),
            ];
            writer.write_record(&record).map_err(io_error)?;
        }
    }
    Ok(())
}

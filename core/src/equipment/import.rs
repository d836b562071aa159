//! CSV import of equipment, streamed from any reader.
//!
//! Every row is checked against the catalogue, the clients, their sites and
//! contacts, and the equipment already saved, all loaded into memory once
//! (no query per row). A dry run only reports, per line, what would be
//! created or updated and every refused cell with its line and column.
//! A real run writes in one transaction: a thread checks the rows and
//! builds the INSERT of each batch of 1,000 new ones while SQLite writes
//! the previous batch; the first refused row stops the writing, the check
//! goes on to report every error, and the transaction is rolled back. All
//! or nothing.
//!
//! A row updates the equipment with its `reference`, or else the one with
//! the same manufacturer and serial number; otherwise it creates one. So
//! importing the same file twice changes nothing the second time.
//!
//! New rows take their references from one `sequences::Reservation`, written
//! back at the end; the audit rows of the new rows are one statement
//! (`audit::record_for_ids`).

use super::bulk_insert::{insert_statement, BulkInsert};
use super::export::{name_in, COLUMNS};
use super::{duplicate_serial, entity, plus_months, search_text_of, NameBook};
use crate::actor::Actor;
use crate::audit::{self, Audited};
use crate::authz::{require, Operation};
use crate::catalogue::type_entity as types;
use crate::catalogue::{manufacturer_entity as manufacturers, model_entity as models};
use crate::clients::{client_entity as clients, contact_entity as contacts};
use crate::error::{CoreError, CoreResult};
use crate::sequences;
use crate::sites::site_entity as sites;
use crate::spreadsheet::{columns_of, records_of, Cells};
use chrono::NaiveDate;
use parc_api::equipment::{EquipmentStatus, ImportReport, RowAction, RowOutcome};
use parc_api::history::FieldChange;
use parc_api::text::fold;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityName, EntityTrait, IntoActiveModel,
    QueryFilter, QuerySelect, TransactionSession, TransactionTrait,
};
use std::collections::HashMap;
use std::io::Read;
use std::sync::Arc;

/// Columns a file must have.
const REQUIRED: &[&str] = &["name", "type", "client"];
/// Rows written per INSERT statement (SQLite allows 32,766 parameters).
const BATCH: usize = 1_000;

/// Everything a row may refer to, loaded once.
struct Lookups {
    types: HashMap<String, types::Model>,
    manufacturers: HashMap<String, manufacturers::Model>,
    models: HashMap<(i32, String), models::Model>,
    clients: HashMap<String, clients::Model>,
    sites: HashMap<(i32, String), sites::Model>,
    contacts_by_name: HashMap<(i32, String), contacts::Model>,
    contacts_by_email: HashMap<(i32, String), contacts::Model>,
    by_reference: HashMap<String, (i32, i32)>,
    by_serial: HashMap<(Option<i32>, String), (i32, String)>,
}

async fn lookups(db: &impl ConnectionTrait) -> CoreResult<Lookups> {
    let mut l = Lookups {
        types: HashMap::new(),
        manufacturers: HashMap::new(),
        models: HashMap::new(),
        clients: HashMap::new(),
        sites: HashMap::new(),
        contacts_by_name: HashMap::new(),
        contacts_by_email: HashMap::new(),
        by_reference: HashMap::new(),
        by_serial: HashMap::new(),
    };
    for t in types::Entity::find().all(db).await? {
        l.types.insert(t.sort_key.clone(), t);
    }
    for m in manufacturers::Entity::find().all(db).await? {
        l.manufacturers.insert(m.sort_key.clone(), m);
    }
    for m in models::Entity::find().all(db).await? {
        l.models.insert((m.manufacturer_id, m.sort_key.clone()), m);
    }
    for c in clients::Entity::find().all(db).await? {
        l.clients.insert(c.code.to_uppercase(), c);
    }
    for s in sites::Entity::find().all(db).await? {
        l.sites.insert((s.client_id, fold(&s.name)), s);
    }
    for c in contacts::Entity::find().all(db).await? {
        if !c.email.is_empty() {
            l.contacts_by_email
                .insert((c.client_id, c.email.to_lowercase()), c.clone());
        }
        l.contacts_by_name.insert((c.client_id, fold(&c.name)), c);
    }
    let existing: Vec<ExistingKeys> = entity::Entity::find()
        .select_only()
        .column(entity::Column::Id)
        .column(entity::Column::Reference)
        .column(entity::Column::ClientId)
        .column(entity::Column::ManufacturerId)
        .column(entity::Column::Serial)
        .into_tuple()
        .all(db)
        .await?;
    for (id, reference, client_id, manufacturer_id, serial) in existing {
        if let Some(serial) = serial {
            l.by_serial
                .insert((manufacturer_id, serial), (id, reference.clone()));
        }
        l.by_reference
            .insert(reference.to_uppercase(), (id, client_id));
    }
    Ok(l)
}

/// id, reference, client, manufacturer and serial of saved equipment.
type ExistingKeys = (i32, String, i32, Option<i32>, Option<String>);

/// One checked row, ready to write.
struct Row {
    existing: Option<i32>,
    values: entity::Model,
}

/// Reads a status as its code or as its English or French words.
fn status_of(text: &str) -> Option<EquipmentStatus> {
    if text.is_empty() {
        return Some(EquipmentStatus::InStock);
    }
    let key = fold(text).replace([' ', '-'], "_");
    EquipmentStatus::from_code(&key).or(match key.as_str() {
        "stock" | "en_stock" => Some(EquipmentStatus::InStock),
        "deploye" | "en_service" | "in_service" => Some(EquipmentStatus::Deployed),
        "en_reparation" | "repair" => Some(EquipmentStatus::InRepair),
        "retire" | "reforme" => Some(EquipmentStatus::Retired),
        _ => None,
    })
}

/// Checks one record; pushes its errors; returns the row when it has none.
fn check_row(
    l: &Lookups,
    cells: &mut Cells<'_>,
    seen_serials: &mut HashMap<(Option<i32>, String), u64>,
    seen_references: &mut HashMap<String, u64>,
    today: NaiveDate,
) -> Option<Row> {
    let errors_before = cells.errors.len();
    let line = cells.line;
    let name = cells.text("name", 200);
    if name.is_empty() {
        cells.refuse("name", "is required");
    }
    let client_code = cells.get("client").to_uppercase();
    let client = l.clients.get(&client_code);
    if client.is_none() {
        if client_code.is_empty() {
            cells.refuse("client", "is required (the client's code, like C00012)");
        } else {
            cells.refuse(
                "client",
                format!("no client has the code \"{client_code}\""),
            );
        }
    }
    let client_id = client.map_or(0, |c| c.id);

    let manufacturer_name = cells.get("manufacturer");
    let manufacturer = if manufacturer_name.is_empty() {
        None
    } else {
        let found = l.manufacturers.get(&fold(&manufacturer_name));
        if found.is_none() {
            cells.refuse(
                "manufacturer",
                format!(
                    "unknown manufacturer \"{manufacturer_name}\": add it to the catalogue first"
                ),
            );
        }
        found
    };
    let model_name = cells.get("model");
    let model = if model_name.is_empty() {
        None
    } else {
        match manufacturer {
            Some(m) => {
                let found = l.models.get(&(m.id, fold(&model_name)));
                if found.is_none() {
                    cells.refuse(
                        "model",
                        format!("{} has no model \"{model_name}\" in the catalogue", m.name),
                    );
                }
                found
            }
            None => {
                cells.refuse("model", "a model needs its manufacturer");
                None
            }
        }
    };
    let type_name = cells.get("type");
    let kind = match (type_name.is_empty(), model) {
        (true, Some(model)) => l.types.values().find(|t| t.id == model.type_id),
        (true, None) => {
            cells.refuse("type", "is required");
            None
        }
        (false, _) => {
            let found = l.types.get(&fold(&type_name));
            if found.is_none() {
                cells.refuse("type", format!("unknown type \"{type_name}\""));
            }
            found
        }
    };

    let site_name = cells.get("site");
    let site_id = if site_name.is_empty() || client.is_none() {
        None
    } else {
        let found = l.sites.get(&(client_id, fold(&site_name)));
        if found.is_none() {
            cells.refuse(
                "site",
                format!("client {client_code} has no site \"{site_name}\""),
            );
        }
        found.map(|s| s.id)
    };
    let person = cells.get("assigned_to");
    let contact = if person.is_empty() || client.is_none() {
        None
    } else {
        let found = l
            .contacts_by_email
            .get(&(client_id, person.to_lowercase()))
            .or_else(|| l.contacts_by_name.get(&(client_id, fold(&person))));
        if found.is_none() {
            cells.refuse(
                "assigned_to",
                format!("\"{person}\" is not a contact of client {client_code}"),
            );
        }
        found
    };
    let status_text = cells.get("status");
    let status = status_of(&status_text).unwrap_or_else(|| {
        cells.refuse(
            "status",
            format!("unknown status \"{status_text}\" (in_stock, deployed, in_repair, retired)"),
        );
        EquipmentStatus::InStock
    });

    let serial = Some(cells.text("serial", 100)).filter(|s| !s.is_empty());
    let manufacturer_id = manufacturer.map(|m| m.id);
    let reference = cells.get("reference").to_uppercase();
    let existing = if reference.is_empty() {
        serial
            .as_ref()
            .and_then(|s| l.by_serial.get(&(manufacturer_id, s.clone())))
            .map(|(id, _)| *id)
    } else {
        match l.by_reference.get(&reference) {
            Some((id, _)) => Some(*id),
            None => {
                cells.refuse(
                    "reference",
                    format!(
                        "no equipment has the reference {reference}: leave it empty to create one"
                    ),
                );
                None
            }
        }
    };
    if !reference.is_empty() {
        if let Some(first) = seen_references.insert(reference.clone(), line) {
            cells.refuse(
                "reference",
                format!("{reference} is already on line {first}"),
            );
        }
    }
    if let Some(serial) = &serial {
        if let Some((other, other_reference)) = l.by_serial.get(&(manufacturer_id, serial.clone()))
        {
            if existing != Some(*other) {
                cells.refuse(
                    "serial",
                    duplicate_serial(other_reference, "already in the inventory"),
                );
            }
        }
        if let Some(first) = seen_serials.insert((manufacturer_id, serial.clone()), line) {
            cells.refuse(
                "serial",
                format!("the same serial number is on line {first}"),
            );
        }
    }
    let parent_reference = cells.get("parent").to_uppercase();
    let parent_id = if parent_reference.is_empty() {
        None
    } else {
        match l.by_reference.get(&parent_reference) {
            Some((id, parent_client)) if *parent_client == client_id => Some(*id),
            Some(_) => {
                cells.refuse("parent", "a component belongs to the client of its parent");
                None
            }
            None => {
                cells.refuse(
                    "parent",
                    format!("no equipment has the reference {parent_reference}"),
                );
                None
            }
        }
    };
    let purchase_date = cells.date("purchase_date");
    let last_maintenance = cells.date("last_maintenance");
    let warranty_end = cells.date("warranty_end");
    let next_maintenance = cells.date("next_maintenance");
    let price_text = cells.get("purchase_price");
    let purchase_price_cents = parc_api::money::parse_cents(&price_text).unwrap_or_else(|()| {
        cells.refuse(
            "purchase_price",
            format!("\"{price_text}\" is not an amount (like 1234.50)"),
        );
        None
    });
    let asset_tag = cells.text("asset_tag", 100);
    let supplier = cells.text("supplier", 200);
    let notes = cells.text("notes", 10_000);
    if cells.errors.len() > errors_before {
        return None;
    }
    let kind = kind?;
    let warranty_months = model.map_or(kind.warranty_months, |m| m.warranty_months);
    let now = chrono::Utc::now();
    Some(Row {
        existing,
        values: entity::Model {
            id: existing.unwrap_or(0),
            reference,
            sort_key: fold(&name),
            search_text: String::new(),
            name,
            type_id: kind.id,
            manufacturer_id,
            model_id: model.map(|m| m.id),
            serial,
            asset_tag,
            status: status.code().to_owned(),
            status_since: today,
            client_id,
            site_id,
            contact_id: contact.map(|c| c.id),
            parent_id,
            purchase_date,
            supplier,
            purchase_price_cents,
            warranty_end: warranty_end.or_else(|| plus_months(purchase_date, warranty_months)),
            last_maintenance,
            next_maintenance: next_maintenance.or_else(|| {
                plus_months(last_maintenance.or(purchase_date), kind.maintenance_months)
            }),
            notes,
            created_at: now,
            updated_at: now,
        },
    })
}

fn book_of(l: &Lookups) -> NameBook {
    NameBook {
        types: l.types.values().map(|t| (t.id, t.name.clone())).collect(),
        manufacturers: l
            .manufacturers
            .values()
            .map(|m| (m.id, m.name.clone()))
            .collect(),
        models: l.models.values().map(|m| (m.id, m.name.clone())).collect(),
        clients: l
            .clients
            .values()
            .map(|c| {
                (
                    c.id,
                    super::names::ClientNames {
                        name: c.name.clone(),
                        sort_key: c.sort_key.clone(),
                        code: c.code.clone(),
                    },
                )
            })
            .collect(),
        sites: l.sites.values().map(|s| (s.id, s.name.clone())).collect(),
        contacts: l
            .contacts_by_name
            .values()
            .map(|c| (c.id, c.name.clone()))
            .collect(),
        parents: l
            .by_reference
            .iter()
            .map(|(reference, (id, _))| (*id, reference.clone()))
            .collect(),
    }
}

fn with_search_text(mut m: entity::Model, book: &NameBook) -> entity::Model {
    m.search_text = search_text_of(
        &m.reference,
        &m.name,
        m.serial.as_deref().unwrap_or_default(),
        &m.asset_tag,
        name_in(&book.models, m.model_id),
        name_in(&book.manufacturers, m.manufacturer_id),
        name_in(&book.contacts, m.contact_id),
    );
    m
}

/// The fields an import may change, for comparison with what is saved.
fn same_content(a: &entity::Model, b: &entity::Model) -> bool {
    let strip = |m: &entity::Model| {
        let mut m = m.clone();
        m.id = 0;
        m.reference = String::new();
        m.status_since = NaiveDate::MIN;
        m.created_at = chrono::DateTime::<chrono::Utc>::MIN_UTC;
        m.updated_at = chrono::DateTime::<chrono::Utc>::MIN_UTC;
        m
    };
    strip(a) == strip(b)
}

/// The highest equipment id saved, if any.
async fn last_id(db: &impl ConnectionTrait) -> CoreResult<Option<i32>> {
    Ok(entity::Entity::find()
        .select_only()
        .column_as(entity::Column::Id.max(), "last")
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten())
}

/// The file's rows, checked a batch at a time, so a real run checks the next
/// batch while SQLite writes the previous one on its own thread.
struct Batches {
    records: std::vec::IntoIter<(u64, csv::StringRecord)>,
    index: HashMap<&'static str, usize>,
    lookups: Lookups,
    seen_serials: HashMap<(Option<i32>, String), u64>,
    seen_references: HashMap<String, u64>,
    today: NaiveDate,
}

/// What one batch holds: rows to create and rows matching saved equipment,
/// each with the index of its outcome in the report.
#[derive(Default)]
struct Checked {
    creations: Vec<(usize, entity::Model)>,
    matches: Vec<(usize, entity::Model)>,
}

impl Batches {
    /// Checks rows until `BATCH` are to be created or the file ends; every
    /// row gets its outcome (or its errors) in `report`.
    fn next(
        &mut self,
        report: &mut ImportReport,
        progress: &mut (dyn FnMut(u64) + Send),
    ) -> Checked {
        let mut checked = Checked::default();
        while checked.creations.len() < BATCH {
            let Some((line, record)) = self.records.next() else {
                break;
            };
            report.rows += 1;
            if report.rows.is_multiple_of(1_000) {
                progress(report.rows);
            }
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            let mut cells = Cells {
                record: &record,
                index: &self.index,
                line,
                errors: &mut report.errors,
            };
            let Some(row) = check_row(
                &self.lookups,
                &mut cells,
                &mut self.seen_serials,
                &mut self.seen_references,
                self.today,
            ) else {
                continue;
            };
            let outcome = report.outcomes.len();
            report.outcomes.push(RowOutcome {
                line,
                action: if row.existing.is_some() {
                    RowAction::Update
                } else {
                    RowAction::Create
                },
                reference: "(new)".into(),
            });
            if row.existing.is_some() {
                checked.matches.push((outcome, row.values));
            } else {
                report.created += 1;
                checked.creations.push((outcome, row.values));
            }
        }
        checked
    }

    /// True when every row has been checked.
    fn is_done(&self) -> bool {
        self.records.len() == 0
    }
}

/// Imports (or, with `dry_run`, checks) an equipment CSV file; `source`
/// names it in each created equipment's history. `progress` is called with
/// the number of rows handled so far, every 1,000 rows.
pub async fn import_csv<C: ConnectionTrait + TransactionTrait, R: Read>(
    db: &C,
    actor: &Actor,
    source: &str,
    input: R,
    dry_run: bool,
    progress: &mut (dyn FnMut(u64) + Send),
) -> CoreResult<ImportReport> {
    require(actor, Operation::WriteEquipment)?;
    let today = crate::clock::today();
    let txn = crate::db::begin_write(db).await?;
    let l = lookups(&txn).await?;
    let book = Arc::new(book_of(&l));
    let mut report = ImportReport {
        dry_run,
        ..Default::default()
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::None)
        .from_reader(input);
    let Some(index) = columns_of(&mut reader, &mut report, COLUMNS, REQUIRED) else {
        return Ok(report);
    };
    let records = records_of(&mut reader, &mut report);
    let writing = if !dry_run && report.errors.is_empty() && !records.is_empty() {
        let last_id_before = last_id(&txn).await?;
        let bulk = BulkInsert::begin(&txn, records.len(), 0).await?;
        let numbers = sequences::reserve(&txn, "equipment", today).await?;
        Some((last_id_before, bulk, numbers))
    } else {
        None
    };
    let (last_id_before, bulk, numbers) = match writing {
        Some((last_id_before, bulk, numbers)) => (last_id_before, Some(bulk), Some(numbers)),
        None => (None, None, None),
    };
    let batches = Batches {
        records: records.into_iter(),
        index,
        lookups: l,
        seen_serials: HashMap::new(),
        seen_references: HashMap::new(),
        today,
    };

    // A thread checks the rows and builds their INSERTs, a batch at a
    // time, while this task has SQLite write them: both cores work.
    let (sender, mut receiver) = tokio::sync::mpsc::channel(2);
    let checking = tokio::task::spawn_blocking({
        let book = Arc::clone(&book);
        let backend = txn.get_database_backend();
        move || check_file(batches, report, numbers, &book, backend, &sender)
    });
    while let Some(message) = receiver.recv().await {
        match message {
            Checking::Rows(rows) => progress(rows),
            Checking::Insert(statement) => {
                txn.execute_raw(statement).await?;
            }
        }
    }
    let CheckedFile {
        mut report,
        matches,
        numbers,
    } = checking
        .await
        .map_err(|err| CoreError::Internal(format!("the import's check stopped: {err}")))?;

    let updates = compare_with_saved(&txn, &book, matches, today, &mut report).await?;
    if dry_run || !report.errors.is_empty() {
        return Ok(report);
    }
    let bulk = match (bulk, numbers) {
        (Some(bulk), Some(numbers)) => {
            numbers.save(&txn).await?;
            bulk
        }
        _ => BulkInsert::begin(&txn, 0, updates.len()).await?,
    };
    if let Some(last) = last_id(&txn).await?.filter(|l| Some(*l) != last_id_before) {
        // Each created equipment's history says where it came from; its
        // values are its own until a later change records before and after.
        // The transaction holds the write lock: every id since is ours.
        audit::record_for_ids(
            &txn,
            actor,
            super::names::Snapshot::ENTITY,
            entity::Entity.table_name(),
            i64::from(last_id_before.unwrap_or(0)) + 1..=i64::from(last),
            "import",
            &[FieldChange {
                field: "source".into(),
                before: None,
                after: Some(source.to_owned()),
            }],
        )
        .await?;
    }
    for (before, after) in updates {
        let mut active = after.clone().into_active_model().reset_all();
        active.created_at = sea_orm::ActiveValue::Unchanged(before.created_at);
        active.id = sea_orm::ActiveValue::Unchanged(before.id);
        active.update(&txn).await?;
        if let Some(row) = audit::entry(
            actor,
            i64::from(before.id),
            "import",
            Some(&book.snapshot(&before)),
            Some(&book.snapshot(&after)),
        )? {
            row.insert(&txn).await?;
        }
    }
    bulk.finish(&txn).await?;
    txn.commit().await?;
    crate::db::refresh_statistics(db).await?;
    report.committed = true;
    Ok(report)
}

/// What the checking thread sends while it works.
enum Checking {
    /// Rows checked so far.
    Rows(u64),
    /// New rows to write.
    Insert(sea_orm::Statement),
}

/// What the checking thread hands back once every row is checked.
struct CheckedFile {
    report: ImportReport,
    matches: Vec<(usize, entity::Model)>,
    numbers: Option<sequences::Reservation>,
}

/// Checks every row (on a thread of its own) and sends the INSERTs of the
/// new ones, numbered from `numbers`, as long as nothing is refused. Stops
/// early when the writer has stopped listening (it failed).
fn check_file(
    mut batches: Batches,
    mut report: ImportReport,
    mut numbers: Option<sequences::Reservation>,
    book: &NameBook,
    backend: sea_orm::DbBackend,
    sender: &tokio::sync::mpsc::Sender<Checking>,
) -> CheckedFile {
    let mut matches = Vec::new();
    let mut progress = |rows| {
        // Progress is a courtesy: the writer may have stopped.
        let _ = sender.blocking_send(Checking::Rows(rows));
    };
    while !batches.is_done() {
        let checked = batches.next(&mut report, &mut progress);
        if let Some(statement) = insert_of(
            checked,
            &mut report,
            &mut matches,
            numbers.as_mut(),
            book,
            backend,
        ) {
            if sender.blocking_send(Checking::Insert(statement)).is_err() {
                break;
            }
        }
    }
    CheckedFile {
        report,
        matches,
        numbers,
    }
}

/// Sets aside the rows that match saved equipment and, while a real run has
/// refused nothing (`numbers` present, no error), numbers the new rows and
/// builds their INSERT.
fn insert_of(
    checked: Checked,
    report: &mut ImportReport,
    matches: &mut Vec<(usize, entity::Model)>,
    numbers: Option<&mut sequences::Reservation>,
    book: &NameBook,
    backend: sea_orm::DbBackend,
) -> Option<sea_orm::Statement> {
    matches.extend(checked.matches);
    let numbers = numbers.filter(|_| report.errors.is_empty())?;
    if checked.creations.is_empty() {
        return None;
    }
    let mut batch = Vec::with_capacity(checked.creations.len());
    for (outcome, mut m) in checked.creations {
        m.reference = numbers.next_reference();
        report.outcomes[outcome].reference.clone_from(&m.reference);
        batch.push(with_search_text(m, book));
    }
    Some(insert_statement(backend, batch))
}

/// Compares the rows that match saved equipment with what is saved (read a
/// batch at a time): each outcome becomes "update" or "unchanged", and the
/// changed ones are returned as (before, after).
async fn compare_with_saved(
    db: &impl ConnectionTrait,
    book: &NameBook,
    matches: Vec<(usize, entity::Model)>,
    today: NaiveDate,
    report: &mut ImportReport,
) -> CoreResult<Vec<(entity::Model, entity::Model)>> {
    let mut befores: HashMap<i32, entity::Model> = HashMap::new();
    let ids: Vec<i32> = matches.iter().map(|(_, m)| m.id).collect();
    for ids in ids.chunks(BATCH) {
        for m in entity::Entity::find()
            .filter(entity::Column::Id.is_in(ids.to_vec()))
            .all(db)
            .await?
        {
            befores.insert(m.id, m);
        }
    }
    let mut updates = Vec::new();
    for (outcome, mut after) in matches {
        // The transaction read the keys: a matched id is still there.
        let Some(before) = befores.remove(&after.id) else {
            continue;
        };
        after.reference = before.reference.clone();
        after.created_at = before.created_at;
        after.status_since = if after.status == before.status {
            before.status_since
        } else {
            today
        };
        let after = with_search_text(after, book);
        let outcome = &mut report.outcomes[outcome];
        outcome.reference = before.reference.clone();
        if same_content(&before, &after) {
            outcome.action = RowAction::Unchanged;
            report.unchanged += 1;
        } else {
            report.updated += 1;
            updates.push((before, after));
        }
    }
    Ok(updates)
}

#[cfg(test)]
mod tests {
    use super::status_of;
    use parc_api::equipment::EquipmentStatus;

    #[test]
    fn statuses_are_read_in_either_language() {
        assert_eq!(status_of("deployed"), Some(EquipmentStatus::Deployed));
        assert_eq!(status_of("En réparation"), Some(EquipmentStatus::InRepair));
        assert_eq!(status_of(""), Some(EquipmentStatus::InStock));
        assert_eq!(status_of("lost"), None);
    }
}

//! CSV import of installations (an inventory tool's export, or a
//! spreadsheet): which software and version is on which equipment.
//!
//! The same discipline as the equipment import: a dry run reports per line
//! what would be created, updated or left unchanged and every refused cell
//! with its line and column; a real run writes everything in one
//! transaction, or nothing when a single row is refused. The equipment is
//! found by serial number or else by name (`hostname`), narrowed by the
//! client's code when several match; software not yet in the catalogue is
//! added. Importing the same file twice changes nothing the second time.

use super::installation_entity as installations;
use super::installations::history_change;
use super::software_entity as software;
use super::version_entity as versions;
use crate::actor::Actor;
use crate::audit;
use crate::authz::{require, Operation};
use crate::clients::client_entity as clients;
use crate::equipment::entity as equipment;
use crate::error::CoreResult;
use crate::spreadsheet::{columns_of, records_of, Cells};
use chrono::NaiveDate;
use parc_api::equipment::{ImportError, ImportReport, RowAction, RowOutcome};
use parc_api::text::{fold, search_text};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, QuerySelect, Set, TransactionSession,
    TransactionTrait,
};
use std::collections::HashMap;
use std::io::Read;

pub const COLUMNS: &[&str] = &[
    "hostname",
    "serial",
    "client",
    "software",
    "publisher",
    "version",
    "installed_on",
];
const REQUIRED: &[&str] = &["software"];

/// id, reference, name, serial, client of saved equipment.
type Machine = (i32, String, String, Option<String>, i32);

struct Lookups {
    by_serial: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
    machines: Vec<Machine>,
    clients: HashMap<String, i32>,
    software: HashMap<String, software::Model>,
    versions: HashMap<(i32, String), i32>,
    installed: HashMap<(i32, i32), installations::Model>,
}

async fn lookups(db: &impl ConnectionTrait) -> CoreResult<Lookups> {
    let machines: Vec<Machine> = equipment::Entity::find()
        .select_only()
        .column(equipment::Column::Id)
        .column(equipment::Column::Reference)
        .column(equipment::Column::Name)
        .column(equipment::Column::Serial)
        .column(equipment::Column::ClientId)
        .into_tuple()
        .all(db)
        .await?;
    let mut by_serial: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (_, _, name, serial, _)) in machines.iter().enumerate() {
        if let Some(serial) = serial {
            by_serial.entry(serial.to_uppercase()).or_default().push(i);
        }
        by_name.entry(fold(name)).or_default().push(i);
    }
    Ok(Lookups {
        by_serial,
        by_name,
        machines,
        clients: clients::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.code.to_uppercase(), c.id))
            .collect(),
        software: software::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.sort_key.clone(), s))
            .collect(),
        versions: versions::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|v| ((v.software_id, v.version), v.id))
            .collect(),
        installed: installations::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|i| ((i.equipment_id, i.software_id), i))
            .collect(),
    })
}

/// One checked line.
struct Row {
    line: u64,
    machine: usize,
    software_key: String,
    software_name: String,
    publisher: String,
    version: String,
    installed_on: Option<NaiveDate>,
}

/// The equipment a line names, or its error.
fn machine_of(l: &Lookups, cells: &mut Cells<'_>) -> Option<usize> {
    let serial = cells.get("serial");
    let hostname = cells.get("hostname");
    let client_code = cells.get("client").to_uppercase();
    let client = if client_code.is_empty() {
        None
    } else {
        match l.clients.get(&client_code) {
            Some(id) => Some(*id),
            None => {
                cells.refuse("client", format!("no client has the code {client_code}"));
                return None;
            }
        }
    };
    let (column, value, candidates) = if !serial.is_empty() {
        (
            "serial",
            serial.clone(),
            l.by_serial.get(&serial.to_uppercase()),
        )
    } else if !hostname.is_empty() {
        (
            "hostname",
            hostname.clone(),
            l.by_name.get(&fold(&hostname)),
        )
    } else {
        cells.refuse("hostname", "give the equipment's hostname or serial number");
        return None;
    };
    let matching: Vec<usize> = candidates
        .into_iter()
        .flatten()
        .copied()
        .filter(|i| client.is_none_or(|c| l.machines[*i].4 == c))
        .collect();
    match matching.as_slice() {
        [one] => Some(*one),
        [] => {
            cells.refuse(column, format!("no equipment has the {column} \"{value}\""));
            None
        }
        several => {
            cells.refuse(
                column,
                format!(
                    "{} equipment match \"{value}\": add the serial number or the client's code",
                    several.len()
                ),
            );
            None
        }
    }
}

fn check_row(l: &Lookups, cells: &mut Cells<'_>) -> Option<Row> {
    let errors_before = cells.errors.len();
    let machine = machine_of(l, cells);
    let software_name = cells.text("software", 200);
    if software_name.is_empty() {
        cells.refuse("software", "the software's name is missing");
    }
    let publisher = cells.text("publisher", 200);
    let version = cells.text("version", 100);
    let installed_on = cells.date("installed_on");
    if cells.errors.len() > errors_before {
        return None;
    }
    Some(Row {
        line: cells.line,
        machine: machine?,
        software_key: fold(&software_name),
        software_name,
        publisher,
        version,
        installed_on,
    })
}

/// What a row does against what is saved (or created earlier in the file).
fn action_of(l: &Lookups, row: &Row, software_id: Option<i32>) -> RowAction {
    let machine_id = l.machines[row.machine].0;
    let Some(saved) = software_id.and_then(|s| l.installed.get(&(machine_id, s))) else {
        return RowAction::Create;
    };
    let version_id = software_id.and_then(|s| l.versions.get(&(s, row.version.clone())).copied());
    let same_version = if row.version.is_empty() {
        saved.version_id.is_none()
    } else {
        version_id.is_some() && saved.version_id == version_id
    };
    if same_version && saved.installed_on == row.installed_on {
        RowAction::Unchanged
    } else {
        RowAction::Update
    }
}

/// Imports (or, with `dry_run`, checks) an installations CSV file; `source`
/// names it on each installation and in each equipment's history.
pub async fn import_installations<C: ConnectionTrait + TransactionTrait, R: Read>(
    db: &C,
    actor: &Actor,
    source: &str,
    input: R,
    dry_run: bool,
) -> CoreResult<ImportReport> {
    require(actor, Operation::WriteEquipment)?;
    let txn = crate::db::begin_write(db).await?;
    let mut l = lookups(&txn).await?;
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
    if !index.contains_key("hostname") && !index.contains_key("serial") {
        report.errors.push(ImportError {
            line: 1,
            column: "hostname".into(),
            message: "a column hostname or serial is needed to find the equipment".into(),
        });
        return Ok(report);
    }
    let records = records_of(&mut reader, &mut report);
    let mut rows = Vec::with_capacity(records.len());
    let mut seen: HashMap<(usize, String), u64> = HashMap::new();
    for (line, record) in &records {
        report.rows += 1;
        let mut cells = Cells {
            record,
            index: &index,
            line: *line,
            errors: &mut report.errors,
        };
        let Some(row) = check_row(&l, &mut cells) else {
            continue;
        };
        if let Some(first) = seen.insert((row.machine, row.software_key.clone()), row.line) {
            cells.refuse(
                "software",
                format!("the same software on the same equipment as line {first}"),
            );
            continue;
        }
        rows.push(row);
    }
    for row in &rows {
        let software_id = l.software.get(&row.software_key).map(|s| s.id);
        let action = action_of(&l, row, software_id);
        match action {
            RowAction::Create => report.created += 1,
            RowAction::Update => report.updated += 1,
            RowAction::Unchanged => report.unchanged += 1,
        }
        report.outcomes.push(RowOutcome {
            line: row.line,
            action,
            reference: format!("{} · {}", l.machines[row.machine].1, row.software_name),
        });
    }
    if dry_run || !report.errors.is_empty() {
        return Ok(report);
    }
    let now = chrono::Utc::now();
    for row in &rows {
        let program = match l.software.get(&row.software_key) {
            Some(found) => found.clone(),
            None => {
                let created = software::ActiveModel {
                    name: Set(row.software_name.clone()),
                    publisher: Set(row.publisher.clone()),
                    category: Set(String::new()),
                    sort_key: Set(row.software_key.clone()),
                    search_text: Set(search_text(&[&row.software_name, &row.publisher])),
                    notes: Set(String::new()),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                l.software.insert(row.software_key.clone(), created.clone());
                created
            }
        };
        let version_id = if row.version.is_empty() {
            None
        } else if let Some(id) = l.versions.get(&(program.id, row.version.clone())) {
            Some(*id)
        } else {
            let created = versions::ActiveModel {
                software_id: Set(program.id),
                version: Set(row.version.clone()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            l.versions
                .insert((program.id, row.version.clone()), created.id);
            Some(created.id)
        };
        let machine_id = l.machines[row.machine].0;
        let action = match l.installed.get(&(machine_id, program.id)) {
            Some(saved)
                if saved.version_id == version_id && saved.installed_on == row.installed_on =>
            {
                continue
            }
            Some(saved) => {
                let mut model: installations::ActiveModel = saved.clone().into();
                model.version_id = Set(version_id);
                model.installed_on = Set(row.installed_on);
                model.source = Set(source.to_owned());
                model.updated_at = Set(now);
                model.update(&txn).await?;
                "import"
            }
            None => {
                installations::ActiveModel {
                    equipment_id: Set(machine_id),
                    software_id: Set(program.id),
                    version_id: Set(version_id),
                    installed_on: Set(row.installed_on),
                    source: Set(source.to_owned()),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                "install"
            }
        };
        audit::entry_of_changes(
            actor,
            "equipment",
            i64::from(machine_id),
            action,
            &[history_change(&program.name, &row.version, true)],
        )?
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    report.committed = true;
    Ok(report)
}

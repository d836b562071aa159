//! The inventory: the equipment catalogue, equipment and its components,
//! spare parts, and the requests of the Equipment screens.

use crate::page::SortDir;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a piece of equipment is in its life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EquipmentStatus {
    #[default]
    InStock,
    Deployed,
    InRepair,
    Retired,
}

impl EquipmentStatus {
    pub const ALL: [EquipmentStatus; 4] = [
        EquipmentStatus::InStock,
        EquipmentStatus::Deployed,
        EquipmentStatus::InRepair,
        EquipmentStatus::Retired,
    ];
    pub fn code(self) -> &'static str {
        match self {
            EquipmentStatus::InStock => "in_stock",
            EquipmentStatus::Deployed => "deployed",
            EquipmentStatus::InRepair => "in_repair",
            EquipmentStatus::Retired => "retired",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

// ---- catalogue ----

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeRow {
    pub id: i64,
    pub name: String,
    pub maintenance_months: i32,
    pub warranty_months: i32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TypeInput {
    pub name: String,
    /// Months between two preventive maintenances; 0 for none.
    pub maintenance_months: i32,
    /// Default warranty length of models of this type, in months.
    pub warranty_months: i32,
}

pub type UpdateType = crate::Update<TypeInput>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManufacturerRow {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ManufacturerInput {
    pub name: String,
}

pub type UpdateManufacturer = crate::Update<ManufacturerInput>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelRow {
    pub id: i64,
    pub manufacturer_id: i64,
    pub manufacturer_name: String,
    pub type_id: i64,
    pub type_name: String,
    pub name: String,
    pub warranty_months: i32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelInput {
    pub manufacturer_id: Option<i64>,
    pub type_id: Option<i64>,
    pub name: String,
    /// Empty: the type's default warranty.
    pub warranty_months: Option<i32>,
}

pub type UpdateModel = crate::Update<ModelInput>;

/// The whole catalogue, small enough to load once for a form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalogue {
    pub types: Vec<TypeRow>,
    pub manufacturers: Vec<ManufacturerRow>,
    pub models: Vec<ModelRow>,
}

// ---- equipment ----

/// What the equipment form sends. Dates are `YYYY-MM-DD` (empty for none)
/// and the price a typed amount, read by the core so errors name the field.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EquipmentInput {
    pub client_id: Option<i64>,
    pub site_id: Option<i64>,
    /// The assigned user: a contact of the same client.
    pub contact_id: Option<i64>,
    /// The equipment this one is a component of.
    pub parent_id: Option<i64>,
    pub name: String,
    pub type_id: Option<i64>,
    pub manufacturer_id: Option<i64>,
    pub model_id: Option<i64>,
    pub serial: String,
    pub asset_tag: String,
    pub status: EquipmentStatus,
    pub purchase_date: String,
    pub supplier: String,
    pub purchase_price: String,
    /// Empty: purchase date + the model's warranty.
    pub warranty_end: String,
    pub last_maintenance: String,
    /// Empty: last maintenance + the type's interval.
    pub next_maintenance: String,
    pub notes: String,
}

pub type UpdateEquipment = crate::Update<EquipmentInput>;

/// One line of the equipment list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EquipmentRow {
    pub id: i64,
    pub reference: String,
    pub name: String,
    pub type_name: String,
    pub manufacturer_name: String,
    pub model_name: String,
    pub serial: String,
    pub asset_tag: String,
    pub status: EquipmentStatus,
    pub client_id: i64,
    pub client_name: String,
    pub site_id: Option<i64>,
    pub site_name: String,
    pub contact_id: Option<i64>,
    pub contact_name: String,
    pub warranty_end: Option<NaiveDate>,
}

/// The equipment page: every field, its parent and its components.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EquipmentDetail {
    pub row: EquipmentRow,
    pub type_id: i64,
    pub manufacturer_id: Option<i64>,
    pub model_id: Option<i64>,
    pub parent: Option<EquipmentLink>,
    pub status_since: NaiveDate,
    pub purchase_date: Option<NaiveDate>,
    pub supplier: String,
    pub purchase_price_cents: Option<i64>,
    pub last_maintenance: Option<NaiveDate>,
    pub next_maintenance: Option<NaiveDate>,
    pub notes: String,
    pub components: Vec<EquipmentRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EquipmentLink {
    pub id: i64,
    pub reference: String,
    pub name: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EquipmentSort {
    #[default]
    Reference,
    Name,
    Serial,
    Client,
    Status,
    WarrantyEnd,
}

impl EquipmentSort {
    pub const ALL: [EquipmentSort; 6] = [
        EquipmentSort::Reference,
        EquipmentSort::Name,
        EquipmentSort::Serial,
        EquipmentSort::Client,
        EquipmentSort::Status,
        EquipmentSort::WarrantyEnd,
    ];
    pub fn code(self) -> &'static str {
        match self {
            EquipmentSort::Reference => "reference",
            EquipmentSort::Name => "name",
            EquipmentSort::Serial => "serial",
            EquipmentSort::Client => "client",
            EquipmentSort::Status => "status",
            EquipmentSort::WarrantyEnd => "warranty",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Where the next page starts: the sort value and id of the last row shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub value: String,
    pub id: i64,
}

/// The filters of the equipment list (also what export and labels select).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EquipmentFilter {
    /// Full-text: reference, name, serial, asset tag, model, manufacturer, assigned user.
    pub search: String,
    pub client_id: Option<i64>,
    pub site_id: Option<i64>,
    pub type_id: Option<i64>,
    pub status: Option<EquipmentStatus>,
    pub contact_id: Option<i64>,
    /// Warranty ending between today and today + N days.
    pub warranty_within_days: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EquipmentQuery {
    pub filter: EquipmentFilter,
    pub sort: EquipmentSort,
    pub dir: SortDir,
    /// None: the first page.
    pub after: Option<Cursor>,
    pub page_size: u64,
}

/// A page of equipment, paged by keyset. The total is counted on the first
/// page only; later pages carry `None` and the UI keeps the first figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EquipmentPage {
    pub items: Vec<EquipmentRow>,
    pub total: Option<u64>,
    pub next: Option<Cursor>,
}

/// One change applied to many selected equipment at once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BulkChange {
    MoveToSite { site_id: i64 },
    SetStatus { status: EquipmentStatus },
    Assign { contact_id: Option<i64> },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BulkRequest {
    pub ids: Vec<i64>,
    pub change: BulkChange,
}

/// A file the app wrote for the user (export, labels).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedFile {
    pub path: String,
    pub count: u64,
}

/// A document of one record (an invoice, an intervention report) to save
/// in Downloads, and whether to open it once saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveDocument {
    pub id: i64,
    pub open: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelsRequest {
    pub ids: Vec<i64>,
}

// ---- import ----

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportRequest {
    /// The file's name, kept in each created equipment's history.
    pub file_name: String,
    pub csv: String,
    pub dry_run: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    Create,
    Update,
    Unchanged,
}

/// What the import does (or would do) with one line of the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowOutcome {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    pub action: RowAction,
    /// The equipment's reference; for a creation in a dry run, "(new)".
    pub reference: String,
}

/// A refused cell: line, column name and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportError {
    pub line: u64,
    pub column: String,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub dry_run: bool,
    /// True when the changes were saved (a real run without errors).
    pub committed: bool,
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub outcomes: Vec<RowOutcome>,
    pub errors: Vec<ImportError>,
}

// ---- spare parts ----

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartRow {
    pub id: i64,
    pub name: String,
    pub part_number: String,
    pub stock_on_hand: i32,
    pub min_stock: i32,
    pub unit_cost_cents: Option<i64>,
    pub notes: String,
}

impl PartRow {
    /// At or under its minimum: time to reorder.
    pub fn is_low(&self) -> bool {
        self.stock_on_hand <= self.min_stock
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PartInput {
    pub name: String,
    pub part_number: String,
    pub min_stock: i32,
    pub unit_cost: String,
    pub notes: String,
}

pub type UpdatePart = crate::Update<PartInput>;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StockReason {
    #[default]
    Receipt,
    Consumption,
    Adjustment,
}

impl StockReason {
    pub const ALL: [StockReason; 3] = [
        StockReason::Receipt,
        StockReason::Consumption,
        StockReason::Adjustment,
    ];
    pub fn code(self) -> &'static str {
        match self {
            StockReason::Receipt => "receipt",
            StockReason::Consumption => "consumption",
            StockReason::Adjustment => "adjustment",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A stock movement: receipts add, consumptions remove, adjustments are signed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StockMovementInput {
    pub part_id: i64,
    pub reason: StockReason,
    pub quantity: i32,
    pub note: String,
    pub equipment_id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StockMovementRow {
    pub at: chrono::DateTime<chrono::Utc>,
    pub reason: StockReason,
    /// Signed change of the stock.
    pub quantity: i32,
    pub note: String,
    pub actor: String,
    pub equipment_reference: Option<String>,
}

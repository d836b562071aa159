//! The inventory: the equipment catalogue (types, manufacturers, models),
//! equipment with its components, spare parts and their stock movements,
//! and the full-text index over equipment.
//!
//! Every foreign key and every filtered or sorted column is indexed; the
//! equipment list pages by keyset over `(sort column, id)`, so each sort has
//! an index that starts with it. The full-text index is engine-specific: on
//! SQLite an FTS5 table with the trigram tokenizer, kept in step with
//! `equipment.search_text` by triggers (so bulk imports index themselves); on
//! PostgreSQL the search falls back to `LIKE` over the same folded column.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EquipmentTypes {
    Table,
    Id,
    Name,
    SortKey,
    MaintenanceMonths,
    WarrantyMonths,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Manufacturers {
    Table,
    Id,
    Name,
    SortKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Models {
    Table,
    Id,
    ManufacturerId,
    TypeId,
    Name,
    SortKey,
    WarrantyMonths,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Equipment {
    Table,
    Id,
    Reference,
    Name,
    SortKey,
    TypeId,
    ManufacturerId,
    ModelId,
    Serial,
    AssetTag,
    Status,
    StatusSince,
    ClientId,
    SiteId,
    ContactId,
    ParentId,
    PurchaseDate,
    Supplier,
    PurchasePriceCents,
    WarrantyEnd,
    LastMaintenance,
    NextMaintenance,
    Notes,
    SearchText,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Parts {
    Table,
    Id,
    Name,
    PartNumber,
    SortKey,
    SearchText,
    StockOnHand,
    MinStock,
    UnitCostCents,
    Notes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum StockMovements {
    Table,
    Id,
    PartId,
    At,
    Quantity,
    Reason,
    Note,
    ActorLabel,
    EquipmentId,
}

#[derive(DeriveIden)]
enum Clients {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Sites {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Contacts {
    Table,
    Id,
}

pub(crate) fn index(
    name: &str,
    table: impl IntoIden,
    columns: &[&'static str],
) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement.name(name).table(table);
    for column in columns {
        statement.col(Alias::new(*column));
    }
    statement.to_owned()
}

pub(crate) fn unique(
    name: &str,
    table: impl IntoIden,
    columns: &[&'static str],
) -> IndexCreateStatement {
    let mut statement = index(name, table, columns);
    statement.unique();
    statement
}

pub(crate) fn restrict(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

pub(crate) const SQLITE_FTS: &[&str] = &[
    "CREATE VIRTUAL TABLE equipment_fts USING fts5(search_text, content='equipment', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER equipment_fts_insert AFTER INSERT ON equipment BEGIN \
       INSERT INTO equipment_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER equipment_fts_delete AFTER DELETE ON equipment BEGIN \
       INSERT INTO equipment_fts(equipment_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER equipment_fts_update AFTER UPDATE OF search_text ON equipment BEGIN \
       INSERT INTO equipment_fts(equipment_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); \
       INSERT INTO equipment_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EquipmentTypes::Table)
                    .col(pk_auto(EquipmentTypes::Id))
                    .col(string(EquipmentTypes::Name))
                    .col(string_uniq(EquipmentTypes::SortKey))
                    .col(integer(EquipmentTypes::MaintenanceMonths))
                    .col(integer(EquipmentTypes::WarrantyMonths))
                    .col(timestamp_with_time_zone(EquipmentTypes::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Manufacturers::Table)
                    .col(pk_auto(Manufacturers::Id))
                    .col(string(Manufacturers::Name))
                    .col(string_uniq(Manufacturers::SortKey))
                    .col(timestamp_with_time_zone(Manufacturers::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Models::Table)
                    .col(pk_auto(Models::Id))
                    .col(integer(Models::ManufacturerId))
                    .col(integer(Models::TypeId))
                    .col(string(Models::Name))
                    .col(string(Models::SortKey))
                    .col(integer(Models::WarrantyMonths))
                    .col(timestamp_with_time_zone(Models::CreatedAt))
                    .foreign_key(&mut restrict(
                        (Models::Table, Models::ManufacturerId),
                        (Manufacturers::Table, Manufacturers::Id),
                    ))
                    .foreign_key(&mut restrict(
                        (Models::Table, Models::TypeId),
                        (EquipmentTypes::Table, EquipmentTypes::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "idx_models_manufacturer_name",
                Models::Table,
                &["manufacturer_id", "sort_key"],
            ))
            .await?;
        manager
            .create_index(index("idx_models_type", Models::Table, &["type_id"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Equipment::Table)
                    .col(pk_auto(Equipment::Id))
                    .col(string_uniq(Equipment::Reference))
                    .col(string(Equipment::Name))
                    .col(string(Equipment::SortKey))
                    .col(integer(Equipment::TypeId))
                    .col(integer_null(Equipment::ManufacturerId))
                    .col(integer_null(Equipment::ModelId))
                    .col(string_null(Equipment::Serial))
                    .col(string(Equipment::AssetTag))
                    .col(string(Equipment::Status))
                    .col(date(Equipment::StatusSince))
                    .col(integer(Equipment::ClientId))
                    .col(integer_null(Equipment::SiteId))
                    .col(integer_null(Equipment::ContactId))
                    .col(integer_null(Equipment::ParentId))
                    .col(date_null(Equipment::PurchaseDate))
                    .col(string(Equipment::Supplier))
                    .col(big_integer_null(Equipment::PurchasePriceCents))
                    .col(date_null(Equipment::WarrantyEnd))
                    .col(date_null(Equipment::LastMaintenance))
                    .col(date_null(Equipment::NextMaintenance))
                    .col(text(Equipment::Notes))
                    .col(text(Equipment::SearchText))
                    .col(timestamp_with_time_zone(Equipment::CreatedAt))
                    .col(timestamp_with_time_zone(Equipment::UpdatedAt))
                    .foreign_key(&mut restrict(
                        (Equipment::Table, Equipment::TypeId),
                        (EquipmentTypes::Table, EquipmentTypes::Id),
                    ))
                    .foreign_key(&mut restrict(
                        (Equipment::Table, Equipment::ManufacturerId),
                        (Manufacturers::Table, Manufacturers::Id),
                    ))
                    .foreign_key(&mut restrict(
                        (Equipment::Table, Equipment::ModelId),
                        (Models::Table, Models::Id),
                    ))
                    .foreign_key(&mut restrict(
                        (Equipment::Table, Equipment::ClientId),
                        (Clients::Table, Clients::Id),
                    ))
                    .foreign_key(&mut restrict(
                        (Equipment::Table, Equipment::SiteId),
                        (Sites::Table, Sites::Id),
                    ))
                    .foreign_key(&mut restrict(
                        (Equipment::Table, Equipment::ContactId),
                        (Contacts::Table, Contacts::Id),
                    ))
                    .foreign_key(&mut restrict(
                        (Equipment::Table, Equipment::ParentId),
                        (Equipment::Table, Equipment::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // A serial number is unique per manufacturer; NULLs (no serial or no
        // manufacturer) never collide, on both engines.
        manager
            .create_index(unique(
                "idx_equipment_manufacturer_serial",
                Equipment::Table,
                &["manufacturer_id", "serial"],
            ))
            .await?;
        for (name, columns) in [
            ("idx_equipment_sort_key", &["sort_key", "id"][..]),
            ("idx_equipment_client_sort", &["client_id", "sort_key"][..]),
            ("idx_equipment_client_status", &["client_id", "status"][..]),
            ("idx_equipment_site", &["site_id", "sort_key"][..]),
            ("idx_equipment_contact", &["contact_id"][..]),
            ("idx_equipment_parent", &["parent_id"][..]),
            ("idx_equipment_type", &["type_id", "sort_key"][..]),
            ("idx_equipment_model", &["model_id"][..]),
            ("idx_equipment_status", &["status", "sort_key"][..]),
            ("idx_equipment_warranty_end", &["warranty_end", "id"][..]),
            ("idx_equipment_next_maintenance", &["next_maintenance"][..]),
        ] {
            manager
                .create_index(index(name, Equipment::Table, columns))
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Parts::Table)
                    .col(pk_auto(Parts::Id))
                    .col(string(Parts::Name))
                    .col(string(Parts::PartNumber))
                    .col(string(Parts::SortKey))
                    .col(text(Parts::SearchText))
                    .col(integer(Parts::StockOnHand))
                    .col(integer(Parts::MinStock))
                    .col(big_integer_null(Parts::UnitCostCents))
                    .col(text(Parts::Notes))
                    .col(timestamp_with_time_zone(Parts::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_parts_sort_key", Parts::Table, &["sort_key"]))
            .await?;
        manager
            .create_index(index(
                "idx_parts_part_number",
                Parts::Table,
                &["part_number"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StockMovements::Table)
                    .col(pk_auto(StockMovements::Id))
                    .col(integer(StockMovements::PartId))
                    .col(timestamp_with_time_zone(StockMovements::At))
                    .col(integer(StockMovements::Quantity))
                    .col(string(StockMovements::Reason))
                    .col(text(StockMovements::Note))
                    .col(string(StockMovements::ActorLabel))
                    .col(integer_null(StockMovements::EquipmentId))
                    .foreign_key(&mut restrict(
                        (StockMovements::Table, StockMovements::PartId),
                        (Parts::Table, Parts::Id),
                    ))
                    .foreign_key(&mut restrict(
                        (StockMovements::Table, StockMovements::EquipmentId),
                        (Equipment::Table, Equipment::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_stock_movements_part",
                StockMovements::Table,
                &["part_id", "at"],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_stock_movements_equipment",
                StockMovements::Table,
                &["equipment_id"],
            ))
            .await?;

        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            let db = manager.get_connection();
            for statement in SQLITE_FTS {
                db.execute_unprepared(statement).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            let db = manager.get_connection();
            for statement in [
                "DROP TRIGGER IF EXISTS equipment_fts_update",
                "DROP TRIGGER IF EXISTS equipment_fts_delete",
                "DROP TRIGGER IF EXISTS equipment_fts_insert",
                "DROP TABLE IF EXISTS equipment_fts",
            ] {
                db.execute_unprepared(statement).await?;
            }
        }
        for table in [
            StockMovements::Table.into_iden(),
            Parts::Table.into_iden(),
            Equipment::Table.into_iden(),
            Models::Table.into_iden(),
            Manufacturers::Table.into_iden(),
            EquipmentTypes::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

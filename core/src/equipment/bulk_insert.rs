//! One bulk write of equipment, as the CSV import and the generated dataset
//! do it: the search index filled at the end (`search_index`), the other
//! indexes rebuilt when that is cheaper (`bulk_indexes`). Small writes change
//! nothing. Callers refresh the planner's statistics after their commit.
//!
//! `insert_statement` builds the multi-row INSERT straight from the models.

use super::{entity, search_index};
use crate::bulk_indexes::{self, SetAside};
use crate::error::CoreResult;
use sea_orm::{ConnectionTrait, DbBackend, EntityName, IdenStatic, Statement, Value};

/// What a bulk write changed, to undo in `finish`.
#[must_use = "a bulk write must end with `finish`"]
pub(crate) struct BulkInsert {
    search_deferred: bool,
    indexes: SetAside,
}

impl BulkInsert {
    /// Prepares the transaction `db` for inserting `new_rows` and updating
    /// `updated_rows` equipment.
    pub(crate) async fn begin(
        db: &impl ConnectionTrait,
        new_rows: usize,
        updated_rows: usize,
    ) -> CoreResult<Self> {
        let search_deferred = new_rows + updated_rows >= search_index::BULK;
        if search_deferred {
            search_index::begin_bulk(db).await?;
        }
        let indexes =
            bulk_indexes::set_aside(db, entity::Entity.table_name(), new_rows as u64).await?;
        Ok(Self {
            search_deferred,
            indexes,
        })
    }

    /// Rebuilds what `begin` set aside, still inside the transaction.
    pub(crate) async fn finish(self, db: &impl ConnectionTrait) -> CoreResult<()> {
        self.indexes.rebuild(db).await?;
        if self.search_deferred {
            search_index::end_bulk(db).await?;
        }
        Ok(())
    }
}

/// The INSERT of many new equipment rows in one statement, built straight
/// from the models (their ids are left to the database). Going through
/// active models and `insert_many` cost 15 µs a row, as much as SQLite's
/// own work, on the thread that checks the next rows.
pub(crate) fn insert_statement(backend: DbBackend, rows: Vec<entity::Model>) -> Statement {
    let mut sql = String::from("INSERT INTO \"equipment\" (");
    let mut values = Vec::with_capacity(rows.len() * COLUMNS);
    for (i, row) in rows.into_iter().enumerate() {
        let cells = cells_of(row);
        if i == 0 {
            let names: Vec<String> = cells
                .iter()
                .map(|(c, _)| format!("\"{}\"", c.as_str()))
                .collect();
            sql.push_str(&names.join(", "));
            sql.push_str(") VALUES ");
        } else {
            sql.push_str(", ");
        }
        sql.push('(');
        for (j, (_, value)) in cells.into_iter().enumerate() {
            if j > 0 {
                sql.push_str(", ");
            }
            values.push(value);
            match backend {
                DbBackend::Postgres => sql.push_str(&format!("${}", values.len())),
                _ => sql.push('?'),
            }
        }
        sql.push(')');
    }
    Statement::from_sql_and_values(backend, sql, values)
}

/// Columns written by `insert_statement`: all but the id.
const COLUMNS: usize = 24;

/// Each column of a new row with its value; the destructuring is exhaustive,
/// so a column added to the entity cannot be forgotten here.
fn cells_of(m: entity::Model) -> [(entity::Column, Value); COLUMNS] {
    use entity::Column as C;
    let entity::Model {
        id: _,
        reference,
        name,
        sort_key,
        type_id,
        manufacturer_id,
        model_id,
        serial,
        asset_tag,
        status,
        status_since,
        client_id,
        site_id,
        contact_id,
        parent_id,
        purchase_date,
        supplier,
        purchase_price_cents,
        warranty_end,
        last_maintenance,
        next_maintenance,
        notes,
        search_text,
        created_at,
        updated_at,
    } = m;
    [
        (C::Reference, reference.into()),
        (C::Name, name.into()),
        (C::SortKey, sort_key.into()),
        (C::TypeId, type_id.into()),
        (C::ManufacturerId, manufacturer_id.into()),
        (C::ModelId, model_id.into()),
        (C::Serial, serial.into()),
        (C::AssetTag, asset_tag.into()),
        (C::Status, status.into()),
        (C::StatusSince, status_since.into()),
        (C::ClientId, client_id.into()),
        (C::SiteId, site_id.into()),
        (C::ContactId, contact_id.into()),
        (C::ParentId, parent_id.into()),
        (C::PurchaseDate, purchase_date.into()),
        (C::Supplier, supplier.into()),
        (C::PurchasePriceCents, purchase_price_cents.into()),
        (C::WarrantyEnd, warranty_end.into()),
        (C::LastMaintenance, last_maintenance.into()),
        (C::NextMaintenance, next_maintenance.into()),
        (C::Notes, notes.into()),
        (C::SearchText, search_text.into()),
        (C::CreatedAt, created_at.into()),
        (C::UpdatedAt, updated_at.into()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{self, Size};
    use crate::db::open_in_memory;
    use chrono::{NaiveDate, TimeZone, Utc};
    use sea_orm::{EntityTrait, QueryOrder, QuerySelect};

    #[tokio::test]
    async fn every_column_reads_back_as_written() {
        let db = open_in_memory().await.unwrap();
        let size = Size {
            clients: 1,
            sites_per_client: 1,
            contacts_per_client: 1,
            equipment: 2,
            contracts: 0,
            tickets: 0,
        };
        dataset::generate(&db, size).await.unwrap();
        let mut parent = entity::Entity::find().one(&db).await.unwrap().unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d);
        let written = entity::Model {
            id: 0,
            reference: "EQ-ROUND-TRIP".into(),
            name: "Salle « serveur »".into(),
            sort_key: "salle serveur".into(),
            serial: Some("SN'1\"2".into()),
            asset_tag: "AT-9".into(),
            status: "in_repair".into(),
            status_since: day(1).unwrap(),
            parent_id: Some(parent.id),
            purchase_date: day(2),
            supplier: "Bechtle".into(),
            purchase_price_cents: Some(123_456),
            warranty_end: day(3),
            last_maintenance: day(4),
            next_maintenance: day(5),
            notes: "ligne 1\nligne 2".into(),
            search_text: "eq-round-trip\u{1f}salle serveur".into(),
            created_at: Utc.with_ymd_and_hms(2026, 3, 6, 7, 8, 9).unwrap(),
            updated_at: Utc.with_ymd_and_hms(2026, 3, 7, 8, 9, 10).unwrap(),
            ..parent.clone()
        };
        parent.id = 0;
        parent.reference = "EQ-COPY".into();
        parent.serial = None;
        db.execute_raw(insert_statement(
            DbBackend::Sqlite,
            vec![written.clone(), parent.clone()],
        ))
        .await
        .unwrap();
        let saved = entity::Entity::find()
            .order_by_desc(entity::Column::Id)
            .limit(2)
            .all(&db)
            .await
            .unwrap();
        let without_id = |m: &entity::Model| entity::Model { id: 0, ..m.clone() };
        assert_eq!(without_id(&saved[1]), written);
        assert_eq!(without_id(&saved[0]), parent, "the second row too");
    }
}

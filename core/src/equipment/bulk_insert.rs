//! One bulk write of equipment, as the CSV import and the generated dataset
//! do it: the search index filled at the end (`search_index`), the other
//! indexes rebuilt when that is cheaper (`bulk_indexes`). Small writes change
//! nothing. Callers refresh the planner's statistics after their commit.

use super::{entity, search_index};
use crate::bulk_indexes::{self, SetAside};
use crate::error::CoreResult;
use sea_orm::{ConnectionTrait, EntityName};

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

//! The one full-text search interface over equipment, so PostgreSQL can get
//! its own implementation later without touching the callers.
//!
//! SQLite: an FTS5 table with the trigram tokenizer over the folded
//! `search_text` (kept in step by triggers, see the inventory migrations;
//! bulk writes index their rows at the end instead).
//! Trigrams find any fragment of three characters or more — part of a serial
//! number, of a hostname — through the index; shorter words are matched with
//! `LIKE` on the same folded text. Other engines use `LIKE` for every word.
//!
//! `begin_bulk` / `end_bulk` wrap a bulk insert: the insert trigger stands
//! aside while `equipment_fts_deferred` holds a row (written in the writer's
//! own transaction), and the new rows are indexed in one statement at the end.

use super::entity;
use crate::error::CoreResult;
use crate::fulltext::{self, phrases, TRIGRAM};
use parc_api::text::fold;
use sea_orm::{Condition, ConnectionTrait, DbBackend, Statement};

/// Rows written at once above which index merging waits for the end.
pub(crate) const BULK: usize = 5_000;

/// Before inserting many rows in one transaction: the insert trigger stands
/// aside (the rows are indexed together by `end_bulk`, three times faster
/// than one by one), and index segments are neither merged on every write
/// (it would re-merge the same segments over and over) nor written every
/// megabyte: up to 128 MiB of terms wait in memory, so 100,000 rows make one
/// segment. Rows inserted between the two calls must not be deleted before
/// `end_bulk`.
pub(crate) async fn begin_bulk(db: &impl ConnectionTrait) -> CoreResult<()> {
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared(
            "INSERT INTO equipment_fts_deferred(since_id) SELECT COALESCE(MAX(id), 0) FROM equipment; \
             INSERT INTO equipment_fts(equipment_fts, rank) VALUES ('automerge', 0); \
             INSERT INTO equipment_fts(equipment_fts, rank) VALUES ('hashsize', 134217728)",
        )
        .await?;
    }
    Ok(())
}

/// After a bulk write: the new rows indexed in one statement, the insert
/// trigger back, the usual merging and memory (SQLite's defaults), and the
/// segments merged into one, so searches read one list per trigram.
pub(crate) async fn end_bulk(db: &impl ConnectionTrait) -> CoreResult<()> {
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared(
            "INSERT INTO equipment_fts(rowid, search_text) \
               SELECT id, search_text FROM equipment \
               WHERE id > (SELECT MIN(since_id) FROM equipment_fts_deferred); \
             DELETE FROM equipment_fts_deferred; \
             INSERT INTO equipment_fts(equipment_fts, rank) VALUES ('automerge', 4); \
             INSERT INTO equipment_fts(equipment_fts, rank) VALUES ('hashsize', 1048576); \
             INSERT INTO equipment_fts(equipment_fts) VALUES ('optimize')",
        )
        .await?;
    }
    Ok(())
}

/// Shortest word the trigram index can answer.
/// The FTS5 query for the words the trigram index can answer, if all are.
fn fts_query(folded: &str) -> Option<String> {
    let words: Vec<&str> = folded.split_whitespace().collect();
    if words.is_empty() || words.iter().any(|w| w.chars().count() < TRIGRAM) {
        return None;
    }
    Some(phrases(&words))
}

/// How many equipment match `typed`, from the index alone (no table read),
/// when the index can answer every word; `None` otherwise.
pub(crate) async fn count(db: &impl ConnectionTrait, typed: &str) -> CoreResult<Option<u64>> {
    let backend = db.get_database_backend();
    let Some(query) = fts_query(&fold(typed)).filter(|_| backend == DbBackend::Sqlite) else {
        return Ok(None);
    };
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            "SELECT COUNT(*) AS n FROM equipment_fts WHERE equipment_fts MATCH ?",
            [query.into()],
        ))
        .await?;
    Ok(row
        .and_then(|r| r.try_get::<i64>("", "n").ok())
        .map(i64::unsigned_abs))
}

/// Equipment whose searchable text contains every typed word.
pub(crate) fn matching(backend: DbBackend, typed: &str) -> Condition {
    fulltext::matching(
        backend,
        "equipment",
        "equipment_fts",
        entity::Column::SearchText,
        typed,
    )
}

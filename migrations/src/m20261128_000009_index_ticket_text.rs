//! The tickets' full-text index: an FTS5 table with the trigram tokenizer
//! over their folded `search_text` (reference, title, client), kept in step
//! by triggers, as the equipment's. Without it a search of the queue read
//! every ticket: 1.4 s over 200,000 of them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &[
    "CREATE VIRTUAL TABLE tickets_fts USING fts5(search_text, content='tickets', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN \
       INSERT INTO tickets_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN \
       INSERT INTO tickets_fts(tickets_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER tickets_fts_update AFTER UPDATE OF search_text ON tickets BEGIN \
       INSERT INTO tickets_fts(tickets_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); \
       INSERT INTO tickets_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild')",
];

const DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS tickets_fts_update",
    "DROP TRIGGER IF EXISTS tickets_fts_delete",
    "DROP TRIGGER IF EXISTS tickets_fts_insert",
    "DROP TABLE IF EXISTS tickets_fts",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Sqlite {
            return Ok(());
        }
        let db = manager.get_connection();
        for statement in UP {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Sqlite {
            return Ok(());
        }
        let db = manager.get_connection();
        for statement in DOWN {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }
}

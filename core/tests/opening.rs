//! Opening a database file: every new file is migrated completely, even when
//! many are opened at once on a busy machine (a full test run once saw
//! `parc demo` on a new file fail with "trigger equipment_fts_insert already
//! exists").

use parc_core::db;
use sea_orm::{ConnectionTrait, Statement};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn new_files_opened_together_are_all_migrated() {
    let folder = tempfile::tempdir().unwrap();
    let mut openings = tokio::task::JoinSet::new();
    for n in 0..48 {
        let path = folder.path().join(format!("parc-{n}.db"));
        openings.spawn(async move { (n, db::open(&path).await) });
    }
    let mut failures = Vec::new();
    while let Some(joined) = openings.join_next().await {
        let (n, opened) = joined.unwrap();
        match opened {
            Ok(database) => {
                let triggers = database
                    .query_one_raw(Statement::from_string(
                        database.get_database_backend(),
                        "SELECT COUNT(*) AS n FROM sqlite_master \
                         WHERE type = 'trigger' AND name LIKE 'equipment_fts_%'",
                    ))
                    .await
                    .unwrap()
                    .unwrap()
                    .try_get::<i64>("", "n")
                    .unwrap();
                assert_eq!(triggers, 3, "file {n}: the search index's triggers");
            }
            Err(error) => failures.push(format!("file {n}: {error}")),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

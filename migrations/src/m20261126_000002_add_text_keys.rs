//! Folded sort and search keys on clients, contacts and sites (see
//! `parc_api::text`), filled in for the rows already there.

use parc_api::text::{fold, search_text};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Keys {
    SortKey,
    SearchText,
    Id,
}

/// Each table, the column its sort key folds, and the columns searched.
const TABLES: &[(&str, &str, &[&str])] = &[
    (
        "clients",
        "name",
        &["code", "name", "siret", "vat_number", "billing_address"],
    ),
    ("contacts", "name", &["name", "email", "job_title", "phone"]),
    ("sites", "name", &["name", "address"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, _, _) in TABLES {
            // SQLite takes one column per ALTER TABLE.
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(*table))
                        .add_column(string(Keys::SortKey).default(""))
                        .to_owned(),
                )
                .await?;
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(*table))
                        .add_column(text(Keys::SearchText).default(""))
                        .to_owned(),
                )
                .await?;
            manager
                .create_index(
                    Index::create()
                        .name(format!("idx_{table}_sort_key"))
                        .table(Alias::new(*table))
                        .col(Keys::SortKey)
                        .to_owned(),
                )
                .await?;
        }
        backfill(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, _, _) in TABLES {
            manager
                .drop_index(
                    Index::drop()
                        .name(format!("idx_{table}_sort_key"))
                        .table(Alias::new(*table))
                        .to_owned(),
                )
                .await?;
            for column in [Keys::SortKey, Keys::SearchText] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(Alias::new(*table))
                            .drop_column(column)
                            .to_owned(),
                    )
                    .await?;
            }
        }
        Ok(())
    }
}

/// Computes the keys of existing rows in Rust, like the services do.
async fn backfill(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for (table, sort_column, searched) in TABLES {
        let mut select = Query::select();
        select.column(Keys::Id).from(Alias::new(*table));
        for column in *searched {
            select.column(Alias::new(*column));
        }
        for row in db.query_all(&select).await? {
            let id: i32 = row.try_get("", "id")?;
            let values = searched
                .iter()
                .map(|column| row.try_get::<String>("", column))
                .collect::<Result<Vec<_>, _>>()?;
            let fields: Vec<&str> = values.iter().map(String::as_str).collect();
            let sort_value = searched
                .iter()
                .position(|c| c == sort_column)
                .map(|i| fold(fields[i]))
                .unwrap_or_default();
            let update = Query::update()
                .table(Alias::new(*table))
                .value(Keys::SortKey, sort_value)
                .value(Keys::SearchText, search_text(&fields))
                .and_where(Expr::col(Keys::Id).eq(id))
                .to_owned();
            db.execute(&update).await?;
        }
    }
    Ok(())
}

//! The company's document language apart from each user's screen, and an
//! invoice's language frozen when it is issued.
//!
//! Until now one setting, `ui.language`, was both the language anyone's
//! screen showed (any signed-in user could switch it) and the language
//! every invoice, report and client mail was written in, read again at
//! each print: a technician switching their screen reprinted French
//! invoices in English. From here:
//! - `company.document_language` (a settings row, managers only) is the
//!   documents' language; it starts as `ui.language` was. The old row is
//!   left as it was and no longer read (a downgraded Parc finds it);
//! - `users.language` is each user's own interface language, starting as
//!   the installation's was, so no one's screen changes at the upgrade;
//! - `invoices.language` is the language an invoice was finalised in,
//!   which its print and its mails keep; invoices already issued get the
//!   document language of the upgrade, the one they printed in until then;
//! - `remembered_logins.last_used_at`, when a remembered login last
//!   signed its user in (what a manager reads before revoking one).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Invoices {
    Table,
    Language,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Language,
}

#[derive(DeriveIden)]
enum RememberedLogins {
    Table,
    LastUsedAt,
}

/// The installation's language as it was, if it was chosen ("fr" or "en").
const COPY_LANGUAGE: &str = "INSERT INTO settings (\"key\", \"value\") \
     SELECT 'company.document_language', lower(substr(\"value\", 1, 2)) FROM settings \
     WHERE \"key\" = 'ui.language' AND lower(substr(\"value\", 1, 2)) IN ('fr', 'en')";
const DOCUMENT_LANGUAGE: &str =
    "(SELECT \"value\" FROM settings WHERE \"key\" = 'company.document_language')";

async fn add(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    column: ColumnDef,
) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(table).add_column(column).to_owned())
        .await
}

async fn drop(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    column: impl IntoIden,
) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(table).drop_column(column).to_owned())
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add(
            manager,
            Invoices::Table,
            ColumnDef::new(Invoices::Language)
                .string()
                .null()
                .to_owned(),
        )
        .await?;
        add(
            manager,
            Users::Table,
            ColumnDef::new(Users::Language)
                .string()
                .not_null()
                .default("fr")
                .to_owned(),
        )
        .await?;
        add(
            manager,
            RememberedLogins::Table,
            ColumnDef::new(RememberedLogins::LastUsedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        )
        .await?;
        let db = manager.get_connection();
        db.execute_unprepared(COPY_LANGUAGE).await?;
        db.execute_unprepared(&format!(
            "UPDATE invoices SET language = COALESCE({DOCUMENT_LANGUAGE}, 'fr') \
             WHERE number IS NOT NULL"
        ))
        .await?;
        db.execute_unprepared(&format!(
            "UPDATE users SET language = {DOCUMENT_LANGUAGE} \
             WHERE {DOCUMENT_LANGUAGE} IS NOT NULL"
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        // The document language chosen since is the installation's again.
        db.execute_unprepared(
            "INSERT INTO settings (\"key\", \"value\") \
             SELECT 'ui.language', \"value\" FROM settings \
             WHERE \"key\" = 'company.document_language' \
             ON CONFLICT (\"key\") DO UPDATE SET \"value\" = excluded.\"value\"",
        )
        .await?;
        db.execute_unprepared("DELETE FROM settings WHERE \"key\" = 'company.document_language'")
            .await?;
        drop(
            manager,
            RememberedLogins::Table,
            RememberedLogins::LastUsedAt,
        )
        .await?;
        drop(manager, Users::Table, Users::Language).await?;
        drop(manager, Invoices::Table, Invoices::Language).await
    }
}

//! The foundation: users and remembered logins, settings, reference
//! sequences, the audit log, zones, clients, contacts and sites.
//! Every foreign key and every filtered column is indexed.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Name,
    Email,
    Role,
    PasswordHash,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RememberedLogins {
    Table,
    Id,
    UserId,
    TokenDigest,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Settings {
    Table,
    Key,
    Value,
}

#[derive(DeriveIden)]
enum Sequences {
    Table,
    Code,
    Prefix,
    Padding,
    YearlyReset,
    Year,
    NextNumber,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    ActorLabel,
    Entity,
    EntityId,
    Action,
    Changes,
}

#[derive(DeriveIden)]
enum Zones {
    Table,
    Id,
    Name,
    Description,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Clients {
    Table,
    Id,
    Code,
    Name,
    ServiceLevel,
    Siret,
    VatNumber,
    BillingAddress,
    Notes,
    Archived,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Contacts {
    Table,
    Id,
    ClientId,
    Name,
    JobTitle,
    Email,
    Phone,
    IsPrimary,
    Archived,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sites {
    Table,
    Id,
    ClientId,
    Name,
    Address,
    ZoneId,
    Notes,
    Archived,
    CreatedAt,
}

fn index(name: &str, table: impl IntoIden, columns: &[&'static str]) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement.name(name).table(table);
    for column in columns {
        statement.col(Alias::new(*column));
    }
    statement.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(string(Users::Name))
                    .col(string_uniq(Users::Email))
                    .col(string(Users::Role))
                    .col(string(Users::PasswordHash))
                    .col(boolean(Users::Active).default(true))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RememberedLogins::Table)
                    .col(pk_auto(RememberedLogins::Id))
                    .col(integer(RememberedLogins::UserId))
                    .col(string_uniq(RememberedLogins::TokenDigest))
                    .col(timestamp_with_time_zone(RememberedLogins::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RememberedLogins::Table, RememberedLogins::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_remembered_logins_user",
                RememberedLogins::Table,
                &["user_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Settings::Table)
                    .col(string(Settings::Key).primary_key())
                    .col(text(Settings::Value))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Sequences::Table)
                    .col(string(Sequences::Code).primary_key())
                    .col(string(Sequences::Prefix))
                    .col(integer(Sequences::Padding))
                    .col(boolean(Sequences::YearlyReset))
                    .col(integer_null(Sequences::Year))
                    .col(big_integer(Sequences::NextNumber))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::ActorUserId))
                    .col(string(AuditLog::ActorLabel))
                    .col(string(AuditLog::Entity))
                    .col(big_integer(AuditLog::EntityId))
                    .col(string(AuditLog::Action))
                    .col(text(AuditLog::Changes))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_audit_log_record",
                AuditLog::Table,
                &["entity", "entity_id"],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_audit_log_actor",
                AuditLog::Table,
                &["actor_user_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Zones::Table)
                    .col(pk_auto(Zones::Id))
                    .col(string_uniq(Zones::Name))
                    .col(text(Zones::Description))
                    .col(timestamp_with_time_zone(Zones::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Clients::Table)
                    .col(pk_auto(Clients::Id))
                    .col(string_uniq(Clients::Code))
                    .col(string(Clients::Name))
                    .col(string(Clients::ServiceLevel))
                    .col(string(Clients::Siret))
                    .col(string(Clients::VatNumber))
                    .col(text(Clients::BillingAddress))
                    .col(text(Clients::Notes))
                    .col(boolean(Clients::Archived).default(false))
                    .col(timestamp_with_time_zone(Clients::CreatedAt))
                    .col(timestamp_with_time_zone(Clients::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("idx_clients_name", &["name"][..]),
            ("idx_clients_service_level", &["service_level"][..]),
            ("idx_clients_archived_name", &["archived", "name"][..]),
        ] {
            manager
                .create_index(index(name, Clients::Table, columns))
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Contacts::Table)
                    .col(pk_auto(Contacts::Id))
                    .col(integer(Contacts::ClientId))
                    .col(string(Contacts::Name))
                    .col(string(Contacts::JobTitle))
                    .col(string(Contacts::Email))
                    .col(string(Contacts::Phone))
                    .col(boolean(Contacts::IsPrimary).default(false))
                    .col(boolean(Contacts::Archived).default(false))
                    .col(timestamp_with_time_zone(Contacts::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Contacts::Table, Contacts::ClientId)
                            .to(Clients::Table, Clients::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_contacts_client",
                Contacts::Table,
                &["client_id"],
            ))
            .await?;
        manager
            .create_index(index("idx_contacts_email", Contacts::Table, &["email"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Sites::Table)
                    .col(pk_auto(Sites::Id))
                    .col(integer(Sites::ClientId))
                    .col(string(Sites::Name))
                    .col(text(Sites::Address))
                    .col(integer_null(Sites::ZoneId))
                    .col(text(Sites::Notes))
                    .col(boolean(Sites::Archived).default(false))
                    .col(timestamp_with_time_zone(Sites::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sites::Table, Sites::ClientId)
                            .to(Clients::Table, Clients::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sites::Table, Sites::ZoneId)
                            .to(Zones::Table, Zones::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("idx_sites_client", &["client_id"][..]),
            ("idx_sites_zone", &["zone_id"][..]),
            ("idx_sites_name", &["name"][..]),
        ] {
            manager
                .create_index(index(name, Sites::Table, columns))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Sites::Table.into_iden(),
            Contacts::Table.into_iden(),
            Clients::Table.into_iden(),
            Zones::Table.into_iden(),
            AuditLog::Table.into_iden(),
            Sequences::Table.into_iden(),
            Settings::Table.into_iden(),
            RememberedLogins::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

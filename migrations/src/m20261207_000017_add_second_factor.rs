//! Two-step sign-in: a TOTP secret per staff user or portal contact, its
//! one-time recovery codes, and the sign-ins waiting for their code.
//!
//! A factor belongs to a user (`user_id`) or to a portal account
//! (`contact_id`), never both; each has at most one, unconfirmed until the
//! owner types a first code. `last_step` is the last 30-second step a code
//! was accepted for: a code of that step or an earlier one is refused, so a
//! code seen over a shoulder cannot be used again. Recovery codes and
//! pending sign-in tokens are stored as SHA-256 digests only.

use crate::m20261127_000003_create_inventory::{index, unique};
use crate::m20261127_000005_create_contracts_and_invoices::cascade;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn a(name: &str) -> Alias {
    Alias::new(name)
}

const FACTORS: &str = "second_factors";
const CODES: &str = "second_factor_recovery_codes";
const CHALLENGES: &str = "second_factor_challenges";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(a(FACTORS))
                    .col(pk_auto(a("id")))
                    .col(integer_null(a("user_id")))
                    .col(integer_null(a("contact_id")))
                    // Base32, as authenticator apps read it.
                    .col(string(a("secret")))
                    .col(timestamp_with_time_zone_null(a("confirmed_at")))
                    .col(big_integer_null(a("last_step")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .foreign_key(&mut cascade(
                        (a(FACTORS), a("user_id")),
                        (a("users"), a("id")),
                    ))
                    .foreign_key(&mut cascade(
                        (a(FACTORS), a("contact_id")),
                        (a("portal_accounts"), a("contact_id")),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique("idx_second_factors_user", a(FACTORS), &["user_id"]))
            .await?;
        manager
            .create_index(unique(
                "idx_second_factors_contact",
                a(FACTORS),
                &["contact_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a(CODES))
                    .col(pk_auto(a("id")))
                    .col(integer(a("factor_id")))
                    .col(string(a("code_digest")))
                    .col(timestamp_with_time_zone_null(a("used_at")))
                    .foreign_key(&mut cascade(
                        (a(CODES), a("factor_id")),
                        (a(FACTORS), a("id")),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "idx_recovery_codes_factor_digest",
                a(CODES),
                &["factor_id", "code_digest"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a(CHALLENGES))
                    .col(string(a("token_digest")).primary_key())
                    .col(integer_null(a("user_id")))
                    .col(integer_null(a("contact_id")))
                    .col(integer(a("failures")))
                    .col(timestamp_with_time_zone(a("created_at")))
                    .col(timestamp_with_time_zone(a("expires_at")))
                    .foreign_key(&mut cascade(
                        (a(CHALLENGES), a("user_id")),
                        (a("users"), a("id")),
                    ))
                    .foreign_key(&mut cascade(
                        (a(CHALLENGES), a("contact_id")),
                        (a("portal_accounts"), a("contact_id")),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_second_factor_challenges_user",
                a(CHALLENGES),
                &["user_id"],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_second_factor_challenges_contact",
                a(CHALLENGES),
                &["contact_id"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [CHALLENGES, CODES, FACTORS] {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

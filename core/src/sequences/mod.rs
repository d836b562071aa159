//! Gap-free reference sequences (C00001, INV2026-00042, …).
//!
//! A number is taken inside the transaction that creates the record: if the
//! creation rolls back, so does the counter, and no number is skipped. The
//! counter row is incremented before it is read, so the writer holds the
//! row (PostgreSQL) or the database (SQLite) lock until commit.

pub mod entity;

use crate::error::{CoreError, CoreResult};
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The sequences Parc knows, with their default prefix, padding and reset.
pub const DEFAULTS: &[(&str, &str, i32, bool)] =
    &[("client", "C", 5, false), ("equipment", "EQ", 6, false)];

/// Formats a reference: `PREFIX` + (`YEAR-` when reset yearly) + padded number.
pub fn format_reference(
    prefix: &str,
    padding: i32,
    yearly_reset: bool,
    year: i32,
    number: i64,
) -> String {
    let width = usize::try_from(padding).unwrap_or(0);
    if yearly_reset {
        format!("{prefix}{year}-{number:0width$}")
    } else {
        format!("{prefix}{number:0width$}")
    }
}

/// Takes the next reference of sequence `code`; call inside the creating transaction.
pub async fn next_reference(
    db: &impl ConnectionTrait,
    code: &str,
    today: NaiveDate,
) -> CoreResult<String> {
    next_references(db, code, today, 1)
        .await?
        .pop()
        .ok_or_else(|| CoreError::Internal(format!("sequence {code} gave no number")))
}

/// Takes `count` consecutive references at once (bulk imports, generated
/// data); call inside the creating transaction.
pub async fn next_references(
    db: &impl ConnectionTrait,
    code: &str,
    today: NaiveDate,
    count: u64,
) -> CoreResult<Vec<String>> {
    let count = i64::try_from(count)
        .map_err(|_| CoreError::Internal(format!("too many {code} numbers at once")))?;
    let row = ensure_sequence(db, code).await?;
    let year = today.year();
    let first = if row.yearly_reset && row.year != Some(year) {
        entity::Entity::update_many()
            .col_expr(entity::Column::Year, Expr::value(year))
            .col_expr(entity::Column::NextNumber, Expr::value(1 + count))
            .filter(entity::Column::Code.eq(code))
            .exec(db)
            .await?;
        1
    } else {
        entity::Entity::update_many()
            .col_expr(
                entity::Column::NextNumber,
                Expr::col(entity::Column::NextNumber).add(count),
            )
            .filter(entity::Column::Code.eq(code))
            .exec(db)
            .await?;
        let updated = entity::Entity::find_by_id(code.to_owned())
            .one(db)
            .await?
            .ok_or(CoreError::not_found("sequence"))?;
        updated.next_number - count
    };
    Ok((first..first + count)
        .map(|number| format_reference(&row.prefix, row.padding, row.yearly_reset, year, number))
        .collect())
}

async fn ensure_sequence(db: &impl ConnectionTrait, code: &str) -> CoreResult<entity::Model> {
    if let Some(row) = entity::Entity::find_by_id(code.to_owned()).one(db).await? {
        return Ok(row);
    }
    let (_, prefix, padding, yearly_reset) = DEFAULTS
        .iter()
        .find(|(c, ..)| *c == code)
        .ok_or_else(|| CoreError::Internal(format!("unknown sequence {code}")))?;
    Ok(entity::ActiveModel {
        code: Set(code.to_owned()),
        prefix: Set((*prefix).to_owned()),
        padding: Set(*padding),
        yearly_reset: Set(*yearly_reset),
        year: Set(None),
        next_number: Set(1),
    }
    .insert(db)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::open_in_memory;
    use sea_orm::TransactionTrait;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn formats_with_padding_and_year() {
        assert_eq!(format_reference("C", 5, false, 2026, 42), "C00042");
        assert_eq!(format_reference("INV", 4, true, 2026, 7), "INV2026-0007");
    }

    #[tokio::test]
    async fn numbers_follow_without_gaps_even_after_a_rollback() {
        let db = open_in_memory().await.unwrap();
        let today = day(2026, 11, 26);
        assert_eq!(
            next_reference(&db, "client", today).await.unwrap(),
            "C00001"
        );
        let txn = db.begin().await.unwrap();
        assert_eq!(
            next_reference(&txn, "client", today).await.unwrap(),
            "C00002"
        );
        txn.rollback().await.unwrap();
        assert_eq!(
            next_reference(&db, "client", today).await.unwrap(),
            "C00002"
        );
    }

    #[tokio::test]
    async fn yearly_sequences_restart_at_one() {
        let db = open_in_memory().await.unwrap();
        entity::ActiveModel {
            code: Set("client".into()),
            prefix: Set("CL".into()),
            padding: Set(3),
            yearly_reset: Set(true),
            year: Set(None),
            next_number: Set(1),
        }
        .insert(&db)
        .await
        .unwrap();
        assert_eq!(
            next_reference(&db, "client", day(2026, 12, 31))
                .await
                .unwrap(),
            "CL2026-001"
        );
        assert_eq!(
            next_reference(&db, "client", day(2026, 12, 31))
                .await
                .unwrap(),
            "CL2026-002"
        );
        assert_eq!(
            next_reference(&db, "client", day(2027, 1, 1))
                .await
                .unwrap(),
            "CL2027-001"
        );
        assert_eq!(
            next_reference(&db, "client", day(2027, 1, 2))
                .await
                .unwrap(),
            "CL2027-002"
        );
    }
}

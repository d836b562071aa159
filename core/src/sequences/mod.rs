//! Gap-free reference sequences (C00001, INV2026-00042, …).
//!
//! A number is taken inside the transaction that creates the record: if the
//! creation rolls back, so does the counter, and no number is skipped. The
//! counter row is incremented before it is read, so the writer holds the
//! row (PostgreSQL) or the database (SQLite) lock until commit.

pub mod entity;
pub mod settings;

use crate::error::{CoreError, CoreResult};
use chrono::{Datelike, NaiveDate};
use parc_api::problem::Thing;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The sequences Parc knows, with their default prefix, padding and reset.
pub const DEFAULTS: &[(&str, &str, i32, bool)] = &[
    ("client", "C", 5, false),
    ("equipment", "EQ", 6, false),
    ("contract", "CT", 5, false),
    ("ticket", "T", 6, false),
    ("intervention", "INT", 6, false),
    ("licence", "LIC", 5, false),
    // Invoices and credit notes: one chronological series per year, as
    // French law asks (FA-2026-00001, AV-2026-00001).
    ("invoice", "FA-", 5, true),
    ("credit_note", "AV-", 5, true),
];

pub use parc_api::sequences::format_reference;

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

/// Takes `count` consecutive references at once; call inside the creating
/// transaction.
pub async fn next_references(
    db: &impl ConnectionTrait,
    code: &str,
    today: NaiveDate,
    count: u64,
) -> CoreResult<Vec<String>> {
    let mut numbers = reserve(db, code, today).await?;
    let references = (0..count).map(|_| numbers.next_reference()).collect();
    numbers.save(db).await?;
    Ok(references)
}

/// References handed out in memory, one at a time, for a bulk write that
/// numbers rows as it goes (an import numbers only the rows it creates).
/// From `reserve` on, the writing transaction holds the sequence (its row in
/// PostgreSQL, the database in SQLite), so no one else can take a number
/// before `save` writes the counter back in the same transaction.
#[must_use = "the numbers taken must be saved with `save`"]
pub struct Reservation {
    code: String,
    prefix: String,
    padding: i32,
    yearly_reset: bool,
    year: i32,
    next: i64,
}

/// Starts handing out references of sequence `code`; call inside the
/// creating transaction and end with `Reservation::save`.
pub async fn reserve(
    db: &impl ConnectionTrait,
    code: &str,
    today: NaiveDate,
) -> CoreResult<Reservation> {
    // A write first: it takes the lock before the counter is read (a
    // sequence used for the first time is created, a write too).
    let locked = entity::Entity::update_many()
        .col_expr(
            entity::Column::NextNumber,
            Expr::col(entity::Column::NextNumber),
        )
        .filter(entity::Column::Code.eq(code))
        .exec(db)
        .await?;
    let row = if locked.rows_affected == 0 {
        ensure_sequence(db, code).await?
    } else {
        entity::Entity::find_by_id(code.to_owned())
            .one(db)
            .await?
            .ok_or(CoreError::not_found(Thing::Sequence))?
    };
    let year = today.year();
    let next = if row.yearly_reset && row.year != Some(year) {
        1
    } else {
        row.next_number
    };
    Ok(Reservation {
        code: row.code,
        prefix: row.prefix,
        padding: row.padding,
        yearly_reset: row.yearly_reset,
        year,
        next,
    })
}

impl Reservation {
    /// The next reference, taken.
    pub fn next_reference(&mut self) -> String {
        let reference = format_reference(
            &self.prefix,
            self.padding,
            self.yearly_reset,
            self.year,
            self.next,
        );
        self.next += 1;
        reference
    }

    /// Writes the counter back: the next writer continues after the last
    /// reference taken.
    pub async fn save(self, db: &impl ConnectionTrait) -> CoreResult<()> {
        let mut update = entity::Entity::update_many()
            .col_expr(entity::Column::NextNumber, Expr::value(self.next))
            .filter(entity::Column::Code.eq(self.code));
        if self.yearly_reset {
            update = update.col_expr(entity::Column::Year, Expr::value(self.year));
        }
        update.exec(db).await?;
        Ok(())
    }
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
    async fn invoices_and_credit_notes_have_their_own_yearly_series() {
        let db = open_in_memory().await.unwrap();
        let mut numbers = reserve(&db, "invoice", day(2026, 12, 30)).await.unwrap();
        assert_eq!(numbers.next_reference(), "FA-2026-00001");
        assert_eq!(numbers.next_reference(), "FA-2026-00002");
        numbers.save(&db).await.unwrap();
        assert_eq!(
            next_reference(&db, "credit_note", day(2026, 12, 31))
                .await
                .unwrap(),
            "AV-2026-00001"
        );
        assert_eq!(
            next_reference(&db, "invoice", day(2026, 12, 31))
                .await
                .unwrap(),
            "FA-2026-00003",
            "a reservation saved is continued"
        );
        assert_eq!(
            next_reference(&db, "invoice", day(2027, 1, 1))
                .await
                .unwrap(),
            "FA-2027-00001"
        );
        assert_eq!(
            next_reference(&db, "contract", day(2027, 1, 1))
                .await
                .unwrap(),
            "CT00001"
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

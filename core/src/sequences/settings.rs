//! The numbering as Settings shows and changes it. Every sequence is
//! listed (one not used yet with its defaults); a change takes effect on
//! the next reference, and references already given keep theirs. Two
//! rules keep references unique and the accounts lawful: a next number
//! never goes below one already given, and invoices and credit notes keep
//! one unbroken series per year (neither their next number nor their
//! yearly reset can be changed).
//!
//! Whatever the change (a yearly restart switched off again, a prefix another
//! series uses), the next reference must not exist yet in its table. The
//! counter is held (a write first, as `reserve` does) before it is read; a
//! number the page did not change is not sent. The page previews with
//! `parc_api::sequences::format_reference`, the core's own rule.

use super::{entity, DEFAULTS};
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::Actor;
use chrono::{Datelike, NaiveDate};
use parc_api::problem::Problem;
use parc_api::sequences::{SequenceInput, SequenceSettings, PADDING_RANGE, PREFIX_MAX};
use parc_api::ValidationCode;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, Statement,
};

/// The sequences whose series the law keeps unbroken.
const LOCKED_SERIES: &[&str] = &["invoice", "credit_note"];

fn shown(row: &entity::Model, today: NaiveDate) -> SequenceSettings {
    let year = today.year();
    let next_number = if row.yearly_reset && row.year != Some(year) {
        1
    } else {
        row.next_number
    };
    SequenceSettings {
        code: row.code.clone(),
        prefix: row.prefix.clone(),
        padding: row.padding,
        yearly_reset: row.yearly_reset,
        next_number,
        year,
        series_locked: LOCKED_SERIES.contains(&row.code.as_str()),
    }
}

fn default_row(code: &str, prefix: &str, padding: i32, yearly_reset: bool) -> entity::Model {
    entity::Model {
        code: code.to_owned(),
        prefix: prefix.to_owned(),
        padding,
        yearly_reset,
        year: None,
        next_number: 1,
    }
}

/// Every sequence, in the order of `DEFAULTS` (managers).
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    today: NaiveDate,
) -> CoreResult<Vec<SequenceSettings>> {
    require(actor, Operation::ManageSettings)?;
    let stored = entity::Entity::find().all(db).await?;
    Ok(DEFAULTS
        .iter()
        .map(|(code, prefix, padding, yearly)| {
            let row = stored
                .iter()
                .find(|r| r.code == *code)
                .cloned()
                .unwrap_or_else(|| default_row(code, prefix, *padding, *yearly));
            shown(&row, today)
        })
        .collect())
}

fn invalid(field: &str, code: ValidationCode, message: impl Into<String>) -> CoreError {
    CoreError::validation(field, code, message)
}

/// Changes a sequence (managers); returns it as it now stands.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &SequenceInput,
    today: NaiveDate,
) -> CoreResult<SequenceSettings> {
    require(actor, Operation::ManageSettings)?;
    let (_, default_prefix, default_padding, default_yearly) = DEFAULTS
        .iter()
        .find(|(code, ..)| *code == input.code)
        .ok_or_else(|| invalid("code", ValidationCode::Unknown, "no such sequence"))?;
    let prefix = input.prefix.trim();
    if prefix.chars().count() > PREFIX_MAX {
        return Err(invalid(
            "prefix",
            ValidationCode::TooLong,
            format!("a prefix has at most {PREFIX_MAX} characters"),
        ));
    }
    if !prefix
        .chars()
        .all(|c| c.is_alphanumeric() || "-_/.".contains(c))
    {
        return Err(invalid(
            "prefix",
            ValidationCode::InvalidFormat,
            "a prefix holds letters, digits and - _ / . only",
        ));
    }
    let padding: i32 = input.padding.trim().parse().map_err(|_| {
        invalid(
            "padding",
            ValidationCode::InvalidFormat,
            "a number of digits",
        )
    })?;
    if !PADDING_RANGE.contains(&padding) {
        return Err(invalid(
            "padding",
            ValidationCode::OutOfRange,
            format!(
                "from {} to {} digits",
                PADDING_RANGE.start(),
                PADDING_RANGE.end()
            ),
        ));
    }
    let typed_number = match &input.next_number {
        None => None,
        Some(typed) => {
            let number: i64 = typed.trim().parse().map_err(|_| {
                invalid(
                    "next_number",
                    ValidationCode::InvalidFormat,
                    "a whole number",
                )
            })?;
            if !(1..=999_999_999).contains(&number) {
                return Err(invalid(
                    "next_number",
                    ValidationCode::OutOfRange,
                    "from 1 to 999999999",
                ));
            }
            Some(number)
        }
    };

    let txn = crate::db::begin_write(db).await?;
    // A write first, as `reserve` does: the counter is held until commit,
    // so a number taken meanwhile cannot be written back over.
    entity::Entity::update_many()
        .col_expr(
            entity::Column::NextNumber,
            Expr::col(entity::Column::NextNumber),
        )
        .filter(entity::Column::Code.eq(input.code.clone()))
        .exec(&txn)
        .await?;
    let stored = entity::Entity::find_by_id(input.code.clone())
        .one(&txn)
        .await?;
    let current = stored.clone().unwrap_or_else(|| {
        default_row(
            &input.code,
            default_prefix,
            *default_padding,
            *default_yearly,
        )
    });
    let now = shown(&current, today);
    let next_number = typed_number.unwrap_or(now.next_number);
    if now.series_locked {
        if input.yearly_reset != now.yearly_reset {
            return Err(invalid(
                "yearly_reset",
                ValidationCode::SeriesLocked,
                "invoices and credit notes are numbered in one series per year",
            ));
        }
        if next_number != now.next_number {
            return Err(invalid(
                "next_number",
                ValidationCode::SeriesLocked,
                "invoices and credit notes are numbered without gaps",
            ));
        }
    } else if next_number < now.next_number && input.yearly_reset == now.yearly_reset {
        return Err(CoreError::field_problem(
            "next_number",
            ValidationCode::NumberGoesBack,
            Problem::NumbersAlreadyGiven {
                last: now.next_number - 1,
            },
        ));
    }
    // Whatever the change (a yearly restart switched off and back, a
    // prefix another series uses), the next reference must be free.
    let next_reference = parc_api::sequences::format_reference(
        prefix,
        padding,
        input.yearly_reset,
        today.year(),
        next_number,
    );
    if reference_taken(&txn, &input.code, &next_reference).await? {
        return Err(CoreError::field_problem(
            "next_number",
            ValidationCode::NumberGoesBack,
            Problem::ReferenceAlreadyGiven {
                reference: next_reference,
            },
        ));
    }
    let row = entity::ActiveModel {
        code: Set(input.code.clone()),
        prefix: Set(prefix.to_owned()),
        padding: Set(padding),
        yearly_reset: Set(input.yearly_reset),
        year: Set(input.yearly_reset.then_some(today.year())),
        next_number: Set(next_number),
    };
    let saved = if stored.is_some() {
        row.update(&txn).await?
    } else {
        row.insert(&txn).await?
    };
    txn.commit().await?;
    Ok(shown(&saved, today))
}

/// Where each sequence's references are kept.
fn reference_column(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "client" => ("clients", "code"),
        "equipment" => ("equipment", "reference"),
        "contract" => ("contracts", "reference"),
        "ticket" => ("tickets", "reference"),
        "intervention" => ("interventions", "reference"),
        "licence" => ("licences", "reference"),
        "invoice" | "credit_note" => ("invoices", "number"),
        _ => return None,
    })
}

/// Whether a record already carries `reference`.
async fn reference_taken(
    db: &impl ConnectionTrait,
    code: &str,
    reference: &str,
) -> CoreResult<bool> {
    let Some((table, column)) = reference_column(code) else {
        return Ok(false);
    };
    let found = db
        .query_one_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            format!("SELECT 1 FROM {table} WHERE {column} = ? LIMIT 1"),
            [reference.into()],
        ))
        .await?;
    Ok(found.is_some())
}

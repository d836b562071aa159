//! Small helpers every list query uses: accent- and case-insensitive
//! "contains" over stored folded text (the same on SQLite and PostgreSQL),
//! and page bounds.
//!
//! `find_in_scope` reads a record by id when the actor may see it, and answers
//! "not found" otherwise, exactly as for a missing one.

use crate::error::{CoreError, CoreResult};
use parc_api::page::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use parc_api::problem::Thing;
use parc_api::text::fold;
use parc_api::SortDir;
use sea_orm::sea_query::{ColumnRef, Expr, ExprTrait, IntoColumnRef, LikeExpr, SimpleExpr};
use sea_orm::{ColumnTrait, Condition, Order};

/// An id as the database keeps it (`i32`); one that cannot be is of no
/// record, so it is "not found" as `what`, never a panic or a wrap-around.
pub(crate) fn id32(id: i64, what: Thing) -> CoreResult<i32> {
    i32::try_from(id).map_err(|_| CoreError::not_found(what))
}

/// Every word of `typed` appears in `column`, a column of folded text (see
/// `parc_api::text`): "acme lyon" finds Acme whose address is in Lyon.
pub fn matches_words<C: ColumnTrait + Copy>(column: C, typed: &str) -> Condition {
    fold(typed)
        .split_whitespace()
        .fold(Condition::all(), |all, word| {
            all.add(contains_folded(column, word))
        })
}

/// Every word of `typed` appears in at least one of `columns` (folded text,
/// or codes such as references that fold to themselves under `LIKE`).
pub fn words_in_any(columns: &[ColumnRef], typed: &str) -> Condition {
    fold(typed)
        .split_whitespace()
        .fold(Condition::all(), |all, word| {
            all.add(columns.iter().fold(Condition::any(), |any, column| {
                any.add(like_folded(column.clone(), word))
            }))
        })
}

/// `column LIKE '%needle%'` on a column of folded text, the needle folded the
/// same way; `%`, `_` and `\` in it are taken literally.
fn contains_folded(column: impl ColumnTrait, needle: &str) -> SimpleExpr {
    like_folded(column.as_column_ref().into_column_ref(), needle)
}

fn like_folded(column: ColumnRef, needle: &str) -> SimpleExpr {
    let escaped = fold(needle)
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Expr::col(column).like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// (page, page_size, offset) from a 1-based page and a requested size.
pub fn bounds(page: u64, page_size: u64) -> (u64, u64, u64) {
    let page = Ord::max(page, 1);
    let size = if page_size == 0 {
        DEFAULT_PAGE_SIZE
    } else {
        Ord::min(page_size, MAX_PAGE_SIZE)
    };
    (page, size, (page - 1).saturating_mul(size))
}

pub fn order(dir: SortDir) -> Order {
    match dir {
        SortDir::Asc => Order::Asc,
        SortDir::Desc => Order::Desc,
    }
}

/// The record `id` of entity `E` (a `kind` of record) if `actor` may see
/// it: a portal contact sees its own client's only; anything else is "not
/// found", never "forbidden", so ids of other clients reveal nothing.
pub(crate) async fn find_in_scope<E>(
    db: &impl sea_orm::ConnectionTrait,
    actor: &crate::Actor,
    id: i64,
    kind: Thing,
    client_of: fn(&E::Model) -> i32,
) -> CoreResult<E::Model>
where
    E: sea_orm::EntityTrait,
    <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<i32>,
{
    let model = E::find_by_id(id32(id, kind)?)
        .one(db)
        .await?
        .ok_or(CoreError::not_found(kind))?;
    match actor.client_scope() {
        Some(client) if client != i64::from(client_of(&model)) => Err(CoreError::not_found(kind)),
        _ => Ok(model),
    }
}

/// The client a list may show: a portal contact's own, whatever was asked;
/// for staff, the one asked (if any).
pub(crate) fn client_in_scope(actor: &crate::Actor, asked: Option<i64>) -> CoreResult<Option<i32>> {
    actor
        .client_scope()
        .or(asked)
        .map(|id| id32(id, Thing::Client))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::bounds;

    #[test]
    fn page_bounds_are_clamped() {
        assert_eq!(bounds(0, 0), (1, 25, 0));
        assert_eq!(bounds(3, 10), (3, 10, 20));
        assert_eq!(bounds(2, 10_000), (2, 200, 200));
    }
}

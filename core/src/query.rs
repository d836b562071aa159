//! Small helpers every list query uses: case-insensitive "contains" that works
//! the same on SQLite and PostgreSQL, and page bounds.

use parc_api::page::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use parc_api::SortDir;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, SimpleExpr};
use sea_orm::{ColumnTrait, Order};

/// `lower(column) LIKE '%needle%'`, with `%`, `_` and `\` in the needle taken literally.
pub fn contains_ci(column: impl ColumnTrait, needle: &str) -> SimpleExpr {
    let escaped = needle
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Expr::expr(Func::lower(Expr::col(column.as_column_ref())))
        .like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// (page, page_size, offset) from a 1-based page and a requested size.
pub fn bounds(page: u64, page_size: u64) -> (u64, u64, u64) {
    let page = Ord::max(page, 1);
    let size = if page_size == 0 {
        DEFAULT_PAGE_SIZE
    } else {
        Ord::min(page_size, MAX_PAGE_SIZE)
    };
    (page, size, (page - 1) * size)
}

pub fn order(dir: SortDir) -> Order {
    match dir {
        SortDir::Asc => Order::Asc,
        SortDir::Desc => Order::Desc,
    }
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

//! Full-text matching written once for every searchable table that has an
//! FTS5 trigram index beside it (equipment, tickets): words of three
//! characters or more go through the index, shorter ones through `LIKE` on
//! the same folded text; engines other than SQLite use `LIKE` throughout.

use crate::query::matches_words;
use parc_api::text::fold;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, DbBackend};

/// The shortest word the trigram index can answer.
pub(crate) const TRIGRAM: usize = 3;

/// The FTS5 query for `words`: each one a quoted phrase.
pub(crate) fn phrases(words: &[&str]) -> String {
    words
        .iter()
        .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Rows of `table` whose `column` (folded searchable text, indexed by the
/// FTS5 table `fts` over `table`'s ids) contains every typed word.
pub(crate) fn matching(
    backend: DbBackend,
    table: &'static str,
    fts: &'static str,
    column: impl ColumnTrait + Copy,
    typed: &str,
) -> Condition {
    let folded = fold(typed);
    if backend != DbBackend::Sqlite {
        return matches_words(column, &folded);
    }
    let (long, short): (Vec<&str>, Vec<&str>) = folded
        .split_whitespace()
        .partition(|word| word.chars().count() >= TRIGRAM);
    let mut condition = Condition::all();
    if !long.is_empty() {
        condition = condition.add(Expr::cust_with_values(
            format!("\"{table}\".\"id\" IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)"),
            [phrases(&long)],
        ));
    }
    if !short.is_empty() {
        condition = condition.add(matches_words(column, &short.join(" ")));
    }
    condition
}

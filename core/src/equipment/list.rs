//! The equipment list: filtered, sorted and paged in the database by keyset.
//!
//! A page is "the next `n` rows after (sort value, id) of the last row
//! shown", which an index answers directly however deep the user pages;
//! `OFFSET` would read and drop every earlier row. The total is counted on
//! the first page only (from the search index alone when only a text is
//! searched). Export and label sheets walk the same query in
//! chunks, so what they contain is exactly what the list shows.

use super::{entity, list_rows, search_index, NameBook};
use crate::actor::Actor;
use crate::authz::{require, Operation};
use crate::clients::client_entity as clients;
use crate::error::{CoreError, CoreResult};
use crate::query::id32;
use crate::query::order;
use chrono::NaiveDate;
use parc_api::equipment::{
    Cursor, EquipmentFilter, EquipmentPage, EquipmentQuery, EquipmentRow, EquipmentSort,
    EquipmentStatus,
};
use parc_api::page::MAX_PAGE_SIZE;
use parc_api::problem::Thing;
use parc_api::{SortDir, ValidationCode};
use sea_orm::sea_query::{Expr, ExprTrait, Func, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, RelationTrait, Select,
};

pub const DEFAULT_PAGE_SIZE: u64 = 50;

/// Where equipment without a warranty end sorts: after every real date.
fn far_future() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

fn column(c: entity::Column) -> SimpleExpr {
    Expr::col((entity::Entity, c))
}

/// References come from a gap-free sequence taken in the creating
/// transaction, one at a time or a batch at a time in row order, so their
/// order is the order of ids: the Reference sort reads the primary key in
/// order and stops after a page, even among thousands of search matches.
fn sort_expr(sort: EquipmentSort) -> SimpleExpr {
    match sort {
        EquipmentSort::Reference => column(entity::Column::Id),
        EquipmentSort::Name => column(entity::Column::SortKey),
        EquipmentSort::Serial => {
            Func::coalesce([column(entity::Column::Serial), Expr::val("")]).into()
        }
        EquipmentSort::Client => Expr::col((clients::Entity, clients::Column::SortKey)),
        EquipmentSort::Status => column(entity::Column::Status),
        EquipmentSort::WarrantyEnd => {
            Func::coalesce([column(entity::Column::WarrantyEnd), Expr::val(far_future())]).into()
        }
    }
}

/// The sort value of a row, as the cursor carries it.
fn sort_value(sort: EquipmentSort, row: &entity::Model, book: &NameBook) -> String {
    match sort {
        EquipmentSort::Reference => row.id.to_string(),
        EquipmentSort::Name => row.sort_key.clone(),
        EquipmentSort::Serial => row.serial.clone().unwrap_or_default(),
        EquipmentSort::Client => book
            .clients
            .get(&row.client_id)
            .map(|c| c.sort_key.clone())
            .unwrap_or_default(),
        EquipmentSort::Status => row.status.clone(),
        EquipmentSort::WarrantyEnd => row.warranty_end.unwrap_or_else(far_future).to_string(),
    }
}

/// The sort value of a list page's row, as the cursor carries it.
fn row_sort_value(
    sort: EquipmentSort,
    row: &EquipmentRow,
    sort_key: String,
    client_sort_key: String,
) -> String {
    match sort {
        EquipmentSort::Reference => row.id.to_string(),
        EquipmentSort::Name => sort_key,
        EquipmentSort::Serial => row.serial.clone(),
        EquipmentSort::Client => client_sort_key,
        EquipmentSort::Status => row.status.code().to_owned(),
        EquipmentSort::WarrantyEnd => row.warranty_end.unwrap_or_else(far_future).to_string(),
    }
}

fn after(sort: EquipmentSort, dir: SortDir, cursor: &Cursor) -> CoreResult<Condition> {
    let bad_cursor =
        || CoreError::validation("after", ValidationCode::InvalidFormat, "bad page cursor");
    let value: SimpleExpr = match sort {
        EquipmentSort::Reference => {
            Expr::val(cursor.value.parse::<i32>().map_err(|_| bad_cursor())?)
        }
        EquipmentSort::WarrantyEnd => {
            let date =
                NaiveDate::parse_from_str(&cursor.value, "%Y-%m-%d").map_err(|_| bad_cursor())?;
            Expr::val(date)
        }
        _ => Expr::val(cursor.value.clone()),
    };
    let id = id32(cursor.id, Thing::Equipment)?;
    let expr = sort_expr(sort);
    let id_col = Expr::col((entity::Entity, entity::Column::Id));
    Ok(match dir {
        SortDir::Asc => Condition::any()
            .add(expr.clone().gt(value.clone()))
            .add(Condition::all().add(expr.eq(value)).add(id_col.gt(id))),
        SortDir::Desc => Condition::any()
            .add(expr.clone().lt(value.clone()))
            .add(Condition::all().add(expr.eq(value)).add(id_col.lt(id))),
    })
}

/// The equipment matching `filter` that `actor` may see.
pub(crate) fn filtered(
    backend: sea_orm::DbBackend,
    actor: &Actor,
    filter: &EquipmentFilter,
    today: NaiveDate,
) -> CoreResult<Select<entity::Entity>> {
    let mut select = entity::Entity::find();
    if let Some(scope) = actor.client_scope() {
        select = select.filter(entity::Column::ClientId.eq(id32(scope, Thing::Client)?));
    }
    if let Some(id) = filter.client_id {
        select = select.filter(entity::Column::ClientId.eq(id32(id, Thing::Client)?));
    }
    if let Some(id) = filter.site_id {
        select = select.filter(entity::Column::SiteId.eq(id32(id, Thing::Site)?));
    }
    if let Some(id) = filter.type_id {
        select = select.filter(entity::Column::TypeId.eq(id32(id, Thing::EquipmentType)?));
    }
    if let Some(id) = filter.contact_id {
        select = select.filter(entity::Column::ContactId.eq(id32(id, Thing::Contact)?));
    }
    if let Some(status) = filter.status {
        select = select.filter(entity::Column::Status.eq(status.code()));
    }
    if let Some(days) = filter.warranty_within_days {
        let until = today
            .checked_add_days(chrono::Days::new(u64::from(days)))
            .unwrap_or(today);
        select = select
            .filter(entity::Column::WarrantyEnd.gte(today))
            .filter(entity::Column::WarrantyEnd.lte(until));
        if filter.status.is_none() {
            // A retired machine's warranty no longer matters (the
            // dashboard's "warranties ending" counts the same).
            select = select.filter(entity::Column::Status.ne(EquipmentStatus::Retired.code()));
        }
    }
    let search = filter.search.trim();
    if !search.is_empty() {
        select = select.filter(search_index::matching(backend, search));
    }
    Ok(select)
}

/// How a page gets its total.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Total<'a> {
    /// Later pages: the UI keeps the first page's figure.
    None,
    /// Counted: from the search index alone when a search (given here) is
    /// the only condition, else with `COUNT(*)` over the filtered rows.
    Count(Option<&'a str>),
}

/// The searched text when it is the list's only condition (staff, no filter).
fn only_search<'a>(actor: &Actor, filter: &'a EquipmentFilter) -> Option<&'a str> {
    let bare = EquipmentFilter {
        search: filter.search.clone(),
        ..Default::default()
    };
    let search = filter.search.trim();
    (actor.client_scope().is_none() && *filter == bare && !search.is_empty()).then_some(search)
}

/// `select` in keyset order from `cursor` on, `limit` rows at most: sorted
/// by the sort's value then id (the clients joined to sort by their name).
fn keyset(
    mut select: Select<entity::Entity>,
    sort: EquipmentSort,
    dir: SortDir,
    cursor: Option<&Cursor>,
    limit: u64,
) -> CoreResult<Select<entity::Entity>> {
    if sort == EquipmentSort::Client {
        select = select.join(JoinType::InnerJoin, entity::Relation::Client.def());
    }
    if let Some(cursor) = cursor {
        select = select.filter(after(sort, dir, cursor)?);
    }
    Ok(select
        .order_by(sort_expr(sort), order(dir))
        .order_by(entity::Column::Id, order(dir))
        .limit(limit))
}

/// One keyset chunk of whole records of `select` in the given order, with
/// their names and the next cursor (export and label sheets).
async fn chunk_of(
    db: &impl ConnectionTrait,
    select: Select<entity::Entity>,
    sort: EquipmentSort,
    dir: SortDir,
    cursor: Option<&Cursor>,
    size: u64,
) -> CoreResult<(Vec<entity::Model>, NameBook, Option<Cursor>)> {
    let mut rows = keyset(select, sort, dir, cursor, size + 1)?.all(db).await?;
    let more = rows.len() as u64 > size;
    rows.truncate(usize::try_from(size).unwrap_or(usize::MAX));
    let book = NameBook::load(db, &rows).await?;
    let next = match rows.last() {
        Some(last) if more => Some(Cursor {
            value: sort_value(sort, last, &book),
            id: i64::from(last.id),
        }),
        _ => None,
    };
    Ok((rows, book, next))
}

/// One list page in one round trip: only the columns a row shows, its names
/// joined (see `list_rows`), and on a first page the total as a scalar
/// subquery (SQLite runs an uncorrelated one once). The portal's equipment
/// page under load spent its time passing queries and rows to SQLite's
/// worker threads: four queries a page (count, rows, names, session) became
/// two.
async fn list_page(
    db: &impl ConnectionTrait,
    select: Select<entity::Entity>,
    sort: EquipmentSort,
    dir: SortDir,
    cursor: Option<&Cursor>,
    size: u64,
    total: Total<'_>,
) -> CoreResult<(Vec<EquipmentRow>, Option<Cursor>, Option<u64>)> {
    let counted_apart = match total {
        Total::Count(Some(text)) => search_index::count(db, text).await?,
        _ => None,
    };
    let count_inline = total != Total::None && counted_apart.is_none();
    let ids = select.clone().select_only().column(entity::Column::Id);
    let page = keyset(ids, sort, dir, cursor, size + 1)?.into_query();
    let mut query = list_rows::statement(page);
    if count_inline {
        query.expr_as(list_rows::count_of(select), list_rows::TOTAL);
    }
    query
        .order_by_expr(sort_expr(sort), order(dir))
        .order_by((entity::Entity, entity::Column::Id), order(dir));
    let found = db
        .query_all_raw(db.get_database_backend().build(&query))
        .await?;
    let inline_total = match found.first() {
        Some(first) if count_inline => Some(first.try_get::<i64>("", list_rows::TOTAL)?),
        _ => None,
    };
    let more = found.len() as u64 > size;
    let mut items = Vec::with_capacity(found.len());
    let mut next = None;
    for (n, row) in found.iter().enumerate() {
        if n as u64 == size {
            break;
        }
        let item = list_rows::read(row)?;
        if more && n as u64 + 1 == size {
            let (sort_key, client_sort_key) = list_rows::sort_keys(row)?;
            next = Some(Cursor {
                value: row_sort_value(sort, &item, sort_key, client_sort_key),
                id: item.id,
            });
        }
        items.push(item);
    }
    let total = match (counted_apart, count_inline) {
        (Some(n), _) => Some(n),
        // An empty first page: nothing matches.
        (None, true) => Some(inline_total.map_or(0, |n| u64::try_from(n).unwrap_or(0))),
        (None, false) => None,
    };
    Ok((items, next, total))
}

pub async fn list_equipment(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &EquipmentQuery,
) -> CoreResult<EquipmentPage> {
    require(actor, Operation::ReadEquipment)?;
    let today = crate::clock::today();
    let select = filtered(db.get_database_backend(), actor, &query.filter, today)?;
    let total = match query.after {
        Some(_) => Total::None,
        None => Total::Count(only_search(actor, &query.filter)),
    };
    let size = match query.page_size {
        0 => DEFAULT_PAGE_SIZE,
        n => Ord::min(n, MAX_PAGE_SIZE),
    };
    let (items, next, total) = list_page(
        db,
        select,
        query.sort,
        query.dir,
        query.after.as_ref(),
        size,
        total,
    )
    .await?;
    Ok(EquipmentPage { items, total, next })
}

/// The first `limit` equipment matching `filter` by reference, without the
/// count a list page carries (the global search asks on every keystroke).
pub(crate) async fn first_matches(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &EquipmentFilter,
    limit: u64,
) -> CoreResult<Vec<parc_api::equipment::EquipmentRow>> {
    require(actor, Operation::ReadEquipment)?;
    let today = crate::clock::today();
    let select = filtered(db.get_database_backend(), actor, filter, today)?;
    let (rows, _, _) = list_page(
        db,
        select,
        EquipmentSort::Reference,
        SortDir::Asc,
        None,
        limit,
        Total::None,
    )
    .await?;
    Ok(rows)
}

/// Walks every equipment matching `filter`, in list order, a chunk at a time
/// (handed over, so a visitor may pass it to another thread).
pub(crate) async fn for_each_chunk<F>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &EquipmentFilter,
    sort: EquipmentSort,
    dir: SortDir,
    mut visit: F,
) -> CoreResult<()>
where
    F: FnMut(NameBook, Vec<entity::Model>) -> CoreResult<()>,
{
    const CHUNK: u64 = 20_000;
    let today = crate::clock::today();
    let select = filtered(db.get_database_backend(), actor, filter, today)?;
    let mut cursor: Option<Cursor> = None;
    loop {
        let (rows, book, next) =
            chunk_of(db, select.clone(), sort, dir, cursor.as_ref(), CHUNK).await?;
        visit(book, rows)?;
        match next {
            Some(next) => cursor = Some(next),
            None => return Ok(()),
        }
    }
}

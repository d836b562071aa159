//! The statement behind an equipment list page, and reading its rows.
//!
//! A list row shows a dozen columns and six names; the whole record carries
//! notes, the search text and more. So a page selects only what its rows
//! show, with the names joined by primary key, in one statement.
//! (Export and label sheets read whole records: `NameBook`.)
//!
//! The page's ids are chosen on the equipment table alone (filter, order,
//! limit: a covering index), then only the columns a row shows are read, the
//! names joined to those rows, and the first page's total comes as a scalar
//! subquery of the same statement.

use super::entity;
use crate::catalogue::type_entity as types;
use crate::catalogue::{manufacturer_entity as manufacturers, model_entity as models};
use crate::clients::{client_entity as clients, contact_entity as contacts};
use crate::error::CoreResult;
use crate::sites::site_entity as sites;
use parc_api::equipment::{EquipmentRow, EquipmentStatus};
use sea_orm::sea_query::{Expr, ExprTrait, Func, JoinType, Query, SelectStatement};
use sea_orm::{QueryResult, QuerySelect, QueryTrait, Select};

/// The alias of the first page's total.
pub(super) const TOTAL: &str = "total";

/// The alias of the page's chosen ids.
const PAGE: &str = "page";

const COLUMNS: [entity::Column; 10] = [
    entity::Column::Id,
    entity::Column::Reference,
    entity::Column::Name,
    entity::Column::SortKey,
    entity::Column::Serial,
    entity::Column::AssetTag,
    entity::Column::Status,
    entity::Column::ClientId,
    entity::Column::SiteId,
    entity::Column::ContactId,
];

/// The page's statement: the rows whose ids `page` chooses (filtered,
/// ordered and limited on the equipment alone, so the planner reads a
/// covering index and sorts ids), with their columns and names joined to
/// those rows only. Joining before the limit cost a client's 200 rows six
/// lookups each to show 25; this way a page costs about half. The caller
/// orders the result again.
pub(super) fn statement(page: SelectStatement) -> SelectStatement {
    let mut query = Query::select();
    query.from(entity::Entity).join_subquery(
        JoinType::InnerJoin,
        page,
        PAGE,
        Expr::col((PAGE, entity::Column::Id)).equals((entity::Entity, entity::Column::Id)),
    );
    for column in COLUMNS {
        query.column((entity::Entity, column));
    }
    query
        .column((entity::Entity, entity::Column::WarrantyEnd))
        .expr_as(Expr::col((types::Entity, types::Column::Name)), "type_name")
        .expr_as(
            Expr::col((manufacturers::Entity, manufacturers::Column::Name)),
            "manufacturer_name",
        )
        .expr_as(
            Expr::col((models::Entity, models::Column::Name)),
            "model_name",
        )
        .expr_as(
            Expr::col((clients::Entity, clients::Column::Name)),
            "client_name",
        )
        .expr_as(
            Expr::col((clients::Entity, clients::Column::SortKey)),
            "client_sort_key",
        )
        .expr_as(Expr::col((sites::Entity, sites::Column::Name)), "site_name")
        .expr_as(
            Expr::col((contacts::Entity, contacts::Column::Name)),
            "contact_name",
        )
        .left_join(
            types::Entity,
            Expr::col((types::Entity, types::Column::Id))
                .equals((entity::Entity, entity::Column::TypeId)),
        )
        .left_join(
            manufacturers::Entity,
            Expr::col((manufacturers::Entity, manufacturers::Column::Id))
                .equals((entity::Entity, entity::Column::ManufacturerId)),
        )
        .left_join(
            models::Entity,
            Expr::col((models::Entity, models::Column::Id))
                .equals((entity::Entity, entity::Column::ModelId)),
        );
    query
        .left_join(
            clients::Entity,
            Expr::col((clients::Entity, clients::Column::Id))
                .equals((entity::Entity, entity::Column::ClientId)),
        )
        .left_join(
            sites::Entity,
            Expr::col((sites::Entity, sites::Column::Id))
                .equals((entity::Entity, entity::Column::SiteId)),
        )
        .left_join(
            contacts::Entity,
            Expr::col((contacts::Entity, contacts::Column::Id))
                .equals((entity::Entity, entity::Column::ContactId)),
        );
    query
}

/// How many equipment `select` finds, as a scalar subquery of the page.
pub(super) fn count_of(select: Select<entity::Entity>) -> Expr {
    let counting = select
        .select_only()
        .expr(Func::count(Expr::col((entity::Entity, entity::Column::Id))))
        .into_query();
    Expr::SubQuery(None, Box::new(counting.into()))
}

/// A list row from the page statement's result.
pub(super) fn read(row: &QueryResult) -> CoreResult<EquipmentRow> {
    let text = |column: &str| -> CoreResult<String> {
        Ok(row
            .try_get::<Option<String>>("", column)?
            .unwrap_or_default())
    };
    let id =
        |column: &str| -> CoreResult<Option<i64>> { Ok(row.try_get::<Option<i64>>("", column)?) };
    Ok(EquipmentRow {
        id: row.try_get::<i64>("", "id")?,
        reference: text("reference")?,
        name: text("name")?,
        type_name: text("type_name")?,
        manufacturer_name: text("manufacturer_name")?,
        model_name: text("model_name")?,
        serial: text("serial")?,
        asset_tag: text("asset_tag")?,
        status: EquipmentStatus::from_code(&text("status")?).unwrap_or_default(),
        client_id: row.try_get::<i64>("", "client_id")?,
        client_name: text("client_name")?,
        site_id: id("site_id")?,
        site_name: text("site_name")?,
        contact_id: id("contact_id")?,
        contact_name: text("contact_name")?,
        warranty_end: row.try_get::<Option<chrono::NaiveDate>>("", "warranty_end")?,
    })
}

/// The folded name and the client's folded name of a row: the keyset values
/// of the name and client sorts.
pub(super) fn sort_keys(row: &QueryResult) -> CoreResult<(String, String)> {
    Ok((
        row.try_get::<String>("", "sort_key")?,
        row.try_get::<Option<String>>("", "client_sort_key")?
            .unwrap_or_default(),
    ))
}

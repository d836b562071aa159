//! The alert centre: alerts listed by view (open, snoozed, acknowledged,
//! resolved), rule, client and words; acknowledged or snoozed by staff.
//!
//! "Open" means open and not snoozed: what needs someone now, and what the
//! shell's badge counts. A snoozed alert comes back on its day and is
//! notified again then (its `notified_at` is cleared by the snooze).

use super::alert_entity as alerts;
use super::scan::row_of;
use crate::authz::{require, Operation};
use crate::clients::client_entity as clients;
use crate::desk::ticket_entity as tickets;
use crate::error::{CoreError, CoreResult};
use crate::query::{bounds, matches_words};
use crate::Actor;
use chrono::{Days, NaiveDate, Utc};
use parc_api::alerts::{
    AlertListRow, AlertQuery, AlertState, AlertView, SnoozeAlert, MAX_SNOOZE_DAYS,
};
use parc_api::problem::Thing;
use parc_api::{Page, ValidationCode};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select, Set,
};
use std::collections::HashMap;

/// The condition of a view on `today`.
pub(crate) fn in_view(view: AlertView, today: NaiveDate) -> Condition {
    let open = alerts::Column::State.eq(AlertState::Open.code());
    let snoozed = alerts::Column::SnoozedUntil.gt(today);
    match view {
        AlertView::Open => Condition::all().add(open).add(
            Condition::any()
                .add(alerts::Column::SnoozedUntil.is_null())
                .add(alerts::Column::SnoozedUntil.lte(today)),
        ),
        AlertView::Snoozed => Condition::all().add(open).add(snoozed),
        AlertView::Acknowledged => {
            Condition::all().add(alerts::Column::State.eq(AlertState::Acknowledged.code()))
        }
        AlertView::Resolved => {
            Condition::all().add(alerts::Column::State.eq(AlertState::Resolved.code()))
        }
        AlertView::All => Condition::all(),
    }
}

fn selection(query: &AlertQuery, actor: &Actor, today: NaiveDate) -> Select<alerts::Entity> {
    let mut select = alerts::Entity::find().filter(in_view(query.view, today));
    if query.mine {
        // The tickets assigned to the one asking (none for who has no staff row).
        let theirs = sea_orm::sea_query::Query::select()
            .column(tickets::Column::Id)
            .from(tickets::Entity)
            .and_where(tickets::Column::AssigneeId.eq(actor.staff_row_id().unwrap_or(-1)))
            .to_owned();
        select = select
            .filter(alerts::Column::ItemKind.eq(super::TICKET_ITEM))
            .filter(alerts::Column::ItemId.in_subquery(theirs));
    }
    if let Some(rule) = query.rule {
        select = select.filter(alerts::Column::Rule.eq(rule.code()));
    }
    if let Some(client) = query.client_id {
        select = select.filter(alerts::Column::ClientId.eq(client));
    }
    select.filter(matches_words(alerts::Column::SearchText, &query.search))
}

/// One page of alerts, the nearest due first (states, which have no date, before them).
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &AlertQuery,
) -> CoreResult<Page<AlertListRow>> {
    require(actor, Operation::ReadAlerts)?;
    let (page, page_size, offset) = bounds(query.page, query.page_size);
    let today = crate::clock::today();
    let select = selection(query, actor, today);
    let total = select.clone().count(db).await?;
    let models = select
        .order_by_asc(alerts::Column::DueOn)
        .order_by_desc(alerts::Column::RaisedAt)
        .order_by_desc(alerts::Column::Id)
        .offset(offset)
        .limit(page_size)
        .all(db)
        .await?;
    let client_ids: Vec<i32> = models.iter().filter_map(|m| m.client_id).collect();
    let names: HashMap<i32, String> = clients::Entity::find()
        .select_only()
        .column(clients::Column::Id)
        .column(clients::Column::Name)
        .filter(clients::Column::Id.is_in(client_ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let items = models
        .into_iter()
        .map(|model| {
            let client_name = model.client_id.and_then(|id| names.get(&id).cloned());
            AlertListRow {
                alert: row_of(model),
                client_name,
            }
        })
        .collect();
    Ok(Page {
        items,
        total,
        page,
        page_size,
    })
}

/// How many alerts need someone now: the shell's badge.
pub async fn open_count(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<u64> {
    require(actor, Operation::ReadAlerts)?;
    let today = crate::clock::today();
    Ok(alerts::Entity::find()
        .filter(in_view(AlertView::Open, today))
        .count(db)
        .await?)
}

/// Acknowledges open alerts (someone has seen to them): never raised
/// again. Returns how many changed; others (already acknowledged or
/// resolved) are left as they are.
pub async fn acknowledge(db: &impl ConnectionTrait, actor: &Actor, ids: &[i64]) -> CoreResult<u64> {
    require(actor, Operation::HandleAlerts)?;
    let ids: Vec<i32> = ids
        .iter()
        .filter_map(|id| i32::try_from(*id).ok())
        .collect();
    let result = alerts::Entity::update_many()
        .col_expr(
            alerts::Column::State,
            Expr::value(AlertState::Acknowledged.code()),
        )
        .col_expr(
            alerts::Column::AcknowledgedBy,
            Expr::value(actor.staff_row_id()),
        )
        .col_expr(alerts::Column::AcknowledgedAt, Expr::value(Utc::now()))
        .filter(alerts::Column::Id.is_in(ids))
        .filter(alerts::Column::State.eq(AlertState::Open.code()))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Snoozes an open alert until a day (tomorrow at the earliest, a year at
/// the most), or wakes it (`until` empty). It is notified again when it
/// comes back.
pub async fn snooze(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &SnoozeAlert,
) -> CoreResult<()> {
    require(actor, Operation::HandleAlerts)?;
    let today = crate::clock::today();
    if let Some(until) = input.until {
        let latest = today + Days::new(MAX_SNOOZE_DAYS.unsigned_abs());
        if until <= today || until > latest {
            return Err(CoreError::validation(
                "until",
                ValidationCode::InvalidDate,
                format!("snooze until a day after today and before {latest}"),
            ));
        }
    }
    let alert = i32::try_from(input.id)
        .ok()
        .map(|id| alerts::Entity::find_by_id(id).one(db));
    let alert = match alert {
        Some(found) => found.await?,
        None => None,
    }
    .ok_or(CoreError::not_found(Thing::Alert))?;
    if alert.state != AlertState::Open.code() {
        return Err(CoreError::Conflict(
            parc_api::problem::Problem::OnlyOpenAlertSnoozed,
        ));
    }
    let mut model: alerts::ActiveModel = alert.into();
    model.snoozed_until = Set(input.until);
    super::notify::announce_again(&mut model);
    model.update(db).await?;
    Ok(())
}

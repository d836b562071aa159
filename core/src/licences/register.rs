//! Licences: what a client bought for a software, its purchase lots and
//! renewals, the list with seat use and state, and the key.
//!
//! The key is stored as typed; rows carry `mask_key` of it, and only
//! `reveal_key` (managers, written in the licence's history) returns it.
//!
//! `state_of` is the one rule of a licence's state. The list counts seat use
//! and installations by grouped queries per page, never one per row.

use super::compliance::{covered, seat_in_use};
use super::licence_entity as licences;
use super::lot_entity as lots;
use super::software_entity as software;
use crate::actor::Actor;
use crate::audit;
use crate::authz::{require, Operation};
use crate::clients::client_entity as clients;
use crate::error::{CoreError, CoreResult};
use crate::ownership;
use crate::query::id32;
use crate::query::{bounds, find_in_scope, words_in_any};
use crate::sequences;
use crate::sites::site_entity as sites;
use crate::validate;
use chrono::{Months, NaiveDate};
use parc_api::equipment::EquipmentStatus;
use parc_api::history::FieldChange;
use parc_api::licences::{
    mask_key, AddLot, CoveredInstallation, LicenceDetail, LicenceInput, LicenceKind, LicenceQuery,
    LicenceRow, LicenceState, LicenceView, LotInput, LotRow, RenewLicence, EXPIRING_WITHIN_DAYS,
};
use parc_api::problem::Thing;
use parc_api::text::search_text;
use parc_api::{Page, ValidationCode};
use sea_orm::sea_query::{Expr, IntoColumnRef};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait, Select, Set, Statement,
    TransactionSession, TransactionTrait, Value,
};
use std::collections::{HashMap, HashSet};

/// Where a licence stands on `today`, worst first: expired, not started
/// yet, over-allocated, expiring within `within` days, else compliant —
/// the same in-force rule as `compliance::in_force`.
pub fn state_of(
    licence: &licences::Model,
    assigned: i64,
    today: NaiveDate,
    within: i64,
) -> LicenceState {
    match (licence.starts_on, licence.expires_on) {
        (_, Some(end)) if end < today => LicenceState::Expired,
        (Some(start), _) if start > today => LicenceState::NotStarted,
        _ if licence.seats.is_some_and(|s| assigned > i64::from(s)) => LicenceState::OverAllocated,
        (_, Some(end)) if (end - today).num_days() <= within => LicenceState::Expiring,
        _ => LicenceState::Compliant,
    }
}

/// The last day of a term of `months` starting on `start`: the day before
/// the same date `months` later (1 March + 12 → 28 or 29 February).
pub fn term_end(start: NaiveDate, months: i32) -> Option<NaiveDate> {
    start
        .checked_add_months(Months::new(months.unsigned_abs()))
        .and_then(|d| d.pred_opt())
}

/// Days ahead a licence counts as expiring: the query's, else the default.
fn expiring_within(query: &LicenceQuery) -> i64 {
    query
        .within_days
        .unwrap_or(EXPIRING_WITHIN_DAYS)
        .clamp(0, 3650)
}

fn kind_of(model: &licences::Model) -> LicenceKind {
    LicenceKind::from_code(&model.kind).unwrap_or_default()
}

pub(crate) async fn find(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<licences::Model> {
    find_in_scope::<licences::Entity>(db, actor, id, Thing::Licence, |l| l.client_id).await
}

/// A lot as typed, checked; `field` prefixes the names of its fields.
struct CheckedLot {
    purchased_on: NaiveDate,
    quantity: i32,
    cost_cents: Option<i64>,
    supplier: String,
}

/// `default_quantity` stands for a quantity left at 0: the seats a first
/// purchase or a renewal is for.
fn check_lot(field: &str, lot: &LotInput, default_quantity: Option<i32>) -> CoreResult<CheckedLot> {
    let name = |f: &str| format!("{field}.{f}");
    let purchased_on =
        validate::date(&name("purchased_on"), &lot.purchased_on)?.ok_or_else(|| {
            CoreError::validation(
                &name("purchased_on"),
                ValidationCode::Required,
                "the date of the purchase",
            )
        })?;
    let quantity = match (lot.quantity, default_quantity) {
        (0, Some(default)) => default,
        (typed, _) => typed,
    };
    if !(1..=1_000_000).contains(&quantity) {
        return Err(CoreError::validation(
            &name("quantity"),
            ValidationCode::InvalidFormat,
            "a quantity of 1 or more",
        ));
    }
    Ok(CheckedLot {
        purchased_on,
        quantity,
        cost_cents: validate::amount(&name("cost"), &lot.cost)?,
        supplier: validate::optional(&name("supplier"), &lot.supplier, 200)?,
    })
}

async fn insert_lot(
    db: &impl ConnectionTrait,
    licence_id: i32,
    kind: &str,
    lot: &CheckedLot,
    covers_until: Option<NaiveDate>,
) -> CoreResult<lots::Model> {
    Ok(lots::ActiveModel {
        licence_id: Set(licence_id),
        kind: Set(kind.to_owned()),
        purchased_on: Set(lot.purchased_on),
        quantity: Set(lot.quantity),
        cost_cents: Set(lot.cost_cents),
        supplier: Set(lot.supplier.clone()),
        covers_until: Set(covers_until),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The licence's history line for a lot.
fn lot_change(kind: &str, lot: &CheckedLot) -> FieldChange {
    FieldChange {
        field: kind.to_owned(),
        before: None,
        after: Some(format!(
            "{} × {} {}",
            lot.quantity, lot.purchased_on, lot.supplier
        )),
    }
}

pub async fn create_licence<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &LicenceInput,
) -> CoreResult<LicenceDetail> {
    save_licence(db, actor, None, input).await
}

pub async fn update_licence<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    input: &LicenceInput,
) -> CoreResult<LicenceDetail> {
    save_licence(db, actor, Some(id), input).await
}

async fn save_licence<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: Option<i64>,
    input: &LicenceInput,
) -> CoreResult<LicenceDetail> {
    require(actor, Operation::WriteLicences)?;
    let kind = input.kind;
    let seats = if kind.has_seats() {
        match input.seats {
            Some(n) if (1..=1_000_000).contains(&n) => Some(n),
            Some(_) => {
                return Err(CoreError::validation(
                    "seats",
                    ValidationCode::InvalidFormat,
                    "a number of seats from 1 to 1,000,000",
                ))
            }
            None => {
                return Err(CoreError::validation(
                    "seats",
                    ValidationCode::Required,
                    "a number of seats of 1 or more",
                ))
            }
        }
    } else {
        None
    };
    let term_months = match (kind, input.term_months) {
        (LicenceKind::Subscription, Some(n)) if (1..=120).contains(&n) => Some(n),
        (LicenceKind::Subscription, Some(_)) => {
            return Err(CoreError::validation(
                "term_months",
                ValidationCode::InvalidFormat,
                "a term of 1 to 120 months",
            ))
        }
        (LicenceKind::Subscription, None) => {
            return Err(CoreError::validation(
                "term_months",
                ValidationCode::Required,
                "a term of 1 to 120 months",
            ))
        }
        _ => None,
    };
    let starts_on = validate::date("starts_on", &input.starts_on)?;
    let mut expires_on = validate::date("expires_on", &input.expires_on)?;
    if kind == LicenceKind::Subscription && expires_on.is_none() {
        expires_on = match (starts_on, term_months) {
            (Some(start), Some(months)) => term_end(start, months),
            _ => None,
        };
        if expires_on.is_none() {
            return Err(CoreError::validation(
                "expires_on",
                ValidationCode::Required,
                "a subscription ends: give its expiry or its start",
            ));
        }
    }
    if let (Some(start), Some(end)) = (starts_on, expires_on) {
        if end < start {
            return Err(CoreError::validation(
                "expires_on",
                ValidationCode::InvalidDate,
                format!("must be on or after the start, {start}"),
            ));
        }
    }
    let renewal_price = validate::amount("renewal_price", &input.renewal_price)?;
    let notes = validate::optional("notes", &input.notes, 10_000)?;
    let typed_key = match &input.licence_key {
        Some(key) => Some(validate::optional("licence_key", key, 500)?),
        None => None,
    };
    let first_lot = match (&input.first_lot, id) {
        // Nothing typed about the purchase: none recorded. Anything typed
        // is checked (a cost without its date is refused, not dropped); the
        // first purchase is of the licence's seats.
        (Some(lot), None)
            if !(lot.purchased_on.trim().is_empty()
                && lot.cost.trim().is_empty()
                && lot.supplier.trim().is_empty()) =>
        {
            let mut bought = lot.clone();
            bought.quantity = 0;
            Some(check_lot("first_lot", &bought, Some(seats.unwrap_or(1)))?)
        }
        _ => None,
    };
    let txn = crate::db::begin_write(db).await?;
    let before = match id {
        Some(id) => Some(find(&txn, actor, id).await?),
        None => None,
    };
    let program = match i32::try_from(input.software_id) {
        Ok(id) => software::Entity::find_by_id(id).one(&txn).await?,
        Err(_) => None,
    }
    .ok_or_else(|| {
        CoreError::validation("software_id", ValidationCode::Unknown, "choose a software")
    })?;
    let client = match i32::try_from(input.client_id) {
        Ok(id) => clients::Entity::find_by_id(id).one(&txn).await?,
        Err(_) => None,
    }
    .ok_or_else(|| {
        CoreError::validation("client_id", ValidationCode::Unknown, "choose a client")
    })?;
    let site_id = if kind == LicenceKind::PerSite {
        let site = ownership::site(&txn, &client, input.site_id, "site_id").await?;
        if site.is_none() {
            return Err(CoreError::validation(
                "site_id",
                ValidationCode::Required,
                "a site licence covers one site: choose it",
            ));
        }
        site
    } else {
        None
    };
    if let Some(b) = &before {
        // Seats given stay valid only for the same client, software and a
        // type that gives seats to what they were given to.
        let seats = super::assignment_entity::Entity::find()
            .filter(super::assignment_entity::Column::LicenceId.eq(b.id))
            .all(&txn)
            .await?;
        let misfit = |field: &str, why: &str| {
            CoreError::validation(
                field,
                ValidationCode::Conflict,
                format!(
                    "{} seats are given out: {why}; take them back first",
                    seats.len()
                ),
            )
        };
        if !seats.is_empty() {
            if b.client_id != client.id {
                return Err(misfit("client_id", "they belong to the other client"));
            }
            if b.software_id != program.id {
                return Err(misfit(
                    "software_id",
                    "they were given for the other software",
                ));
            }
            if seats.iter().any(|a| a.equipment_id.is_some()) && !kind.assigns_equipment() {
                return Err(misfit("kind", "this type gives no seats to equipment"));
            }
            if seats.iter().any(|a| a.contact_id.is_some()) && !kind.assigns_contacts() {
                return Err(misfit("kind", "this type gives no seats to people"));
            }
        }
    }
    let now = chrono::Utc::now();
    let mut model = match &before {
        Some(b) => b.clone().into_active_model(),
        None => licences::ActiveModel {
            reference: Set(
                sequences::next_reference(&txn, "licence", crate::clock::today()).await?,
            ),
            created_at: Set(now),
            licence_key: Set(String::new()),
            ..Default::default()
        },
    };
    if let Some(key) = typed_key {
        model.licence_key = Set(key);
    }
    model.software_id = Set(program.id);
    model.client_id = Set(client.id);
    model.kind = Set(kind.code().to_owned());
    model.seats = Set(seats);
    model.site_id = Set(site_id);
    model.term_months = Set(term_months);
    model.starts_on = Set(starts_on);
    model.expires_on = Set(expires_on);
    model.renewal_price_cents = Set(renewal_price);
    model.auto_renew = Set(input.auto_renew);
    let reference = match &model.reference {
        sea_orm::ActiveValue::Set(r) | sea_orm::ActiveValue::Unchanged(r) => r.clone(),
        sea_orm::ActiveValue::NotSet => String::new(),
    };
    model.search_text = Set(search_text(&[&reference, &notes]));
    model.notes = Set(notes);
    model.updated_at = Set(now);
    let after = match before {
        Some(_) => model.update(&txn).await?,
        None => model.insert(&txn).await?,
    };
    audit::record_saved(&txn, actor, i64::from(after.id), before.as_ref(), &after).await?;
    if let Some(lot) = first_lot {
        insert_lot(&txn, after.id, "purchase", &lot, None).await?;
    }
    txn.commit().await?;
    detail(db, actor, after).await
}

/// Records a purchase of more seats: a lot, and the seats it adds.
pub async fn add_lot<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &AddLot,
) -> CoreResult<LicenceDetail> {
    require(actor, Operation::WriteLicences)?;
    let lot = check_lot("lot", &input.lot, None)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find(&txn, actor, input.licence_id).await?;
    insert_lot(&txn, before.id, "purchase", &lot, None).await?;
    let mut model = before.clone().into_active_model();
    if kind_of(&before).has_seats() {
        model.seats = Set(Some(before.seats.unwrap_or(0).saturating_add(lot.quantity)));
    }
    model.updated_at = Set(chrono::Utc::now());
    let after = model.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        i64::from(after.id),
        "purchase",
        Some(&before),
        Some(&after),
    )
    .await?;
    audit::entry_of_changes(
        actor,
        "licence",
        i64::from(after.id),
        "purchase",
        &[lot_change("purchase", &lot)],
    )?
    .insert(&txn)
    .await?;
    txn.commit().await?;
    detail(db, actor, after).await
}

/// Renews a licence: a new expiry (given, or one term — a year when it has
/// none — after the current one, or after today when it has lapsed) and a
/// renewal lot recording what it cost.
pub async fn renew_licence<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &RenewLicence,
) -> CoreResult<LicenceDetail> {
    require(actor, Operation::WriteLicences)?;
    let typed = validate::date("expires_on", &input.expires_on)?;
    let txn = crate::db::begin_write(db).await?;
    let before = find(&txn, actor, input.licence_id).await?;
    // Left at 0, a renewal renews the seats owned.
    let lot = check_lot("lot", &input.lot, Some(before.seats.unwrap_or(1)))?;
    let today = crate::clock::today();
    // The new term starts the day after the current one ends, or today
    // when it has lapsed.
    let next_start = before
        .expires_on
        .and_then(|end| end.succ_opt())
        .map_or(today, |day| day.max(today));
    let months = before.term_months.unwrap_or(12);
    let new_end = match typed {
        Some(date) => date,
        None => term_end(next_start, months).ok_or_else(|| {
            CoreError::validation("expires_on", ValidationCode::InvalidDate, "too far ahead")
        })?,
    };
    if let Some(end) = before.expires_on.filter(|end| new_end <= *end) {
        return Err(CoreError::validation(
            "expires_on",
            ValidationCode::InvalidDate,
            format!("must be after the current expiry, {end}"),
        ));
    }
    if new_end < today {
        return Err(CoreError::validation(
            "expires_on",
            ValidationCode::InvalidDate,
            format!("must be today, {today}, or later: the licence would still be expired"),
        ));
    }
    insert_lot(&txn, before.id, "renewal", &lot, Some(new_end)).await?;
    let mut model = before.clone().into_active_model();
    model.expires_on = Set(Some(new_end));
    if lot.cost_cents.is_some() {
        model.renewal_price_cents = Set(lot.cost_cents);
    }
    model.updated_at = Set(chrono::Utc::now());
    let after = model.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        i64::from(after.id),
        "renew",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    detail(db, actor, after).await
}

/// The key in clear, for a manager; the reveal is written in the
/// licence's history (who saw it, when), never the key itself.
pub async fn reveal_key<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> CoreResult<String> {
    require(actor, Operation::RevealLicenceKeys)?;
    let licence = find(db, actor, id).await?;
    audit::entry_of_changes(actor, "licence", i64::from(licence.id), "reveal key", &[])?
        .insert(db)
        .await?;
    Ok(licence.licence_key)
}

pub async fn get_licence(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<LicenceDetail> {
    require(actor, Operation::ReadLicences)?;
    let licence = find(db, actor, id).await?;
    detail(db, actor, licence).await
}

async fn detail(
    db: &impl ConnectionTrait,
    actor: &Actor,
    licence: licences::Model,
) -> CoreResult<LicenceDetail> {
    let lot_rows = lots::Entity::find()
        .filter(lots::Column::LicenceId.eq(licence.id))
        .order_by_desc(lots::Column::PurchasedOn)
        .order_by_desc(lots::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| LotRow {
            id: i64::from(l.id),
            kind: l.kind,
            purchased_on: l.purchased_on,
            quantity: l.quantity,
            cost_cents: l.cost_cents,
            supplier: l.supplier,
            covers_until: l.covers_until,
        })
        .collect();
    let assignments =
        super::assignments::list_of_licence(db, licence.id, licence.client_id).await?;
    let installations = covered_installations(db, &licence).await?;
    let site_id = licence.site_id.map(i64::from);
    let term_months = licence.term_months;
    let starts_on = licence.starts_on;
    let notes = licence.notes.clone();
    // A portal contact is never told a key exists, let alone its end.
    let has_key = !licence.licence_key.is_empty() && actor.client_scope().is_none();
    let row = rows_of(db, actor, vec![licence], EXPIRING_WITHIN_DAYS)
        .await?
        .pop()
        .ok_or(CoreError::not_found(Thing::Licence))?;
    Ok(LicenceDetail {
        row,
        site_id,
        term_months,
        starts_on,
        notes,
        has_key,
        lots: lot_rows,
        assignments,
        installations,
    })
}

/// The installations a licence concerns (the client's, or its site's), each
/// with whether any licence in force covers it; the first 200.
async fn covered_installations(
    db: &impl ConnectionTrait,
    licence: &licences::Model,
) -> CoreResult<Vec<CoveredInstallation>> {
    let today = crate::clock::today();
    let mut values: Vec<Value> = vec![
        licence.client_id.into(),
        licence.software_id.into(),
        EquipmentStatus::Retired.code().into(),
    ];
    let site_filter = match (kind_of(licence), licence.site_id) {
        (LicenceKind::PerSite, Some(site)) => {
            values.push(site.into());
            " AND e.site_id = ?"
        }
        _ => "",
    };
    let sql = format!(
        "SELECT i.id, CASE WHEN {covered} THEN 1 ELSE 0 END \
         FROM installations i JOIN equipment e ON e.id = i.equipment_id \
         WHERE e.client_id = ? AND i.software_id = ? AND e.status <> ?{site_filter} \
         ORDER BY 2, e.reference LIMIT 200",
        covered = covered(today)
    );
    let mut coverage: HashMap<i32, bool> = HashMap::new();
    for row in db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            values,
        ))
        .await?
    {
        let id: i32 = row.try_get_by_index(0)?;
        let covered: i32 = row.try_get_by_index(1)?;
        coverage.insert(id, covered == 1);
    }
    let models = super::installation_entity::Entity::find()
        .filter(super::installation_entity::Column::Id.is_in(coverage.keys().copied()))
        .all(db)
        .await?;
    let mut rows: Vec<CoveredInstallation> = super::installations::describe(db, models)
        .await?
        .into_iter()
        .map(|installation| CoveredInstallation {
            covered: i32::try_from(installation.id)
                .ok()
                .and_then(|id| coverage.get(&id).copied())
                .unwrap_or(false),
            installation,
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.covered, &a.installation.equipment_reference)
            .cmp(&(b.covered, &b.installation.equipment_reference))
    });
    Ok(rows)
}

/// The licences a query selects, in the actor's scope.
fn selection(
    actor: &Actor,
    query: &LicenceQuery,
    today: NaiveDate,
) -> CoreResult<Select<licences::Entity>> {
    let mut select = licences::Entity::find()
        .join(JoinType::InnerJoin, licences::Relation::Software.def())
        .join(JoinType::InnerJoin, licences::Relation::Client.def());
    if let Some(client) = crate::query::client_in_scope(actor, query.client_id)? {
        select = select.filter(licences::Column::ClientId.eq(client));
    }
    if let Some(id) = query.software_id {
        select = select.filter(licences::Column::SoftwareId.eq(id32(id, Thing::Software)?));
    }
    if let Some(id) = query.equipment_id {
        select = select.filter(Expr::cust_with_values(
            "licences.id IN (SELECT licence_id FROM licence_assignments WHERE equipment_id = ?)",
            [id32(id, Thing::Equipment)?],
        ));
    }
    if let Some(id) = query.contact_id {
        select = select.filter(Expr::cust_with_values(
            "licences.id IN (SELECT licence_id FROM licence_assignments WHERE contact_id = ?)",
            [id32(id, Thing::Contact)?],
        ));
    }
    if !query.search.trim().is_empty() {
        select = select.filter(words_in_any(
            &[
                (licences::Entity, licences::Column::SearchText).into_column_ref(),
                (software::Entity, software::Column::SearchText).into_column_ref(),
                (clients::Entity, clients::Column::SearchText).into_column_ref(),
            ],
            &query.search,
        ));
    }
    let within = expiring_within(query);
    select = match query.view {
        LicenceView::All => select,
        LicenceView::Expired => select.filter(licences::Column::ExpiresOn.lt(today)),
        LicenceView::Expiring => select
            .filter(licences::Column::ExpiresOn.gte(today))
            .filter(
                licences::Column::ExpiresOn.lte(today + chrono::Days::new(within.unsigned_abs())),
            ),
        // One grouped subquery, not a count per licence; seats in use
        // only, licences not expired (an expired one says so first).
        LicenceView::OverAllocated => select
            .filter(
                sea_orm::Condition::any()
                    .add(licences::Column::ExpiresOn.is_null())
                    .add(licences::Column::ExpiresOn.gte(today)),
            )
            .filter(Expr::cust(format!(
                "licences.id IN (SELECT a.licence_id FROM licence_assignments a \
                   JOIN licences l ON l.id = a.licence_id \
                   WHERE l.seats IS NOT NULL AND {seat_in_use} \
                   GROUP BY a.licence_id, l.seats HAVING COUNT(*) > l.seats)",
                seat_in_use = seat_in_use()
            ))),
    };
    Ok(select)
}

/// A page of licences: expiring and expired views by expiry date, the
/// others by software then client.
pub async fn list_licences(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &LicenceQuery,
) -> CoreResult<Page<LicenceRow>> {
    require(actor, Operation::ReadLicences)?;
    let (page, page_size, offset) = bounds(query.page, query.page_size);
    let today = crate::clock::today();
    let select = selection(actor, query, today)?;
    let total = select.clone().count(db).await?;
    let ordered = match query.view {
        LicenceView::Expiring | LicenceView::Expired => {
            select.order_by_asc(licences::Column::ExpiresOn)
        }
        _ => select
            .order_by_asc(software::Column::SortKey)
            .order_by_asc(clients::Column::SortKey),
    };
    let models = ordered
        .order_by_asc(licences::Column::Id)
        .offset(offset)
        .limit(page_size)
        .all(db)
        .await?;
    Ok(Page {
        items: rows_of(db, actor, models, expiring_within(query)).await?,
        total,
        page,
        page_size,
    })
}

/// Every licence a query selects, for an export or the command line.
pub(crate) async fn all_rows(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &LicenceQuery,
) -> CoreResult<Vec<LicenceRow>> {
    require(actor, Operation::ReadLicences)?;
    let today = crate::clock::today();
    let models = selection(actor, query, today)?
        .order_by_asc(licences::Column::ExpiresOn)
        .order_by_asc(licences::Column::Id)
        .all(db)
        .await?;
    let mut rows = Vec::with_capacity(models.len());
    for chunk in models.chunks(500) {
        rows.extend(rows_of(db, actor, chunk.to_vec(), expiring_within(query)).await?);
    }
    Ok(rows)
}

/// Rows with names, seats in use and installations, a few grouped queries
/// for the whole batch; expiring means within `within` days. A portal
/// contact's rows carry no trace of the key.
pub(crate) async fn rows_of(
    db: &impl ConnectionTrait,
    actor: &Actor,
    models: Vec<licences::Model>,
    within: i64,
) -> CoreResult<Vec<LicenceRow>> {
    if models.is_empty() {
        return Ok(Vec::new());
    }
    let today = crate::clock::today();
    let ids: Vec<i32> = models.iter().map(|l| l.id).collect();
    let software_ids: HashSet<i32> = models.iter().map(|l| l.software_id).collect();
    let client_ids: HashSet<i32> = models.iter().map(|l| l.client_id).collect();
    let site_ids: HashSet<i32> = models.iter().filter_map(|l| l.site_id).collect();
    let programs: HashMap<i32, software::Model> = software::Entity::find()
        .filter(software::Column::Id.is_in(software_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let client_names: HashMap<i32, String> = clients::Entity::find()
        .filter(clients::Column::Id.is_in(client_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let site_names: HashMap<i32, String> = sites::Entity::find()
        .filter(sites::Column::Id.is_in(site_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let assigned = seats_in_use(db, &ids).await?;
    let installed = installed_by_site(db, &client_ids, &software_ids).await?;
    Ok(models
        .into_iter()
        .map(|l| {
            let kind = kind_of(&l);
            let seats_used = assigned.get(&l.id).copied().unwrap_or(0);
            let per_site = installed.iter().filter(|((client, program, _), _)| {
                *client == l.client_id && *program == l.software_id
            });
            let installed_count = match (kind, l.site_id) {
                (LicenceKind::PerSite, Some(site)) => per_site
                    .filter(|((_, _, s), _)| *s == Some(site))
                    .map(|(_, n)| n)
                    .sum(),
                _ => per_site.map(|(_, n)| n).sum(),
            };
            let program = programs.get(&l.software_id);
            LicenceRow {
                id: i64::from(l.id),
                reference: l.reference.clone(),
                software_id: i64::from(l.software_id),
                software_name: program.map(|p| p.name.clone()).unwrap_or_default(),
                publisher: program.map(|p| p.publisher.clone()).unwrap_or_default(),
                client_id: i64::from(l.client_id),
                client_name: client_names.get(&l.client_id).cloned().unwrap_or_default(),
                kind,
                seats: l.seats,
                assigned: seats_used,
                installed: installed_count,
                site_name: l.site_id.and_then(|s| site_names.get(&s).cloned()),
                expires_on: l.expires_on,
                auto_renew: l.auto_renew,
                renewal_price_cents: l
                    .renewal_price_cents
                    .filter(|_| actor.client_scope().is_none()),
                state: state_of(&l, seats_used, today, within),
                masked_key: if actor.client_scope().is_some() {
                    String::new()
                } else {
                    mask_key(&l.licence_key)
                },
            }
        })
        .collect())
}

/// Seats in use (`compliance::seat_in_use`) per licence, for the ids given.
async fn seats_in_use(db: &impl ConnectionTrait, ids: &[i32]) -> CoreResult<HashMap<i32, i64>> {
    let sql = format!(
        "SELECT a.licence_id, COUNT(*) FROM licence_assignments a \
           JOIN licences l ON l.id = a.licence_id \
         WHERE a.licence_id IN ({}) AND {} GROUP BY a.licence_id",
        vec!["?"; ids.len()].join(","),
        seat_in_use()
    );
    let values: Vec<Value> = ids.iter().map(|id| Value::from(*id)).collect();
    let mut counts = HashMap::new();
    for row in db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            values,
        ))
        .await?
    {
        counts.insert(
            row.try_get_by_index::<i32>(0)?,
            row.try_get_by_index::<i64>(1)?,
        );
    }
    Ok(counts)
}

/// Installations on equipment in use per (client, software, site), for
/// the clients and software given: one grouped query.
async fn installed_by_site(
    db: &impl ConnectionTrait,
    client_ids: &HashSet<i32>,
    software_ids: &HashSet<i32>,
) -> CoreResult<HashMap<(i32, i32, Option<i32>), i64>> {
    let placeholders = |n: usize| vec!["?"; n].join(",");
    let sql = format!(
        "SELECT e.client_id, i.software_id, e.site_id, COUNT(*) \
         FROM installations i JOIN equipment e ON e.id = i.equipment_id \
         WHERE e.status <> ? AND e.client_id IN ({}) AND i.software_id IN ({}) \
         GROUP BY e.client_id, i.software_id, e.site_id",
        placeholders(client_ids.len()),
        placeholders(software_ids.len())
    );
    let mut values: Vec<Value> = vec![EquipmentStatus::Retired.code().into()];
    values.extend(client_ids.iter().map(|id| Value::from(*id)));
    values.extend(software_ids.iter().map(|id| Value::from(*id)));
    let mut counts = HashMap::new();
    for row in db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            values,
        ))
        .await?
    {
        let key = (
            row.try_get_by_index::<i32>(0)?,
            row.try_get_by_index::<i32>(1)?,
            row.try_get_by_index::<Option<i32>>(2)?,
        );
        counts.insert(key, row.try_get_by_index::<i64>(3)?);
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn licence(starts: Option<&str>, expires: Option<&str>, seats: Option<i32>) -> licences::Model {
        licences::Model {
            id: 1,
            reference: "LIC00001".into(),
            software_id: 1,
            client_id: 1,
            kind: "per_device".into(),
            seats,
            site_id: None,
            term_months: None,
            licence_key: String::new(),
            starts_on: starts.map(day),
            expires_on: expires.map(day),
            renewal_price_cents: None,
            auto_renew: false,
            notes: String::new(),
            search_text: String::new(),
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn the_worst_state_wins() {
        let today = day("2026-06-01");
        let state = |l: licences::Model, assigned| state_of(&l, assigned, today, 60);
        assert_eq!(
            state(licence(None, Some("2026-05-31"), Some(1)), 5),
            LicenceState::Expired
        );
        assert_eq!(
            state(licence(Some("2026-06-02"), None, Some(1)), 5),
            LicenceState::NotStarted
        );
        assert_eq!(
            state(licence(None, Some("2026-06-10"), Some(1)), 5),
            LicenceState::OverAllocated
        );
        assert_eq!(
            state(licence(None, Some("2026-06-01"), Some(5)), 5),
            LicenceState::Expiring
        );
        assert_eq!(
            state(licence(None, Some("2026-07-31"), Some(5)), 5),
            LicenceState::Expiring
        );
        assert_eq!(
            state(licence(None, Some("2026-08-01"), Some(5)), 5),
            LicenceState::Compliant
        );
        assert_eq!(state(licence(None, None, None), 0), LicenceState::Compliant);
        // The expiring window is the query's.
        assert_eq!(
            state_of(&licence(None, Some("2026-08-20"), Some(5)), 5, today, 90),
            LicenceState::Expiring
        );
    }

    #[test]
    fn a_term_ends_the_day_before_the_same_date_later() {
        assert_eq!(term_end(day("2026-01-01"), 12), Some(day("2026-12-31")));
        assert_eq!(term_end(day("2026-05-01"), 1), Some(day("2026-05-31")));
        assert_eq!(term_end(day("2027-03-01"), 12), Some(day("2028-02-29")));
    }
}

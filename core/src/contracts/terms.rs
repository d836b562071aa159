//! A contract form, checked: every typed value parsed once, every refusal
//! naming its field (`lines[2].unit_price` for a price line), so the form
//! shows the message where the mistake is.

use crate::clients::client_entity as clients;
use crate::clients::lookup::find_visible;
use crate::equipment::entity as equipment;
use crate::error::{CoreError, CoreResult};
use crate::ownership;
use crate::query::id32;
use crate::sites::site_entity as sites;
use crate::validate;
use crate::Actor;
use chrono::NaiveDate;
use parc_api::billing::{parse_quantity, parse_rate, Periodicity, QUANTITY_SCALE};
use parc_api::contracts::ContractInput;
use parc_api::problem::Thing;
use parc_api::ValidationCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::BTreeSet;

pub(crate) struct PriceLine {
    pub description: String,
    pub per_equipment: bool,
    pub unit_price_cents: i64,
    pub vat_rate_basis_points: i32,
}

pub(crate) struct Terms {
    pub client: clients::Model,
    pub kind: String,
    pub site_ids: Vec<i32>,
    pub covers_all_equipment: bool,
    pub equipment_ids: Vec<i32>,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub periodicity: Periodicity,
    pub in_advance: bool,
    pub lines: Vec<PriceLine>,
    pub included_minutes: i32,
    pub overage_rate_cents: Option<i64>,
    pub service_level: Option<String>,
    pub visit_every_months: Option<i32>,
    pub auto_renew: bool,
    pub renewal_months: i32,
    pub notice_days: i32,
    pub notes: String,
}

fn invalid(field: &str, code: ValidationCode, message: impl Into<String>) -> CoreError {
    CoreError::validation(field, code, message)
}

/// A whole number in `range`, or `default` when left empty.
fn whole(
    field: &str,
    text: &str,
    range: std::ops::RangeInclusive<i32>,
    default: Option<i32>,
) -> CoreResult<Option<i32>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(default);
    }
    match text.parse::<i32>() {
        Ok(n) if range.contains(&n) => Ok(Some(n)),
        _ => Err(invalid(
            field,
            ValidationCode::InvalidFormat,
            format!(
                "must be a whole number from {} to {}",
                range.start(),
                range.end()
            ),
        )),
    }
}

pub(crate) async fn check(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &ContractInput,
) -> CoreResult<Terms> {
    let client = find_visible(db, actor, input.client_id)
        .await
        .map_err(|_| invalid("client_id", ValidationCode::Required, "choose a client"))?;
    let kind = validate::required("kind", &input.kind, 80)?;
    let start = validate::date("start_date", &input.start_date)?
        .ok_or_else(|| invalid("start_date", ValidationCode::Required, "is required"))?;
    let end = validate::date("end_date", &input.end_date)?;
    if end.is_some_and(|end| end < start) {
        return Err(invalid(
            "end_date",
            ValidationCode::InvalidDate,
            "must not be before the start date",
        ));
    }

    let site_ids = distinct_ids(&input.site_ids, "site_ids")?;
    if site_ids.is_empty() {
        return Err(invalid(
            "site_ids",
            ValidationCode::Required,
            "choose at least one site",
        ));
    }
    ownership::every::<sites::Entity>(db, &client, &site_ids, "site_ids").await?;

    let equipment_ids = if input.covers_all_equipment {
        Vec::new()
    } else {
        let ids = distinct_ids(&input.equipment_ids, "equipment_ids")?;
        if ids.is_empty() {
            return Err(invalid(
                "equipment_ids",
                ValidationCode::Required,
                "choose the covered equipment, or cover all equipment of the sites",
            ));
        }
        let on_sites = equipment::Entity::find()
            .select_only()
            .column(equipment::Column::Id)
            .filter(equipment::Column::Id.is_in(ids.clone()))
            .filter(equipment::Column::ClientId.eq(client.id))
            .filter(equipment::Column::SiteId.is_in(site_ids.clone()))
            .into_tuple::<i32>()
            .all(db)
            .await?;
        if on_sites.len() != ids.len() {
            return Err(invalid(
                "equipment_ids",
                ValidationCode::NotOfClient,
                "every covered equipment must be on one of the covered sites",
            ));
        }
        ids
    };

    if input.lines.is_empty() {
        return Err(invalid(
            "lines",
            ValidationCode::Required,
            "add at least one price line",
        ));
    }
    let mut lines = Vec::with_capacity(input.lines.len());
    for (i, line) in input.lines.iter().enumerate() {
        let field = |name: &str| format!("lines[{i}].{name}");
        let description = validate::required(&field("description"), &line.description, 200)?;
        let unit_price_cents = validate::amount(&field("unit_price"), &line.unit_price)?
            .ok_or_else(|| {
                invalid(
                    &field("unit_price"),
                    ValidationCode::Required,
                    "is required",
                )
            })?;
        let vat_rate = parse_rate(&line.vat_rate).map_err(|()| {
            invalid(
                &field("vat_rate"),
                ValidationCode::InvalidFormat,
                "must be a rate in percent from 0 to 100, like 20 or 5.5",
            )
        })?;
        lines.push(PriceLine {
            description,
            per_equipment: line.per_equipment,
            unit_price_cents,
            vat_rate_basis_points: i32::try_from(vat_rate).unwrap_or(0),
        });
    }

    let included_minutes = if input.included_hours.trim().is_empty() {
        0
    } else {
        let thousandths = parse_quantity(&input.included_hours)
            .ok()
            .filter(|h| (0..=10_000 * QUANTITY_SCALE).contains(h))
            .ok_or_else(|| {
                invalid(
                    "included_hours",
                    ValidationCode::InvalidFormat,
                    "must be a number of hours, like 10 or 2.5",
                )
            })?;
        i32::try_from(thousandths * 60 / QUANTITY_SCALE).unwrap_or(i32::MAX)
    };
    let overage_rate_cents = validate::amount("overage_rate", &input.overage_rate)?;
    let visit_every_months = whole(
        "visit_every_months",
        &input.visit_every_months,
        1..=60,
        None,
    )?;
    let renewal_months =
        whole("renewal_months", &input.renewal_months, 1..=120, Some(12))?.unwrap_or(12);
    let notice_days = whole("notice_days", &input.notice_days, 0..=730, Some(0))?.unwrap_or(0);
    if input.auto_renew && end.is_none() {
        return Err(invalid(
            "end_date",
            ValidationCode::Required,
            "an automatically renewed contract needs the end of its first term",
        ));
    }
    Ok(Terms {
        kind,
        site_ids,
        covers_all_equipment: input.covers_all_equipment,
        equipment_ids,
        start,
        end,
        periodicity: input.periodicity,
        in_advance: input.billed_in_advance,
        lines,
        included_minutes,
        overage_rate_cents,
        service_level: input.service_level.map(|level| level.code().to_owned()),
        visit_every_months,
        auto_renew: input.auto_renew,
        renewal_months,
        notice_days,
        notes: validate::optional("notes", &input.notes, 4000)?,
        client,
    })
}

fn distinct_ids(ids: &[i64], field: &str) -> CoreResult<Vec<i32>> {
    let mut seen = BTreeSet::new();
    for id in ids {
        seen.insert(id32(*id, Thing::Record).map_err(|_| {
            invalid(
                field,
                ValidationCode::Unknown,
                "refers to an unknown record",
            )
        })?);
    }
    Ok(seen.into_iter().collect())
}

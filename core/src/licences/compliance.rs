//! Compliance: for a client and a software, seats owned against seats
//! assigned against installations, and the installations nothing covers.
//!
//! An installation (on equipment not retired) is covered by a licence in
//! force of its client for its software when the licence is unlimited, is
//! the site licence of the equipment's site, has a seat on the equipment
//! (per device, subscription) or has a seat for the equipment's user (per
//! user, subscription). That rule is `covered`, one SQL expression every
//! count and list here uses; nothing is loaded row by row to count.

use super::installation_entity as installations;
use super::installations::describe;
use crate::actor::Actor;
use crate::authz::{require, Operation};
use crate::clients::client_entity as clients;
use crate::error::CoreResult;
use crate::query::id32;
use chrono::NaiveDate;
use parc_api::equipment::EquipmentStatus;
use parc_api::licences::{
    ComplianceDetail, ComplianceQuery, ComplianceRow, ComplianceState, LicenceKind,
};
use parc_api::problem::Thing;
use sea_orm::ColumnTrait;
use sea_orm::{ConnectionTrait, EntityTrait, QueryFilter, Statement, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// `l` (a licence) is in force on `today`: started and not expired (its
/// expiry date is the last day it covers). The date is formatted by chrono,
/// never typed by a user.
pub(crate) fn in_force(today: NaiveDate) -> String {
    format!(
        "(l.starts_on IS NULL OR l.starts_on <= '{today}') \
         AND (l.expires_on IS NULL OR l.expires_on >= '{today}')"
    )
}

/// Installation `i`, on equipment `e`, is covered by a licence in force.
pub(crate) fn covered(today: NaiveDate) -> String {
    format!(
        "EXISTS (SELECT 1 FROM licences l \
           WHERE l.client_id = e.client_id AND l.software_id = i.software_id \
             AND {in_force} \
             AND (l.kind = 'unlimited' \
               OR (l.kind = 'per_site' AND l.site_id = e.site_id) \
               OR (l.kind IN ('per_device', 'subscription') AND EXISTS ( \
                     SELECT 1 FROM licence_assignments a \
                     WHERE a.licence_id = l.id AND a.equipment_id = e.id)) \
               OR (l.kind IN ('per_user', 'subscription') AND e.contact_id IS NOT NULL \
                   AND EXISTS (SELECT 1 FROM licence_assignments a \
                     WHERE a.licence_id = l.id AND a.contact_id = e.contact_id))))",
        in_force = in_force(today)
    )
}

/// Seat `a` of licence `l` is in use: given to a person, or to equipment
/// of the licence's client that is not retired (a seat left on a retired or
/// transferred machine covers nothing, so it is not counted as used).
pub(crate) fn seat_in_use() -> String {
    format!(
        "(a.equipment_id IS NULL OR EXISTS (SELECT 1 FROM equipment se \
           WHERE se.id = a.equipment_id AND se.client_id = l.client_id \
             AND se.status <> '{retired}'))",
        retired = EquipmentStatus::Retired.code()
    )
}

/// A licence in force, as the shortfall counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeatUse {
    pub kind: LicenceKind,
    pub seats: Option<i32>,
    pub assigned: i64,
}

/// Installations nothing covers, by whether their equipment has a user (a
/// per-user seat can only cover those).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unlicensed {
    pub with_user: i64,
    pub without_user: i64,
}

impl Unlicensed {
    pub fn total(self) -> i64 {
        self.with_user + self.without_user
    }
}

/// Seats to buy and the state, from the licences in force and the
/// installations nothing covers: every seat assigned beyond a licence's own
/// seats is short; unlicensed installations are short only beyond the free
/// seats that could be given to them — per-device and subscription seats
/// to any, per-user seats only where the equipment has a user. An
/// unlimited licence is never short.
pub fn shortfall(licences: &[SeatUse], unlicensed: Unlicensed) -> (i64, ComplianceState) {
    if licences.iter().any(|l| l.kind == LicenceKind::Unlimited) {
        return (0, ComplianceState::Compliant);
    }
    let (mut over, mut free_for_equipment, mut free_for_people) = (0, 0, 0);
    for l in licences.iter().filter(|l| l.kind.has_seats()) {
        let seats = i64::from(l.seats.unwrap_or(0));
        over += (l.assigned - seats).max(0);
        let free = (seats - l.assigned).max(0);
        if l.kind.assigns_equipment() {
            free_for_equipment += free;
        } else {
            free_for_people += free;
        }
    }
    let short_without_user = (unlicensed.without_user - free_for_equipment).max(0);
    let left_for_equipment = (free_for_equipment - unlicensed.without_user).max(0);
    let short_with_user = (unlicensed.with_user - left_for_equipment - free_for_people).max(0);
    let short = over + short_without_user + short_with_user;
    let state = if short > 0 {
        ComplianceState::Short
    } else if unlicensed.total() > 0 {
        ComplianceState::ToAssign
    } else {
        ComplianceState::Compliant
    };
    (short, state)
}

/// `AND column = ?` for each filter given, with its value.
fn filters(conditions: &[(&str, Option<i32>)], values: &mut Vec<Value>) -> String {
    conditions
        .iter()
        .filter_map(|(column, value)| {
            value.map(|v| {
                values.push(v.into());
                format!(" AND {column} = ?")
            })
        })
        .collect()
}

/// Installed and unlicensed installations per (client, software).
async fn installation_counts(
    db: &impl ConnectionTrait,
    client: Option<i32>,
    software: Option<i32>,
    today: NaiveDate,
) -> CoreResult<HashMap<(i32, i32), (i64, Unlicensed)>> {
    let mut values: Vec<Value> = vec![EquipmentStatus::Retired.code().into()];
    let sql = format!(
        "SELECT e.client_id, i.software_id, COUNT(*), \
           SUM(CASE WHEN {covered} THEN 0 WHEN e.contact_id IS NULL THEN 0 ELSE 1 END), \
           SUM(CASE WHEN {covered} THEN 0 WHEN e.contact_id IS NULL THEN 1 ELSE 0 END) \
         FROM installations i JOIN equipment e ON e.id = i.equipment_id \
         WHERE e.status <> ?{filters} \
         GROUP BY e.client_id, i.software_id",
        covered = covered(today),
        filters = filters(
            &[("e.client_id", client), ("i.software_id", software)],
            &mut values
        ),
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            values,
        ))
        .await?;
    let mut counts = HashMap::new();
    for row in rows {
        let client: i32 = row.try_get_by_index(0)?;
        let software: i32 = row.try_get_by_index(1)?;
        let installed: i64 = row.try_get_by_index(2)?;
        let with_user: Option<i64> = row.try_get_by_index(3)?;
        let without_user: Option<i64> = row.try_get_by_index(4)?;
        let unlicensed = Unlicensed {
            with_user: with_user.unwrap_or(0),
            without_user: without_user.unwrap_or(0),
        };
        counts.insert((client, software), (installed, unlicensed));
    }
    Ok(counts)
}

/// A licence in force with its number of seats assigned.
pub(crate) struct InForce {
    pub client_id: i32,
    pub software_id: i32,
    pub site_id: Option<i32>,
    pub seat_use: SeatUse,
}

async fn licences_in_force(
    db: &impl ConnectionTrait,
    client: Option<i32>,
    software: Option<i32>,
    today: NaiveDate,
) -> CoreResult<Vec<InForce>> {
    let mut values = Vec::new();
    let sql = format!(
        "SELECT l.id, l.client_id, l.software_id, l.kind, l.seats, l.site_id, COUNT(a.id) \
         FROM licences l LEFT JOIN licence_assignments a \
           ON a.licence_id = l.id AND {seat_in_use} \
         WHERE {in_force}{filters} \
         GROUP BY l.id, l.client_id, l.software_id, l.kind, l.seats, l.site_id",
        in_force = in_force(today),
        seat_in_use = seat_in_use(),
        filters = filters(
            &[("l.client_id", client), ("l.software_id", software)],
            &mut values
        ),
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            values,
        ))
        .await?;
    let mut licences = Vec::with_capacity(rows.len());
    for row in rows {
        let kind: String = row.try_get_by_index(3)?;
        licences.push(InForce {
            client_id: row.try_get_by_index(1)?,
            software_id: row.try_get_by_index(2)?,
            site_id: row.try_get_by_index(5)?,
            seat_use: SeatUse {
                kind: LicenceKind::from_code(&kind).unwrap_or_default(),
                seats: row.try_get_by_index(4)?,
                assigned: row.try_get_by_index(6)?,
            },
        });
    }
    Ok(licences)
}

/// Compliance per client and software having installations or licences
/// in force, by client then software name.
pub async fn compliance(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &ComplianceQuery,
) -> CoreResult<Vec<ComplianceRow>> {
    require(actor, Operation::ReadLicences)?;
    let client = crate::query::client_in_scope(actor, query.client_id)?;
    let software = query
        .software_id
        .map(|id| id32(id, Thing::Software))
        .transpose()?;
    let today = crate::clock::today();
    let counts = installation_counts(db, client, software, today).await?;
    let licences = licences_in_force(db, client, software, today).await?;
    let mut pairs: BTreeMap<(i32, i32), Vec<&InForce>> = BTreeMap::new();
    for pair in counts.keys() {
        pairs.entry(*pair).or_default();
    }
    for licence in &licences {
        pairs
            .entry((licence.client_id, licence.software_id))
            .or_default()
            .push(licence);
    }
    let names = Names::load(db, pairs.keys()).await?;
    let mut rows: Vec<ComplianceRow> = pairs
        .into_iter()
        .map(|((client_id, software_id), licences)| {
            let (installed, unlicensed) = counts
                .get(&(client_id, software_id))
                .copied()
                .unwrap_or_default();
            let uses: Vec<SeatUse> = licences.iter().map(|l| l.seat_use).collect();
            let (short, state) = shortfall(&uses, unlicensed);
            let mut kinds: Vec<LicenceKind> = Vec::new();
            for u in &uses {
                if !kinds.contains(&u.kind) {
                    kinds.push(u.kind);
                }
            }
            let sites: HashSet<i32> = licences
                .iter()
                .filter(|l| l.seat_use.kind == LicenceKind::PerSite)
                .filter_map(|l| l.site_id)
                .collect();
            let seat_licences = uses.iter().filter(|u| u.kind.has_seats());
            ComplianceRow {
                client_id: i64::from(client_id),
                client_name: names.client(client_id),
                software_id: i64::from(software_id),
                software_name: names.software(software_id),
                kinds,
                owned: seat_licences
                    .clone()
                    .map(|u| i64::from(u.seats.unwrap_or(0)))
                    .sum(),
                unlimited: uses.iter().any(|u| u.kind == LicenceKind::Unlimited),
                sites: i64::try_from(sites.len()).unwrap_or(i64::MAX),
                assigned: seat_licences.map(|u| u.assigned).sum(),
                installed,
                unlicensed: unlicensed.total(),
                short,
                state,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (
            parc_api::text::fold(&a.client_name),
            parc_api::text::fold(&a.software_name),
        )
            .cmp(&(
                parc_api::text::fold(&b.client_name),
                parc_api::text::fold(&b.software_name),
            ))
    });
    Ok(rows)
}

/// One client's compliance for one software, with the installations
/// nothing covers (the first 200, by equipment reference).
pub async fn compliance_detail(
    db: &impl ConnectionTrait,
    actor: &Actor,
    client_id: i64,
    software_id: i64,
) -> CoreResult<ComplianceDetail> {
    let query = ComplianceQuery {
        client_id: Some(client_id),
        software_id: Some(software_id),
    };
    let row = compliance(db, actor, &query)
        .await?
        .into_iter()
        .next()
        .ok_or(crate::CoreError::not_found(Thing::Compliance))?;
    let today = crate::clock::today();
    let sql = format!(
        "SELECT i.id FROM installations i JOIN equipment e ON e.id = i.equipment_id \
         WHERE e.client_id = ? AND i.software_id = ? AND e.status <> ? AND NOT {covered} \
         ORDER BY e.reference LIMIT 200",
        covered = covered(today)
    );
    let ids: Vec<i32> = db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            [
                Value::from(id32(row.client_id, Thing::Client)?),
                Value::from(id32(row.software_id, Thing::Software)?),
                EquipmentStatus::Retired.code().into(),
            ],
        ))
        .await?
        .into_iter()
        .map(|r| r.try_get_by_index::<i32>(0))
        .collect::<Result<_, _>>()?;
    let models = installations::Entity::find()
        .filter(installations::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?;
    let mut unlicensed = describe(db, models).await?;
    unlicensed.sort_by(|a, b| a.equipment_reference.cmp(&b.equipment_reference));
    Ok(ComplianceDetail { row, unlicensed })
}

/// Client and software names for a set of (client, software) pairs.
struct Names {
    clients: HashMap<i32, String>,
    software: HashMap<i32, String>,
}

impl Names {
    async fn load<'a>(
        db: &impl ConnectionTrait,
        pairs: impl Iterator<Item = &'a (i32, i32)> + Clone,
    ) -> CoreResult<Self> {
        let client_ids: HashSet<i32> = pairs.clone().map(|p| p.0).collect();
        let software_ids: HashSet<i32> = pairs.map(|p| p.1).collect();
        let clients = clients::Entity::find()
            .filter(clients::Column::Id.is_in(client_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect();
        let software = super::software_entity::Entity::find()
            .filter(super::software_entity::Column::Id.is_in(software_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        Ok(Self { clients, software })
    }
    fn client(&self, id: i32) -> String {
        self.clients.get(&id).cloned().unwrap_or_default()
    }
    fn software(&self, id: i32) -> String {
        self.software.get(&id).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seats(kind: LicenceKind, seats: i32, assigned: i64) -> SeatUse {
        SeatUse {
            kind,
            seats: Some(seats),
            assigned,
        }
    }

    fn unlicensed(with_user: i64, without_user: i64) -> Unlicensed {
        Unlicensed {
            with_user,
            without_user,
        }
    }

    #[test]
    fn seats_assigned_beyond_those_owned_are_short() {
        let licences = [seats(LicenceKind::PerDevice, 5, 7)];
        assert_eq!(
            shortfall(&licences, Unlicensed::default()),
            (2, ComplianceState::Short)
        );
    }

    #[test]
    fn an_unlicensed_installation_is_short_only_beyond_the_free_seats() {
        let licences = [seats(LicenceKind::PerDevice, 10, 7)];
        assert_eq!(
            shortfall(&licences, unlicensed(1, 1)),
            (0, ComplianceState::ToAssign)
        );
        assert_eq!(
            shortfall(&licences, unlicensed(2, 3)),
            (2, ComplianceState::Short)
        );
        assert_eq!(
            shortfall(&[], unlicensed(0, 3)),
            (3, ComplianceState::Short)
        );
    }

    #[test]
    fn a_free_per_user_seat_cannot_cover_a_machine_without_a_user() {
        let licences = [seats(LicenceKind::PerUser, 3, 1)];
        assert_eq!(
            shortfall(&licences, unlicensed(0, 1)),
            (1, ComplianceState::Short)
        );
        assert_eq!(
            shortfall(&licences, unlicensed(2, 0)),
            (0, ComplianceState::ToAssign)
        );
        // Subscription seats go to machines without users first.
        let mixed = [
            seats(LicenceKind::Subscription, 2, 1),
            seats(LicenceKind::PerUser, 1, 0),
        ];
        assert_eq!(
            shortfall(&mixed, unlicensed(1, 1)),
            (0, ComplianceState::ToAssign)
        );
        assert_eq!(
            shortfall(&mixed, unlicensed(2, 1)),
            (1, ComplianceState::Short)
        );
    }

    #[test]
    fn free_seats_of_one_licence_do_not_hide_another_over_allocated() {
        let licences = [
            seats(LicenceKind::PerUser, 5, 7),
            seats(LicenceKind::Subscription, 10, 2),
        ];
        assert_eq!(
            shortfall(&licences, Unlicensed::default()),
            (2, ComplianceState::Short)
        );
    }

    #[test]
    fn an_unlimited_licence_is_never_short() {
        let licences = [
            seats(LicenceKind::PerDevice, 1, 9),
            SeatUse {
                kind: LicenceKind::Unlimited,
                seats: None,
                assigned: 0,
            },
        ];
        assert_eq!(
            shortfall(&licences, unlicensed(20, 20)),
            (0, ComplianceState::Compliant)
        );
    }

    #[test]
    fn a_site_licence_has_no_seats_to_count() {
        let site = SeatUse {
            kind: LicenceKind::PerSite,
            seats: None,
            assigned: 0,
        };
        assert_eq!(
            shortfall(&[site], Unlicensed::default()),
            (0, ComplianceState::Compliant)
        );
        assert_eq!(
            shortfall(&[site], unlicensed(1, 0)),
            (1, ComplianceState::Short)
        );
    }
}

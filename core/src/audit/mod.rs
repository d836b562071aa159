//! The audit log: every mutation records who, when, which record, and each
//! field's value before and after. A record's History tab reads it back.
//!
//! Services call `record` inside the same transaction as the change, so a
//! change and its audit row are committed (or rolled back) together.
//!
//! `history` asks for `ReadHistory` and for the right to read the record's
//! kind (an invoice's `ReadInvoices`, a user's `ManageUsers`…); a kind Parc
//! keeps no history of is refused, and a licence's "reveal key" entries are
//! left out for whoever may not reveal keys (`core/tests/role_paths.rs`).
//! `record_for_ids` writes the audit rows of a bulk writer's new rows in one
//! statement (an imported equipment's history names the file).

pub mod entity;

use crate::actor::Actor;
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use parc_api::history::{FieldChange, HistoryEntry};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// A record whose fields can be compared for the audit log.
pub trait Audited {
    /// The name of the kind of record, as stored in `audit_log.entity`.
    const ENTITY: &'static str;
    /// Field name and displayable value, in a stable order. Secrets are left out.
    fn audit_fields(&self) -> Vec<(&'static str, String)>;
}

/// The fields that differ between two states (a missing state is "nothing").
pub fn diff<T: Audited>(before: Option<&T>, after: Option<&T>) -> Vec<FieldChange> {
    let before_fields = before.map(Audited::audit_fields).unwrap_or_default();
    let after_fields = after.map(Audited::audit_fields).unwrap_or_default();
    let names: Vec<&'static str> = if after_fields.is_empty() {
        before_fields.iter().map(|(n, _)| *n).collect()
    } else {
        after_fields.iter().map(|(n, _)| *n).collect()
    };
    let value_of = |fields: &[(&'static str, String)], name: &str| {
        fields
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    };
    names
        .into_iter()
        .filter_map(|name| {
            let old = value_of(&before_fields, name);
            let new = value_of(&after_fields, name);
            // A creation lists what was filled in, a deletion what was there.
            let blank = |v: &Option<String>| v.as_deref().is_none_or(str::is_empty);
            if blank(&old) && blank(&new) {
                return None;
            }
            (old != new).then(|| FieldChange {
                field: name.to_owned(),
                before: old,
                after: new,
            })
        })
        .collect()
}

/// The audit row of a change, or none when nothing changed. Bulk writers
/// (the CSV import) insert many at once; others call `record`.
pub fn entry<T: Audited>(
    actor: &Actor,
    id: i64,
    action: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> CoreResult<Option<entity::ActiveModel>> {
    let changes = diff(before, after);
    if changes.is_empty() && before.is_some() && after.is_some() {
        return Ok(None);
    }
    entry_of_changes(actor, T::ENTITY, id, action, &changes).map(Some)
}

/// The audit row of changes already worked out, for writers that record
/// something other than a diff (an imported row records where it came from).
pub fn entry_of_changes(
    actor: &Actor,
    entity_name: &str,
    id: i64,
    action: &str,
    changes: &[FieldChange],
) -> CoreResult<entity::ActiveModel> {
    let changes = serde_json::to_string(changes)
        .map_err(|e| CoreError::Internal(format!("cannot encode audit changes: {e}")))?;
    Ok(entity::ActiveModel {
        at: Set(chrono::Utc::now()),
        actor_user_id: Set(actor.user_id().and_then(|id| i32::try_from(id).ok())),
        actor_label: Set(actor.label()),
        entity: Set(entity_name.to_owned()),
        entity_id: Set(id),
        action: Set(action.to_owned()),
        changes: Set(changes),
        ..Default::default()
    })
}

/// Records the same change of `entity_name` records for every row of
/// `table` whose id is in `ids`, in one statement: a bulk writer's new rows
/// (all of them, as it holds the write lock). Written row by row, 100,000
/// imported rows took a second.
pub async fn record_for_ids(
    db: &impl ConnectionTrait,
    actor: &Actor,
    entity_name: &str,
    table: &str,
    ids: std::ops::RangeInclusive<i64>,
    action: &str,
    changes: &[FieldChange],
) -> CoreResult<()> {
    use entity::Column;
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
    let template = entry_of_changes(actor, entity_name, 0, action, changes)?;
    let copied = [
        Column::At,
        Column::ActorUserId,
        Column::ActorLabel,
        Column::Entity,
        Column::Action,
        Column::Changes,
    ];
    let mut select = Query::select();
    for column in copied {
        let value = template
            .get(column)
            .into_value()
            .ok_or_else(|| CoreError::Internal(format!("audit template without {column:?}")))?;
        select.expr(Expr::val(value));
    }
    let id = Alias::new("id");
    select
        .column(id.clone())
        .from(Alias::new(table))
        .and_where(Expr::col(id).between(*ids.start(), *ids.end()));
    let insert = Query::insert()
        .into_table(entity::Entity)
        .columns(copied.into_iter().chain([Column::EntityId]))
        .select_from(select)
        .map_err(|e| CoreError::Internal(format!("audit copy: {e}")))?
        .to_owned();
    db.execute(&insert).await?;
    Ok(())
}

/// Writes one audit row; call it inside the transaction of the change.
pub async fn record<T: Audited>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
    action: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> CoreResult<()> {
    if let Some(row) = entry(actor, id, action, before, after)? {
        row.insert(db).await?;
    }
    Ok(())
}

/// Audits a save done by one form for both creating and editing: "create"
/// when there was no record before, "update" otherwise.
pub async fn record_saved<T: Audited>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
    before: Option<&T>,
    after: &T,
) -> CoreResult<()> {
    let action = if before.is_some() { "update" } else { "create" };
    record(db, actor, id, action, before, Some(after)).await
}

/// What reading the history of each kind of record needs: the right to
/// read the record itself. The caller names the kind, so a kind not listed
/// here is refused rather than read with `ReadHistory` alone.
const READ_TO_SEE_HISTORY: &[(&str, Operation)] = &[
    ("client", Operation::ReadClients),
    ("contact", Operation::ReadClients),
    ("site", Operation::ReadClients),
    ("zone", Operation::ReadZones),
    ("equipment", Operation::ReadEquipment),
    ("equipment_type", Operation::ReadEquipment),
    ("manufacturer", Operation::ReadEquipment),
    ("model", Operation::ReadEquipment),
    ("part", Operation::ReadParts),
    ("software", Operation::ReadSoftware),
    ("licence", Operation::ReadLicences),
    ("contract", Operation::ReadContracts),
    ("invoice", Operation::ReadInvoices),
    ("ticket", Operation::ReadTickets),
    ("intervention", Operation::ReadTickets),
    ("user", Operation::ManageUsers),
    ("portal_access", Operation::ManagePortal),
    ("sla_policy", Operation::ManageSettings),
    ("settings", Operation::ManageSettings),
    ("dataset", Operation::ManageSettings),
];

/// Entries of a history that need more than reading the record: who
/// revealed a licence key, and when, is for those who may reveal one.
const ACTIONS_NEEDING_MORE: &[(&str, &str, Operation)] =
    &[("licence", "reveal key", Operation::RevealLicenceKeys)];

/// The operation reading `entity_name`'s history needs, or a refusal
/// naming the field for a kind of record Parc does not keep.
fn operation_to_read(entity_name: &str) -> CoreResult<Operation> {
    READ_TO_SEE_HISTORY
        .iter()
        .find(|(name, _)| *name == entity_name)
        .map(|(_, op)| *op)
        .ok_or_else(|| {
            CoreError::validation(
                "entity",
                parc_api::ValidationCode::Unknown,
                "no history is kept for such records",
            )
        })
}

/// The history of one record, newest first, for an actor who may read
/// both histories and the record itself.
pub async fn history(
    db: &impl ConnectionTrait,
    actor: &Actor,
    entity_name: &str,
    id: i64,
) -> CoreResult<Vec<HistoryEntry>> {
    require(actor, Operation::ReadHistory)?;
    require(actor, operation_to_read(entity_name)?)?;
    let hidden: Vec<&str> = ACTIONS_NEEDING_MORE
        .iter()
        .filter(|(name, _, op)| *name == entity_name && require(actor, *op).is_err())
        .map(|(_, action, _)| *action)
        .collect();
    let rows = entity::Entity::find()
        .filter(entity::Column::Entity.eq(entity_name))
        .filter(entity::Column::EntityId.eq(id))
        .filter(entity::Column::Action.is_not_in(hidden))
        .order_by_desc(entity::Column::At)
        .order_by_desc(entity::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| HistoryEntry {
            at: row.at,
            actor: row.actor_label,
            action: row.action,
            changes: serde_json::from_str(&row.changes).unwrap_or_default(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Thing(&'static str, &'static str);
    impl Audited for Thing {
        const ENTITY: &'static str = "thing";
        fn audit_fields(&self) -> Vec<(&'static str, String)> {
            vec![("name", self.0.into()), ("city", self.1.into())]
        }
    }

    #[test]
    fn diff_lists_only_changed_fields() {
        let changes = diff(Some(&Thing("Acme", "Lyon")), Some(&Thing("Acme", "Paris")));
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "city");
        assert_eq!(changes[0].before.as_deref(), Some("Lyon"));
        assert_eq!(changes[0].after.as_deref(), Some("Paris"));
    }

    #[test]
    fn creation_lists_every_field() {
        let changes = diff(None, Some(&Thing("Acme", "Lyon")));
        assert_eq!(changes.len(), 2);
        assert!(changes.iter().all(|c| c.before.is_none()));
    }
}

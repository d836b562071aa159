//! The software catalogue: a name (unique, whatever its case or accents),
//! a publisher, a category, and the versions seen by installations.

use super::installation_entity as installations;
use super::licence_entity as licences;
use super::software_entity as software;
use super::version_entity as versions;
use crate::actor::Actor;
use crate::audit;
use crate::authz::{require, Operation};
use crate::error::{CoreError, CoreResult};
use crate::query::id32;
use crate::query::{bounds, matches_words};
use crate::validate;
use parc_api::licences::{SoftwareDetail, SoftwareInput, SoftwareQuery, SoftwareRow, VersionRow};
use parc_api::problem::{Problem, Thing};
use parc_api::text::{fold, search_text};
use parc_api::{Page, ValidationCode};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait, TryIntoModel,
};
use std::collections::HashMap;

/// Counts of `column` grouped by `group`, for the ids given.
async fn counts_by<E: EntityTrait>(
    db: &impl ConnectionTrait,
    group: E::Column,
    ids: &[i32],
) -> CoreResult<HashMap<i32, i64>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(E::find()
        .select_only()
        .column(group)
        .column_as(group.count(), "count")
        .filter(group.is_in(ids.to_vec()))
        .group_by(group)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

async fn rows_of(
    db: &impl ConnectionTrait,
    models: Vec<software::Model>,
) -> CoreResult<Vec<SoftwareRow>> {
    let ids: Vec<i32> = models.iter().map(|s| s.id).collect();
    let installed =
        counts_by::<installations::Entity>(db, installations::Column::SoftwareId, &ids).await?;
    let licensed = counts_by::<licences::Entity>(db, licences::Column::SoftwareId, &ids).await?;
    Ok(models
        .into_iter()
        .map(|s| SoftwareRow {
            id: i64::from(s.id),
            installations: installed.get(&s.id).copied().unwrap_or(0),
            licences: licensed.get(&s.id).copied().unwrap_or(0),
            name: s.name,
            publisher: s.publisher,
            category: s.category,
        })
        .collect())
}

/// A page of the catalogue, by name.
pub async fn list_software(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &SoftwareQuery,
) -> CoreResult<Page<SoftwareRow>> {
    require(actor, Operation::ReadSoftware)?;
    let (page, page_size, offset) = bounds(query.page, query.page_size);
    let mut select = software::Entity::find();
    if !query.search.trim().is_empty() {
        select = select.filter(matches_words(software::Column::SearchText, &query.search));
    }
    let total = select.clone().count(db).await?;
    let models = select
        .order_by_asc(software::Column::SortKey)
        .offset(offset)
        .limit(page_size)
        .all(db)
        .await?;
    Ok(Page {
        items: rows_of(db, models).await?,
        total,
        page,
        page_size,
    })
}

pub(crate) async fn find(db: &impl ConnectionTrait, id: i64) -> CoreResult<software::Model> {
    software::Entity::find_by_id(id32(id, Thing::Software)?)
        .one(db)
        .await?
        .ok_or(CoreError::not_found(Thing::Software))
}

pub async fn get_software(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> CoreResult<SoftwareDetail> {
    require(actor, Operation::ReadSoftware)?;
    let model = find(db, id).await?;
    let notes = model.notes.clone();
    let all_versions = versions::Entity::find()
        .filter(versions::Column::SoftwareId.eq(model.id))
        .all(db)
        .await?;
    let version_ids: Vec<i32> = all_versions.iter().map(|v| v.id).collect();
    let per_version =
        counts_by::<installations::Entity>(db, installations::Column::VersionId, &version_ids)
            .await?;
    let mut version_rows: Vec<VersionRow> = all_versions
        .into_iter()
        .map(|v| VersionRow {
            id: i64::from(v.id),
            installations: per_version.get(&v.id).copied().unwrap_or(0),
            version: v.version,
        })
        .collect();
    version_rows.sort_by_key(|v| std::cmp::Reverse(natural_key(&v.version)));
    let row = rows_of(db, vec![model])
        .await?
        .pop()
        .ok_or(CoreError::not_found(Thing::Software))?;
    Ok(SoftwareDetail {
        row,
        notes,
        versions: version_rows,
    })
}

/// "10.2.3" sorts after "9.9": numbers compared as numbers.
fn natural_key(version: &str) -> Vec<(u64, String)> {
    version
        .split(['.', '-', ' '])
        .map(|part| (part.parse().unwrap_or(0), part.to_owned()))
        .collect()
}

pub async fn create_software<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    input: &SoftwareInput,
) -> CoreResult<SoftwareRow> {
    save_software(db, actor, None, input).await
}

pub async fn update_software<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    input: &SoftwareInput,
) -> CoreResult<SoftwareRow> {
    save_software(db, actor, Some(id), input).await
}

async fn save_software<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: Option<i64>,
    input: &SoftwareInput,
) -> CoreResult<SoftwareRow> {
    require(actor, Operation::WriteCatalogue)?;
    let name = validate::required("name", &input.name, 200)?;
    let publisher = validate::optional("publisher", &input.publisher, 200)?;
    let category = validate::optional("category", &input.category, 100)?;
    let notes = validate::optional("notes", &input.notes, 10_000)?;
    let txn = crate::db::begin_write(db).await?;
    let before = match id {
        Some(id) => Some(find(&txn, id).await?),
        None => None,
    };
    let key = fold(&name);
    if let Some(same) = software::Entity::find()
        .filter(software::Column::SortKey.eq(key.clone()))
        .one(&txn)
        .await?
        .filter(|s| Some(s.id) != before.as_ref().map(|b| b.id))
    {
        return Err(CoreError::field_problem(
            "name",
            ValidationCode::DuplicateOf,
            Problem::AlreadyInCatalogue { name: same.name },
        ));
    }
    let mut model = match &before {
        Some(b) => b.clone().into_active_model(),
        None => software::ActiveModel {
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    };
    model.sort_key = Set(key);
    model.search_text = Set(search_text(&[&name, &publisher, &category]));
    model.name = Set(name);
    model.publisher = Set(publisher);
    model.category = Set(category);
    model.notes = Set(notes);
    let after = model.save(&txn).await?.try_into_model()?;
    audit::record_saved(&txn, actor, i64::from(after.id), before.as_ref(), &after).await?;
    txn.commit().await?;
    rows_of(db, vec![after])
        .await?
        .pop()
        .ok_or(CoreError::not_found(Thing::Software))
}

#[cfg(test)]
mod tests {
    use super::natural_key;

    #[test]
    fn versions_compare_as_numbers() {
        assert!(natural_key("10.2") > natural_key("9.9"));
        assert!(natural_key("2.10.1") > natural_key("2.9.7"));
    }
}

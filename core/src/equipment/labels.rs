//! Label sheets: a QR code of the reference on each label, so scanning it
//! into the global search opens the equipment. The layout is `parc_pdf`'s.

use super::list::for_each_chunk;
use super::{entity, find_equipment, NameBook};
use crate::actor::Actor;
use crate::authz::{require, Operation};
use crate::clients::client_entity as clients;
use crate::error::{CoreError, CoreResult};
use crate::sites::site_entity as sites;
use parc_api::equipment::{EquipmentFilter, EquipmentSort};
use parc_api::text::fold;
use parc_api::{SortDir, ValidationCode};
use parc_pdf::Label;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The most labels one sheet run prints.
pub const MAX_LABELS: usize = 5_000;

fn label_of(book: &NameBook, m: &entity::Model) -> Label {
    let row = book.row(m);
    Label {
        reference: row.reference,
        name: row.name,
        client: row.client_name,
        site: row.site_name,
    }
}

fn render(labels: &[Label]) -> CoreResult<Vec<u8>> {
    if labels.is_empty() {
        return Err(CoreError::validation(
            "ids",
            ValidationCode::Required,
            "select the equipment to label",
        ));
    }
    if labels.len() > MAX_LABELS {
        return Err(CoreError::validation(
            "ids",
            ValidationCode::TooLong,
            format!("at most {MAX_LABELS} labels at a time"),
        ));
    }
    parc_pdf::label_sheet(labels).map_err(|e| CoreError::Internal(format!("label sheet: {e}")))
}

/// A PDF sheet of labels for the selected equipment, in the given order.
pub async fn labels_for_ids(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ids: &[i64],
) -> CoreResult<Vec<u8>> {
    require(actor, Operation::ReadEquipment)?;
    let mut models = Vec::with_capacity(ids.len());
    for id in ids.iter().take(MAX_LABELS + 1) {
        models.push(find_equipment(db, actor, *id).await?);
    }
    let book = NameBook::load(db, &models).await?;
    render(
        &models
            .iter()
            .map(|m| label_of(&book, m))
            .collect::<Vec<_>>(),
    )
}

/// A PDF sheet of labels for every equipment matching `filter`, by reference.
pub async fn labels_for_filter(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: &EquipmentFilter,
) -> CoreResult<(Vec<u8>, u64)> {
    require(actor, Operation::ReadEquipment)?;
    let mut labels = Vec::new();
    for_each_chunk(
        db,
        actor,
        filter,
        EquipmentSort::Reference,
        SortDir::Asc,
        |book, rows| {
            labels.extend(rows.iter().map(|m| label_of(&book, m)));
            Ok(())
        },
    )
    .await?;
    let count = labels.len() as u64;
    Ok((render(&labels)?, count))
}

/// The filter of `parc labels --client CODE --site NAME`.
pub async fn filter_by_names(
    db: &impl ConnectionTrait,
    client_code: Option<&str>,
    site_name: Option<&str>,
) -> CoreResult<EquipmentFilter> {
    let mut filter = EquipmentFilter::default();
    if let Some(code) = client_code {
        let client = clients::Entity::find()
            .filter(clients::Column::Code.eq(code.trim().to_uppercase()))
            .one(db)
            .await?
            .ok_or_else(|| {
                CoreError::validation(
                    "client",
                    ValidationCode::Unknown,
                    format!("no client has the code {code}"),
                )
            })?;
        filter.client_id = Some(i64::from(client.id));
    }
    if let Some(name) = site_name {
        let mut query = sites::Entity::find().filter(sites::Column::SortKey.eq(fold(name)));
        if let Some(client_id) = filter.client_id {
            query = query.filter(sites::Column::ClientId.eq(client_id));
        }
        let found = query.all(db).await?;
        let site = match found.as_slice() {
            [one] => one,
            [] => {
                return Err(CoreError::validation(
                    "site",
                    ValidationCode::Unknown,
                    format!("no site is named {name}"),
                ))
            }
            _ => {
                return Err(CoreError::validation(
                    "site",
                    ValidationCode::Conflict,
                    format!("several clients have a site named {name}: add --client"),
                ))
            }
        };
        filter.site_id = Some(i64::from(site.id));
    }
    Ok(filter)
}

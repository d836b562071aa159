//! Bulk actions on selected equipment: move to a site, change the status,
//! assign to a person. All or nothing, in one transaction; each record
//! checked by the same rules as its form and audited on its own timeline.

use super::{audit_change, carry_components, find_equipment};
use crate::actor::Actor;
use crate::authz::{require, Operation};
use crate::clients::contact_entity as contacts;
use crate::error::{CoreError, CoreResult};
use crate::ownership;
use crate::query::id32;
use crate::sites::site_entity as sites;
use parc_api::equipment::{BulkChange, BulkRequest};
use parc_api::problem::Thing;
use parc_api::ValidationCode;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set, TransactionSession,
    TransactionTrait,
};

/// The most records one bulk action may touch.
pub const MAX_BULK: usize = 10_000;

/// Applies `request.change` to every selected equipment; returns how many changed.
pub async fn bulk_change<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    request: &BulkRequest,
) -> CoreResult<u64> {
    require(actor, Operation::WriteEquipment)?;
    if request.ids.is_empty() || request.ids.len() > MAX_BULK {
        return Err(CoreError::validation(
            "ids",
            ValidationCode::Required,
            format!("select between 1 and {MAX_BULK} equipment"),
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let today = crate::clock::today();
    let site = match &request.change {
        BulkChange::MoveToSite { site_id } => Some(
            sites::Entity::find_by_id(id32(*site_id, Thing::Site)?)
                .one(&txn)
                .await?
                .ok_or_else(|| {
                    CoreError::validation(
                        "site_id",
                        ValidationCode::Unknown,
                        "this site does not exist",
                    )
                })?,
        ),
        _ => None,
    };
    let contact = match &request.change {
        BulkChange::Assign {
            contact_id: Some(id),
        } => Some(
            contacts::Entity::find_by_id(id32(*id, Thing::Contact)?)
                .one(&txn)
                .await?
                .ok_or_else(|| {
                    CoreError::validation(
                        "contact_id",
                        ValidationCode::Unknown,
                        "this contact does not exist",
                    )
                })?,
        ),
        _ => None,
    };
    let mut changed = 0;
    for id in &request.ids {
        let before = find_equipment(&txn, actor, *id).await?;
        let mut model = before.clone().into_active_model();
        let differs = match &request.change {
            BulkChange::MoveToSite { .. } => site.as_ref().map(|s| s.id) != before.site_id,
            BulkChange::SetStatus { status } => before.status != status.code(),
            BulkChange::Assign { .. } => contact.as_ref().map(|c| c.id) != before.contact_id,
        };
        if !differs {
            continue;
        }
        match &request.change {
            BulkChange::MoveToSite { .. } => {
                let Some(site) = &site else { continue };
                ownership::same_client(site.client_id, before.client_id, "site_id", || {
                    format!(
                        "{} belongs to another client than this site",
                        before.reference
                    )
                })?;
                model.site_id = Set(Some(site.id));
            }
            BulkChange::SetStatus { status } => {
                model.status = Set(status.code().to_owned());
                model.status_since = Set(today);
            }
            BulkChange::Assign { .. } => {
                if let Some(contact) = &contact {
                    ownership::same_client(
                        contact.client_id,
                        before.client_id,
                        "contact_id",
                        || {
                            format!(
                                "{} belongs to another client than this person",
                                before.reference
                            )
                        },
                    )?;
                }
                model.contact_id = Set(contact.as_ref().map(|c| c.id));
                let search =
                    super::search_text_with_contact(&txn, &before, contact.as_ref()).await?;
                model.search_text = Set(search);
            }
        }
        model.updated_at = Set(chrono::Utc::now());
        let after = model.update(&txn).await?;
        audit_change(&txn, actor, &before, &after).await?;
        if after.site_id != before.site_id {
            carry_components(&txn, actor, &after).await?;
        }
        changed += 1;
    }
    txn.commit().await?;
    Ok(changed)
}

//! A record's History tab: who changed what, when, from the audit log.

use crate::components::{Empty, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::state::use_lang;
use parc_api::commands;
use parc_api::history::{HistoryEntry, HistoryQuery};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    pub entity: AttrValue,
    pub id: i64,
}

fn action_text(action: &str) -> Option<T> {
    match action {
        "create" => Some(T::ActionCreate),
        "update" => Some(T::ActionUpdate),
        "archive" => Some(T::ActionArchive),
        "restore" => Some(T::ActionRestore),
        "delete" => Some(T::ActionDelete),
        "move" => Some(T::ActionMove),
        "assign" => Some(T::ActionAssign),
        "status" => Some(T::ActionStatus),
        "import" => Some(T::ActionImport),
        _ => None,
    }
}

/// The label of an audited field, as on the record's form.
fn field_label(field: &str) -> Option<T> {
    Some(match field {
        "code" => T::Code,
        "name" => T::Name,
        "service_level" => T::ServiceLevel,
        "siret" => T::Siret,
        "vat_number" => T::VatNumber,
        "billing_address" => T::BillingAddress,
        "notes" => T::Notes,
        "archived" => T::Archived,
        "job_title" => T::JobTitle,
        "email" => T::Email,
        "phone" => T::Phone,
        "primary" => T::Primary,
        "address" => T::Address,
        "zone_id" => T::Zone,
        "description" => T::Description,
        "role" => T::Role,
        "active" => T::Active,
        "reference" => T::Reference,
        "type" => T::Type,
        "manufacturer" => T::Manufacturer,
        "model" => T::Model,
        "serial" => T::Serial,
        "asset_tag" => T::AssetTag,
        "status" => T::Status,
        "client" => T::Client,
        "site" => T::Site,
        "assigned_to" => T::AssignedTo,
        "parent" => T::Parent,
        "purchase_date" => T::PurchaseDate,
        "supplier" => T::Supplier,
        "purchase_price" => T::PurchasePrice,
        "warranty_end" => T::WarrantyEnd,
        "last_maintenance" => T::LastMaintenance,
        "next_maintenance" => T::NextMaintenance,
        "maintenance_months" => T::MaintenanceMonths,
        "warranty_months" => T::WarrantyMonths,
        "source" => T::ImportedFrom,
        _ => return None,
    })
}

/// A recorded value as the user reads it: codes in their language.
fn value_text(field: &str, value: Option<&str>, lang: parc_api::auth::Language) -> String {
    let value = value.unwrap_or_default();
    match field {
        "status" => parc_api::equipment::EquipmentStatus::from_code(value).map(|s| {
            crate::pages::equipment::status_text(s)
                .text(lang)
                .to_owned()
        }),
        _ => None,
    }
    .unwrap_or_else(|| value.to_owned())
}

#[function_component(RecordHistory)]
pub fn record_history(props: &HistoryProps) -> Html {
    let lang = use_lang();
    let entries = use_state(|| None::<Vec<HistoryEntry>>);
    {
        let entries = entries.clone();
        use_effect_with((props.entity.clone(), props.id), move |(entity, id)| {
            let query = HistoryQuery {
                entity: entity.to_string(),
                id: *id,
            };
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::RecordHistory>(&query).await;
                entries.set(Some(found.unwrap_or_default()));
            });
        });
    }
    let Some(entries) = (*entries).clone() else {
        return html! { <Spinner /> };
    };
    if entries.is_empty() {
        return html! { <Empty text={T::NoHistory.text(lang)} /> };
    }
    html! {
        <ol class="history" id="history">
            { for entries.iter().map(|entry| {
                let local = entry.at.with_timezone(&chrono::Local);
                let action = action_text(&entry.action).map(|t| t.text(lang).to_owned()).unwrap_or_else(|| entry.action.clone());
                html! {
                    <li>
                        <div class="when"><span class="strong">{ entry.actor.clone() }</span>{ " " }{ action }<span class="muted">{ format!(" · {}", local.format("%Y-%m-%d %H:%M")) }</span></div>
                        if !entry.changes.is_empty() {
                            <table class="changes">
                                { for entry.changes.iter().map(|c| html! {
                                    <tr><td class="muted">{ field_label(&c.field).map(|t| t.text(lang).to_owned()).unwrap_or_else(|| c.field.clone()) }</td><td class="before">{ value_text(&c.field, c.before.as_deref(), lang) }</td><td>{ "→" }</td><td class="after">{ value_text(&c.field, c.after.as_deref(), lang) }</td></tr>
                                }) }
                            </table>
                        }
                    </li>
                }
            }) }
        </ol>
    }
}

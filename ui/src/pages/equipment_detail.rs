//! One equipment: its fields, its components, and its timeline (creation,
//! changes, moves, assignments, status changes) from the audit log. It can
//! be deleted while nothing refers to it (a parent of components cannot).

use crate::components::{Empty, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::pages::equipment::{date_text, StatusBadge};
use crate::pages::history::RecordHistory;
use crate::route::{ClientTab, EquipmentTab, Route};
use crate::state::{navigate, session_of, use_app};
use parc_api::commands;
use parc_api::equipment::EquipmentDetail;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EquipmentDetailProps {
    pub id: i64,
    pub tab: EquipmentTab,
}

#[function_component(EquipmentDetailPage)]
pub fn equipment_detail(props: &EquipmentDetailProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let can_write = session_of(&app).is_some_and(|s| s.permissions.write_equipment);
    let detail = use_state(|| None::<Result<EquipmentDetail, String>>);
    {
        let detail = detail.clone();
        use_effect_with(props.id, move |id| {
            let id = *id;
            detail.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::GetEquipment>(&id).await;
                detail.set(Some(found.map_err(|e| crate::state::error_text(&e, lang))));
            });
        });
    }
    let d = match &*detail {
        None => return html! { <Spinner /> },
        Some(Err(message)) => return html! { <div class="card error">{ message.clone() }</div> },
        Some(Ok(d)) => d.clone(),
    };
    let id = props.id;
    let components = d.components.len();
    let tab_link = |tab: EquipmentTab, label: T| {
        let active = props.tab == tab;
        let onclick = Callback::from(move |_| navigate(&Route::EquipmentItem { id, tab }));
        let count = match tab {
            EquipmentTab::Components => format!(" ({})", components),
            _ => String::new(),
        };
        html! { <button id={format!("tab-{}", tab.code())} class={classes!("tab", active.then_some("active"))} {onclick}>{ label.text(lang) }{ count }</button> }
    };
    let row = &d.row;
    let date =
        |value: Option<chrono::NaiveDate>| value.map(|v| date_text(v, lang)).unwrap_or_default();
    let item =
        |label: T, value: Html| html! { <><dt>{ label.text(lang) }</dt><dd>{ value }</dd></> };
    let client_route = Route::Client {
        id: row.client_id,
        tab: ClientTab::Overview,
    };
    let body = match props.tab {
        EquipmentTab::Overview => html! {
            <div class="card">
                <dl class="facts" id="equipment-facts">
                    { item(T::Reference, html! { <span class="mono">{ row.reference.clone() }</span> }) }
                    { item(T::Type, html! { row.type_name.clone() }) }
                    { item(T::Model, html! { format!("{} {}", row.manufacturer_name, row.model_name).trim().to_owned() }) }
                    { item(T::Serial, html! { <span class="mono" id="fact-serial">{ row.serial.clone() }</span> }) }
                    { item(T::AssetTag, html! { row.asset_tag.clone() }) }
                    { item(T::Status, html! { <><StatusBadge status={row.status} />{ " " }<span class="muted">{ format!("{} {}", T::StatusSince.text(lang).to_lowercase(), date_text(d.status_since, lang)) }</span></> }) }
                    { item(T::Client, html! { <a onclick={Callback::from(move |_| navigate(&client_route))}>{ row.client_name.clone() }</a> }) }
                    { item(T::Site, html! { <span id="fact-site">{ row.site_name.clone() }</span> }) }
                    { item(T::AssignedTo, html! { row.contact_name.clone() }) }
                    if let Some(parent) = &d.parent {
                        { item(T::Parent, { let pid = parent.id; html! { <a onclick={Callback::from(move |_| navigate(&Route::EquipmentItem { id: pid, tab: EquipmentTab::Overview }))}>{ format!("{} — {}", parent.reference, parent.name) }</a> } }) }
                    }
                    { item(T::PurchaseDate, html! { date(d.purchase_date) }) }
                    { item(T::Supplier, html! { d.supplier.clone() }) }
                    { item(T::PurchasePrice, html! { d.purchase_price_cents.map(|c| parc_api::money::display(c, lang == parc_api::auth::Language::Fr)).unwrap_or_default() }) }
                    { item(T::WarrantyEnd, html! { date(row.warranty_end) }) }
                    { item(T::LastMaintenance, html! { date(d.last_maintenance) }) }
                    { item(T::NextMaintenance, html! { date(d.next_maintenance) }) }
                    { item(T::Notes, html! { <span class="pre">{ d.notes.clone() }</span> }) }
                </dl>
            </div>
        },
        EquipmentTab::Components => {
            if d.components.is_empty() {
                html! { <Empty text={T::NoComponents.text(lang)} /> }
            } else {
                html! {
                    <table class="list" id="components-table">
                        <thead><tr><th>{ T::Reference.text(lang) }</th><th>{ T::Name.text(lang) }</th><th>{ T::Type.text(lang) }</th><th>{ T::Serial.text(lang) }</th><th>{ T::Status.text(lang) }</th></tr></thead>
                        <tbody>
                            { for d.components.iter().map(|c| {
                                let cid = c.id;
                                let onclick = Callback::from(move |_| navigate(&Route::EquipmentItem { id: cid, tab: EquipmentTab::Overview }));
                                html! { <tr class="clickable" {onclick}><td class="mono">{ c.reference.clone() }</td><td class="strong">{ c.name.clone() }</td><td>{ c.type_name.clone() }</td><td class="mono">{ c.serial.clone() }</td><td><StatusBadge status={c.status} /></td></tr> }
                            }) }
                        </tbody>
                    </table>
                }
            }
        }
        EquipmentTab::Tickets => {
            let query = parc_api::tickets::TicketQuery {
                equipment_id: Some(id),
                view: parc_api::tickets::QueueView::All,
                page: 1,
                ..Default::default()
            };
            html! { <crate::pages::tickets::TicketsList key={format!("equipment-{id}")} {query} embedded=true /> }
        }
        EquipmentTab::Interventions => {
            let query = parc_api::interventions::InterventionQuery {
                equipment_id: Some(id),
                page: 1,
                ..Default::default()
            };
            html! { <crate::pages::interventions::InterventionsList key={format!("equipment-{id}")} {query} /> }
        }
        EquipmentTab::Software => {
            html! { <crate::pages::software::EquipmentSoftware key={id} equipment_id={id} /> }
        }
        EquipmentTab::History => html! { <RecordHistory entity="equipment" {id} /> },
    };
    let edit = Callback::from(move |_| navigate(&Route::EditEquipment { id }));
    let remove = crate::forms::delete::<commands::DeleteEquipment>(
        &app,
        id,
        Callback::from(|_| navigate(&Route::Equipment(crate::route::EquipmentView::default()))),
    );
    html! {
        <section>
            <div class="page-head">
                <h1><span class="mono muted">{ row.reference.clone() }</span>{ " " }<span id="equipment-name">{ row.name.clone() }</span></h1>
                <div class="actions">
                    if can_write {
                        <crate::components::ConfirmButton id="delete-equipment" label={T::Delete.text(lang)} confirm={T::ConfirmDelete.text(lang)} onconfirm={remove} />
                        <button id="edit-equipment" onclick={edit}>{ T::Edit.text(lang) }</button>
                    }
                </div>
            </div>
            <nav class="tabs">
                { tab_link(EquipmentTab::Overview, T::TabOverview) }
                { tab_link(EquipmentTab::Components, T::Components) }
                { tab_link(EquipmentTab::Tickets, T::NavTickets) }
                { tab_link(EquipmentTab::Interventions, T::NavInterventions) }
                { tab_link(EquipmentTab::Software, T::SoftwareTitle) }
                { tab_link(EquipmentTab::History, T::TabHistory) }
            </nav>
            { body }
        </section>
    }
}

//! Create or edit equipment. Choosing a model fills its manufacturer and
//! type; the site, the assigned person and the parent are chosen among the
//! selected client's. The core validates; its message appears beside the
//! field and what was typed stays.

use crate::components::{select_value, Field, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::pages::equipment::status_text;
use crate::route::{EquipmentTab, Route};
use crate::state::{navigate, use_app, Action, FormErrors, ToastKind};
use parc_api::clients::{ClientDetail, ClientRow};
use parc_api::commands;
use parc_api::equipment::{
    Catalogue, EquipmentDetail, EquipmentFilter, EquipmentInput, EquipmentQuery, EquipmentRow,
    EquipmentStatus, UpdateEquipment,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EquipmentFormProps {
    /// None: new equipment.
    pub id: Option<i64>,
    /// For new equipment: the client it is for, when known.
    #[prop_or_default]
    pub client_id: Option<i64>,
}

fn input_of(detail: &EquipmentDetail) -> EquipmentInput {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let row = &detail.row;
    EquipmentInput {
        client_id: Some(row.client_id),
        site_id: row.site_id,
        contact_id: row.contact_id,
        parent_id: detail.parent.as_ref().map(|p| p.id),
        name: row.name.clone(),
        type_id: Some(detail.type_id),
        manufacturer_id: detail.manufacturer_id,
        model_id: detail.model_id,
        serial: row.serial.clone(),
        asset_tag: row.asset_tag.clone(),
        status: row.status,
        purchase_date: date(detail.purchase_date),
        supplier: detail.supplier.clone(),
        purchase_price: detail
            .purchase_price_cents
            .map(parc_api::money::plain)
            .unwrap_or_default(),
        warranty_end: date(row.warranty_end),
        last_maintenance: date(detail.last_maintenance),
        next_maintenance: date(detail.next_maintenance),
        notes: detail.notes.clone(),
    }
}

#[function_component(EquipmentForm)]
pub fn equipment_form(props: &EquipmentFormProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let form = use_state(|| {
        props.id.is_none().then(|| EquipmentInput {
            client_id: props.client_id,
            ..Default::default()
        })
    });
    let errors = use_state(FormErrors::default);
    let busy = use_state(|| false);
    let catalogue = use_state(Catalogue::default);
    let clients = use_state(Vec::<ClientRow>::new);
    let client = use_state(|| None::<ClientDetail>);
    let siblings = use_state(Vec::<EquipmentRow>::new);
    {
        let (form, app, catalogue, clients) = (
            form.clone(),
            app.clone(),
            catalogue.clone(),
            clients.clone(),
        );
        use_effect_with(props.id, move |id| {
            let id = *id;
            wasm_bindgen_futures::spawn_local(async move {
                let (found_catalogue, found_clients) = crate::lists::equipment_choices().await;
                catalogue.set(found_catalogue);
                clients.set(found_clients);
                if let Some(id) = id {
                    match call::<commands::GetEquipment>(&id).await {
                        Ok(detail) => form.set(Some(input_of(&detail))),
                        Err(error) => app.dispatch(Action::Failed(error)),
                    }
                }
            });
        });
    }
    let client_id = form.as_ref().and_then(|f| f.client_id);
    {
        let (client, siblings) = (client.clone(), siblings.clone());
        use_effect_with(client_id, move |client_id| {
            let client_id = *client_id;
            wasm_bindgen_futures::spawn_local(async move {
                let Some(id) = client_id else {
                    client.set(None);
                    siblings.set(Vec::new());
                    return;
                };
                client.set(call::<commands::GetClient>(&id).await.ok());
                let query = EquipmentQuery {
                    filter: EquipmentFilter {
                        client_id: Some(id),
                        ..Default::default()
                    },
                    page_size: parc_api::page::MAX_PAGE_SIZE,
                    ..Default::default()
                };
                if let Ok(found) = call::<commands::ListEquipment>(&query).await {
                    siblings.set(found.items);
                }
            });
        });
    }
    let Some(current) = (*form).clone() else {
        return html! { <Spinner /> };
    };
    let edit = |apply: fn(&mut EquipmentInput, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            if let Some(mut next) = (*form).clone() {
                apply(&mut next, value);
                form.set(Some(next));
            }
        })
    };
    let choose = |apply: fn(&mut EquipmentInput, String, &Catalogue)| {
        let (form, catalogue) = (form.clone(), catalogue.clone());
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*form).clone() {
                apply(&mut next, select_value(&e), &catalogue);
                form.set(Some(next));
            }
        })
    };
    let on_client = choose(|f, v, _| {
        f.client_id = v.parse().ok();
        f.site_id = None;
        f.contact_id = None;
        f.parent_id = None;
    });
    let on_site = choose(|f, v, _| f.site_id = v.parse().ok());
    let on_contact = choose(|f, v, _| f.contact_id = v.parse().ok());
    let on_parent = choose(|f, v, _| f.parent_id = v.parse().ok());
    let on_type = choose(|f, v, _| f.type_id = v.parse().ok());
    let on_manufacturer = choose(|f, v, _| {
        f.manufacturer_id = v.parse().ok();
        f.model_id = None;
    });
    let on_model = choose(|f, v, catalogue| {
        f.model_id = v.parse().ok();
        if let Some(model) = catalogue.models.iter().find(|m| Some(m.id) == f.model_id) {
            f.manufacturer_id = Some(model.manufacturer_id);
            f.type_id = Some(model.type_id);
        }
    });
    let on_status = choose(|f, v, _| f.status = EquipmentStatus::from_code(&v).unwrap_or_default());

    let id = props.id;
    let submit = {
        let (form, errors, busy, app) = (form.clone(), errors.clone(), busy.clone(), app.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = (*form).clone() else { return };
            let (errors, busy, app) = (errors.clone(), busy.clone(), app.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = match id {
                    None => call::<commands::CreateEquipment>(&input).await,
                    Some(id) => {
                        call::<commands::UpdateEquipment>(&UpdateEquipment { id, input }).await
                    }
                };
                busy.set(false);
                match result {
                    Ok(detail) => {
                        let text = if id.is_none() {
                            T::EquipmentCreated
                        } else {
                            T::Saved
                        };
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            text.text(app.lang).to_owned(),
                        ));
                        navigate(&Route::EquipmentItem {
                            id: detail.row.id,
                            tab: EquipmentTab::Overview,
                        });
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let cancel = crate::forms::go_back();
    let title = if props.id.is_some() {
        T::EditEquipment
    } else {
        T::NewEquipment
    };
    let select = |name: &'static str, label: T, onchange: Callback<Event>, options: Html| {
        let error = errors.field(name);
        html! {
            <div class={classes!("field", error.is_some().then_some("invalid"))}>
                <label for={format!("field-{name}")}>{ label.text(lang) }</label>
                <select id={format!("field-{name}")} name={name} {onchange}>{ options }</select>
                if let Some(error) = error { <small class="error" data-error-for={name}>{ error }</small> }
            </div>
        }
    };
    let none = |selected: bool| html! { <option value="" selected={selected}>{ T::NoneChoice.text(lang) }</option> };
    let sites = client.as_ref().map(|c| c.sites.clone()).unwrap_or_default();
    let contacts = client
        .as_ref()
        .map(|c| c.contacts.clone())
        .unwrap_or_default();
    let models: Vec<_> = catalogue
        .models
        .iter()
        .filter(|m| {
            current
                .manufacturer_id
                .is_none_or(|id| id == m.manufacturer_id)
        })
        .cloned()
        .collect();
    html! {
        <section>
            <div class="page-head"><h1>{ title.text(lang) }</h1></div>
            <form class="card form" id="equipment-form" onsubmit={submit}>
                <div class="row">
                    <Field label={T::Hostname.text(lang)} name="name" value={current.name.clone()} error={errors.field("name")} oninput={edit(|f, v| f.name = v)} autofocus=true />
                    { select("status", T::Status, on_status, html! {
                        { for EquipmentStatus::ALL.iter().map(|s| html! { <option value={s.code()} selected={current.status == *s}>{ status_text(*s).text(lang) }</option> }) }
                    }) }
                </div>
                <div class="row">
                    { select("client_id", T::Client, on_client, html! {<>
                        { none(current.client_id.is_none()) }
                        { for clients.iter().map(|c| html! { <option value={c.id.to_string()} selected={current.client_id == Some(c.id)}>{ format!("{} — {}", c.name, c.code) }</option> }) }
                    </>}) }
                    { select("site_id", T::Site, on_site, html! {<>
                        { none(current.site_id.is_none()) }
                        { for sites.iter().map(|s| html! { <option value={s.id.to_string()} selected={current.site_id == Some(s.id)}>{ s.name.clone() }</option> }) }
                    </>}) }
                </div>
                <div class="row">
                    { select("contact_id", T::AssignedTo, on_contact, html! {<>
                        { none(current.contact_id.is_none()) }
                        { for contacts.iter().map(|c| html! { <option value={c.id.to_string()} selected={current.contact_id == Some(c.id)}>{ c.name.clone() }</option> }) }
                    </>}) }
                    { select("parent_id", T::Parent, on_parent, html! {<>
                        { none(current.parent_id.is_none()) }
                        { for siblings.iter().filter(|e| Some(e.id) != id).map(|e| html! { <option value={e.id.to_string()} selected={current.parent_id == Some(e.id)}>{ format!("{} — {}", e.reference, e.name) }</option> }) }
                    </>}) }
                </div>
                <div class="row">
                    { select("type_id", T::Type, on_type, html! {<>
                        { none(current.type_id.is_none()) }
                        { for catalogue.types.iter().map(|t| html! { <option value={t.id.to_string()} selected={current.type_id == Some(t.id)}>{ t.name.clone() }</option> }) }
                    </>}) }
                    { select("manufacturer_id", T::Manufacturer, on_manufacturer, html! {<>
                        { none(current.manufacturer_id.is_none()) }
                        { for catalogue.manufacturers.iter().map(|m| html! { <option value={m.id.to_string()} selected={current.manufacturer_id == Some(m.id)}>{ m.name.clone() }</option> }) }
                    </>}) }
                    { select("model_id", T::Model, on_model, html! {<>
                        { none(current.model_id.is_none()) }
                        { for models.iter().map(|m| html! { <option value={m.id.to_string()} selected={current.model_id == Some(m.id)}>{ format!("{} {}", m.manufacturer_name, m.name) }</option> }) }
                    </>}) }
                </div>
                <div class="row">
                    <Field label={T::Serial.text(lang)} name="serial" value={current.serial.clone()} error={errors.field("serial")} oninput={edit(|f, v| f.serial = v)} />
                    <Field label={T::AssetTag.text(lang)} name="asset_tag" value={current.asset_tag.clone()} error={errors.field("asset_tag")} oninput={edit(|f, v| f.asset_tag = v)} />
                </div>
                <div class="row">
                    <Field label={T::PurchaseDate.text(lang)} name="purchase_date" kind="date" value={current.purchase_date.clone()} error={errors.field("purchase_date")} oninput={edit(|f, v| f.purchase_date = v)} />
                    <Field label={T::Supplier.text(lang)} name="supplier" value={current.supplier.clone()} error={errors.field("supplier")} oninput={edit(|f, v| f.supplier = v)} />
                    <Field label={T::PurchasePrice.text(lang)} name="purchase_price" value={current.purchase_price.clone()} error={errors.field("purchase_price")} oninput={edit(|f, v| f.purchase_price = v)} />
                </div>
                <div class="row">
                    <Field label={T::WarrantyEnd.text(lang)} name="warranty_end" kind="date" value={current.warranty_end.clone()} error={errors.field("warranty_end")} hint={AttrValue::from(T::WarrantyHint.text(lang))} oninput={edit(|f, v| f.warranty_end = v)} />
                    <Field label={T::LastMaintenance.text(lang)} name="last_maintenance" kind="date" value={current.last_maintenance.clone()} error={errors.field("last_maintenance")} oninput={edit(|f, v| f.last_maintenance = v)} />
                    <Field label={T::NextMaintenance.text(lang)} name="next_maintenance" kind="date" value={current.next_maintenance.clone()} error={errors.field("next_maintenance")} hint={AttrValue::from(T::NextMaintenanceHint.text(lang))} oninput={edit(|f, v| f.next_maintenance = v)} />
                </div>
                <Field label={T::Notes.text(lang)} name="notes" multiline=true value={current.notes.clone()} error={errors.field("notes")} oninput={edit(|f, v| f.notes = v)} />
                if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
                <div class="actions">
                    <button type="button" class="ghost" onclick={cancel}>{ T::Cancel.text(lang) }</button>
                    <button type="submit" id="equipment-save" disabled={*busy}>{ T::Save.text(lang) }</button>
                </div>
            </form>
        </section>
    }
}

//! Create or edit a licence. The fields follow the type: seats for
//! per-device, per-user and subscription licences, the site for a site
//! licence, the term for a subscription. On creation, the purchase is
//! recorded as the first lot. On edit the key field starts empty: left
//! empty, the saved key is kept (it is never sent back to the form).

use crate::components::{select_value, Field, Spinner};
use crate::forms::go_back;
use crate::i18n::T;
use crate::ipc::call;
use crate::lists::first_clients;
use crate::pages::licences::kind_text;
use crate::route::Route;
use crate::state::{navigate, use_app, FormErrors};
use parc_api::clients::ClientRow;
use parc_api::commands;
use parc_api::licences::{LicenceDetail, LicenceInput, LicenceKind, LotInput, UpdateLicence};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LicenceFormProps {
    #[prop_or_default]
    pub id: Option<i64>,
    #[prop_or_default]
    pub client_id: Option<i64>,
}

fn input_of(d: &LicenceDetail) -> LicenceInput {
    LicenceInput {
        software_id: d.row.software_id,
        client_id: d.row.client_id,
        kind: d.row.kind,
        seats: d.row.seats,
        site_id: d.site_id,
        term_months: d.term_months,
        licence_key: None,
        starts_on: d.starts_on.map(|d| d.to_string()).unwrap_or_default(),
        expires_on: d.row.expires_on.map(|d| d.to_string()).unwrap_or_default(),
        renewal_price: d
            .row
            .renewal_price_cents
            .map(parc_api::money::plain)
            .unwrap_or_default(),
        auto_renew: d.row.auto_renew,
        notes: d.notes.clone(),
        first_lot: None,
    }
}

#[function_component(LicenceForm)]
pub fn licence_form(props: &LicenceFormProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let form = use_state(|| None::<LicenceInput>);
    let load_error = use_state(|| None::<String>);
    let errors = use_state(FormErrors::default);
    let software_name = use_state(|| None::<String>);
    let clients = use_state(Vec::<ClientRow>::new);
    let sites = use_state(Vec::<parc_api::sites::SiteRow>::new);
    {
        let (form, load_error, software_name, clients, id, client_id) = (
            form.clone(),
            load_error.clone(),
            software_name.clone(),
            clients.clone(),
            props.id,
            props.client_id,
        );
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                clients.set(first_clients().await);
                let input = match id {
                    Some(id) => match call::<commands::GetLicence>(&id).await {
                        Ok(d) => {
                            software_name.set(Some(d.row.software_name.clone()));
                            input_of(&d)
                        }
                        Err(error) => {
                            load_error.set(Some(crate::state::error_text(&error, lang)));
                            return;
                        }
                    },
                    None => LicenceInput {
                        client_id: client_id.unwrap_or_default(),
                        first_lot: Some(LotInput::default()),
                        ..Default::default()
                    },
                };
                form.set(Some(input));
            });
        });
    }
    let client_id = form.as_ref().map(|f| f.client_id).unwrap_or_default();
    {
        let sites = sites.clone();
        use_effect_with(client_id, move |client_id| {
            let client_id = *client_id;
            if client_id > 0 {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(c) = call::<commands::GetClient>(&client_id).await {
                        sites.set(c.sites);
                    }
                });
            }
        });
    }
    if let Some(message) = &*load_error {
        return html! { <div class="card error">{ message.clone() }</div> };
    }
    let Some(f) = (*form).clone() else {
        return html! { <Spinner /> };
    };
    let set = |apply: fn(&mut LicenceInput, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            if let Some(mut next) = (*form).clone() {
                apply(&mut next, value);
                form.set(Some(next));
            }
        })
    };
    let set_lot = |apply: fn(&mut LotInput, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            if let Some(mut next) = (*form).clone() {
                let mut lot = next.first_lot.clone().unwrap_or_default();
                apply(&mut lot, value);
                next.first_lot = Some(lot);
                form.set(Some(next));
            }
        })
    };
    let on_select = |apply: fn(&mut LicenceInput, String)| {
        let set = set(apply);
        Callback::from(move |e: Event| set.emit(select_value(&e)))
    };
    let submit = {
        let (form, errors, app, id) = (form.clone(), errors.clone(), app.clone(), props.id);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = (*form).clone() else {
                return;
            };
            let (errors, app) = (errors.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = match id {
                    Some(id) => call::<commands::UpdateLicence>(&UpdateLicence { id, input }).await,
                    None => call::<commands::CreateLicence>(&input).await,
                };
                match result {
                    Ok(saved) => navigate(&Route::Licence { id: saved.row.id }),
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let number = |v: Option<i32>| v.map(|n| n.to_string()).unwrap_or_default();
    let lot = f.first_lot.clone().unwrap_or_default();
    let error_of = |name: &str| {
        errors
            .field(name)
            .map(|e| html! { <small class="error" data-error-for={name.to_owned()}>{ e }</small> })
    };
    let toggle_renew = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*form).clone() {
                next.auto_renew = crate::components::checkbox_value(&e);
                form.set(Some(next));
            }
        })
    };
    html! {
        <section>
            <div class="page-head"><h1>{ if props.id.is_some() { T::EditLicence.text(lang) } else { T::NewLicence.text(lang) } }</h1></div>
            <form class="card form" id="licence-form" onsubmit={submit}>
                <div class="row">
                    <crate::pages::software::SoftwarePicker selected={f.software_id} selected_name={(*software_name).clone().map(AttrValue::from)} error={errors.field("software_id")} on_change={{ let form = form.clone(); Callback::from(move |id: i64| if let Some(mut next) = (*form).clone() { next.software_id = id; form.set(Some(next)); }) }} />
                    <div class="field">
                        <label for="field-client_id">{ T::Client.text(lang) }</label>
                        <select id="field-client_id" onchange={on_select(|f, v| { f.client_id = v.parse().unwrap_or_default(); f.site_id = None; })}>
                            <option value="" selected={f.client_id == 0}>{ "—" }</option>
                            { for clients.iter().map(|c| html! { <option value={c.id.to_string()} selected={f.client_id == c.id}>{ c.name.clone() }</option> }) }
                        </select>
                        { error_of("client_id") }
                    </div>
                    <div class="field">
                        <label for="field-kind">{ T::LicenceType.text(lang) }</label>
                        <select id="field-kind" onchange={on_select(|f, v| f.kind = LicenceKind::from_code(&v).unwrap_or_default())}>
                            { for LicenceKind::ALL.iter().map(|k| html! { <option value={k.code()} selected={f.kind == *k}>{ kind_text(*k).text(lang) }</option> }) }
                        </select>
                    </div>
                </div>
                <div class="row">
                    if f.kind.has_seats() {
                        <Field label={T::Seats.text(lang)} name="seats" kind="number" value={number(f.seats)} error={errors.field("seats")} oninput={set(|f, v| f.seats = v.trim().parse().ok())} />
                    }
                    if f.kind == LicenceKind::PerSite {
                        <div class="field">
                            <label for="field-site_id">{ T::Site.text(lang) }</label>
                            <select id="field-site_id" onchange={on_select(|f, v| f.site_id = v.parse().ok())}>
                                <option value="" selected={f.site_id.is_none()}>{ "—" }</option>
                                { for sites.iter().map(|s| html! { <option value={s.id.to_string()} selected={f.site_id == Some(s.id)}>{ s.name.clone() }</option> }) }
                            </select>
                            { error_of("site_id") }
                        </div>
                    }
                    if f.kind == LicenceKind::Subscription {
                        <Field label={T::TermMonths.text(lang)} name="term_months" kind="number" value={number(f.term_months)} error={errors.field("term_months")} oninput={set(|f, v| f.term_months = v.trim().parse().ok())} />
                    }
                    <Field label={T::LicenceKey.text(lang)} name="licence_key" value={f.licence_key.clone().unwrap_or_default()} hint={props.id.map(|_| AttrValue::from(T::KeyKeptHint.text(lang)))} error={errors.field("licence_key")} oninput={set(|f, v| f.licence_key = (!v.is_empty()).then_some(v))} />
                </div>
                <div class="row">
                    <Field label={T::StartDate.text(lang)} name="starts_on" kind="date" value={f.starts_on.clone()} error={errors.field("starts_on")} oninput={set(|f, v| f.starts_on = v)} />
                    <Field label={T::ExpiresOn.text(lang)} name="expires_on" kind="date" value={f.expires_on.clone()} error={errors.field("expires_on")} oninput={set(|f, v| f.expires_on = v)} />
                    <Field label={T::RenewalPrice.text(lang)} name="renewal_price" value={f.renewal_price.clone()} error={errors.field("renewal_price")} oninput={set(|f, v| f.renewal_price = v)} />
                    <label class="check"><input type="checkbox" id="field-auto_renew" checked={f.auto_renew} onchange={toggle_renew} />{ T::AutoRenewShort.text(lang) }</label>
                </div>
                if props.id.is_none() {
                    <h3>{ T::Purchase.text(lang) }</h3>
                    <div class="row">
                        <Field label={T::Date.text(lang)} name="first_lot.purchased_on" kind="date" value={lot.purchased_on.clone()} error={errors.field("first_lot.purchased_on")} oninput={set_lot(|l, v| l.purchased_on = v)} />
                        <Field label={T::Cost.text(lang)} name="first_lot.cost" value={lot.cost.clone()} error={errors.field("first_lot.cost")} oninput={set_lot(|l, v| l.cost = v)} />
                        <Field label={T::Supplier.text(lang)} name="first_lot.supplier" value={lot.supplier.clone()} error={errors.field("first_lot.supplier")} oninput={set_lot(|l, v| l.supplier = v)} />
                    </div>
                }
                <Field label={T::Notes.text(lang)} name="notes" multiline=true value={f.notes.clone()} error={errors.field("notes")} oninput={set(|f, v| f.notes = v)} />
                if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
                <div class="actions">
                    <button type="button" class="ghost" onclick={go_back()}>{ T::Cancel.text(lang) }</button>
                    <button type="submit" id="licence-save">{ T::Save.text(lang) }</button>
                </div>
            </form>
        </section>
    }
}

//! The equipment catalogue: types (with their maintenance interval and
//! warranty), manufacturers and models. Each list has its add form; a type
//! is edited in place to change its intervals.

use crate::components::{input_value, select_value};
use crate::i18n::T;
use crate::ipc::call;
use crate::state::{session_of, use_app, Action, FormErrors, ToastKind};
use parc_api::commands;
use parc_api::commands::Command;
use parc_api::equipment::{Catalogue, ManufacturerInput, ModelInput, TypeInput, UpdateType};
use yew::prelude::*;

/// Sends a catalogue form; on success reloads the catalogue and clears the form.
fn send<C: Command>(
    app: &crate::state::AppContext,
    input: C::Input,
    errors: UseStateHandle<FormErrors>,
    done: Callback<()>,
) {
    let app = app.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match call::<C>(&input).await {
            Ok(_) => {
                errors.set(FormErrors::default());
                app.dispatch(Action::Toast(
                    ToastKind::Success,
                    T::Saved.text(app.lang).to_owned(),
                ));
                done.emit(());
            }
            Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
        }
    });
}

#[function_component(CataloguePage)]
pub fn catalogue_page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let can_write = session_of(&app).is_some_and(|s| s.permissions.write_catalogue);
    let catalogue = use_state(Catalogue::default);
    let version = use_state(|| 0u32);
    {
        let catalogue = catalogue.clone();
        use_effect_with(*version, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::GetCatalogue>(&()).await {
                    catalogue.set(found);
                }
            });
        });
    }
    let reload = {
        let version = version.clone();
        Callback::from(move |()| version.set(*version + 1))
    };

    let type_form = use_state(|| TypeInput {
        maintenance_months: 12,
        warranty_months: 24,
        ..Default::default()
    });
    let editing_type = use_state(|| None::<i64>);
    let type_errors = use_state(FormErrors::default);
    let maker_form = use_state(ManufacturerInput::default);
    let maker_errors = use_state(FormErrors::default);
    let model_form = use_state(ModelInput::default);
    let model_errors = use_state(FormErrors::default);

    let submit_type = {
        let (app, form, errors, editing, reload) = (
            app.clone(),
            type_form.clone(),
            type_errors.clone(),
            editing_type.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (form2, editing2, reload) = (form.clone(), editing.clone(), reload.clone());
            let done = Callback::from(move |()| {
                form2.set(TypeInput {
                    maintenance_months: 12,
                    warranty_months: 24,
                    ..Default::default()
                });
                editing2.set(None);
                reload.emit(());
            });
            match *editing {
                Some(id) => send::<commands::UpdateType>(
                    &app,
                    UpdateType {
                        id,
                        input: (*form).clone(),
                    },
                    errors.clone(),
                    done,
                ),
                None => send::<commands::CreateType>(&app, (*form).clone(), errors.clone(), done),
            }
        })
    };
    let submit_maker = {
        let (app, form, errors, reload) = (
            app.clone(),
            maker_form.clone(),
            maker_errors.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (form2, reload) = (form.clone(), reload.clone());
            let done = Callback::from(move |()| {
                form2.set(ManufacturerInput::default());
                reload.emit(());
            });
            send::<commands::CreateManufacturer>(&app, (*form).clone(), errors.clone(), done);
        })
    };
    let submit_model = {
        let (app, form, errors, reload) = (
            app.clone(),
            model_form.clone(),
            model_errors.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (form2, reload) = (form.clone(), reload.clone());
            let done = Callback::from(move |()| {
                let mut next = (*form2).clone();
                next.name = String::new();
                next.warranty_months = None;
                form2.set(next);
                reload.emit(());
            });
            send::<commands::CreateModel>(&app, (*form).clone(), errors.clone(), done);
        })
    };

    let text_input = |id: &'static str,
                      value: String,
                      error: Option<AttrValue>,
                      oninput: Callback<InputEvent>,
                      placeholder: T| {
        html! {
            <span class={classes!("inline-field", error.is_some().then_some("invalid"))}>
                <input id={id} value={value} {oninput} placeholder={placeholder.text(lang)} />
                if let Some(error) = error { <small class="error" data-error-for={id}>{ error }</small> }
            </span>
        }
    };
    let number = |value: &str| value.trim().parse::<i32>().unwrap_or(-1);

    let type_rows = catalogue.types.iter().map(|t| {
        let start_edit = {
            let (form, editing, t) = (type_form.clone(), editing_type.clone(), t.clone());
            Callback::from(move |_| {
                form.set(TypeInput {
                    name: t.name.clone(),
                    maintenance_months: t.maintenance_months,
                    warranty_months: t.warranty_months,
                });
                editing.set(Some(t.id));
            })
        };
        html! {
            <tr key={t.id}>
                <td class="strong">{ t.name.clone() }</td>
                <td>{ t.maintenance_months }</td>
                <td>{ t.warranty_months }</td>
                <td>if can_write { <button class="ghost small" onclick={start_edit}>{ T::Edit.text(lang) }</button> }</td>
            </tr>
        }
    });
    let tf = (*type_form).clone();
    let mf = (*model_form).clone();
    html! {
        <section>
            <div class="page-head"><h1>{ T::NavCatalogue.text(lang) }</h1></div>
            <div class="card">
                <h2>{ T::Types.text(lang) }</h2>
                <table class="list" id="types-table">
                    <thead><tr><th>{ T::Name.text(lang) }</th><th>{ T::MaintenanceMonths.text(lang) }</th><th>{ T::WarrantyMonths.text(lang) }</th><th></th></tr></thead>
                    <tbody>{ for type_rows }</tbody>
                </table>
                if can_write {
                    <form class="inline-form" id="type-form" onsubmit={submit_type}>
                        { text_input("type-name", tf.name.clone(), type_errors.field("name"), { let f = type_form.clone(); Callback::from(move |e: InputEvent| { let mut n = (*f).clone(); n.name = input_value(&e); f.set(n); }) }, T::NewType) }
                        <label>{ T::MaintenanceMonths.text(lang) }</label>
                        { text_input("type-maintenance", tf.maintenance_months.to_string(), type_errors.field("maintenance_months"), { let f = type_form.clone(); Callback::from(move |e: InputEvent| { let mut n = (*f).clone(); n.maintenance_months = number(&input_value(&e)); f.set(n); }) }, T::MaintenanceMonths) }
                        <label>{ T::WarrantyMonths.text(lang) }</label>
                        { text_input("type-warranty", tf.warranty_months.to_string(), type_errors.field("warranty_months"), { let f = type_form.clone(); Callback::from(move |e: InputEvent| { let mut n = (*f).clone(); n.warranty_months = number(&input_value(&e)); f.set(n); }) }, T::WarrantyMonths) }
                        <button type="submit" id="type-save">{ if editing_type.is_some() { T::Save.text(lang) } else { T::Add.text(lang) } }</button>
                    </form>
                }
            </div>
            <div class="card">
                <h2>{ T::Manufacturers.text(lang) }</h2>
                <p id="manufacturers-list">{ catalogue.manufacturers.iter().map(|m| m.name.clone()).collect::<Vec<_>>().join(" · ") }</p>
                if can_write {
                    <form class="inline-form" id="manufacturer-form" onsubmit={submit_maker}>
                        { text_input("manufacturer-name", maker_form.name.clone(), maker_errors.field("name"), { let f = maker_form.clone(); Callback::from(move |e: InputEvent| f.set(ManufacturerInput { name: input_value(&e) })) }, T::NewManufacturer) }
                        <button type="submit" id="manufacturer-save">{ T::Add.text(lang) }</button>
                    </form>
                }
            </div>
            <div class="card">
                <h2>{ T::Models.text(lang) }</h2>
                <table class="list" id="models-table">
                    <thead><tr><th>{ T::Manufacturer.text(lang) }</th><th>{ T::Model.text(lang) }</th><th>{ T::Type.text(lang) }</th><th>{ T::WarrantyMonths.text(lang) }</th></tr></thead>
                    <tbody>
                        { for catalogue.models.iter().map(|m| html! { <tr key={m.id}><td>{ m.manufacturer_name.clone() }</td><td class="strong">{ m.name.clone() }</td><td>{ m.type_name.clone() }</td><td>{ m.warranty_months }</td></tr> }) }
                    </tbody>
                </table>
                if can_write {
                    <form class="inline-form" id="model-form" onsubmit={submit_model}>
                        <select id="model-manufacturer" onchange={{ let f = model_form.clone(); Callback::from(move |e: Event| { let mut n = (*f).clone(); n.manufacturer_id = select_value(&e).parse().ok(); f.set(n); }) }}>
                            <option value="" selected={mf.manufacturer_id.is_none()}>{ T::Manufacturer.text(lang) }</option>
                            { for catalogue.manufacturers.iter().map(|m| html! { <option value={m.id.to_string()} selected={mf.manufacturer_id == Some(m.id)}>{ m.name.clone() }</option> }) }
                        </select>
                        <select id="model-type" onchange={{ let f = model_form.clone(); Callback::from(move |e: Event| { let mut n = (*f).clone(); n.type_id = select_value(&e).parse().ok(); f.set(n); }) }}>
                            <option value="" selected={mf.type_id.is_none()}>{ T::Type.text(lang) }</option>
                            { for catalogue.types.iter().map(|t| html! { <option value={t.id.to_string()} selected={mf.type_id == Some(t.id)}>{ t.name.clone() }</option> }) }
                        </select>
                        { text_input("model-name", mf.name.clone(), model_errors.field("name"), { let f = model_form.clone(); Callback::from(move |e: InputEvent| { let mut n = (*f).clone(); n.name = input_value(&e); f.set(n); }) }, T::NewModel) }
                        <button type="submit" id="model-save">{ T::Add.text(lang) }</button>
                        if let Some(error) = model_errors.general.clone() { <small class="error">{ error }{ model_errors.field("manufacturer_id").or(model_errors.field("type_id")).map(|e| format!(" {e}")).unwrap_or_default() }</small> }
                    </form>
                }
            </div>
        </section>
    }
}

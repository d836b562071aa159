//! Spare parts: the catalogue with stock on hand against the minimum
//! (parts to reorder stand out), a form to add a part, and for the selected
//! part its stock movements and a form to record one.

use crate::components::{input_value, select_value, Empty, Field};
use crate::i18n::T;
use crate::ipc::call;
use crate::state::{session_of, use_app, Action, FormErrors, ToastKind};
use parc_api::commands;
use parc_api::equipment::{PartInput, PartRow, StockMovementInput, StockMovementRow, StockReason};
use yew::prelude::*;

fn reason_text(reason: StockReason) -> T {
    match reason {
        StockReason::Receipt => T::ReasonReceipt,
        StockReason::Consumption => T::ReasonConsumption,
        StockReason::Adjustment => T::ReasonAdjustment,
    }
}

#[function_component(PartsPage)]
pub fn parts_page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let french = lang == parc_api::auth::Language::Fr;
    let can_write = session_of(&app).is_some_and(|s| s.permissions.write_parts);
    let search = use_state(String::new);
    let version = use_state(|| 0u32);
    let parts = use_state(Vec::<PartRow>::new);
    let selected = use_state(|| None::<i64>);
    let movements = use_state(Vec::<StockMovementRow>::new);
    let part_form = use_state(PartInput::default);
    let part_errors = use_state(FormErrors::default);
    let movement_form = use_state(|| StockMovementInput {
        quantity: 1,
        ..Default::default()
    });
    let movement_errors = use_state(FormErrors::default);
    {
        let parts = parts.clone();
        use_effect_with(((*search).clone(), *version), move |(text, _)| {
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::ListParts>(&text).await {
                    parts.set(found);
                }
            });
        });
    }
    {
        let movements = movements.clone();
        use_effect_with((*selected, *version), move |(id, _)| {
            let id = *id;
            wasm_bindgen_futures::spawn_local(async move {
                let found = match id {
                    Some(id) => call::<commands::ListStockMovements>(&id)
                        .await
                        .unwrap_or_default(),
                    None => Vec::new(),
                };
                movements.set(found);
            });
        });
    }
    let bump = {
        let version = version.clone();
        move || version.set(*version + 1)
    };
    let add_part = {
        let (form, errors, app, bump) = (
            part_form.clone(),
            part_errors.clone(),
            app.clone(),
            bump.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (form, errors, app, bump) =
                (form.clone(), errors.clone(), app.clone(), bump.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::CreatePart>(&*form).await {
                    Ok(_) => {
                        form.set(PartInput::default());
                        errors.set(FormErrors::default());
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                        bump();
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let record = {
        let (form, errors, app, bump, selected) = (
            movement_form.clone(),
            movement_errors.clone(),
            app.clone(),
            bump.clone(),
            selected.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(part_id) = *selected else { return };
            let input = StockMovementInput {
                part_id,
                ..(*form).clone()
            };
            let (form, errors, app, bump) =
                (form.clone(), errors.clone(), app.clone(), bump.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::RecordStockMovement>(&input).await {
                    Ok(_) => {
                        form.set(StockMovementInput {
                            quantity: 1,
                            ..Default::default()
                        });
                        errors.set(FormErrors::default());
                        bump();
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let edit_part = |apply: fn(&mut PartInput, String)| {
        let form = part_form.clone();
        Callback::from(move |value: String| {
            let mut next = (*form).clone();
            apply(&mut next, value);
            form.set(next);
        })
    };
    let rows = parts.iter().map(|p| {
        let id = p.id;
        let onclick = {
            let selected = selected.clone();
            Callback::from(move |_| selected.set(Some(id)))
        };
        let active = *selected == Some(id);
        html! {
            <tr key={id} class={classes!("clickable", active.then_some("selected"))} {onclick}>
                <td class="strong">{ p.name.clone() }</td>
                <td class="mono">{ p.part_number.clone() }</td>
                <td class="right">{ p.stock_on_hand }{ if p.is_low() { html! { <span class="badge status-in_repair low-stock">{ T::LowStock.text(lang) }</span> } } else { html! {} } }</td>
                <td class="right">{ p.min_stock }</td>
                <td class="right">{ p.unit_cost_cents.map(|c| parc_api::money::display(c, french)).unwrap_or_default() }</td>
            </tr>
        }
    });
    let chosen = selected.and_then(|id| parts.iter().find(|p| p.id == id).cloned());
    let mf = (*movement_form).clone();
    html! {
        <section>
            <div class="page-head"><h1>{ T::PartsTitle.text(lang) }</h1></div>
            <div class="filters">
                <input id="parts-search" type="search" placeholder={T::Search.text(lang)} value={(*search).clone()} oninput={{ let search = search.clone(); Callback::from(move |e: InputEvent| search.set(input_value(&e))) }} />
            </div>
            if parts.is_empty() {
                <Empty text={T::NoParts.text(lang)} />
            } else {
                <table class="list dense" id="parts-table">
                    <thead><tr><th>{ T::Name.text(lang) }</th><th>{ T::PartNumber.text(lang) }</th><th class="right">{ T::Stock.text(lang) }</th><th class="right">{ T::MinStock.text(lang) }</th><th class="right">{ T::UnitCost.text(lang) }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            if let Some(part) = chosen {
                <div class="card" id="part-movements">
                    <h2>{ format!("{} — {}", T::Movements.text(lang), part.name) }</h2>
                    if can_write {
                        <form class="inline-form" id="movement-form" onsubmit={record}>
                            <select id="movement-reason" onchange={{ let f = movement_form.clone(); Callback::from(move |e: Event| { let mut n = (*f).clone(); n.reason = StockReason::from_code(&select_value(&e)).unwrap_or_default(); f.set(n); }) }}>
                                { for StockReason::ALL.iter().map(|r| html! { <option value={r.code()} selected={mf.reason == *r}>{ reason_text(*r).text(lang) }</option> }) }
                            </select>
                            <input id="movement-quantity" type="number" value={mf.quantity.to_string()} oninput={{ let f = movement_form.clone(); Callback::from(move |e: InputEvent| { let mut n = (*f).clone(); n.quantity = input_value(&e).trim().parse().unwrap_or(0); f.set(n); }) }} />
                            <input id="movement-note" placeholder={T::Note.text(lang)} value={mf.note.clone()} oninput={{ let f = movement_form.clone(); Callback::from(move |e: InputEvent| { let mut n = (*f).clone(); n.note = input_value(&e); f.set(n); }) }} />
                            <button type="submit" id="movement-save">{ T::Record.text(lang) }</button>
                            if let Some(error) = movement_errors.field("quantity") { <small class="error" data-error-for="quantity">{ error }</small> }
                        </form>
                    }
                    if movements.is_empty() {
                        <p class="muted">{ T::NoMovements.text(lang) }</p>
                    } else {
                        <table class="list dense" id="movements-table">
                            <thead><tr><th>{ T::When.text(lang) }</th><th>{ T::Reason.text(lang) }</th><th class="right">{ T::Quantity.text(lang) }</th><th>{ T::Note.text(lang) }</th><th>{ T::By.text(lang) }</th></tr></thead>
                            <tbody>
                                { for movements.iter().map(|m| html! {
                                    <tr>
                                        <td>{ m.at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string() }</td>
                                        <td>{ reason_text(m.reason).text(lang) }</td>
                                        <td class="right">{ format!("{:+}", m.quantity) }</td>
                                        <td>{ m.note.clone() }{ m.equipment_reference.clone().map(|r| format!(" ({r})")).unwrap_or_default() }</td>
                                        <td>{ m.actor.clone() }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    }
                </div>
            }
            if can_write {
                <form class="card form" id="part-form" onsubmit={add_part}>
                    <h2>{ T::NewPart.text(lang) }</h2>
                    <div class="row">
                        <Field label={T::Name.text(lang)} name="name" value={part_form.name.clone()} error={part_errors.field("name")} oninput={edit_part(|f, v| f.name = v)} />
                        <Field label={T::PartNumber.text(lang)} name="part_number" value={part_form.part_number.clone()} error={part_errors.field("part_number")} oninput={edit_part(|f, v| f.part_number = v)} />
                    </div>
                    <div class="row">
                        <Field label={T::MinStock.text(lang)} name="min_stock" kind="number" value={part_form.min_stock.to_string()} error={part_errors.field("min_stock")} oninput={edit_part(|f, v| f.min_stock = v.trim().parse().unwrap_or(-1))} />
                        <Field label={T::UnitCost.text(lang)} name="unit_cost" value={part_form.unit_cost.clone()} error={part_errors.field("unit_cost")} oninput={edit_part(|f, v| f.unit_cost = v)} />
                    </div>
                    <div class="actions"><button type="submit" id="part-save">{ T::Add.text(lang) }</button></div>
                </form>
            }
        </section>
    }
}

//! One intervention: what, where, who and when, the ticket it answers, the
//! equipment it concerns, the parts it used (taking more out of the stock
//! from here), the time logged on it with its timer, and its report saved
//! as a PDF.

use super::desk::{
    datetime_text, intervention_badge, kind_text, span_text, start_timer, stop_timer,
};
use crate::components::{input_value, select_value, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::route::{EquipmentTab, Route};
use crate::state::{navigate, use_app, Action, FormErrors, ToastKind};
use parc_api::commands;
use parc_api::equipment::PartRow;
use parc_api::equipment::SaveDocument;
use parc_api::interventions::{InterventionDetail, PartUseInput};
use parc_api::tickets::WorkItem;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InterventionDetailProps {
    pub id: i64,
}

#[function_component(InterventionDetailPage)]
pub fn intervention_detail(props: &InterventionDetailProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let detail = use_state(|| None::<Result<InterventionDetail, String>>);
    let parts = use_state(Vec::<PartRow>::new);
    let part_use = use_state(|| (None::<i64>, String::from("1")));
    let part_errors = use_state(FormErrors::default);
    let reload = {
        let detail = detail.clone();
        let id = props.id;
        Callback::from(move |_: ()| {
            let detail = detail.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::GetIntervention>(&id).await;
                detail.set(Some(found.map_err(|e| crate::state::error_text(&e, lang))));
            });
        })
    };
    {
        let (reload, parts) = (reload.clone(), parts.clone());
        use_effect_with(props.id, move |_| {
            reload.emit(());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::ListParts>(&String::new()).await {
                    parts.set(found);
                }
            });
        });
    }
    let d = match &*detail {
        None => return html! { <Spinner /> },
        Some(Err(message)) => return html! { <div class="card error">{ message.clone() }</div> },
        Some(Ok(d)) => d.clone(),
    };
    let id = d.row.id;
    let row = &d.row;
    let save_report = |open: bool| {
        let app = app.clone();
        Callback::from(move |_| {
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SaveInterventionReport>(&SaveDocument { id, open }).await {
                    Ok(file) => app.dispatch(Action::Toast(
                        ToastKind::Success,
                        format!("{} {}", T::SavedTo.text(app.lang), file.path),
                    )),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        })
    };
    let use_part = {
        let (app, part_use, errors, detail) = (
            app.clone(),
            part_use.clone(),
            part_errors.clone(),
            detail.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (part, quantity) = (*part_use).clone();
            let Some(part_id) = part else { return };
            let input = PartUseInput {
                intervention_id: id,
                part_id,
                quantity: quantity.trim().parse().unwrap_or(0),
            };
            let (app, errors, detail) = (app.clone(), errors.clone(), detail.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::UseInterventionParts>(&input).await {
                    Ok(updated) => {
                        errors.set(FormErrors::default());
                        detail.set(Some(Ok(updated)));
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let on_part = {
        let part_use = part_use.clone();
        Callback::from(move |e: Event| {
            let (_, quantity) = (*part_use).clone();
            part_use.set((select_value(&e).parse().ok(), quantity));
        })
    };
    let on_quantity = {
        let part_use = part_use.clone();
        Callback::from(move |e: InputEvent| {
            let (part, _) = (*part_use).clone();
            part_use.set((part, input_value(&e)));
        })
    };
    let timer_here = app
        .timer
        .as_ref()
        .is_some_and(|timer| timer.intervention_id == Some(id));
    let timer_button = if timer_here {
        let (app, reload) = (app.clone(), reload.clone());
        let onclick = Callback::from(move |_| stop_timer(&app, reload.clone()));
        html! { <button id="stop-timer" class="ghost danger" {onclick}>{ T::StopTimer.text(lang) }</button> }
    } else {
        let app = app.clone();
        let onclick = Callback::from(move |_| start_timer(&app, WorkItem::Intervention(id)));
        html! { <button id="start-timer" class="ghost" {onclick}>{ T::StartTimer.text(lang) }</button> }
    };
    let edit = Callback::from(move |_| navigate(&Route::EditIntervention { id }));
    let open_ticket = row
        .ticket_id
        .map(|tid| Callback::from(move |_| navigate(&Route::Ticket { id: tid })));
    let when = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| datetime_text(t, &app.time_zone, lang))
            .unwrap_or_default()
    };
    html! {
        <section class="intervention-detail">
            <div class="page-head">
                <h1><span class="mono">{ row.reference.clone() }</span>{ " " }{ kind_text(row.kind).text(lang) }{ " " }{ intervention_badge(row.status, lang) }</h1>
                <div class="actions">
                    { timer_button }
                    <button class="ghost" id="edit-intervention" onclick={edit}>{ T::Edit.text(lang) }</button>
                    <button id="save-report" onclick={save_report(false)}>{ T::SaveReport.text(lang) }</button>
                    <button class="ghost" id="open-report" onclick={save_report(true)}>{ T::OpenReport.text(lang) }</button>
                </div>
            </div>
            <div class="columns">
                <div class="main-column">
                    <div class="card">
                        <dl class="facts" id="intervention-facts">
                            <dt>{ T::Client.text(lang) }</dt><dd>{ row.client_name.clone() }</dd>
                            <dt>{ T::Site.text(lang) }</dt><dd>{ row.site_name.clone().unwrap_or_default() }</dd>
                            <dt>{ T::Technician.text(lang) }</dt><dd>{ row.technician_name.clone().unwrap_or_else(|| T::Unassigned.text(lang).to_owned()) }</dd>
                            <dt>{ T::Ticket.text(lang) }</dt><dd>
                                if let (Some(reference), Some(onclick)) = (row.ticket_reference.clone(), open_ticket) { <a class="link" {onclick}>{ reference }</a> }
                            </dd>
                            <dt>{ T::Contract.text(lang) }</dt><dd>{ d.contract_reference.clone().unwrap_or_default() }</dd>
                            if row.scheduled_start.is_some() {
                                <dt>{ T::Scheduled.text(lang) }</dt><dd id="intervention-scheduled">{ format!("{} → {}", when(row.scheduled_start), when(row.scheduled_end)) }</dd>
                            }
                            if row.actual_start.is_some() {
                                <dt>{ T::CarriedOut.text(lang) }</dt><dd id="intervention-carried-out">{ format!("{} → {}", when(row.actual_start), when(row.actual_end)) }</dd>
                            }
                            <dt>{ T::TimeSpent.text(lang) }</dt><dd id="intervention-time">{ span_text(d.minutes_spent) }</dd>
                        </dl>
                    </div>
                    <div class="card">
                        <h3>{ T::WorkDone.text(lang) }</h3>
                        <p class="description" id="work-done">{ d.input.work_done.clone() }</p>
                    </div>
                    <div class="card">
                        <h3>{ T::TabEquipment.text(lang) }</h3>
                        <table class="list" id="intervention-equipment-list">
                            <tbody>
                                { for d.equipment.iter().map(|e| {
                                    let route = Route::EquipmentItem { id: e.id, tab: EquipmentTab::Overview };
                                    let onclick = Callback::from(move |_| navigate(&route));
                                    html! { <tr class="clickable" {onclick}><td class="mono">{ e.reference.clone() }</td><td>{ e.name.clone() }</td><td class="mono">{ e.serial_number.clone() }</td></tr> }
                                }) }
                            </tbody>
                        </table>
                    </div>
                </div>
                <div class="side-column">
                    <div class="card">
                        <h3>{ T::PartsUsed.text(lang) }</h3>
                        <table class="list compact" id="parts-used">
                            <tbody>
                                { for d.parts.iter().map(|p| html! {
                                    <tr><td>{ p.name.clone() }</td><td class="mono">{ p.part_number.clone() }</td><td class="right">{ p.quantity }</td></tr>
                                }) }
                            </tbody>
                        </table>
                        <form class="inline-form" id="use-part-form" onsubmit={use_part}>
                            <select id="use-part" onchange={on_part}>
                                <option value="" selected={part_use.0.is_none()}>{ T::ChoosePart.text(lang) }</option>
                                { for parts.iter().map(|p| html! {
                                    <option value={p.id.to_string()} selected={part_use.0 == Some(p.id)}>{ format!("{} ({} {})", p.name, p.stock_on_hand, T::Stock.text(lang).to_lowercase()) }</option>
                                }) }
                            </select>
                            <input id="use-part-quantity" type="number" min="1" value={part_use.1.clone()} oninput={on_quantity} />
                            <button type="submit" id="use-part-submit">{ T::UsePart.text(lang) }</button>
                            if let Some(error) = part_errors.fields.values().next().or(part_errors.general.as_ref()) { <small class="error" id="use-part-error">{ error.clone() }</small> }
                        </form>
                    </div>
                    <super::time_log::TimeLog item={WorkItem::Intervention(id)} entries={d.time.clone()} on_logged={reload.clone()} />
                </div>
            </div>
        </section>
    }
}

//! Recording an intervention, or changing one: its kind and status, the
//! client (fixed when it answers a ticket), the site, the equipment it
//! concerns (ticked among the client's, those of the chosen site first),
//! the technician, the scheduled and actual times (local), the work done.

use super::desk::{client_records, intervention_status_text, kind_text, ClientRecords};
use super::ticket_form::id_select;
use crate::components::{select_value, Field, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::route::Route;
use crate::state::{navigate, use_app, Action, FormErrors, ToastKind};
use parc_api::commands;
use parc_api::interventions::{InterventionInput, InterventionKind, InterventionStatus};
use parc_api::tickets::TechnicianRow;
use parc_api::Update;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InterventionFormProps {
    /// None: a new intervention.
    pub id: Option<i64>,
    #[prop_or_default]
    pub ticket_id: Option<i64>,
    #[prop_or_default]
    pub client_id: Option<i64>,
}

#[function_component(InterventionForm)]
pub fn intervention_form(props: &InterventionFormProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let form = use_state(|| None::<InterventionInput>);
    let errors = use_state(FormErrors::default);
    let clients = use_state(Vec::<parc_api::clients::ClientRow>::new);
    let technicians = use_state(Vec::<TechnicianRow>::new);
    let records = use_state(ClientRecords::default);
    let ticket_label = use_state(|| None::<String>);
    {
        let (form, clients, technicians, ticket_label, app) = (
            form.clone(),
            clients.clone(),
            technicians.clone(),
            ticket_label.clone(),
            app.clone(),
        );
        let (id, ticket_id, client_id) = (props.id, props.ticket_id, props.client_id);
        use_effect_with((id, ticket_id), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                clients.set(crate::lists::first_clients().await);
                if let Ok(found) = call::<commands::ListTechnicians>(&()).await {
                    technicians.set(found);
                }
                let session_user = crate::state::session_of(&app).map(|s| s.user_id);
                let loaded = match id {
                    Some(id) => call::<commands::GetIntervention>(&id).await.map(|d| {
                        ticket_label.set(d.row.ticket_reference.clone());
                        d.input
                    }),
                    None => {
                        let mut input = InterventionInput {
                            client_id: client_id.unwrap_or_default(),
                            ticket_id,
                            technician_id: session_user,
                            kind: if ticket_id.is_some() {
                                InterventionKind::Corrective
                            } else {
                                InterventionKind::Installation
                            },
                            status: InterventionStatus::Done,
                            ..Default::default()
                        };
                        if let Some(ticket) = ticket_id {
                            if let Ok(t) = call::<commands::GetTicket>(&ticket).await {
                                input.client_id = t.row.client_id;
                                input.site_id = t.input.site_id;
                                input.equipment_ids = t.input.equipment_id.into_iter().collect();
                                ticket_label
                                    .set(Some(format!("{} — {}", t.row.reference, t.row.title)));
                            }
                        }
                        Ok(input)
                    }
                };
                match loaded {
                    Ok(input) => form.set(Some(input)),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        });
    }
    let client_id = form.as_ref().map(|f| f.client_id).unwrap_or_default();
    {
        let records = records.clone();
        use_effect_with(client_id, move |client_id| {
            let client_id = *client_id;
            wasm_bindgen_futures::spawn_local(async move {
                records.set(client_records(client_id).await);
            });
        });
    }
    let Some(current) = (*form).clone() else {
        return html! { <Spinner /> };
    };
    let update = |apply: fn(&mut InterventionInput, Option<i64>)| {
        let form = form.clone();
        Callback::from(move |value: Option<i64>| {
            if let Some(mut next) = (*form).clone() {
                apply(&mut next, value);
                form.set(Some(next));
            }
        })
    };
    let text = |apply: fn(&mut InterventionInput, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            if let Some(mut next) = (*form).clone() {
                apply(&mut next, value);
                form.set(Some(next));
            }
        })
    };
    let on_kind = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*form).clone() {
                next.kind = InterventionKind::from_code(&select_value(&e)).unwrap_or_default();
                form.set(Some(next));
            }
        })
    };
    let on_status = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*form).clone() {
                next.status = InterventionStatus::from_code(&select_value(&e)).unwrap_or_default();
                form.set(Some(next));
            }
        })
    };
    let toggle_equipment = |equipment_id: i64| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*form).clone() {
                let on = crate::components::checkbox_value(&e);
                next.equipment_ids.retain(|id| *id != equipment_id);
                if on {
                    next.equipment_ids.push(equipment_id);
                }
                form.set(Some(next));
            }
        })
    };
    let id = props.id;
    let submit = {
        let (form, errors, app) = (form.clone(), errors.clone(), app.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = (*form).clone() else { return };
            let (errors, app) = (errors.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let saved = match id {
                    None => call::<commands::CreateIntervention>(&input).await,
                    Some(id) => call::<commands::UpdateIntervention>(&Update { id, input }).await,
                };
                match saved {
                    Ok(detail) => {
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            format!("{} {}", T::Saved.text(app.lang), detail.row.reference),
                        ));
                        navigate(&Route::Intervention { id: detail.row.id });
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let detail = records.detail.clone();
    let sites: Vec<(i64, String)> = detail
        .iter()
        .flat_map(|d| d.sites.iter().map(|s| (s.id, s.name.clone())))
        .collect();
    let mut equipment = records.equipment.clone();
    equipment.sort_by_key(|e| (e.site_id != current.site_id, e.reference.clone()));
    let fixed_client = current.ticket_id.is_some() || props.id.is_some();
    html! {
        <section>
            <div class="page-head"><h1>{ if props.id.is_some() { T::EditIntervention } else { T::NewIntervention }.text(lang) }</h1></div>
            <form class="card form wide" id="intervention-form" onsubmit={submit}>
                if let Some(ticket) = &*ticket_label { <p class="hint" id="intervention-ticket">{ format!("{} {ticket}", T::AnswersTicket.text(lang)) }</p> }
                <div class="grid-2">
                    <div class="field">
                        <label for="field-kind">{ T::Kind.text(lang) }</label>
                        <select id="field-kind" name="kind" onchange={on_kind}>
                            { for InterventionKind::ALL.iter().map(|k| html! { <option value={k.code()} selected={current.kind == *k}>{ kind_text(*k).text(lang) }</option> }) }
                        </select>
                        if let Some(error) = errors.field("ticket_id") { <small class="error" data-error-for="ticket_id">{ error }</small> }
                    </div>
                    <div class="field">
                        <label for="field-status">{ T::Status.text(lang) }</label>
                        <select id="field-status" name="status" onchange={on_status}>
                            { for InterventionStatus::ALL.iter().map(|s| html! { <option value={s.code()} selected={current.status == *s}>{ intervention_status_text(*s).text(lang) }</option> }) }
                        </select>
                    </div>
                    if fixed_client {
                        <div class="field"><label>{ T::Client.text(lang) }</label><input id="field-client_id" disabled=true value={detail.as_ref().map(|d| d.input.name.clone()).unwrap_or_default()} /></div>
                    } else {
                        { id_select("field-client_id", T::Client.text(lang), errors.field("client_id"), (current.client_id != 0).then_some(current.client_id),
                            clients.iter().map(|c| (c.id, format!("{} — {}", c.name, c.code))).collect(),
                            update(|f, v| { f.client_id = v.unwrap_or_default(); f.site_id = None; f.equipment_ids.clear(); })) }
                    }
                    { id_select("field-site_id", T::Site.text(lang), errors.field("site_id"), current.site_id, sites, update(|f, v| f.site_id = v)) }
                    { id_select("field-technician_id", T::Technician.text(lang), errors.field("technician_id"), current.technician_id,
                        technicians.iter().map(|t| (t.user_id, t.name.clone())).collect(), update(|f, v| f.technician_id = v)) }
                </div>
                <div class="grid-2">
                    <Field label={T::ScheduledStart.text(lang)} name="scheduled_start" kind="datetime-local" value={current.scheduled_start.clone()} error={errors.field("scheduled_start")} oninput={text(|f, v| f.scheduled_start = v)} />
                    <Field label={T::ScheduledEnd.text(lang)} name="scheduled_end" kind="datetime-local" value={current.scheduled_end.clone()} error={errors.field("scheduled_end")} oninput={text(|f, v| f.scheduled_end = v)} />
                    <Field label={T::ActualStart.text(lang)} name="actual_start" kind="datetime-local" value={current.actual_start.clone()} error={errors.field("actual_start")} oninput={text(|f, v| f.actual_start = v)} />
                    <Field label={T::ActualEnd.text(lang)} name="actual_end" kind="datetime-local" value={current.actual_end.clone()} error={errors.field("actual_end")} oninput={text(|f, v| f.actual_end = v)} />
                </div>
                <fieldset class="equipment-choice" id="intervention-equipment">
                    <legend>{ T::TabEquipment.text(lang) }</legend>
                    { for equipment.iter().take(60).map(|e| {
                        let checked = current.equipment_ids.contains(&e.id);
                        html! { <label class="check"><input type="checkbox" data-reference={e.reference.clone()} {checked} onchange={toggle_equipment(e.id)} />{ format!("{} — {}", e.reference, e.name) }</label> }
                    }) }
                    if let Some(error) = errors.fields.iter().find(|(k, _)| k.starts_with("equipment_ids")).map(|(_, v)| v.clone()) { <small class="error">{ error }</small> }
                </fieldset>
                <Field label={T::WorkDone.text(lang)} name="work_done" value={current.work_done.clone()} error={errors.field("work_done")} multiline=true oninput={text(|f, v| f.work_done = v)} />
                if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
                <div class="actions">
                    <button type="submit" id="save-intervention">{ T::Save.text(lang) }</button>
                    <button type="button" class="ghost" onclick={crate::forms::go_back()}>{ T::Cancel.text(lang) }</button>
                </div>
            </form>
        </section>
    }
}

//! Create or edit a contract: the client and the sites it covers (all their
//! equipment, or a chosen list), its term and billing rhythm, its price
//! lines, the support hours included, its service level, visits and
//! renewal. The core checks everything and names the field at fault.

use crate::components::level_text;
use crate::components::{checkbox_value, select_value, Field, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::pages::contracts::periodicity_text;
use crate::route::Route;
use crate::state::{navigate, use_app, Action, FormErrors, ToastKind};
use parc_api::billing::Periodicity;
use parc_api::clients::{ClientDetail, ServiceLevel};
use parc_api::commands;
use parc_api::contracts::{ContractInput, ContractLineInput, UpdateContract};
use parc_api::equipment::{EquipmentFilter, EquipmentQuery, EquipmentRow};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ContractFormProps {
    /// None: a new contract.
    pub id: Option<i64>,
    #[prop_or_default]
    pub client_id: Option<i64>,
}

fn blank_line(per_equipment: bool) -> ContractLineInput {
    ContractLineInput {
        description: String::new(),
        per_equipment,
        unit_price: String::new(),
        vat_rate: "20".into(),
    }
}

fn blank(client_id: Option<i64>) -> ContractInput {
    ContractInput {
        client_id: client_id.unwrap_or_default(),
        kind: "maintenance".into(),
        covers_all_equipment: true,
        start_date: crate::state::today().to_string(),
        billed_in_advance: true,
        lines: vec![blank_line(false)],
        renewal_months: "12".into(),
        notice_days: "30".into(),
        ..Default::default()
    }
}

#[function_component(ContractForm)]
pub fn contract_form(props: &ContractFormProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let form = use_state(|| props.id.is_none().then(|| blank(props.client_id)));
    let errors = use_state(FormErrors::default);
    let busy = use_state(|| false);
    let clients = use_state(Vec::<parc_api::clients::ClientRow>::new);
    let client = use_state(|| None::<ClientDetail>);
    let equipment = use_state(Vec::<EquipmentRow>::new);
    {
        let (form, clients, app) = (form.clone(), clients.clone(), app.clone());
        use_effect_with(props.id, move |id| {
            let id = *id;
            wasm_bindgen_futures::spawn_local(async move {
                clients.set(crate::lists::first_clients().await);
                if let Some(id) = id {
                    match call::<commands::GetContract>(&id).await {
                        Ok(detail) => form.set(Some(detail.input)),
                        Err(error) => app.dispatch(Action::Failed(error)),
                    }
                }
            });
        });
    }
    let client_id = form.as_ref().map(|f| f.client_id).filter(|id| *id > 0);
    {
        let (client, equipment) = (client.clone(), equipment.clone());
        use_effect_with(client_id, move |client_id| {
            let client_id = *client_id;
            wasm_bindgen_futures::spawn_local(async move {
                let Some(id) = client_id else {
                    client.set(None);
                    equipment.set(Vec::new());
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
                    equipment.set(found.items);
                }
            });
        });
    }
    let Some(current) = (*form).clone() else {
        return html! { <Spinner /> };
    };
    let edit = |apply: fn(&mut ContractInput, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            if let Some(mut next) = (*form).clone() {
                apply(&mut next, value);
                form.set(Some(next));
            }
        })
    };
    let choose = |apply: fn(&mut ContractInput, String)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*form).clone() {
                apply(&mut next, select_value(&e));
                form.set(Some(next));
            }
        })
    };
    let check = |apply: fn(&mut ContractInput, bool)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*form).clone() {
                apply(&mut next, checkbox_value(&e));
                form.set(Some(next));
            }
        })
    };
    let toggle_id = |site: bool, id: i64| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*form).clone() {
                let list = if site {
                    &mut next.site_ids
                } else {
                    &mut next.equipment_ids
                };
                list.retain(|x| *x != id);
                if checkbox_value(&e) {
                    list.push(id);
                }
                form.set(Some(next));
            }
        })
    };
    let line_text = |index: usize, apply: fn(&mut ContractLineInput, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(mut next) = (*form).clone() {
                if let Some(line) = next.lines.get_mut(index) {
                    apply(line, crate::components::input_value(&e));
                }
                form.set(Some(next));
            }
        })
    };
    let line_check = |index: usize| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*form).clone() {
                if let Some(line) = next.lines.get_mut(index) {
                    line.per_equipment = checkbox_value(&e);
                }
                form.set(Some(next));
            }
        })
    };
    let add_line = {
        let form = form.clone();
        Callback::from(move |_| {
            if let Some(mut next) = (*form).clone() {
                next.lines.push(blank_line(true));
                form.set(Some(next));
            }
        })
    };
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
                    None => call::<commands::CreateContract>(&input).await,
                    Some(id) => {
                        call::<commands::UpdateContract>(&UpdateContract { id, input }).await
                    }
                };
                busy.set(false);
                match result {
                    Ok(detail) => {
                        let text = if id.is_none() {
                            T::ContractCreated
                        } else {
                            T::Saved
                        };
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            text.text(app.lang).to_owned(),
                        ));
                        navigate(&Route::Contract { id: detail.row.id });
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let cancel = crate::forms::go_back();
    let field_error = |name: &str| errors.field(name);
    let select = |name: &'static str, label: T, onchange: Callback<Event>, options: Html| {
        let error = field_error(name);
        html! {
            <div class={classes!("field", error.is_some().then_some("invalid"))}>
                <label for={format!("field-{name}")}>{ label.text(lang) }</label>
                <select id={format!("field-{name}")} name={name} {onchange}>{ options }</select>
                if let Some(error) = error { <small class="error" data-error-for={name}>{ error }</small> }
            </div>
        }
    };
    let sites = client.as_ref().map(|c| c.sites.clone()).unwrap_or_default();
    let on_sites: Vec<&EquipmentRow> = equipment
        .iter()
        .filter(|e| e.site_id.is_some_and(|s| current.site_ids.contains(&s)))
        .collect();
    let line_cell = |index: usize,
                     name: &str,
                     value: &str,
                     apply: fn(&mut ContractLineInput, String),
                     class: &'static str| {
        let field = format!("lines[{index}].{name}");
        let error = field_error(&field);
        html! {
            <td class={classes!(class, error.is_some().then_some("invalid"))}>
                <input id={format!("line-{index}-{name}")} name={field.clone()} value={value.to_owned()} oninput={line_text(index, apply)} aria-invalid={error.is_some().to_string()} />
                if let Some(error) = error { <small class="error" data-error-for={field}>{ error }</small> }
            </td>
        }
    };
    html! {
        <section>
            <div class="page-head"><h1>{ if props.id.is_some() { T::EditContract } else { T::NewContract }.text(lang) }</h1></div>
            <form class="card form wide" id="contract-form" onsubmit={submit}>
                <div class="row">
                    { select("client_id", T::Client, choose(|f, v| { f.client_id = v.parse().unwrap_or_default(); f.site_ids.clear(); f.equipment_ids.clear(); }), html! {<>
                        <option value="" selected={current.client_id == 0}>{ T::NoneChoice.text(lang) }</option>
                        { for clients.iter().map(|c| html! { <option value={c.id.to_string()} selected={current.client_id == c.id}>{ format!("{} — {}", c.name, c.code) }</option> }) }
                    </>}) }
                    <Field label={T::ContractKind.text(lang)} name="kind" value={current.kind.clone()} error={field_error("kind")} hint={AttrValue::from(T::ContractKindHint.text(lang))} oninput={edit(|f, v| f.kind = v)} />
                </div>
                <fieldset class={classes!("choices-box", field_error("site_ids").is_some().then_some("invalid"))} id="contract-sites">
                    <legend>{ T::CoveredSites.text(lang) }</legend>
                    if sites.is_empty() { <p class="muted">{ T::ChooseClientFirst.text(lang) }</p> }
                    { for sites.iter().filter(|s| !s.archived).map(|s| html! {
                        <label class="check"><input type="checkbox" class="site-choice" data-site={s.name.clone()} checked={current.site_ids.contains(&s.id)} onchange={toggle_id(true, s.id)} />{ s.name.clone() }</label>
                    }) }
                    if let Some(error) = field_error("site_ids") { <small class="error" data-error-for="site_ids">{ error }</small> }
                    <label class="check"><input type="checkbox" id="field-covers_all_equipment" checked={current.covers_all_equipment} onchange={check(|f, v| f.covers_all_equipment = v)} />{ T::CoversAllEquipment.text(lang) }</label>
                    if !current.covers_all_equipment {
                        <div class="equipment-choices">
                            { for on_sites.iter().map(|e| html! {
                                <label class="check"><input type="checkbox" class="equipment-choice" checked={current.equipment_ids.contains(&e.id)} onchange={toggle_id(false, e.id)} />{ format!("{} — {}", e.reference, e.name) }</label>
                            }) }
                        </div>
                        if let Some(error) = field_error("equipment_ids") { <small class="error" data-error-for="equipment_ids">{ error }</small> }
                    }
                </fieldset>
                <div class="row">
                    <Field label={T::StartDate.text(lang)} name="start_date" kind="date" value={current.start_date.clone()} error={field_error("start_date")} oninput={edit(|f, v| f.start_date = v)} />
                    <Field label={T::EndDate.text(lang)} name="end_date" kind="date" value={current.end_date.clone()} error={field_error("end_date")} hint={AttrValue::from(T::EndDateHint.text(lang))} oninput={edit(|f, v| f.end_date = v)} />
                    { select("periodicity", T::Periodicity, choose(|f, v| f.periodicity = Periodicity::from_code(&v).unwrap_or_default()), html! {
                        { for Periodicity::ALL.iter().map(|p| html! { <option value={p.code()} selected={current.periodicity == *p}>{ periodicity_text(*p).text(lang) }</option> }) }
                    }) }
                </div>
                <label class="check"><input type="checkbox" id="field-billed_in_advance" checked={current.billed_in_advance} onchange={check(|f, v| f.billed_in_advance = v)} />{ T::BilledInAdvance.text(lang) }</label>
                if let Some(error) = field_error("billed_in_advance") { <small class="error" data-error-for="billed_in_advance">{ error }</small> }
                <h3>{ T::PriceLines.text(lang) }</h3>
                <table class="list lines-editor" id="contract-lines-editor">
                    <thead><tr>
                        <th>{ T::Description.text(lang) }</th>
                        <th>{ T::PerEquipment.text(lang) }</th>
                        <th>{ T::UnitPriceExclVat.text(lang) }</th>
                        <th>{ T::VatRate.text(lang) }</th>
                        <th></th>
                    </tr></thead>
                    <tbody>
                        { for current.lines.iter().enumerate().map(|(i, line)| {
                            let remove = {
                                let form = form.clone();
                                Callback::from(move |_| {
                                    if let Some(mut next) = (*form).clone() {
                                        next.lines.remove(i);
                                        form.set(Some(next));
                                    }
                                })
                            };
                            html! {
                                <tr>
                                    { line_cell(i, "description", &line.description, |l, v| l.description = v, "grow") }
                                    <td class="check"><input type="checkbox" id={format!("line-{i}-per_equipment")} checked={line.per_equipment} onchange={line_check(i)} /></td>
                                    { line_cell(i, "unit_price", &line.unit_price, |l, v| l.unit_price = v, "narrow") }
                                    { line_cell(i, "vat_rate", &line.vat_rate, |l, v| l.vat_rate = v, "narrow") }
                                    <td><button type="button" class="ghost small" onclick={remove}>{ T::RemoveLine.text(lang) }</button></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                if let Some(error) = field_error("lines") { <p class="form-error" data-error-for="lines">{ error }</p> }
                <p><button type="button" class="ghost" id="contract-add-line" onclick={add_line}>{ T::AddLine.text(lang) }</button></p>
                <div class="row">
                    <Field label={T::IncludedHours.text(lang)} name="included_hours" value={current.included_hours.clone()} error={field_error("included_hours")} oninput={edit(|f, v| f.included_hours = v)} />
                    <Field label={T::OverageRate.text(lang)} name="overage_rate" value={current.overage_rate.clone()} error={field_error("overage_rate")} oninput={edit(|f, v| f.overage_rate = v)} />
                </div>
                <div class="row">
                    { select("service_level", T::ServiceLevel, choose(|f, v| f.service_level = ServiceLevel::from_code(&v)), html! {<>
                        <option value="" selected={current.service_level.is_none()}>{ T::ClientsLevel.text(lang) }</option>
                        { for ServiceLevel::ALL.iter().map(|l| html! { <option value={l.code()} selected={current.service_level == Some(*l)}>{ level_text(*l).text(lang) }</option> }) }
                    </>}) }
                    <Field label={T::VisitEveryMonths.text(lang)} name="visit_every_months" value={current.visit_every_months.clone()} error={field_error("visit_every_months")} oninput={edit(|f, v| f.visit_every_months = v)} />
                </div>
                <label class="check"><input type="checkbox" id="field-auto_renew" checked={current.auto_renew} onchange={check(|f, v| f.auto_renew = v)} />{ T::AutoRenew.text(lang) }</label>
                <div class="row">
                    <Field label={T::RenewalMonths.text(lang)} name="renewal_months" value={current.renewal_months.clone()} error={field_error("renewal_months")} oninput={edit(|f, v| f.renewal_months = v)} />
                    <Field label={T::NoticeDays.text(lang)} name="notice_days" value={current.notice_days.clone()} error={field_error("notice_days")} oninput={edit(|f, v| f.notice_days = v)} />
                </div>
                <Field label={T::Notes.text(lang)} name="notes" multiline=true value={current.notes.clone()} error={field_error("notes")} oninput={edit(|f, v| f.notes = v)} />
                if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
                <div class="actions">
                    <button type="button" class="ghost" onclick={cancel}>{ T::Cancel.text(lang) }</button>
                    <button type="submit" id="contract-save" disabled={*busy}>{ T::Save.text(lang) }</button>
                </div>
            </form>
        </section>
    }
}

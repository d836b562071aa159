//! The planning: a week of interventions per technician (and those nobody
//! has yet), each technician's planned hours against their weekly
//! capacity, overlapping visits flagged as conflicts, and a panel to move
//! or hand over the visit clicked. "Plan now" runs preventive planning.

use super::desk::{company_day, company_time, datetime_text, kind_text, span_text};
use super::ticket_form::id_select;
use crate::components::{input_value, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::route::Route;
use crate::state::{navigate, use_app, Action, FormErrors, ToastKind};
use chrono::{Datelike, Days, NaiveDate};
use parc_api::commands;
use parc_api::interventions::{InterventionDetail, InterventionQuery, InterventionRow};
use parc_api::tickets::TechnicianRow;
use parc_api::Update;
use yew::prelude::*;

/// The Monday of `day`'s week.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// Planned minutes of an intervention (its scheduled span).
fn planned_minutes(i: &InterventionRow) -> i64 {
    match (i.scheduled_start, i.scheduled_end) {
        (Some(start), Some(end)) => (end - start).num_minutes().max(0),
        _ => 0,
    }
}

/// The ids of a technician's interventions that overlap another of theirs.
pub fn conflicts(items: &[&InterventionRow]) -> Vec<i64> {
    let mut clashing = Vec::new();
    for (i, a) in items.iter().enumerate() {
        for b in items.iter().skip(i + 1) {
            if let (Some(a_start), Some(a_end), Some(b_start), Some(b_end)) = (
                a.scheduled_start,
                a.scheduled_end,
                b.scheduled_start,
                b.scheduled_end,
            ) {
                if a_start < b_end && b_start < a_end {
                    clashing.extend([a.id, b.id]);
                }
            }
        }
    }
    clashing
}

#[derive(Properties, PartialEq)]
pub struct PlanningProps {
    pub week: Option<NaiveDate>,
}

#[function_component(PlanningPage)]
pub fn planning(props: &PlanningProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let monday = monday_of(props.week.unwrap_or_else(crate::state::today));
    let sunday = monday + Days::new(6);
    let week = use_state(|| None::<Vec<InterventionRow>>);
    let technicians = use_state(Vec::<TechnicianRow>::new);
    let version = use_state(|| 0u32);
    let editing = use_state(|| None::<InterventionDetail>);
    let edit_errors = use_state(FormErrors::default);
    {
        let (week, technicians) = (week.clone(), technicians.clone());
        use_effect_with((monday, *version), move |(monday, _)| {
            let monday = *monday;
            week.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::ListTechnicians>(&()).await {
                    technicians.set(found);
                }
                // Every visit of the week, page after page.
                let mut found = Vec::new();
                for page in 1..=50 {
                    let query = InterventionQuery {
                        from: Some(monday),
                        to: Some(monday + Days::new(6)),
                        page,
                        page_size: parc_api::page::MAX_PAGE_SIZE,
                        ..Default::default()
                    };
                    let Ok(next) = call::<commands::ListInterventions>(&query).await else {
                        break;
                    };
                    let last = page >= next.page_count();
                    found.extend(next.items);
                    if last {
                        break;
                    }
                }
                week.set(Some(found));
            });
        });
    }
    let Some(items) = (*week).clone() else {
        return html! { <Spinner /> };
    };
    let go = |weeks: i64| {
        let target = if weeks < 0 {
            monday - Days::new(7)
        } else if weeks > 0 {
            monday + Days::new(7)
        } else {
            monday_of(crate::state::today())
        };
        Callback::from(move |_| navigate(&Route::Planning { week: Some(target) }))
    };
    let plan_now = {
        let (app, version) = (app.clone(), version.clone());
        Callback::from(move |_| {
            let (app, version) = (app.clone(), version.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::RunPlanning>(&()).await {
                    Ok(result) => {
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            format!("{} {}", result.created, T::VisitsPlanned.text(app.lang)),
                        ));
                        version.set(*version + 1);
                    }
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        })
    };
    let open_editor = |id: i64| {
        let (editing, errors) = (editing.clone(), edit_errors.clone());
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            let (editing, errors) = (editing.clone(), errors.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(detail) = call::<commands::GetIntervention>(&id).await {
                    errors.set(FormErrors::default());
                    editing.set(Some(detail));
                }
            });
        })
    };
    let days: Vec<NaiveDate> = (0..7).map(|d| monday + Days::new(d)).collect();
    let mut rows: Vec<(Option<i64>, String, i64)> = technicians
        .iter()
        .map(|t| (Some(t.user_id), t.name.clone(), t.weekly_minutes))
        .collect();
    // Visits of someone not listed (a deactivated user) get a row too.
    for i in &items {
        if let Some(id) = i.technician_id {
            if !rows.iter().any(|(t, _, _)| *t == Some(id)) {
                rows.push((Some(id), i.technician_name.clone().unwrap_or_default(), 0));
            }
        }
    }
    rows.push((None, T::Unassigned.text(lang).to_owned(), 0));
    let grid_rows = rows.iter().map(|(tech, name, capacity)| {
        let theirs: Vec<&InterventionRow> = items.iter().filter(|i| i.technician_id == *tech).collect();
        // Done and cancelled visits are shown but no longer load anyone.
        let ahead: Vec<&InterventionRow> = theirs.iter().copied().filter(|i| i.status.is_planned()).collect();
        let clashing = if tech.is_some() { conflicts(&ahead) } else { Vec::new() };
        let planned: i64 = ahead.iter().map(|i| planned_minutes(i)).sum();
        let over = *capacity > 0 && planned > *capacity;
        let percent = if *capacity > 0 { (planned * 100 / capacity).min(100) } else { 0 };
        let load = if tech.is_some() {
            html! {
                <div class={classes!("load", over.then_some("over"))}>
                    <div class="bar"><div class="fill" style={format!("width: {percent}%")}></div></div>
                    <small>{ format!("{} / {}", span_text(planned), span_text(*capacity)) }</small>
                </div>
            }
        } else { html! {} };
        let row_id = tech.map_or_else(|| "planning-unassigned".to_owned(), |t| format!("planning-tech-{t}"));
        html! {
            <tr id={row_id}>
                <th class="tech"><div class="strong">{ name.clone() }</div>{ load }</th>
                { for days.iter().map(|day| {
                    let mut those: Vec<&&InterventionRow> = theirs.iter().filter(|i| i.scheduled_start.or(i.actual_start).map(|at| company_day(at, &app.time_zone)) == Some(*day)).collect();
                    those.sort_by_key(|i| i.scheduled_start.or(i.actual_start));
                    html! {
                        <td class="day">
                            { for those.into_iter().map(|i| {
                                let conflict = clashing.contains(&i.id);
                                let time = i.scheduled_start.or(i.actual_start).map(|at| company_time(at, &app.time_zone)).unwrap_or_default();
                                html! {
                                    <div class={classes!("visit", format!("kind-{}", i.kind.code()), conflict.then_some("conflict"))} data-reference={i.reference.clone()} onclick={open_editor(i.id)} title={i.site_name.clone().unwrap_or_default()}>
                                        <span class="mono">{ time }</span>{ " " }<span class="strong">{ i.client_name.clone() }</span>
                                        <div class="muted">{ format!("{} · {}", i.reference, kind_text(i.kind).text(lang)) }</div>
                                        if conflict { <div class="conflict-flag">{ T::Conflict.text(lang) }</div> }
                                    </div>
                                }
                            }) }
                        </td>
                    }
                }) }
            </tr>
        }
    });
    let editor = (*editing).clone().map(|detail| {
        let input = detail.input.clone();
        let set_text = |apply: fn(&mut InterventionDetail, String)| {
            let editing = editing.clone();
            Callback::from(move |e: InputEvent| {
                if let Some(mut next) = (*editing).clone() {
                    apply(&mut next, input_value(&e));
                    editing.set(Some(next));
                }
            })
        };
        let on_technician = {
            let editing = editing.clone();
            Callback::from(move |value: Option<i64>| {
                if let Some(mut next) = (*editing).clone() {
                    next.input.technician_id = value;
                    editing.set(Some(next));
                }
            })
        };
        let save = {
            let (editing, errors, version, app) = (editing.clone(), edit_errors.clone(), version.clone(), app.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let Some(current) = (*editing).clone() else { return };
                let (editing, errors, version, app) = (editing.clone(), errors.clone(), version.clone(), app.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let update = Update { id: current.row.id, input: current.input.clone() };
                    match call::<commands::UpdateIntervention>(&update).await {
                        Ok(_) => {
                            editing.set(None);
                            version.set(*version + 1);
                        }
                        Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                    }
                });
            })
        };
        let close = {
            let editing = editing.clone();
            Callback::from(move |_| editing.set(None))
        };
        let id = detail.row.id;
        let open = Callback::from(move |_| navigate(&Route::Intervention { id }));
        html! {
            <form class="card form planning-editor" id="planning-editor" onsubmit={save}>
                <h3><a class="link" onclick={open}>{ detail.row.reference.clone() }</a>{ format!(" — {}", detail.row.client_name) }</h3>
                <p class="muted">{ detail.row.scheduled_start.map(|s| datetime_text(s, &app.time_zone, lang)).unwrap_or_default() }</p>
                { id_select("field-technician_id", T::Technician.text(lang), edit_errors.field("technician_id"), input.technician_id,
                    technicians.iter().map(|t| (t.user_id, t.name.clone())).collect(), on_technician) }
                <div class="grid-2">
                    <div class="field"><label for="edit-start">{ T::ScheduledStart.text(lang) }</label><input id="edit-start" type="datetime-local" value={input.scheduled_start.clone()} oninput={set_text(|d, v| d.input.scheduled_start = v)} />
                        if let Some(error) = edit_errors.field("scheduled_start") { <small class="error">{ error }</small> }</div>
                    <div class="field"><label for="edit-end">{ T::ScheduledEnd.text(lang) }</label><input id="edit-end" type="datetime-local" value={input.scheduled_end.clone()} oninput={set_text(|d, v| d.input.scheduled_end = v)} />
                        if let Some(error) = edit_errors.field("scheduled_end") { <small class="error">{ error }</small> }</div>
                </div>
                if let Some(general) = &edit_errors.general { <p class="form-error">{ general.clone() }</p> }
                <div class="actions">
                    <button type="submit" id="save-planning">{ T::Save.text(lang) }</button>
                    <button type="button" class="ghost" onclick={close}>{ T::Cancel.text(lang) }</button>
                </div>
            </form>
        }
    });
    html! {
        <section>
            <div class="page-head">
                <h1>{ T::PlanningTitle.text(lang) }</h1>
                <div class="actions">
                    <button class="ghost" id="week-previous" onclick={go(-1)}>{ "←" }</button>
                    <span class="strong" id="week-label">{ format!("{} – {}", lang.date(monday), lang.date(sunday)) }</span>
                    <button class="ghost" id="week-next" onclick={go(1)}>{ "→" }</button>
                    <button class="ghost" id="week-today" onclick={go(0)}>{ T::ThisWeek.text(lang) }</button>
                    <button id="plan-now" onclick={plan_now}>{ T::PlanNow.text(lang) }</button>
                </div>
            </div>
            { for editor }
            <table class="planning" id="planning-grid">
                <thead><tr>
                    <th></th>
                    { for days.iter().map(|d| html! { <th class={classes!((*d == crate::state::today()).then_some("today"))}>{ lang.date(*d) }</th> }) }
                </tr></thead>
                <tbody>{ for grid_rows }</tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use parc_api::interventions::{InterventionKind, InterventionStatus};

    fn visit(id: i64, from: u32, to: u32) -> InterventionRow {
        InterventionRow {
            id,
            reference: format!("INT{id}"),
            kind: InterventionKind::Preventive,
            status: InterventionStatus::Scheduled,
            client_id: 1,
            client_name: "Acme".into(),
            site_name: None,
            technician_id: Some(1),
            technician_name: None,
            ticket_id: None,
            ticket_reference: None,
            scheduled_start: Some(Utc.with_ymd_and_hms(2026, 11, 27, from, 0, 0).unwrap()),
            scheduled_end: Some(Utc.with_ymd_and_hms(2026, 11, 27, to, 0, 0).unwrap()),
            actual_start: None,
            actual_end: None,
        }
    }

    #[test]
    fn overlapping_visits_conflict_and_touching_ones_do_not() {
        let (a, b, c) = (visit(1, 9, 11), visit(2, 10, 12), visit(3, 12, 13));
        let mut found = conflicts(&[&a, &b, &c]);
        found.sort_unstable();
        assert_eq!(found, vec![1, 2]);
        assert_eq!(planned_minutes(&a), 120);
        assert_eq!(
            monday_of(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        );
    }
}

//! The time logged on a ticket or an intervention, and the form to type
//! more by hand (a day, "1:30" or "1,5" hours, billable or not, a note):
//! one component for both pages.

use super::desk::{datetime_text, span_text};
use crate::components::input_value;
use crate::i18n::T;
use crate::ipc::call;
use crate::state::{use_app, FormErrors};
use parc_api::commands;
use parc_api::tickets::{TimeEntryInput, TimeEntryRow, WorkItem};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimeLogProps {
    pub item: WorkItem,
    pub entries: Vec<TimeEntryRow>,
    /// Called once an entry is saved, to show it.
    pub on_logged: Callback<()>,
}

#[function_component(TimeLog)]
pub fn time_log(props: &TimeLogProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let entry = use_state(|| TimeEntryInput {
        item: props.item,
        date: crate::state::today().to_string(),
        duration: String::new(),
        billable: true,
        note: String::new(),
    });
    let errors = use_state(FormErrors::default);
    let submit = {
        let (app, entry, errors, on_logged) = (
            app.clone(),
            entry.clone(),
            errors.clone(),
            props.on_logged.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = (*entry).clone();
            let (app, entry, errors, on_logged) = (
                app.clone(),
                entry.clone(),
                errors.clone(),
                on_logged.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::AddTimeEntry>(&input).await {
                    Ok(_) => {
                        errors.set(FormErrors::default());
                        entry.set(TimeEntryInput {
                            duration: String::new(),
                            note: String::new(),
                            ..input
                        });
                        on_logged.emit(());
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let text = |apply: fn(&mut TimeEntryInput, String)| {
        let entry = entry.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*entry).clone();
            apply(&mut next, input_value(&e));
            entry.set(next);
        })
    };
    let on_billable = crate::forms::bind_check(&entry, |f, v| f.billable = v);
    let logged: i64 = props.entries.iter().map(|e| e.minutes).sum();
    html! {
        <div class="card time-log">
            <h3>{ T::TimeSpent.text(lang) }<span id="time-logged">{ format!(" · {}", span_text(logged)) }</span></h3>
            <table class="list compact" id="time-entries">
                <tbody>
                    { for props.entries.iter().map(|e| html! {
                        <tr>
                            <td>{ e.user_name.clone() }</td>
                            <td class="nowrap">{ datetime_text(e.started_at, &app.time_zone, lang) }</td>
                            <td class="right">{ if e.ended_at.is_none() { T::Running.text(lang).to_owned() } else { span_text(e.minutes) } }</td>
                            <td>{ if e.billable { T::Billable.text(lang) } else { T::NotBillable.text(lang) } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <form class="inline-form" id="time-form" onsubmit={submit}>
                <input id="time-date" type="date" value={entry.date.clone()} oninput={text(|f, v| f.date = v)} />
                <input id="time-duration" placeholder={T::DurationHint.text(lang)} value={entry.duration.clone()} oninput={text(|f, v| f.duration = v)} aria-invalid={errors.field("duration").is_some().to_string()} />
                <label class="check"><input id="time-billable" type="checkbox" checked={entry.billable} onchange={on_billable} />{ T::Billable.text(lang) }</label>
                <input id="time-note" placeholder={T::Note.text(lang)} value={entry.note.clone()} oninput={text(|f, v| f.note = v)} />
                <button type="submit" id="log-time">{ T::LogTime.text(lang) }</button>
                if let Some(error) = errors.fields.values().next() { <small class="error" id="time-error">{ error.clone() }</small> }
            </form>
        </div>
    }
}

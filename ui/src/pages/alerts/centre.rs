//! The alert centre: the filters (kept in the route), the table, one row
//! per alert with its actions, and the snooze row under the alert being
//! snoozed. The page's own state is `centre_state`'s; what it shows is the
//! `ListAlerts` command's answer, asked again when the alerts change.

use super::centre_state::{CentreAction, CentreState};
use super::{days_text, route_of};
use crate::command::{use_changed, use_command, Topic};
use crate::components::{checkbox_value, input_value, select_value, Empty, Pager, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::lists::use_list_query;
use crate::route::Route;
use crate::state::{navigate, today, use_app, Action, FormErrors};
use chrono::NaiveDate;
use parc_api::alerts::{
    AcknowledgeAlerts, AlertItem, AlertListRow, AlertQuery, AlertRuleCode, AlertState, AlertView,
    SnoozeAlert,
};
use parc_api::clients::ClientRow;
use parc_api::commands;
use yew::prelude::*;

fn view_text(view: AlertView) -> T {
    match view {
        AlertView::Open => T::AlertsOpen,
        AlertView::Snoozed => T::AlertsSnoozed,
        AlertView::Acknowledged => T::AlertsAcknowledged,
        AlertView::Resolved => T::AlertsResolved,
        AlertView::All => T::AlertsAll,
    }
}

/// What a user does to alerts from the centre.
#[derive(Clone, Debug, PartialEq)]
pub enum Handle {
    Acknowledge(Vec<i64>),
    /// Snoozed to the day chosen in the snooze row.
    Snooze(i64),
    /// A snoozed alert woken before its day.
    Wake(i64),
}

/// Sends `handle` to the backend; once it went through, nothing stays
/// ticked or open and every screen showing alerts asks again.
fn send(
    handle: Handle,
    until: NaiveDate,
    state: UseReducerHandle<CentreState>,
    changed: Callback<&'static [Topic]>,
    app: crate::state::AppContext,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let snoozing = matches!(handle, Handle::Snooze(_));
        let result = match handle {
            Handle::Acknowledge(ids) => {
                call::<commands::AcknowledgeAlerts>(&AcknowledgeAlerts { ids })
                    .await
                    .map(drop)
            }
            Handle::Snooze(id) => {
                let input = SnoozeAlert {
                    id,
                    until: Some(until),
                };
                call::<commands::SnoozeAlert>(&input).await
            }
            Handle::Wake(id) => {
                call::<commands::SnoozeAlert>(&SnoozeAlert { id, until: None }).await
            }
        };
        match result {
            Ok(()) => {
                state.dispatch(CentreAction::Done);
                changed.emit(&[Topic::Alerts]);
            }
            Err(error) if snoozing => {
                let errors = FormErrors::from_error(&error, app.lang);
                let why = errors
                    .field("until")
                    .map(|text| text.to_string())
                    .unwrap_or_else(|| crate::state::error_text(&error, app.lang));
                state.dispatch(CentreAction::SnoozeRefused(why));
            }
            Err(error) => app.dispatch(Action::Failed(error)),
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct AlertCentreProps {
    pub query: AlertQuery,
}

#[function_component(AlertCentre)]
pub fn alert_centre(props: &AlertCentreProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let (query, set_query) = use_list_query(&props.query, false, Route::Alerts);
    let page = use_command::<commands::ListAlerts>(query.clone(), &[Topic::Alerts]);
    let state = use_reducer(|| CentreState::new(today()));
    let changed = use_changed();
    let on_handle = {
        let (state, app) = (state.clone(), app.clone());
        Callback::from(move |handle: Handle| {
            send(
                handle,
                state.snooze_until,
                state.clone(),
                changed.clone(),
                app.clone(),
            )
        })
    };
    let on_page = {
        let (query, set_query) = (query.clone(), set_query.clone());
        Callback::from(move |n: u64| {
            set_query.emit(AlertQuery {
                page: n,
                ..query.clone()
            })
        })
    };
    let acknowledge_selected = {
        let (on_handle, state) = (on_handle.clone(), state.clone());
        Callback::from(move |_| {
            on_handle.emit(Handle::Acknowledge(
                state.selected.iter().copied().collect(),
            ))
        })
    };
    let body = match &*page {
        Some(Err(message)) => html! { <div class="card error">{ message.clone() }</div> },
        None => html! { <Spinner /> },
        Some(Ok(found)) if found.items.is_empty() => html! {
            <Empty text={if query.search.is_empty() && query.view == AlertView::Open { T::NoAlerts.text(lang) } else { T::NoResults.text(lang) }} />
        },
        Some(Ok(found)) => html! {
            <>
                <table class="list" id="alerts-table">
                    <thead><tr>
                        <th></th>
                        <th>{ T::AlertRule.text(lang) }</th>
                        <th>{ T::AlertItemColumn.text(lang) }</th>
                        <th>{ T::Client.text(lang) }</th>
                        <th>{ T::DueOn.text(lang) }</th>
                        <th>{ T::Status.text(lang) }</th>
                        <th></th>
                    </tr></thead>
                    <tbody>
                        { for found.items.iter().map(|row| html! {
                            <AlertLine key={row.alert.id} row={row.clone()} state={state.clone()} on_handle={on_handle.clone()} />
                        }) }
                    </tbody>
                </table>
                <Pager page={found.page} page_count={found.page_count()} total={found.total} {on_page} />
            </>
        },
    };
    html! {
        <section>
            <div class="page-head">
                <h1>{ T::AlertsTitle.text(lang) }</h1>
                <div class="actions">
                    if !state.selected.is_empty() {
                        <button id="acknowledge-selected" onclick={acknowledge_selected}>{ format!("{} ({})", T::Acknowledge.text(lang), state.selected.len()) }</button>
                    }
                </div>
            </div>
            <AlertFilters query={query.clone()} {set_query} />
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AlertFiltersProps {
    query: AlertQuery,
    set_query: Callback<AlertQuery>,
}

/// The words, the view, the client and the rule; each change starts again
/// at the first page.
#[function_component(AlertFilters)]
fn alert_filters(props: &AlertFiltersProps) -> Html {
    let lang = use_app().lang;
    let query = &props.query;
    let typed = use_state(|| query.search.clone());
    let clients = use_state(Vec::<ClientRow>::new);
    {
        let clients = clients.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                clients.set(crate::lists::first_clients().await);
            });
        });
    }
    let refine = |change: fn(&mut AlertQuery, String)| {
        let (query, set_query) = (query.clone(), props.set_query.clone());
        move |value: String| {
            let mut next = AlertQuery {
                page: 1,
                ..query.clone()
            };
            change(&mut next, value);
            set_query.emit(next);
        }
    };
    let on_search = {
        let (typed, search) = (typed.clone(), refine(|q, v| q.search = v));
        Callback::from(move |e: InputEvent| {
            let words = input_value(&e);
            typed.set(words.clone());
            search(words);
        })
    };
    let on_select = |change: fn(&mut AlertQuery, String)| {
        let apply = refine(change);
        Callback::from(move |e: Event| apply(select_value(&e)))
    };
    html! {
        <div class="filters">
            <input id="alerts-search" type="search" placeholder={T::Search.text(lang)} value={(*typed).clone()} oninput={on_search} />
            <select id="alerts-view" onchange={on_select(|q, v| q.view = AlertView::from_code(&v).unwrap_or_default())}>
                { for AlertView::ALL.iter().map(|v| html! {
                    <option value={v.code()} selected={query.view == *v}>{ view_text(*v).text(lang) }</option>
                }) }
            </select>
            <select id="alerts-client" onchange={on_select(|q, v| q.client_id = v.parse().ok())}>
                <option value="" selected={query.client_id.is_none()}>{ T::AnyClient.text(lang) }</option>
                { for clients.iter().map(|c| html! {
                    <option value={c.id.to_string()} selected={query.client_id == Some(c.id)}>{ c.name.clone() }</option>
                }) }
            </select>
            <select id="alerts-rule" onchange={on_select(|q, v| q.rule = AlertRuleCode::from_code(&v))}>
                <option value="" selected={query.rule.is_none()}>{ T::AnyRule.text(lang) }</option>
                { for AlertRuleCode::ALL.iter().map(|r| html! {
                    <option value={r.code()} selected={query.rule == Some(*r)}>{ r.label(lang) }</option>
                }) }
            </select>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct AlertLineProps {
    row: AlertListRow,
    state: UseReducerHandle<CentreState>,
    on_handle: Callback<Handle>,
}

/// One alert: its rule, its item (opened on a click), its client, its day
/// and how far it is, its state; an open one is ticked, acknowledged,
/// snoozed or woken. The snooze row follows while it is being snoozed.
#[function_component(AlertLine)]
fn alert_line(props: &AlertLineProps) -> Html {
    let lang = use_app().lang;
    let (alert, state) = (&props.row.alert, &props.state);
    let id = alert.id;
    let day = today();
    let item = AlertItem {
        kind: alert.item_kind.clone(),
        id: alert.item_id,
    };
    let open = Callback::from(move |_| navigate(&route_of(&item)));
    let dispatch = |action: fn(i64) -> CentreAction| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(action(id)))
    };
    let handle = |what: fn(i64) -> Handle| {
        let on_handle = props.on_handle.clone();
        Callback::from(move |_| on_handle.emit(what(id)))
    };
    let on_tick = {
        let state = state.clone();
        Callback::from(move |e: Event| state.dispatch(CentreAction::Tick(id, checkbox_value(&e))))
    };
    let days_left = alert.due_on.map(|d| (d - day).num_days());
    let snoozed = alert.snoozed_until.filter(|d| *d > day);
    let state_text = match (alert.state, snoozed) {
        (AlertState::Open, Some(until)) => {
            format!("{} {}", T::SnoozedUntil.text(lang), lang.date(until))
        }
        (AlertState::Open, None) => T::AlertsOpen.text(lang).to_owned(),
        (AlertState::Acknowledged, _) => T::AlertsAcknowledged.text(lang).to_owned(),
        (AlertState::Resolved, _) => T::AlertsResolved.text(lang).to_owned(),
    };
    let is_open = alert.state == AlertState::Open;
    let on_until = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Ok(day) = input_value(&e).parse() {
                state.dispatch(CentreAction::SnoozeUntil(day))
            }
        })
    };
    html! {
        <>
        <tr data-alert={id.to_string()} data-rule={alert.rule.code()} class={classes!(days_left.is_some_and(|d| d <= 7).then_some("urgent"))}>
            <td>if is_open { <input type="checkbox" class="alert-select" checked={state.selected.contains(&id)} onchange={on_tick} /> }</td>
            <td>{ alert.rule.label(lang) }</td>
            <td class="strong clickable alert-item" onclick={open}>{ alert.title.clone() }</td>
            <td>{ props.row.client_name.clone().unwrap_or_default() }</td>
            <td class="nowrap">
                { alert.due_on.map(|d| lang.date(d)).unwrap_or_default() }
                if let Some(days) = days_left {
                    <div class="muted small">{ days_text(days, lang) }</div>
                }
            </td>
            <td class="alert-state">{ state_text }</td>
            <td class="row-actions nowrap">
                if is_open {
                    <button class="ghost small acknowledge" onclick={handle(|id| Handle::Acknowledge(vec![id]))}>{ T::Acknowledge.text(lang) }</button>
                    if snoozed.is_some() {
                        <button class="ghost small wake" onclick={handle(Handle::Wake)}>{ T::Wake.text(lang) }</button>
                    } else {
                        <button class="ghost small snooze" onclick={dispatch(CentreAction::AskSnooze)}>{ T::Snooze.text(lang) }</button>
                    }
                }
            </td>
        </tr>
        if state.snoozing == Some(id) {
            <tr class="snooze-row">
                <td colspan="7">
                    <label>{ T::SnoozeUntil.text(lang) }
                        <input id="snooze-until" type="date" value={state.snooze_until.to_string()} oninput={on_until} />
                    </label>
                    <button id="snooze-confirm" onclick={handle(Handle::Snooze)}>{ T::Snooze.text(lang) }</button>
                    <button class="ghost" onclick={{ let state = state.clone(); Callback::from(move |_| state.dispatch(CentreAction::CancelSnooze)) }}>{ T::Cancel.text(lang) }</button>
                    if let Some(problem) = state.snooze_error.clone() { <span class="error" id="snooze-error">{ problem }</span> }
                </td>
            </tr>
        }
        </>
    }
}

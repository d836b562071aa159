//! The alert centre: what is due (warranties, contracts, licences,
//! maintenance, stock, SLAs) with its client and date, filtered by view,
//! rule, client and words; acknowledged (one or a selection) or snoozed to
//! a day; each opening its item. Also the sidebar's entry with its count
//! of open alerts, and the alert rules' card of the settings page.

use crate::components::{checkbox_value, input_value, select_value, Empty, Pager, Spinner};
use crate::i18n::T;
use crate::ipc::{call, listen, listen_then};
use crate::lists::{use_list_query, use_list_reloaded};
use crate::route::{EquipmentTab, Route};
use crate::state::{navigate, today, use_app, Action, FormErrors, ToastKind};
use chrono::Days;
use parc_api::alerts::{
    AcknowledgeAlerts, AlertItem, AlertQuery, AlertRule, AlertRuleCode, AlertRuleInput, AlertState,
    AlertView, SnoozeAlert, ALERTS_CHANGED_EVENT, OPEN_ALERT_EVENT,
};
use parc_api::commands;
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where an alert's item is shown.
pub fn route_of(item: &AlertItem) -> Route {
    match item.kind.as_str() {
        "equipment" => Route::EquipmentItem {
            id: item.id,
            tab: EquipmentTab::default(),
        },
        "contract" => Route::Contract { id: item.id },
        "licence" => Route::Licence { id: item.id },
        "ticket" => Route::Ticket { id: item.id },
        "part" => Route::Parts,
        _ => Route::Alerts(AlertQuery::default()),
    }
}

fn view_text(view: AlertView) -> T {
    match view {
        AlertView::Open => T::AlertsOpen,
        AlertView::Snoozed => T::AlertsSnoozed,
        AlertView::Acknowledged => T::AlertsAcknowledged,
        AlertView::Resolved => T::AlertsResolved,
        AlertView::All => T::AlertsAll,
    }
}

/// The DOM event the alert centre fires after acknowledging or snoozing,
/// for the badge to count again.
const COUNT_AGAIN: &str = "parc-alerts-count-again";

/// Tells the badge to count again.
fn count_again() {
    if let Some(window) = web_sys::window() {
        if let Ok(event) = web_sys::Event::new(COUNT_AGAIN) {
            let _ = window.dispatch_event(&event);
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct AlertsNavItemProps {
    pub active: bool,
}

/// The sidebar's "Alerts" with the count of open alerts. The count is this
/// component's own (kept out of the app state, whose every change redraws
/// the page under a user's typing): asked once the backend's event is
/// listened to, again after every scan and every change in the centre. A
/// clicked notification opens what it is about.
#[function_component(AlertsNavItem)]
pub fn alerts_nav_item(props: &AlertsNavItemProps) -> Html {
    let lang = crate::state::use_lang();
    let count = use_state(|| 0u64);
    {
        let count = count.clone();
        use_effect_with((), move |_| {
            let ask = {
                let count = count.clone();
                move || {
                    let count = count.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Ok(found) = call::<commands::CountOpenAlerts>(&()).await {
                            count.set(found);
                        }
                    });
                }
            };
            let on_event = ask.clone();
            let changed = listen_then(ALERTS_CHANGED_EVENT, move |_| on_event(), ask.clone());
            let opened = listen(OPEN_ALERT_EVENT, move |payload| {
                let item: Option<AlertItem> =
                    serde_wasm_bindgen::from_value(payload).ok().flatten();
                navigate(&match item {
                    Some(item) => route_of(&item),
                    None => Route::Alerts(AlertQuery::default()),
                });
            });
            let local = wasm_bindgen::closure::Closure::<dyn Fn()>::new(ask);
            if let Some(window) = web_sys::window() {
                let _ = window
                    .add_event_listener_with_callback(COUNT_AGAIN, local.as_ref().unchecked_ref());
            }
            move || {
                if let Some(window) = web_sys::window() {
                    let _ = window.remove_event_listener_with_callback(
                        COUNT_AGAIN,
                        local.as_ref().unchecked_ref(),
                    );
                }
                drop((changed, opened, local));
            }
        });
    }
    let onclick = Callback::from(|_| navigate(&Route::Alerts(AlertQuery::default())));
    html! {
        <li><a id="nav-alerts" class={classes!(props.active.then_some("active"))} {onclick}>
            { T::NavAlerts.text(lang) }
            if *count > 0 { <span class="nav-badge" id="alerts-badge">{ *count }</span> }
        </a></li>
    }
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
    let generation = use_state(|| 0u32);
    let page = use_list_reloaded::<commands::ListAlerts, _>(query.clone(), *generation);
    let selected = use_state(BTreeSet::<i64>::new);
    let snoozing = use_state(|| None::<i64>);
    let snooze_until = use_state(|| today() + Days::new(7));
    let snooze_error = use_state(|| None::<String>);
    let typed = use_state(|| query.search.clone());
    let clients = use_state(Vec::<parc_api::clients::ClientRow>::new);
    {
        let clients = clients.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                clients.set(crate::lists::first_clients().await);
            });
        });
    }
    let changed = {
        let (generation, selected) = (generation.clone(), selected.clone());
        Callback::from(move |_: ()| {
            selected.set(BTreeSet::new());
            generation.set(generation.wrapping_add(1));
            count_again();
        })
    };
    let acknowledge = {
        let (app, changed) = (app.clone(), changed.clone());
        Callback::from(move |ids: Vec<i64>| {
            let (app, changed) = (app.clone(), changed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let input = AcknowledgeAlerts { ids };
                match call::<commands::AcknowledgeAlerts>(&input).await {
                    Ok(_) => changed.emit(()),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        })
    };
    let snooze = {
        let (changed, snoozing, snooze_until, snooze_error) = (
            changed.clone(),
            snoozing.clone(),
            snooze_until.clone(),
            snooze_error.clone(),
        );
        let lang = app.lang;
        Callback::from(move |id: i64| {
            let input = SnoozeAlert {
                id,
                until: Some(*snooze_until),
            };
            let (changed, snoozing, snooze_error) =
                (changed.clone(), snoozing.clone(), snooze_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SnoozeAlert>(&input).await {
                    Ok(()) => {
                        snoozing.set(None);
                        snooze_error.set(None);
                        changed.emit(());
                    }
                    Err(error) => {
                        let errors = FormErrors::from_error(&error, lang);
                        snooze_error.set(Some(
                            errors
                                .field("until")
                                .map(|text| text.to_string())
                                .unwrap_or_else(|| crate::state::error_text(&error, lang)),
                        ));
                    }
                }
            });
        })
    };
    let wake = {
        let (app, changed) = (app.clone(), changed.clone());
        Callback::from(move |id: i64| {
            let (app, changed) = (app.clone(), changed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let input = SnoozeAlert { id, until: None };
                match call::<commands::SnoozeAlert>(&input).await {
                    Ok(()) => changed.emit(()),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        })
    };
    let on_search = {
        let (query, set_query, typed) = (query.clone(), set_query.clone(), typed.clone());
        Callback::from(move |e: InputEvent| {
            let search = input_value(&e);
            typed.set(search.clone());
            set_query.emit(AlertQuery {
                search,
                page: 1,
                ..query.clone()
            })
        })
    };
    let on_view = {
        let (query, set_query) = (query.clone(), set_query.clone());
        Callback::from(move |e: Event| {
            set_query.emit(AlertQuery {
                view: AlertView::from_code(&select_value(&e)).unwrap_or_default(),
                page: 1,
                ..query.clone()
            })
        })
    };
    let on_rule = {
        let (query, set_query) = (query.clone(), set_query.clone());
        Callback::from(move |e: Event| {
            set_query.emit(AlertQuery {
                rule: AlertRuleCode::from_code(&select_value(&e)),
                page: 1,
                ..query.clone()
            })
        })
    };
    let on_client = {
        let (query, set_query) = (query.clone(), set_query.clone());
        Callback::from(move |e: Event| {
            set_query.emit(AlertQuery {
                client_id: select_value(&e).parse().ok(),
                page: 1,
                ..query.clone()
            })
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
        let (acknowledge, selected) = (acknowledge.clone(), selected.clone());
        Callback::from(move |_| acknowledge.emit(selected.iter().copied().collect()))
    };
    let day = today();
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
                        { for found.items.iter().map(|row| {
                            let alert = &row.alert;
                            let id = alert.id;
                            let item = AlertItem { kind: alert.item_kind.clone(), id: alert.item_id };
                            let open = Callback::from(move |_| navigate(&route_of(&item)));
                            let on_check = {
                                let selected = selected.clone();
                                Callback::from(move |e: Event| {
                                    let mut next = (*selected).clone();
                                    if checkbox_value(&e) { next.insert(id); } else { next.remove(&id); }
                                    selected.set(next);
                                })
                            };
                            let days_left = alert.due_on.map(|d| (d - day).num_days());
                            let snoozed = alert.snoozed_until.filter(|d| *d > day);
                            let state = match (alert.state, snoozed) {
                                (AlertState::Open, Some(until)) => format!("{} {}", T::SnoozedUntil.text(lang), lang.date(until)),
                                (AlertState::Open, None) => T::AlertsOpen.text(lang).to_owned(),
                                (AlertState::Acknowledged, _) => T::AlertsAcknowledged.text(lang).to_owned(),
                                (AlertState::Resolved, _) => T::AlertsResolved.text(lang).to_owned(),
                            };
                            let is_open = alert.state == AlertState::Open;
                            let ack = { let acknowledge = acknowledge.clone(); Callback::from(move |_| acknowledge.emit(vec![id])) };
                            let ask_snooze = { let (snoozing, snooze_error) = (snoozing.clone(), snooze_error.clone()); Callback::from(move |_| { snooze_error.set(None); snoozing.set(Some(id)) }) };
                            let wake_up = { let wake = wake.clone(); Callback::from(move |_| wake.emit(id)) };
                            html! {
                                <>
                                <tr key={id} data-alert={id.to_string()} data-rule={alert.rule.code()} class={classes!(days_left.is_some_and(|d| d <= 7).then_some("urgent"))}>
                                    <td>if is_open { <input type="checkbox" class="alert-select" checked={selected.contains(&id)} onchange={on_check} /> }</td>
                                    <td>{ alert.rule.label(lang) }</td>
                                    <td class="strong clickable alert-item" onclick={open}>{ alert.title.clone() }</td>
                                    <td>{ row.client_name.clone().unwrap_or_default() }</td>
                                    <td class="nowrap">
                                        { alert.due_on.map(|d| lang.date(d)).unwrap_or_default() }
                                        if let Some(days) = days_left {
                                            <div class="muted small">{ days_text(days, lang) }</div>
                                        }
                                    </td>
                                    <td class="alert-state">{ state }</td>
                                    <td class="row-actions nowrap">
                                        if is_open {
                                            <button class="ghost small acknowledge" onclick={ack}>{ T::Acknowledge.text(lang) }</button>
                                            if snoozed.is_some() {
                                                <button class="ghost small wake" onclick={wake_up}>{ T::Wake.text(lang) }</button>
                                            } else {
                                                <button class="ghost small snooze" onclick={ask_snooze}>{ T::Snooze.text(lang) }</button>
                                            }
                                        }
                                    </td>
                                </tr>
                                if *snoozing == Some(id) {
                                    <tr key={format!("snooze-{id}")} class="snooze-row">
                                        <td colspan="7">
                                            <label>{ T::SnoozeUntil.text(lang) }
                                                <input id="snooze-until" type="date" value={snooze_until.to_string()} oninput={{
                                                    let snooze_until = snooze_until.clone();
                                                    Callback::from(move |e: InputEvent| {
                                                        if let Ok(d) = input_value(&e).parse() { snooze_until.set(d) }
                                                    })
                                                }} />
                                            </label>
                                            <button id="snooze-confirm" onclick={{ let snooze = snooze.clone(); Callback::from(move |_| snooze.emit(id)) }}>{ T::Snooze.text(lang) }</button>
                                            <button class="ghost" onclick={{ let snoozing = snoozing.clone(); Callback::from(move |_| snoozing.set(None)) }}>{ T::Cancel.text(lang) }</button>
                                            if let Some(problem) = (*snooze_error).clone() { <span class="error" id="snooze-error">{ problem }</span> }
                                        </td>
                                    </tr>
                                }
                                </>
                            }
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
                    if !selected.is_empty() {
                        <button id="acknowledge-selected" onclick={acknowledge_selected}>{ format!("{} ({})", T::Acknowledge.text(lang), selected.len()) }</button>
                    }
                </div>
            </div>
            <div class="filters">
                <input id="alerts-search" type="search" placeholder={T::Search.text(lang)} value={(*typed).clone()} oninput={on_search} />
                <select id="alerts-view" onchange={on_view}>
                    { for AlertView::ALL.iter().map(|v| html! {
                        <option value={v.code()} selected={query.view == *v}>{ view_text(*v).text(lang) }</option>
                    }) }
                </select>
                <select id="alerts-client" onchange={on_client}>
                    <option value="" selected={query.client_id.is_none()}>{ T::AnyClient.text(lang) }</option>
                    { for clients.iter().map(|c| html! {
                        <option value={c.id.to_string()} selected={query.client_id == Some(c.id)}>{ c.name.clone() }</option>
                    }) }
                </select>
                <select id="alerts-rule" onchange={on_rule}>
                    <option value="" selected={query.rule.is_none()}>{ T::AnyRule.text(lang) }</option>
                    { for AlertRuleCode::ALL.iter().map(|r| html! {
                        <option value={r.code()} selected={query.rule == Some(*r)}>{ r.label(lang) }</option>
                    }) }
                </select>
            </div>
            { body }
        </section>
    }
}

fn days_text(days: i64, lang: parc_api::auth::Language) -> String {
    match days {
        d if d < 0 => format!("{} {}", -d, T::DaysOverdue.text(lang)),
        0 => T::Today.text(lang).to_owned(),
        d => format!("{} {d} {}", T::In.text(lang), T::Days.text(lang)),
    }
}

/// The settings page's card of alert rules: each on or off, its thresholds
/// in days, its channels; saved one rule at a time.
#[function_component(AlertRulesCard)]
pub fn alert_rules_card() -> Html {
    let app = use_app();
    let lang = app.lang;
    let rules = use_state(|| None::<Vec<AlertRuleInput>>);
    let errors = use_state(std::collections::HashMap::<AlertRuleCode, FormErrors>::new);
    {
        let rules = rules.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::ListAlertRules>(&()).await {
                    rules.set(Some(found.into_iter().map(input_of).collect()));
                }
            });
        });
    }
    let Some(current) = (*rules).clone() else {
        return html! {};
    };
    let edit = |index: usize, change: fn(&mut AlertRuleInput, bool)| {
        let rules = rules.clone();
        Callback::from(move |e: Event| {
            if let Some(mut all) = (*rules).clone() {
                change(&mut all[index], checkbox_value(&e));
                rules.set(Some(all));
            }
        })
    };
    html! {
        <div class="card form" id="alert-rules">
            <h3>{ T::AlertRulesTitle.text(lang) }</h3>
            <small class="hint">{ T::AlertRulesHint.text(lang) }</small>
            <table class="list rules">
                <thead><tr>
                    <th>{ T::AlertRule.text(lang) }</th>
                    <th>{ T::RuleOn.text(lang) }</th>
                    <th>{ T::Thresholds.text(lang) }</th>
                    <th>{ T::ChannelDesktop.text(lang) }</th>
                    <th>{ T::ChannelManagers.text(lang) }</th>
                    <th>{ T::ChannelClient.text(lang) }</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    { for current.iter().enumerate().map(|(index, rule)| {
                        let code = rule.code;
                        let error = errors.get(&code).and_then(|e| e.field("thresholds").map(|text| text.to_string()).or(e.general.clone()));
                        let on_thresholds = {
                            let rules = rules.clone();
                            Callback::from(move |e: InputEvent| {
                                if let Some(mut all) = (*rules).clone() {
                                    all[index].thresholds = input_value(&e);
                                    rules.set(Some(all));
                                }
                            })
                        };
                        let save = {
                            let (app, rule, errors) = (app.clone(), rule.clone(), errors.clone());
                            Callback::from(move |_| {
                                let (app, rule, errors) = (app.clone(), rule.clone(), errors.clone());
                                wasm_bindgen_futures::spawn_local(async move {
                                    let result = call::<commands::SaveAlertRule>(&rule).await;
                                    let mut all = (*errors).clone();
                                    match result {
                                        Ok(_) => {
                                            all.remove(&rule.code);
                                            app.dispatch(Action::Toast(ToastKind::Success, T::Saved.text(app.lang).to_owned()));
                                        }
                                        Err(error) => { all.insert(rule.code, FormErrors::from_error(&error, app.lang)); }
                                    }
                                    errors.set(all);
                                });
                            })
                        };
                        html! {
                            <tr key={code.code()} data-rule={code.code()}>
                                <td>{ code.label(lang) }</td>
                                <td><input type="checkbox" class="rule-enabled" checked={rule.enabled} onchange={edit(index, |r, on| r.enabled = on)} /></td>
                                <td>
                                    if code.has_thresholds() {
                                        <input class={classes!("rule-thresholds", error.is_some().then_some("invalid"))} value={rule.thresholds.clone()} oninput={on_thresholds} placeholder="90, 30, 7" />
                                        if let Some(problem) = error { <div class="error small rule-error">{ problem }</div> }
                                    } else {
                                        <span class="muted small">{ if code == AlertRuleCode::ContractEnd { T::ContractNotice.text(lang) } else { T::WhenItHappens.text(lang) } }</span>
                                    }
                                </td>
                                <td><input type="checkbox" class="rule-desktop" checked={rule.desktop} onchange={edit(index, |r, on| r.desktop = on)} /></td>
                                <td><input type="checkbox" class="rule-managers" checked={rule.email_managers} onchange={edit(index, |r, on| r.email_managers = on)} /></td>
                                <td><input type="checkbox" class="rule-client" checked={rule.email_client} onchange={edit(index, |r, on| r.email_client = on)} /></td>
                                <td><button class="ghost small rule-save" onclick={save}>{ T::Save.text(lang) }</button></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn input_of(rule: AlertRule) -> AlertRuleInput {
    AlertRuleInput {
        code: rule.code,
        enabled: rule.enabled,
        thresholds: rule
            .thresholds
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        desktop: rule.desktop,
        email_managers: rule.email_managers,
        email_client: rule.email_client,
    }
}

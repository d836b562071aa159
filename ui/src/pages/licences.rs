//! The licences list, with a seat bar per licence (assigned against owned,
//! red beyond) and its state; and a client's compliance summary, per
//! software: owned, assigned, installed, unlicensed and short, each row
//! opening the installations nothing covers.

use crate::components::{input_value, select_value, Empty, Pager, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::lists::{use_list, use_list_query};
use crate::pages::equipment::toast_saved;
use crate::route::{EquipmentTab, Route};
use crate::state::{navigate, session_of, use_app, use_lang};
use parc_api::commands;
use parc_api::licences::{
    ComplianceDetail, ComplianceKey, ComplianceQuery, ComplianceRow, ComplianceState, LicenceKind,
    LicenceQuery, LicenceRow, LicenceState, LicenceView,
};
use yew::prelude::*;

pub fn kind_text(kind: LicenceKind) -> T {
    match kind {
        LicenceKind::PerDevice => T::KindPerDevice,
        LicenceKind::PerUser => T::KindPerUser,
        LicenceKind::PerSite => T::KindPerSite,
        LicenceKind::Unlimited => T::KindUnlimited,
        LicenceKind::Subscription => T::KindSubscription,
    }
}

fn state_text(state: LicenceState) -> T {
    match state {
        LicenceState::Expired => T::LicenceExpired,
        LicenceState::NotStarted => T::LicenceNotStarted,
        LicenceState::OverAllocated => T::LicenceOverAllocated,
        LicenceState::Expiring => T::LicenceExpiring,
        LicenceState::Compliant => T::LicenceCompliant,
    }
}

fn view_text(view: LicenceView) -> T {
    match view {
        LicenceView::All => T::AllLicences,
        LicenceView::OverAllocated => T::LicenceOverAllocated,
        LicenceView::Expiring => T::LicenceExpiring,
        LicenceView::Expired => T::LicenceExpired,
    }
}

#[derive(Properties, PartialEq)]
pub struct LicenceStateProps {
    pub state: LicenceState,
}

#[function_component(LicenceStateBadge)]
pub fn licence_state_badge(props: &LicenceStateProps) -> Html {
    let lang = use_lang();
    html! { <span class={classes!("badge", format!("licence-{}", props.state.code()))} data-state={props.state.code()}>{ state_text(props.state).text(lang) }</span> }
}

#[derive(Properties, PartialEq)]
pub struct ComplianceBadgeProps {
    pub state: ComplianceState,
}

#[function_component(ComplianceBadge)]
pub fn compliance_badge(props: &ComplianceBadgeProps) -> Html {
    let lang = use_lang();
    let text = match props.state {
        ComplianceState::Short => T::ComplianceShort,
        ComplianceState::ToAssign => T::ComplianceToAssign,
        ComplianceState::Compliant => T::LicenceCompliant,
    };
    html! { <span class={classes!("badge", format!("compliance-{}", props.state.code()))} data-state={props.state.code()}>{ text.text(lang) }</span> }
}

/// Seats used against seats owned: a bar filled to the share used, red
/// beyond 100 %; site and unlimited licences say what they cover instead.
#[derive(Properties, PartialEq)]
pub struct SeatBarProps {
    pub row: LicenceRow,
}

#[function_component(SeatBar)]
pub fn seat_bar(props: &SeatBarProps) -> Html {
    let lang = use_lang();
    let row = &props.row;
    let Some(seats) = row.seats else {
        let text = match row.kind {
            LicenceKind::PerSite => row.site_name.clone().unwrap_or_default(),
            _ => T::KindUnlimited.text(lang).to_owned(),
        };
        return html! { <span class="seat-text" data-assigned={row.assigned.to_string()}>{ text }</span> };
    };
    let seats = i64::from(seats);
    let share = if seats > 0 {
        (row.assigned * 100 / seats).min(100)
    } else {
        100
    };
    let over = row.assigned > seats;
    html! {
        <span class={classes!("seat-bar", over.then_some("over"))} data-assigned={row.assigned.to_string()} data-seats={seats.to_string()} title={format!("{} / {}", row.assigned, seats)}>
            <span class="track"><span class="fill" style={format!("width: {share}%")}></span></span>
            <span class="figures">{ format!("{} / {}", row.assigned, seats) }</span>
            if over { <span class="deficit">{ format!("−{}", row.deficit()) }</span> }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct LicencesListProps {
    pub query: LicenceQuery,
    #[prop_or_default]
    pub embedded: bool,
}

#[function_component(LicencesList)]
pub fn licences_list(props: &LicencesListProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let (query, set_query) = use_list_query(&props.query, props.embedded, Route::Licences);
    let page = use_list::<commands::ListLicences, _>(query.clone());
    let can_write = session_of(&app).is_some_and(|s| s.permissions.write_licences);
    // What is typed is the box's own: a route arriving a keystroke late
    // never rewrites it under the user's fingers.
    let typed = use_state(|| query.search.clone());
    let on_search = {
        let (query, set_query, typed) = (query.clone(), set_query.clone(), typed.clone());
        Callback::from(move |e: InputEvent| {
            let search = input_value(&e);
            typed.set(search.clone());
            set_query.emit(LicenceQuery {
                search,
                page: 1,
                ..query.clone()
            })
        })
    };
    let on_view = {
        let (query, set_query) = (query.clone(), set_query.clone());
        Callback::from(move |e: Event| {
            set_query.emit(LicenceQuery {
                view: LicenceView::from_code(&select_value(&e)).unwrap_or_default(),
                page: 1,
                ..query.clone()
            })
        })
    };
    let on_page = {
        let (query, set_query) = (query.clone(), set_query.clone());
        Callback::from(move |n: u64| {
            set_query.emit(LicenceQuery {
                page: n,
                ..query.clone()
            })
        })
    };
    let export = {
        let (query, app) = (query.clone(), app.clone());
        Callback::from(move |_| {
            let (query, app) = (query.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = call::<commands::ExportLicences>(&query).await;
                toast_saved(&app, result);
            });
        })
    };
    let new_licence = {
        let client_id = query.client_id;
        Callback::from(move |_| navigate(&Route::NewLicence { client_id }))
    };
    let body = match &*page {
        Some(Err(message)) => html! { <div class="card error">{ message.clone() }</div> },
        None => html! { <Spinner /> },
        Some(Ok(found)) if found.items.is_empty() => html! {
            <Empty text={if query.search.is_empty() && query.view == LicenceView::All { T::NoLicences.text(lang) } else { T::NoResults.text(lang) }} />
        },
        Some(Ok(found)) => html! {
            <>
                <table class="list" id="licences-table">
                    <thead><tr>
                        <th>{ T::Reference.text(lang) }</th>
                        <th>{ T::Software.text(lang) }</th>
                        if !props.embedded || query.client_id.is_none() { <th>{ T::Client.text(lang) }</th> }
                        <th>{ T::LicenceType.text(lang) }</th>
                        <th>{ T::Seats.text(lang) }</th>
                        <th class="right">{ T::Installed.text(lang) }</th>
                        <th>{ T::ExpiresOn.text(lang) }</th>
                        <th>{ T::Status.text(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for found.items.iter().map(|l| {
                            let route = Route::Licence { id: l.id };
                            let onclick = Callback::from(move |_| navigate(&route));
                            html! {
                                <tr key={l.id} class="clickable" {onclick} data-reference={l.reference.clone()}>
                                    <td class="mono">{ l.reference.clone() }</td>
                                    <td class="strong">{ l.software_name.clone() }<div class="muted small">{ l.publisher.clone() }</div></td>
                                    if !props.embedded || query.client_id.is_none() { <td>{ l.client_name.clone() }</td> }
                                    <td>{ kind_text(l.kind).text(lang) }</td>
                                    <td><SeatBar row={l.clone()} /></td>
                                    <td class="right">{ l.installed }</td>
                                    <td class="nowrap">{ l.expires_on.map(|d| lang.date(d)).unwrap_or_default() }{ if l.auto_renew { html! { <span class="muted small">{ format!(" · {}", T::AutoRenews.text(lang)) }</span> } } else { html! {} } }</td>
                                    <td><LicenceStateBadge state={l.state} /></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <Pager page={found.page} page_count={found.page_count()} total={found.total} {on_page} />
            </>
        },
    };
    let to_software = Callback::from(|_| navigate(&Route::Software));
    html! {
        <section>
            if !props.embedded {
                <div class="page-head">
                    <h1>{ T::LicencesTitle.text(lang) }</h1>
                    <div class="actions">
                        <button class="ghost" id="open-software" onclick={to_software}>{ T::SoftwareTitle.text(lang) }</button>
                        <button class="ghost" id="export-licences" onclick={export}>{ T::ExportCsv.text(lang) }</button>
                        if can_write { <button id="new-licence" onclick={new_licence.clone()}>{ T::NewLicence.text(lang) }</button> }
                    </div>
                </div>
            }
            <div class="filters">
                <input id="licences-search" type="search" placeholder={T::Search.text(lang)} value={(*typed).clone()} oninput={on_search} />
                <select id="licences-view" onchange={on_view}>
                    { for LicenceView::ALL.iter().map(|v| html! {
                        <option value={v.code()} selected={query.view == *v}>{ view_text(*v).text(lang) }</option>
                    }) }
                </select>
                if props.embedded && can_write { <button id="new-licence" onclick={new_licence}>{ T::NewLicence.text(lang) }</button> }
            </div>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ComplianceSummaryProps {
    pub client_id: i64,
}

/// A client's compliance, per software; a row opens its unlicensed
/// installations.
#[function_component(ComplianceSummary)]
pub fn compliance_summary(props: &ComplianceSummaryProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let rows = use_state(|| None::<Result<Vec<ComplianceRow>, String>>);
    let open = use_state(|| None::<ComplianceDetail>);
    {
        let rows = rows.clone();
        use_effect_with(props.client_id, move |client_id| {
            let query = ComplianceQuery {
                client_id: Some(*client_id),
                software_id: None,
            };
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::LicenceCompliance>(&query).await;
                rows.set(Some(found.map_err(|e| crate::state::error_text(&e, lang))));
            });
        });
    }
    let rows = match &*rows {
        None => return html! { <Spinner /> },
        Some(Err(message)) => return html! { <div class="card error">{ message.clone() }</div> },
        Some(Ok(rows)) if rows.is_empty() => {
            return html! { <Empty text={T::NoSoftwareInstalled.text(lang)} /> }
        }
        Some(Ok(rows)) => rows.clone(),
    };
    let detail = open.as_ref().map(|d| html! {
        <div class="card" id="unlicensed">
            <h2>{ format!("{} — {}", T::Unlicensed.text(lang), d.row.software_name) }</h2>
            if d.unlicensed.is_empty() {
                <p class="muted">{ T::NothingUnlicensed.text(lang) }</p>
            } else {
                <table class="list dense">
                    <thead><tr><th>{ T::Reference.text(lang) }</th><th>{ T::Name.text(lang) }</th><th>{ T::Site.text(lang) }</th><th>{ T::AssignedTo.text(lang) }</th><th>{ T::Version.text(lang) }</th></tr></thead>
                    <tbody>
                        { for d.unlicensed.iter().map(|i| {
                            let id = i.equipment_id;
                            let onclick = Callback::from(move |_| navigate(&Route::EquipmentItem { id, tab: EquipmentTab::Software }));
                            html! { <tr class="clickable" {onclick}><td class="mono">{ i.equipment_reference.clone() }</td><td>{ i.equipment_name.clone() }</td><td>{ i.site_name.clone().unwrap_or_default() }</td><td>{ i.user_name.clone().unwrap_or_default() }</td><td>{ i.version.clone() }</td></tr> }
                        }) }
                    </tbody>
                </table>
            }
        </div>
    });
    html! {
        <>
            <h2>{ T::Compliance.text(lang) }</h2>
            <table class="list" id="compliance-table">
                <thead><tr>
                    <th>{ T::Software.text(lang) }</th>
                    <th>{ T::LicenceType.text(lang) }</th>
                    <th class="right">{ T::Owned.text(lang) }</th>
                    <th class="right">{ T::Assigned.text(lang) }</th>
                    <th class="right">{ T::Installed.text(lang) }</th>
                    <th class="right">{ T::Unlicensed.text(lang) }</th>
                    <th class="right">{ T::Short.text(lang) }</th>
                    <th>{ T::Status.text(lang) }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|r| {
                        let key = ComplianceKey { client_id: r.client_id, software_id: r.software_id };
                        let onclick = {
                            let (open, app) = (open.clone(), app.clone());
                            Callback::from(move |_| {
                                let (open, app) = (open.clone(), app.clone());
                                open.set(None);
                                wasm_bindgen_futures::spawn_local(async move {
                                    match call::<commands::ComplianceDetail>(&key).await {
                                        Ok(found) => open.set(Some(found)),
                                        Err(error) => app.dispatch(crate::state::Action::Toast(crate::state::ToastKind::Error, crate::state::error_text(&error, app.lang))),
                                    }
                                });
                            })
                        };
                        let owned = if r.unlimited {
                            T::KindUnlimited.text(lang).to_owned()
                        } else if r.sites > 0 && r.owned == 0 {
                            let word = if r.sites == 1 { T::Site } else { T::Sites };
                            format!("{} {}", r.sites, word.text(lang).to_lowercase())
                        } else {
                            r.owned.to_string()
                        };
                        html! {
                            <tr class="clickable" {onclick} data-software={r.software_name.clone()}>
                                <td class="strong">{ r.software_name.clone() }</td>
                                <td>
                                    if r.kinds.is_empty() { <span class="muted">{ T::NoneInForce.text(lang) }</span> }
                                    else { { r.kinds.iter().map(|k| kind_text(*k).text(lang)).collect::<Vec<_>>().join(", ") } }
                                </td>
                                <td class="right">{ owned }</td>
                                <td class="right">{ r.assigned }</td>
                                <td class="right">{ r.installed }</td>
                                <td class="right">{ r.unlicensed }</td>
                                <td class={classes!("right", (r.short > 0).then_some("negative"))}>{ r.short }</td>
                                <td><ComplianceBadge state={r.state} /></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            { detail.unwrap_or_default() }
        </>
    }
}

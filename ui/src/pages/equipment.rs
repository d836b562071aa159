//! The equipment list: full-text search, filters kept in the route, sortable
//! columns, keyset pages (Next / Previous), a selection with bulk actions,
//! CSV export of the filtered list and label sheets of the selection. The
//! same component shows a client's equipment on the client page.

use crate::components::{input_value, select_value, Empty, Spinner};
use crate::forms::{next_dir, sort_arrow};
use crate::i18n::T;
use crate::ipc::call;
use crate::route::{EquipmentTab, EquipmentView, Route};
use crate::state::{error_text, navigate, session_of, use_app, Action, ToastKind};
use parc_api::auth::Language;
use parc_api::clients::{ClientDetail, ClientRow};
use parc_api::commands;
use parc_api::equipment::{
    BulkChange, BulkRequest, Catalogue, Cursor, EquipmentPage, EquipmentQuery, EquipmentSort,
    EquipmentStatus, LabelsRequest, SavedFile,
};
use std::collections::BTreeSet;
use yew::prelude::*;

pub fn status_text(status: EquipmentStatus) -> T {
    match status {
        EquipmentStatus::InStock => T::StatusInStock,
        EquipmentStatus::Deployed => T::StatusDeployed,
        EquipmentStatus::InRepair => T::StatusInRepair,
        EquipmentStatus::Retired => T::StatusRetired,
    }
}

#[derive(Properties, PartialEq)]
pub struct StatusBadgeProps {
    pub status: EquipmentStatus,
}

#[function_component(StatusBadge)]
pub fn status_badge(props: &StatusBadgeProps) -> Html {
    let lang = crate::state::use_lang();
    html! { <span class={classes!("badge", format!("status-{}", props.status.code()))}>{ status_text(props.status).text(lang) }</span> }
}

#[derive(Properties, PartialEq)]
pub struct EquipmentListProps {
    pub view: EquipmentView,
    /// Shown inside another page (a client's): the filters stay local and
    /// the client filter is fixed.
    #[prop_or_default]
    pub embedded: bool,
}

/// Page size of the equipment list.
const PAGE_SIZE: u64 = 50;
/// How long typing must pause before the list is searched.
const SEARCH_PAUSE_MS: i32 = 200;

/// Runs `action` once, `ms` milliseconds from now.
fn after(ms: i32, action: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let callback = wasm_bindgen::closure::Closure::once_into_js(action);
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
    }
}

#[function_component(EquipmentList)]
pub fn equipment_list(props: &EquipmentListProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let can_write = session_of(&app).is_some_and(|s| s.permissions.write_equipment);
    let view = use_state(|| props.view.clone());
    {
        let view = view.clone();
        use_effect_with(props.view.clone(), move |next| view.set(next.clone()));
    }
    // Cursors of the pages before the current one; the last is the current page's start.
    let cursors = use_state(|| vec![None::<Cursor>]);
    let page = use_state(|| None::<Result<EquipmentPage, String>>);
    let total = use_state(|| None::<u64>);
    let selected = use_state(BTreeSet::<i64>::new);
    let catalogue = use_state(Catalogue::default);
    let clients = use_state(Vec::<ClientRow>::new);
    let client_detail = use_state(|| None::<ClientDetail>);

    {
        let (catalogue, clients) = (catalogue.clone(), clients.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let (found_catalogue, found_clients) = crate::lists::equipment_choices().await;
                catalogue.set(found_catalogue);
                clients.set(found_clients);
            });
        });
    }
    {
        let client_detail = client_detail.clone();
        use_effect_with(view.filter.client_id, move |client_id| {
            let client_id = *client_id;
            wasm_bindgen_futures::spawn_local(async move {
                let found = match client_id {
                    Some(id) => call::<commands::GetClient>(&id).await.ok(),
                    None => None,
                };
                client_detail.set(found);
            });
        });
    }
    // A new filter or order starts again at the first page.
    {
        let (cursors, selected) = (cursors.clone(), selected.clone());
        use_effect_with((*view).clone(), move |_| {
            cursors.set(vec![None]);
            selected.set(BTreeSet::new());
        });
    }
    let reload = use_state(|| 0u32);
    {
        let (page, total) = (page.clone(), total.clone());
        let start = cursors.last().cloned().flatten();
        let query = EquipmentQuery {
            filter: view.filter.clone(),
            sort: view.sort,
            dir: view.dir,
            after: start,
            page_size: PAGE_SIZE,
        };
        use_effect_with((query, *reload), move |(query, _)| {
            let query = query.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::ListEquipment>(&query).await;
                if let Ok(found) = &found {
                    if found.total.is_some() {
                        total.set(found.total);
                    }
                }
                page.set(Some(found.map_err(|e| crate::state::error_text(&e, lang))));
            });
        });
    }

    let change = {
        let (view, embedded) = (view.clone(), props.embedded);
        move |apply: Box<dyn Fn(&mut EquipmentView)>| {
            let mut next = (*view).clone();
            apply(&mut next);
            if embedded {
                view.set(next);
            } else {
                navigate(&Route::Equipment(next));
            }
        }
    };
    // What is typed shows at once; the route (and the query) follow once
    // typing pauses. The box is reset from the route only when the route
    // changed from elsewhere, never by the echo of what was typed.
    let typed = use_state(|| props.view.filter.search.clone());
    let sent = use_mut_ref(|| props.view.filter.search.clone());
    let keystrokes = use_mut_ref(|| 0u64);
    {
        let (typed, sent) = (typed.clone(), sent.clone());
        use_effect_with(props.view.filter.search.clone(), move |search| {
            if *sent.borrow() != *search {
                *sent.borrow_mut() = search.clone();
                typed.set(search.clone());
            }
        });
    }
    let on_search = {
        let (change, typed, sent) = (change.clone(), typed.clone(), sent.clone());
        Callback::from(move |e: InputEvent| {
            let text = input_value(&e);
            typed.set(text.clone());
            let ticket = {
                let mut count = keystrokes.borrow_mut();
                *count += 1;
                *count
            };
            let (change, sent, keystrokes) = (change.clone(), sent.clone(), keystrokes.clone());
            after(SEARCH_PAUSE_MS, move || {
                if *keystrokes.borrow() == ticket {
                    *sent.borrow_mut() = text.clone();
                    change(Box::new(move |v| v.filter.search = text.clone()));
                }
            });
        })
    };
    let select_filter = |apply: fn(&mut EquipmentView, String)| {
        let change = change.clone();
        Callback::from(move |e: Event| {
            let value = select_value(&e);
            change(Box::new(move |v| apply(v, value.clone())));
        })
    };
    let on_client = select_filter(|v, s| {
        v.filter.client_id = s.parse().ok();
        v.filter.site_id = None;
        v.filter.contact_id = None;
    });
    let on_site = select_filter(|v, s| v.filter.site_id = s.parse().ok());
    let on_contact = select_filter(|v, s| v.filter.contact_id = s.parse().ok());
    let on_type = select_filter(|v, s| v.filter.type_id = s.parse().ok());
    let on_status = select_filter(|v, s| v.filter.status = EquipmentStatus::from_code(&s));
    let on_warranty = select_filter(|v, s| v.filter.warranty_within_days = s.parse().ok());

    let header = |sort: EquipmentSort, label: T| {
        let change = change.clone();
        let current = (*view).clone();
        let onclick = Callback::from(move |_| {
            let dir = next_dir(current.sort, current.dir, sort);
            change(Box::new(move |v| {
                v.sort = sort;
                v.dir = dir;
            }));
        });
        let arrow = sort_arrow(view.sort, view.dir, sort);
        html! { <th class="sortable" id={format!("sort-{}", sort.code())} {onclick}>{ label.text(lang) }{ arrow }</th> }
    };

    let on_next = {
        let (cursors, page) = (cursors.clone(), page.clone());
        Callback::from(move |_| {
            if let Some(Ok(found)) = &*page {
                if let Some(next) = &found.next {
                    let mut stack = (*cursors).clone();
                    stack.push(Some(next.clone()));
                    cursors.set(stack);
                }
            }
        })
    };
    let on_previous = {
        let cursors = cursors.clone();
        Callback::from(move |_| {
            if cursors.len() > 1 {
                let mut stack = (*cursors).clone();
                stack.pop();
                cursors.set(stack);
            }
        })
    };

    let toggle = |id: i64| {
        let selected = selected.clone();
        Callback::from(move |_: Event| {
            let mut next = (*selected).clone();
            if !next.remove(&id) {
                next.insert(id);
            }
            selected.set(next);
        })
    };
    let toggle_all = {
        let (selected, page) = (selected.clone(), page.clone());
        Callback::from(move |_: Event| {
            if let Some(Ok(found)) = &*page {
                let ids: BTreeSet<i64> = found.items.iter().map(|r| r.id).collect();
                if ids.is_subset(&selected) {
                    selected.set(BTreeSet::new());
                } else {
                    selected.set(ids);
                }
            }
        })
    };

    let export = {
        let (view, app) = (view.clone(), app.clone());
        Callback::from(move |_| {
            let query = EquipmentQuery {
                filter: view.filter.clone(),
                sort: view.sort,
                dir: view.dir,
                after: None,
                page_size: 0,
            };
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = call::<commands::ExportEquipment>(&query).await;
                toast_saved(&app, result);
            });
        })
    };
    let labels = {
        let (selected, app) = (selected.clone(), app.clone());
        Callback::from(move |_| {
            let request = LabelsRequest {
                ids: selected.iter().copied().collect(),
            };
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = call::<commands::PrintLabels>(&request).await;
                toast_saved(&app, result);
            });
        })
    };

    let bulk_bar = if selected.is_empty() || !can_write {
        html! {}
    } else {
        let sites = client_detail
            .as_ref()
            .map(|c| c.sites.clone())
            .unwrap_or_default();
        let contacts = client_detail
            .as_ref()
            .map(|c| c.contacts.clone())
            .unwrap_or_default();
        let apply = {
            let (selected, app, reload) = (selected.clone(), app.clone(), reload.clone());
            move |change: BulkChange| {
                let (selected, app, reload) = (selected.clone(), app.clone(), reload.clone());
                let request = BulkRequest {
                    ids: selected.iter().copied().collect(),
                    change,
                };
                wasm_bindgen_futures::spawn_local(async move {
                    match call::<commands::BulkChangeEquipment>(&request).await {
                        Ok(count) => {
                            app.dispatch(Action::Toast(
                                ToastKind::Success,
                                format!("{} {count}", T::BulkDone.text(app.lang)),
                            ));
                            selected.set(BTreeSet::new());
                            reload.set(*reload + 1);
                        }
                        Err(error) => app.dispatch(Action::Toast(
                            ToastKind::Error,
                            error_text(&error, app.lang),
                        )),
                    }
                });
            }
        };
        let on_bulk_status = {
            let apply = apply.clone();
            Callback::from(move |e: Event| {
                if let Some(status) = EquipmentStatus::from_code(&select_value(&e)) {
                    apply(BulkChange::SetStatus { status });
                }
            })
        };
        let on_bulk_site = {
            let apply = apply.clone();
            Callback::from(move |e: Event| {
                if let Ok(site_id) = select_value(&e).parse() {
                    apply(BulkChange::MoveToSite { site_id });
                }
            })
        };
        let on_bulk_assign = {
            let apply = apply.clone();
            Callback::from(move |e: Event| {
                let value = select_value(&e);
                if value.is_empty() {
                    return;
                }
                apply(BulkChange::Assign {
                    contact_id: value.parse().ok(),
                });
            })
        };
        html! {
            <div class="bulk-bar" id="bulk-bar">
                <span class="strong">{ format!("{} {}", selected.len(), T::Selected.text(lang)) }</span>
                <select id="bulk-status" onchange={on_bulk_status}>
                    <option value="" selected=true>{ T::SetStatus.text(lang) }</option>
                    { for EquipmentStatus::ALL.iter().map(|s| html! { <option value={s.code()}>{ status_text(*s).text(lang) }</option> }) }
                </select>
                if view.filter.client_id.is_some() {
                    <select id="bulk-site" onchange={on_bulk_site}>
                        <option value="" selected=true>{ T::MoveToSite.text(lang) }</option>
                        { for sites.iter().map(|s| html! { <option value={s.id.to_string()}>{ s.name.clone() }</option> }) }
                    </select>
                    <select id="bulk-assign" onchange={on_bulk_assign}>
                        <option value="" selected=true>{ T::AssignTo.text(lang) }</option>
                        <option value="none">{ T::Unassigned.text(lang) }</option>
                        { for contacts.iter().map(|c| html! { <option value={c.id.to_string()}>{ c.name.clone() }</option> }) }
                    </select>
                } else {
                    <span class="muted">{ T::ChooseClientFirst.text(lang) }</span>
                }
                <button class="ghost" id="print-labels" onclick={labels}>{ T::PrintLabels.text(lang) }</button>
            </div>
        }
    };

    let body = match &*page {
        None => html! { <Spinner /> },
        Some(Err(message)) => html! { <div class="card error">{ message.clone() }</div> },
        Some(Ok(found)) if found.items.is_empty() => {
            html! { <Empty text={T::NoEquipment.text(lang)} /> }
        }
        Some(Ok(found)) => {
            let all_selected = found.items.iter().all(|r| selected.contains(&r.id));
            html! {
                <>
                    <table class="list dense" id="equipment-table">
                        <thead><tr>
                            <th class="check"><input type="checkbox" id="select-all" checked={all_selected} onchange={toggle_all.clone()} /></th>
                            { header(EquipmentSort::Reference, T::Reference) }
                            { header(EquipmentSort::Name, T::Name) }
                            <th>{ T::Type.text(lang) }</th>
                            <th>{ T::Model.text(lang) }</th>
                            { header(EquipmentSort::Serial, T::Serial) }
                            { header(EquipmentSort::Client, T::Client) }
                            <th>{ T::Site.text(lang) }</th>
                            <th>{ T::AssignedTo.text(lang) }</th>
                            { header(EquipmentSort::Status, T::Status) }
                            { header(EquipmentSort::WarrantyEnd, T::WarrantyEnd) }
                        </tr></thead>
                        <tbody>
                            { for found.items.iter().map(|r| {
                                let route = Route::EquipmentItem { id: r.id, tab: EquipmentTab::Overview };
                                let open = move || { let route = route.clone(); Callback::from(move |_| navigate(&route)) };
                                let model = [r.manufacturer_name.as_str(), r.model_name.as_str()].join(" ").trim().to_owned();
                                html! {
                                    <tr key={r.id} class="clickable" data-reference={r.reference.clone()}>
                                        <td class="check"><input type="checkbox" class="row-check" checked={selected.contains(&r.id)} onchange={toggle(r.id)} /></td>
                                        <td class="mono" onclick={open()}>{ r.reference.clone() }</td>
                                        <td class="strong" onclick={open()}><span class="cut" title={r.name.clone()}>{ r.name.clone() }</span></td>
                                        <td onclick={open()}>{ r.type_name.clone() }</td>
                                        <td onclick={open()}><span class="cut" title={model.clone()}>{ model }</span></td>
                                        <td class="mono" onclick={open()}>{ r.serial.clone() }</td>
                                        <td onclick={open()}><span class="cut" title={r.client_name.clone()}>{ r.client_name.clone() }</span></td>
                                        <td onclick={open()}><span class="cut" title={r.site_name.clone()}>{ r.site_name.clone() }</span></td>
                                        <td onclick={open()}><span class="cut" title={r.contact_name.clone()}>{ r.contact_name.clone() }</span></td>
                                        <td onclick={open()}><StatusBadge status={r.status} /></td>
                                        <td onclick={open()}>{ r.warranty_end.map(|d| date_text(d, lang)).unwrap_or_default() }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                    <div class="pager">
                        <button class="ghost" id="page-previous" disabled={cursors.len() <= 1} onclick={on_previous}>{ T::Previous.text(lang) }</button>
                        <span class="muted" id="equipment-count">{ format!("{}–{} / {} {}", (cursors.len() as u64 - 1) * PAGE_SIZE + 1, (cursors.len() as u64 - 1) * PAGE_SIZE + found.items.len() as u64, total.unwrap_or_default(), T::Results.text(lang)) }</span>
                        <button class="ghost" id="page-next" disabled={found.next.is_none()} onclick={on_next}>{ T::Next.text(lang) }</button>
                    </div>
                </>
            }
        }
    };

    let sites = client_detail
        .as_ref()
        .map(|c| c.sites.clone())
        .unwrap_or_default();
    let contacts = client_detail
        .as_ref()
        .map(|c| c.contacts.clone())
        .unwrap_or_default();
    let filter = &view.filter;
    let new_route = Route::NewEquipment {
        client_id: filter.client_id,
    };
    html! {
        <section>
            if !props.embedded {
                <div class="page-head">
                    <h1>{ T::EquipmentTitle.text(lang) }</h1>
                    <div class="actions">
                        <button class="ghost" id="export-csv" onclick={export}>{ T::ExportCsv.text(lang) }</button>
                        if can_write {
                            <button class="ghost" id="import-csv" onclick={Callback::from(|_| navigate(&Route::ImportEquipment))}>{ T::ImportCsv.text(lang) }</button>
                            <button id="new-equipment" onclick={Callback::from(move |_| navigate(&new_route))}>{ T::NewEquipment.text(lang) }</button>
                        }
                    </div>
                </div>
            } else if can_write {
                <div class="actions"><button id="new-equipment" onclick={Callback::from(move |_| navigate(&new_route))}>{ T::NewEquipment.text(lang) }</button></div>
            }
            <div class="filters">
                <input id="equipment-search" type="search" placeholder={T::Search.text(lang)} value={(*typed).clone()} oninput={on_search} />
                if !props.embedded {
                    <select id="filter-client" onchange={on_client}>
                        <option value="" selected={filter.client_id.is_none()}>{ T::AnyClient.text(lang) }</option>
                        { for clients.iter().map(|c| html! { <option value={c.id.to_string()} selected={filter.client_id == Some(c.id)}>{ c.name.clone() }</option> }) }
                    </select>
                }
                if filter.client_id.is_some() {
                    <select id="filter-site" onchange={on_site}>
                        <option value="" selected={filter.site_id.is_none()}>{ T::AnySite.text(lang) }</option>
                        { for sites.iter().map(|s| html! { <option value={s.id.to_string()} selected={filter.site_id == Some(s.id)}>{ s.name.clone() }</option> }) }
                    </select>
                    <select id="filter-contact" onchange={on_contact}>
                        <option value="" selected={filter.contact_id.is_none()}>{ T::Anyone.text(lang) }</option>
                        { for contacts.iter().map(|c| html! { <option value={c.id.to_string()} selected={filter.contact_id == Some(c.id)}>{ c.name.clone() }</option> }) }
                    </select>
                }
                <select id="filter-type" onchange={on_type}>
                    <option value="" selected={filter.type_id.is_none()}>{ T::AnyType.text(lang) }</option>
                    { for catalogue.types.iter().map(|t| html! { <option value={t.id.to_string()} selected={filter.type_id == Some(t.id)}>{ t.name.clone() }</option> }) }
                </select>
                <select id="filter-status" onchange={on_status}>
                    <option value="" selected={filter.status.is_none()}>{ T::AnyStatus.text(lang) }</option>
                    { for EquipmentStatus::ALL.iter().map(|s| html! { <option value={s.code()} selected={filter.status == Some(*s)}>{ status_text(*s).text(lang) }</option> }) }
                </select>
                <select id="filter-warranty" onchange={on_warranty}>
                    <option value="" selected={filter.warranty_within_days.is_none()}>{ T::AnyWarranty.text(lang) }</option>
                    { for [(30u32, T::Within30), (90, T::Within90), (365, T::Within365)].iter().map(|(days, label)| html! {
                        <option value={days.to_string()} selected={filter.warranty_within_days == Some(*days)}>{ format!("{} {}", T::WarrantyWithin.text(lang), label.text(lang)) }</option>
                    }) }
                </select>
            </div>
            { bulk_bar }
            { body }
        </section>
    }
}

/// A date as the user reads it: 31/12/2027 in French, 2027-12-31 in English.
pub fn date_text(date: chrono::NaiveDate, lang: Language) -> String {
    lang.date(date)
}

pub(crate) fn toast_saved(
    app: &crate::state::AppContext,
    result: Result<SavedFile, parc_api::IpcError>,
) {
    match result {
        Ok(file) => app.dispatch(Action::Toast(
            ToastKind::Success,
            format!(
                "{} {} ({})",
                T::SavedTo.text(app.lang),
                file.path,
                file.count
            ),
        )),
        Err(error) => app.dispatch(Action::Toast(
            ToastKind::Error,
            error_text(&error, app.lang),
        )),
    }
}

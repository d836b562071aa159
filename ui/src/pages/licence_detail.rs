//! One licence: its seats (a bar, the deficit when over-allocated), the key
//! masked (revealed on demand to managers), the seats given to equipment and
//! people with a way to give and take back, the installations it concerns
//! (covered or not, each assignable in one click), its purchase lots, and
//! renewal.

use crate::components::{select_value, Field, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::pages::history::RecordHistory;
use crate::pages::licences::{kind_text, LicenceStateBadge, SeatBar};
use crate::route::{ClientTab, EquipmentTab, Route};
use crate::state::{error_text, navigate, session_of, use_app, Action, FormErrors, ToastKind};
use parc_api::commands;
use parc_api::licences::{AddLot, AssignLicence, LicenceDetail, LotInput, RenewLicence};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LicenceDetailProps {
    pub id: i64,
}

#[function_component(LicenceDetailPage)]
pub fn licence_detail(props: &LicenceDetailProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let session = session_of(&app);
    let can_write = session
        .as_ref()
        .is_some_and(|s| s.permissions.write_licences);
    let can_assign = session
        .as_ref()
        .is_some_and(|s| s.permissions.assign_licences);
    let can_reveal = session
        .as_ref()
        .is_some_and(|s| s.permissions.reveal_licence_keys);
    let detail = use_state(|| None::<Result<LicenceDetail, String>>);
    let people = use_state(Vec::<parc_api::clients::ContactRow>::new);
    let revealed = use_state(|| None::<String>);
    let person = use_state(|| None::<i64>);
    let lot = use_state(LotInput::default);
    let lot_errors = use_state(FormErrors::default);
    let renewal = use_state(|| (String::new(), LotInput::default()));
    let renewal_errors = use_state(FormErrors::default);
    {
        let (detail, people, revealed) = (detail.clone(), people.clone(), revealed.clone());
        use_effect_with(props.id, move |id| {
            let id = *id;
            detail.set(None);
            revealed.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::GetLicence>(&id).await;
                if let Ok(d) = &found {
                    let client = d.row.client_id;
                    if let Ok(c) = call::<commands::GetClient>(&client).await {
                        people.set(c.contacts.into_iter().filter(|c| !c.archived).collect());
                    }
                }
                detail.set(Some(found.map_err(|e| crate::state::error_text(&e, lang))));
            });
        });
    }
    let d = match &*detail {
        None => return html! { <Spinner /> },
        Some(Err(message)) => return html! { <div class="card error">{ message.clone() }</div> },
        Some(Ok(d)) => d.clone(),
    };
    let id = props.id;
    // Every change answers with the licence as it now stands.
    let apply = {
        let (detail, app) = (detail.clone(), app.clone());
        move |result: Result<LicenceDetail, parc_api::IpcError>| match result {
            Ok(found) => detail.set(Some(Ok(found))),
            Err(error) => app.dispatch(Action::Toast(
                ToastKind::Error,
                error_text(&error, app.lang),
            )),
        }
    };
    let assign = |equipment_id: Option<i64>, contact_id: Option<i64>| {
        let apply = apply.clone();
        Callback::from(move |_: MouseEvent| {
            let apply = apply.clone();
            let input = AssignLicence {
                licence_id: id,
                equipment_id,
                contact_id,
            };
            wasm_bindgen_futures::spawn_local(async move {
                apply(call::<commands::AssignLicence>(&input).await);
            });
        })
    };
    let unassign = |seat: i64| {
        let apply = apply.clone();
        Callback::from(move |_: MouseEvent| {
            let apply = apply.clone();
            wasm_bindgen_futures::spawn_local(async move {
                apply(call::<commands::UnassignLicence>(&seat).await);
            });
        })
    };
    let reveal = {
        let (revealed, app) = (revealed.clone(), app.clone());
        Callback::from(move |_| {
            let (revealed, app) = (revealed.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::RevealLicenceKey>(&id).await {
                    Ok(key) => revealed.set(Some(key)),
                    Err(error) => app.dispatch(Action::Toast(
                        ToastKind::Error,
                        error_text(&error, app.lang),
                    )),
                }
            });
        })
    };
    let add_lot = {
        let (lot, errors, detail, app) =
            (lot.clone(), lot_errors.clone(), detail.clone(), app.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = AddLot {
                licence_id: id,
                lot: (*lot).clone(),
            };
            let (lot, errors, detail, app) =
                (lot.clone(), errors.clone(), detail.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::AddLicenceLot>(&input).await {
                    Ok(found) => {
                        lot.set(LotInput::default());
                        errors.set(FormErrors::default());
                        detail.set(Some(Ok(found)));
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let renew = {
        let (renewal, errors, detail, app) = (
            renewal.clone(),
            renewal_errors.clone(),
            detail.clone(),
            app.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (expires_on, lot) = (*renewal).clone();
            let input = RenewLicence {
                licence_id: id,
                expires_on,
                lot,
            };
            let (renewal, errors, detail, app) =
                (renewal.clone(), errors.clone(), detail.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::RenewLicence>(&input).await {
                    Ok(found) => {
                        renewal.set((String::new(), LotInput::default()));
                        errors.set(FormErrors::default());
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Renewed.text(app.lang).to_owned(),
                        ));
                        detail.set(Some(Ok(found)));
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let edit_lot = |apply: fn(&mut LotInput, String)| {
        let lot = lot.clone();
        Callback::from(move |value: String| {
            let mut next = (*lot).clone();
            apply(&mut next, value);
            lot.set(next);
        })
    };
    let edit_renewal = |apply: fn(&mut (String, LotInput), String)| {
        let renewal = renewal.clone();
        Callback::from(move |value: String| {
            let mut next = (*renewal).clone();
            apply(&mut next, value);
            renewal.set(next);
        })
    };
    let row = &d.row;
    let item =
        |label: T, value: Html| html! { <><dt>{ label.text(lang) }</dt><dd>{ value }</dd></> };
    let date = |v: Option<chrono::NaiveDate>| v.map(|v| lang.date(v)).unwrap_or_default();
    let client_route = Route::Client {
        id: row.client_id,
        tab: ClientTab::Licences,
    };
    let software_route = Route::SoftwareItem {
        id: row.software_id,
    };
    let seated_people: Vec<i64> = d.assignments.iter().filter_map(|a| a.contact_id).collect();
    let free_people: Vec<_> = people
        .iter()
        .filter(|p| !seated_people.contains(&p.id))
        .cloned()
        .collect();
    let key = match (&*revealed, d.has_key) {
        (Some(key), _) => html! { <span class="mono" id="licence-key">{ key.clone() }</span> },
        (None, true) => html! {
            <>
                <span class="mono" id="licence-key">{ row.masked_key.clone() }</span>
                if can_reveal { { " " }<button class="ghost small" id="reveal-key" onclick={reveal}>{ T::Reveal.text(lang) }</button> }
            </>
        },
        (None, false) => html! { <span class="muted">{ "—" }</span> },
    };
    let l = (*lot).clone();
    let (new_end, rl) = (*renewal).clone();
    html! {
        <section>
            <div class="page-head">
                <h1><span class="mono muted">{ row.reference.clone() }</span>{ " " }<span id="licence-name">{ row.software_name.clone() }</span>{ " " }<LicenceStateBadge state={row.state} /></h1>
                <div class="actions">
                    if can_write { <button id="edit-licence" onclick={Callback::from(move |_| navigate(&Route::EditLicence { id }))}>{ T::Edit.text(lang) }</button> }
                </div>
            </div>
            <div class="card">
                <div id="licence-seats" class="seat-summary"><SeatBar row={row.clone()} />{ format!(" · {} {}", row.installed, T::Installed.text(lang).to_lowercase()) }</div>
                <dl class="facts" id="licence-facts">
                    { item(T::Client, html! { <a onclick={Callback::from(move |_| navigate(&client_route))}>{ row.client_name.clone() }</a> }) }
                    { item(T::Software, html! { <a onclick={Callback::from(move |_| navigate(&software_route))}>{ format!("{} ({})", row.software_name, row.publisher) }</a> }) }
                    { item(T::LicenceType, html! { <span id="fact-kind">{ kind_text(row.kind).text(lang) }</span> }) }
                    if let Some(site) = &row.site_name { { item(T::Site, html! { site.clone() }) } }
                    if let Some(term) = d.term_months { { item(T::TermMonths, html! { term }) } }
                    { item(T::LicenceKey, key) }
                    { item(T::StartDate, html! { date(d.starts_on) }) }
                    { item(T::ExpiresOn, html! { <span id="fact-expiry">{ date(row.expires_on) }</span> }) }
                    { item(T::RenewalPrice, html! { row.renewal_price_cents.map(|c| lang.money(c)).unwrap_or_default() }) }
                    { item(T::AutoRenewShort, html! { { if row.auto_renew { T::Yes.text(lang) } else { T::No.text(lang) } } }) }
                    { item(T::Notes, html! { <span class="pre">{ d.notes.clone() }</span> }) }
                </dl>
            </div>
            <div class="card" id="licence-assignments">
                <h2>{ T::Seats.text(lang) }</h2>
                if d.assignments.is_empty() { <p class="muted">{ T::NoSeatsAssigned.text(lang) }</p> } else {
                    <table class="list dense" id="assignments-table">
                        <thead><tr><th>{ T::AssignedTo.text(lang) }</th><th>{ T::Since.text(lang) }</th><th></th></tr></thead>
                        <tbody>
                            { for d.assignments.iter().map(|a| html! {
                                <tr data-label={a.label.clone()} class={classes!((!a.in_use).then_some("muted"))}>
                                    <td>{ a.label.clone() }if !a.in_use { <span class="badge licence-expired">{ T::SeatNotInUse.text(lang) }</span> }</td>
                                    <td>{ lang.date(a.assigned_on) }</td>
                                    <td class="right">if can_assign { <button class="ghost small unassign" onclick={unassign(a.id)}>{ T::Unassign.text(lang) }</button> }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
                if can_assign && row.kind.assigns_contacts() {
                    <div class="inline-form">
                        <select id="assign-person" onchange={{ let person = person.clone(); Callback::from(move |e: Event| person.set(select_value(&e).parse().ok())) }}>
                            <option value="" selected={person.is_none()}>{ T::ChoosePerson.text(lang) }</option>
                            { for free_people.iter().map(|p| html! { <option value={p.id.to_string()} selected={*person == Some(p.id)}>{ p.name.clone() }</option> }) }
                        </select>
                        <button id="assign-person-save" disabled={person.is_none()} onclick={{ let assign = assign(None, *person); let person = person.clone(); Callback::from(move |e| { assign.emit(e); person.set(None); }) }}>{ T::Assign.text(lang) }</button>
                    </div>
                }
            </div>
            <div class="card" id="licence-installations">
                <h2>{ T::Installations.text(lang) }</h2>
                if d.installations.is_empty() { <p class="muted">{ T::NoInstallations.text(lang) }</p> } else {
                    <table class="list dense" id="covered-table">
                        <thead><tr><th>{ T::Reference.text(lang) }</th><th>{ T::Name.text(lang) }</th><th>{ T::AssignedTo.text(lang) }</th><th>{ T::Version.text(lang) }</th><th>{ T::Covered.text(lang) }</th><th></th></tr></thead>
                        <tbody>
                            { for d.installations.iter().map(|c| {
                                let i = &c.installation;
                                let seated = d.assignments.iter().any(|a| a.equipment_id == Some(i.equipment_id));
                                let machine = i.equipment_id;
                                let open = Callback::from(move |_| navigate(&Route::EquipmentItem { id: machine, tab: EquipmentTab::Software }));
                                html! {
                                    <tr data-equipment={i.equipment_name.clone()} data-covered={c.covered.to_string()}>
                                        <td class="mono"><a onclick={open}>{ i.equipment_reference.clone() }</a></td>
                                        <td>{ i.equipment_name.clone() }</td>
                                        <td>{ i.user_name.clone().unwrap_or_default() }</td>
                                        <td>{ i.version.clone() }</td>
                                        <td>if c.covered { <span class="badge compliance-compliant">{ T::Yes.text(lang) }</span> } else { <span class="badge compliance-short">{ T::No.text(lang) }</span> }</td>
                                        <td class="right">if can_assign && row.kind.assigns_equipment() && !seated { <button class="small assign-equipment" onclick={assign(Some(machine), None)}>{ T::Assign.text(lang) }</button> }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                }
            </div>
            <div class="card" id="licence-lots">
                <h2>{ T::Lots.text(lang) }</h2>
                <table class="list dense" id="lots-table">
                    <thead><tr><th>{ T::Date.text(lang) }</th><th>{ T::Kind.text(lang) }</th><th class="right">{ T::Quantity.text(lang) }</th><th class="right">{ T::Cost.text(lang) }</th><th>{ T::Supplier.text(lang) }</th><th>{ T::CoversUntil.text(lang) }</th></tr></thead>
                    <tbody>
                        { for d.lots.iter().map(|lot| html! {
                            <tr>
                                <td>{ lang.date(lot.purchased_on) }</td>
                                <td>{ if lot.kind == "renewal" { T::Renewal.text(lang) } else { T::Purchase.text(lang) } }</td>
                                <td class="right">{ lot.quantity }</td>
                                <td class="right">{ lot.cost_cents.map(|c| lang.money(c)).unwrap_or_default() }</td>
                                <td>{ lot.supplier.clone() }</td>
                                <td>{ date(lot.covers_until) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                if can_write {
                    <form class="form" id="lot-form" onsubmit={add_lot}>
                        <h3>{ T::AddPurchase.text(lang) }</h3>
                        <div class="row">
                            <Field label={T::Date.text(lang)} name="lot.purchased_on" kind="date" value={l.purchased_on.clone()} error={lot_errors.field("lot.purchased_on")} oninput={edit_lot(|f, v| f.purchased_on = v)} />
                            <Field label={T::Quantity.text(lang)} name="lot.quantity" kind="number" value={if l.quantity == 0 { String::new() } else { l.quantity.to_string() }} error={lot_errors.field("lot.quantity")} oninput={edit_lot(|f, v| f.quantity = v.trim().parse().unwrap_or(0))} />
                            <Field label={T::Cost.text(lang)} name="lot.cost" value={l.cost.clone()} error={lot_errors.field("lot.cost")} oninput={edit_lot(|f, v| f.cost = v)} />
                            <Field label={T::Supplier.text(lang)} name="lot.supplier" value={l.supplier.clone()} error={lot_errors.field("lot.supplier")} oninput={edit_lot(|f, v| f.supplier = v)} />
                        </div>
                        <div class="actions"><button type="submit" id="lot-save">{ T::Add.text(lang) }</button></div>
                    </form>
                    <form class="form" id="renew-form" onsubmit={renew}>
                        <h3>{ T::Renew.text(lang) }</h3>
                        <div class="row">
                            <Field label={T::NewExpiry.text(lang)} name="expires_on" kind="date" value={new_end} hint={T::NewExpiryHint.text(lang)} error={renewal_errors.field("expires_on")} oninput={edit_renewal(|f, v| f.0 = v)} />
                            <Field label={T::Date.text(lang)} name="renew.purchased_on" kind="date" value={rl.purchased_on.clone()} error={renewal_errors.field("lot.purchased_on")} oninput={edit_renewal(|f, v| f.1.purchased_on = v)} />
                            <Field label={T::Quantity.text(lang)} name="renew.quantity" kind="number" hint={AttrValue::from(T::RenewQuantityHint.text(lang))} value={if rl.quantity == 0 { String::new() } else { rl.quantity.to_string() }} error={renewal_errors.field("lot.quantity")} oninput={edit_renewal(|f, v| f.1.quantity = v.trim().parse().unwrap_or(0))} />
                            <Field label={T::Cost.text(lang)} name="renew.cost" value={rl.cost.clone()} error={renewal_errors.field("lot.cost")} oninput={edit_renewal(|f, v| f.1.cost = v)} />
                        </div>
                        <div class="actions"><button type="submit" id="renew-save">{ T::Renew.text(lang) }</button></div>
                    </form>
                }
            </div>
            <RecordHistory entity="licence" {id} />
        </section>
    }
}

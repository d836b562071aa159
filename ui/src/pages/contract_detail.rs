//! A contract's page: its terms, what it covers, the support hours of the
//! current period, and its billing schedule (the invoices issued and the
//! periods to come); managers move it through its statuses and renew it.

use crate::components::{Field, LevelBadge, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::pages::contracts::{periodicity_text, ContractStatusBadge};
use crate::pages::invoices::InvoiceStatusBadge;
use crate::route::{ClientTab, Route};
use crate::state::{navigate, session_of, use_app, Action, FormErrors, ToastKind};
use parc_api::commands;
use parc_api::contracts::{ContractDetail, ContractStatus, ContractStatusChange};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ContractDetailProps {
    pub id: i64,
}

fn action_text(from: ContractStatus, to: ContractStatus) -> T {
    match (from, to) {
        (ContractStatus::Suspended, ContractStatus::Active) => T::Resume,
        (_, ContractStatus::Active) => T::Activate,
        (_, ContractStatus::Suspended) => T::Suspend,
        _ => T::Terminate,
    }
}

/// "2 h 30" from minutes.
pub fn hours_text(minutes: i64) -> String {
    match minutes % 60 {
        0 => format!("{} h", minutes / 60),
        rest => format!("{} h {rest:02}", minutes / 60),
    }
}

#[function_component(ContractDetailPage)]
pub fn contract_detail(props: &ContractDetailProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let detail = use_state(|| None::<ContractDetail>);
    let change_to = use_state(|| None::<ContractStatus>);
    let change_on = use_state(|| crate::state::today().to_string());
    let errors = use_state(FormErrors::default);
    {
        let (detail, app) = (detail.clone(), app.clone());
        use_effect_with(props.id, move |id| {
            let id = *id;
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::GetContract>(&id).await {
                    Ok(found) => detail.set(Some(found)),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        });
    }
    let Some(contract) = (*detail).clone() else {
        return html! { <Spinner /> };
    };
    let row = &contract.row;
    let can_write = session_of(&app).is_some_and(|s| s.permissions.write_contracts);
    let can_see_invoices = session_of(&app).is_some_and(|s| s.permissions.read_invoices);
    let id = props.id;
    let edit = Callback::from(move |_| navigate(&Route::EditContract { id }));
    let client_route = Route::Client {
        id: row.client_id,
        tab: ClientTab::Contracts,
    };
    let open_client = Callback::from(move |_| navigate(&client_route));

    let apply_change = {
        let (detail, change_to, change_on, errors, app) = (
            detail.clone(),
            change_to.clone(),
            change_on.clone(),
            errors.clone(),
            app.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(status) = *change_to else { return };
            let change = ContractStatusChange {
                id,
                status,
                on: (*change_on).clone(),
            };
            let (detail, change_to, errors, app) = (
                detail.clone(),
                change_to.clone(),
                errors.clone(),
                app.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::ChangeContractStatus>(&change).await {
                    Ok(found) => {
                        detail.set(Some(found));
                        change_to.set(None);
                        errors.set(FormErrors::default());
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let renew = {
        let (detail, app) = (detail.clone(), app.clone());
        Callback::from(move |_| {
            let (detail, app) = (detail.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::RenewContract>(&id).await {
                    Ok(found) => {
                        detail.set(Some(found));
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                    }
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        })
    };
    let status_buttons = row.status.next().iter().map(|to| {
        let (change_to, to) = (change_to.clone(), *to);
        let onclick = Callback::from(move |_| change_to.set(Some(to)));
        html! { <button class="ghost" id={format!("contract-to-{}", to.code())} {onclick}>{ action_text(row.status, to).text(lang) }</button> }
    });
    let renewable = row.end_date.is_some()
        && matches!(row.status, ContractStatus::Active | ContractStatus::Expired);
    let ended = matches!(
        row.status,
        ContractStatus::Expired | ContractStatus::Terminated
    );
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| lang.date(d)).unwrap_or_else(|| "—".into());
    let billing = format!(
        "{}, {}",
        periodicity_text(row.periodicity).text(lang),
        if contract.billed_in_advance {
            T::InAdvance
        } else {
            T::InArrears
        }
        .text(lang)
    );
    let used = contract.used_minutes;
    let included = contract.included_minutes;
    let share = if included > 0 {
        (used * 100 / included).min(100)
    } else {
        0
    };

    html! {
        <section>
            <div class="page-head">
                <div>
                    <h1>{ format!("{} — {}", row.reference, row.kind) }</h1>
                    <p class="muted"><a class="link" id="contract-client" onclick={open_client}>{ row.client_name.clone() }</a>{ " · " }<ContractStatusBadge status={row.status} />{ format!(" {} {}", T::StatusDate.text(lang).to_lowercase(), lang.date(contract.status_since)) }
                        if row.in_notice { <span class="badge warning notice-flag">{ T::InNotice.text(lang) }</span> }
                    </p>
                </div>
                if can_write {
                    <div class="actions">
                        { for status_buttons }
                        if renewable { <button class="ghost" id="contract-renew" onclick={renew}>{ T::Renew.text(lang) }</button> }
                        if !ended { <button id="contract-edit" onclick={edit}>{ T::Edit.text(lang) }</button> }
                    </div>
                }
            </div>
            if let Some(to) = *change_to {
                <form class="card inline-form" id="contract-status-form" onsubmit={apply_change}>
                    <Field label={if to == ContractStatus::Terminated { T::LastBilledDay.text(lang) } else { T::StatusDate.text(lang) }} name="on" kind="date" value={(*change_on).clone()} error={errors.field("on").or(errors.field("status"))} oninput={{ let change_on = change_on.clone(); Callback::from(move |v: String| change_on.set(v)) }} />
                    <button type="submit" id="contract-status-apply">{ action_text(row.status, to).text(lang) }</button>
                    <button type="button" class="ghost" onclick={{ let change_to = change_to.clone(); Callback::from(move |_| change_to.set(None)) }}>{ T::Cancel.text(lang) }</button>
                    if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
                </form>
            }
            <div class="columns">
                <dl class="card facts" id="contract-facts">
                    <dt>{ T::Periodicity.text(lang) }</dt><dd>{ billing }</dd>
                    <dt>{ T::StartDate.text(lang) }</dt><dd>{ lang.date(row.start_date) }</dd>
                    <dt>{ T::EndDate.text(lang) }</dt><dd>{ date(row.end_date) }{ if contract.auto_renew { format!(" ({} {} m)", T::AutoRenew.text(lang).to_lowercase(), contract.renewal_months) } else { String::new() } }</dd>
                    if row.notice_deadline.is_some() { <dt>{ T::NoticeDeadline.text(lang) }</dt><dd>{ date(row.notice_deadline) }</dd> }
                    <dt>{ T::NextBilling.text(lang) }</dt><dd id="contract-next-billing">{ date(row.next_billing_date) }</dd>
                    <dt>{ T::ServiceLevel.text(lang) }</dt><dd><LevelBadge level={contract.service_level} />{ if contract.service_level_from_client { format!(" ({})", T::ClientsLevel.text(lang).to_lowercase()) } else { String::new() } }</dd>
                    <dt>{ T::OverageRate.text(lang) }</dt><dd>{ contract.overage_rate_cents.map(|c| lang.money(c)).unwrap_or_else(|| "—".into()) }</dd>
                    <dt>{ T::VisitEveryMonths.text(lang) }</dt><dd>{ contract.visit_every_months.map(|m| m.to_string()).unwrap_or_else(|| "—".into()) }</dd>
                    if !contract.notes.is_empty() { <dt>{ T::Notes.text(lang) }</dt><dd class="pre">{ contract.notes.clone() }</dd> }
                </dl>
                <div class="card" id="contract-hours">
                    <h2>{ T::HoursUsed.text(lang) }</h2>
                    <div class="meter"><div class="meter-fill" style={format!("width: {share}%")}></div></div>
                    <p><strong>{ hours_text(used) }</strong>{ format!(" / {}", hours_text(included)) }</p>
                    <p class="hint">{ T::HoursUsedHint.text(lang) }</p>
                </div>
            </div>
            <div class="card">
                <h2>{ T::PriceLines.text(lang) }</h2>
                <table class="list" id="contract-lines">
                    <thead><tr><th>{ T::Description.text(lang) }</th><th class="right">{ T::UnitPriceExclVat.text(lang) }</th><th class="right">{ T::VatRate.text(lang) }</th></tr></thead>
                    <tbody>
                        { for contract.lines.iter().map(|l| html! {
                            <tr>
                                <td>{ l.description.clone() }{ if l.per_equipment { format!(" ({} × {})", T::PerEquipment.text(lang).to_lowercase(), contract.covered_equipment_count) } else { String::new() } }</td>
                                <td class="right">{ lang.money(l.unit_price_cents) }</td>
                                <td class="right">{ parc_api::billing::rate_text(l.vat_rate_basis_points, lang == parc_api::auth::Language::Fr) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="card" id="contract-coverage">
                <h2>{ T::CoveredSites.text(lang) }</h2>
                <p>{ for contract.sites.iter().map(|s| html! { <span class="badge site-badge">{ s.name.clone() }</span> }) }</p>
                <h2>{ format!("{} — {} {}", T::CoveredEquipment.text(lang), contract.covered_equipment_count, T::CoveredNow.text(lang)) }</h2>
                if contract.covers_all_equipment { <p class="muted">{ T::CoversAllEquipment.text(lang) }</p> }
                <table class="list dense" id="contract-equipment">
                    <tbody>
                        { for contract.equipment.iter().map(|e| {
                            let route = Route::EquipmentItem { id: e.id, tab: Default::default() };
                            let onclick = Callback::from(move |_| navigate(&route));
                            html! { <tr class="clickable" {onclick}><td class="mono">{ e.reference.clone() }</td><td>{ e.name.clone() }</td><td class="muted">{ e.site_name.clone() }</td></tr> }
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="card">
                <h2>{ T::BillingSchedule.text(lang) }</h2>
                <table class="list" id="contract-schedule">
                    <thead><tr><th>{ T::Period.text(lang) }</th><th>{ T::IssueOn.text(lang) }</th>
                        if can_see_invoices {
                            <th>{ T::InvoiceNumber.text(lang) }</th><th>{ T::Status.text(lang) }</th><th class="right">{ T::TotalInclVat.text(lang) }</th>
                        } else {
                            <th>{ T::Status.text(lang) }</th>
                        }
                    </tr></thead>
                    <tbody>
                        { for contract.schedule.iter().map(|entry| {
                            let period = format!("{} – {}{}", lang.date(entry.period_start), lang.date(entry.period_end), if entry.partial { format!(" ({})", T::Prorated.text(lang)) } else { String::new() });
                            match (&entry.invoice, entry.billed) {
                                (Some(invoice), _) => {
                                    let route = Route::Invoice { id: invoice.id };
                                    let onclick = Callback::from(move |_| if can_see_invoices { navigate(&route) });
                                    html! {
                                        <tr class={classes!("billed", can_see_invoices.then_some("clickable"))} {onclick}>
                                            <td>{ period }</td>
                                            <td>{ lang.date(entry.issue_on) }</td>
                                            <td class="mono">{ invoice.number.clone().unwrap_or_default() }</td>
                                            <td><InvoiceStatusBadge status={invoice.status} /></td>
                                            <td class="right">{ lang.money(invoice.including_vat_cents) }</td>
                                        </tr>
                                    }
                                }
                                // A technician: the period was billed, the invoice is not theirs to read.
                                (None, true) => html! {
                                    <tr class="billed">
                                        <td>{ period }</td>
                                        <td>{ lang.date(entry.issue_on) }</td>
                                        <td>{ T::PeriodBilled.text(lang) }</td>
                                    </tr>
                                },
                                (None, false) => html! {
                                    <tr class="upcoming">
                                        <td>{ period }</td>
                                        <td>{ lang.date(entry.issue_on) }</td>
                                        <td class="muted" colspan={if can_see_invoices { "3" } else { "1" }}>{ T::Upcoming.text(lang) }</td>
                                    </tr>
                                },
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

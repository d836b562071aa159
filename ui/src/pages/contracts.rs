//! The contracts list: search, status and notice-period filters in the
//! route; contracts within their notice period stand out. Shown alone or
//! inside a client's page.

use crate::components::{input_value, select_value, Empty, Pager, Spinner};
use crate::i18n::T;
use crate::lists::{use_list, use_list_query};
use crate::route::Route;
use crate::state::{navigate, session_of, use_app};
use parc_api::billing::Periodicity;
use parc_api::commands;
use parc_api::contracts::{ContractQuery, ContractStatus};
use yew::prelude::*;

pub fn contract_status_text(status: ContractStatus) -> T {
    match status {
        ContractStatus::Draft => T::ContractDraft,
        ContractStatus::Active => T::ContractActive,
        ContractStatus::Suspended => T::ContractSuspended,
        ContractStatus::Expired => T::ContractExpired,
        ContractStatus::Terminated => T::ContractTerminated,
    }
}

pub fn periodicity_text(periodicity: Periodicity) -> T {
    match periodicity {
        Periodicity::Monthly => T::Monthly,
        Periodicity::Quarterly => T::Quarterly,
        Periodicity::Yearly => T::Yearly,
    }
}

#[derive(Properties, PartialEq)]
pub struct ContractStatusBadgeProps {
    pub status: ContractStatus,
}

#[function_component(ContractStatusBadge)]
pub fn contract_status_badge(props: &ContractStatusBadgeProps) -> Html {
    let lang = crate::state::use_lang();
    html! { <span class={classes!("badge", format!("contract-{}", props.status.code()))}>{ contract_status_text(props.status).text(lang) }</span> }
}

#[derive(Properties, PartialEq)]
pub struct ContractsListProps {
    pub query: ContractQuery,
    /// Inside a client's page: the client is fixed and the filters stay here.
    #[prop_or_default]
    pub embedded: bool,
}

#[function_component(ContractsList)]
pub fn contracts_list(props: &ContractsListProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let (query, set_query) = use_list_query(&props.query, props.embedded, Route::Contracts);
    let page = use_list::<commands::ListContracts, _>(query.clone());
    let change = |apply: fn(&mut ContractQuery, String)| -> Callback<String> {
        let (query, set_query) = (query.clone(), set_query.clone());
        Callback::from(move |value: String| {
            let mut next = query.clone();
            apply(&mut next, value);
            next.page = 1;
            set_query.emit(next);
        })
    };
    let on_search = {
        let change = change(|q, v| q.search = v);
        Callback::from(move |e: InputEvent| change.emit(input_value(&e)))
    };
    let on_status = {
        let change = change(|q, v| q.status = ContractStatus::from_code(&v));
        Callback::from(move |e: Event| change.emit(select_value(&e)))
    };
    let on_notice = {
        let change = change(|q, v| q.in_notice = v == "true");
        Callback::from(move |e: Event| {
            change.emit(crate::components::checkbox_value(&e).to_string())
        })
    };
    let on_page = {
        let (query, set_query) = (query.clone(), set_query.clone());
        Callback::from(move |n: u64| {
            set_query.emit(ContractQuery {
                page: n,
                ..query.clone()
            })
        })
    };
    let can_write = session_of(&app).is_some_and(|s| s.permissions.write_contracts);
    let new_contract = {
        let client_id = query.client_id;
        Callback::from(move |_| navigate(&Route::NewContract { client_id }))
    };
    let body = match &*page {
        Some(Err(message)) => html! { <div class="card error">{ message.clone() }</div> },
        None => html! { <Spinner /> },
        Some(Ok(found)) if found.items.is_empty() => html! {
            <Empty text={if query.search.is_empty() && query.status.is_none() && !query.in_notice { T::NoContracts.text(lang) } else { T::NoResults.text(lang) }} />
        },
        Some(Ok(found)) => html! {
            <>
                <table class="list" id="contracts-table">
                    <thead><tr>
                        <th>{ T::Reference.text(lang) }</th>
                        if !props.embedded { <th>{ T::Client.text(lang) }</th> }
                        <th>{ T::ContractKind.text(lang) }</th>
                        <th>{ T::Periodicity.text(lang) }</th>
                        <th>{ T::Status.text(lang) }</th>
                        <th>{ T::StartDate.text(lang) }</th>
                        <th>{ T::EndDate.text(lang) }</th>
                        <th>{ T::NextBilling.text(lang) }</th>
                        <th class="right">{ T::FeePerPeriod.text(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for found.items.iter().map(|c| {
                            let route = Route::Contract { id: c.id };
                            let onclick = Callback::from(move |_| navigate(&route));
                            let date = |d: Option<chrono::NaiveDate>| d.map(|d| lang.date(d)).unwrap_or_default();
                            html! {
                                <tr key={c.id} class={classes!("clickable", c.in_notice.then_some("in-notice"))} {onclick} data-reference={c.reference.clone()}>
                                    <td class="mono">{ c.reference.clone() }</td>
                                    if !props.embedded { <td class="strong">{ c.client_name.clone() }</td> }
                                    <td>{ c.kind.clone() }</td>
                                    <td>{ periodicity_text(c.periodicity).text(lang) }</td>
                                    <td>
                                        <ContractStatusBadge status={c.status} />
                                        if c.in_notice { <span class="badge warning notice-flag">{ T::InNotice.text(lang) }</span> }
                                    </td>
                                    <td class="nowrap">{ lang.date(c.start_date) }</td>
                                    <td class="nowrap">{ date(c.end_date) }</td>
                                    <td class="nowrap">{ date(c.next_billing_date) }</td>
                                    <td class="right">{ lang.money(c.fixed_fee_cents) }</td>
                                </tr>
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
            if !props.embedded {
                <div class="page-head">
                    <h1>{ T::ContractsTitle.text(lang) }</h1>
                    if can_write { <button id="new-contract" onclick={new_contract.clone()}>{ T::NewContract.text(lang) }</button> }
                </div>
            }
            <div class="filters">
                <input id="contracts-search" type="search" placeholder={T::Search.text(lang)} value={query.search.clone()} oninput={on_search} />
                <select id="contracts-status" onchange={on_status}>
                    <option value="" selected={query.status.is_none()}>{ T::AnyStatus.text(lang) }</option>
                    { for ContractStatus::ALL.iter().map(|s| html! {
                        <option value={s.code()} selected={query.status == Some(*s)}>{ contract_status_text(*s).text(lang) }</option>
                    }) }
                </select>
                <label class="check"><input id="contracts-notice" type="checkbox" checked={query.in_notice} onchange={on_notice} />{ T::OnlyInNotice.text(lang) }</label>
                if props.embedded && can_write { <button id="new-contract" onclick={new_contract}>{ T::NewContract.text(lang) }</button> }
            </div>
            { body }
        </section>
    }
}

//! The ticket queue: views (open, mine, unassigned, at risk, breached,
//! all), a status and a client filter and a search, all in the route; the
//! most urgent deadline first, each with its SLA countdown. Shown alone or
//! inside a client's or an equipment's page.

use super::desk::{
    countdown_text, priority_badge, sla_badge, status_badge, status_text, use_clock,
};
use crate::components::{input_value, select_value, Empty, Pager, Spinner};
use crate::i18n::T;
use crate::lists::{use_list, use_list_query};
use crate::route::Route;
use crate::state::{navigate, use_app};
use parc_api::commands;
use parc_api::tickets::{QueueView, SlaState, TicketQuery, TicketStatus};
use yew::prelude::*;

fn view_text(view: QueueView) -> T {
    match view {
        QueueView::Open => T::ViewOpen,
        QueueView::Mine => T::ViewMine,
        QueueView::Unassigned => T::ViewUnassigned,
        QueueView::AtRisk => T::ViewAtRisk,
        QueueView::Breached => T::ViewBreached,
        QueueView::All => T::ViewAll,
    }
}

#[derive(Properties, PartialEq)]
pub struct TicketsListProps {
    pub query: TicketQuery,
    #[prop_or_default]
    pub embedded: bool,
}

#[function_component(TicketsList)]
pub fn tickets_list(props: &TicketsListProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let now = use_clock(30);
    let (query, set_query) = use_list_query(&props.query, props.embedded, Route::Tickets);
    let page = use_list::<commands::ListTickets, _>(query.clone());
    let change = |apply: fn(&mut TicketQuery, String)| -> Callback<String> {
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
        let change = change(|q, v| q.status = TicketStatus::from_code(&v));
        Callback::from(move |e: Event| change.emit(select_value(&e)))
    };
    let on_page = {
        let (query, set_query) = (query.clone(), set_query.clone());
        Callback::from(move |n: u64| {
            set_query.emit(TicketQuery {
                page: n,
                ..query.clone()
            })
        })
    };
    let new_ticket = {
        let client_id = query.client_id;
        Callback::from(move |_| navigate(&Route::NewTicket { client_id }))
    };
    let views = QueueView::ALL.iter().map(|&view| {
        let active = query.view == view;
        let set_view = change(|q, v| q.view = QueueView::from_code(&v).unwrap_or_default());
        let onclick = Callback::from(move |_| set_view.emit(view.code().to_owned()));
        html! { <button id={format!("view-{}", view.code())} class={classes!("tab", active.then_some("active"))} {onclick}>{ view_text(view).text(lang) }</button> }
    });
    let filtered = !query.search.is_empty() || query.status.is_some();
    let body = match &*page {
        Some(Err(message)) => html! { <div class="card error">{ message.clone() }</div> },
        None => html! { <Spinner /> },
        Some(Ok(found)) if found.items.is_empty() => html! {
            <Empty text={if filtered { T::NoResults.text(lang) } else { T::NoTickets.text(lang) }} />
        },
        Some(Ok(found)) => html! {
            <>
                <table class="list" id="tickets-table">
                    <thead><tr>
                        <th>{ T::Reference.text(lang) }</th>
                        <th>{ T::Title.text(lang) }</th>
                        if !props.embedded { <th>{ T::Client.text(lang) }</th> }
                        <th>{ T::Priority.text(lang) }</th>
                        <th>{ T::Status.text(lang) }</th>
                        <th>{ T::Assignee.text(lang) }</th>
                        <th>{ T::Sla.text(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for found.items.iter().map(|t| {
                            let route = Route::Ticket { id: t.id };
                            let onclick = Callback::from(move |_| navigate(&route));
                            let countdown = t.next_due.filter(|_| t.sla_state != SlaState::Paused).map(|due| countdown_text(due, now, lang)).unwrap_or_default();
                            html! {
                                <tr key={t.id} class={classes!("clickable", format!("sla-row-{}", t.sla_state.code()))} {onclick} data-reference={t.reference.clone()}>
                                    <td class="mono">{ t.reference.clone() }</td>
                                    <td class="strong">{ t.title.clone() }</td>
                                    if !props.embedded { <td>{ t.client_name.clone() }</td> }
                                    <td>{ priority_badge(t.priority, lang) }</td>
                                    <td>{ status_badge(t.status, lang) }</td>
                                    <td>{ t.assignee_name.clone().unwrap_or_else(|| T::Unassigned.text(lang).to_owned()) }</td>
                                    <td class="nowrap sla-cell">{ sla_badge(t.sla_state, lang) }<span class="countdown">{ countdown }</span></td>
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
                    <h1>{ T::TicketsTitle.text(lang) }</h1>
                    <button id="new-ticket" onclick={new_ticket.clone()}>{ T::NewTicket.text(lang) }</button>
                </div>
            }
            <div class="tabs" id="queue-views">{ for views }</div>
            <div class="filters">
                <input id="tickets-search" type="search" placeholder={T::Search.text(lang)} value={query.search.clone()} oninput={on_search} />
                <select id="tickets-status" onchange={on_status}>
                    <option value="" selected={query.status.is_none()}>{ T::AnyStatus.text(lang) }</option>
                    { for TicketStatus::ALL.iter().map(|s| html! {
                        <option value={s.code()} selected={query.status == Some(*s)}>{ status_text(*s).text(lang) }</option>
                    }) }
                </select>
                if props.embedded { <button id="new-ticket" onclick={new_ticket}>{ T::NewTicket.text(lang) }</button> }
            </div>
            { body }
        </section>
    }
}

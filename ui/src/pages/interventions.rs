//! A list of interventions inside a client's or an equipment's page: the
//! newest plans first, each opening its page.

use super::desk::{datetime_text, intervention_badge, kind_text};
use crate::components::{Empty, Pager, Spinner};
use crate::i18n::T;
use crate::lists::use_list;
use crate::route::Route;
use crate::state::navigate;
use parc_api::commands;
use parc_api::interventions::InterventionQuery;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InterventionsListProps {
    pub query: InterventionQuery,
}

#[function_component(InterventionsList)]
pub fn interventions_list(props: &InterventionsListProps) -> Html {
    let app = crate::state::use_app();
    let lang = app.lang;
    let query = use_state(|| props.query.clone());
    let page = use_list::<commands::ListInterventions, _>((*query).clone());
    let on_page = {
        let query = query.clone();
        Callback::from(move |n: u64| {
            query.set(InterventionQuery {
                page: n,
                ..(*query).clone()
            })
        })
    };
    let new = {
        let client_id = props.query.client_id;
        Callback::from(move |_| {
            navigate(&Route::NewIntervention {
                ticket_id: None,
                client_id,
            })
        })
    };
    let body = match &*page {
        None => html! { <Spinner /> },
        Some(Err(message)) => html! { <div class="card error">{ message.clone() }</div> },
        Some(Ok(found)) if found.items.is_empty() => {
            html! { <Empty text={T::NoInterventions.text(lang)} /> }
        }
        Some(Ok(found)) => html! {
            <>
                <table class="list" id="interventions-table">
                    <thead><tr>
                        <th>{ T::Reference.text(lang) }</th><th>{ T::Kind.text(lang) }</th><th>{ T::Status.text(lang) }</th>
                        <th>{ T::Site.text(lang) }</th><th>{ T::Technician.text(lang) }</th><th>{ T::When.text(lang) }</th><th>{ T::Ticket.text(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for found.items.iter().map(|i| {
                            let route = Route::Intervention { id: i.id };
                            let onclick = Callback::from(move |_| navigate(&route));
                            html! { <tr class="clickable" {onclick} data-reference={i.reference.clone()}>
                                <td class="mono">{ i.reference.clone() }</td>
                                <td>{ kind_text(i.kind).text(lang) }</td>
                                <td>{ intervention_badge(i.status, lang) }</td>
                                <td>{ i.site_name.clone().unwrap_or_default() }</td>
                                <td>{ i.technician_name.clone().unwrap_or_default() }</td>
                                <td class="nowrap">{ i.actual_start.or(i.scheduled_start).map(|d| datetime_text(d, &app.time_zone, lang)).unwrap_or_default() }</td>
                                <td class="mono">{ i.ticket_reference.clone().unwrap_or_default() }</td>
                            </tr> }
                        }) }
                    </tbody>
                </table>
                <Pager page={found.page} page_count={found.page_count()} total={found.total} {on_page} />
            </>
        },
    };
    html! {
        <section>
            if props.query.client_id.is_some() {
                <div class="filters"><button id="new-intervention" onclick={new}>{ T::NewIntervention.text(lang) }</button></div>
            }
            { body }
        </section>
    }
}

//! The clients list: search, service-level and archive filters, sortable
//! columns and paging, all done by the database; the filters live in the route.

use crate::components::{input_value, level_text, select_value, Empty, LevelBadge, Pager, Spinner};
use crate::forms::{next_dir, sort_arrow};
use crate::i18n::T;
use crate::lists::{refine, use_list};
use crate::route::{ClientTab, Route};
use crate::state::{navigate, session_of, use_app};
use parc_api::clients::{ArchiveFilter, ClientQuery, ClientSort, ServiceLevel};
use parc_api::commands;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ClientsListProps {
    pub query: ClientQuery,
}

/// The query one click on a column header produces: same column flips direction.
pub fn sorted_by(query: &ClientQuery, sort: ClientSort) -> ClientQuery {
    ClientQuery {
        sort,
        dir: next_dir(query.sort, query.dir, sort),
        page: 1,
        ..query.clone()
    }
}

#[function_component(ClientsList)]
pub fn clients_list(props: &ClientsListProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let page = use_list::<commands::ListClients, _>(props.query.clone());
    let query = props.query.clone();
    let go = move |next: ClientQuery| navigate(&Route::Clients(next));
    let on_search = refine(&query, Route::Clients, |q, e: InputEvent| {
        q.search = input_value(&e);
        q.page = 1;
    });
    let on_level = refine(&query, Route::Clients, |q, e: Event| {
        q.service_level = ServiceLevel::from_code(&select_value(&e));
        q.page = 1;
    });
    let on_archive = refine(&query, Route::Clients, |q, e: Event| {
        q.archive = ArchiveFilter::from_code(&select_value(&e)).unwrap_or_default();
        q.page = 1;
    });
    let on_page = refine(&query, Route::Clients, |q, n: u64| q.page = n);
    let header = |sort: ClientSort, label: T| {
        let next = sorted_by(&query, sort);
        let arrow = sort_arrow(query.sort, query.dir, sort);
        let onclick = Callback::from(move |_| go(next.clone()));
        html! { <th class="sortable" data-sort={sort.code()} {onclick}>{ label.text(lang) }{ arrow }</th> }
    };
    let new_client = Callback::from(|_| navigate(&Route::NewClient));
    let can_write = session_of(&app).is_some_and(|s| s.permissions.write_clients);
    let body = match &*page {
        Some(Err(message)) => html! { <div class="card error">{ message.clone() }</div> },
        None => html! { <Spinner /> },
        Some(Ok(found)) if found.items.is_empty() => {
            html! { <Empty text={if query.search.is_empty() && query.service_level.is_none() { T::NoClients.text(lang) } else { T::NoResults.text(lang) }} /> }
        }
        Some(Ok(found)) => html! {
            <>
                <table class="list" id="clients-table">
                    <thead><tr>
                        { header(ClientSort::Code, T::Code) }
                        { header(ClientSort::Name, T::Name) }
                        { header(ClientSort::ServiceLevel, T::ServiceLevel) }
                        <th>{ T::BillingAddress.text(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for found.items.iter().map(|client| {
                            let route = Route::Client { id: client.id, tab: ClientTab::Overview };
                            let onclick = Callback::from(move |_| navigate(&route));
                            html! {
                                <tr key={client.id} class={classes!("clickable", client.archived.then_some("archived"))} {onclick}>
                                    <td class="mono">{ client.code.clone() }</td>
                                    <td class="strong">{ client.name.clone() }</td>
                                    <td><LevelBadge level={client.service_level} /></td>
                                    <td class="muted">{ client.billing_address.lines().collect::<Vec<_>>().join(", ") }</td>
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
            <div class="page-head">
                <h1>{ T::ClientsTitle.text(lang) }</h1>
                if can_write { <button id="new-client" onclick={new_client}>{ T::NewClient.text(lang) }</button> }
            </div>
            <div class="filters">
                <input id="clients-search" type="search" placeholder={T::Search.text(lang)} value={query.search.clone()} oninput={on_search} />
                <select id="clients-level" onchange={on_level}>
                    <option value="" selected={query.service_level.is_none()}>{ T::AnyLevel.text(lang) }</option>
                    { for ServiceLevel::ALL.iter().map(|level| html! {
                        <option value={level.code()} selected={query.service_level == Some(*level)}>{ level_text(*level).text(lang) }</option>
                    }) }
                </select>
                <select id="clients-archive" onchange={on_archive}>
                    <option value="active" selected={query.archive == ArchiveFilter::Active}>{ T::Active.text(lang) }</option>
                    <option value="archived" selected={query.archive == ArchiveFilter::Archived}>{ T::Archived.text(lang) }</option>
                    <option value="all" selected={query.archive == ArchiveFilter::All}>{ T::All.text(lang) }</option>
                </select>
            </div>
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parc_api::SortDir;

    #[test]
    fn clicking_a_header_sorts_then_flips() {
        let query = ClientQuery {
            page: 4,
            ..Default::default()
        };
        let by_code = sorted_by(&query, ClientSort::Code);
        assert_eq!(
            (by_code.sort, by_code.dir, by_code.page),
            (ClientSort::Code, SortDir::Asc, 1)
        );
        let flipped = sorted_by(&by_code, ClientSort::Code);
        assert_eq!(flipped.dir, SortDir::Desc);
        assert_eq!(sorted_by(&flipped, ClientSort::Code).dir, SortDir::Asc);
    }
}

//! All sites across clients: search, zone filter, sortable columns, paging.

use crate::components::{input_value, select_value, Empty, Pager, Spinner};
use crate::forms::{next_dir, sort_arrow};
use crate::i18n::T;
use crate::ipc::call;
use crate::lists::{refine, use_list};
use crate::route::{ClientTab, Route};
use crate::state::{navigate, use_app};
use parc_api::commands;
use parc_api::sites::{SiteQuery, SiteSort, ZoneRow};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SitesListProps {
    pub query: SiteQuery,
}

#[function_component(SitesList)]
pub fn sites_list(props: &SitesListProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let zones = use_state(Vec::<ZoneRow>::new);
    {
        let zones = zones.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::ListZones>(&()).await {
                    zones.set(found);
                }
            });
        });
    }
    let page = use_list::<commands::ListSites, _>(props.query.clone());
    let query = props.query.clone();
    let go = move |next: SiteQuery| navigate(&Route::Sites(next));
    let on_search = refine(&query, Route::Sites, |q, e: InputEvent| {
        q.search = input_value(&e);
        q.page = 1;
    });
    let on_zone = refine(&query, Route::Sites, |q, e: Event| {
        q.zone_id = select_value(&e).parse().ok();
        q.page = 1;
    });
    let on_page = refine(&query, Route::Sites, |q, n: u64| q.page = n);
    let header = |sort: SiteSort, label: T| {
        let next = SiteQuery {
            sort,
            dir: next_dir(query.sort, query.dir, sort),
            page: 1,
            ..query.clone()
        };
        let arrow = sort_arrow(query.sort, query.dir, sort);
        let onclick = Callback::from(move |_| go(next.clone()));
        html! { <th class="sortable" {onclick}>{ label.text(lang) }{ arrow }</th> }
    };
    let body = match &*page {
        None => html! { <Spinner /> },
        Some(Err(message)) => html! { <div class="card error">{ message.clone() }</div> },
        Some(Ok(found)) if found.items.is_empty() => {
            html! { <Empty text={T::NoSites.text(lang)} /> }
        }
        Some(Ok(found)) => html! {
            <>
                <table class="list" id="all-sites-table">
                    <thead><tr>{ header(SiteSort::Name, T::Name) }{ header(SiteSort::Client, T::Client) }<th>{ T::Address.text(lang) }</th>{ header(SiteSort::Zone, T::Zone) }</tr></thead>
                    <tbody>
                        { for found.items.iter().map(|s| {
                            let route = Route::Client { id: s.client_id, tab: ClientTab::Sites };
                            let onclick = Callback::from(move |_| navigate(&route));
                            html! {
                                <tr key={s.id} class="clickable" {onclick}>
                                    <td class="strong">{ s.name.clone() }</td>
                                    <td>{ s.client_name.clone() }</td>
                                    <td class="muted">{ s.address.clone() }</td>
                                    <td>{ s.zone_name.clone().unwrap_or_default() }</td>
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
            <div class="page-head"><h1>{ T::SitesTitle.text(lang) }</h1></div>
            <div class="filters">
                <input id="sites-search" type="search" placeholder={T::Search.text(lang)} value={query.search.clone()} oninput={on_search} />
                <select id="sites-zone" onchange={on_zone}>
                    <option value="" selected={query.zone_id.is_none()}>{ T::AnyZone.text(lang) }</option>
                    { for zones.iter().map(|z| html! { <option value={z.id.to_string()} selected={query.zone_id == Some(z.id)}>{ z.name.clone() }</option> }) }
                </select>
            </div>
            { body }
        </section>
    }
}

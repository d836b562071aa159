//! All sites across clients: search, zone filter, sortable columns, paging.

use crate::components::{input_value, select_value, Empty, Pager, Spinner};
use crate::forms::{next_dir, sort_arrow};
use crate::i18n::T;
use crate::ipc::{invoke, invoke_with, NoArgs};
use crate::route::{ClientTab, Route};
use crate::state::{navigate, use_app};
use parc_api::sites::{SiteQuery, SiteRow, SiteSort, ZoneRow};
use parc_api::{commands, Page};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SitesListProps {
    pub query: SiteQuery,
}

#[function_component(SitesList)]
pub fn sites_list(props: &SitesListProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let page = use_state(|| None::<Page<SiteRow>>);
    let zones = use_state(Vec::<ZoneRow>::new);
    {
        let zones = zones.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = invoke::<_, Vec<ZoneRow>>(commands::LIST_ZONES, &NoArgs {}).await
                {
                    zones.set(found);
                }
            });
        });
    }
    {
        let page = page.clone();
        use_effect_with(props.query.clone(), move |query| {
            let query = query.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) =
                    invoke_with::<_, Page<SiteRow>>(commands::LIST_SITES, "query", &query).await
                {
                    page.set(Some(found));
                }
            });
        });
    }
    let query = props.query.clone();
    let go = move |next: SiteQuery| navigate(&Route::Sites(next));
    let on_search = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            go(SiteQuery {
                search: input_value(&e),
                page: 1,
                ..query.clone()
            })
        })
    };
    let on_zone = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            go(SiteQuery {
                zone_id: select_value(&e).parse().ok(),
                page: 1,
                ..query.clone()
            })
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |n: u64| {
            go(SiteQuery {
                page: n,
                ..query.clone()
            })
        })
    };
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
        Some(found) if found.items.is_empty() => html! { <Empty text={T::NoSites.text(lang)} /> },
        Some(found) => html! {
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

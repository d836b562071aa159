//! What every list screen shares: fetching one page of results whenever the
//! query in the route changes, and callbacks that refine that query by
//! navigating (so the filters stay in the route).

use crate::ipc::call;
use crate::route::Route;
use crate::state::navigate;
use parc_api::commands::Command;
use parc_api::Page;
use yew::prelude::*;

/// `None` while loading, then the page or the backend's message.
pub type ListState<R> = UseStateHandle<Option<Result<Page<R>, String>>>;

/// Fetches one page through list command `C` for each new query. Only the
/// answer to the latest query is shown: typing "acme" asks four times, and
/// an earlier answer arriving last must not replace it.
#[hook]
pub fn use_list<C, R>(query: C::Input) -> ListState<R>
where
    C: Command<Output = Page<R>>,
    C::Input: Clone + PartialEq,
    R: 'static,
{
    let state: ListState<R> = use_state(|| None);
    let latest = use_mut_ref(|| 0u64);
    let lang = crate::state::use_app().lang;
    {
        let state = state.clone();
        use_effect_with(query, move |query| {
            let query = query.clone();
            let asked = {
                let mut counter = latest.borrow_mut();
                *counter += 1;
                *counter
            };
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<C>(&query).await;
                if *latest.borrow() == asked {
                    state.set(Some(
                        found.map_err(|error| crate::state::error_text(&error, lang)),
                    ));
                }
            });
        });
    }
    state
}

/// The query of a list shown alone (kept in the route, so going back
/// restores it) or inside another page (kept in the component), and how to
/// change it.
#[hook]
pub fn use_list_query<Q>(from_route: &Q, embedded: bool, route: fn(Q) -> Route) -> (Q, Callback<Q>)
where
    Q: Clone + 'static,
{
    let local = use_state(|| from_route.clone());
    let query = if embedded {
        (*local).clone()
    } else {
        from_route.clone()
    };
    let set = Callback::from(move |next: Q| {
        if embedded {
            local.set(next);
        } else {
            navigate(&route(next));
        }
    });
    (query, set)
}

/// A callback that changes the list's query with `change` and navigates there.
pub fn refine<Q, E>(
    query: &Q,
    route: fn(Q) -> Route,
    change: impl Fn(&mut Q, E) + 'static,
) -> Callback<E>
where
    Q: Clone + 'static,
    E: 'static,
{
    let query = query.clone();
    Callback::from(move |event: E| {
        let mut next = query.clone();
        change(&mut next, event);
        navigate(&route(next));
    })
}

/// What the equipment screens offer to choose from: the catalogue and the
/// first clients by name (the largest page a list query returns).
pub async fn equipment_choices() -> (
    parc_api::equipment::Catalogue,
    Vec<parc_api::clients::ClientRow>,
) {
    let catalogue = crate::ipc::call::<parc_api::commands::GetCatalogue>(&())
        .await
        .unwrap_or_default();
    (catalogue, first_clients().await)
}

/// The first clients by name (the largest page a list query returns), for
/// the screens that choose one in a list.
pub async fn first_clients() -> Vec<parc_api::clients::ClientRow> {
    let query = parc_api::clients::ClientQuery {
        page: 1,
        page_size: parc_api::page::MAX_PAGE_SIZE,
        ..Default::default()
    };
    crate::ipc::call::<parc_api::commands::ListClients>(&query)
        .await
        .map(|page| page.items)
        .unwrap_or_default()
}

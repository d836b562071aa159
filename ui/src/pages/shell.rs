//! The working shell: a sidebar of the sections that work, a top bar with the
//! global search (Ctrl+K) and the user menu, and the current screen.

use crate::components::input_value;
use crate::i18n::T;
use crate::ipc::call;
use crate::pages::{
    catalogue::CataloguePage, equipment::EquipmentList, equipment_detail::EquipmentDetailPage,
    equipment_form::EquipmentForm, equipment_import::EquipmentImport, parts::PartsPage,
};
use crate::pages::{
    client_detail::ClientDetail, client_form::ClientForm, clients::ClientsList, settings::Settings,
    sites::SitesList, users::Users, zones::Zones,
};
use crate::pages::{
    contract_detail::ContractDetailPage, contract_form::ContractForm, contracts::ContractsList,
    invoice_detail::InvoiceDetailPage, invoice_form::InvoiceForm, invoice_run::InvoiceRunPage,
    invoices::InvoicesList,
};
use crate::pages::{
    desk::TopBarTimer, intervention_detail::InterventionDetailPage,
    intervention_form::InterventionForm, planning::PlanningPage, technicians::TechniciansPage,
    ticket_detail::TicketDetailPage, ticket_form::TicketForm, tickets::TicketsList,
};
use crate::route::{ClientTab, EquipmentTab, EquipmentView, Route};
use crate::state::{navigate, session_of, use_app, Action};
use parc_api::auth::Role;
use parc_api::clients::{ClientQuery, SearchHit, SearchKind};
use parc_api::commands;
use parc_api::contracts::ContractQuery;
use parc_api::invoices::InvoiceQuery;
use parc_api::sites::SiteQuery;
use parc_api::tickets::TicketQuery;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[function_component(Shell)]
pub fn shell() -> Html {
    let app = use_app();
    let lang = app.lang;
    let Some(session) = session_of(&app).cloned() else {
        return html! {};
    };
    let search_ref = use_node_ref();

    {
        // Deactivated while signed in: back to the login screen, told why.
        let app = app.clone();
        use_effect_with((), move |_| {
            let subscription =
                crate::ipc::listen(parc_api::auth::SIGNED_OUT_EVENT, move |_payload| {
                    let text = T::SignedOutDeactivated.text(app.lang).to_owned();
                    app.dispatch(Action::LoggedOut);
                    app.dispatch(Action::Toast(crate::state::ToastKind::Warning, text));
                });
            move || drop(subscription)
        });
    }

    {
        // Ctrl+K (or Cmd+K) focuses the global search from anywhere.
        let search_ref = search_ref.clone();
        use_effect_with((), move |_| {
            let listener =
                Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                    if (e.ctrl_key() || e.meta_key()) && e.key().eq_ignore_ascii_case("k") {
                        e.prevent_default();
                        if let Some(input) = search_ref.cast::<HtmlInputElement>() {
                            let _ = input.focus();
                            input.select();
                        }
                    }
                });
            let document = web_sys::window().and_then(|w| w.document());
            if let Some(document) = &document {
                let _ = document
                    .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(document) = document {
                    let _ = document.remove_event_listener_with_callback(
                        "keydown",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    let logout = {
        let app = app.clone();
        Callback::from(move |_| {
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = call::<commands::Logout>(&()).await;
                app.dispatch(Action::LoggedOut);
            });
        })
    };

    if session.second_factor_due {
        // The company requires a second factor of this manager, who has
        // none yet: nothing else until it is set up (the door refuses the
        // rest anyway).
        return html! {
            <div class="center-screen">
                <div class="enrolment-due" id="enrolment-due">
                    <crate::pages::second_factor::OwnSecondFactor />
                    <div class="actions">
                        <span class="user-name" id="user-name">{ session.name.clone() }</span>
                        <button class="ghost" id="logout" onclick={logout}>{ T::Logout.text(lang) }</button>
                    </div>
                </div>
            </div>
        };
    }
    let section = |route: Route, label: T, id: &'static str, active: bool| {
        let onclick = Callback::from(move |_| navigate(&route));
        html! { <li><a id={id} class={classes!(active.then_some("active"))} {onclick}>{ label.text(lang) }</a></li> }
    };
    let current = &app.route;
    let in_clients = matches!(
        current,
        Route::Clients(_) | Route::NewClient | Route::Client { .. } | Route::EditClient { .. }
    );
    let page = match current.clone() {
        Route::Clients(query) => html! { <ClientsList {query} /> },
        Route::NewClient => html! { <ClientForm id={None::<i64>} /> },
        Route::EditClient { id } => html! { <ClientForm id={Some(id)} /> },
        Route::Client { id, tab } => html! { <ClientDetail {id} {tab} /> },
        Route::Sites(query) => html! { <SitesList {query} /> },
        Route::Equipment(view) => html! { <EquipmentList {view} /> },
        Route::NewEquipment { client_id } => {
            html! { <EquipmentForm id={None::<i64>} {client_id} /> }
        }
        Route::EditEquipment { id } => html! { <EquipmentForm id={Some(id)} /> },
        Route::EquipmentItem { id, tab } => html! { <EquipmentDetailPage {id} {tab} /> },
        Route::Catalogue => html! { <CataloguePage /> },
        Route::ImportEquipment => html! { <EquipmentImport /> },
        Route::Parts => html! { <PartsPage /> },
        Route::Contracts(query) => html! { <ContractsList {query} /> },
        Route::NewContract { client_id } => html! { <ContractForm id={None::<i64>} {client_id} /> },
        Route::EditContract { id } => html! { <ContractForm id={Some(id)} /> },
        Route::Contract { id } => html! { <ContractDetailPage {id} /> },
        Route::Licences(query) => html! { <crate::pages::licences::LicencesList {query} /> },
        Route::NewLicence { client_id } => {
            html! { <crate::pages::licence_form::LicenceForm {client_id} /> }
        }
        Route::EditLicence { id } => {
            html! { <crate::pages::licence_form::LicenceForm id={Some(id)} /> }
        }
        Route::Licence { id } => {
            html! { <crate::pages::licence_detail::LicenceDetailPage key={id} {id} /> }
        }
        Route::Software => html! { <crate::pages::software::SoftwareCatalogue /> },
        Route::SoftwareItem { id } => {
            html! { <crate::pages::software::SoftwareDetailPage key={id} {id} /> }
        }
        Route::ImportInstallations => html! {
            <crate::pages::equipment_import::CsvImport
                kind={crate::pages::equipment_import::ImportKind::Installations}
                title={T::ImportInstallationsTitle}
                help={T::ImportInstallationsHelp}
                columns="hostname, serial, client, software, publisher, version, installed_on"
                back_label={T::SoftwareTitle}
                back={Route::Software}
            />
        },
        Route::Contact { client_id, id } => {
            html! { <crate::pages::software::ContactPage key={id} {client_id} {id} /> }
        }
        Route::Invoices(query) => html! { <InvoicesList {query} /> },
        Route::NewInvoice { client_id } => html! { <InvoiceForm id={None::<i64>} {client_id} /> },
        Route::EditInvoice { id } => html! { <InvoiceForm id={Some(id)} /> },
        Route::Invoice { id } => html! { <InvoiceDetailPage {id} /> },
        Route::InvoiceRun => html! { <InvoiceRunPage /> },
        Route::Tickets(query) => html! { <TicketsList {query} /> },
        Route::NewTicket { client_id } => html! { <TicketForm {client_id} /> },
        Route::Ticket { id } => html! { <TicketDetailPage key={id} {id} /> },
        Route::NewIntervention {
            ticket_id,
            client_id,
        } => html! { <InterventionForm id={None::<i64>} {ticket_id} {client_id} /> },
        Route::Intervention { id } => html! { <InterventionDetailPage key={id} {id} /> },
        Route::EditIntervention { id } => html! { <InterventionForm id={Some(id)} /> },
        Route::Planning { week } => html! { <PlanningPage {week} /> },
        Route::Technicians => html! { <TechniciansPage /> },
        Route::Zones => html! { <Zones /> },
        Route::Users => html! { <Users /> },
        Route::Settings => html! { <Settings /> },
        Route::Alerts(query) => html! { <crate::pages::alerts::AlertCentre {query} /> },
        Route::Dashboard => html! { <crate::pages::dashboard::ManagerDashboardPage /> },
        Route::MyDay => html! { <crate::pages::dashboard::MyDayPage /> },
        Route::Statistics(query) => {
            html! { <crate::pages::statistics::StatisticsPage {query} /> }
        }
    };
    let role = match session.role {
        Role::Manager => T::RoleManager,
        Role::Technician => T::RoleTechnician,
    };
    html! {
        <div class="shell">
            <nav class="sidebar">
                <div class="brand">{ app.company_name.clone().unwrap_or_else(|| "Parc".into()) }</div>
                <ul>
                    if session.permissions.read_statistics {
                        { section(Route::Dashboard, T::Dashboard, "nav-dashboard", matches!(current, Route::Dashboard | Route::Statistics(_))) }
                    }
                    { section(Route::MyDay, T::MyDay, "nav-my-day", *current == Route::MyDay) }
                    <crate::pages::alerts::AlertsNavItem active={matches!(current, Route::Alerts(_))} />
                    { section(Route::Tickets(TicketQuery::default()), T::NavTickets, "nav-tickets", matches!(current, Route::Tickets(_) | Route::NewTicket { .. } | Route::Ticket { .. })) }
                    { section(Route::Planning { week: None }, T::NavPlanning, "nav-planning", matches!(current, Route::Planning { .. } | Route::NewIntervention { .. } | Route::Intervention { .. } | Route::EditIntervention { .. })) }
                    { section(Route::Clients(ClientQuery::default()), T::NavClients, "nav-clients", in_clients) }
                    { section(Route::Sites(SiteQuery::default()), T::NavSites, "nav-sites", matches!(current, Route::Sites(_))) }
                    { section(Route::Equipment(EquipmentView::default()), T::NavEquipment, "nav-equipment", matches!(current, Route::Equipment(_) | Route::NewEquipment { .. } | Route::EquipmentItem { .. } | Route::EditEquipment { .. } | Route::ImportEquipment)) }
                    { section(Route::Contracts(ContractQuery::default()), T::NavContracts, "nav-contracts", matches!(current, Route::Contracts(_) | Route::NewContract { .. } | Route::Contract { .. } | Route::EditContract { .. })) }
                    { section(Route::Licences(parc_api::licences::LicenceQuery::default()), T::NavLicences, "nav-licences", matches!(current, Route::Licences(_) | Route::NewLicence { .. } | Route::Licence { .. } | Route::EditLicence { .. } | Route::Software | Route::SoftwareItem { .. } | Route::ImportInstallations)) }
                    if session.permissions.read_invoices {
                        { section(Route::Invoices(InvoiceQuery::default()), T::NavInvoices, "nav-invoices", matches!(current, Route::Invoices(_) | Route::NewInvoice { .. } | Route::Invoice { .. } | Route::EditInvoice { .. } | Route::InvoiceRun)) }
                    }
                    { section(Route::Parts, T::NavParts, "nav-parts", *current == Route::Parts) }
                    { section(Route::Catalogue, T::NavCatalogue, "nav-catalogue", *current == Route::Catalogue) }
                    { section(Route::Technicians, T::NavTechnicians, "nav-technicians", *current == Route::Technicians) }
                    { section(Route::Zones, T::NavZones, "nav-zones", *current == Route::Zones) }
                    if session.permissions.manage_users {
                        { section(Route::Users, T::NavUsers, "nav-users", *current == Route::Users) }
                    }
                    { section(Route::Settings, T::NavSettings, "nav-settings", *current == Route::Settings) }
                </ul>
            </nav>
            <header class="topbar">
                <GlobalSearch input_ref={search_ref} />
                <TopBarTimer />
                <crate::theme::ThemeSwitch />
                <div class="user-menu">
                    <span class="user-name" id="user-name">{ session.name.clone() }</span>
                    <span class="muted">{ role.text(lang) }</span>
                    <LanguageSwitch />
                    <button class="ghost small" id="user-second-factor" title={T::SecondFactorTitle.text(lang)} onclick={Callback::from(|_: MouseEvent| navigate(&Route::Settings))}>{ T::SecondFactorShort.text(lang) }</button>
                    <button class="ghost" id="logout" onclick={logout}>{ T::Logout.text(lang) }</button>
                </div>
            </header>
            <main class="content">{ page }</main>
        </div>
    }
}

/// The user menu's switch to the other language: the signed-in user's own
/// screens only (anyone may), never the documents'.
#[function_component(LanguageSwitch)]
fn language_switch() -> Html {
    let app = use_app();
    let other = match app.lang {
        parc_api::auth::Language::Fr => parc_api::auth::Language::En,
        parc_api::auth::Language::En => parc_api::auth::Language::Fr,
    };
    let onclick = {
        let app = app.clone();
        Callback::from(move |_| {
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SetLanguage>(&other).await {
                    Ok(()) => app.dispatch(Action::SetLang(other)),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        })
    };
    html! {
        <button class="ghost small" id="user-lang" lang={other.code()} {onclick}>{ T::SwitchLanguage.text(app.lang) }</button>
    }
}

/// Where a search hit leads, and what kind of record it is.
fn hit_target(hit: &SearchHit) -> (Route, T) {
    match hit.kind {
        SearchKind::Client => (
            Route::Client {
                id: hit.id,
                tab: ClientTab::Overview,
            },
            T::Client,
        ),
        SearchKind::Contact => (
            Route::Client {
                id: hit.client_id,
                tab: ClientTab::Contacts,
            },
            T::TabContacts,
        ),
        SearchKind::Site => (
            Route::Client {
                id: hit.client_id,
                tab: ClientTab::Sites,
            },
            T::TabSites,
        ),
        SearchKind::Equipment => (
            Route::EquipmentItem {
                id: hit.id,
                tab: EquipmentTab::Overview,
            },
            T::TabEquipment,
        ),
    }
}

#[derive(Properties, PartialEq)]
struct GlobalSearchProps {
    input_ref: NodeRef,
}

/// The search box of the top bar, with its drop-down of hits.
#[function_component(GlobalSearch)]
fn global_search(props: &GlobalSearchProps) -> Html {
    let lang = crate::state::use_lang();
    let text = use_state(String::new);
    let hits = use_state(Vec::<SearchHit>::new);
    // Answers can arrive out of order: only the one for the latest keystroke is shown.
    let latest = use_mut_ref(|| 0u64);
    let oninput = {
        let (text, hits) = (text.clone(), hits.clone());
        Callback::from(move |e: InputEvent| {
            let value = input_value(&e);
            text.set(value.clone());
            let asked = {
                let mut latest = latest.borrow_mut();
                *latest += 1;
                *latest
            };
            let (hits, latest) = (hits.clone(), latest.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::GlobalSearch>(&value).await;
                if *latest.borrow() == asked {
                    hits.set(found.unwrap_or_default());
                }
            });
        })
    };
    let clear = {
        let (text, hits) = (text.clone(), hits.clone());
        move || {
            text.set(String::new());
            hits.set(Vec::new());
        }
    };
    let items = hits.iter().map(|hit| {
        let (route, kind) = hit_target(hit);
        let clear = clear.clone();
        let onclick = Callback::from(move |_| {
            clear();
            navigate(&route);
        });
        html! {
            <li class="hit" {onclick}>
                <span class="kind">{ kind.text(lang) }</span>
                <span class="label">{ hit.label.clone() }</span>
                <span class="muted">{ hit.detail.clone() }</span>
            </li>
        }
    });
    // Enter opens the best hit: what a USB scanner does after typing the
    // reference of a QR label. The search is run again for the exact text,
    // since the answer to the last keystroke may not be in yet.
    let onkeydown = {
        let (text, clear) = (text.clone(), clear.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Enter" {
                return;
            }
            e.prevent_default();
            let value = (*text).clone();
            let clear = clear.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::GlobalSearch>(&value).await;
                let best = found.ok().and_then(|hits| {
                    hits.iter()
                        .find(|h| {
                            h.detail.split(" · ").next()
                                == Some(value.trim().to_uppercase().as_str())
                        })
                        .or(hits.first())
                        .cloned()
                });
                if let Some(hit) = best {
                    clear();
                    navigate(&hit_target(&hit).0);
                }
            });
        })
    };
    let open = !text.is_empty();
    html! {
        <div class="global-search">
            <input id="global-search" ref={props.input_ref.clone()} type="search" placeholder={T::SearchPlaceholder.text(lang)} value={(*text).clone()} {oninput} {onkeydown} />
            if open {
                <ul class="hits">
                    { for items }
                    if hits.is_empty() { <li class="muted">{ T::NoResults.text(lang) }</li> }
                </ul>
            }
        </div>
    }
}

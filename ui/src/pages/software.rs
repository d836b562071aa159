//! The software catalogue (search, add), one software's page (versions,
//! installations, licences), the installations of one equipment (add by
//! hand, remove), and a contact's page (their licences and the software on
//! the equipment they use).

use crate::components::{input_value, select_value, Empty, Field, Pager, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::pages::licences::LicencesList;
use crate::route::{ClientTab, EquipmentTab, Route};
use crate::state::{error_text, navigate, session_of, use_app, Action, FormErrors, ToastKind};
use parc_api::clients::ClientDetail;
use parc_api::commands;
use parc_api::licences::{
    InstallationInput, InstallationQuery, InstallationRow, LicenceQuery, SoftwareDetail,
    SoftwareInput, SoftwareQuery, SoftwareRow,
};
use parc_api::Page;
use yew::prelude::*;

type Loaded<T> = UseStateHandle<Option<Result<T, String>>>;

#[function_component(SoftwareCatalogue)]
pub fn software_catalogue() -> Html {
    let app = use_app();
    let lang = app.lang;
    let can_write = session_of(&app).is_some_and(|s| s.permissions.write_catalogue);
    let query = use_state(|| SoftwareQuery {
        page: 1,
        ..Default::default()
    });
    let page: Loaded<Page<SoftwareRow>> = use_state(|| None);
    let version = use_state(|| 0u32);
    let form = use_state(SoftwareInput::default);
    let errors = use_state(FormErrors::default);
    {
        let page = page.clone();
        use_effect_with(((*query).clone(), *version), move |(query, _)| {
            let query = query.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::ListSoftware>(&query).await;
                page.set(Some(found.map_err(|e| crate::state::error_text(&e, lang))));
            });
        });
    }
    let add = {
        let (form, errors, app, version) =
            (form.clone(), errors.clone(), app.clone(), version.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (form, errors, app, version) =
                (form.clone(), errors.clone(), app.clone(), version.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::CreateSoftware>(&*form).await {
                    Ok(_) => {
                        form.set(SoftwareInput::default());
                        errors.set(FormErrors::default());
                        version.set(*version + 1);
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let edit = |apply: fn(&mut SoftwareInput, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            let mut next = (*form).clone();
            apply(&mut next, value);
            form.set(next);
        })
    };
    let on_search = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            query.set(SoftwareQuery {
                search: input_value(&e),
                page: 1,
                ..(*query).clone()
            })
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |n: u64| {
            query.set(SoftwareQuery {
                page: n,
                ..(*query).clone()
            })
        })
    };
    let body = match &*page {
        None => html! { <Spinner /> },
        Some(Err(message)) => html! { <div class="card error">{ message.clone() }</div> },
        Some(Ok(found)) if found.items.is_empty() => {
            html! { <Empty text={T::NoSoftware.text(lang)} /> }
        }
        Some(Ok(found)) => html! {
            <>
                <table class="list" id="software-table">
                    <thead><tr><th>{ T::Name.text(lang) }</th><th>{ T::Publisher.text(lang) }</th><th>{ T::Category.text(lang) }</th><th class="right">{ T::Installations.text(lang) }</th><th class="right">{ T::LicencesTitle.text(lang) }</th></tr></thead>
                    <tbody>
                        { for found.items.iter().map(|s| {
                            let id = s.id;
                            let onclick = Callback::from(move |_| navigate(&Route::SoftwareItem { id }));
                            html! { <tr class="clickable" {onclick} data-name={s.name.clone()}><td class="strong">{ s.name.clone() }</td><td>{ s.publisher.clone() }</td><td>{ s.category.clone() }</td><td class="right">{ s.installations }</td><td class="right">{ s.licences }</td></tr> }
                        }) }
                    </tbody>
                </table>
                <Pager page={found.page} page_count={found.page_count()} total={found.total} {on_page} />
            </>
        },
    };
    let f = (*form).clone();
    html! {
        <section>
            <div class="page-head">
                <h1>{ T::SoftwareTitle.text(lang) }</h1>
                <div class="actions">
                    <button class="ghost" onclick={Callback::from(|_| navigate(&Route::Licences(LicenceQuery::default())))}>{ T::LicencesTitle.text(lang) }</button>
                    if session_of(&app).is_some_and(|s| s.permissions.write_equipment) {
                        <button class="ghost" id="import-installations" onclick={Callback::from(|_| navigate(&Route::ImportInstallations))}>{ T::ImportInstallations.text(lang) }</button>
                    }
                </div>
            </div>
            <div class="filters"><input id="software-search" type="search" placeholder={T::Search.text(lang)} value={query.search.clone()} oninput={on_search} /></div>
            { body }
            if can_write {
                <form class="card form" id="software-form" onsubmit={add}>
                    <h2>{ T::NewSoftware.text(lang) }</h2>
                    <div class="row">
                        <Field label={T::Name.text(lang)} name="name" value={f.name.clone()} error={errors.field("name")} oninput={edit(|f, v| f.name = v)} />
                        <Field label={T::Publisher.text(lang)} name="publisher" value={f.publisher.clone()} error={errors.field("publisher")} oninput={edit(|f, v| f.publisher = v)} />
                        <Field label={T::Category.text(lang)} name="category" value={f.category.clone()} error={errors.field("category")} oninput={edit(|f, v| f.category = v)} />
                    </div>
                    <div class="actions"><button type="submit" id="software-save">{ T::Add.text(lang) }</button></div>
                </form>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct SoftwarePickerProps {
    /// The software chosen (0: none).
    pub selected: i64,
    /// Its name, when it was chosen before this picker's first search.
    #[prop_or_default]
    pub selected_name: Option<AttrValue>,
    pub on_change: Callback<i64>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

/// Choosing a software in a catalogue of any size: a search box narrowing
/// the choices, found by the database (the first 50 matches), the chosen
/// one kept in the list whatever is typed.
#[function_component(SoftwarePicker)]
pub fn software_picker(props: &SoftwarePickerProps) -> Html {
    let lang = use_app().lang;
    let search = use_state(String::new);
    let found = use_state(Vec::<SoftwareRow>::new);
    let chosen = use_state(|| None::<(i64, String)>);
    {
        let found = found.clone();
        // Each keystroke asks again; an answer to a search already typed
        // over is dropped, so a slow early answer never replaces a later one.
        use_effect_with((*search).clone(), move |search| {
            let query = SoftwareQuery {
                search: search.clone(),
                page: 1,
                page_size: 50,
            };
            let current = std::rc::Rc::new(std::cell::Cell::new(true));
            let still_current = current.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(page) = call::<commands::ListSoftware>(&query).await {
                    if still_current.get() {
                        found.set(page.items);
                    }
                }
            });
            move || current.set(false)
        });
    }
    let label = |s: &SoftwareRow| {
        if s.publisher.is_empty() {
            s.name.clone()
        } else {
            format!("{} ({})", s.name, s.publisher)
        }
    };
    // The chosen software stays a choice even when the search hides it.
    let kept = if props.selected == 0 || found.iter().any(|s| s.id == props.selected) {
        None
    } else {
        chosen
            .as_ref()
            .filter(|(id, _)| *id == props.selected)
            .map(|(_, name)| name.clone())
            .or_else(|| props.selected_name.as_ref().map(|n| n.to_string()))
    };
    let on_select = {
        let (on_change, found, chosen) = (props.on_change.clone(), found.clone(), chosen.clone());
        Callback::from(move |e: Event| {
            let id: i64 = select_value(&e).parse().unwrap_or_default();
            if let Some(row) = found.iter().find(|s| s.id == id) {
                chosen.set(Some((id, label(row))));
            }
            on_change.emit(id);
        })
    };
    let on_search = {
        let search = search.clone();
        Callback::from(move |e: InputEvent| search.set(input_value(&e)))
    };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for="field-software_id">{ T::Software.text(lang) }</label>
            <input id="software-pick-search" type="search" placeholder={T::SearchSoftware.text(lang)} value={(*search).clone()} oninput={on_search} />
            <select id="field-software_id" onchange={on_select}>
                <option value="" selected={props.selected == 0}>{ "—" }</option>
                if let Some(name) = kept { <option value={props.selected.to_string()} selected=true>{ name }</option> }
                { for found.iter().map(|s| html! { <option value={s.id.to_string()} selected={props.selected == s.id}>{ label(s) }</option> }) }
            </select>
            if let Some(error) = &props.error { <small class="error" data-error-for="software_id">{ error.clone() }</small> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct IdProps {
    pub id: i64,
}

#[function_component(SoftwareDetailPage)]
pub fn software_detail(props: &IdProps) -> Html {
    let lang = use_app().lang;
    let detail: Loaded<SoftwareDetail> = use_state(|| None);
    {
        let detail = detail.clone();
        use_effect_with(props.id, move |id| {
            let id = *id;
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::GetSoftware>(&id).await;
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
    html! {
        <section>
            <div class="page-head"><h1 id="software-name">{ d.row.name.clone() }<span class="muted">{ format!(" — {}", d.row.publisher) }</span></h1></div>
            <div class="card">
                <dl class="facts">
                    <dt>{ T::Category.text(lang) }</dt><dd>{ d.row.category.clone() }</dd>
                    <dt>{ T::Versions.text(lang) }</dt>
                    <dd id="software-versions">{ d.versions.iter().map(|v| format!("{} ({})", v.version, v.installations)).collect::<Vec<_>>().join(" · ") }</dd>
                    <dt>{ T::Notes.text(lang) }</dt><dd class="pre">{ d.notes.clone() }</dd>
                </dl>
            </div>
            <h2>{ T::LicencesTitle.text(lang) }</h2>
            <LicencesList key={format!("software-{id}")} query={LicenceQuery { software_id: Some(id), page: 1, ..Default::default() }} embedded=true />
            <h2>{ T::Installations.text(lang) }</h2>
            <InstallationsTable query={InstallationQuery { software_id: Some(id), page: 1, ..Default::default() }} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct InstallationsTableProps {
    pub query: InstallationQuery,
    /// Reloads when it changes.
    #[prop_or_default]
    pub version: u32,
    #[prop_or_default]
    pub on_remove: Option<Callback<i64>>,
}

/// A paged table of installations, each opening its equipment.
#[function_component(InstallationsTable)]
pub fn installations_table(props: &InstallationsTableProps) -> Html {
    let lang = use_app().lang;
    let page_number = use_state(|| 1u64);
    let page: Loaded<Page<InstallationRow>> = use_state(|| None);
    {
        let page = page.clone();
        let query = InstallationQuery {
            page: *page_number,
            ..props.query.clone()
        };
        use_effect_with((query, props.version), move |(query, _)| {
            let query = query.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::ListInstallations>(&query).await;
                page.set(Some(found.map_err(|e| crate::state::error_text(&e, lang))));
            });
        });
    }
    let on_page = {
        let page_number = page_number.clone();
        Callback::from(move |n: u64| page_number.set(n))
    };
    // On an equipment's own page, the equipment columns would repeat it.
    let show_machine = props.query.equipment_id.is_none();
    match &*page {
        None => html! { <Spinner /> },
        Some(Err(message)) => html! { <div class="card error">{ message.clone() }</div> },
        Some(Ok(found)) if found.items.is_empty() => {
            html! { <Empty text={T::NoInstallations.text(lang)} /> }
        }
        Some(Ok(found)) => html! {
            <>
                <table class="list dense" id="installations-table">
                    <thead><tr>if show_machine { <th>{ T::Reference.text(lang) }</th><th>{ T::Name.text(lang) }</th><th>{ T::Client.text(lang) }</th> }<th>{ T::Software.text(lang) }</th><th>{ T::Version.text(lang) }</th><th>{ T::InstalledOn.text(lang) }</th><th>{ T::Source.text(lang) }</th><th></th></tr></thead>
                    <tbody>
                        { for found.items.iter().map(|i| {
                            let machine = i.equipment_id;
                            let open = Callback::from(move |_| navigate(&Route::EquipmentItem { id: machine, tab: EquipmentTab::Software }));
                            let remove = props.on_remove.clone().map(|cb| { let id = i.id; Callback::from(move |_: MouseEvent| cb.emit(id)) });
                            html! {
                                <tr data-software={i.software_name.clone()}>
                                    if show_machine {
                                        <td class="mono"><a onclick={open}>{ i.equipment_reference.clone() }</a></td>
                                        <td>{ i.equipment_name.clone() }</td>
                                        <td>{ i.client_name.clone() }</td>
                                    }
                                    <td class="strong">{ i.software_name.clone() }</td>
                                    <td>{ i.version.clone() }</td>
                                    <td>{ i.installed_on.map(|d| lang.date(d)).unwrap_or_default() }</td>
                                    <td class="muted">{ i.source.clone() }</td>
                                    <td class="right">if let Some(remove) = remove { <button class="ghost small remove-installation" onclick={remove}>{ T::Remove.text(lang) }</button> }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <Pager page={found.page} page_count={found.page_count()} total={found.total} {on_page} />
            </>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct EquipmentSoftwareProps {
    pub equipment_id: i64,
}

/// An equipment's Software tab: what is installed (add, remove) and the
/// licences with a seat on it.
#[function_component(EquipmentSoftware)]
pub fn equipment_software(props: &EquipmentSoftwareProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let can_write = session_of(&app).is_some_and(|s| s.permissions.write_equipment);
    let version = use_state(|| 0u32);
    let form = use_state(|| InstallationInput {
        equipment_id: props.equipment_id,
        ..Default::default()
    });
    let errors = use_state(FormErrors::default);
    let add = {
        let (form, errors, app, version, equipment_id) = (
            form.clone(),
            errors.clone(),
            app.clone(),
            version.clone(),
            props.equipment_id,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = InstallationInput {
                equipment_id,
                ..(*form).clone()
            };
            let (form, errors, app, version) =
                (form.clone(), errors.clone(), app.clone(), version.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::AddInstallation>(&input).await {
                    Ok(_) => {
                        form.set(InstallationInput {
                            equipment_id,
                            ..Default::default()
                        });
                        errors.set(FormErrors::default());
                        version.set(*version + 1);
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let remove = {
        let (app, version) = (app.clone(), version.clone());
        Callback::from(move |id: i64| {
            let (app, version) = (app.clone(), version.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::RemoveInstallation>(&id).await {
                    Ok(()) => version.set(*version + 1),
                    Err(error) => app.dispatch(Action::Toast(
                        ToastKind::Error,
                        error_text(&error, app.lang),
                    )),
                }
            });
        })
    };
    let edit = |apply: fn(&mut InstallationInput, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            let mut next = (*form).clone();
            apply(&mut next, value);
            form.set(next);
        })
    };
    let f = (*form).clone();
    let id = props.equipment_id;
    html! {
        <>
            <InstallationsTable query={InstallationQuery { equipment_id: Some(id), page: 1, ..Default::default() }} version={*version} on_remove={can_write.then_some(remove)} />
            if can_write {
                <form class="card form" id="installation-form" onsubmit={add}>
                    <h3>{ T::AddInstallation.text(lang) }</h3>
                    <div class="row">
                        <SoftwarePicker selected={f.software_id} error={errors.field("software_id")} on_change={{ let form = form.clone(); Callback::from(move |id: i64| { let mut next = (*form).clone(); next.software_id = id; form.set(next); }) }} />
                        <Field label={T::Version.text(lang)} name="version" value={f.version.clone()} error={errors.field("version")} oninput={edit(|f, v| f.version = v)} />
                        <Field label={T::InstalledOn.text(lang)} name="installed_on" kind="date" value={f.installed_on.clone()} error={errors.field("installed_on")} oninput={edit(|f, v| f.installed_on = v)} />
                    </div>
                    <div class="actions"><button type="submit" id="installation-save">{ T::Add.text(lang) }</button></div>
                </form>
            }
            <h2>{ T::LicencesTitle.text(lang) }</h2>
            <LicencesList key={format!("equipment-{id}-{}", *version)} query={LicenceQuery { equipment_id: Some(id), page: 1, ..Default::default() }} embedded=true />
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ContactPageProps {
    pub client_id: i64,
    pub id: i64,
}

/// A contact's licences (the seats given to them) and the software on the
/// equipment they use.
#[function_component(ContactPage)]
pub fn contact_page(props: &ContactPageProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let manages_portal =
        crate::state::session_of(&app).is_some_and(|s| s.permissions.manage_portal);
    let client: Loaded<ClientDetail> = use_state(|| None);
    {
        let client = client.clone();
        use_effect_with(props.client_id, move |id| {
            let id = *id;
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::GetClient>(&id).await;
                client.set(Some(found.map_err(|e| crate::state::error_text(&e, lang))));
            });
        });
    }
    let c = match &*client {
        None => return html! { <Spinner /> },
        Some(Err(message)) => return html! { <div class="card error">{ message.clone() }</div> },
        Some(Ok(c)) => c.clone(),
    };
    let Some(person) = c.contacts.iter().find(|p| p.id == props.id).cloned() else {
        return html! { <div class="card error">{ T::NotFound.text(lang) }</div> };
    };
    let (client_id, id) = (props.client_id, props.id);
    let back = Callback::from(move |_| {
        navigate(&Route::Client {
            id: client_id,
            tab: ClientTab::Contacts,
        })
    });
    html! {
        <section>
            <div class="page-head">
                <h1 id="contact-name">{ person.name.clone() }<span class="muted">{ format!(" — {}", c.input.name) }</span></h1>
                <div class="actions"><button class="ghost" onclick={back}>{ c.input.name.clone() }</button></div>
            </div>
            <div class="card"><dl class="facts">
                <dt>{ T::JobTitle.text(lang) }</dt><dd>{ person.job_title.clone() }</dd>
                <dt>{ T::Email.text(lang) }</dt><dd>{ person.email.clone() }</dd>
                <dt>{ T::Phone.text(lang) }</dt><dd>{ person.phone.clone() }</dd>
            </dl></div>
            if manages_portal { <crate::pages::portal_settings::PortalAccessCard contact_id={id} /> }
            <h2>{ T::LicencesTitle.text(lang) }</h2>
            <LicencesList key={format!("contact-{id}")} query={LicenceQuery { contact_id: Some(id), client_id: Some(client_id), page: 1, ..Default::default() }} embedded=true />
            <h2>{ T::SoftwareOnTheirEquipment.text(lang) }</h2>
            <InstallationsTable query={InstallationQuery { contact_id: Some(id), page: 1, ..Default::default() }} />
        </section>
    }
}

//! A client's page: overview, contacts, sites and history in tabs; contacts
//! and sites are added in place, with the core's messages beside the fields.

use crate::components::{select_value, ConfirmButton, Empty, Field, LevelBadge, Spinner};
use crate::forms::{bind, bind_check, delete, set_archived, use_inline_form};
use crate::i18n::T;
use crate::ipc::call;
use crate::pages::history::RecordHistory;
use crate::route::{ClientTab, Route};
use crate::state::{navigate, session_of, use_app, Action};
use parc_api::clients::{ClientDetail as Detail, ContactInput, ContactRow};
use parc_api::commands;
use parc_api::sites::{SiteInput, SiteRow, ZoneRow};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ClientDetailProps {
    pub id: i64,
    pub tab: ClientTab,
}

fn tab_label(tab: ClientTab) -> T {
    match tab {
        ClientTab::Overview => T::TabOverview,
        ClientTab::Contacts => T::TabContacts,
        ClientTab::Sites => T::TabSites,
        ClientTab::Equipment => T::TabEquipment,
        ClientTab::Contracts => T::TabContracts,
        ClientTab::Invoices => T::TabInvoices,
        ClientTab::Tickets => T::NavTickets,
        ClientTab::Interventions => T::NavInterventions,
        ClientTab::Licences => T::NavLicences,
        ClientTab::History => T::TabHistory,
    }
}

#[function_component(ClientDetail)]
pub fn client_detail(props: &ClientDetailProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let detail = use_state(|| None::<Detail>);
    let reload = use_state(|| 0u32);
    {
        let (detail, app) = (detail.clone(), app.clone());
        use_effect_with((props.id, *reload), move |(id, _)| {
            let id = *id;
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::GetClient>(&id).await {
                    Ok(found) => detail.set(Some(found)),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        });
    }
    let Some(client) = (*detail).clone() else {
        return html! { <Spinner /> };
    };
    let can_write = session_of(&app).is_some_and(|s| s.permissions.write_clients);
    let refresh = {
        let reload = reload.clone();
        Callback::from(move |_: ()| reload.set(*reload + 1))
    };
    let id = props.id;
    let edit = Callback::from(move |_| navigate(&Route::EditClient { id }));
    let toggle_archive = {
        let detail = detail.clone();
        let done = Callback::from(move |found: Detail| detail.set(Some(found)));
        set_archived::<commands::SetClientArchived>(&app, id, !client.archived, done)
    };
    let remove =
        delete::<commands::DeleteClient>(&app, id, Callback::from(|_| navigate(&Route::default())));
    let read_invoices = session_of(&app).is_some_and(|s| s.permissions.read_invoices);
    let tabs = ClientTab::ALL
        .iter()
        .filter(|tab| **tab != ClientTab::Invoices || read_invoices)
        .map(|tab| {
        let route = Route::Client { id, tab: *tab };
        let onclick = Callback::from(move |_| navigate(&route));
        let count = match tab {
            ClientTab::Contacts => format!(" ({})", client.contacts.iter().filter(|c| !c.archived).count()),
            ClientTab::Sites => format!(" ({})", client.sites.iter().filter(|s| !s.archived).count()),
            _ => String::new(),
        };
        html! { <button id={format!("tab-{}", tab.code())} class={classes!("tab", (*tab == props.tab).then_some("active"))} {onclick}>{ tab_label(*tab).text(lang) }{ count }</button> }
    });
    let body = match props.tab {
        ClientTab::Overview => html! {
            <dl class="card facts">
                <dt>{ T::Code.text(lang) }</dt><dd class="mono">{ client.input.code.clone() }</dd>
                <dt>{ T::ServiceLevel.text(lang) }</dt><dd><LevelBadge level={client.input.service_level} /></dd>
                <dt>{ T::Siret.text(lang) }</dt><dd>{ client.input.siret.clone() }</dd>
                <dt>{ T::VatNumber.text(lang) }</dt><dd>{ client.input.vat_number.clone() }</dd>
                <dt>{ T::BillingAddress.text(lang) }</dt><dd class="pre">{ client.input.billing_address.clone() }</dd>
                <dt>{ T::Notes.text(lang) }</dt><dd class="pre">{ client.input.notes.clone() }</dd>
                <dt>{ T::Created.text(lang) }</dt><dd>{ client.created_at.with_timezone(&chrono::Local).format("%Y-%m-%d").to_string() }</dd>
            </dl>
        },
        ClientTab::Contacts => {
            html! { <Contacts client_id={id} contacts={client.contacts.clone()} {can_write} on_change={refresh.clone()} /> }
        }
        ClientTab::Sites => {
            html! { <Sites client_id={id} sites={client.sites.clone()} {can_write} on_change={refresh.clone()} /> }
        }
        ClientTab::Equipment => {
            let view = crate::route::EquipmentView {
                filter: parc_api::equipment::EquipmentFilter {
                    client_id: Some(id),
                    ..Default::default()
                },
                ..Default::default()
            };
            html! { <crate::pages::equipment::EquipmentList {view} embedded=true /> }
        }
        ClientTab::Contracts => {
            let query = parc_api::contracts::ContractQuery {
                client_id: Some(id),
                page: 1,
                ..Default::default()
            };
            html! { <crate::pages::contracts::ContractsList {query} embedded=true /> }
        }
        ClientTab::Invoices => {
            let query = parc_api::invoices::InvoiceQuery {
                client_id: Some(id),
                page: 1,
                ..Default::default()
            };
            html! { <crate::pages::invoices::InvoicesList {query} embedded=true /> }
        }
        ClientTab::Tickets => {
            let query = parc_api::tickets::TicketQuery {
                client_id: Some(id),
                view: parc_api::tickets::QueueView::All,
                page: 1,
                ..Default::default()
            };
            html! { <crate::pages::tickets::TicketsList key={format!("client-{id}")} {query} embedded=true /> }
        }
        ClientTab::Interventions => {
            let query = parc_api::interventions::InterventionQuery {
                client_id: Some(id),
                page: 1,
                ..Default::default()
            };
            html! { <crate::pages::interventions::InterventionsList key={format!("client-{id}")} {query} /> }
        }
        ClientTab::Licences => html! {
            <>
                <crate::pages::licences::ComplianceSummary client_id={id} />
                <h2>{ T::LicencesTitle.text(lang) }</h2>
                <crate::pages::licences::LicencesList key={format!("client-{id}")} query={parc_api::licences::LicenceQuery { client_id: Some(id), page: 1, ..Default::default() }} embedded=true />
            </>
        },
        ClientTab::History => html! { <RecordHistory entity="client" {id} /> },
    };
    html! {
        <section>
            <div class="page-head">
                <div>
                    <h1 id="client-title">{ client.input.name.clone() }</h1>
                    <span class="muted mono">{ client.input.code.clone() }</span>{ " " }<LevelBadge level={client.input.service_level} />
                </div>
                if can_write {
                    <div class="actions">
                        <button class="ghost" id="client-archive" onclick={toggle_archive}>{ archive_label(client.archived).text(lang) }</button>
                        <ConfirmButton id="client-delete" label={T::Delete.text(lang)} confirm={T::ConfirmDelete.text(lang)} onconfirm={remove} />
                        <button id="client-edit" onclick={edit}>{ T::Edit.text(lang) }</button>
                    </div>
                }
            </div>
            if client.archived { <p class="banner">{ T::ArchivedBanner.text(lang) }</p> }
            <div class="tabs">{ for tabs }</div>
            { body }
        </section>
    }
}

/// The label of an archive button for a record in state `archived`.
fn archive_label(archived: bool) -> T {
    if archived {
        T::Restore
    } else {
        T::Archive
    }
}

#[derive(Properties, PartialEq)]
struct ContactsProps {
    client_id: i64,
    contacts: Vec<ContactRow>,
    can_write: bool,
    on_change: Callback<()>,
}

fn contact_input(client_id: i64, contact: &ContactRow) -> ContactInput {
    ContactInput {
        client_id,
        name: contact.name.clone(),
        job_title: contact.job_title.clone(),
        email: contact.email.clone(),
        phone: contact.phone.clone(),
        primary: contact.primary,
    }
}

#[function_component(Contacts)]
fn contacts(props: &ContactsProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let client_id = props.client_id;
    let inline = use_inline_form(ContactInput {
        client_id,
        ..Default::default()
    });
    let submit = inline
        .submit::<commands::CreateContact, commands::UpdateContact>(&app, props.on_change.clone());
    let (form, errors) = (&inline.form, &inline.errors);
    let archive = |contact: &ContactRow| {
        let on_change = props.on_change.clone();
        let done = Callback::from(move |_: ContactRow| on_change.emit(()));
        set_archived::<commands::SetContactArchived>(&app, contact.id, !contact.archived, done)
    };
    html! {
        <div>
            if props.can_write && !*inline.open { <button id="new-contact" onclick={inline.start_new()}>{ T::NewContact.text(lang) }</button> }
            if *inline.open {
                <form class="card form" id="contact-form" onsubmit={submit}>
                    <div class="row">
                        <Field label={T::Name.text(lang)} name="name" value={form.name.clone()} error={errors.field("name")} oninput={bind(form, |f, v| f.name = v)} autofocus=true />
                        <Field label={T::JobTitle.text(lang)} name="job_title" value={form.job_title.clone()} error={errors.field("job_title")} oninput={bind(form, |f, v| f.job_title = v)} />
                    </div>
                    <div class="row">
                        <Field label={T::Email.text(lang)} name="email" kind="email" value={form.email.clone()} error={errors.field("email")} oninput={bind(form, |f, v| f.email = v)} />
                        <Field label={T::Phone.text(lang)} name="phone" value={form.phone.clone()} error={errors.field("phone")} oninput={bind(form, |f, v| f.phone = v)} />
                    </div>
                    <label class="check"><input type="checkbox" id="contact-primary" checked={form.primary} onchange={bind_check(form, |f, v| f.primary = v)} />{ T::Primary.text(lang) }</label>
                    <div class="actions">
                        <button type="button" class="ghost" onclick={inline.cancel()}>{ T::Cancel.text(lang) }</button>
                        <button type="submit" id="contact-save">{ T::Save.text(lang) }</button>
                    </div>
                </form>
            }
            if props.contacts.is_empty() {
                <Empty text={T::NoContacts.text(lang)} />
            } else {
                <table class="list" id="contacts-table">
                    <thead><tr><th>{ T::Name.text(lang) }</th><th>{ T::JobTitle.text(lang) }</th><th>{ T::Email.text(lang) }</th><th>{ T::Phone.text(lang) }</th><th></th></tr></thead>
                    <tbody>
                        { for props.contacts.iter().map(|c| html! {
                            <tr key={c.id} class={classes!(c.archived.then_some("archived"))}>
                                <td class="strong">{ { let (client_id, id) = (client_id, c.id); html! { <a class="open-contact" title={T::ViewLicences.text(lang)} onclick={Callback::from(move |_| crate::state::navigate(&crate::route::Route::Contact { client_id, id }))}>{ c.name.clone() }</a> } } }if c.primary { <span class="badge primary">{ T::Primary.text(lang) }</span> }</td>
                                <td>{ c.job_title.clone() }</td>
                                <td>{ c.email.clone() }</td>
                                <td>{ c.phone.clone() }</td>
                                <td class="right">
                                    if props.can_write {
                                        <button class="ghost small" onclick={inline.start_edit(c.id, contact_input(client_id, c))}>{ T::Edit.text(lang) }</button>{ " " }
                                        <button class="ghost small" onclick={archive(c)}>{ archive_label(c.archived).text(lang) }</button>{ " " }
                                        <ConfirmButton small=true label={T::Delete.text(lang)} confirm={T::ConfirmDelete.text(lang)} onconfirm={delete::<commands::DeleteContact>(&app, c.id, props.on_change.clone())} />
                                    }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SitesProps {
    client_id: i64,
    sites: Vec<SiteRow>,
    can_write: bool,
    on_change: Callback<()>,
}

fn site_input(client_id: i64, site: &SiteRow) -> SiteInput {
    SiteInput {
        client_id,
        name: site.name.clone(),
        address: site.address.clone(),
        zone_id: site.zone_id,
        notes: site.notes.clone(),
    }
}

#[function_component(Sites)]
fn sites(props: &SitesProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let client_id = props.client_id;
    let inline = use_inline_form(SiteInput {
        client_id,
        ..Default::default()
    });
    let zones = use_state(Vec::<ZoneRow>::new);
    {
        let zones = zones.clone();
        use_effect_with(*inline.open, move |open| {
            if *open {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(found) = call::<commands::ListZones>(&()).await {
                        zones.set(found);
                    }
                });
            }
        });
    }
    let submit =
        inline.submit::<commands::CreateSite, commands::UpdateSite>(&app, props.on_change.clone());
    let (form, errors) = (&inline.form, &inline.errors);
    let on_zone = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            next.zone_id = select_value(&e).parse().ok();
            form.set(next);
        })
    };
    let archive = |site: &SiteRow| {
        let on_change = props.on_change.clone();
        let done = Callback::from(move |_: SiteRow| on_change.emit(()));
        set_archived::<commands::SetSiteArchived>(&app, site.id, !site.archived, done)
    };
    let site_equipment = |site_id: i64| {
        let route = Route::Equipment(crate::route::EquipmentView {
            filter: parc_api::equipment::EquipmentFilter {
                client_id: Some(client_id),
                site_id: Some(site_id),
                ..Default::default()
            },
            ..Default::default()
        });
        Callback::from(move |_| navigate(&route))
    };
    html! {
        <div>
            if props.can_write && !*inline.open { <button id="new-site" onclick={inline.start_new()}>{ T::NewSite.text(lang) }</button> }
            if *inline.open {
                <form class="card form" id="site-form" onsubmit={submit}>
                    <Field label={T::Name.text(lang)} name="name" value={form.name.clone()} error={errors.field("name")} oninput={bind(form, |f, v| f.name = v)} autofocus=true />
                    <Field label={T::Address.text(lang)} name="address" multiline=true value={form.address.clone()} error={errors.field("address")} oninput={bind(form, |f, v| f.address = v)} />
                    <div class="field">
                        <label for="field-zone_id">{ T::Zone.text(lang) }</label>
                        <select id="field-zone_id" name="zone_id" onchange={on_zone}>
                            <option value="" selected={form.zone_id.is_none()}>{ T::NoZone.text(lang) }</option>
                            { for zones.iter().map(|z| html! { <option value={z.id.to_string()} selected={form.zone_id == Some(z.id)}>{ z.name.clone() }</option> }) }
                        </select>
                    </div>
                    <Field label={T::Notes.text(lang)} name="notes" multiline=true value={form.notes.clone()} error={errors.field("notes")} oninput={bind(form, |f, v| f.notes = v)} />
                    <div class="actions">
                        <button type="button" class="ghost" onclick={inline.cancel()}>{ T::Cancel.text(lang) }</button>
                        <button type="submit" id="site-save">{ T::Save.text(lang) }</button>
                    </div>
                </form>
            }
            if props.sites.is_empty() {
                <Empty text={T::NoSites.text(lang)} />
            } else {
                <table class="list" id="sites-table">
                    <thead><tr><th>{ T::Name.text(lang) }</th><th>{ T::Address.text(lang) }</th><th>{ T::Zone.text(lang) }</th><th></th></tr></thead>
                    <tbody>
                        { for props.sites.iter().map(|s| html! {
                            <tr key={s.id} class={classes!(s.archived.then_some("archived"))}>
                                <td class="strong">{ s.name.clone() }</td>
                                <td>{ s.address.clone() }</td>
                                <td>{ s.zone_name.clone().unwrap_or_default() }</td>
                                <td class="right">
                                    if props.can_write {
                                        <button class="ghost small" onclick={inline.start_edit(s.id, site_input(client_id, s))}>{ T::Edit.text(lang) }</button>{ " " }
                                        <button class="ghost small" onclick={archive(s)}>{ archive_label(s.archived).text(lang) }</button>{ " " }
                                        <ConfirmButton small=true label={T::Delete.text(lang)} confirm={T::ConfirmDelete.text(lang)} onconfirm={delete::<commands::DeleteSite>(&app, s.id, props.on_change.clone())} />{ " " }
                                    }
                                    <button class="ghost small site-equipment" onclick={site_equipment(s.id)}>{ T::SiteEquipment.text(lang) }</button>
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </div>
    }
}

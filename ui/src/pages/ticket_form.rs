//! A new ticket: the client, then its site, equipment and requester (only
//! the client's are offered, and the core checks it again), the title, the
//! description, the category — with the technician it suggests and why —
//! the priority and the channel it came through.

use super::desk::{channel_text, client_records, priority_text, ClientRecords};
use crate::components::{select_value, Field, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::route::Route;
use crate::state::{navigate, use_app, Action, FormErrors, ToastKind};
use parc_api::commands;
use parc_api::tickets::{AssigneeSuggestion, Channel, DeskCatalogue, Priority, TicketInput};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TicketFormProps {
    #[prop_or_default]
    pub client_id: Option<i64>,
}

/// A `<select>` of optional ids, with "—" for none.
pub fn id_select(
    id: &'static str,
    label: &str,
    error: Option<AttrValue>,
    selected: Option<i64>,
    options: Vec<(i64, String)>,
    onchange: Callback<Option<i64>>,
) -> Html {
    let onchange = Callback::from(move |e: Event| onchange.emit(select_value(&e).parse().ok()));
    let name = id.trim_start_matches("field-").to_owned();
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={id}>{ label.to_owned() }</label>
            <select {id} name={name.clone()} {onchange}>
                <option value="" selected={selected.is_none()}>{ "—" }</option>
                { for options.into_iter().map(|(value, text)| html! {
                    <option value={value.to_string()} selected={selected == Some(value)}>{ text }</option>
                }) }
            </select>
            if let Some(error) = error { <small class="error" data-error-for={name}>{ error }</small> }
        </div>
    }
}

#[function_component(TicketForm)]
pub fn ticket_form(props: &TicketFormProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let form = use_state(|| TicketInput {
        client_id: props.client_id.unwrap_or_default(),
        ..Default::default()
    });
    let errors = use_state(FormErrors::default);
    let clients = use_state(|| None::<Vec<parc_api::clients::ClientRow>>);
    let catalogue = use_state(DeskCatalogue::default);
    let records = use_state(ClientRecords::default);
    let suggestion = use_state(|| None::<AssigneeSuggestion>);
    {
        let (clients, catalogue) = (clients.clone(), catalogue.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                clients.set(Some(crate::lists::first_clients().await));
                if let Ok(found) = call::<commands::GetDeskCatalogue>(&()).await {
                    catalogue.set(found);
                }
            });
        });
    }
    {
        let records = records.clone();
        use_effect_with(form.client_id, move |client_id| {
            let client_id = *client_id;
            wasm_bindgen_futures::spawn_local(async move {
                records.set(client_records(client_id).await);
            });
        });
    }
    {
        let suggestion = suggestion.clone();
        use_effect_with(form.category_id, move |category| {
            let category = *category;
            wasm_bindgen_futures::spawn_local(async move {
                let found = match category {
                    Some(id) => call::<commands::SuggestAssignee>(&id).await.ok().flatten(),
                    None => None,
                };
                suggestion.set(found);
            });
        });
    }
    let Some(client_list) = (*clients).clone() else {
        return html! { <Spinner /> };
    };
    let set = |apply: fn(&mut TicketInput, Option<i64>)| {
        let form = form.clone();
        Callback::from(move |value: Option<i64>| {
            let mut next = (*form).clone();
            apply(&mut next, value);
            form.set(next);
        })
    };
    let on_client = set(|f, v| {
        f.client_id = v.unwrap_or_default();
        f.site_id = None;
        f.equipment_id = None;
        f.requester_id = None;
    });
    let on_text = |apply: fn(&mut TicketInput, String)| crate::forms::bind(&form, apply);
    let on_priority = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            next.priority = Priority::from_code(&select_value(&e)).unwrap_or_default();
            form.set(next);
        })
    };
    let on_channel = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            next.channel = Channel::from_code(&select_value(&e)).unwrap_or_default();
            form.set(next);
        })
    };
    let submit = {
        let (form, errors, app) = (form.clone(), errors.clone(), app.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = (*form).clone();
            let (errors, app) = (errors.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::CreateTicket>(&input).await {
                    Ok(detail) => {
                        let text = format!(
                            "{} {}",
                            T::TicketCreated.text(app.lang),
                            detail.row.reference
                        );
                        app.dispatch(Action::Toast(ToastKind::Success, text));
                        navigate(&Route::Ticket { id: detail.row.id });
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let current = (*form).clone();
    let detail = records.detail.clone();
    let sites: Vec<(i64, String)> = detail
        .iter()
        .flat_map(|d| d.sites.iter().map(|s| (s.id, s.name.clone())))
        .collect();
    let contacts: Vec<(i64, String)> = detail
        .iter()
        .flat_map(|d| d.contacts.iter().map(|c| (c.id, c.name.clone())))
        .collect();
    let equipment: Vec<(i64, String)> = records
        .equipment
        .iter()
        .filter(|e| current.site_id.is_none() || e.site_id == current.site_id)
        .map(|e| (e.id, format!("{} — {}", e.reference, e.name)))
        .collect();
    let categories: Vec<(i64, String)> = catalogue
        .categories
        .iter()
        .map(|c| (c.id, c.name.clone()))
        .collect();
    html! {
        <section>
            <div class="page-head"><h1>{ T::NewTicket.text(lang) }</h1></div>
            <form class="card form wide" id="ticket-form" onsubmit={submit}>
                { id_select("field-client_id", T::Client.text(lang), errors.field("client_id"), (current.client_id != 0).then_some(current.client_id),
                    client_list.iter().map(|c| (c.id, format!("{} — {}", c.name, c.code))).collect(), on_client) }
                <div class="grid-2">
                    { id_select("field-site_id", T::Site.text(lang), errors.field("site_id"), current.site_id, sites, set(|f, v| { f.site_id = v; f.equipment_id = None; })) }
                    { id_select("field-equipment_id", T::TabEquipment.text(lang), errors.field("equipment_id"), current.equipment_id, equipment, set(|f, v| f.equipment_id = v)) }
                    { id_select("field-requester_id", T::Requester.text(lang), errors.field("requester_id"), current.requester_id, contacts, set(|f, v| f.requester_id = v)) }
                    { id_select("field-category_id", T::Category.text(lang), errors.field("category_id"), current.category_id, categories, set(|f, v| f.category_id = v)) }
                </div>
                if let Some(s) = &*suggestion {
                    <p class="hint suggestion" id="form-suggestion">
                        { format!("{} {} — {} {} ({}), {} {}", T::Suggested.text(lang), s.name, s.skill_name, T::Level.text(lang), s.level, s.open_tickets, T::OpenTicketsLower.text(lang)) }
                    </p>
                }
                <Field label={T::Title.text(lang)} name="title" value={current.title.clone()} error={errors.field("title")} oninput={on_text(|f, v| f.title = v)} autofocus=true />
                <Field label={T::Description.text(lang)} name="description" value={current.description.clone()} error={errors.field("description")} multiline=true oninput={on_text(|f, v| f.description = v)} />
                <div class="grid-2">
                    <div class="field">
                        <label for="field-priority">{ T::Priority.text(lang) }</label>
                        <select id="field-priority" name="priority" onchange={on_priority}>
                            { for Priority::ALL.iter().map(|p| html! { <option value={p.code()} selected={current.priority == *p}>{ priority_text(*p).text(lang) }</option> }) }
                        </select>
                    </div>
                    <div class="field">
                        <label for="field-channel">{ T::Channel.text(lang) }</label>
                        <select id="field-channel" name="channel" onchange={on_channel}>
                            { for Channel::ALL.iter().map(|c| html! { <option value={c.code()} selected={current.channel == *c}>{ channel_text(*c).text(lang) }</option> }) }
                        </select>
                    </div>
                </div>
                if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
                <div class="actions">
                    <button type="submit" id="save-ticket">{ T::Save.text(lang) }</button>
                    <button type="button" class="ghost" onclick={crate::forms::go_back()}>{ T::Cancel.text(lang) }</button>
                </div>
            </form>
        </section>
    }
}

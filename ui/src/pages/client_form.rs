//! Create or edit a client. The core validates; its message appears beside
//! the field and what was typed stays.

use crate::components::{level_text, select_value, Field, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::route::{ClientTab, Route};
use crate::state::{navigate, use_app, Action, FormErrors, ToastKind};
use parc_api::clients::{ClientInput, ServiceLevel, UpdateClient};
use parc_api::commands;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ClientFormProps {
    /// None: a new client.
    pub id: Option<i64>,
}

#[function_component(ClientForm)]
pub fn client_form(props: &ClientFormProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let form = use_state(|| {
        if props.id.is_some() {
            None
        } else {
            Some(ClientInput::default())
        }
    });
    let errors = use_state(FormErrors::default);
    let busy = use_state(|| false);
    {
        let form = form.clone();
        let app = app.clone();
        use_effect_with(props.id, move |id| {
            if let Some(id) = *id {
                wasm_bindgen_futures::spawn_local(async move {
                    match call::<commands::GetClient>(&id).await {
                        Ok(detail) => form.set(Some(detail.input)),
                        Err(error) => app.dispatch(Action::Failed(error)),
                    }
                });
            }
        });
    }
    let Some(current) = (*form).clone() else {
        return html! { <Spinner /> };
    };
    let edit = |apply: fn(&mut ClientInput, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            if let Some(mut next) = (*form).clone() {
                apply(&mut next, value);
                form.set(Some(next));
            }
        })
    };
    let on_level = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*form).clone() {
                next.service_level = ServiceLevel::from_code(&select_value(&e)).unwrap_or_default();
                form.set(Some(next));
            }
        })
    };
    let id = props.id;
    let submit = {
        let (form, errors, busy, app) = (form.clone(), errors.clone(), busy.clone(), app.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = (*form).clone() else { return };
            let (errors, busy, app) = (errors.clone(), busy.clone(), app.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = match id {
                    None => call::<commands::CreateClient>(&input).await,
                    Some(id) => call::<commands::UpdateClient>(&UpdateClient { id, input }).await,
                };
                busy.set(false);
                match result {
                    Ok(detail) => {
                        let text = if id.is_none() {
                            T::ClientCreated
                        } else {
                            T::Saved
                        };
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            text.text(app.lang).to_owned(),
                        ));
                        navigate(&Route::Client {
                            id: detail.id,
                            tab: ClientTab::Overview,
                        });
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let cancel = crate::forms::go_back();
    let title = if props.id.is_some() {
        T::EditClient
    } else {
        T::NewClient
    };
    html! {
        <section>
            <div class="page-head"><h1>{ title.text(lang) }</h1></div>
            <form class="card form" id="client-form" onsubmit={submit}>
                <div class="row">
                    <Field label={T::Name.text(lang)} name="name" value={current.name.clone()} error={errors.field("name")} oninput={edit(|f, v| f.name = v)} autofocus=true />
                    <Field label={T::Code.text(lang)} name="code" value={current.code.clone()} error={errors.field("code")} hint={props.id.is_none().then(|| AttrValue::from(T::CodeHint.text(lang)))} oninput={edit(|f, v| f.code = v)} />
                </div>
                <div class="field">
                    <label for="field-service_level">{ T::ServiceLevel.text(lang) }</label>
                    <select id="field-service_level" name="service_level" onchange={on_level}>
                        { for ServiceLevel::ALL.iter().map(|level| html! {
                            <option value={level.code()} selected={current.service_level == *level}>{ level_text(*level).text(lang) }</option>
                        }) }
                    </select>
                </div>
                <div class="row">
                    <Field label={T::Siret.text(lang)} name="siret" value={current.siret.clone()} error={errors.field("siret")} oninput={edit(|f, v| f.siret = v)} />
                    <Field label={T::VatNumber.text(lang)} name="vat_number" value={current.vat_number.clone()} error={errors.field("vat_number")} oninput={edit(|f, v| f.vat_number = v)} />
                </div>
                <Field label={T::BillingAddress.text(lang)} name="billing_address" multiline=true value={current.billing_address.clone()} error={errors.field("billing_address")} oninput={edit(|f, v| f.billing_address = v)} />
                <Field label={T::Notes.text(lang)} name="notes" multiline=true value={current.notes.clone()} error={errors.field("notes")} oninput={edit(|f, v| f.notes = v)} />
                if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
                <div class="actions">
                    <button type="button" class="ghost" onclick={cancel}>{ T::Cancel.text(lang) }</button>
                    <button type="submit" id="client-save" disabled={*busy}>{ T::Save.text(lang) }</button>
                </div>
            </form>
        </section>
    }
}

//! A draft invoice typed by hand: the client and its lines (description,
//! quantity, unit price excluding VAT, VAT rate), with the totals as the
//! core will compute them. Saved as a draft; finalising is on its page.

use crate::components::{select_value, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::route::Route;
use crate::state::{navigate, use_app, Action, FormErrors, ToastKind};
use parc_api::billing::{parse_quantity, parse_rate, totals};
use parc_api::commands;
use parc_api::invoices::{DraftInvoiceInput, InvoiceDetail, InvoiceLineInput, UpdateDraftInvoice};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InvoiceFormProps {
    /// None: a new draft.
    pub id: Option<i64>,
    #[prop_or_default]
    pub client_id: Option<i64>,
}

fn blank_line() -> InvoiceLineInput {
    InvoiceLineInput {
        description: String::new(),
        quantity: "1".into(),
        unit_price: String::new(),
        vat_rate: "20".into(),
    }
}

fn input_of(detail: &InvoiceDetail) -> DraftInvoiceInput {
    DraftInvoiceInput {
        client_id: detail.row.client_id,
        lines: detail
            .lines
            .iter()
            .map(|l| InvoiceLineInput {
                description: l.description.clone(),
                quantity: parc_api::billing::quantity_text(l.quantity_thousandths, false),
                unit_price: parc_api::money::plain(l.unit_price_cents),
                vat_rate: parc_api::billing::rate_plain(l.vat_rate_basis_points),
            })
            .collect(),
    }
}

#[function_component(InvoiceForm)]
pub fn invoice_form(props: &InvoiceFormProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let form = use_state(|| {
        props.id.is_none().then(|| DraftInvoiceInput {
            client_id: props.client_id.unwrap_or_default(),
            lines: vec![blank_line()],
        })
    });
    let errors = use_state(FormErrors::default);
    let clients = use_state(Vec::<parc_api::clients::ClientRow>::new);
    {
        let (form, clients, app) = (form.clone(), clients.clone(), app.clone());
        use_effect_with(props.id, move |id| {
            let id = *id;
            wasm_bindgen_futures::spawn_local(async move {
                clients.set(crate::lists::first_clients().await);
                if let Some(id) = id {
                    match call::<commands::GetInvoice>(&id).await {
                        Ok(detail) => form.set(Some(input_of(&detail))),
                        Err(error) => app.dispatch(Action::Failed(error)),
                    }
                }
            });
        });
    }
    let Some(current) = (*form).clone() else {
        return html! { <Spinner /> };
    };
    let on_client = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*form).clone() {
                next.client_id = select_value(&e).parse().unwrap_or_default();
                form.set(Some(next));
            }
        })
    };
    let line_input = |index: usize, apply: fn(&mut InvoiceLineInput, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(mut next) = (*form).clone() {
                if let Some(line) = next.lines.get_mut(index) {
                    apply(line, crate::components::input_value(&e));
                }
                form.set(Some(next));
            }
        })
    };
    let add_line = {
        let form = form.clone();
        Callback::from(move |_| {
            if let Some(mut next) = (*form).clone() {
                next.lines.push(blank_line());
                form.set(Some(next));
            }
        })
    };
    // The totals as typed so far (lines still being typed count as zero).
    let preview = totals(current.lines.iter().map(|l| {
        (
            parse_quantity(&l.quantity).unwrap_or(0),
            parc_api::money::parse_cents(&l.unit_price)
                .ok()
                .flatten()
                .unwrap_or(0),
            parse_rate(&l.vat_rate).unwrap_or(0),
        )
    }));
    let id = props.id;
    let submit = {
        let (form, errors, app) = (form.clone(), errors.clone(), app.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = (*form).clone() else { return };
            let (errors, app) = (errors.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = match id {
                    None => call::<commands::CreateDraftInvoice>(&input).await,
                    Some(id) => {
                        call::<commands::UpdateDraftInvoice>(&UpdateDraftInvoice { id, input })
                            .await
                    }
                };
                match result {
                    Ok(detail) => {
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                        navigate(&Route::Invoice { id: detail.row.id });
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let cancel = crate::forms::go_back();
    let cell = |index: usize,
                name: &str,
                value: &str,
                apply: fn(&mut InvoiceLineInput, String),
                class: &'static str| {
        let field = format!("lines[{index}].{name}");
        let error = errors.field(&field);
        html! {
            <td class={classes!(class, error.is_some().then_some("invalid"))}>
                <input id={format!("line-{index}-{name}")} name={field.clone()} value={value.to_owned()} oninput={line_input(index, apply)} aria-invalid={error.is_some().to_string()} />
                if let Some(error) = error { <small class="error" data-error-for={field}>{ error }</small> }
            </td>
        }
    };
    html! {
        <section>
            <div class="page-head"><h1>{ if props.id.is_some() { T::EditInvoice } else { T::NewInvoice }.text(lang) }</h1></div>
            <form class="card form wide" id="invoice-form" onsubmit={submit}>
                <div class={classes!("field", errors.field("client_id").is_some().then_some("invalid"))}>
                    <label for="field-client_id">{ T::Client.text(lang) }</label>
                    <select id="field-client_id" name="client_id" onchange={on_client}>
                        <option value="" selected={current.client_id == 0}>{ T::NoneChoice.text(lang) }</option>
                        { for clients.iter().map(|c| html! { <option value={c.id.to_string()} selected={current.client_id == c.id}>{ format!("{} — {}", c.name, c.code) }</option> }) }
                    </select>
                    if let Some(error) = errors.field("client_id") { <small class="error" data-error-for="client_id">{ error }</small> }
                </div>
                <table class="list lines-editor" id="invoice-lines-editor">
                    <thead><tr>
                        <th>{ T::Description.text(lang) }</th>
                        <th>{ T::Quantity.text(lang) }</th>
                        <th>{ T::UnitPriceExclVat.text(lang) }</th>
                        <th>{ T::VatRate.text(lang) }</th>
                        <th></th>
                    </tr></thead>
                    <tbody>
                        { for current.lines.iter().enumerate().map(|(i, line)| {
                            let remove = {
                                let form = form.clone();
                                Callback::from(move |_| {
                                    if let Some(mut next) = (*form).clone() {
                                        if next.lines.len() > 1 { next.lines.remove(i); }
                                        form.set(Some(next));
                                    }
                                })
                            };
                            html! {
                                <tr>
                                    { cell(i, "description", &line.description, |l, v| l.description = v, "grow") }
                                    { cell(i, "quantity", &line.quantity, |l, v| l.quantity = v, "narrow") }
                                    { cell(i, "unit_price", &line.unit_price, |l, v| l.unit_price = v, "narrow") }
                                    { cell(i, "vat_rate", &line.vat_rate, |l, v| l.vat_rate = v, "narrow") }
                                    <td><button type="button" class="ghost small" onclick={remove}>{ T::RemoveLine.text(lang) }</button></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                if let Some(error) = errors.field("lines") { <p class="form-error" data-error-for="lines">{ error }</p> }
                <p><button type="button" class="ghost" id="invoice-add-line" onclick={add_line}>{ T::AddLine.text(lang) }</button></p>
                <table class="totals">
                    <tr><th>{ T::TotalExclVat.text(lang) }</th><td class="right">{ lang.money(preview.excluding_vat_cents) }</td></tr>
                    <tr><th>{ T::TotalVat.text(lang) }</th><td class="right">{ lang.money(preview.vat_cents) }</td></tr>
                    <tr class="grand"><th>{ T::TotalInclVat.text(lang) }</th><td class="right" id="invoice-form-total">{ lang.money(preview.including_vat_cents) }</td></tr>
                </table>
                if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
                <div class="actions">
                    <button type="button" class="ghost" onclick={cancel}>{ T::Cancel.text(lang) }</button>
                    <button type="submit" id="invoice-save">{ T::Save.text(lang) }</button>
                </div>
            </form>
        </section>
    }
}

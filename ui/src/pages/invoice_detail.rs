//! An invoice or credit note on screen, laid out like its PDF: the lines,
//! the totals per VAT rate, the dates. Its actions follow its life: a draft
//! is edited, deleted or finalised; a finalised one is sent, paid or
//! cancelled by a credit note. The PDF is saved to Downloads, or opened.

use crate::components::{ConfirmButton, Field, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::pages::invoices::InvoiceStatusBadge;
use crate::route::{ClientTab, Route};
use crate::state::{navigate, session_of, use_app, Action, FormErrors, ToastKind};
use parc_api::auth::Language;
use parc_api::billing::{quantity_text, rate_text};
use parc_api::commands;
use parc_api::equipment::SaveDocument;
use parc_api::invoices::{InvoiceDetail, InvoiceKind, InvoiceStatus, PaymentInput};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InvoiceDetailProps {
    pub id: i64,
}

/// The actions on one invoice that answer with an invoice (the credit note
/// is a new one, which the page then opens).
#[derive(Clone, Copy)]
enum InvoiceAction {
    Finalise,
    MarkSent,
    Credit,
}

impl InvoiceAction {
    async fn send(self, id: i64) -> Result<InvoiceDetail, parc_api::IpcError> {
        match self {
            InvoiceAction::Finalise => call::<commands::FinaliseInvoice>(&id).await,
            InvoiceAction::MarkSent => call::<commands::MarkInvoiceSent>(&id).await,
            InvoiceAction::Credit => call::<commands::CreditInvoice>(&id).await,
        }
    }
}

#[function_component(InvoiceDetailPage)]
pub fn invoice_detail(props: &InvoiceDetailProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let french = lang == Language::Fr;
    let detail = use_state(|| None::<InvoiceDetail>);
    let paying = use_state(|| false);
    let paid_on = use_state(|| crate::state::today().to_string());
    let errors = use_state(FormErrors::default);
    {
        let (detail, app) = (detail.clone(), app.clone());
        use_effect_with(props.id, move |id| {
            let id = *id;
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::GetInvoice>(&id).await {
                    Ok(found) => detail.set(Some(found)),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        });
    }
    let Some(invoice) = (*detail).clone() else {
        return html! { <Spinner /> };
    };
    let row = &invoice.row;
    let id = props.id;
    let can_write = session_of(&app).is_some_and(|s| s.permissions.write_invoices);
    // One action on this invoice: its answer replaces what the page shows.
    let act = |action: InvoiceAction, done: T| {
        let (detail, app) = (detail.clone(), app.clone());
        Callback::from(move |_: ()| {
            let (detail, app) = (detail.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match action.send(id).await {
                    Ok(found) => {
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            done.text(app.lang).to_owned(),
                        ));
                        if found.row.id == id {
                            detail.set(Some(found));
                        } else {
                            navigate(&Route::Invoice { id: found.row.id });
                        }
                    }
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        })
    };
    let finalise = act(InvoiceAction::Finalise, T::Saved);
    let mark_sent = act(InvoiceAction::MarkSent, T::Saved);
    let credit = act(InvoiceAction::Credit, T::CreditNote);
    let delete = {
        let app = app.clone();
        let client_id = row.client_id;
        Callback::from(move |_: ()| {
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::DeleteDraftInvoice>(&id).await {
                    Ok(()) => {
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Deleted.text(app.lang).to_owned(),
                        ));
                        navigate(&Route::Client {
                            id: client_id,
                            tab: ClientTab::Invoices,
                        });
                    }
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        })
    };
    let pdf = |open: bool| {
        let app = app.clone();
        Callback::from(move |_| {
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SaveInvoicePdf>(&SaveDocument { id, open }).await {
                    Ok(file) => app.dispatch(Action::Toast(
                        ToastKind::Success,
                        format!("{} {}", T::SavedTo.text(app.lang), file.path),
                    )),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        })
    };
    let pay = {
        let (detail, paying, paid_on, errors, app) = (
            detail.clone(),
            paying.clone(),
            paid_on.clone(),
            errors.clone(),
            app.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = PaymentInput {
                id,
                paid_on: (*paid_on).clone(),
            };
            let (detail, paying, errors, app) =
                (detail.clone(), paying.clone(), errors.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::RecordPayment>(&input).await {
                    Ok(found) => {
                        detail.set(Some(found));
                        paying.set(false);
                        errors.set(FormErrors::default());
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let edit = Callback::from(move |_| navigate(&Route::EditInvoice { id }));
    let open_client = {
        let route = Route::Client {
            id: row.client_id,
            tab: ClientTab::Invoices,
        };
        Callback::from(move |_| navigate(&route))
    };
    let title = match (row.kind, &row.number) {
        (InvoiceKind::CreditNote, Some(n)) => format!("{} {n}", T::CreditNote.text(lang)),
        (InvoiceKind::Invoice, Some(n)) => format!("{} {n}", T::InvoiceWord.text(lang)),
        (_, None) => format!(
            "{} — {}",
            T::InvoiceWord.text(lang),
            T::InvoiceDraft.text(lang)
        ),
    };
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| lang.date(d)).unwrap_or_else(|| "—".into());
    let status = row.status;
    html! {
        <section>
            <div class="page-head">
                <div>
                    <h1 id="invoice-title">{ title }</h1>
                    <p class="muted"><a class="link" onclick={open_client}>{ row.client_name.clone() }</a>{ " · " }<InvoiceStatusBadge status={row.status} overdue={row.overdue} /></p>
                </div>
                <div class="actions">
                    <button class="ghost" id="invoice-save-pdf" onclick={pdf(false)}>{ T::SavePdf.text(lang) }</button>
                    <button class="ghost" id="invoice-open-pdf" onclick={pdf(true)}>{ T::OpenPdf.text(lang) }</button>
                    if can_write && status == InvoiceStatus::Draft {
                        <ConfirmButton id="invoice-delete" label={T::DeleteDraft.text(lang)} confirm={T::ConfirmDelete.text(lang)} onconfirm={delete} />
                        <button class="ghost" id="invoice-edit" onclick={edit}>{ T::Edit.text(lang) }</button>
                        <ConfirmButton id="invoice-finalise" label={T::Finalise.text(lang)} confirm={T::Finalise.text(lang)} onconfirm={finalise} />
                    }
                    if can_write && status == InvoiceStatus::Finalised && row.kind == InvoiceKind::Invoice {
                        <button class="ghost" id="invoice-mark-sent" onclick={Callback::from(move |_| mark_sent.emit(()))}>{ T::MarkSent.text(lang) }</button>
                    }
                    if can_write && status.awaits_payment() && row.kind == InvoiceKind::Invoice {
                        <button id="invoice-pay" onclick={{ let paying = paying.clone(); Callback::from(move |_| paying.set(true)) }}>{ T::RecordPayment.text(lang) }</button>
                    }
                    if can_write && row.kind == InvoiceKind::Invoice && matches!(status, InvoiceStatus::Finalised | InvoiceStatus::Sent | InvoiceStatus::Paid) {
                        <ConfirmButton id="invoice-credit" label={T::CreateCreditNote.text(lang)} confirm={T::ConfirmCreditNote.text(lang)} onconfirm={credit} />
                    }
                </div>
            </div>
            if status == InvoiceStatus::Draft { <p class="banner">{ T::FinaliseHint.text(lang) }</p> }
            if *paying {
                <form class="card inline-form" id="invoice-payment-form" onsubmit={pay}>
                    <Field label={T::PaidOn.text(lang)} name="paid_on" kind="date" value={(*paid_on).clone()} error={errors.field("paid_on")} oninput={{ let paid_on = paid_on.clone(); Callback::from(move |v: String| paid_on.set(v)) }} />
                    <button type="submit" id="invoice-payment-save">{ T::RecordPayment.text(lang) }</button>
                    if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
                </form>
            }
            <div class="card paper" id="invoice-paper">
                <dl class="facts">
                    <dt>{ T::IssueDate.text(lang) }</dt><dd id="invoice-issue-date">{ date(row.issue_date) }</dd>
                    if row.kind == InvoiceKind::Invoice { <dt>{ T::DueDate.text(lang) }</dt><dd>{ date(row.due_date) }</dd> }
                    if let (Some(s), Some(e)) = (row.period_start, row.period_end) { <dt>{ T::Period.text(lang) }</dt><dd>{ format!("{} – {}", lang.date(s), lang.date(e)) }</dd> }
                    if let (Some(contract_id), Some(reference)) = (row.contract_id, row.contract_reference.clone()) {
                        <dt>{ T::Contract.text(lang) }</dt><dd><a class="link" onclick={Callback::from(move |_| navigate(&Route::Contract { id: contract_id }))}>{ reference }</a></dd>
                    }
                    if let Some(paid) = row.paid_on { <dt>{ T::PaidOn.text(lang) }</dt><dd>{ lang.date(paid) }</dd> }
                    if let Some((credited_id, number)) = invoice.credited.clone() {
                        <dt>{ T::CreditNoteFor.text(lang) }</dt><dd><a class="link" id="invoice-credited" onclick={Callback::from(move |_| navigate(&Route::Invoice { id: credited_id }))}>{ number }</a></dd>
                    }
                    { for invoice.credit_notes.iter().map(|(note_id, number)| {
                        let note_id = *note_id;
                        html! { <><dt>{ T::CancelledBy.text(lang) }</dt><dd><a class="link credit-note-link" onclick={Callback::from(move |_| navigate(&Route::Invoice { id: note_id }))}>{ number.clone() }</a></dd></> }
                    }) }
                </dl>
                <table class="list" id="invoice-lines">
                    <thead><tr>
                        <th>{ T::Description.text(lang) }</th>
                        <th class="right">{ T::Quantity.text(lang) }</th>
                        <th class="right">{ T::UnitPriceExclVat.text(lang) }</th>
                        <th class="right">{ T::VatRate.text(lang) }</th>
                        <th class="right">{ T::TotalExclVat.text(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for invoice.lines.iter().map(|l| html! {
                            <tr>
                                <td>{ l.description.clone() }</td>
                                <td class="right">{ quantity_text(l.quantity_thousandths, french) }</td>
                                <td class="right">{ lang.money(l.unit_price_cents) }</td>
                                <td class="right">{ rate_text(l.vat_rate_basis_points, french) }</td>
                                <td class="right">{ lang.money(l.total_cents) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <table class="totals" id="invoice-totals">
                    <tr><th>{ T::TotalExclVat.text(lang) }</th><td class="right">{ lang.money(row.excluding_vat_cents) }</td></tr>
                    { for invoice.per_rate.iter().map(|r| html! {
                        <tr><th>{ format!("{} {} ({})", T::VatAt.text(lang), rate_text(r.rate_basis_points, french), lang.money(r.base_cents)) }</th><td class="right">{ lang.money(r.vat_cents) }</td></tr>
                    }) }
                    <tr class="grand"><th>{ T::TotalInclVat.text(lang) }</th><td class="right" id="invoice-total">{ lang.money(row.including_vat_cents) }</td></tr>
                </table>
            </div>
        </section>
    }
}

//! The invoices list: filters by client, status, issue period and overdue
//! kept in the route; the accountant's CSV export of the filtered period;
//! the doors to a new invoice and to the invoice run. Shown alone or inside
//! a client's page.

use crate::components::{input_value, select_value, Empty, Pager, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::lists::{use_list, use_list_query};
use crate::route::Route;
use crate::state::{navigate, session_of, use_app, Action, ToastKind};
use parc_api::commands;
use parc_api::invoices::InvoicePeriod;
use parc_api::invoices::{InvoiceKind, InvoiceQuery, InvoiceStatus};
use yew::prelude::*;

pub fn invoice_status_text(status: InvoiceStatus) -> T {
    match status {
        InvoiceStatus::Draft => T::InvoiceDraft,
        InvoiceStatus::Finalised => T::InvoiceFinalised,
        InvoiceStatus::Sent => T::InvoiceSent,
        InvoiceStatus::Paid => T::InvoicePaid,
        InvoiceStatus::Cancelled => T::InvoiceCancelled,
    }
}

#[derive(Properties, PartialEq)]
pub struct InvoiceStatusBadgeProps {
    pub status: InvoiceStatus,
    #[prop_or_default]
    pub overdue: bool,
}

#[function_component(InvoiceStatusBadge)]
pub fn invoice_status_badge(props: &InvoiceStatusBadgeProps) -> Html {
    let lang = crate::state::use_lang();
    html! {
        <>
            <span class={classes!("badge", format!("invoice-{}", props.status.code()))}>{ invoice_status_text(props.status).text(lang) }</span>
            if props.overdue { <span class="badge danger overdue-flag">{ T::Overdue.text(lang) }</span> }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct InvoicesListProps {
    pub query: InvoiceQuery,
    /// Inside a client's page: the client is fixed and the filters stay here.
    #[prop_or_default]
    pub embedded: bool,
}

#[function_component(InvoicesList)]
pub fn invoices_list(props: &InvoicesListProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let (query, set_query) = use_list_query(&props.query, props.embedded, Route::Invoices);
    let page = use_list::<commands::ListInvoices, _>(query.clone());
    let change = |apply: fn(&mut InvoiceQuery, String)| -> Callback<String> {
        let (query, set_query) = (query.clone(), set_query.clone());
        Callback::from(move |value: String| {
            let mut next = query.clone();
            apply(&mut next, value);
            next.page = 1;
            set_query.emit(next);
        })
    };
    let typed = |apply: fn(&mut InvoiceQuery, String)| {
        let change = change(apply);
        Callback::from(move |e: InputEvent| change.emit(input_value(&e)))
    };
    let chosen = |apply: fn(&mut InvoiceQuery, String)| {
        let change = change(apply);
        Callback::from(move |e: Event| change.emit(select_value(&e)))
    };
    let on_search = typed(|q, v| q.search = v);
    let on_from = typed(|q, v| q.from = v);
    let on_to = typed(|q, v| q.to = v);
    let on_status = chosen(|q, v| q.status = InvoiceStatus::from_code(&v));
    let on_client = chosen(|q, v| q.client_id = v.parse().ok());
    let clients = use_state(Vec::<parc_api::clients::ClientRow>::new);
    {
        let (clients, embedded) = (clients.clone(), props.embedded);
        use_effect_with((), move |_| {
            if !embedded {
                wasm_bindgen_futures::spawn_local(async move {
                    clients.set(crate::lists::first_clients().await);
                });
            }
        });
    }
    let on_overdue = {
        let change = change(|q, v| q.overdue_only = v == "true");
        Callback::from(move |e: Event| {
            change.emit(crate::components::checkbox_value(&e).to_string())
        })
    };
    let on_page = {
        let (query, set_query) = (query.clone(), set_query.clone());
        Callback::from(move |n: u64| {
            set_query.emit(InvoiceQuery {
                page: n,
                ..query.clone()
            })
        })
    };
    let can_write = session_of(&app).is_some_and(|s| s.permissions.write_invoices);
    let new_invoice = {
        let client_id = query.client_id;
        Callback::from(move |_| navigate(&Route::NewInvoice { client_id }))
    };
    let run = Callback::from(|_| navigate(&Route::InvoiceRun));
    let export = {
        let (app, args) = (
            app.clone(),
            InvoicePeriod {
                from: query.from.clone(),
                to: query.to.clone(),
            },
        );
        Callback::from(move |_| {
            let (app, args) = (
                app.clone(),
                InvoicePeriod {
                    from: args.from.clone(),
                    to: args.to.clone(),
                },
            );
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::ExportInvoices>(&args).await {
                    Ok(file) => app.dispatch(Action::Toast(
                        ToastKind::Success,
                        format!("{} {}", T::SavedTo.text(app.lang), file.path),
                    )),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        })
    };
    let body = match &*page {
        Some(Err(message)) => html! { <div class="card error">{ message.clone() }</div> },
        None => html! { <Spinner /> },
        Some(Ok(found)) if found.items.is_empty() => {
            html! { <Empty text={T::NoInvoices.text(lang)} /> }
        }
        Some(Ok(found)) => html! {
            <>
                <table class="list" id="invoices-table">
                    <thead><tr>
                        <th>{ T::InvoiceNumber.text(lang) }</th>
                        if !props.embedded { <th>{ T::Client.text(lang) }</th> }
                        <th>{ T::Contract.text(lang) }</th>
                        <th>{ T::Period.text(lang) }</th>
                        <th>{ T::IssueDate.text(lang) }</th>
                        <th>{ T::DueDate.text(lang) }</th>
                        <th>{ T::Status.text(lang) }</th>
                        <th class="right">{ T::TotalExclVat.text(lang) }</th>
                        <th class="right">{ T::TotalInclVat.text(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for found.items.iter().map(|i| {
                            let route = Route::Invoice { id: i.id };
                            let onclick = Callback::from(move |_| navigate(&route));
                            let date = |d: Option<chrono::NaiveDate>| d.map(|d| lang.date(d)).unwrap_or_default();
                            let number = match (&i.number, i.kind) {
                                (Some(n), InvoiceKind::CreditNote) => format!("{n} ({})", T::CreditNote.text(lang).to_lowercase()),
                                (Some(n), InvoiceKind::Invoice) => n.clone(),
                                (None, _) => T::InvoiceDraft.text(lang).to_owned(),
                            };
                            let period = match (i.period_start, i.period_end) {
                                (Some(s), Some(e)) => format!("{} – {}", lang.date(s), lang.date(e)),
                                _ => String::new(),
                            };
                            html! {
                                <tr key={i.id} class={classes!("clickable", i.overdue.then_some("overdue"))} {onclick} data-number={i.number.clone().unwrap_or_default()}>
                                    <td class="mono nowrap">{ number }</td>
                                    if !props.embedded { <td class="strong">{ i.client_name.clone() }</td> }
                                    <td class="mono">{ i.contract_reference.clone().unwrap_or_default() }</td>
                                    <td class="nowrap">{ period }</td>
                                    <td class="nowrap">{ date(i.issue_date) }</td>
                                    <td class="nowrap">{ date(i.due_date) }</td>
                                    <td><InvoiceStatusBadge status={i.status} overdue={i.overdue} /></td>
                                    <td class="right">{ lang.money(i.excluding_vat_cents) }</td>
                                    <td class="right">{ lang.money(i.including_vat_cents) }</td>
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
            if !props.embedded {
                <div class="page-head">
                    <h1>{ T::InvoicesTitle.text(lang) }</h1>
                    if can_write {
                        <div class="actions">
                            <button class="ghost" id="invoices-export" onclick={export.clone()}>{ T::ExportCsv.text(lang) }</button>
                            <button class="ghost" id="invoice-run" onclick={run}>{ T::RunInvoicing.text(lang) }</button>
                            <button id="new-invoice" onclick={new_invoice.clone()}>{ T::NewInvoice.text(lang) }</button>
                        </div>
                    }
                </div>
            }
            <div class="filters">
                <input id="invoices-search" type="search" placeholder={T::Search.text(lang)} value={query.search.clone()} oninput={on_search} />
                if !props.embedded {
                    <select id="invoices-client" onchange={on_client}>
                        <option value="" selected={query.client_id.is_none()}>{ T::AnyClient.text(lang) }</option>
                        { for clients.iter().map(|c| html! {
                            <option value={c.id.to_string()} selected={query.client_id == Some(c.id)}>{ c.name.clone() }</option>
                        }) }
                    </select>
                }
                <select id="invoices-status" onchange={on_status}>
                    <option value="" selected={query.status.is_none()}>{ T::AnyStatus.text(lang) }</option>
                    { for InvoiceStatus::ALL.iter().map(|s| html! {
                        <option value={s.code()} selected={query.status == Some(*s)}>{ invoice_status_text(*s).text(lang) }</option>
                    }) }
                </select>
                <label class="inline-field"><span class="muted">{ T::IssuedFrom.text(lang) }</span><input id="invoices-from" type="date" value={query.from.clone()} oninput={on_from} /></label>
                <label class="inline-field"><span class="muted">{ T::IssuedTo.text(lang) }</span><input id="invoices-to" type="date" value={query.to.clone()} oninput={on_to} /></label>
                <label class="check"><input id="invoices-overdue" type="checkbox" checked={query.overdue_only} onchange={on_overdue} />{ T::OnlyOverdue.text(lang) }</label>
                if props.embedded && can_write { <button id="new-invoice" onclick={new_invoice}>{ T::NewInvoice.text(lang) }</button> }
            </div>
            { body }
        </section>
    }
}

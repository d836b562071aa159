//! "Run invoicing now": choose the billing day, see what the run would
//! create (how many invoices, for which contracts, for how much), then
//! create them with a progress bar fed by the backend's events.

use crate::components::{Empty, Field};
use crate::i18n::T;
use crate::ipc::{call, listen};
use crate::route::Route;
use crate::state::{navigate, use_app, Action, FormErrors};
use parc_api::commands;
use parc_api::invoices::{RunProgress, RunSummary, RUN_PROGRESS_EVENT};
use yew::prelude::*;

#[derive(Clone, PartialEq)]
enum Stage {
    Choosing,
    Previewed(RunSummary),
    Running,
    Done(RunSummary),
}

#[function_component(InvoiceRunPage)]
pub fn invoice_run() -> Html {
    let app = use_app();
    let lang = app.lang;
    let day = use_state(|| crate::state::today().to_string());
    let stage = use_state(|| Stage::Choosing);
    let progress = use_state(|| None::<RunProgress>);
    let errors = use_state(FormErrors::default);
    {
        let progress = progress.clone();
        use_effect_with((), move |_| {
            let subscription = listen(RUN_PROGRESS_EVENT, move |payload| {
                if let Ok(p) = serde_wasm_bindgen::from_value::<RunProgress>(payload) {
                    progress.set(Some(p));
                }
            });
            move || drop(subscription)
        });
    }
    let ask = |running: bool| {
        let (day, stage, errors, progress, app) = (
            day.clone(),
            stage.clone(),
            errors.clone(),
            progress.clone(),
            app.clone(),
        );
        Callback::from(move |_| {
            let (date, stage, errors, progress, app) = (
                (*day).clone(),
                stage.clone(),
                errors.clone(),
                progress.clone(),
                app.clone(),
            );
            if running {
                stage.set(Stage::Running);
                progress.set(None);
            }
            wasm_bindgen_futures::spawn_local(async move {
                let answer = if running {
                    call::<commands::RunInvoicing>(&date).await
                } else {
                    call::<commands::PreviewInvoiceRun>(&date).await
                };
                match answer {
                    Ok(summary) => {
                        errors.set(FormErrors::default());
                        stage.set(if running {
                            Stage::Done(summary)
                        } else {
                            Stage::Previewed(summary)
                        });
                    }
                    Err(error) => {
                        stage.set(Stage::Choosing);
                        let form = FormErrors::from_error(&error, app.lang);
                        if form.fields.is_empty() {
                            app.dispatch(Action::Failed(error));
                        }
                        errors.set(form);
                    }
                }
            });
        })
    };
    let preview = ask(false);
    let run = ask(true);
    let on_day = {
        let (day, stage) = (day.clone(), stage.clone());
        Callback::from(move |v: String| {
            day.set(v);
            stage.set(Stage::Choosing);
        })
    };
    let summary_table = |summary: &RunSummary, created: bool| {
        let count_label = if created {
            T::InvoicesCreated
        } else {
            T::InvoicesToCreate
        };
        html! {
            <div class="card" id="invoice-run-summary">
                <p class="run-figures">
                    <strong id="run-invoice-count">{ summary.invoice_count }</strong>{ format!(" {} ", count_label.text(lang)) }
                    <strong>{ summary.contract_count }</strong>{ format!(" {} · ", T::ForContracts.text(lang)) }
                    { format!("{} {} · {} {}", T::TotalExclVat.text(lang), lang.money(summary.excluding_vat_cents), T::TotalInclVat.text(lang), lang.money(summary.including_vat_cents)) }
                    if summary.renewed > 0 { { format!(" · {} {}", summary.renewed, T::RenewedCount.text(lang)) } }
                    if summary.time_and_materials > 0 { <span id="run-time-and-materials">{ format!(" · {} {}", summary.time_and_materials, T::TimeAndMaterialsCount.text(lang)) }</span> }
                </p>
                if summary.invoice_count == 0 {
                    <Empty text={T::NothingDue.text(lang)} />
                } else {
                    <table class="list" id="invoice-run-table">
                        <thead><tr>
                            <th>{ T::Contract.text(lang) }</th>
                            <th>{ T::Client.text(lang) }</th>
                            <th>{ T::Period.text(lang) }</th>
                            <th class="right">{ T::TotalExclVat.text(lang) }</th>
                            <th class="right">{ T::TotalInclVat.text(lang) }</th>
                        </tr></thead>
                        <tbody>
                            { for summary.invoices.iter().map(|i| {
                                let contract_id = i.contract_id;
                                let onclick = Callback::from(move |_| navigate(&Route::Contract { id: contract_id }));
                                html! {
                                    <tr class="clickable" {onclick}>
                                        <td class="mono">{ i.contract_reference.clone() }</td>
                                        <td>{ i.client_name.clone() }</td>
                                        <td>{ format!("{} – {}{}", lang.date(i.period_start), lang.date(i.period_end), if i.partial { format!(" ({})", T::Prorated.text(lang)) } else { String::new() }) }</td>
                                        <td class="right">{ lang.money(i.excluding_vat_cents) }</td>
                                        <td class="right">{ lang.money(i.including_vat_cents) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                    if summary.invoice_count > summary.invoices.len() as u64 { <p class="hint">{ T::FirstInvoicesOnly.text(lang) }</p> }
                }
            </div>
        }
    };
    let body = match &*stage {
        Stage::Choosing => html! {},
        Stage::Previewed(summary) => html! {
            <>
                { summary_table(summary, false) }
                if summary.invoice_count > 0 {
                    <div class="actions"><button id="invoice-run-create" onclick={run}>{ T::CreateInvoices.text(lang) }</button></div>
                }
            </>
        },
        Stage::Running => {
            let (done, total) = progress.map_or((0, 0), |p| (p.done, p.total));
            let share = (done * 100).checked_div(total).unwrap_or(0);
            html! {
                <div class="card" id="invoice-run-progress">
                    <div class="meter"><div class="meter-fill" style={format!("width: {share}%")}></div></div>
                    <p>{ format!("{done} / {total} {}", T::ContractsDone.text(lang)) }</p>
                </div>
            }
        }
        Stage::Done(summary) => html! {
            <>
                { summary_table(summary, true) }
                <div class="actions"><button class="ghost" id="invoice-run-list" onclick={Callback::from(|_| navigate(&Route::Invoices(Default::default())))}>{ T::InvoicesTitle.text(lang) }</button></div>
            </>
        },
    };
    html! {
        <section>
            <div class="page-head"><h1>{ T::InvoiceRunTitle.text(lang) }</h1></div>
            <p class="hint">{ T::InvoiceRunHelp.text(lang) }</p>
            <div class="card inline-form">
                <Field label={T::RunDate.text(lang)} name="date" kind="date" value={(*day).clone()} error={errors.field("date")} oninput={on_day} />
                <button id="invoice-run-preview" onclick={preview} disabled={*stage == Stage::Running}>{ T::Preview.text(lang) }</button>
            </div>
            { body }
        </section>
    }
}

//! CSV imports (equipment, installed software): choose a file, check it (a
//! dry run listing what each row would do and every refused cell with its
//! line and column), then import it — all or nothing — with the rows handled
//! shown as it runs. One component; each import names its kind, texts,
//! columns and where "back" goes.

use crate::components::Empty;
use crate::i18n::T;
use crate::ipc::{call, listen};
use crate::route::{EquipmentView, Route};
use crate::state::{error_text, navigate, use_app, Action, ToastKind};
use parc_api::commands;
use parc_api::equipment::{ImportReport, ImportRequest, RowAction};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The columns the equipment import reads, as the export writes them.
const COLUMNS: &str = "reference, name, type, manufacturer, model, serial, asset_tag, status, client, site, assigned_to, parent, purchase_date, supplier, purchase_price, warranty_end, last_maintenance, next_maintenance, notes";
/// Outcome rows listed on screen; the counts cover every row.
const LISTED: usize = 500;

#[function_component(EquipmentImport)]
pub fn equipment_import() -> Html {
    html! {
        <CsvImport
            kind={ImportKind::Equipment}
            title={T::ImportTitle}
            help={T::ImportHelp}
            columns={COLUMNS}
            back_label={T::EquipmentTitle}
            back={Route::Equipment(EquipmentView::default())}
        />
    }
}

/// What a CSV import brings in; each is one command taking an
/// `ImportRequest` and answering an `ImportReport`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    Equipment,
    Installations,
}

impl ImportKind {
    async fn send(self, request: &ImportRequest) -> Result<ImportReport, parc_api::IpcError> {
        match self {
            ImportKind::Equipment => call::<commands::ImportEquipment>(request).await,
            ImportKind::Installations => call::<commands::ImportInstallations>(request).await,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct CsvImportProps {
    pub kind: ImportKind,
    pub title: T,
    pub help: T,
    pub columns: &'static str,
    pub back_label: T,
    pub back: Route,
}

#[function_component(CsvImport)]
pub fn csv_import(props: &CsvImportProps) -> Html {
    let kind = props.kind;
    let app = use_app();
    let lang = app.lang;
    let file = use_state(|| None::<(String, String)>);
    let report = use_state(|| None::<ImportReport>);
    let running = use_state(|| false);
    let progress = use_state(|| 0u64);
    {
        let progress = progress.clone();
        use_effect_with((), move |_| {
            let subscription = listen("import-progress", move |payload| {
                progress.set(payload.as_f64().unwrap_or_default() as u64);
            });
            move || drop(subscription)
        });
    }
    let on_file = {
        let (file, report) = (file.clone(), report.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(chosen) = input.files().and_then(|list| list.get(0)) else {
                return;
            };
            let (file, report) = (file.clone(), report.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(chosen.text()).await;
                if let Some(text) = text.ok().and_then(|t| t.as_string()) {
                    file.set(Some((chosen.name(), text)));
                    report.set(None);
                }
            });
        })
    };
    let run = |dry_run: bool| {
        let (file, report, running, progress, app) = (
            file.clone(),
            report.clone(),
            running.clone(),
            progress.clone(),
            app.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some((file_name, csv)) = (*file).clone() else {
                return;
            };
            let (report, running, progress, app) = (
                report.clone(),
                running.clone(),
                progress.clone(),
                app.clone(),
            );
            running.set(true);
            progress.set(0);
            wasm_bindgen_futures::spawn_local(async move {
                let request = ImportRequest {
                    file_name,
                    csv,
                    dry_run,
                };
                let result = kind.send(&request).await;
                running.set(false);
                match result {
                    Ok(found) => {
                        if found.committed {
                            app.dispatch(Action::Toast(
                                ToastKind::Success,
                                T::ImportSaved.text(app.lang).to_owned(),
                            ));
                        }
                        report.set(Some(found));
                    }
                    Err(error) => app.dispatch(Action::Toast(
                        ToastKind::Error,
                        error_text(&error, app.lang),
                    )),
                }
            });
        })
    };
    let can_import = report
        .as_ref()
        .is_some_and(|r| r.dry_run && r.errors.is_empty() && r.rows > 0);
    let result = match &*report {
        None => html! {},
        Some(r) => {
            let action_text = |a: RowAction| match a {
                RowAction::Create => T::ActionCreateRow,
                RowAction::Update => T::ActionUpdateRow,
                RowAction::Unchanged => T::ActionUnchangedRow,
            };
            html! {
                <div class="card" id="import-report">
                    <p class="strong" id="import-counts">{ format!(
                        "{} {} · {} {} · {} {} · {} {} · {} {}",
                        r.rows, T::RowsRead.text(lang),
                        r.created, T::ToCreate.text(lang),
                        r.updated, T::ToUpdate.text(lang),
                        r.unchanged, T::Unchanged.text(lang),
                        r.errors.len(), T::Errors.text(lang),
                    ) }</p>
                    if r.committed {
                        <p id="import-done">{ T::ImportSaved.text(lang) }</p>
                    }
                    if !r.errors.is_empty() {
                        <p class="form-error">{ T::NothingSaved.text(lang) }</p>
                        <table class="list import-errors" id="import-errors">
                            <thead><tr><th>{ T::Line.text(lang) }</th><th>{ T::Column.text(lang) }</th><th>{ T::Problem.text(lang) }</th></tr></thead>
                            <tbody>
                                { for r.errors.iter().map(|e| html! { <tr><td>{ e.line }</td><td class="mono">{ e.column.clone() }</td><td>{ e.message.clone() }</td></tr> }) }
                            </tbody>
                        </table>
                    }
                    if !r.outcomes.is_empty() {
                        <table class="list dense" id="import-outcomes">
                            <thead><tr><th>{ T::Line.text(lang) }</th><th>{ T::Action.text(lang) }</th><th>{ T::Reference.text(lang) }</th></tr></thead>
                            <tbody>
                                { for r.outcomes.iter().take(LISTED).map(|o| html! { <tr><td>{ o.line }</td><td>{ action_text(o.action).text(lang) }</td><td class="mono">{ o.reference.clone() }</td></tr> }) }
                            </tbody>
                        </table>
                        if r.outcomes.len() > LISTED { <p class="muted">{ T::FirstRowsOnly.text(lang) }</p> }
                    }
                </div>
            }
        }
    };
    let back = {
        let route = props.back.clone();
        Callback::from(move |_| navigate(&route))
    };
    html! {
        <section>
            <div class="page-head">
                <h1>{ props.title.text(lang) }</h1>
                <div class="actions"><button class="ghost" onclick={back}>{ props.back_label.text(lang) }</button></div>
            </div>
            <div class="card">
                <p>{ props.help.text(lang) }</p>
                <p class="muted">{ T::ImportColumns.text(lang) }{ ": " }<span class="mono">{ props.columns }</span></p>
                <div class="inline-form">
                    <label for="import-file">{ T::ChooseFile.text(lang) }</label>
                    <input id="import-file" type="file" accept=".csv,text/csv" onchange={on_file} />
                    <button class="ghost" id="import-check" disabled={file.is_none() || *running} onclick={run(true)}>{ T::DryRun.text(lang) }</button>
                    <button id="import-run" disabled={!can_import || *running} onclick={run(false)}>{ T::RunImport.text(lang) }</button>
                    if *running { <span class="muted" id="import-progress">{ format!("{} {}", *progress, T::RowsDone.text(lang)) }</span> }
                </div>
            </div>
            if report.is_none() && file.is_none() { <Empty text={T::ChooseFile.text(lang)} /> }
            { result }
        </section>
    }
}

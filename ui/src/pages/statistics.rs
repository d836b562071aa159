//! The statistics page: the figures of a period (tickets opened and
//! resolved, SLA compliance, time to resolve, interventions, time recorded,
//! what was invoiced), narrowed to a client and a technician, kept in the
//! route; exported as CSV. With a client chosen, its activity report is
//! written as a PDF or a CSV.

use crate::charts::{Chart, Series};
use crate::components::{input_value, select_value, Spinner};
use crate::i18n::{validation_text, T};
use crate::ipc::call;
use crate::pages::dashboard::Tile;
use crate::pages::desk::{company_day, priority_text, span_text};
use crate::pages::equipment::toast_saved;
use crate::route::Route;
use crate::state::{navigate, use_app};
use chrono::Days;
use parc_api::auth::Language;
use parc_api::clients::ClientRow;
use parc_api::commands;
use parc_api::kpi::SaveActivityReport;
use parc_api::kpi::{ActivityQuery, Statistics, StatisticsQuery};
use parc_api::tickets::TechnicianRow;
use parc_api::IpcError;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StatisticsProps {
    pub query: StatisticsQuery,
}

/// The period shown when the route names none: the last 30 days.
fn with_default_period(query: &StatisticsQuery, zone: &str) -> StatisticsQuery {
    let mut query = query.clone();
    let today = company_day(chrono::Utc::now(), zone);
    if query.to.is_empty() {
        query.to = today.to_string();
    }
    if query.from.is_empty() {
        query.from = (today - Days::new(29)).to_string();
    }
    query
}

#[function_component(StatisticsPage)]
pub fn statistics_page(props: &StatisticsProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let query = with_default_period(&props.query, &app.time_zone);
    let figures = use_state(|| None::<Result<Statistics, IpcError>>);
    let clients = use_state(Vec::<ClientRow>::new);
    let technicians = use_state(Vec::<TechnicianRow>::new);
    {
        let (clients, technicians) = (clients.clone(), technicians.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                clients.set(crate::lists::first_clients().await);
                if let Ok(found) = call::<commands::ListTechnicians>(&()).await {
                    technicians.set(found);
                }
            });
        });
    }
    // Only the answer to the latest query is shown (a slower earlier one
    // may arrive last).
    let latest = use_mut_ref(|| 0u64);
    {
        let figures = figures.clone();
        use_effect_with(query.clone(), move |query| {
            let query = query.clone();
            let asked = {
                let mut counter = latest.borrow_mut();
                *counter += 1;
                *counter
            };
            figures.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::GetStatistics>(&query).await;
                if *latest.borrow() == asked {
                    figures.set(Some(found));
                }
            });
        });
    }
    let go = |change: fn(&mut StatisticsQuery, String)| {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let mut next = query.clone();
            change(&mut next, select_value(&e));
            navigate(&Route::Statistics(next));
        })
    };
    let on_client = go(|q, v| q.filter.client_id = v.parse().ok());
    let on_technician = go(|q, v| q.filter.technician_id = v.parse().ok());
    // A date field tells its value once whole (a picker's choice, or the
    // last digit typed).
    let go_day = |change: fn(&mut StatisticsQuery, String)| {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = query.clone();
            change(&mut next, input_value(&e));
            navigate(&Route::Statistics(next));
        })
    };
    let on_from = go_day(|q, v| q.from = v);
    let on_to = go_day(|q, v| q.to = v);
    let export = {
        let (query, app) = (query.clone(), app.clone());
        Callback::from(move |_| {
            let (query, app) = (query.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let saved = call::<commands::ExportStatistics>(&query).await;
                toast_saved(&app, saved);
            });
        })
    };
    let report = |csv: bool| {
        let (query, app) = (query.clone(), app.clone());
        Callback::from(move |_| {
            let Some(client_id) = query.filter.client_id else {
                return;
            };
            let activity = ActivityQuery {
                client_id,
                from: query.from.clone(),
                to: query.to.clone(),
            };
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let saved = call::<commands::SaveActivityReport>(&SaveActivityReport {
                    query: activity.clone(),
                    csv,
                    open: false,
                })
                .await;
                toast_saved(&app, saved);
            });
        })
    };
    let field_error = |field: &str| match &*figures {
        Some(Err(e)) if e.field.as_deref() == Some(field) => Some(AttrValue::from(format!(
            "{} {}",
            validation_text(e.code, lang),
            e.message
        ))),
        _ => None,
    };
    let labelled = |label: T, id: &'static str, control: Html| {
        let error = field_error(id.trim_start_matches("stat-"));
        html! {
            <div class={classes!("field", error.is_some().then_some("invalid"))}>
                <label for={id}>{ label.text(lang) }</label>
                { control }
                if let Some(error) = error { <small class="error" data-error-for={id}>{ error }</small> }
            </div>
        }
    };
    let filters = html! {
        <div class="filters statistics-filters">
            { labelled(T::Client, "stat-client", html! {
                <select id="stat-client" onchange={on_client}>
                    <option value="" selected={query.filter.client_id.is_none()}>{ T::AllClients.text(lang) }</option>
                    { for clients.iter().map(|c| html! {
                        <option value={c.id.to_string()} selected={query.filter.client_id == Some(c.id)}>{ c.name.clone() }</option>
                    }) }
                </select>
            }) }
            { labelled(T::Technician, "stat-technician", html! {
                <select id="stat-technician" onchange={on_technician}>
                    <option value="" selected={query.filter.technician_id.is_none()}>{ T::AllTechnicians.text(lang) }</option>
                    { for technicians.iter().map(|t| html! {
                        <option value={t.user_id.to_string()} selected={query.filter.technician_id == Some(t.user_id)}>{ t.name.clone() }</option>
                    }) }
                </select>
            }) }
            { labelled(T::From, "stat-from", html! { <input id="stat-from" type="date" value={query.from.clone()} oninput={on_from} /> }) }
            { labelled(T::To, "stat-to", html! { <input id="stat-to" type="date" value={query.to.clone()} oninput={on_to} /> }) }
        </div>
    };
    let body = match &*figures {
        None => html! { <Spinner /> },
        Some(Err(e)) if e.field.is_some() => html! {},
        Some(Err(e)) => {
            html! { <div class="card error">{ crate::state::error_text(e, lang) }</div> }
        }
        Some(Ok(s)) => figures_of(s, lang),
    };
    html! {
        <section id="statistics">
            <div class="page-head">
                <h1>{ T::Statistics.text(lang) }</h1>
                <div class="actions">
                    if query.filter.client_id.is_some() {
                        <button class="ghost" id="activity-pdf" onclick={report(false)}>{ T::ActivityReportPdf.text(lang) }</button>
                        <button class="ghost" id="activity-csv" onclick={report(true)}>{ T::ActivityReportCsv.text(lang) }</button>
                    }
                    <button class="ghost" id="export-statistics" onclick={export}>{ T::ExportCsv.text(lang) }</button>
                </div>
            </div>
            { filters }
            if query.filter.client_id.is_none() {
                <p class="hint">{ T::ChooseClientForReport.text(lang) }</p>
            }
            { body }
        </section>
    }
}

/// The share with what it counts: "92 % (11 / 12)".
fn percent(c: parc_api::kpi::Compliance, lang: Language) -> String {
    match c.percent() {
        Some(_) => format!(
            "{} ({} / {})",
            super::dashboard::percent(c, lang),
            c.met,
            c.met + c.breached
        ),
        None => super::dashboard::percent(c, lang),
    }
}

fn figures_of(s: &Statistics, lang: Language) -> Html {
    // The period's figures have no list counting the same set (the lists
    // filter by other days): these tiles are read, not opened.
    let money = parc_api::money::display(s.invoiced_cents, lang == Language::Fr);
    html! {
        <>
            <div class="tiles" id="statistics-tiles">
                <Tile id="stat-opened" label={T::Opened.text(lang)} value={s.tickets_opened.to_string()} />
                <Tile id="stat-resolved" label={T::ResolvedPlural.text(lang)} value={s.tickets_resolved.to_string()} />
                <Tile id="stat-first-response" label={T::FirstResponse.text(lang)} value={percent(s.first_response, lang)} />
                <Tile id="stat-resolution" label={T::Resolution.text(lang)} value={percent(s.resolution, lang)} />
                <Tile id="stat-mttr" label={T::MeanTimeToResolve.text(lang)} value={s.mean_minutes_to_resolve.map(span_text).unwrap_or_else(|| "—".into())} />
                <Tile id="stat-interventions" label={T::InterventionsDone.text(lang)} value={s.interventions_done.to_string()} />
                <Tile id="stat-billable" label={T::Billable.text(lang)} value={span_text(s.billable_minutes())}
                    detail={format!("{} {}", span_text(s.non_billable_minutes()), T::NonBillable.text(lang))} />
                <Tile id="stat-invoiced" label={T::Invoiced.text(lang)} value={money} />
            </div>
            <div class="dashboard-grid">
                <Chart id="chart-priorities" title={T::OpenedByPriority.text(lang)}
                    categories={s.opened_by_priority.iter().map(|p| priority_text(p.priority).text(lang).to_owned()).collect::<Vec<_>>()}
                    series={vec![Series { name: T::Opened.text(lang).into(), values: s.opened_by_priority.iter().map(|p| p.count as f64).collect(), line: false }]}
                    format={Callback::from(|v: f64| format!("{v:.0}"))} />
                <Chart id="chart-period-time" title={T::TimeInPeriod.text(lang)} horizontal=true
                    categories={s.time.iter().map(|t| t.name.clone()).collect::<Vec<_>>()}
                    series={vec![
                        Series { name: T::Billable.text(lang).into(), values: s.time.iter().map(|t| t.billable_minutes as f64).collect(), line: false },
                        Series { name: T::NonBillable.text(lang).into(), values: s.time.iter().map(|t| t.non_billable_minutes as f64).collect(), line: false },
                    ]}
                    format={Callback::from(|v: f64| format!("{:.1} h", v / 60.0))} />
            </div>
        </>
    }
}

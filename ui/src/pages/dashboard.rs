//! The two dashboards. The manager's: tiles of the figures (open tickets,
//! SLA compliance, time to resolve, receivables, recurring revenue, what
//! ends within 30/60/90 days), the open tickets by priority and SLA state,
//! and charts of the backlog, the revenue, the time per technician and the
//! planned load. The technician's ("My day"): their tickets by SLA
//! urgency, their interventions today and this week, their timer, the
//! alerts about their tickets. Every tile and cell opens the list behind
//! it, filtered the same way.

use crate::charts::{Chart, Series};
use crate::components::{Empty, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::pages::desk::{
    company_day, company_time, countdown_text, intervention_badge, priority_badge, sla_badge,
    sla_text, span_text, use_clock,
};
use crate::route::{EquipmentView, Route};
use crate::state::{navigate, use_app};
use chrono::{Datelike, Days, NaiveDate};
use parc_api::alerts::{AlertItem, AlertQuery};
use parc_api::auth::Language;
use parc_api::commands;
use parc_api::contracts::{ContractQuery, ContractStatus};
use parc_api::equipment::EquipmentFilter;
use parc_api::invoices::InvoiceQuery;
use parc_api::kpi::{
    Compliance, Expiring, KpiFilter, ManagerDashboard, StatisticsQuery, TechnicianDashboard,
};
use parc_api::licences::{LicenceQuery, LicenceView};
use parc_api::tickets::{Priority, QueueView, SlaState, TicketQuery};
use yew::prelude::*;

/// A figure, opening the list behind it when it has one.
#[derive(Properties, PartialEq)]
pub struct TileProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub detail: AttrValue,
    /// The list counting the same set, filtered the same way.
    #[prop_or_default]
    pub to: Option<Route>,
    /// "warn" or "danger" when the figure needs someone.
    #[prop_or_default]
    pub tone: Option<&'static str>,
}

#[function_component(Tile)]
pub fn tile(props: &TileProps) -> Html {
    let inside = html! {
        <>
            <span class="tile-label">{ props.label.clone() }</span>
            <span class="tile-value">{ props.value.clone() }</span>
            if !props.detail.is_empty() { <span class="tile-detail">{ props.detail.clone() }</span> }
        </>
    };
    match props.to.clone() {
        Some(to) => {
            let title = to.to_hash();
            let onclick = Callback::from(move |_| navigate(&to));
            html! { <a class={classes!("tile", "opens", props.tone)} id={props.id.clone()} {onclick} {title}>{ inside }</a> }
        }
        None => {
            html! { <div class={classes!("tile", props.tone)} id={props.id.clone()}>{ inside }</div> }
        }
    }
}

/// A compliance as a share, "92 %" ("—" while nothing is settled).
pub(crate) fn percent(c: Compliance, lang: Language) -> String {
    match c.percent() {
        Some(p) if lang == Language::Fr => format!("{p:.0}\u{a0}%"),
        Some(p) => format!("{p:.0}%"),
        None => "—".into(),
    }
}

fn money(cents: i64, lang: Language) -> String {
    parc_api::money::display(cents, lang == Language::Fr)
}

/// Euros without cents, for a chart's scale and bars: "€1,200", "1 200 €".
fn whole_money(euros: f64, lang: Language) -> String {
    let text = money((euros.round() as i64) * 100, lang);
    match lang {
        Language::Fr => text.replacen(",00\u{a0}€", "\u{a0}€", 1),
        Language::En => text.strip_suffix(".00").unwrap_or(&text).to_owned(),
    }
}

fn hours(minutes: f64) -> String {
    format!("{:.1} h", minutes / 60.0)
}

/// The statistics page over the last `days` days (today included).
fn last_days(today: NaiveDate, days: u64) -> Route {
    Route::Statistics(StatisticsQuery {
        filter: KpiFilter::default(),
        from: (today - Days::new(days - 1)).to_string(),
        to: today.to_string(),
    })
}

fn open_tickets() -> Route {
    Route::Tickets(TicketQuery {
        view: QueueView::Open,
        page: 1,
        ..Default::default()
    })
}

#[function_component(ManagerDashboardPage)]
pub fn manager_dashboard_page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let loaded = use_state(|| None::<Result<ManagerDashboard, String>>);
    {
        let loaded = loaded.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::GetManagerDashboard>(&KpiFilter::default()).await;
                loaded.set(Some(found.map_err(|e| crate::state::error_text(&e, lang))));
            });
        });
    }
    let d = match &*loaded {
        None => return html! { <Spinner /> },
        Some(Err(message)) => return html! { <div class="card error">{ message.clone() }</div> },
        Some(Ok(d)) => d.clone(),
    };
    let today = company_day(chrono::Utc::now(), &app.time_zone);
    let t = &d.tickets;
    let b = &d.business;
    let open_total: u64 = t.open.iter().map(|c| c.count).sum();
    let in_state = |state: SlaState| -> u64 {
        t.open
            .iter()
            .filter(|c| c.sla_state == state)
            .map(|c| c.count)
            .sum()
    };
    let compliance_tile = |days: u32, id: &'static str| {
        let figure = t.compliance.iter().find(|c| c.days == days);
        let (first, resolution) = figure
            .map(|c| (c.first_response, c.resolution))
            .unwrap_or_default();
        let worst = [first.percent(), resolution.percent()]
            .into_iter()
            .flatten()
            .reduce(f64::min);
        let tone = match worst {
            Some(p) if p < 80.0 => Some("danger"),
            Some(p) if p < 95.0 => Some("warn"),
            _ => None,
        };
        html! {
            <Tile id={id} label={format!("{} · {} {}", T::SlaCompliance.text(lang), days, T::Days.text(lang))}
                value={format!("{} / {}", percent(first, lang), percent(resolution, lang))}
                detail={format!("{} / {}", T::FirstResponse.text(lang), T::Resolution.text(lang))}
                to={last_days(today, u64::from(days))} {tone} />
        }
    };
    let this_month = b.recurring_revenue.last().map(|m| m.cents).unwrap_or(0);
    let last_month = b
        .recurring_revenue
        .iter()
        .rev()
        .nth(1)
        .map(|m| m.cents)
        .unwrap_or(0);
    let trend = if last_month > 0 {
        let change = (this_month - last_month) as f64 * 100.0 / last_month as f64;
        format!("{change:+.0} % {}", T::VsLastMonth.text(lang))
    } else {
        String::new()
    };

    // Open tickets by priority (rows) and SLA state (columns).
    // Every state an open ticket can be in, so the rows add up to the tile.
    let states = SlaState::ALL;
    let matrix = html! {
        <table class="list matrix" id="open-matrix">
            <thead><tr>
                <th>{ T::Priority.text(lang) }</th>
                { for states.iter().map(|s| html! { <th class="right">{ sla_text(*s).text(lang) }</th> }) }
            </tr></thead>
            <tbody>
                { for Priority::ALL.iter().rev().map(|p| {
                    let p = *p;
                    html! {
                        <tr data-priority={p.code()}>
                            <td>{ priority_badge(p, lang) }</td>
                            { for states.iter().map(|s| {
                                let count: u64 = t.open.iter().filter(|c| c.priority == p && c.sla_state == *s).map(|c| c.count).sum();
                                let to = Route::Tickets(TicketQuery {
                                    view: QueueView::Open,
                                    priority: Some(p),
                                    sla_state: Some(*s),
                                    page: 1,
                                    ..Default::default()
                                });
                                let onclick = Callback::from(move |_| navigate(&to));
                                html! {
                                    <td class="right" data-state={s.code()}>
                                        if count > 0 { <a class="cell-link" {onclick}>{ count }</a> } else { <span class="muted">{ "·" }</span> }
                                    </td>
                                }
                            }) }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    };

    let ending_row = |label: T, id: &'static str, e: Expiring, to: &dyn Fn(u32) -> Route| {
        let cell = |days: u32, count: u64| {
            let route = to(days);
            let onclick = Callback::from(move |_| navigate(&route));
            html! { <td class="right" data-days={days.to_string()}><a class="cell-link" {onclick}>{ count }</a></td> }
        };
        html! {
            <tr id={id}>
                <td>{ label.text(lang) }</td>
                { cell(30, e.within_30) }{ cell(60, e.within_60) }{ cell(90, e.within_90) }
            </tr>
        }
    };
    let contracts_to = |days: u32| {
        Route::Contracts(ContractQuery {
            status: Some(ContractStatus::Active),
            ending_within_days: Some(days),
            page: 1,
            ..Default::default()
        })
    };
    let warranties_to = |days: u32| {
        Route::Equipment(EquipmentView {
            filter: EquipmentFilter {
                warranty_within_days: Some(days),
                ..Default::default()
            },
            ..Default::default()
        })
    };
    let licences_to = |days: u32| {
        Route::Licences(LicenceQuery {
            view: LicenceView::Expiring,
            within_days: Some(i64::from(days)),
            page: 1,
            ..Default::default()
        })
    };
    let ending = html! {
        <table class="list matrix" id="ending-table">
            <thead><tr>
                <th>{ T::EndingWithin.text(lang) }</th>
                <th class="right">{ format!("30 {}", T::Days.text(lang)) }</th>
                <th class="right">{ format!("60 {}", T::Days.text(lang)) }</th>
                <th class="right">{ format!("90 {}", T::Days.text(lang)) }</th>
            </tr></thead>
            <tbody>
                { ending_row(T::NavContracts, "ending-contracts", b.contracts_ending, &contracts_to) }
                { ending_row(T::Warranties, "ending-warranties", b.warranties_ending, &warranties_to) }
                { ending_row(T::NavLicences, "ending-licences", b.licences_ending, &licences_to) }
            </tbody>
        </table>
    };

    let week_label = |d: NaiveDate| match lang {
        Language::Fr => d.format("%d/%m").to_string(),
        Language::En => d.format("%b %d").to_string(),
    };
    let backlog = html! {
        <Chart id="chart-backlog" title={T::BacklogTrend.text(lang)}
            categories={t.backlog.iter().map(|w| week_label(w.week_start)).collect::<Vec<_>>()}
            series={vec![
                Series { name: T::Opened.text(lang).into(), values: t.backlog.iter().map(|w| w.opened as f64).collect(), line: false },
                Series { name: T::ResolvedPlural.text(lang).into(), values: t.backlog.iter().map(|w| w.resolved as f64).collect(), line: false },
                Series { name: T::OpenAtWeekEnd.text(lang).into(), values: t.backlog.iter().map(|w| w.open_at_end as f64).collect(), line: true },
            ]}
            format={Callback::from(|v: f64| format!("{v:.0}"))} />
    };
    let month_label = |d: NaiveDate| match lang {
        Language::Fr => format!("{:02}/{}", d.month(), d.year() % 100),
        Language::En => d.format("%b %y").to_string(),
    };
    let revenue = html! {
        <Chart id="chart-revenue" title={T::RecurringRevenue.text(lang)}
            categories={b.recurring_revenue.iter().map(|m| month_label(m.month)).collect::<Vec<_>>()}
            series={vec![Series { name: T::RecurringRevenue.text(lang).into(), values: b.recurring_revenue.iter().map(|m| m.cents as f64 / 100.0).collect(), line: false }]}
            format={Callback::from(move |v: f64| whole_money(v, lang))} />
    };
    let time = html! {
        <Chart id="chart-time" title={T::TimePerTechnician.text(lang)} horizontal=true
            categories={b.time.iter().map(|p| p.name.clone()).collect::<Vec<_>>()}
            series={vec![
                Series { name: T::Billable.text(lang).into(), values: b.time.iter().map(|p| p.billable_minutes as f64).collect(), line: false },
                Series { name: T::NonBillable.text(lang).into(), values: b.time.iter().map(|p| p.non_billable_minutes as f64).collect(), line: false },
            ]}
            format={Callback::from(hours)} />
    };
    let mut load_rows = Vec::new();
    let mut planned = Vec::new();
    let mut capacity = Vec::new();
    for person in &d.load {
        for (i, week) in person.weeks.iter().enumerate() {
            let which = if i == 0 { T::ThisWeek } else { T::NextWeek };
            load_rows.push(format!(
                "{} · {}",
                person.name,
                which.text(lang).to_lowercase()
            ));
            planned.push(week.planned_minutes as f64);
            capacity.push(week.capacity_minutes as f64);
        }
    }
    let load = html! {
        <Chart id="chart-load" title={T::PlannedLoad.text(lang)} horizontal=true
            categories={load_rows}
            series={vec![Series { name: T::Planned.text(lang).into(), values: planned, line: false }]}
            marks={Some(Series { name: T::Capacity.text(lang).into(), values: capacity, line: false })}
            format={Callback::from(hours)} />
    };
    let load_link = {
        let onclick = Callback::from(|_| navigate(&Route::Planning { week: None }));
        html! { <button class="ghost small" id="open-planning" {onclick}>{ T::NavPlanning.text(lang) }</button> }
    };
    let to_statistics = Callback::from(move |_| navigate(&last_days(today, 30)));
    html! {
        <section id="manager-dashboard">
            <div class="page-head">
                <h1>{ T::Dashboard.text(lang) }</h1>
                <div class="actions">
                    <button class="ghost" id="open-statistics" onclick={to_statistics}>{ T::Statistics.text(lang) }</button>
                </div>
            </div>
            <div class="tiles">
                <Tile id="tile-open" label={T::OpenTickets.text(lang)} value={open_total.to_string()}
                    detail={format!("{} {} · {} {}", in_state(SlaState::AtRisk), sla_text(SlaState::AtRisk).text(lang), in_state(SlaState::Breached), sla_text(SlaState::Breached).text(lang))}
                    to={open_tickets()}
                    tone={(in_state(SlaState::Breached) > 0).then_some("danger")} />
                { compliance_tile(30, "tile-sla-30") }
                { compliance_tile(90, "tile-sla-90") }
                <Tile id="tile-mttr" label={T::MeanTimeToResolve.text(lang)}
                    value={t.mean_minutes_to_resolve.map(span_text).unwrap_or_else(|| "—".into())}
                    detail={format!("30 {}", T::Days.text(lang))} to={last_days(today, 30)} />
                <Tile id="tile-unpaid" label={T::Unpaid.text(lang)} value={money(b.receivables.unpaid_cents, lang)}
                    detail={format!("{} {}", b.receivables.unpaid_count, T::InvoicesWord.text(lang))}
                    to={Route::Invoices(InvoiceQuery { unpaid_only: true, page: 1, ..Default::default() })} />
                <Tile id="tile-overdue" label={T::Overdue.text(lang)} value={money(b.receivables.overdue_cents, lang)}
                    detail={format!("{} {}", b.receivables.overdue_count, T::InvoicesWord.text(lang))}
                    to={Route::Invoices(InvoiceQuery { overdue_only: true, page: 1, ..Default::default() })}
                    tone={(b.receivables.overdue_count > 0).then_some("warn")} />
                <Tile id="tile-mrr" label={T::RecurringRevenue.text(lang)} value={money(this_month, lang)} detail={trend}
                    to={Route::Contracts(ContractQuery { status: Some(ContractStatus::Active), page: 1, ..Default::default() })} />
            </div>
            <div class="dashboard-grid">
                <div class="card"><h3>{ T::OpenByPriority.text(lang) }</h3>{ matrix }</div>
                <div class="card"><h3>{ T::EndingSoon.text(lang) }</h3>{ ending }</div>
                { backlog }
                { revenue }
                { time }
                <div class="chart-with-link">{ load }{ load_link }</div>
            </div>
        </section>
    }
}

#[function_component(MyDayPage)]
pub fn my_day_page() -> Html {
    let app = use_app();
    let lang = app.lang;
    let now = use_clock(30);
    let loaded = use_state(|| None::<Result<TechnicianDashboard, String>>);
    {
        let loaded = loaded.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let found = call::<commands::GetTechnicianDashboard>(&()).await;
                loaded.set(Some(found.map_err(|e| crate::state::error_text(&e, lang))));
            });
        });
    }
    let d = match &*loaded {
        None => return html! { <Spinner /> },
        Some(Err(message)) => return html! { <div class="card error">{ message.clone() }</div> },
        Some(Ok(d)) => d.clone(),
    };
    let day_of = |i: &parc_api::interventions::InterventionRow| {
        i.scheduled_start
            .or(i.actual_start)
            .map(|at| company_day(at, &app.time_zone))
    };
    let today: Vec<_> = d
        .week
        .iter()
        .filter(|i| day_of(i) == Some(d.today))
        .cloned()
        .collect();
    let intervention_rows = |rows: &[parc_api::interventions::InterventionRow], with_day: bool| {
        rows.iter()
            .map(|i| {
                let route = Route::Intervention { id: i.id };
                let onclick = Callback::from(move |_| navigate(&route));
                let when = i.scheduled_start.or(i.actual_start);
                html! {
                    <tr class="clickable" {onclick} data-reference={i.reference.clone()}>
                        <td class="nowrap">
                            if with_day { { when.map(|w| lang.date(company_day(w, &app.time_zone))).unwrap_or_default() }{ " " } }
                            { when.map(|at| company_time(at, &app.time_zone)).unwrap_or_default() }
                        </td>
                        <td class="mono">{ i.reference.clone() }</td>
                        <td>{ i.client_name.clone() }</td>
                        <td>{ intervention_badge(i.status, lang) }</td>
                    </tr>
                }
            })
            .collect::<Html>()
    };
    let timer = match &d.timer {
        Some(entry) => {
            let to = match (entry.ticket_id, entry.intervention_id) {
                (Some(id), _) => Route::Ticket { id },
                (None, Some(id)) => Route::Intervention { id },
                _ => Route::MyDay,
            };
            let running = (now - entry.started_at).num_minutes().max(0);
            html! { <Tile id="tile-timer" label={T::RunningTimer.text(lang)} value={span_text(running)}
            detail={entry.ticket_reference.clone().unwrap_or_default()} {to} tone={Some("warn")} /> }
        }
        None => {
            html! { <Tile id="tile-timer" label={T::RunningTimer.text(lang)} value={T::NoTimer.text(lang)} to={Route::Tickets(TicketQuery { view: QueueView::Mine, page: 1, ..Default::default() })} /> }
        }
    };
    let mine = Route::Tickets(TicketQuery {
        view: QueueView::Mine,
        page: 1,
        ..Default::default()
    });
    let my_alerts = Route::Alerts(AlertQuery {
        mine: true,
        page: 1,
        ..Default::default()
    });
    let week = Route::Planning {
        week: Some(d.week_start),
    };
    html! {
        <section id="my-day">
            <div class="page-head">
                <h1>{ T::MyDay.text(lang) }</h1>
                <span class="muted">{ lang.date(d.today) }</span>
            </div>
            <div class="tiles">
                <Tile id="tile-my-tickets" label={T::MyOpenTickets.text(lang)} value={d.tickets.total.to_string()} to={mine.clone()} />
                <Tile id="tile-today" label={T::InterventionsToday.text(lang)} value={today.len().to_string()} to={week.clone()} />
                <Tile id="tile-week" label={T::InterventionsThisWeek.text(lang)} value={d.week.len().to_string()} to={week} />
                <Tile id="tile-my-alerts" label={T::MyAlerts.text(lang)} value={d.alerts.total.to_string()} to={my_alerts}
                    tone={(d.alerts.total > 0).then_some("danger")} />
                { timer }
            </div>
            <div class="dashboard-grid">
                <div class="card">
                    <h3>{ T::MyOpenTickets.text(lang) }</h3>
                    if d.tickets.items.is_empty() { <Empty text={T::NothingOpen.text(lang)} /> } else {
                        <table class="list" id="my-tickets">
                            <tbody>
                                { for d.tickets.items.iter().map(|ticket| {
                                    let route = Route::Ticket { id: ticket.id };
                                    let onclick = Callback::from(move |_| navigate(&route));
                                    html! {
                                        <tr class="clickable" {onclick} data-reference={ticket.reference.clone()}>
                                            <td class="mono">{ ticket.reference.clone() }</td>
                                            <td><div class="strong">{ ticket.title.clone() }</div><div class="muted small">{ ticket.client_name.clone() }</div></td>
                                            <td>{ priority_badge(ticket.priority, lang) }</td>
                                            <td>{ sla_badge(ticket.sla_state, lang) }<div class="muted small">{ ticket.next_due.map(|due| countdown_text(due, now, lang)).unwrap_or_default() }</div></td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    }
                </div>
                <div class="card">
                    <h3>{ T::InterventionsToday.text(lang) }</h3>
                    if today.is_empty() { <Empty text={T::NothingPlanned.text(lang)} /> } else {
                        <table class="list" id="my-today"><tbody>{ intervention_rows(&today, false) }</tbody></table>
                    }
                    <h3>{ T::InterventionsThisWeek.text(lang) }</h3>
                    if d.week.is_empty() { <Empty text={T::NothingPlanned.text(lang)} /> } else {
                        <table class="list" id="my-week"><tbody>{ intervention_rows(&d.week, true) }</tbody></table>
                    }
                </div>
                <div class="card">
                    <h3>{ T::MyAlerts.text(lang) }</h3>
                    if d.alerts.items.is_empty() { <Empty text={T::NoAlerts.text(lang)} /> } else {
                        <table class="list" id="my-alerts"><tbody>
                            { for d.alerts.items.iter().map(|row| {
                                let item = AlertItem { kind: row.alert.item_kind.clone(), id: row.alert.item_id };
                                let onclick = Callback::from(move |_| navigate(&crate::pages::alerts::route_of(&item)));
                                html! {
                                    <tr class="clickable" {onclick}>
                                        <td>{ row.alert.title.clone() }</td>
                                        <td class="muted">{ row.client_name.clone().unwrap_or_default() }</td>
                                    </tr>
                                }
                            }) }
                        </tbody></table>
                    }
                </div>
            </div>
        </section>
    }
}

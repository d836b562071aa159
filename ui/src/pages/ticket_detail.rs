//! One ticket: what it is about, its status moves (reopen included), who
//! has it — with the suggested technician and why — its two SLA deadlines
//! and the explanation of each (the business time counted, the pauses,
//! what is left and when it ends), the conversation of public replies and
//! internal notes, the timer and the time logged, its interventions, and
//! the history of its statuses.

use super::desk::{
    channel_text, countdown_text, datetime_text, intervention_badge, kind_text, priority_badge,
    sla_badge, span_text, start_timer, status_badge, status_text, stop_timer, use_clock,
};
use crate::components::{checkbox_value, select_value, textarea_value, Spinner};
use crate::i18n::T;
use crate::ipc::call;
use crate::route::{ClientTab, EquipmentTab, Route};
use crate::state::{navigate, use_app, Action, AppContext, ToastKind};
use parc_api::auth::Language;
use parc_api::commands;
use parc_api::commands::Command;
use parc_api::interventions::{InterventionQuery, InterventionRow};
use parc_api::tickets::{
    SlaStep, SlaTarget, TechnicianRow, TicketAssignment, TicketDetail, TicketMessageInput,
    TicketStatus, TicketStatusInput, TimeEntryRow, WorkItem,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TicketDetailProps {
    pub id: i64,
}

/// Everything the page shows, loaded together.
#[derive(Clone, PartialEq)]
struct Loaded {
    ticket: TicketDetail,
    time: Vec<TimeEntryRow>,
    interventions: Vec<InterventionRow>,
}

async fn load(id: i64, lang: Language) -> Result<Loaded, String> {
    let ticket = call::<commands::GetTicket>(&id)
        .await
        .map_err(|e| crate::state::error_text(&e, lang))?;
    let time = call::<commands::ListTicketTime>(&id)
        .await
        .unwrap_or_default();
    let query = InterventionQuery {
        ticket_id: Some(id),
        page_size: 50,
        ..Default::default()
    };
    let interventions = call::<commands::ListInterventions>(&query)
        .await
        .map(|p| p.items)
        .unwrap_or_default();
    Ok(Loaded {
        ticket,
        time,
        interventions,
    })
}

/// Runs command `C` with `input`, then shows the ticket it returns.
fn change<C: Command<Output = TicketDetail>>(
    app: &AppContext,
    state: &UseStateHandle<Option<Result<Loaded, String>>>,
    input: C::Input,
) {
    let (app, state) = (app.clone(), state.clone());
    wasm_bindgen_futures::spawn_local(async move {
        match call::<C>(&input).await {
            Ok(ticket) => {
                if let Some(Ok(mut loaded)) = (*state).clone() {
                    loaded.ticket = ticket;
                    state.set(Some(Ok(loaded)));
                }
                app.dispatch(Action::Toast(
                    ToastKind::Success,
                    T::Saved.text(app.lang).to_owned(),
                ));
            }
            Err(error) => app.dispatch(Action::Toast(
                ToastKind::Error,
                crate::state::error_text(&error, app.lang),
            )),
        }
    });
}

fn sla_box(
    id: &str,
    title: T,
    target: &SlaTarget,
    now: chrono::DateTime<chrono::Utc>,
    zone: &str,
    lang: Language,
) -> Html {
    let steps = target.steps.iter().map(|step| match step {
        SlaStep::Counted { from, to, minutes } => html! {
            <li class="counted">{ format!("{} {} → {} : {}", T::SlaCounted.text(lang), datetime_text(*from, zone, lang), datetime_text(*to, zone, lang), span_text(*minutes)) }</li>
        },
        SlaStep::Paused { from, to } => html! {
            <li class="paused">{ format!("{} {} → {}", T::SlaPausedFrom.text(lang), datetime_text(*from, zone, lang), to.map(|t| datetime_text(t, zone, lang)).unwrap_or_else(|| T::Now.text(lang).to_owned())) }</li>
        },
        SlaStep::Remaining { from, minutes, due } => html! {
            <li class="remaining">{ format!("{} {} {}; {} {}", span_text(*minutes), T::SlaRemainingFrom.text(lang), datetime_text(*from, zone, lang), T::SlaEndsAt.text(lang), datetime_text(*due, zone, lang)) }</li>
        },
    });
    let calendar = target
        .calendar
        .clone()
        .unwrap_or_else(|| T::AroundTheClock.text(lang).to_owned());
    html! {
        <div class="card sla-box" id={id.to_owned()}>
            <h3>{ title.text(lang) }{ " " }{ sla_badge(target.state, lang) }</h3>
            <dl class="facts">
                <dt>{ T::SlaTargetLabel.text(lang) }</dt><dd>{ format!("{} ({calendar})", span_text(target.target_minutes)) }</dd>
                <dt>{ T::SlaElapsed.text(lang) }</dt><dd>{ span_text(target.elapsed_minutes) }</dd>
                <dt>{ T::SlaDue.text(lang) }</dt>
                <dd class="sla-due">{ target.due.map(|d| format!("{} · {}", datetime_text(d, zone, lang), countdown_text(d, now, lang))).unwrap_or_else(|| "—".into()) }</dd>
            </dl>
            <details class="sla-why" open=true>
                <summary>{ T::SlaWhy.text(lang) }</summary>
                <ol class="sla-steps">{ for steps }</ol>
            </details>
        </div>
    }
}

#[function_component(TicketDetailPage)]
pub fn ticket_detail(props: &TicketDetailProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let now = use_clock(30);
    let state = use_state(|| None::<Result<Loaded, String>>);
    let technicians = use_state(Vec::<TechnicianRow>::new);
    let reply = use_state(String::new);
    let internal = use_state(|| false);
    let reload = {
        let state = state.clone();
        let id = props.id;
        Callback::from(move |_: ()| {
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                state.set(Some(load(id, lang).await));
            });
        })
    };
    {
        let (reload, technicians) = (reload.clone(), technicians.clone());
        use_effect_with(props.id, move |_| {
            reload.emit(());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::ListTechnicians>(&()).await {
                    technicians.set(found);
                }
            });
        });
    }
    let loaded = match &*state {
        None => return html! { <Spinner /> },
        Some(Err(message)) => return html! { <div class="card error">{ message.clone() }</div> },
        Some(Ok(loaded)) => loaded.clone(),
    };
    let t = &loaded.ticket;
    let id = t.row.id;
    let row = &t.row;

    let status_buttons = row.status.next().iter().map(|&next| {
        let (app, state) = (app.clone(), state.clone());
        let onclick = Callback::from(move |_| {
            change::<commands::ChangeTicketStatus>(&app, &state, TicketStatusInput { id, status: next })
        });
        let reopening = !row.status.is_open() && next == TicketStatus::InProgress;
        let label = if reopening { T::Reopen.text(lang).to_owned() } else { format!("→ {}", status_text(next).text(lang)) };
        html! { <button class="ghost" id={format!("status-{}", next.code())} {onclick}>{ label }</button> }
    });
    let on_assign = {
        let (app, state) = (app.clone(), state.clone());
        Callback::from(move |e: Event| {
            let assignee_id = select_value(&e).parse().ok();
            change::<commands::AssignTicket>(&app, &state, TicketAssignment { id, assignee_id });
        })
    };
    let suggestion = t.suggestion.clone().filter(|s| Some(s.user_id) != row.assignee_id).map(|s| {
        let (app, state) = (app.clone(), state.clone());
        let user = s.user_id;
        let onclick = Callback::from(move |_| {
            change::<commands::AssignTicket>(&app, &state, TicketAssignment { id, assignee_id: Some(user) })
        });
        html! {
            <div class="suggestion card" id="suggestion">
                <span>{ T::Suggested.text(lang) }{ " " }<strong id="suggested-name">{ s.name.clone() }</strong></span>
                <span class="muted" id="suggestion-reason">{ format!(" — {} {} {} ; {} {} ; {} {}", s.skill_name, T::Level.text(lang), s.level, s.open_tickets, T::OpenTicketsLower.text(lang), s.candidates, T::QualifiedTechnicians.text(lang)) }</span>
                <button id="assign-suggested" {onclick}>{ T::AssignSuggested.text(lang) }</button>
            </div>
        }
    });
    let timer_here = app
        .timer
        .as_ref()
        .is_some_and(|timer| timer.ticket_id == Some(id) && timer.intervention_id.is_none());
    let timer_button = if timer_here {
        let (app, reload) = (app.clone(), reload.clone());
        let onclick = Callback::from(move |_| stop_timer(&app, reload.clone()));
        html! { <button id="stop-timer" class="ghost danger" {onclick}>{ T::StopTimer.text(lang) }</button> }
    } else {
        let app = app.clone();
        let onclick = Callback::from(move |_| start_timer(&app, WorkItem::Ticket(id)));
        html! { <button id="start-timer" {onclick}>{ T::StartTimer.text(lang) }</button> }
    };
    let send = {
        let (app, state, reply, internal) =
            (app.clone(), state.clone(), reply.clone(), internal.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if reply.trim().is_empty() {
                return;
            }
            change::<commands::AddTicketMessage>(
                &app,
                &state,
                TicketMessageInput {
                    ticket_id: id,
                    public: !*internal,
                    body: (*reply).clone(),
                },
            );
            reply.set(String::new());
        })
    };
    let on_reply = {
        let reply = reply.clone();
        Callback::from(move |e: InputEvent| reply.set(textarea_value(&e)))
    };
    let on_internal = {
        let internal = internal.clone();
        Callback::from(move |e: Event| internal.set(checkbox_value(&e)))
    };
    let client_route = Route::Client {
        id: row.client_id,
        tab: ClientTab::Overview,
    };
    let open_client = Callback::from(move |_| navigate(&client_route));
    let open_equipment = t.input.equipment_id.map(|eid| {
        Callback::from(move |_| {
            navigate(&Route::EquipmentItem {
                id: eid,
                tab: EquipmentTab::Overview,
            })
        })
    });
    let new_intervention = {
        let client_id = row.client_id;
        Callback::from(move |_| {
            navigate(&Route::NewIntervention {
                ticket_id: Some(id),
                client_id: Some(client_id),
            })
        })
    };
    html! {
        <section class="ticket-detail">
            <div class="page-head">
                <h1><span class="mono">{ row.reference.clone() }</span>{ " " }{ row.title.clone() }</h1>
                <div class="actions">{ timer_button }</div>
            </div>
            <div class="badges" id="ticket-badges">
                { priority_badge(row.priority, lang) }{ status_badge(row.status, lang) }{ sla_badge(row.sla_state, lang) }
            </div>
            <div class="columns">
                <div class="main-column">
                    <div class="card">
                        <dl class="facts" id="ticket-facts">
                            <dt>{ T::Client.text(lang) }</dt><dd><a class="link" onclick={open_client}>{ row.client_name.clone() }</a></dd>
                            <dt>{ T::Site.text(lang) }</dt><dd>{ t.site_name.clone().unwrap_or_default() }</dd>
                            <dt>{ T::TabEquipment.text(lang) }</dt><dd>
                                if let (Some(name), Some(onclick)) = (t.equipment_name.clone(), open_equipment) { <a class="link" {onclick}>{ name }</a> }
                            </dd>
                            <dt>{ T::Requester.text(lang) }</dt><dd>{ t.requester_name.clone().unwrap_or_default() }</dd>
                            <dt>{ T::Category.text(lang) }</dt><dd>{ t.category_name.clone().unwrap_or_default() }</dd>
                            <dt>{ T::Channel.text(lang) }</dt><dd>{ channel_text(row.channel).text(lang) }</dd>
                            <dt>{ T::CreatedAt.text(lang) }</dt><dd>{ datetime_text(row.created_at, &app.time_zone, lang) }</dd>
                        </dl>
                        if !t.input.description.is_empty() { <p class="description">{ t.input.description.clone() }</p> }
                    </div>
                    <div class="card">
                        <h3>{ T::Assignee.text(lang) }</h3>
                        <select id="assignee" onchange={on_assign}>
                            <option value="" selected={row.assignee_id.is_none()}>{ T::Unassigned.text(lang) }</option>
                            { for technicians.iter().map(|tech| html! {
                                <option value={tech.user_id.to_string()} selected={row.assignee_id == Some(tech.user_id)}>{ format!("{} ({} {})", tech.name, tech.open_tickets, T::OpenTicketsLower.text(lang)) }</option>
                            }) }
                        </select>
                        { for suggestion }
                        <div class="status-moves" id="status-moves">{ for status_buttons }</div>
                    </div>
                    <div class="card">
                        <h3>{ T::Conversation.text(lang) }</h3>
                        <ol class="conversation" id="conversation">
                            { for t.messages.iter().map(|m| html! {
                                <li class={classes!(if m.public { "public" } else { "internal" })}>
                                    <div class="when"><span class="strong">{ m.author.clone() }</span>
                                        if !m.public { <span class="badge internal-note">{ T::InternalNote.text(lang) }</span> }
                                        <span class="muted">{ format!(" · {}", datetime_text(m.at, &app.time_zone, lang)) }</span></div>
                                    <p>{ m.body.clone() }</p>
                                </li>
                            }) }
                        </ol>
                        <form class="reply" id="reply-form" onsubmit={send}>
                            <textarea id="reply-body" rows="3" value={(*reply).clone()} oninput={on_reply} placeholder={T::WriteReply.text(lang)} />
                            <label class="check"><input id="reply-internal" type="checkbox" checked={*internal} onchange={on_internal} />{ T::InternalNote.text(lang) }</label>
                            <button type="submit" id="send-reply">{ if *internal { T::AddNote } else { T::SendReply }.text(lang) }</button>
                        </form>
                    </div>
                    <div class="card">
                        <div class="page-head"><h3>{ T::NavInterventions.text(lang) }</h3><button class="ghost" id="new-intervention" onclick={new_intervention}>{ T::NewIntervention.text(lang) }</button></div>
                        <table class="list" id="ticket-interventions">
                            <tbody>
                                { for loaded.interventions.iter().map(|i| {
                                    let route = Route::Intervention { id: i.id };
                                    let onclick = Callback::from(move |_| navigate(&route));
                                    html! { <tr class="clickable" {onclick}>
                                        <td class="mono">{ i.reference.clone() }</td>
                                        <td>{ kind_text(i.kind).text(lang) }</td>
                                        <td>{ intervention_badge(i.status, lang) }</td>
                                        <td>{ i.technician_name.clone().unwrap_or_default() }</td>
                                        <td class="nowrap">{ i.actual_start.or(i.scheduled_start).map(|d| datetime_text(d, &app.time_zone, lang)).unwrap_or_default() }</td>
                                    </tr> }
                                }) }
                            </tbody>
                        </table>
                    </div>
                </div>
                <div class="side-column">
                    { sla_box("sla-first-response", T::FirstResponse, &t.first_response, now, &app.time_zone, lang) }
                    { sla_box("sla-resolution", T::Resolution, &t.resolution, now, &app.time_zone, lang) }
                    <super::time_log::TimeLog item={WorkItem::Ticket(id)} entries={loaded.time.clone()} on_logged={reload.clone()} />
                    <div class="card">
                        <h3>{ T::TabHistory.text(lang) }</h3>
                        <ol class="history" id="ticket-history">
                            { for t.history.iter().map(|c| html! {
                                <li><span class="strong">{ c.by.clone() }</span>{ format!(" → {} · {}", status_text(c.status).text(lang), datetime_text(c.at, &app.time_zone, lang)) }</li>
                            }) }
                        </ol>
                    </div>
                </div>
            </div>
        </section>
    }
}

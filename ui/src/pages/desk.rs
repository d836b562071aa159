//! What the service-desk screens share: the words for priorities, statuses,
//! SLA states and intervention kinds, their badges, the SLA countdown (a
//! clock that ticks every 30 seconds), local date-times, the running timer
//! of the top bar, and loading a client's sites, contacts and equipment for
//! the forms.

use crate::i18n::T;
use crate::ipc::call;
use crate::route::Route;
use crate::state::{navigate, use_app, use_lang, Action, ToastKind};
use chrono::{DateTime, Local, Utc};
use parc_api::auth::Language;
use parc_api::clients::ClientDetail;
use parc_api::commands;
use parc_api::equipment::{EquipmentQuery, EquipmentRow};
use parc_api::interventions::{InterventionKind, InterventionStatus};
use parc_api::tickets::{Priority, SlaState, TicketStatus, WorkItem};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub fn priority_text(p: Priority) -> T {
    match p {
        Priority::Low => T::PriorityLow,
        Priority::Normal => T::PriorityNormal,
        Priority::High => T::PriorityHigh,
        Priority::Urgent => T::PriorityUrgent,
    }
}

pub fn status_text(s: TicketStatus) -> T {
    match s {
        TicketStatus::New => T::TicketNew,
        TicketStatus::Assigned => T::TicketAssigned,
        TicketStatus::InProgress => T::TicketInProgress,
        TicketStatus::WaitingForClient => T::TicketWaiting,
        TicketStatus::Resolved => T::TicketResolved,
        TicketStatus::Closed => T::TicketClosed,
    }
}

pub fn sla_text(s: SlaState) -> T {
    match s {
        SlaState::OnTrack => T::SlaOnTrack,
        SlaState::AtRisk => T::SlaAtRisk,
        SlaState::Breached => T::SlaBreached,
        SlaState::Paused => T::SlaPaused,
        SlaState::Met => T::SlaMet,
    }
}

pub fn kind_text(k: InterventionKind) -> T {
    match k {
        InterventionKind::Corrective => T::KindCorrective,
        InterventionKind::Preventive => T::KindPreventive,
        InterventionKind::Installation => T::KindInstallation,
    }
}

pub fn intervention_status_text(s: InterventionStatus) -> T {
    match s {
        InterventionStatus::Scheduled => T::InterventionScheduled,
        InterventionStatus::InProgress => T::InterventionInProgress,
        InterventionStatus::Done => T::InterventionDone,
        InterventionStatus::Cancelled => T::InterventionCancelled,
    }
}

pub fn channel_text(c: parc_api::tickets::Channel) -> T {
    use parc_api::tickets::Channel;
    match c {
        Channel::Desktop => T::ChannelDesktop,
        Channel::Portal => T::ChannelPortal,
        Channel::Phone => T::ChannelPhone,
        Channel::Email => T::ChannelEmail,
    }
}

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat(locale, options)`, which throws on a zone the
    /// browser does not know (caught: the computer's zone is used then).
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat, catch)]
    fn date_time_format(
        locale: &str,
        options: &JsValue,
    ) -> Result<js_sys::Intl::DateTimeFormat, JsValue>;
}

/// "YYYY-MM-DD HH:MM" of `at` in the named zone, through the browser's
/// time-zone data (the Swedish locale writes dates the ISO way).
fn format_in_zone(at: DateTime<Utc>, zone: &str) -> Option<String> {
    let options = js_sys::Object::new();
    for (key, value) in [
        ("timeZone", zone),
        ("year", "numeric"),
        ("month", "2-digit"),
        ("day", "2-digit"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("hourCycle", "h23"),
    ] {
        if !value.is_empty() {
            js_sys::Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value))
                .ok()?;
        }
    }
    let format = date_time_format("sv-SE", &options).ok()?;
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let text = format
        .format()
        .call1(&JsValue::NULL, &date)
        .ok()?
        .as_string()?;
    let text = text.replace('\u{202f}', " ");
    // Only the ISO shape is trusted.
    let ok = text.len() == 16
        && text
            .get(..10)
            .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
            .is_some()
        && text.as_bytes().get(13) == Some(&b':');
    ok.then_some(text)
}

/// The instant's wall-clock date and time in the company's `zone`
/// (`AppState::time_zone`; the computer's when unknown), as
/// "YYYY-MM-DD HH:MM".
fn company_local(at: DateTime<Utc>, zone: &str) -> String {
    format_in_zone(at, zone).unwrap_or_else(|| {
        at.with_timezone(&Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    })
}

/// The instant's day in the company's zone.
pub fn company_day(at: DateTime<Utc>, zone: &str) -> chrono::NaiveDate {
    company_local(at, zone)
        .get(..10)
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| at.with_timezone(&Local).date_naive())
}

/// The instant's time of day in the company's zone, "HH:MM".
pub fn company_time(at: DateTime<Utc>, zone: &str) -> String {
    company_local(at, zone)
        .get(11..16)
        .unwrap_or_default()
        .to_owned()
}

/// A date and time in the company's zone, as the language writes it.
pub fn datetime_text(at: DateTime<Utc>, zone: &str, lang: Language) -> String {
    let local = company_local(at, zone);
    match (
        lang,
        local
            .get(..10)
            .and_then(|d| d.parse::<chrono::NaiveDate>().ok()),
    ) {
        (Language::Fr, Some(day)) => format!(
            "{} {}",
            day.format("%d/%m/%Y"),
            local.get(11..16).unwrap_or_default()
        ),
        _ => local,
    }
}

/// "2 h 05", "45 min", "3 d 4 h".
pub fn span_text(minutes: i64) -> String {
    let minutes = minutes.abs();
    if minutes < 60 {
        format!("{minutes} min")
    } else if minutes < 48 * 60 {
        format!("{} h {:02}", minutes / 60, minutes % 60)
    } else {
        format!("{} d {} h", minutes / (24 * 60), (minutes % (24 * 60)) / 60)
    }
}

/// Time until `due` from `now`: "2 h 05 left" or "late by 15 min".
pub fn countdown_text(due: DateTime<Utc>, now: DateTime<Utc>, lang: Language) -> String {
    let minutes = (due - now).num_minutes();
    if minutes >= 0 {
        format!("{} {}", span_text(minutes), T::Left.text(lang))
    } else {
        format!("{} {}", T::LateBy.text(lang), span_text(minutes))
    }
}

/// The current time, refreshed every `seconds`.
#[hook]
pub fn use_clock(seconds: i32) -> DateTime<Utc> {
    let now = use_state(Utc::now);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let tick = Closure::<dyn Fn()>::new(move || now.set(Utc::now()));
            let window = web_sys::window();
            let handle = window.as_ref().and_then(|w| {
                w.set_interval_with_callback_and_timeout_and_arguments_0(
                    tick.as_ref().unchecked_ref(),
                    seconds * 1000,
                )
                .ok()
            });
            move || {
                if let (Some(window), Some(handle)) = (window, handle) {
                    window.clear_interval_with_handle(handle);
                }
                drop(tick);
            }
        });
    }
    *now
}

#[derive(Properties, PartialEq)]
pub struct BadgeProps {
    pub text: AttrValue,
    pub class: AttrValue,
}

#[function_component(Badge)]
pub fn badge(props: &BadgeProps) -> Html {
    html! { <span class={classes!("badge", props.class.to_string())}>{ props.text.clone() }</span> }
}

pub fn priority_badge(p: Priority, lang: Language) -> Html {
    html! { <Badge class={format!("priority-{}", p.code())} text={priority_text(p).text(lang)} /> }
}

pub fn status_badge(s: TicketStatus, lang: Language) -> Html {
    html! { <Badge class={format!("ticket-{}", s.code())} text={status_text(s).text(lang)} /> }
}

pub fn sla_badge(s: SlaState, lang: Language) -> Html {
    html! { <Badge class={format!("sla-{}", s.code())} text={sla_text(s).text(lang)} /> }
}

pub fn intervention_badge(s: InterventionStatus, lang: Language) -> Html {
    html! { <Badge class={format!("intervention-{}", s.code())} text={intervention_status_text(s).text(lang)} /> }
}

/// What a form of a client's ticket or intervention chooses from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientRecords {
    pub detail: Option<ClientDetail>,
    pub equipment: Vec<EquipmentRow>,
}

/// The client's sites and contacts, and its first 200 equipment by name.
pub async fn client_records(client_id: i64) -> ClientRecords {
    if client_id == 0 {
        return ClientRecords::default();
    }
    let detail = call::<commands::GetClient>(&client_id).await.ok();
    let query = EquipmentQuery {
        filter: parc_api::equipment::EquipmentFilter {
            client_id: Some(client_id),
            ..Default::default()
        },
        page_size: parc_api::page::MAX_PAGE_SIZE,
        ..Default::default()
    };
    let equipment = call::<commands::ListEquipment>(&query)
        .await
        .map(|p| p.items)
        .unwrap_or_default();
    ClientRecords { detail, equipment }
}

/// Starts the user's timer on `item`; the top bar follows.
pub fn start_timer(app: &crate::state::AppContext, item: WorkItem) {
    let app = app.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match call::<commands::StartTimer>(&item).await {
            Ok(row) => app.dispatch(Action::Timer(Some(row))),
            Err(error) => app.dispatch(Action::Failed(error)),
        }
    });
}

/// Stops the user's timer; `then` runs once it is saved.
pub fn stop_timer(app: &crate::state::AppContext, then: Callback<()>) {
    let app = app.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match call::<commands::StopTimer>(&()).await {
            Ok(stopped) => {
                if let Some(entry) = stopped {
                    let text = format!(
                        "{} {}",
                        T::TimeLogged.text(app.lang),
                        span_text(entry.minutes)
                    );
                    app.dispatch(Action::Toast(ToastKind::Success, text));
                }
                app.dispatch(Action::Timer(None));
                then.emit(());
            }
            Err(error) => app.dispatch(Action::Failed(error)),
        }
    });
}

/// The top bar's timer: what runs and for how long; click to open it,
/// stop to log the time.
#[function_component(TopBarTimer)]
pub fn top_bar_timer() -> Html {
    let app = use_app();
    let lang = use_lang();
    let now = use_clock(15);
    {
        let app = app.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(timer) = call::<commands::RunningTimer>(&()).await {
                    app.dispatch(Action::Timer(timer));
                }
            });
        });
    }
    let Some(timer) = app.timer.clone() else {
        return html! {};
    };
    let elapsed = (now - timer.started_at).num_minutes().max(0);
    let label = match (&timer.ticket_reference, timer.intervention_id) {
        (_, Some(id)) => (
            format!("{} #{id}", T::Intervention.text(lang)),
            Route::Intervention { id },
        ),
        (Some(reference), None) => (
            reference.clone(),
            Route::Ticket {
                id: timer.ticket_id.unwrap_or_default(),
            },
        ),
        (None, None) => (String::new(), Route::default()),
    };
    let (text, route) = label;
    let open = Callback::from(move |_| navigate(&route));
    let stop = {
        let app = app.clone();
        Callback::from(move |_| stop_timer(&app, Callback::noop()))
    };
    html! {
        <div class="top-timer" id="top-timer">
            <span class="dot" aria-hidden="true"></span>
            <a class="link" id="top-timer-item" onclick={open}>{ text }</a>
            <span class="mono" id="top-timer-elapsed">{ span_text(elapsed) }</span>
            <button class="ghost" id="top-timer-stop" onclick={stop}>{ T::StopTimer.text(lang) }</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn countdowns_read_as_time_left_or_late() {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap();
        let due = Utc.with_ymd_and_hms(2026, 11, 27, 12, 5, 0).unwrap();
        assert_eq!(countdown_text(due, now, Language::En), "2 h 05 left");
        assert_eq!(countdown_text(now, due, Language::En), "late by 2 h 05");
        assert_eq!(span_text(45), "45 min");
        assert_eq!(span_text(3 * 24 * 60 + 120), "3 d 2 h");
    }
}

//! The sidebar's "Alerts" with the count of open alerts, asked again
//! whenever the alerts change (`Topic::Alerts`): after every scan (the
//! backend's event, listened to before the first count is trusted) and
//! every acknowledgement or snooze in the centre. A clicked notification
//! opens what it is about.

use super::route_of;
use crate::command::{use_changed, use_command, Topic};
use crate::i18n::T;
use crate::ipc::{listen, listen_then};
use crate::route::Route;
use crate::state::navigate;
use parc_api::alerts::{AlertItem, AlertQuery, ALERTS_CHANGED_EVENT, OPEN_ALERT_EVENT};
use parc_api::commands;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AlertsNavItemProps {
    pub active: bool,
}

#[function_component(AlertsNavItem)]
pub fn alerts_nav_item(props: &AlertsNavItemProps) -> Html {
    let lang = crate::state::use_lang();
    let count = use_command::<commands::CountOpenAlerts>((), &[Topic::Alerts]);
    let changed = use_changed();
    use_effect_with((), move |_| {
        let scanned = {
            let changed = changed.clone();
            move || changed.emit(&[Topic::Alerts])
        };
        // Counted again once listening: a scan that ended before is not missed.
        let on_scan = scanned.clone();
        let scans = listen_then(ALERTS_CHANGED_EVENT, move |_| on_scan(), scanned);
        let opened = listen(OPEN_ALERT_EVENT, move |payload| {
            let item: Option<AlertItem> = serde_wasm_bindgen::from_value(payload).ok().flatten();
            navigate(&match item {
                Some(item) => route_of(&item),
                None => Route::Alerts(AlertQuery::default()),
            });
        });
        move || drop((scans, opened))
    });
    let open = match &*count {
        Some(Ok(open)) => *open,
        _ => 0,
    };
    let onclick = Callback::from(|_| navigate(&Route::Alerts(AlertQuery::default())));
    html! {
        <li><a id="nav-alerts" class={classes!(props.active.then_some("active"))} {onclick}>
            { T::NavAlerts.text(lang) }
            if open > 0 { <span class="nav-badge" id="alerts-badge">{ open }</span> }
        </a></li>
    }
}

//! The alerts: what is due (warranties, contracts, licences, maintenance,
//! stock, SLAs) with its client and date. The centre lists them, filtered
//! by view, rule, client and words, to acknowledge (one or a selection) or
//! snooze to a day, each opening its item; the sidebar's entry counts the
//! open ones; the settings page sets the rules.
//!
//! What the centre and the badge show is the `Topic::Alerts` of
//! `crate::command`: an acknowledgement, a snooze or the backend's scan
//! says it changed, and both ask again.

mod badge;
mod centre;
mod centre_state;
mod rules;

pub use badge::AlertsNavItem;
pub use centre::AlertCentre;
pub use rules::AlertRulesCard;

use crate::i18n::T;
use crate::route::{EquipmentTab, Route};
use parc_api::alerts::{AlertItem, AlertQuery};

/// Where an alert's item is shown.
pub fn route_of(item: &AlertItem) -> Route {
    match item.kind.as_str() {
        "equipment" => Route::EquipmentItem {
            id: item.id,
            tab: EquipmentTab::default(),
        },
        "contract" => Route::Contract { id: item.id },
        "licence" => Route::Licence { id: item.id },
        "ticket" => Route::Ticket { id: item.id },
        "part" => Route::Parts,
        _ => Route::Alerts(AlertQuery::default()),
    }
}

/// "3 days overdue", "today", "in 12 days".
fn days_text(days: i64, lang: parc_api::auth::Language) -> String {
    match days {
        d if d < 0 => format!("{} {}", -d, T::DaysOverdue.text(lang)),
        0 => T::Today.text(lang).to_owned(),
        d => format!("{} {d} {}", T::In.text(lang), T::Days.text(lang)),
    }
}

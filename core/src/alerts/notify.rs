//! What the desktop is told of new alerts: each alert once (and again when
//! a snooze ends), one notification per alert when a few fire together,
//! one summary when many do — a first start over 500 expiring warranties
//! gives one notification, not 500.
//!
//! Core decides what to say and marks the alerts told; the desktop shell
//! shows the notices (`cli/src/notifier.rs`).

use super::alert_entity as alerts;
use super::centre;
use super::rules;
use super::scan::row_of;
use crate::error::CoreResult;
use chrono::{NaiveDate, Utc};
use parc_api::alerts::{AlertItem, AlertRow, AlertRuleCode, AlertView};
use parc_api::auth::Language;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// Up to this many new alerts are notified one by one; more make one summary.
pub const MAX_SEPARATE: usize = 3;

/// One desktop notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub summary: String,
    pub body: String,
    /// The alert it is about; none for a summary (it opens the alert centre).
    pub alert_id: Option<i64>,
    /// What the alert is about, opened when the notice is clicked.
    pub item: Option<AlertItem>,
}

/// The notices for alerts not yet told (open, not snoozed, their rule on
/// the desktop channel), marking every alert not yet told as told: run
/// twice, the second run says nothing.
pub async fn take_notices(db: &impl ConnectionTrait, today: NaiveDate) -> CoreResult<Vec<Notice>> {
    let desktop_rules: Vec<&'static str> = rules::all(db)
        .await?
        .into_iter()
        .filter(|r| r.enabled && r.desktop)
        .map(|r| r.code.code())
        .collect();
    let untold = alerts::Entity::find()
        .filter(centre::in_view(AlertView::Open, today))
        .filter(alerts::Column::NotifiedAt.is_null());
    let counts: Vec<(String, i64)> = untold
        .clone()
        .filter(alerts::Column::Rule.is_in(desktop_rules))
        .select_only()
        .column(alerts::Column::Rule)
        .column_as(alerts::Column::Id.count(), "n")
        .group_by(alerts::Column::Rule)
        .into_tuple()
        .all(db)
        .await?;
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    let lang = crate::settings::language(db).await?.unwrap_or_default();
    let notices = if total == 0 {
        Vec::new()
    } else if total <= MAX_SEPARATE as i64 {
        let rules: Vec<String> = counts.into_iter().map(|(rule, _)| rule).collect();
        untold
            .clone()
            .filter(alerts::Column::Rule.is_in(rules))
            .order_by_asc(alerts::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|model| notice_of(&row_of(model), today, lang))
            .collect()
    } else {
        let by_rule: Vec<(AlertRuleCode, i64)> = AlertRuleCode::ALL
            .into_iter()
            .filter_map(|code| {
                counts
                    .iter()
                    .find(|(rule, _)| rule == code.code())
                    .map(|(_, n)| (code, *n))
            })
            .collect();
        vec![summary_of(total, &by_rule, lang)]
    };
    alerts::Entity::update_many()
        .col_expr(alerts::Column::NotifiedAt, Expr::value(Utc::now()))
        .filter(centre::in_view(AlertView::Open, today))
        .filter(alerts::Column::NotifiedAt.is_null())
        .exec(db)
        .await?;
    Ok(notices)
}

/// Makes an alert told again by the next notices (a snooze ended, a
/// state due again).
pub(crate) fn announce_again(alert: &mut alerts::ActiveModel) {
    alert.notified_at = sea_orm::Set(None);
}

/// The notice of one alert: its rule, its item, its date and days left.
pub fn notice_of(alert: &AlertRow, today: NaiveDate, lang: Language) -> Notice {
    let fr = lang == Language::Fr;
    let when = match alert.due_on {
        Some(due) => {
            let days = (due - today).num_days();
            let date = lang.date(due);
            match (fr, days) {
                (true, d) if d < 0 => format!(" — le {date}, dépassé de {} j", -d),
                (true, 0) => format!(" — aujourd'hui ({date})"),
                (true, d) => format!(" — le {date}, dans {d} j"),
                (false, d) if d < 0 => format!(" — {date}, {} days overdue", -d),
                (false, 0) => format!(" — today ({date})"),
                (false, d) => format!(" — {date}, in {d} days"),
            }
        }
        None => String::new(),
    };
    Notice {
        summary: alert.rule.label(lang).to_owned(),
        body: format!("{}{when}", alert.title),
        alert_id: Some(alert.id),
        item: Some(AlertItem {
            kind: alert.item_kind.clone(),
            id: alert.item_id,
        }),
    }
}

/// One notice for many alerts: how many, and how many of each rule.
pub fn summary_of(total: i64, by_rule: &[(AlertRuleCode, i64)], lang: Language) -> Notice {
    let summary = match lang {
        Language::Fr => format!("Parc : {total} nouvelles alertes"),
        Language::En => format!("Parc: {total} new alerts"),
    };
    let body = by_rule
        .iter()
        .map(|(rule, n)| format!("{}: {n}", rule.label(lang)))
        .collect::<Vec<_>>()
        .join("\n");
    Notice {
        summary,
        body,
        alert_id: None,
        item: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parc_api::alerts::AlertState;

    fn alert(due: Option<NaiveDate>) -> AlertRow {
        AlertRow {
            id: 7,
            rule: AlertRuleCode::WarrantyEnd,
            item_kind: "equipment".into(),
            item_id: 3,
            threshold_days: 30,
            client_id: Some(1),
            title: "EQ00003 PC accueil".into(),
            due_on: due,
            state: AlertState::Open,
            snoozed_until: None,
            raised_at: Utc::now(),
        }
    }

    #[test]
    fn a_notice_says_what_ends_and_when() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let due = NaiveDate::from_ymd_opt(2026, 12, 17);
        let en = notice_of(&alert(due), today, Language::En);
        assert_eq!(en.summary, "Warranty ending");
        assert_eq!(en.body, "EQ00003 PC accueil — 2026-12-17, in 20 days");
        assert_eq!(en.alert_id, Some(7));
        let fr = notice_of(&alert(due), today, Language::Fr);
        assert_eq!(fr.summary, "Fin de garantie");
        assert_eq!(fr.body, "EQ00003 PC accueil — le 17/12/2026, dans 20 j");
        let state = notice_of(&alert(None), today, Language::En);
        assert_eq!(state.body, "EQ00003 PC accueil");
    }

    #[test]
    fn a_summary_counts_each_rule() {
        let notice = summary_of(
            312,
            &[
                (AlertRuleCode::WarrantyEnd, 300),
                (AlertRuleCode::LicenceExpiry, 12),
            ],
            Language::En,
        );
        assert_eq!(notice.summary, "Parc: 312 new alerts");
        assert_eq!(notice.body, "Warranty ending: 300\nLicence expiring: 12");
        assert_eq!(notice.alert_id, None);
    }
}

//! The alerts' mails, after each scan, each alert mailed once (its
//! `mailed_at`): one digest of the new alerts to the managers whose rule's
//! channel is on, and each alert whose rule mails the client to that
//! client's primary contact. The digest is queued with its alerts marked
//! mailed in one transaction.

use super::alert_entity as alerts;
use super::centre::in_view;
use super::rules;
use crate::auth::user_entity as users;
use crate::clients::lookup::client_name;
use crate::contracts::contract_entity as contracts;
use crate::error::CoreResult;
use crate::mail::events::{mailing, primary_contact};
use crate::mail::outbox::{queue, NewMail};
use chrono::{NaiveDate, Utc};
use parc_api::alerts::{AlertRuleCode, AlertView};
use parc_api::auth::{Language, Role};
use parc_api::mail::MailEvent;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionSession,
    TransactionTrait,
};

/// The most alerts a digest lists one by one.
const DIGEST_LINES: usize = 50;

/// After a scan: one digest of the alerts not yet mailed to the managers
/// (their rule's channel on), and each alert whose rule mails the client
/// to that client's primary contact.
pub async fn after_scan<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    today: NaiveDate,
) -> CoreResult<()> {
    if !mailing(db).await? {
        return Ok(());
    }
    let lang = crate::settings::document_language(db).await?;
    let rules = rules::all(db).await?;
    let codes = |pick: fn(&parc_api::alerts::AlertRule) -> bool| -> Vec<&'static str> {
        rules
            .iter()
            .filter(|r| r.enabled && pick(r))
            .map(|r| r.code.code())
            .collect()
    };
    let unmailed = alerts::Entity::find()
        .filter(in_view(AlertView::Open, today))
        .filter(alerts::Column::MailedAt.is_null())
        .filter(alerts::Column::Rule.is_in(codes(|r| r.email_managers)))
        .order_by_asc(alerts::Column::DueOn)
        .order_by_asc(alerts::Column::Id)
        .all(db)
        .await?;
    if !unmailed.is_empty() {
        let managers: Vec<String> = users::Entity::find()
            .filter(users::Column::Role.eq(Role::Manager.code()))
            .filter(users::Column::Active.eq(true))
            .all(db)
            .await?
            .into_iter()
            .map(|u| u.email)
            .collect();
        let last = unmailed.iter().map(|a| a.id).max().unwrap_or_default();
        let mut lines: Vec<String> = unmailed
            .iter()
            .take(DIGEST_LINES)
            .map(|a| digest_line(a, lang))
            .collect();
        if unmailed.len() > DIGEST_LINES {
            let more = unmailed.len() - DIGEST_LINES;
            lines.push(match lang {
                Language::Fr => format!("… et {more} autres"),
                Language::En => format!("… and {more} more"),
            });
        }
        // One mail per manager (an address refused spoils no one else's),
        // queued with the alerts marked, all or nothing.
        let txn = crate::db::begin_write(db).await?;
        for manager in managers {
            queue(
                &txn,
                NewMail {
                    event: Some(MailEvent::AlertDigest),
                    values: vec![
                        ("count", unmailed.len().to_string()),
                        ("date", lang.date(today)),
                        ("alerts", lines.join("\n")),
                    ],
                    dedupe_key: Some(format!("alert_digest:{last}:{manager}")),
                    recipients: vec![manager],
                    ..Default::default()
                },
            )
            .await?;
        }
        alerts::Entity::update_many()
            .col_expr(alerts::Column::MailedAt, Expr::value(Utc::now()))
            .filter(alerts::Column::Id.is_in(unmailed.iter().map(|a| a.id)))
            .exec(&txn)
            .await?;
        txn.commit().await?;
    }
    let for_clients = alerts::Entity::find()
        .filter(in_view(AlertView::Open, today))
        .filter(alerts::Column::ClientId.is_not_null())
        .filter(alerts::Column::Rule.is_in(codes(|r| r.email_client)))
        .all(db)
        .await?;
    for alert in for_clients {
        let Some(client_id) = alert.client_id else {
            continue;
        };
        let Some((contact, email)) = primary_contact(db, client_id).await? else {
            continue;
        };
        let client = client_name(db, client_id).await?;
        let date = alert.due_on.map(|d| lang.date(d)).unwrap_or_default();
        let mail = if alert.rule == AlertRuleCode::ContractEnd.code() {
            let notice = contracts::Entity::find_by_id(alert.item_id)
                .one(db)
                .await?
                .map(|c| c.notice_days)
                .unwrap_or_default();
            NewMail {
                event: Some(MailEvent::ContractExpiring),
                values: vec![
                    ("client", client),
                    ("contact", contact),
                    ("contract", alert.title.clone()),
                    ("date", date),
                    ("notice_days", notice.to_string()),
                ],
                ..Default::default()
            }
        } else {
            let rule = AlertRuleCode::from_code(&alert.rule)
                .map(|r| r.label(lang))
                .unwrap_or_default();
            NewMail {
                event: Some(MailEvent::ClientAlert),
                values: vec![
                    ("client", client),
                    ("contact", contact),
                    ("rule", rule.to_owned()),
                    ("item", alert.title.clone()),
                    ("date", date),
                ],
                ..Default::default()
            }
        };
        queue(
            db,
            NewMail {
                recipients: vec![email],
                // Once per episode: a state due again is mailed again.
                dedupe_key: Some(format!(
                    "client_alert:{}:{}",
                    alert.id,
                    alert.raised_at.timestamp()
                )),
                ..mail
            },
        )
        .await?;
    }
    Ok(())
}

fn digest_line(alert: &alerts::Model, lang: Language) -> String {
    let rule = AlertRuleCode::from_code(&alert.rule)
        .map(|r| r.label(lang))
        .unwrap_or_default();
    match alert.due_on {
        Some(due) => format!("- {rule}: {} — {}", alert.title, lang.date(due)),
        None => format!("- {rule}: {}", alert.title),
    }
}

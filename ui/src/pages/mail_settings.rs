//! The settings page's e-mail cards: the SMTP server and its test e-mail
//! (`mail_server`), the templates (`mail_templates`), and here the log of
//! mails sent, failed and retried.

use crate::command::{use_changed, use_command, Topic};
use crate::components::{select_value, Pager};
use crate::i18n::T;
use crate::ipc::call;
use crate::state::{use_app, Action};
use parc_api::commands;
use parc_api::mail::{OutboxQuery, OutboxStatus};
use yew::prelude::*;

/// The e-mail cards; the log is asked again when a mail went in or was
/// retried (`Topic::Outbox`).
#[function_component(MailSettingsCards)]
pub fn mail_settings_cards() -> Html {
    html! {
        <>
            <crate::pages::mail_server::MailServerCard />
            <crate::pages::mail_templates::MailTemplatesCard />
            <OutboxCard />
        </>
    }
}

fn status_text(status: OutboxStatus) -> T {
    match status {
        OutboxStatus::Queued => T::MailQueued,
        OutboxStatus::Sent => T::MailSent,
        OutboxStatus::Failed => T::MailFailed,
    }
}

/// The log of sent mail: newest first, with failures, attempts and retry.
#[function_component(OutboxCard)]
pub fn outbox_card() -> Html {
    let app = use_app();
    let lang = app.lang;
    let query = use_state(OutboxQuery::default);
    let changed = use_changed();
    let page = use_command::<commands::ListOutbox>((*query).clone(), &[Topic::Outbox]);
    let on_status = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            query.set(OutboxQuery {
                status: OutboxStatus::from_code(&select_value(&e)),
                page: 1,
                ..(*query).clone()
            })
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |n: u64| {
            query.set(OutboxQuery {
                page: n,
                ..(*query).clone()
            })
        })
    };
    let rows = match &*page {
        Some(Ok(found)) => html! {
            <>
            <table class="list" id="outbox-table">
                <thead><tr>
                    <th>{ T::When.text(lang) }</th>
                    <th>{ T::MailEventColumn.text(lang) }</th>
                    <th>{ T::Recipients.text(lang) }</th>
                    <th>{ T::Subject.text(lang) }</th>
                    <th>{ T::Status.text(lang) }</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    { for found.items.iter().map(|mail| {
                        let id = mail.id;
                        let retry = {
                            let (app, changed) = (app.clone(), changed.clone());
                            Callback::from(move |_| {
                                let (app, changed) = (app.clone(), changed.clone());
                                wasm_bindgen_futures::spawn_local(async move {
                                    match call::<commands::RetryMail>(&id).await {
                                        Ok(_) => changed.emit(&[Topic::Outbox]),
                                        Err(error) => app.dispatch(Action::Failed(error)),
                                    }
                                });
                            })
                        };
                        html! {
                            <tr key={id} data-mail={id.to_string()} data-status={mail.status.code()}>
                                <td class="nowrap">{ crate::pages::desk::datetime_text(mail.sent_at.unwrap_or(mail.created_at), &app.time_zone, lang) }</td>
                                <td>{ mail.event.label(lang) }</td>
                                <td>{ mail.recipients.join(", ") }</td>
                                <td>{ mail.subject.clone() }{ if mail.attachment.is_some() { " 📎" } else { "" } }</td>
                                <td>
                                    <span class={classes!("badge", format!("mail-{}", mail.status.code()))}>{ status_text(mail.status).text(lang) }</span>
                                    if mail.attempts > 1 || mail.last_error.is_some() { <div class="muted small">{ format!("{}: {}", T::Attempts.text(lang), mail.attempts) }</div> }
                                    if let Some(problem) = &mail.last_error { if mail.status != OutboxStatus::Sent { <div class="error small mail-error">{ problem.clone() }</div> } }
                                </td>
                                <td>if mail.status != OutboxStatus::Sent { <button class="ghost small retry-mail" onclick={retry}>{ T::RetryNow.text(lang) }</button> }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <Pager page={found.page} page_count={found.page_count()} total={found.total} {on_page} />
            </>
        },
        Some(Err(message)) => html! { <p class="form-error">{ message.clone() }</p> },
        None => html! {},
    };
    html! {
        <div class="card form" id="outbox">
            <h3>{ T::OutboxTitle.text(lang) }</h3>
            <select id="outbox-status" onchange={on_status}>
                <option value="" selected={query.status.is_none()}>{ T::AnyStatus.text(lang) }</option>
                { for OutboxStatus::ALL.iter().map(|s| html! {
                    <option value={s.code()} selected={query.status == Some(*s)}>{ status_text(*s).text(lang) }</option>
                }) }
            </select>
            { rows }
        </div>
    }
}

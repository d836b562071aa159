//! The settings page's e-mail cards: the SMTP server (the password goes to
//! the OS keyring and never comes back: the page only says whether one is
//! stored), the test e-mail, the templates per event and language with
//! their placeholders, and the log of mails sent, failed and retried.

use crate::command::{use_changed, use_command, Topic};
use crate::components::{checkbox_value, input_value, select_value, textarea_value, Field, Pager};
use crate::i18n::T;
use crate::ipc::call;
use crate::state::{use_app, Action, FormErrors, ToastKind};
use parc_api::auth::Language;
use parc_api::commands;
use parc_api::mail::{
    MailEvent, MailSettings, MailSettingsInput, MailTemplate, MailTemplateInput, MailTemplateKey,
    OutboxQuery, OutboxStatus, SendTestMail, SmtpSecurity,
};
use yew::prelude::*;

fn input_of(settings: &MailSettings) -> MailSettingsInput {
    MailSettingsInput {
        host: settings.host.clone(),
        port: settings.port.to_string(),
        security: settings.security,
        user: settings.user.clone(),
        from_address: settings.from_address.clone(),
        from_name: settings.from_name.clone(),
        password: String::new(),
        clear_password: false,
    }
}

fn security_text(security: SmtpSecurity) -> T {
    match security {
        SmtpSecurity::None => T::SecurityNone,
        SmtpSecurity::StartTls => T::SecurityStartTls,
        SmtpSecurity::Tls => T::SecurityTls,
    }
}

/// The SMTP server and the test e-mail.
#[function_component(MailServerCard)]
pub fn mail_server_card() -> Html {
    let app = use_app();
    let lang = app.lang;
    let stored = use_state(|| None::<MailSettings>);
    let form = use_state(|| None::<MailSettingsInput>);
    let errors = use_state(FormErrors::default);
    let test_to = use_state(String::new);
    let test_error = use_state(|| None::<String>);
    let changed = use_changed();
    {
        let (stored, form) = (stored.clone(), form.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::GetMailSettings>(&()).await {
                    form.set(Some(input_of(&found)));
                    stored.set(Some(found));
                }
            });
        });
    }
    let (Some(current), Some(settings)) = ((*form).clone(), (*stored).clone()) else {
        return html! {};
    };
    let edit = |apply: fn(&mut MailSettingsInput, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            if let Some(mut next) = (*form).clone() {
                apply(&mut next, value);
                form.set(Some(next));
            }
        })
    };
    let on_security = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*form).clone() {
                next.security = SmtpSecurity::from_code(&select_value(&e)).unwrap_or_default();
                form.set(Some(next));
            }
        })
    };
    let on_forget = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*form).clone() {
                next.clear_password = checkbox_value(&e);
                form.set(Some(next));
            }
        })
    };
    let onsubmit = {
        let (app, form, stored, errors) =
            (app.clone(), form.clone(), stored.clone(), errors.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = (*form).clone() else { return };
            let (app, form, stored, errors) =
                (app.clone(), form.clone(), stored.clone(), errors.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SaveMailSettings>(&input).await {
                    Ok(saved) => {
                        errors.set(FormErrors::default());
                        form.set(Some(input_of(&saved)));
                        stored.set(Some(saved));
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        })
    };
    let send_test = {
        let (app, test_to, test_error, changed) = (
            app.clone(),
            test_to.clone(),
            test_error.clone(),
            changed.clone(),
        );
        Callback::from(move |_| {
            let input = SendTestMail {
                to: (*test_to).clone(),
            };
            let (app, test_error, changed) = (app.clone(), test_error.clone(), changed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SendTestMail>(&input).await {
                    Ok(()) => {
                        test_error.set(None);
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            format!("{} {}", T::TestMailSent.text(app.lang), input.to),
                        ));
                    }
                    Err(error) => test_error.set(Some(crate::state::error_text(&error, app.lang))),
                }
                changed.emit(&[Topic::Outbox]);
            });
        })
    };
    let password_hint = if settings.password_stored {
        T::PasswordStored.text(lang)
    } else {
        T::PasswordNotStored.text(lang)
    };
    html! {
        <>
        <form class="card form" id="mail-form" {onsubmit}>
            <h3>{ T::MailServerTitle.text(lang) }</h3>
            <p class="muted">{ T::MailServerExplained.text(lang) }</p>
            <div class="row">
                <Field label={T::SmtpHost.text(lang)} name="host" value={current.host.clone()} error={errors.field("host")} oninput={edit(|m, v| m.host = v)} />
                <Field label={T::SmtpPort.text(lang)} name="port" value={current.port.clone()} error={errors.field("port")} oninput={edit(|m, v| m.port = v)} />
                <div class="field">
                    <label for="field-security">{ T::SmtpSecurity.text(lang) }</label>
                    <select id="field-security" onchange={on_security}>
                        { for SmtpSecurity::ALL.iter().map(|s| html! {
                            <option value={s.code()} selected={current.security == *s}>{ security_text(*s).text(lang) }</option>
                        }) }
                    </select>
                    if let Some(error) = errors.field("security") { <small class="error" data-error-for="security">{ error }</small> }
                </div>
            </div>
            <div class="row">
                <Field label={T::SmtpUser.text(lang)} name="user" value={current.user.clone()} error={errors.field("user")} oninput={edit(|m, v| m.user = v)} />
                <Field label={T::Password.text(lang)} name="password" kind="password" value={current.password.clone()} hint={password_hint} error={errors.field("password")} oninput={edit(|m, v| m.password = v)} />
            </div>
            if settings.password_stored {
                <label class="check"><input id="field-clear_password" type="checkbox" checked={current.clear_password} onchange={on_forget} />{ T::ForgetPassword.text(lang) }</label>
            }
            if let Some(problem) = &settings.keyring_problem { <p class="form-error" id="keyring-problem">{ format!("{} {problem}", T::KeyringMissing.text(lang)) }</p> }
            <div class="row">
                <Field label={T::FromAddress.text(lang)} name="from_address" value={current.from_address.clone()} error={errors.field("from_address")} oninput={edit(|m, v| m.from_address = v)} />
                <Field label={T::FromName.text(lang)} name="from_name" value={current.from_name.clone()} error={errors.field("from_name")} oninput={edit(|m, v| m.from_name = v)} />
            </div>
            if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
            <div class="actions"><button type="submit" id="mail-save">{ T::Save.text(lang) }</button></div>
            <h4>{ T::TestMail.text(lang) }</h4>
            <div class="row inline">
                <input id="test-mail-to" type="email" placeholder="name@example.com" value={(*test_to).clone()} oninput={{ let test_to = test_to.clone(); Callback::from(move |e: InputEvent| test_to.set(input_value(&e))) }} />
                <button type="button" class="ghost" id="send-test-mail" onclick={send_test}>{ T::SendTestMail.text(lang) }</button>
            </div>
            if let Some(problem) = (*test_error).clone() { <p class="form-error" id="test-mail-error">{ problem }</p> }
        </form>
        </>
    }
}

/// The e-mail cards; the log is asked again when a mail went in or was
/// retried (`Topic::Outbox`).
#[function_component(MailSettingsCards)]
pub fn mail_settings_cards() -> Html {
    html! {
        <>
            <MailServerCard />
            <MailTemplatesCard />
            <OutboxCard />
        </>
    }
}

/// One template at a time: chosen by event and language, its placeholders
/// listed; saved, or put back to Parc's own text.
#[function_component(MailTemplatesCard)]
pub fn mail_templates_card() -> Html {
    let app = use_app();
    let lang = app.lang;
    let key = use_state(|| MailTemplateKey {
        event: MailEvent::TicketCreated,
        language: lang,
    });
    let template = use_state(|| None::<MailTemplate>);
    let errors = use_state(FormErrors::default);
    let detail = use_state(|| None::<String>);
    {
        let (template, errors, detail) = (template.clone(), errors.clone(), detail.clone());
        use_effect_with(*key, move |key| {
            let key = *key;
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(all) = call::<commands::ListMailTemplates>(&()).await {
                    template.set(
                        all.into_iter()
                            .find(|t| t.event == key.event && t.language == key.language),
                    );
                    errors.set(FormErrors::default());
                    detail.set(None);
                }
            });
        });
    }
    let on_event = {
        let key = key.clone();
        Callback::from(move |e: Event| {
            if let Some(event) = MailEvent::from_code(&select_value(&e)) {
                key.set(MailTemplateKey { event, ..*key });
            }
        })
    };
    let on_language = {
        let key = key.clone();
        Callback::from(move |e: Event| {
            let language = Language::from_code(&select_value(&e)).unwrap_or_default();
            key.set(MailTemplateKey { language, ..*key });
        })
    };
    let Some(current) = (*template).clone() else {
        return html! {};
    };
    let on_subject = {
        let template = template.clone();
        Callback::from(move |value: String| {
            if let Some(mut next) = (*template).clone() {
                next.subject = value;
                template.set(Some(next));
            }
        })
    };
    let on_body = {
        let template = template.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(mut next) = (*template).clone() {
                next.body = textarea_value(&e);
                template.set(Some(next));
            }
        })
    };
    let save_or_reset = |reset: bool| {
        let (app, template, errors, detail, key) = (
            app.clone(),
            template.clone(),
            errors.clone(),
            detail.clone(),
            key.clone(),
        );
        Callback::from(move |_| {
            let Some(current) = (*template).clone() else {
                return;
            };
            let (app, template, errors, detail, key) = (
                app.clone(),
                template.clone(),
                errors.clone(),
                detail.clone(),
                *key,
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = if reset {
                    call::<commands::ResetMailTemplate>(&key).await
                } else {
                    let input = MailTemplateInput {
                        event: current.event,
                        language: current.language,
                        subject: current.subject,
                        body: current.body,
                    };
                    call::<commands::SaveMailTemplate>(&input).await
                };
                match result {
                    Ok(saved) => {
                        template.set(Some(saved));
                        errors.set(FormErrors::default());
                        detail.set(None);
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                    }
                    Err(error) => {
                        detail.set(Some(crate::state::error_text(&error, app.lang)));
                        errors.set(FormErrors::from_error(&error, app.lang));
                    }
                }
            });
        })
    };
    let field_error = |name: &str| {
        errors.field(name).map(|text| match &*detail {
            Some(why) => AttrValue::from(format!("{text} {why}")),
            None => text,
        })
    };
    html! {
        <div class="card form" id="mail-templates">
            <h3>{ T::MailTemplatesTitle.text(lang) }</h3>
            <div class="row">
                <select id="template-event" onchange={on_event}>
                    { for MailEvent::ALL.iter().map(|e| html! {
                        <option value={e.code()} selected={key.event == *e}>{ e.label(lang) }</option>
                    }) }
                </select>
                <select id="template-language" onchange={on_language}>
                    <option value="fr" selected={key.language == Language::Fr}>{ T::French.text(lang) }</option>
                    <option value="en" selected={key.language == Language::En}>{ T::English.text(lang) }</option>
                </select>
                if current.is_default { <span class="muted small" id="template-default">{ T::TemplateIsDefault.text(lang) }</span> }
            </div>
            <Field label={T::Subject.text(lang)} name="subject" value={current.subject.clone()} error={field_error("subject")} oninput={on_subject} />
            <div class={classes!("field", errors.field("body").is_some().then_some("invalid"))}>
                <label for="field-body">{ T::Body.text(lang) }</label>
                <textarea id="field-body" rows="8" value={current.body.clone()} oninput={on_body} />
                if let Some(error) = field_error("body") { <small class="error" data-error-for="body">{ error }</small> }
            </div>
            <p class="hint" id="template-placeholders">{ T::Placeholders.text(lang) }{ " " }
                { for current.event.placeholders().iter().map(|p| html! { <code class="placeholder">{ format!("{{{p}}}") }</code> }) }
            </p>
            <div class="actions">
                <button type="button" class="ghost" id="template-reset" onclick={save_or_reset(true)}>{ T::ResetTemplate.text(lang) }</button>
                <button type="button" id="template-save" onclick={save_or_reset(false)}>{ T::Save.text(lang) }</button>
            </div>
        </div>
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

//! The client portal in the app: Settings → Portal (whether it runs, where,
//! with HTTPS or not, the address links start with, and whether it runs
//! now), and a contact's access (on or off, which tickets, a sign-in link
//! made for them — shown once, mailed when e-mail is set up).

use crate::components::{checkbox_value, select_value, Field};
use crate::i18n::T;
use crate::ipc::call;
use crate::pages::desk::datetime_text;
use crate::state::{use_app, Action, FormErrors, ToastKind};
use parc_api::commands;
use parc_api::portal::{
    PortalAccess, PortalAccessInput, PortalLink, PortalSettings, PortalStatus, TicketScope,
};
use yew::prelude::*;

/// The settings form keeps the port as typed, checked when saved.
#[derive(Clone, PartialEq)]
struct Form {
    enabled: bool,
    bind_address: String,
    port: String,
    https: bool,
    base_url: String,
}

impl Form {
    fn of(settings: &PortalSettings) -> Form {
        Form {
            enabled: settings.enabled,
            bind_address: settings.bind_address.clone(),
            port: settings.port.to_string(),
            https: settings.https,
            base_url: settings.base_url.clone(),
        }
    }
}

#[function_component(PortalSettingsCard)]
pub fn portal_settings_card() -> Html {
    let app = use_app();
    let lang = app.lang;
    let status = use_state(|| None::<PortalStatus>);
    let form = use_state(|| None::<Form>);
    let errors = use_state(FormErrors::default);
    {
        let (status, form) = (status.clone(), form.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::GetPortalStatus>(&()).await {
                    form.set(Some(Form::of(&found.settings)));
                    status.set(Some(found));
                }
            });
        });
    }
    let (Some(current), Some(shown)) = ((*form).clone(), (*status).clone()) else {
        return html! {};
    };
    let edit = |apply: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |value: String| {
            if let Some(mut next) = (*form).clone() {
                apply(&mut next, value);
                form.set(Some(next));
            }
        })
    };
    let check = |apply: fn(&mut Form, bool)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            if let Some(mut next) = (*form).clone() {
                apply(&mut next, checkbox_value(&e));
                form.set(Some(next));
            }
        })
    };
    let onsubmit = {
        let (app, form, status, errors) =
            (app.clone(), form.clone(), status.clone(), errors.clone());
        let fingerprint = shown.settings.certificate_fingerprint.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(typed) = (*form).clone() else { return };
            let Ok(port) = typed.port.trim().parse::<u16>() else {
                let mut wrong = FormErrors::default();
                wrong
                    .fields
                    .insert("port".into(), T::ErrFormat.text(app.lang).to_owned());
                wrong.general = Some(T::ErrFixFields.text(app.lang).to_owned());
                errors.set(wrong);
                return;
            };
            let input = PortalSettings {
                enabled: typed.enabled,
                bind_address: typed.bind_address.clone(),
                port,
                https: typed.https,
                base_url: typed.base_url.clone(),
                certificate_fingerprint: fingerprint.clone(),
            };
            let (app, form, status, errors) =
                (app.clone(), form.clone(), status.clone(), errors.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SavePortalSettings>(&input).await {
                    Ok(saved) => {
                        errors.set(FormErrors::default());
                        form.set(Some(Form::of(&saved.settings)));
                        status.set(Some(saved));
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
    html! {
        <form class="card form" id="portal-form" {onsubmit}>
            <h3>{ T::PortalTitle.text(lang) }</h3>
            <p class="muted">{ T::PortalHint.text(lang) }</p>
            <label class="check"><input id="portal-enabled" type="checkbox" checked={current.enabled} onchange={check(|f, v| f.enabled = v)} />{ T::PortalEnabled.text(lang) }</label>
            <div class="row">
                <Field label={T::PortalBind.text(lang)} name="bind_address" value={current.bind_address.clone()} hint={T::PortalBindHint.text(lang)} error={errors.field("bind_address")} oninput={edit(|f, v| f.bind_address = v)} />
                <Field label={T::PortalPort.text(lang)} name="port" value={current.port.clone()} error={errors.field("port")} oninput={edit(|f, v| f.port = v)} />
            </div>
            <Field label={T::PortalBaseUrl.text(lang)} name="base_url" value={current.base_url.clone()} hint={T::PortalBaseUrlHint.text(lang)} error={errors.field("base_url")} oninput={edit(|f, v| f.base_url = v)} />
            <label class="check"><input id="portal-https" type="checkbox" checked={current.https} onchange={check(|f, v| f.https = v)} />{ T::PortalHttps.text(lang) }</label>
            if let Some(fingerprint) = &shown.settings.certificate_fingerprint {
                <p>{ T::PortalFingerprint.text(lang) }{ " " }<code id="portal-fingerprint" class="selectable">{ fingerprint.clone() }</code></p>
            }
            <p id="portal-status">
                if let Some(address) = &shown.listening {
                    { T::PortalRunning.text(lang) }{ " " }<strong id="portal-address">{ address.clone() }</strong>
                } else {
                    { T::PortalStopped.text(lang) }
                }
            </p>
            if let Some(problem) = &shown.problem { <p class="form-error" id="portal-problem">{ problem.clone() }</p> }
            if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
            <div class="actions"><button type="submit" id="portal-save">{ T::Save.text(lang) }</button></div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct PortalAccessProps {
    pub contact_id: i64,
}

/// A contact's portal access, on the contact's page (managers only).
#[function_component(PortalAccessCard)]
pub fn portal_access_card(props: &PortalAccessProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let access = use_state(|| None::<PortalAccess>);
    let link = use_state(|| None::<PortalLink>);
    let problem = use_state(|| None::<String>);
    {
        let access = access.clone();
        use_effect_with(props.contact_id, move |id| {
            let id = *id;
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::GetPortalAccess>(&id).await {
                    access.set(Some(found));
                }
            });
        });
    }
    let Some(current) = (*access).clone() else {
        return html! {};
    };
    let save = |change: fn(&mut PortalAccessInput, &Event)| {
        let (app, access, problem) = (app.clone(), access.clone(), problem.clone());
        let current = current.clone();
        Callback::from(move |e: Event| {
            let mut input = PortalAccessInput {
                contact_id: current.contact_id,
                enabled: current.enabled,
                ticket_scope: current.ticket_scope,
            };
            change(&mut input, &e);
            let (app, access, problem) = (app.clone(), access.clone(), problem.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SetPortalAccess>(&input).await {
                    Ok(saved) => {
                        problem.set(None);
                        access.set(Some(saved));
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                    }
                    Err(error) => {
                        problem.set(Some(crate::state::error_text(&error, lang)));
                        // The switch goes back to what is saved.
                        let id = input.contact_id;
                        if let Ok(found) = call::<commands::GetPortalAccess>(&id).await {
                            access.set(Some(found));
                        }
                    }
                }
            });
        })
    };
    let make_link = {
        let (access, link, problem) = (access.clone(), link.clone(), problem.clone());
        let id = current.contact_id;
        Callback::from(move |_| {
            let (access, link, problem) = (access.clone(), link.clone(), problem.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SendPortalLink>(&id).await {
                    Ok(made) => {
                        problem.set(None);
                        link.set(Some(made));
                        if let Ok(found) = call::<commands::GetPortalAccess>(&id).await {
                            access.set(Some(found));
                        }
                    }
                    Err(error) => problem.set(Some(crate::state::error_text(&error, lang))),
                }
            });
        })
    };
    html! {
        <div class="card form" id="portal-access">
            <h3>{ T::PortalAccessTitle.text(lang) }</h3>
            <label class="check"><input id="portal-access-enabled" type="checkbox" checked={current.enabled} onchange={save(|input, e| input.enabled = checkbox_value(e))} />{ T::PortalAccessOn.text(lang) }</label>
            <div class="field">
                <label for="portal-scope">{ T::PortalScope.text(lang) }</label>
                <select id="portal-scope" onchange={save(|input, e| input.ticket_scope = TicketScope::from_code(&select_value(e)).unwrap_or_default())}>
                    <option value="own" selected={current.ticket_scope == TicketScope::Own}>{ T::PortalScopeOwn.text(lang) }</option>
                    <option value="client" selected={current.ticket_scope == TicketScope::Client}>{ T::PortalScopeClient.text(lang) }</option>
                </select>
            </div>
            if current.enabled {
                <p id="portal-password-state">{ if current.password_set { T::PortalPasswordSet.text(lang) } else { T::PortalNoPassword.text(lang) } }
                    if let Some(until) = current.link_expires_at { { " " }{ T::PortalLinkWaiting.text(lang) }{ " " }{ datetime_text(until, &app.time_zone, lang) }{ "." } }
                </p>
                <div class="actions"><button type="button" class="ghost" id="portal-send-link" onclick={make_link}>{ T::PortalSendLink.text(lang) }</button></div>
            }
            if let Some(made) = (*link).clone() {
                <p>{ if made.mailed { T::PortalLinkMailed.text(lang) } else { T::PortalLinkShown.text(lang) } }</p>
                <p><code id="portal-link" class="selectable">{ made.url.clone() }</code></p>
            }
            if let Some(message) = (*problem).clone() { <p class="form-error" id="portal-access-error">{ message }</p> }
        </div>
    }
}

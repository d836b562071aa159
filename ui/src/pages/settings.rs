//! Settings: each user's own interface language; for managers, the
//! company's document language, the company
//! identity and the invoicing terms printed on every invoice (bank details,
//! payment terms, late-payment penalty rate, logo), the service desk's
//! auto-assignment, the SLA calendar and matrix, and the intervention
//! report's layout; with the numbering, alert rules, e-mail, portal and
//! backups from their own modules. One page, with its contents at the top.

use crate::components::Field;
use crate::i18n::T;
use crate::ipc::call;
use crate::route::Route;
use crate::state::{navigate, session_of, use_app, Action, FormErrors, ToastKind};
use parc_api::auth::{CompanyIdentity, Language};
use parc_api::commands;
use parc_api::commands::Command;
use parc_api::settings::{DeskSettings, InvoicingSettings, ReportLayout};
use parc_api::tickets::SlaSettings;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[function_component(Settings)]
pub fn settings() -> Html {
    let app = use_app();
    let lang = app.lang;
    let choose = |language: Language| {
        let app = app.clone();
        Callback::from(move |_| {
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SetLanguage>(&language).await {
                    Ok(()) => app.dispatch(Action::SetLang(language)),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        })
    };
    let manager = session_of(&app).is_some_and(|s| s.permissions.manage_settings);
    html! {
        <section>
            <div class="page-head"><h1>{ T::SettingsTitle.text(lang) }</h1></div>
            <div class="card form" id="own-language-card">
                <h3>{ T::YourLanguage.text(lang) }</h3>
                <p class="muted">{ T::YourLanguageHint.text(lang) }</p>
                <div class="choices">
                    <button id="settings-lang-fr" class={classes!("choice", (lang == Language::Fr).then_some("selected"))} onclick={choose(Language::Fr)}>{ T::French.text(lang) }</button>
                    <button id="settings-lang-en" class={classes!("choice", (lang == Language::En).then_some("selected"))} onclick={choose(Language::En)}>{ T::English.text(lang) }</button>
                </div>
            </div>
            <crate::pages::second_factor::OwnSecondFactor />
            if manager {
                <nav class="card settings-toc" id="settings-toc">
                    { for SECTIONS.iter().map(|(id, title)| {
                        let id = *id;
                        let onclick = Callback::from(move |_: MouseEvent| scroll_to_card(id));
                        html! { <button type="button" class="ghost small" data-to={id} {onclick}>{ title.text(lang) }</button> }
                    }) }
                </nav>
                <CompanySettings />
                <DocumentLanguageCard />
                <crate::pages::second_factor::SecondFactorPolicyCard />
                <InvoicingSettingsCard />
                <crate::pages::numbering::NumberingCard />
                <DeskSettingsCard />
                <SlaSettingsCard />
                <div class="card form" id="types-card">
                    <h3>{ T::EquipmentTypesTitle.text(lang) }</h3>
                    <p class="muted">{ T::EquipmentTypesExplained.text(lang) }</p>
                    <div class="actions"><button type="button" class="ghost" id="open-catalogue" onclick={Callback::from(|_: MouseEvent| navigate(&Route::Catalogue))}>{ T::OpenCatalogue.text(lang) }</button></div>
                </div>
                <crate::pages::alerts::AlertRulesCard />
                <crate::pages::mail_settings::MailSettingsCards />
                <crate::pages::portal_settings::PortalSettingsCard />
                <ReportLayoutCard />
                <crate::pages::backups::BackupsCard />
            }
        </section>
    }
}

/// The company's document language (managers): what invoices, reports and
/// mails to clients are written in, whoever's screen shows what.
#[function_component(DocumentLanguageCard)]
fn document_language_card() -> Html {
    let app = use_app();
    let lang = app.lang;
    let chosen = use_state(|| None::<Language>);
    {
        let (chosen, app) = (chosen.clone(), app.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::GetDocumentLanguage>(&()).await {
                    Ok(found) => chosen.set(Some(found)),
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        });
    }
    let choose = |language: Language| {
        let (chosen, app) = (chosen.clone(), app.clone());
        Callback::from(move |_| {
            let (chosen, app) = (chosen.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::SetDocumentLanguage>(&language).await {
                    Ok(()) => {
                        chosen.set(Some(language));
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                    }
                    Err(error) => app.dispatch(Action::Failed(error)),
                }
            });
        })
    };
    let selected = |language: Language| (*chosen == Some(language)).then_some("selected");
    html! {
        <div class="card form" id="document-language-form">
            <h3>{ T::DocumentLanguageTitle.text(lang) }</h3>
            <p class="muted">{ T::DocumentLanguageHint.text(lang) }</p>
            <div class="choices">
                <button id="document-lang-fr" class={classes!("choice", selected(Language::Fr))} onclick={choose(Language::Fr)}>{ T::French.text(lang) }</button>
                <button id="document-lang-en" class={classes!("choice", selected(Language::En))} onclick={choose(Language::En)}>{ T::English.text(lang) }</button>
            </div>
        </div>
    }
}

/// The managers' cards, in page order, for the contents at the top.
const SECTIONS: &[(&str, T)] = &[
    ("company-form", T::CompanyTitle),
    ("document-language-form", T::DocumentLanguageTitle),
    ("second-factor-policy", T::SecondFactorPolicyTitle),
    ("invoicing-form", T::InvoicingTitle),
    ("numbering-card", T::NumberingTitle),
    ("desk-form", T::DeskTitle),
    ("sla-form", T::SlaSettingsTitle),
    ("types-card", T::EquipmentTypesTitle),
    ("alert-rules", T::AlertRulesTitle),
    ("mail-form", T::MailServerTitle),
    ("portal-form", T::PortalTitle),
    ("report-layout-form", T::ReportLayoutTitle),
    ("backup-form", T::BackupsTitle),
];

fn scroll_to_card(id: &str) {
    if let Some(card) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        card.scroll_into_view();
    }
}

/// Saves `value` through `command` (taking `input`), showing the core's
/// messages beside the fields.
fn save<C: Command<Output = ()>>(
    app: &crate::state::AppContext,
    value: &UseStateHandle<Option<C::Input>>,
    errors: &UseStateHandle<FormErrors>,
) -> Callback<SubmitEvent>
where
    C::Input: Clone,
{
    save_then::<C>(app, value, errors, Callback::noop())
}

/// The same, running `then` once the value is saved.
pub(crate) fn save_then<C: Command<Output = ()>>(
    app: &crate::state::AppContext,
    value: &UseStateHandle<Option<C::Input>>,
    errors: &UseStateHandle<FormErrors>,
    then: Callback<()>,
) -> Callback<SubmitEvent>
where
    C::Input: Clone,
{
    let (app, value, errors) = (app.clone(), value.clone(), errors.clone());
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let Some(input) = (*value).clone() else {
            return;
        };
        let (app, errors, then) = (app.clone(), errors.clone(), then.clone());
        wasm_bindgen_futures::spawn_local(async move {
            match call::<C>(&input).await {
                Ok(()) => {
                    errors.set(FormErrors::default());
                    then.emit(());
                    app.dispatch(Action::Toast(
                        ToastKind::Success,
                        T::Saved.text(app.lang).to_owned(),
                    ));
                }
                Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
            }
        });
    })
}

#[function_component(CompanySettings)]
fn company_settings() -> Html {
    let app = use_app();
    let lang = app.lang;
    let company = use_state(|| None::<CompanyIdentity>);
    let errors = use_state(FormErrors::default);
    {
        let company = company.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::GetCompany>(&()).await {
                    company.set(Some(found));
                }
            });
        });
    }
    let Some(current) = (*company).clone() else {
        return html! {};
    };
    let edit = |apply: fn(&mut CompanyIdentity, String)| {
        let company = company.clone();
        Callback::from(move |value: String| {
            if let Some(mut next) = (*company).clone() {
                apply(&mut next, value);
                company.set(Some(next));
            }
        })
    };
    let onsubmit = save::<commands::SetCompany>(&app, &company, &errors);
    html! {
        <form class="card form" id="company-form" {onsubmit}>
            <h3>{ T::CompanyTitle.text(lang) }</h3>
            <p class="muted">{ T::CompanyExplained.text(lang) }</p>
            <Field label={T::CompanyName.text(lang)} name="company.name" value={current.name.clone()} error={errors.field("company.name")} oninput={edit(|c, v| c.name = v)} />
            <Field label={T::Address.text(lang)} name="company.address" multiline=true value={current.address.clone()} error={errors.field("company.address")} oninput={edit(|c, v| c.address = v)} />
            <div class="row">
                <Field label={T::Siret.text(lang)} name="company.siret" value={current.siret.clone()} error={errors.field("company.siret")} oninput={edit(|c, v| c.siret = v)} />
                <Field label={T::VatNumber.text(lang)} name="company.vat_number" value={current.vat_number.clone()} error={errors.field("company.vat_number")} oninput={edit(|c, v| c.vat_number = v)} />
            </div>
            if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
            <div class="actions"><button type="submit" id="company-save">{ T::Save.text(lang) }</button></div>
        </form>
    }
}

#[function_component(InvoicingSettingsCard)]
fn invoicing_settings() -> Html {
    let app = use_app();
    let lang = app.lang;
    let settings = use_state(|| None::<InvoicingSettings>);
    let errors = use_state(FormErrors::default);
    let reload = use_state(|| 0u32);
    {
        let settings = settings.clone();
        use_effect_with(*reload, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::GetInvoicingSettings>(&()).await {
                    settings.set(Some(found));
                }
            });
        });
    }
    let Some(current) = (*settings).clone() else {
        return html! {};
    };
    let edit = |apply: fn(&mut InvoicingSettings, String)| {
        let settings = settings.clone();
        Callback::from(move |value: String| {
            if let Some(mut next) = (*settings).clone() {
                apply(&mut next, value);
                settings.set(Some(next));
            }
        })
    };
    let onsubmit = save::<commands::SetInvoicingSettings>(&app, &settings, &errors);
    let set_logo = {
        let (app, reload, errors) = (app.clone(), reload.clone(), errors.clone());
        move |image: Option<web_sys::File>| {
            let (app, reload, errors) = (app.clone(), reload.clone(), errors.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = match image {
                    Some(file) => {
                        match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                            Err(_) => return,
                        }
                    }
                    None => Vec::new(),
                };
                match call::<commands::SetCompanyLogo>(&bytes).await {
                    Ok(()) => {
                        errors.set(FormErrors::default());
                        reload.set(*reload + 1);
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                    }
                    Err(error) => errors.set(FormErrors::from_error(&error, app.lang)),
                }
            });
        }
    };
    let on_logo = {
        let set_logo = set_logo.clone();
        Callback::from(move |e: Event| {
            let input = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok());
            if let Some(file) = input.and_then(|i| i.files()).and_then(|list| list.get(0)) {
                set_logo(Some(file));
            }
        })
    };
    let remove_logo = Callback::from(move |_| set_logo(None));
    html! {
        <form class="card form" id="invoicing-form" {onsubmit}>
            <h3>{ T::InvoicingTitle.text(lang) }</h3>
            <p class="muted">{ T::InvoicingExplained.text(lang) }</p>
            <div class="row">
                <Field label={T::Iban.text(lang)} name="iban" value={current.iban.clone()} error={errors.field("iban")} oninput={edit(|s, v| s.iban = v)} />
                <Field label={T::Bic.text(lang)} name="bic" value={current.bic.clone()} error={errors.field("bic")} oninput={edit(|s, v| s.bic = v)} />
            </div>
            <div class="row">
                <Field label={T::PaymentTermsDays.text(lang)} name="payment_terms_days" value={current.payment_terms_days.clone()} error={errors.field("payment_terms_days")} oninput={edit(|s, v| s.payment_terms_days = v)} />
                <Field label={T::LatePenaltyRate.text(lang)} name="late_penalty_rate" value={current.late_penalty_rate.clone()} error={errors.field("late_penalty_rate")} oninput={edit(|s, v| s.late_penalty_rate = v)} />
            </div>
            <Field label={T::HourlyRate.text(lang)} name="hourly_rate" value={current.hourly_rate.clone()} error={errors.field("hourly_rate")} hint={AttrValue::from(T::HourlyRateHint.text(lang))} oninput={edit(|s, v| s.hourly_rate = v)} />
            <div class={classes!("field", errors.field("logo").is_some().then_some("invalid"))}>
                <label for="field-logo">{ T::Logo.text(lang) }</label>
                <input id="field-logo" type="file" accept="image/png,image/jpeg" onchange={on_logo} />
                <small class="hint" id="logo-state">{ if current.has_logo { T::LogoSet } else { T::NoLogo }.text(lang) }</small>
                if let Some(error) = errors.field("logo") { <small class="error" data-error-for="logo">{ error }</small> }
            </div>
            if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
            <div class="actions">
                if current.has_logo { <button type="button" class="ghost" id="logo-remove" onclick={remove_logo}>{ T::RemoveLogo.text(lang) }</button> }
                <button type="submit" id="invoicing-save">{ T::Save.text(lang) }</button>
            </div>
        </form>
    }
}

/// Loads a settings value through `command` once.
#[hook]
pub(crate) fn use_loaded<C: Command<Input = ()>>() -> UseStateHandle<Option<C::Output>> {
    let value = use_state(|| None::<C::Output>);
    {
        let value = value.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<C>(&()).await {
                    value.set(Some(found));
                }
            });
        });
    }
    value
}

#[function_component(DeskSettingsCard)]
fn desk_settings() -> Html {
    let app = use_app();
    let lang = app.lang;
    let desk = use_loaded::<commands::GetDeskSettings>();
    let errors = use_state(FormErrors::default);
    let Some(current) = (*desk).clone() else {
        return html! {};
    };
    let on_auto = {
        let desk = desk.clone();
        Callback::from(move |e: Event| {
            desk.set(Some(DeskSettings {
                auto_assign: crate::components::checkbox_value(&e),
            }))
        })
    };
    let onsubmit = save::<commands::SetDeskSettings>(&app, &desk, &errors);
    html! {
        <form class="card form" id="desk-form" {onsubmit}>
            <h3>{ T::DeskTitle.text(lang) }</h3>
            <p class="muted">{ T::DeskExplained.text(lang) }</p>
            <label class="check"><input id="field-auto_assign" type="checkbox" checked={current.auto_assign} onchange={on_auto} />{ T::AutoAssign.text(lang) }</label>
            <small class="hint">{ T::AutoAssignHint.text(lang) }</small>
            <div class="actions"><button type="submit" id="desk-save">{ T::Save.text(lang) }</button></div>
        </form>
    }
}

#[function_component(ReportLayoutCard)]
fn report_layout() -> Html {
    let app = use_app();
    let lang = app.lang;
    let layout = use_loaded::<commands::GetReportLayout>();
    let errors = use_state(FormErrors::default);
    let Some(current) = (*layout).clone() else {
        return html! {};
    };
    let edit = |apply: fn(&mut ReportLayout, String)| {
        let layout = layout.clone();
        Callback::from(move |value: String| {
            if let Some(mut next) = (*layout).clone() {
                apply(&mut next, value);
                layout.set(Some(next));
            }
        })
    };
    let check = |id: &'static str, label: T, on: bool, apply: fn(&mut ReportLayout, bool)| {
        let layout = layout.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Some(mut next) = (*layout).clone() {
                apply(&mut next, crate::components::checkbox_value(&e));
                layout.set(Some(next));
            }
        });
        html! { <label class="check"><input {id} type="checkbox" checked={on} {onchange} />{ label.text(lang) }</label> }
    };
    let onsubmit = save::<commands::SetReportLayout>(&app, &layout, &errors);
    html! {
        <form class="card form" id="report-layout-form" {onsubmit}>
            <h3>{ T::ReportLayoutTitle.text(lang) }</h3>
            <p class="muted">{ T::ReportLayoutExplained.text(lang) }</p>
            <Field label={T::HeaderText.text(lang)} name="header_text" multiline=true value={current.header_text.clone()} error={errors.field("header_text")} oninput={edit(|l, v| l.header_text = v)} />
            <Field label={T::FooterText.text(lang)} name="footer_text" value={current.footer_text.clone()} error={errors.field("footer_text")} oninput={edit(|l, v| l.footer_text = v)} />
            <Field label={T::ReportTerms.text(lang)} name="terms" multiline=true value={current.terms.clone()} error={errors.field("terms")} oninput={edit(|l, v| l.terms = v)} />
            <fieldset class="checks">
                <legend>{ T::SectionsShown.text(lang) }</legend>
                { check("show-logo", T::Logo, current.show_logo, |l, v| l.show_logo = v) }
                { check("show-ticket", T::Ticket, current.show_ticket, |l, v| l.show_ticket = v) }
                { check("show-equipment", T::TabEquipment, current.show_equipment, |l, v| l.show_equipment = v) }
                { check("show-time", T::TimeSpent, current.show_time, |l, v| l.show_time = v) }
                { check("show-work-done", T::WorkDone, current.show_work_done, |l, v| l.show_work_done = v) }
                { check("show-parts", T::PartsUsed, current.show_parts, |l, v| l.show_parts = v) }
                { check("show-signatures", T::Signatures, current.show_signatures, |l, v| l.show_signatures = v) }
            </fieldset>
            if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
            <div class="actions"><button type="submit" id="report-layout-save">{ T::Save.text(lang) }</button></div>
        </form>
    }
}

/// A change typed into one field of the SLA settings.
type EditSla = dyn Fn(&mut SlaSettings, String);

#[function_component(SlaSettingsCard)]
fn sla_settings() -> Html {
    let app = use_app();
    let lang = app.lang;
    let sla = use_loaded::<commands::GetSlaSettings>();
    let errors = use_state(FormErrors::default);
    let Some(current) = (*sla).clone() else {
        return html! {};
    };
    let edit = |apply: Box<EditSla>| {
        let sla = sla.clone();
        let apply = std::rc::Rc::new(apply);
        Callback::from(move |value: String| {
            if let Some(mut next) = (*sla).clone() {
                apply(&mut next, value);
                sla.set(Some(next));
            }
        })
    };
    let days = [
        T::Monday,
        T::Tuesday,
        T::Wednesday,
        T::Thursday,
        T::Friday,
        T::Saturday,
        T::Sunday,
    ];
    // Once saved, times are shown in the zone just saved.
    let zone = current.calendar.time_zone.trim().to_owned();
    let onsubmit = {
        let app2 = app.clone();
        save_then::<commands::SetSlaSettings>(
            &app,
            &sla,
            &errors,
            Callback::from(move |()| app2.dispatch(Action::TimeZoneChanged(zone.clone()))),
        )
    };
    html! {
        <form class="card form wide" id="sla-form" {onsubmit}>
            <h3>{ T::SlaSettingsTitle.text(lang) }</h3>
            <p class="hint">{ T::SlaSettingsHint.text(lang) }</p>
            <Field label={T::TimeZone.text(lang)} name="calendar.time_zone" value={current.calendar.time_zone.clone()} error={errors.field("calendar.time_zone")} oninput={edit(Box::new(|s, v| s.calendar.time_zone = v))} />
            <div class="grid-2">
                { for days.iter().enumerate().map(|(day, label)| html! {
                    <Field label={label.text(lang)} name={format!("calendar.week[{day}]")} value={current.calendar.week[day].clone()} error={errors.field(&format!("calendar.week[{day}]"))}
                        hint={(day == 0).then(|| AttrValue::from(T::OpeningHoursHint.text(lang)))}
                        oninput={edit(Box::new(move |s, v| s.calendar.week[day] = v))} />
                }) }
            </div>
            <Field label={T::Holidays.text(lang)} name="calendar.holidays" multiline=true value={current.calendar.holidays.clone()} error={errors.field("calendar.holidays")} oninput={edit(Box::new(|s, v| s.calendar.holidays = v))} />
            <table class="list compact" id="sla-matrix">
                <thead><tr><th>{ T::ServiceLevel.text(lang) }</th><th>{ T::Priority.text(lang) }</th><th>{ T::FirstResponseHours.text(lang) }</th><th>{ T::ResolutionHours.text(lang) }</th><th>{ T::AroundTheClock.text(lang) }</th></tr></thead>
                <tbody>
                    { for current.matrix.iter().enumerate().map(|(n, cell)| {
                        let field = |name: &str| format!("matrix[{n}].{name}");
                        let text = |name: &'static str, value: &str, apply: fn(&mut parc_api::tickets::SlaCellInput, String)| {
                            let sla = sla.clone();
                            let oninput = Callback::from(move |e: InputEvent| {
                                if let Some(mut next) = (*sla).clone() {
                                    if let Some(cell) = next.matrix.get_mut(n) { apply(cell, crate::components::input_value(&e)); }
                                    sla.set(Some(next));
                                }
                            });
                            let error = errors.field(&field(name));
                            html! { <td class={classes!(error.is_some().then_some("invalid"))}>
                                <input id={format!("sla-{n}-{name}")} name={field(name)} value={value.to_owned()} {oninput} aria-invalid={error.is_some().to_string()} />
                                if let Some(error) = error { <small class="error" data-error-for={field(name)}>{ error }</small> }
                            </td> }
                        };
                        let toggle = {
                            let sla = sla.clone();
                            Callback::from(move |e: Event| {
                                if let Some(mut next) = (*sla).clone() {
                                    if let Some(cell) = next.matrix.get_mut(n) { cell.around_the_clock = crate::components::checkbox_value(&e); }
                                    sla.set(Some(next));
                                }
                            })
                        };
                        html! { <tr>
                            <td>{ crate::components::level_text(cell.level).text(lang) }</td>
                            <td>{ crate::pages::desk::priority_text(cell.priority).text(lang) }</td>
                            { text("first_response", &cell.first_response, |c, v| c.first_response = v) }
                            { text("resolution", &cell.resolution, |c, v| c.resolution = v) }
                            <td><input type="checkbox" id={format!("sla-{n}-24-7")} checked={cell.around_the_clock} onchange={toggle} /></td>
                        </tr> }
                    }) }
                </tbody>
            </table>
            if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
            <div class="actions"><button type="submit" id="sla-save">{ T::Save.text(lang) }</button></div>
        </form>
    }
}

//! The first-run wizard: language, company identity, first manager, demo data.
//! What was typed stays when the core refuses a field; the wizard goes back to
//! the step of that field and shows the message beside it.

use crate::components::Field;
use crate::forms::{bind, bind_check};
use crate::i18n::T;
use crate::ipc::call;
use crate::state::{use_app, Action, FormErrors};
use parc_api::auth::{CompanyIdentity, Language, SetupRequest};
use parc_api::commands;
use yew::prelude::*;

/// The wizard's field names are the core's, except the manager's, which the
/// core knows as a plain user.
fn wizard_field(core_field: &str) -> String {
    match core_field {
        "name" => "manager_name".into(),
        "email" => "manager_email".into(),
        "password" => "manager_password".into(),
        other => other.into(),
    }
}

fn step_of(field: &str) -> usize {
    if field.starts_with("company.") {
        1
    } else {
        2
    }
}

#[function_component(Wizard)]
pub fn wizard() -> Html {
    let app = use_app();
    let lang = app.lang;
    let step = use_state(|| 0usize);
    let busy = use_state(|| false);
    let errors = use_state(FormErrors::default);
    let form = use_state(|| SetupRequest {
        language: lang,
        company: CompanyIdentity::default(),
        manager_name: String::new(),
        manager_email: String::new(),
        manager_password: String::new(),
        with_demo_data: false,
    });

    let edit = |apply: fn(&mut SetupRequest, String)| bind(&form, apply);
    let choose_language = |language: Language| {
        let form = form.clone();
        let app = app.clone();
        Callback::from(move |_| {
            let mut next = (*form).clone();
            next.language = language;
            form.set(next);
            app.dispatch(Action::SetLang(language));
        })
    };
    let go = |to: usize| {
        let step = step.clone();
        Callback::from(move |_| step.set(to))
    };
    let toggle_demo = bind_check(&form, |f: &mut SetupRequest, v| f.with_demo_data = v);
    let finish = {
        let (form, errors, busy, step, app) = (
            form.clone(),
            errors.clone(),
            busy.clone(),
            step.clone(),
            app.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (form, errors, busy, step, app) = (
                form.clone(),
                errors.clone(),
                busy.clone(),
                step.clone(),
                app.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = call::<commands::CompleteSetup>(&*form).await;
                busy.set(false);
                match result {
                    Ok(()) => app.dispatch(Action::SetupDone),
                    Err(error) => {
                        let mut found = FormErrors::from_error(&error, app.lang);
                        found.fields = found
                            .fields
                            .into_iter()
                            .map(|(k, v)| (wizard_field(&k), v))
                            .collect();
                        if let Some(field) = found.fields.keys().next() {
                            step.set(step_of(field));
                        }
                        errors.set(found);
                    }
                }
            });
        })
    };

    let steps = [
        T::WizardStepLanguage,
        T::WizardStepCompany,
        T::WizardStepManager,
    ];
    let body = match *step {
        0 => html! {
            <div class="choices">
                <button type="button" id="wizard-lang-fr" class={classes!("choice", (form.language == Language::Fr).then_some("selected"))} onclick={choose_language(Language::Fr)}>{ "Français" }</button>
                <button type="button" id="wizard-lang-en" class={classes!("choice", (form.language == Language::En).then_some("selected"))} onclick={choose_language(Language::En)}>{ "English" }</button>
            </div>
        },
        1 => html! {
            <>
                <Field label={T::CompanyName.text(lang)} name="company.name" value={form.company.name.clone()} error={errors.field("company.name")} oninput={edit(|f, v| f.company.name = v)} autofocus=true />
                <Field label={T::Address.text(lang)} name="company.address" multiline=true value={form.company.address.clone()} error={errors.field("company.address")} oninput={edit(|f, v| f.company.address = v)} />
                <div class="row">
                    <Field label={T::Siret.text(lang)} name="company.siret" value={form.company.siret.clone()} error={errors.field("company.siret")} oninput={edit(|f, v| f.company.siret = v)} />
                    <Field label={T::VatNumber.text(lang)} name="company.vat_number" value={form.company.vat_number.clone()} error={errors.field("company.vat_number")} oninput={edit(|f, v| f.company.vat_number = v)} />
                </div>
            </>
        },
        _ => html! {
            <>
                <Field label={T::ManagerName.text(lang)} name="manager_name" value={form.manager_name.clone()} error={errors.field("manager_name")} oninput={edit(|f, v| f.manager_name = v)} autofocus=true />
                <Field label={T::Email.text(lang)} name="manager_email" kind="email" value={form.manager_email.clone()} error={errors.field("manager_email")} oninput={edit(|f, v| f.manager_email = v)} />
                <Field label={T::Password.text(lang)} name="manager_password" kind="password" value={form.manager_password.clone()} error={errors.field("manager_password")} oninput={edit(|f, v| f.manager_password = v)} />
                <label class="check">
                    <input type="checkbox" id="wizard-demo" checked={form.with_demo_data} onchange={toggle_demo} />
                    { T::StartWithDemo.text(lang) }
                </label>
            </>
        },
    };
    let last = *step == steps.len() - 1;
    html! {
        <div class="center-screen">
            <form class="card wizard" id="wizard" onsubmit={finish}>
                <h1>{ T::WizardTitle.text(lang) }</h1>
                <p class="muted">{ T::WizardIntro.text(lang) }</p>
                <ol class="steps">
                    { for steps.iter().enumerate().map(|(i, s)| html! { <li class={classes!((i == *step).then_some("current"), (i < *step).then_some("done"))}>{ s.text(lang) }</li> }) }
                </ol>
                { body }
                if let Some(general) = &errors.general { <p class="form-error">{ general.clone() }</p> }
                <div class="actions">
                    if *step > 0 { <button type="button" class="ghost" id="wizard-back" onclick={go(*step - 1)}>{ T::Back.text(lang) }</button> }
                    if last {
                        <button type="submit" id="wizard-finish" disabled={*busy}>{ T::Finish.text(lang) }</button>
                    } else {
                        <button type="button" id="wizard-next" onclick={go(*step + 1)}>{ T::Next.text(lang) }</button>
                    }
                </div>
            </form>
        </div>
    }
}

//! The settings page's e-mail templates: one at a time, chosen by event and
//! language, its placeholders listed; saved, or put back to Parc's own
//! text. The card's state (the template chosen, as typed, and why a save
//! was refused) changes through named actions, tested without a window.

use crate::components::{select_value, textarea_value, Field};
use crate::i18n::T;
use crate::ipc::call;
use crate::state::{use_app, Action, FormErrors, ToastKind};
use parc_api::auth::Language;
use parc_api::commands;
use parc_api::mail::{MailEvent, MailTemplate, MailTemplateInput, MailTemplateKey};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct TemplateState {
    pub key: MailTemplateKey,
    /// The template as typed; none until it is loaded.
    pub template: Option<MailTemplate>,
    pub errors: FormErrors,
    /// The backend's own words about a refusal (the placeholder at fault).
    pub detail: Option<String>,
}

pub enum TemplateAction {
    /// Another event or language chosen: its template is loaded next.
    Choose(MailTemplateKey),
    Loaded(Option<MailTemplate>),
    Subject(String),
    Body(String),
    /// Saved or put back: the backend's copy, nothing refused.
    Saved(MailTemplate),
    Refused {
        errors: FormErrors,
        detail: String,
    },
}

impl TemplateState {
    pub fn new(language: Language) -> Self {
        TemplateState {
            key: MailTemplateKey {
                event: MailEvent::TicketCreated,
                language,
            },
            template: None,
            errors: FormErrors::default(),
            detail: None,
        }
    }

    /// The refusal shown under `field`, with the backend's detail.
    pub fn field_error(&self, field: &str) -> Option<AttrValue> {
        self.errors.field(field).map(|text| match &self.detail {
            Some(why) => AttrValue::from(format!("{text} {why}")),
            None => text,
        })
    }

    fn edit(&mut self, change: impl FnOnce(&mut MailTemplate)) {
        if let Some(template) = &mut self.template {
            change(template);
        }
    }

    fn forget_refusal(&mut self) {
        self.errors = FormErrors::default();
        self.detail = None;
    }
}

impl Reducible for TemplateState {
    type Action = TemplateAction;

    fn reduce(self: Rc<Self>, action: TemplateAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            TemplateAction::Choose(key) => next.key = key,
            TemplateAction::Loaded(template) => {
                next.template = template;
                next.forget_refusal();
            }
            TemplateAction::Subject(subject) => next.edit(|t| t.subject = subject),
            TemplateAction::Body(body) => next.edit(|t| t.body = body),
            TemplateAction::Saved(template) => {
                next.template = Some(template);
                next.forget_refusal();
            }
            TemplateAction::Refused { errors, detail } => {
                next.errors = errors;
                next.detail = Some(detail);
            }
        }
        Rc::new(next)
    }
}

/// Saves the template as typed (or, with `reset`, puts Parc's text back).
fn save(state: UseReducerHandle<TemplateState>, app: crate::state::AppContext, reset: bool) {
    let Some(current) = state.template.clone() else {
        return;
    };
    let key = state.key;
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
                state.dispatch(TemplateAction::Saved(saved));
                app.dispatch(Action::Toast(
                    ToastKind::Success,
                    T::Saved.text(app.lang).to_owned(),
                ));
            }
            Err(error) => state.dispatch(TemplateAction::Refused {
                errors: FormErrors::from_error(&error, app.lang),
                detail: crate::state::error_text(&error, app.lang),
            }),
        }
    });
}

#[function_component(MailTemplatesCard)]
pub fn mail_templates_card() -> Html {
    let app = use_app();
    let lang = app.lang;
    let state = use_reducer(|| TemplateState::new(lang));
    {
        let state = state.clone();
        use_effect_with(state.key, move |key| {
            let key = *key;
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(all) = call::<commands::ListMailTemplates>(&()).await {
                    let chosen = all
                        .into_iter()
                        .find(|t| t.event == key.event && t.language == key.language);
                    state.dispatch(TemplateAction::Loaded(chosen));
                }
            });
        });
    }
    let key = state.key;
    let on_event = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(event) = MailEvent::from_code(&select_value(&e)) {
                state.dispatch(TemplateAction::Choose(MailTemplateKey { event, ..key }));
            }
        })
    };
    let on_language = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let language = Language::from_code(&select_value(&e)).unwrap_or_default();
            state.dispatch(TemplateAction::Choose(MailTemplateKey { language, ..key }));
        })
    };
    let Some(current) = state.template.clone() else {
        return html! {};
    };
    let on_subject = {
        let state = state.clone();
        Callback::from(move |value: String| state.dispatch(TemplateAction::Subject(value)))
    };
    let on_body = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.dispatch(TemplateAction::Body(textarea_value(&e)))
        })
    };
    let save_or_reset = |reset: bool| {
        let (state, app) = (state.clone(), app.clone());
        Callback::from(move |_| save(state.clone(), app.clone(), reset))
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
            <Field label={T::Subject.text(lang)} name="subject" value={current.subject.clone()} error={state.field_error("subject")} oninput={on_subject} />
            <div class={classes!("field", state.errors.field("body").is_some().then_some("invalid"))}>
                <label for="field-body">{ T::Body.text(lang) }</label>
                <textarea id="field-body" rows="8" value={current.body.clone()} oninput={on_body} />
                if let Some(error) = state.field_error("body") { <small class="error" data-error-for="body">{ error }</small> }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn template(subject: &str) -> MailTemplate {
        MailTemplate {
            event: MailEvent::TicketCreated,
            language: Language::Fr,
            subject: subject.into(),
            body: "Bonjour {contact}".into(),
            is_default: false,
        }
    }

    fn after(actions: Vec<TemplateAction>) -> TemplateState {
        let mut state = Rc::new(TemplateState::new(Language::Fr));
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn refusal() -> TemplateAction {
        let mut errors = FormErrors::default();
        errors.fields.insert("subject".into(), "Invalide.".into());
        TemplateAction::Refused {
            errors,
            detail: "{invoice} n'est pas une variable de cet événement".into(),
        }
    }

    #[test]
    fn typing_before_the_template_is_loaded_changes_nothing() {
        let state = after(vec![TemplateAction::Subject("Reçu".into())]);
        assert_eq!(state.template, None);
        let state = after(vec![
            TemplateAction::Loaded(Some(template("[{ticket}] {title}"))),
            TemplateAction::Subject("Reçu : {ticket}".into()),
            TemplateAction::Body("Merci".into()),
        ]);
        let typed = state.template.unwrap();
        assert_eq!(
            (typed.subject.as_str(), typed.body.as_str()),
            ("Reçu : {ticket}", "Merci")
        );
    }

    #[test]
    fn a_refusal_keeps_what_was_typed_and_names_the_placeholder_under_the_field() {
        let state = after(vec![
            TemplateAction::Loaded(Some(template("[{ticket}]"))),
            TemplateAction::Subject("[{ticket}] {invoice}".into()),
            refusal(),
        ]);
        assert_eq!(
            state.template.as_ref().unwrap().subject,
            "[{ticket}] {invoice}"
        );
        let shown = state.field_error("subject").unwrap();
        assert!(
            shown.contains("Invalide.") && shown.contains("{invoice}"),
            "{shown}"
        );
        assert_eq!(state.field_error("body"), None);
    }

    #[test]
    fn saving_or_choosing_another_template_forgets_the_refusal() {
        let refused = vec![TemplateAction::Loaded(Some(template("a"))), refusal()];
        let mut saved = refused;
        saved.push(TemplateAction::Saved(template("b")));
        let state = after(saved);
        assert_eq!(state.field_error("subject"), None);
        assert_eq!(state.template.unwrap().subject, "b");

        let chosen = after(vec![
            TemplateAction::Loaded(Some(template("a"))),
            refusal(),
            TemplateAction::Choose(MailTemplateKey {
                event: MailEvent::TicketResolved,
                language: Language::En,
            }),
            TemplateAction::Loaded(None),
        ]);
        assert_eq!(chosen.key.event, MailEvent::TicketResolved);
        assert_eq!(chosen.field_error("subject"), None);
    }
}

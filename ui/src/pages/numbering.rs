//! Settings → Numbering (managers): each sequence's prefix, padding,
//! yearly reset and next number, with the reference the next record will
//! get previewed as it is typed (by the same formula the core numbers
//! with). Invoices and credit notes show their series as locked: the law
//! wants it unbroken.

use crate::components::{checkbox_value, input_value};
use crate::i18n::T;
use crate::ipc::call;
use crate::state::{use_app, Action, FormErrors, ToastKind};
use parc_api::auth::Language;
use parc_api::commands;
use parc_api::sequences::{format_reference, SequenceInput, SequenceSettings};
use yew::prelude::*;

fn sequence_name(code: &str, lang: Language) -> &'static str {
    match code {
        "client" => T::SeqClient,
        "equipment" => T::SeqEquipment,
        "contract" => T::SeqContract,
        "ticket" => T::SeqTicket,
        "intervention" => T::SeqIntervention,
        "licence" => T::SeqLicence,
        "invoice" => T::SeqInvoice,
        "credit_note" => T::SeqCreditNote,
        _ => T::ErrUnknown,
    }
    .text(lang)
}

/// The reference the draft would give next, or a dash while it cannot.
fn preview(draft: &SequenceInput, year: i32) -> String {
    match (
        draft.padding.trim().parse::<i32>(),
        draft
            .next_number
            .as_deref()
            .unwrap_or("")
            .trim()
            .parse::<i64>(),
    ) {
        (Ok(padding), Ok(next)) if (0..=12).contains(&padding) && next > 0 => {
            format_reference(draft.prefix.trim(), padding, draft.yearly_reset, year, next)
        }
        _ => "—".to_owned(),
    }
}

fn draft_of(s: &SequenceSettings) -> SequenceInput {
    SequenceInput {
        code: s.code.clone(),
        prefix: s.prefix.clone(),
        padding: s.padding.to_string(),
        yearly_reset: s.yearly_reset,
        next_number: Some(s.next_number.to_string()),
    }
}

#[function_component(NumberingCard)]
pub fn numbering_card() -> Html {
    let app = use_app();
    let lang = app.lang;
    let sequences = use_state(|| None::<Vec<SequenceSettings>>);
    {
        let sequences = sequences.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = call::<commands::GetSequences>(&()).await {
                    sequences.set(Some(found));
                }
            });
        });
    }
    let Some(found) = (*sequences).clone() else {
        return html! {};
    };
    html! {
        <div class="card form wide" id="numbering-card">
            <h3>{ T::NumberingTitle.text(lang) }</h3>
            <p class="muted">{ T::NumberingExplained.text(lang) }</p>
            <table class="list" id="numbering-table">
                <thead><tr>
                    <th>{ T::NumberingRecords.text(lang) }</th>
                    <th>{ T::Prefix.text(lang) }</th>
                    <th>{ T::Digits.text(lang) }</th>
                    <th>{ T::YearlyReset.text(lang) }</th>
                    <th>{ T::NextNumber.text(lang) }</th>
                    <th>{ T::NextReference.text(lang) }</th>
                    <th></th>
                </tr></thead>
                { for found.iter().map(|s| html! { <SequenceRow key={s.code.clone()} sequence={s.clone()} /> }) }
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    sequence: SequenceSettings,
}

#[function_component(SequenceRow)]
fn sequence_row(props: &RowProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let saved = use_state(|| props.sequence.clone());
    let draft = use_state(|| draft_of(&props.sequence));
    let errors = use_state(FormErrors::default);
    let locked = saved.series_locked;
    let edit = |change: fn(&mut SequenceInput, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*draft).clone();
            change(&mut next, input_value(&e));
            draft.set(next);
        })
    };
    let on_yearly = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut next = (*draft).clone();
            next.yearly_reset = checkbox_value(&e);
            draft.set(next);
        })
    };
    let on_save = {
        let (app, draft, saved, errors) =
            (app.clone(), draft.clone(), saved.clone(), errors.clone());
        Callback::from(move |_: MouseEvent| {
            let (app, draft, saved, errors) =
                (app.clone(), draft.clone(), saved.clone(), errors.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let mut input = (*draft).clone();
                // A number left as loaded is not sent: it may be behind by
                // now (records numbered since), and the core keeps its own.
                if input.next_number == Some(saved.next_number.to_string()) {
                    input.next_number = None;
                }
                match call::<commands::SaveSequence>(&input).await {
                    Ok(now) => {
                        errors.set(FormErrors::default());
                        draft.set(draft_of(&now));
                        saved.set(now);
                        app.dispatch(Action::Toast(
                            ToastKind::Success,
                            T::Saved.text(app.lang).to_owned(),
                        ));
                    }
                    Err(error) => {
                        let found = FormErrors::from_error(&error, app.lang);
                        if let Some(general) =
                            found.general.clone().filter(|_| found.fields.is_empty())
                        {
                            app.dispatch(Action::Toast(ToastKind::Error, general));
                        }
                        errors.set(found);
                    }
                }
            });
        })
    };
    let changed = *draft != draft_of(&saved);
    let invalid = |name: &str| errors.field(name).is_some().to_string();
    let messages: Vec<(String, AttrValue)> =
        ["prefix", "padding", "yearly_reset", "next_number", "code"]
            .iter()
            .filter_map(|name| errors.field(name).map(|m| ((*name).to_owned(), m)))
            .collect();
    html! {
        <tbody data-code={saved.code.clone()}>
            <tr>
                <td class="strong">{ sequence_name(&saved.code, lang) }</td>
                <td><input class="narrow" name="prefix" value={draft.prefix.clone()} aria-invalid={invalid("prefix")} oninput={edit(|d, v| d.prefix = v)} /></td>
                <td><input class="tiny" name="padding" type="number" min="1" max="9" value={draft.padding.clone()} aria-invalid={invalid("padding")} oninput={edit(|d, v| d.padding = v)} /></td>
                <td><input name="yearly_reset" type="checkbox" checked={draft.yearly_reset} disabled={locked} onchange={on_yearly} /></td>
                <td><input class="narrow" name="next_number" type="number" min="1" value={draft.next_number.clone().unwrap_or_default()} disabled={locked} aria-invalid={invalid("next_number")} oninput={edit(|d, v| d.next_number = Some(v))} /></td>
                <td class="mono preview">{ preview(&draft, saved.year) }</td>
                <td class="right"><button type="button" class="small save-sequence" disabled={!changed} onclick={on_save}>{ T::Save.text(lang) }</button></td>
            </tr>
            if locked {
                <tr class="note-row"><td></td><td colspan="6"><small class="hint">{ T::SeriesLockedHint.text(lang) }</small></td></tr>
            }
            { for messages.into_iter().map(|(name, message)| html! {
                <tr class="note-row"><td></td><td colspan="6"><small class="error" data-error-for={name}>{ message }</small></td></tr>
            }) }
        </tbody>
    }
}

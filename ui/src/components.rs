//! Small building blocks shared by every screen: labelled fields that show
//! the core's validation message beside them, a pager, badges, empty states.

use crate::i18n::T;
use crate::state::use_lang;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

pub fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

pub fn textarea_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlTextAreaElement>().value()
}

pub fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

pub fn checkbox_value(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub label: AttrValue,
    /// The field's name: the DTO field, used for the id and by tests.
    pub name: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or(AttrValue::from("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub multiline: bool,
    #[prop_or_default]
    pub autofocus: bool,
    pub oninput: Callback<String>,
}

/// A labelled text input (or text area) with its validation message.
#[function_component(Field)]
pub fn field(props: &FieldProps) -> Html {
    let id = format!("field-{}", props.name.replace('.', "-"));
    let onchange = props.oninput.clone();
    let invalid = props.error.is_some();
    let control = if props.multiline {
        let oninput = Callback::from(move |e: InputEvent| onchange.emit(textarea_value(&e)));
        html! { <textarea id={id.clone()} name={props.name.clone()} value={props.value.clone()} {oninput} rows="3" aria-invalid={invalid.to_string()} /> }
    } else {
        let oninput = Callback::from(move |e: InputEvent| onchange.emit(input_value(&e)));
        html! { <input id={id.clone()} name={props.name.clone()} type={props.kind.clone()} value={props.value.clone()} {oninput} autofocus={props.autofocus} aria-invalid={invalid.to_string()} /> }
    };
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            { control }
            if let Some(hint) = &props.hint { <small class="hint">{ hint.clone() }</small> }
            if let Some(error) = &props.error { <small class="error" data-error-for={props.name.clone()}>{ error.clone() }</small> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    pub page: u64,
    pub page_count: u64,
    pub total: u64,
    pub on_page: Callback<u64>,
}

#[function_component(Pager)]
pub fn pager(props: &PagerProps) -> Html {
    let lang = use_lang();
    let page = props.page;
    let prev = {
        let cb = props.on_page.clone();
        Callback::from(move |_| cb.emit(page.saturating_sub(1).max(1)))
    };
    let next = {
        let cb = props.on_page.clone();
        Callback::from(move |_| cb.emit(page + 1))
    };
    html! {
        <div class="pager">
            <span class="count">{ format!("{} {}", props.total, T::Results.text(lang)) }</span>
            <button class="ghost" disabled={page <= 1} onclick={prev}>{ T::Previous.text(lang) }</button>
            <span>{ format!("{} {} / {}", T::PageOf.text(lang), page, props.page_count) }</span>
            <button class="ghost" disabled={page >= props.page_count} onclick={next}>{ T::Next.text(lang) }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmptyProps {
    pub text: AttrValue,
}

#[function_component(Empty)]
pub fn empty(props: &EmptyProps) -> Html {
    html! { <div class="empty">{ props.text.clone() }</div> }
}

#[function_component(Spinner)]
pub fn spinner() -> Html {
    let lang = use_lang();
    html! { <div class="loading" aria-busy="true">{ T::Loading.text(lang) }</div> }
}

pub fn level_text(level: parc_api::clients::ServiceLevel) -> T {
    match level {
        parc_api::clients::ServiceLevel::Standard => T::LevelStandard,
        parc_api::clients::ServiceLevel::Premium => T::LevelPremium,
        parc_api::clients::ServiceLevel::Vip => T::LevelVip,
    }
}

#[derive(Properties, PartialEq)]
pub struct LevelBadgeProps {
    pub level: parc_api::clients::ServiceLevel,
}

#[function_component(LevelBadge)]
pub fn level_badge(props: &LevelBadgeProps) -> Html {
    let lang = use_lang();
    html! { <span class={classes!("badge", props.level.code())}>{ level_text(props.level).text(lang) }</span> }
}

#[derive(Properties, PartialEq)]
pub struct ConfirmButtonProps {
    pub label: AttrValue,
    pub confirm: AttrValue,
    pub onconfirm: Callback<()>,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub small: bool,
}

/// A button that asks once more before acting: the first click turns it into
/// "Really …?", the second acts. No modal dialog to get lost behind the window.
#[function_component(ConfirmButton)]
pub fn confirm_button(props: &ConfirmButtonProps) -> Html {
    let armed = use_state(|| false);
    let onclick = {
        let (armed, onconfirm) = (armed.clone(), props.onconfirm.clone());
        Callback::from(move |_| {
            if *armed {
                armed.set(false);
                onconfirm.emit(());
            } else {
                armed.set(true);
            }
        })
    };
    let onblur = {
        let armed = armed.clone();
        Callback::from(move |_| armed.set(false))
    };
    html! {
        <button id={props.id.clone()} class={classes!("ghost", props.small.then_some("small"), armed.then_some("danger"))} {onclick} {onblur}>
            { if *armed { props.confirm.clone() } else { props.label.clone() } }
        </button>
    }
}

//! Settings available so far: the interface language.

use crate::i18n::T;
use crate::ipc::invoke_with;
use crate::state::{use_app, Action, ToastKind};
use parc_api::auth::Language;
use parc_api::commands;
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
                match invoke_with::<_, ()>(commands::SET_LANGUAGE, "language", &language).await {
                    Ok(()) => app.dispatch(Action::SetLang(language)),
                    Err(error) => app.dispatch(Action::Toast(ToastKind::Error, error.message)),
                }
            });
        })
    };
    html! {
        <section>
            <div class="page-head"><h1>{ T::SettingsTitle.text(lang) }</h1></div>
            <div class="card form">
                <h3>{ T::Language.text(lang) }</h3>
                <div class="choices">
                    <button id="settings-lang-fr" class={classes!("choice", (lang == Language::Fr).then_some("selected"))} onclick={choose(Language::Fr)}>{ T::French.text(lang) }</button>
                    <button id="settings-lang-en" class={classes!("choice", (lang == Language::En).then_some("selected"))} onclick={choose(Language::En)}>{ T::English.text(lang) }</button>
                </div>
            </div>
        </section>
    }
}

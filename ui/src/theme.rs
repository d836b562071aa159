//! The colour theme: the system's (the default, following the OS's light
//! or dark preference), or light or dark whatever the OS says. The choice is
//! this machine's (kept in the web view's local storage) and is applied as
//! `data-theme` on the document, which the stylesheet reads.

use crate::i18n::T;
use crate::state::use_lang;
use yew::prelude::*;

const KEY: &str = "parc.theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn code(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn from_code(code: &str) -> Theme {
        match code {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The next one a click on the switch chooses.
    fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    fn label(self) -> T {
        match self {
            Theme::System => T::ThemeSystem,
            Theme::Light => T::ThemeLight,
            Theme::Dark => T::ThemeDark,
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The theme chosen on this machine.
pub fn saved() -> Theme {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .map(|code| Theme::from_code(&code))
        .unwrap_or(Theme::System)
}

/// Shows `theme` at once and keeps it for the next start.
pub fn apply(theme: Theme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme.code());
    }
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, theme.code());
    }
}

/// The top bar's switch: system → light → dark → system.
#[function_component(ThemeSwitch)]
pub fn theme_switch() -> Html {
    let lang = use_lang();
    let theme = use_state(saved);
    let onclick = {
        let theme = theme.clone();
        Callback::from(move |_| {
            let next = theme.next();
            apply(next);
            theme.set(next);
        })
    };
    html! {
        <button class="ghost small" id="theme-switch" data-theme={theme.code()} {onclick}>{ theme.label().text(lang) }</button>
    }
}

//! The language of this computer's screens before anyone signs in: the
//! last one shown here (kept in the web view's local storage, like the
//! theme). Signed in, each user's own language comes with their session;
//! the documents' is the company's, a setting of its own.

use parc_api::auth::Language;

const KEY: &str = "parc.language";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The language last shown on this computer, if any.
pub fn saved() -> Option<Language> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|code| Language::from_code(&code))
}

/// Keeps `language` for the next start's sign-in screen.
pub fn keep(language: Language) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, language.code());
    }
}

//! What happens when the UI's code panics: a Rust panic in wasm leaves Yew
//! dead (no more renders, no more clicks), so without this the window
//! would freeze on its last screen with no word said. The hook shows a
//! banner with the message and a Reload button, written with plain DOM
//! calls because Yew can no longer render, logs it to the console, and
//! sends it to the shell (`report_ui_panic`), which writes it to its
//! standard error where a log or a failing end-to-end test shows it.

use parc_api::commands::{Command, ReportUiPanic};
use wasm_bindgen::prelude::*;

/// Installs the hook; called once at start.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        tell_the_shell(&message);
        show_banner(&message);
    }));
}

/// Calls Tauri's `invoke` directly: the async runtime may be what broke.
fn tell_the_shell(message: &str) {
    let invoke = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"__TAURI__".into()).ok())
        .and_then(|t| js_sys::Reflect::get(&t, &"core".into()).ok())
        .and_then(|c| js_sys::Reflect::get(&c, &"invoke".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(invoke) = invoke {
        let args = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&args, &"input".into(), &JsValue::from_str(message));
        let _ = invoke.call2(&JsValue::NULL, &ReportUiPanic::NAME.into(), &args);
    }
}

fn show_banner(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(body), Ok(banner)) = (document.body(), document.create_element("div")) else {
        return;
    };
    banner.set_id("ui-crashed");
    banner.set_class_name("error crashed");
    banner.set_attribute("role", "alert").ok();
    let french = document
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .is_some_and(|lang| lang == "fr");
    let (said, reload) = if french {
        ("Parc a rencontré une erreur interne et doit recharger l'écran (vos données enregistrées ne sont pas touchées) : ", "Recharger")
    } else {
        (
            "Parc hit an internal error and must reload the screen (nothing saved is lost): ",
            "Reload",
        )
    };
    banner.set_text_content(Some(&format!("{said}{message} ")));
    if let Ok(button) = document.create_element("button") {
        button.set_id("ui-reload");
        button.set_text_content(Some(reload));
        // A closure of our own: the CSP refuses inline handlers. Wasm still
        // runs after a panic; only Yew's state is broken.
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
        let _ = banner.append_child(&button);
    }
    let _ = body.append_child(&banner);
}

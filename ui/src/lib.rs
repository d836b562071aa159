//! Parc's desktop UI, in Yew, compiled to wasm and hosted by the Tauri shell.
//!
//! State lives in reducers (`state`), the screen in the location hash
//! (`route`), every string in `i18n`, and every backend call goes through the
//! one typed `ipc::call`; a panic says so on screen (`crash`).

pub mod app;
pub mod charts;
pub mod command;
pub mod components;
pub mod crash;
pub mod forms;
pub mod i18n;
pub mod ipc;
pub mod lists;
pub mod pages;
pub mod route;
pub mod screen_language;
pub mod state;
pub mod theme;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    crash::install();
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    yew::Renderer::<app::App>::new().render();
}

//! The root component: loads the start-up state, then shows the wizard, the
//! login screen or the working shell; follows the location hash.

use crate::i18n::T;
use crate::ipc::call;
use crate::pages::{login::Login, shell::Shell, wizard::Wizard};
use crate::route::Route;
use crate::state::{Action, AppState, Phase, ToastKind};
use parc_api::commands;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

const TOAST_MS: i32 = 5000;

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::new(Route::parse(&current_hash())));
    let changes = use_reducer(crate::command::Changes::default);

    // The theme chosen on this machine, before anything is drawn.
    use_effect_with((), |_| crate::theme::apply(crate::theme::saved()));

    {
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match call::<commands::StartupState>(&()).await {
                    Ok(mut startup) => {
                        // The sign-in screen speaks what this computer last showed.
                        if let Some(saved) = crate::screen_language::saved() {
                            startup.language = saved;
                        }
                        state.dispatch(Action::Started(startup))
                    }
                    Err(error) => state.dispatch(Action::StartFailed(error.message)),
                }
            });
        });
    }

    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn()>::new(move || {
                state.dispatch(Action::Navigated(Route::parse(&current_hash())))
            });
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window.add_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(window) = window {
                    let _ = window.remove_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    {
        // The address bar says the screen shown. A sign-out sends the state
        // back to the first screen but leaves the old hash: without this,
        // signed in again on Clients with the hash still #/settings, a
        // click on Settings changed nothing (the same hash fires no event).
        let route = state.route.clone();
        let working = matches!(state.phase, Phase::Ready(_));
        use_effect_with(working, move |working| {
            if *working && current_hash() != route.to_hash() {
                crate::state::navigate(&route);
            }
        });
    }

    {
        let lang = state.lang;
        // Kept once started: before, it is only the default.
        let started = !matches!(state.phase, Phase::Loading);
        use_effect_with((lang, started), move |(lang, started)| {
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", lang.code());
            }
            if *started {
                crate::screen_language::keep(*lang);
            }
        });
    }

    {
        // Toasts leave by themselves after a few seconds (or on click).
        let state = state.clone();
        let newest = state.toasts.last().map(|t| t.id);
        use_effect_with(newest, move |newest| {
            if let (Some(id), Some(window)) = (*newest, web_sys::window()) {
                let dismiss =
                    Closure::once_into_js(move || state.dispatch(Action::DismissToast(id)));
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                    dismiss.unchecked_ref(),
                    TOAST_MS,
                );
            }
        });
    }

    let body = match &state.phase {
        Phase::Loading => {
            html! { <div class="center-screen"><div class="loading">{ T::Loading.text(state.lang) }</div></div> }
        }
        Phase::Failed(message) => {
            html! { <div class="center-screen"><div class="card error">{ message.clone() }</div></div> }
        }
        Phase::Setup => html! { <Wizard /> },
        Phase::Login => html! { <Login /> },
        Phase::Ready(_) => html! { <Shell /> },
    };
    let toasts = state.toasts.iter().map(|toast| {
        let id = toast.id;
        let dismiss = {
            let state = state.clone();
            Callback::from(move |_| state.dispatch(Action::DismissToast(id)))
        };
        let kind = match toast.kind {
            ToastKind::Success => "success",
            ToastKind::Warning => "warning",
            ToastKind::Error => "error",
        };
        html! { <div key={id} class={classes!("toast", kind)} role="status" onclick={dismiss}>{ toast.text.clone() }</div> }
    });
    html! {
        <ContextProvider<crate::state::AppContext> context={state.clone()}>
            <ContextProvider<crate::command::ChangesContext> context={changes}>
                { body }
            </ContextProvider<crate::command::ChangesContext>>
            <div class="toasts">{ for toasts }</div>
        </ContextProvider<crate::state::AppContext>>
    }
}

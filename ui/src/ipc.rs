//! The one typed way the UI talks to the backend: [`call`], Tauri's
//! `invoke` with the types each command declares in `parc_api::commands`.

use parc_api::commands::Command;
use parc_api::IpcError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen)]
    fn tauri_listen(event: &str, handler: &Closure<dyn FnMut(JsValue)>) -> js_sys::Promise;
}

/// Listening to a backend event (e.g. import progress) until dropped.
pub struct Subscription {
    unlisten: std::rc::Rc<std::cell::RefCell<Option<js_sys::Function>>>,
    _handler: Closure<dyn FnMut(JsValue)>,
}

/// Calls `on_payload` with the payload of every `event` the backend emits.
pub fn listen(event: &str, on_payload: impl FnMut(JsValue) + 'static) -> Subscription {
    listen_then(event, on_payload, || {})
}

/// The same, calling `ready` once the listener is in place: what is read
/// then cannot miss an event emitted before (a count read at mount could).
pub fn listen_then(
    event: &str,
    mut on_payload: impl FnMut(JsValue) + 'static,
    ready: impl FnOnce() + 'static,
) -> Subscription {
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let payload = js_sys::Reflect::get(&event, &JsValue::from_str("payload"))
            .unwrap_or(JsValue::UNDEFINED);
        on_payload(payload);
    });
    let unlisten = std::rc::Rc::new(std::cell::RefCell::new(None));
    let promise = tauri_listen(event, &handler);
    let slot = unlisten.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(function) = wasm_bindgen_futures::JsFuture::from(promise).await {
            *slot.borrow_mut() = function.dyn_into::<js_sys::Function>().ok();
        }
        ready();
    });
    Subscription {
        unlisten,
        _handler: handler,
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(unlisten) = self.unlisten.borrow_mut().take() {
            let _ = unlisten.call0(&JsValue::NULL);
        }
    }
}

/// The commands asked and not yet answered, kept in the page as
/// `window.__parcPending` (`{"<n> <command>": <ms since the page opened>}`):
/// a test whose step never came reads it, to tell an answer that never
/// reached the page from a slow backend (which logs its slow commands).
mod pending {
    use wasm_bindgen::JsValue;

    const KEY: &str = "__parcPending";

    fn table() -> Option<js_sys::Object> {
        let window = web_sys::window()?;
        let key = JsValue::from_str(KEY);
        match js_sys::Reflect::get(&window, &key) {
            Ok(found) if found.is_object() => Some(found.into()),
            _ => {
                let fresh = js_sys::Object::new();
                js_sys::Reflect::set(&window, &key, &fresh).ok()?;
                Some(fresh)
            }
        }
    }

    /// Numbers the calls, so two of one command are told apart.
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

    fn next() -> u32 {
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    pub fn asked(command: &str) -> Option<JsValue> {
        let table = table()?;
        let name = JsValue::from_str(&format!("{} {command}", next()));
        let now = web_sys::window()?.performance()?.now();
        js_sys::Reflect::set(&table, &name, &JsValue::from_f64(now)).ok()?;
        Some(name)
    }

    pub fn answered(name: Option<JsValue>) {
        if let (Some(table), Some(name)) = (table(), name) {
            let _ = js_sys::Reflect::delete_property(&table, &name);
        }
    }
}

/// Calls command `cmd` with `args` (the object `{"input": …}` that
/// `door::dispatch` reads) and decodes the answer or the error.
async fn invoke<A: Serialize, R: DeserializeOwned>(cmd: &str, args: &A) -> Result<R, IpcError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = args
        .serialize(&serializer)
        .map_err(|e| IpcError::internal(format!("cannot encode request: {e}")))?;
    let asked = pending::asked(cmd);
    let answer = tauri_invoke(cmd, args).await;
    pending::answered(asked);
    match answer {
        Ok(value) => serde_wasm_bindgen::from_value(value)
            .map_err(|e| IpcError::internal(format!("unexpected answer from {cmd}: {e}"))),
        Err(error) => Err(serde_wasm_bindgen::from_value::<IpcError>(error.clone())
            .unwrap_or_else(|_| {
                IpcError::internal(error.as_string().unwrap_or_else(|| format!("{cmd} failed")))
            })),
    }
}

/// Sends command `C` with its input and decodes its answer: the types are
/// the command's declaration (`parc_api::commands`), so a wrong argument or
/// result is a compile error here, not a surprise at run time.
pub async fn call<C: Command>(input: &C::Input) -> Result<C::Output, IpcError> {
    #[derive(Serialize)]
    struct Call<'a, T> {
        input: &'a T,
    }
    invoke(C::NAME, &Call { input }).await
}

/// Waits `ms` milliseconds (between two reads of a job's progress).
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

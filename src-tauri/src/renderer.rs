//! When the window's web process dies, say so and bring the window back.
//!
//! WebKitGTK draws the UI in a separate web process. If that process
//! crashes (JavaScriptCore has crashed under us now and then, see `main`)
//! or is killed for memory, WebKit leaves the window blank for good and
//! tells nobody: the user sees an empty window and the log says nothing.
//! Here the shell logs why it ended and reloads the page, which starts a
//! new web process on the same route; the session lives in the shell, so
//! the user is still signed in. A form being typed is lost, which is what a
//! browser's "reload after crash" does too.

use tauri::Manager;

/// The least time between two automatic reloads.
#[cfg(target_os = "linux")]
const AGAIN_AFTER: std::time::Duration = std::time::Duration::from_secs(10);

/// Watches the main window's web process (Linux only, where the window is
/// WebKitGTK's).
pub fn watch(app: &tauri::App) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    #[cfg(target_os = "linux")]
    let _ = window.with_webview(|platform| {
        use webkit2gtk::WebViewExt;
        let webview = platform.inner();
        // A page that dies at every load is not reloaded in a loop: after
        // a reload within `AGAIN_AFTER`, the window stays as it is.
        let last_reload = std::cell::Cell::new(None::<std::time::Instant>);
        webview.connect_web_process_terminated(move |webview, reason| {
            if last_reload
                .get()
                .is_some_and(|at| at.elapsed() < AGAIN_AFTER)
            {
                eprintln!("parc: the window's web process ended again ({reason:?}); not reloading");
                return;
            }
            eprintln!("parc: the window's web process ended ({reason:?}); reloading the window");
            last_reload.set(Some(std::time::Instant::now()));
            webview.reload();
        });
    });
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

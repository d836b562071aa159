//! Desktop notifications through the freedesktop notification service
//! (notify-rust over D-Bus). Core decides what to say
//! (`parc_core::alerts::notify`); this shows it, off the window's thread,
//! and, where the service supports actions, opens the alert clicked.
//!
//! A missing service (no session bus, no notification daemon) is logged
//! once per batch, never fatal: the alert centre still has every alert.

use parc_api::alerts::AlertItem;
use parc_core::alerts::notify::Notice;

/// Shows one notice; blocks on the D-Bus round trip.
pub fn show(notice: &Notice) -> Result<notify_rust::NotificationHandle, String> {
    notify_rust::Notification::new()
        .appname("Parc")
        .summary(&notice.summary)
        .body(&notice.body)
        .action("default", "Open")
        .show()
        .map_err(|e| format!("the desktop notification service is not available: {e}"))
}

/// Shows every notice on a thread of its own, calling `on_open` with the
/// notice's item (none for a summary) when it is clicked.
pub fn show_all(
    notices: Vec<Notice>,
    on_open: impl Fn(Option<AlertItem>) + Send + Clone + 'static,
) {
    if notices.is_empty() {
        return;
    }
    std::thread::spawn(move || {
        for notice in notices {
            match show(&notice) {
                Ok(handle) => {
                    let on_open = on_open.clone();
                    let item = notice.item.clone();
                    std::thread::spawn(move || {
                        handle.wait_for_action(|action| {
                            if action == "default" {
                                on_open(item.clone());
                            }
                        })
                    });
                }
                Err(problem) => {
                    eprintln!("parc: {problem}");
                    return;
                }
            }
        }
    });
}

//! The client portal inside the desktop app: started with the app when its
//! settings say so, started again on the new address when they change,
//! stopped when switched off — on Tauri's own runtime, beside the window.

use parc_api::portal::{PortalSettings, PortalStatus};
use parc_core::DatabaseConnection;
use std::sync::Mutex;
use tauri::async_runtime::JoinHandle;

#[derive(Default)]
pub struct PortalServer {
    state: Mutex<Running>,
}

#[derive(Default)]
struct Running {
    task: Option<JoinHandle<()>>,
    listening: Option<String>,
    problem: Option<String>,
}

impl PortalServer {
    /// Stops the portal if it runs, then starts it as `settings` say.
    pub async fn apply(&self, db: &DatabaseConnection, settings: &PortalSettings) {
        self.stop();
        if !settings.enabled {
            return;
        }
        let started = start(db, settings).await;
        if let Ok(mut state) = self.state.lock() {
            match started {
                Ok((task, listening)) => {
                    eprintln!("parc: portal listening on {listening}");
                    state.task = Some(task);
                    state.listening = Some(listening);
                }
                Err(problem) => {
                    eprintln!("parc: portal not started: {problem}");
                    state.problem = Some(problem);
                }
            }
        }
    }

    fn stop(&self) {
        if let Ok(mut state) = self.state.lock() {
            if let Some(task) = state.task.take() {
                task.abort();
            }
            *state = Running::default();
        }
    }

    pub fn status(&self, settings: PortalSettings) -> PortalStatus {
        let (listening, problem) = self
            .state
            .lock()
            .map(|s| (s.listening.clone(), s.problem.clone()))
            .unwrap_or_default();
        PortalStatus {
            settings,
            listening,
            problem,
        }
    }
}

async fn start(
    db: &DatabaseConnection,
    settings: &PortalSettings,
) -> Result<(JoinHandle<()>, String), String> {
    let address = format!("{}:{}", settings.bind_address, settings.port);
    let listener = tokio::net::TcpListener::bind(&address)
        .await
        .map_err(|e| format!("cannot listen on {address}: {e}"))?;
    let local = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {address}: {e}"))?;
    let portal = parc_portal::Portal::new(db.clone(), false)
        .await
        .map_err(|e| e.to_string())?;
    let task = tauri::async_runtime::spawn(async move {
        if let Err(error) = parc_portal::serve(portal, listener).await {
            eprintln!("parc: the portal stopped: {error}");
        }
    });
    Ok((task, format!("http://{local}")))
}

//! The one way a declared command reaches its code: every
//! `parc_api::commands` type gets an `impl Door` (in the module of its
//! subject), and [`dispatch`] finds it by name, reads its one argument and
//! writes its answer. Tauri's invoke handler (`access::guarded`) calls
//! `dispatch` once the door admitted the command; nothing else registers
//! commands, so a declared command without its door does not compile.

use crate::state::App;
use parc_api::commands::Command;
use parc_api::IpcError;
use serde::Serialize;
use std::future::Future;
use std::sync::Arc;

/// A command's implementation: the services it calls for the signed-in
/// user, its errors converted once (`state::ipc`).
pub trait Door: Command {
    fn run(
        app: Ctx<'_>,
        input: Self::Input,
    ) -> impl Future<Output = Result<Self::Output, IpcError>> + Send;
}

/// What a door works with: the app's state (through `Deref`, so a door
/// reads `app.db` and `app.actor()`) and the events it may send the window.
pub struct Ctx<'a> {
    app: &'a App,
    events: Events,
}

impl<'a> Ctx<'a> {
    pub fn new(app: &'a App, events: Events) -> Self {
        Ctx { app, events }
    }

    /// The window's events, to move into a progress callback.
    pub fn events(&self) -> Events {
        self.events.clone()
    }
}

impl std::ops::Deref for Ctx<'_> {
    type Target = App;

    fn deref(&self) -> &App {
        self.app
    }
}

/// Sends events to the window (import and invoice-run progress). Behind a
/// function so that doors know nothing of Tauri's runtime type.
#[derive(Clone)]
pub struct Events(Arc<SendEvent>);

/// How `Events` hands an event over: its name and its payload.
type SendEvent = dyn Fn(&str, serde_json::Value) + Send + Sync;

impl Events {
    pub fn new(send: impl Fn(&str, serde_json::Value) + Send + Sync + 'static) -> Self {
        Events(Arc::new(send))
    }

    /// Sends `payload` as `event`; an error only if it cannot be encoded.
    pub fn emit(&self, event: &str, payload: impl Serialize) -> serde_json::Result<()> {
        (self.0)(event, serde_json::to_value(payload)?);
        Ok(())
    }
}

/// Runs the command called `name` on its JSON argument, answering JSON.
pub async fn dispatch(
    app: Ctx<'_>,
    name: &str,
    input: serde_json::Value,
) -> Result<serde_json::Value, IpcError> {
    macro_rules! find_and_run {
        ($($command:path),*) => {
            $(
                if name == <$command as Command>::NAME {
                    return run::<$command>(app, input).await;
                }
            )*
        };
    }
    parc_api::for_each_command!(find_and_run);
    Err(IpcError::internal(format!("no such command: {name}")))
}

async fn run<C: Door>(
    app: Ctx<'_>,
    input: serde_json::Value,
) -> Result<serde_json::Value, IpcError> {
    let input: C::Input = serde_json::from_value(input).map_err(|error| {
        IpcError::internal(format!("cannot read the input of {}: {error}", C::NAME))
    })?;
    let output = C::run(app, input).await?;
    serde_json::to_value(output).map_err(|error| {
        IpcError::internal(format!("cannot write the answer of {}: {error}", C::NAME))
    })
}

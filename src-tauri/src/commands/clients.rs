//! Clients, contacts, record history and the global search.

use super::door::{Ctx, Door};
use crate::state::ipc;
use parc_api::clients::{
    ClientDetail, ClientInput, ClientQuery, ClientRow, ContactInput, ContactRow, SearchHit,
    SetArchived, UpdateClient, UpdateContact,
};
use parc_api::commands;
use parc_api::history::{HistoryEntry, HistoryQuery};
use parc_api::{IpcError, Page};
use parc_core::{audit, clients, search};

impl Door for commands::ListClients {
    async fn run(app: Ctx<'_>, query: ClientQuery) -> Result<Page<ClientRow>, IpcError> {
        clients::list_clients(&app.db, &app.actor()?, &query)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GetClient {
    async fn run(app: Ctx<'_>, id: i64) -> Result<ClientDetail, IpcError> {
        clients::get_client(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateClient {
    async fn run(app: Ctx<'_>, input: ClientInput) -> Result<ClientDetail, IpcError> {
        clients::create_client(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UpdateClient {
    async fn run(app: Ctx<'_>, input: UpdateClient) -> Result<ClientDetail, IpcError> {
        clients::update_client(&app.db, &app.actor()?, input.id, &input.input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SetClientArchived {
    async fn run(app: Ctx<'_>, input: SetArchived) -> Result<ClientDetail, IpcError> {
        clients::set_client_archived(&app.db, &app.actor()?, input.id, input.archived)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::CreateContact {
    async fn run(app: Ctx<'_>, input: ContactInput) -> Result<ContactRow, IpcError> {
        clients::create_contact(&app.db, &app.actor()?, &input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::UpdateContact {
    async fn run(app: Ctx<'_>, input: UpdateContact) -> Result<ContactRow, IpcError> {
        clients::update_contact(&app.db, &app.actor()?, input.id, &input.input)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::SetContactArchived {
    async fn run(app: Ctx<'_>, input: SetArchived) -> Result<ContactRow, IpcError> {
        clients::set_contact_archived(&app.db, &app.actor()?, input.id, input.archived)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::RecordHistory {
    async fn run(app: Ctx<'_>, query: HistoryQuery) -> Result<Vec<HistoryEntry>, IpcError> {
        audit::history(&app.db, &app.actor()?, &query.entity, query.id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::GlobalSearch {
    async fn run(app: Ctx<'_>, text: String) -> Result<Vec<SearchHit>, IpcError> {
        search::global_search(&app.db, &app.actor()?, &text)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::DeleteClient {
    async fn run(app: Ctx<'_>, id: i64) -> Result<(), IpcError> {
        clients::delete_client(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

impl Door for commands::DeleteContact {
    async fn run(app: Ctx<'_>, id: i64) -> Result<(), IpcError> {
        clients::delete_contact(&app.db, &app.actor()?, id)
            .await
            .map_err(ipc)
    }
}

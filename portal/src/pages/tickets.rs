//! The client's tickets: the list (open, closed or all), a ticket with its
//! public conversation, a reply, and a new ticket about a site or a piece
//! of equipment. A ticket opened here reaches the desktop queue at once,
//! with the portal as its channel (core sets it, whatever the form says).
//! Beyond a contact's hourly limits (`parc_core::portal::limits`) the form
//! comes back with the reason and everything typed.

use super::records::Pager;
use super::{page_number, record_id, Shell};
use crate::web::{render, OrPage, Posted, Visitor};
use crate::Portal;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use parc_api::equipment::EquipmentQuery;
use parc_api::sites::SiteQuery;
use parc_api::tickets::{
    PortalTicketInput, Priority, QueueView, TicketDetail, TicketMessageInput, TicketQuery,
    TicketRow, TicketStatus,
};
use parc_core::portal::limits;
use parc_core::{desk, equipment, sites, CoreError};
use serde::Deserialize;

/// A ticket as a list shows it.
pub struct TicketLine {
    pub row: TicketRow,
    pub opened: String,
}

pub fn lines(portal: &Portal, visitor: &Visitor, rows: Vec<TicketRow>) -> Vec<TicketLine> {
    rows.into_iter()
        .map(|row| TicketLine {
            opened: portal.time(row.created_at, visitor.words),
            row,
        })
        .collect()
}

#[derive(Deserialize, Default)]
pub struct ListParams {
    #[serde(default)]
    view: String,
    #[serde(default)]
    page: String,
}

#[derive(Template)]
#[template(path = "tickets.html")]
struct TicketsPage {
    shell: Shell,
    view: &'static str,
    rows: Vec<TicketLine>,
    pager: Pager,
}

pub async fn list(
    State(portal): State<Portal>,
    visitor: Visitor,
    Query(params): Query<ListParams>,
) -> Result<Response, Response> {
    let actor = visitor.actor()?;
    let (view, status_view) = match params.view.as_str() {
        "all" => ("all", QueueView::All),
        "closed" => ("closed", QueueView::All),
        _ => ("open", QueueView::Open),
    };
    let mut query = TicketQuery {
        view: status_view,
        page: page_number(&params.page),
        page_size: 50,
        ..Default::default()
    };
    if view == "closed" {
        query.status = Some(TicketStatus::Closed);
    }
    let found = desk::tickets::list_tickets(&portal.db, actor, &query)
        .await
        .or_page(&visitor)?;
    let page = TicketsPage {
        view,
        pager: Pager::of(&found, &format!("/tickets?view={view}")),
        rows: lines(&portal, &visitor, found.items),
        shell: Shell::new(&visitor, "tickets"),
    };
    Ok(render(&page))
}

#[derive(Template)]
#[template(path = "ticket_new.html")]
struct NewTicketPage {
    shell: Shell,
    sites: Vec<(i64, String)>,
    equipment: Vec<(i64, String)>,
    form: TicketForm,
    priorities: [Priority; 4],
    problem: Option<String>,
}

/// The most equipment the form's list offers (the rest by its page's link).
const EQUIPMENT_CHOICES: u64 = 500;

#[derive(Deserialize, Default, Clone)]
pub struct TicketForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    site: String,
    #[serde(default)]
    equipment: String,
    #[serde(default)]
    priority: String,
}

async fn new_ticket_page(
    portal: &Portal,
    visitor: &Visitor,
    form: TicketForm,
    problem: Option<String>,
) -> Result<Response, Response> {
    let actor = visitor.actor()?;
    let sites = sites::list_sites(
        &portal.db,
        actor,
        &SiteQuery {
            page: 1,
            page_size: 200,
            ..Default::default()
        },
    )
    .await
    .or_page(visitor)?
    .items
    .into_iter()
    .map(|s| (s.id, s.name))
    .collect();
    let mut equipment: Vec<(i64, String)> = equipment::list_equipment(
        &portal.db,
        actor,
        &EquipmentQuery {
            page_size: EQUIPMENT_CHOICES,
            ..Default::default()
        },
    )
    .await
    .or_page(visitor)?
    .items
    .into_iter()
    .map(|e| (e.id, format!("{} — {}", e.reference, e.name)))
    .collect();
    // The equipment the ticket was opened from, even beyond the list.
    if let Some(id) = record_id(&form.equipment) {
        if !equipment.iter().any(|(e, _)| *e == id) {
            if let Ok(item) = equipment::get_equipment(&portal.db, actor, id).await {
                equipment.push((id, format!("{} — {}", item.row.reference, item.row.name)));
            }
        }
    }
    let status = if problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = NewTicketPage {
        sites,
        equipment,
        form,
        priorities: Priority::ALL,
        problem,
        shell: Shell::new(visitor, "tickets"),
    };
    Ok((status, render(&page)).into_response())
}

#[derive(Deserialize, Default)]
pub struct NewParams {
    #[serde(default)]
    equipment: String,
}

pub async fn new_page(
    State(portal): State<Portal>,
    visitor: Visitor,
    Query(params): Query<NewParams>,
) -> Result<Response, Response> {
    let form = TicketForm {
        equipment: params.equipment,
        priority: Priority::Normal.code().to_owned(),
        ..Default::default()
    };
    new_ticket_page(&portal, &visitor, form, None).await
}

pub async fn create(
    State(portal): State<Portal>,
    Posted { visitor, form }: Posted<TicketForm>,
) -> Result<Response, Response> {
    let actor = visitor.actor()?;
    let id_of = |text: &str| -> Result<Option<i64>, ()> {
        match text.trim() {
            "" => Ok(None),
            typed => record_id(typed).map(Some).ok_or(()),
        }
    };
    let (Ok(site_id), Ok(equipment_id)) = (id_of(&form.site), id_of(&form.equipment)) else {
        return Err(visitor.not_found());
    };
    // The client, the requester and the channel are the contact's own.
    let input = PortalTicketInput {
        site_id,
        equipment_id,
        title: form.title.clone(),
        description: form.description.clone(),
        priority: Priority::from_code(&form.priority).unwrap_or_default(),
    };
    match desk::tickets::open_from_portal(&portal.db, actor, &input).await {
        Ok(ticket) => Ok(Redirect::to(&format!("/tickets/{}", ticket.row.id)).into_response()),
        Err(CoreError::Validation { field, .. }) if field == limits::FIELD => {
            let limit = limits::TICKETS_PER_HOUR.to_string();
            let problem = visitor.words.too_many_tickets.replace("{limit}", &limit);
            new_ticket_page(&portal, &visitor, form, Some(problem)).await
        }
        Err(CoreError::Validation { field, message, .. }) => {
            let t = visitor.words;
            let label = match field.as_str() {
                "title" => t.title,
                "description" => t.description,
                "site_id" => t.site,
                "equipment_id" => t.equipment,
                _ => "",
            };
            let problem = format!("{label}: {message}");
            new_ticket_page(&portal, &visitor, form, Some(problem)).await
        }
        Err(error) => Err(visitor.failure(error)),
    }
}

#[derive(Template)]
#[template(path = "ticket.html")]
struct TicketPage {
    shell: Shell,
    ticket: TicketDetail,
    opened: String,
    messages: Vec<(String, String, String)>,
    problem: Option<String>,
    reply: String,
}

async fn ticket_page(
    portal: &Portal,
    visitor: &Visitor,
    id: i64,
    reply: String,
    problem: Option<String>,
) -> Result<Response, Response> {
    let actor = visitor.actor()?;
    let ticket = desk::tickets::get_ticket(&portal.db, actor, id)
        .await
        .or_page(visitor)?;
    let messages = ticket
        .messages
        .iter()
        .filter(|m| m.public)
        .map(|m| {
            (
                portal.time(m.at, visitor.words),
                m.author.clone(),
                m.body.clone(),
            )
        })
        .collect();
    let status = if problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = TicketPage {
        opened: portal.time(ticket.row.created_at, visitor.words),
        ticket,
        messages,
        problem,
        reply,
        shell: Shell::new(visitor, "tickets"),
    };
    Ok((status, render(&page)).into_response())
}

pub async fn page(
    State(portal): State<Portal>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let Some(id) = record_id(&id) else {
        return Err(visitor.not_found());
    };
    ticket_page(&portal, &visitor, id, String::new(), None).await
}

#[derive(Deserialize, Default)]
pub struct ReplyForm {
    #[serde(default)]
    body: String,
}

pub async fn reply(
    State(portal): State<Portal>,
    Path(id): Path<String>,
    Posted { visitor, form }: Posted<ReplyForm>,
) -> Result<Response, Response> {
    let actor = visitor.actor()?;
    let Some(id) = record_id(&id) else {
        return Err(visitor.not_found());
    };
    let input = TicketMessageInput {
        ticket_id: id,
        public: true,
        body: form.body.clone(),
    };
    match desk::tickets::add_message(&portal.db, actor, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/tickets/{id}")).into_response()),
        Err(CoreError::Validation { field, .. }) if field == limits::FIELD => {
            let limit = limits::REPLIES_PER_HOUR.to_string();
            let problem = visitor.words.too_many_replies.replace("{limit}", &limit);
            ticket_page(&portal, &visitor, id, form.body, Some(problem)).await
        }
        Err(CoreError::Validation { message, .. }) => {
            let problem = format!("{}: {message}", visitor.words.reply);
            ticket_page(&portal, &visitor, id, form.body, Some(problem)).await
        }
        Err(error) => Err(visitor.failure(error)),
    }
}

//! The home page: what is open, what the client has, what is left to pay.

use super::Shell;
use crate::web::{render, OrPage, Visitor};
use crate::Portal;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use parc_api::contracts::{ContractQuery, ContractStatus};
use parc_api::equipment::EquipmentQuery;
use parc_api::invoices::InvoiceQuery;
use parc_api::tickets::{QueueView, TicketQuery};
use parc_core::{contracts, desk, equipment, invoices};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    shell: Shell,
    open_tickets: u64,
    equipment: u64,
    contracts: u64,
    unpaid: u64,
    recent: Vec<super::tickets::TicketLine>,
}

pub async fn page(State(portal): State<Portal>, visitor: Visitor) -> Result<Response, Response> {
    let actor = visitor.actor()?;
    let db = &portal.db;
    let tickets = desk::tickets::list_tickets(
        db,
        actor,
        &TicketQuery {
            view: QueueView::Open,
            page: 1,
            page_size: 5,
            ..Default::default()
        },
    )
    .await
    .or_page(&visitor)?;
    let fleet = equipment::list_equipment(
        db,
        actor,
        &EquipmentQuery {
            page_size: 1,
            ..Default::default()
        },
    )
    .await
    .or_page(&visitor)?;
    let in_force = contracts::list_contracts(
        db,
        actor,
        &ContractQuery {
            status: Some(ContractStatus::Active),
            page: 1,
            page_size: 1,
            ..Default::default()
        },
    )
    .await
    .or_page(&visitor)?;
    // Invoices awaiting payment: a credit note is owed by the MSP, not to it.
    let unpaid = invoices::list_invoices(
        db,
        actor,
        &InvoiceQuery {
            unpaid_only: true,
            page: 1,
            page_size: 1,
            ..Default::default()
        },
    )
    .await
    .or_page(&visitor)?
    .total;
    let page = HomePage {
        open_tickets: tickets.total,
        equipment: fleet.total.unwrap_or(0),
        contracts: in_force.total,
        unpaid,
        recent: super::tickets::lines(&portal, &visitor, tickets.items),
        shell: Shell::new(&visitor, "home"),
    };
    Ok(render(&page))
}

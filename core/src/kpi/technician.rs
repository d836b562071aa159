//! The technician's dashboard: their own open tickets, the most urgent SLA
//! deadline first; their interventions of this week (not the cancelled);
//! their running timer;
//! the open alerts about their tickets. Each part is the page its list
//! screen shows (the queue's "mine" view, the planning, the alert centre
//! narrowed to "mine"), so the dashboard and the list it opens agree.

use super::monday_of;
use crate::desk::interventions::list_interventions;
use crate::desk::local_time::CompanyZone;
use crate::desk::tickets::{list_tickets, refresh_due};
use crate::desk::time::running_timer;
use crate::error::{CoreError, CoreResult};
use crate::Actor;
use chrono::{DateTime, Days, Utc};
use parc_api::alerts::{AlertQuery, AlertView};
use parc_api::interventions::{InterventionQuery, InterventionStatus};
use parc_api::kpi::TechnicianDashboard;
use parc_api::tickets::{QueueView, TicketQuery};
use sea_orm::{ConnectionTrait, TransactionTrait};

/// How many of their tickets and alerts the dashboard lists (the tile
/// opens the whole list).
pub const FIRST: u64 = 8;

/// The most interventions a week's list holds (a full week is far fewer).
const WEEK_LIMIT: u64 = 100;

pub async fn technician_dashboard<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    now: DateTime<Utc>,
) -> CoreResult<TechnicianDashboard> {
    let me = actor
        .user_id()
        .ok_or_else(|| CoreError::Forbidden(parc_api::problem::Problem::DashboardIsTheStaffs))?;
    refresh_due(db, now).await?;
    let zone = CompanyZone::load(db).await?;
    let today = zone.day(now).unwrap_or_else(|| now.date_naive());
    let week_start = monday_of(today);
    let tickets = list_tickets(
        db,
        actor,
        &TicketQuery {
            view: QueueView::Mine,
            page: 1,
            page_size: FIRST,
            ..Default::default()
        },
    )
    .await?;
    let week = list_interventions(
        db,
        actor,
        &InterventionQuery {
            technician_id: Some(me),
            from: Some(week_start),
            to: Some(week_start + Days::new(6)),
            page: 1,
            page_size: WEEK_LIMIT,
            ..Default::default()
        },
    )
    .await?
    .items
    .into_iter()
    .filter(|i| i.status != InterventionStatus::Cancelled)
    .collect();
    let alerts = crate::alerts::centre::list(
        db,
        actor,
        &AlertQuery {
            view: AlertView::Open,
            mine: true,
            page: 1,
            page_size: FIRST,
            ..Default::default()
        },
    )
    .await?;
    Ok(TechnicianDashboard {
        today,
        week_start,
        tickets,
        week,
        timer: running_timer(db, actor).await?,
        alerts,
    })
}

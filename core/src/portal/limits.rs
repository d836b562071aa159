//! How much one portal contact may write: tickets and replies an hour.
//! A contact's password in the wrong hands (or a script gone wrong) must
//! not flood the service desk's queue, its mails and the database.
//!
//! Counted from the rows' own timestamps, so the limits hold across
//! restarts and over every door. Each check runs in the writing
//! transaction after its row is written: on SQLite that write holds the
//! lock, so two sent at once are counted one after the other, and the one
//! over the limit is rolled back with the refusal. Staff are never limited.

use crate::desk::ticket_entity as tickets;
use crate::desk::ticket_message_entity as messages;
use crate::error::{CoreError, CoreResult};
use crate::Actor;
use chrono::{Duration, Utc};
use parc_api::ValidationCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// The field a refusal names, for a door to say it in its own words.
pub const FIELD: &str = "rate_limit";
/// Tickets one contact may open in an hour.
pub const TICKETS_PER_HOUR: u64 = 20;
/// Replies one contact may write in an hour, over all their tickets.
pub const REPLIES_PER_HOUR: u64 = 60;

fn refused(limit: u64, what: &str) -> CoreError {
    CoreError::validation(
        FIELD,
        ValidationCode::OutOfRange,
        format!("at most {limit} {what} an hour: try again later"),
    )
}

/// Refuses a ticket just written by a contact beyond their hourly limit.
pub(crate) async fn check_tickets(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<()> {
    let Some(contact) = actor.contact_row_id() else {
        return Ok(());
    };
    let written = tickets::Entity::find()
        .filter(tickets::Column::CreatedByContactId.eq(contact))
        .filter(tickets::Column::CreatedAt.gt(Utc::now() - Duration::hours(1)))
        .count(db)
        .await?;
    if written > TICKETS_PER_HOUR {
        return Err(refused(TICKETS_PER_HOUR, "new tickets"));
    }
    Ok(())
}

/// Refuses a reply just written by a contact beyond their hourly limit.
pub(crate) async fn check_replies(db: &impl ConnectionTrait, actor: &Actor) -> CoreResult<()> {
    let Some(contact) = actor.contact_row_id() else {
        return Ok(());
    };
    let written = messages::Entity::find()
        .filter(messages::Column::AuthorContactId.eq(contact))
        .filter(messages::Column::At.gt(Utc::now() - Duration::hours(1)))
        .count(db)
        .await?;
    if written > REPLIES_PER_HOUR {
        return Err(refused(REPLIES_PER_HOUR, "replies"));
    }
    Ok(())
}

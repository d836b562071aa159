//! Each SLA target's own state on the ticket, for compliance figures.
//!
//! The queue needs only the worse of a ticket's two targets (`sla_state`),
//! and a settled target's due time is cleared. A manager's compliance — "how
//! many first responses, and how many resolutions, were on time over 30
//! days" — needs each target's outcome, counted in the database. So the
//! evaluation now also caches `first_response_state` and `resolution_state`
//! (a `SlaState` code); an index on the creation time covers that count,
//! and one on the resolution time the time to resolve and the backlog.
//!
//! Tickets settled before this upgrade get what their row still tells: a
//! ticket met overall met both targets; otherwise a settled target whose due
//! time was kept is met or breached by comparing (the evaluation keeps a due
//! time only when it was missed), and one whose due time was cleared was
//! met. A breached ticket that kept neither due time tells nothing: its
//! targets stay unknown (NULL) and out of compliance. Open tickets get theirs
//! at their next evaluation.

use crate::m20261127_000003_create_inventory::index;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tickets {
    Table,
    FirstResponseState,
    ResolutionState,
}

const NAME: &str = "idx_tickets_outcomes";
const RESOLVED: &str = "idx_tickets_resolved";

const BACKFILL: &[&str] = &[
    "UPDATE tickets SET first_response_state = 'met', resolution_state = 'met' \
     WHERE sla_state = 'met'",
    // A settled target keeps its due time only when it was missed (the
    // evaluation clears it when met): kept, compare; cleared, met. A ticket
    // with no first response answered it by its resolution.
    "UPDATE tickets SET first_response_state = \
       CASE WHEN first_response_due IS NULL \
              OR COALESCE(first_response_at, resolved_at) <= first_response_due \
            THEN 'met' ELSE 'breached' END \
     WHERE first_response_state IS NULL \
       AND (first_response_at IS NOT NULL OR resolved_at IS NOT NULL) \
       AND (first_response_due IS NOT NULL OR resolution_due IS NOT NULL)",
    "UPDATE tickets SET resolution_state = \
       CASE WHEN resolution_due IS NULL OR resolved_at <= resolution_due \
            THEN 'met' ELSE 'breached' END \
     WHERE resolution_state IS NULL AND resolved_at IS NOT NULL \
       AND (first_response_due IS NOT NULL OR resolution_due IS NOT NULL)",
    // Open tickets: evaluated again at the next read of the queue.
    "UPDATE tickets SET sla_review_at = '1970-01-01T00:00:00+00:00' \
     WHERE status NOT IN ('resolved', 'closed')",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Tickets::FirstResponseState, Tickets::ResolutionState] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Tickets::Table)
                        .add_column(ColumnDef::new(column).string().null())
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        for statement in BACKFILL {
            db.execute_unprepared(statement).await?;
        }
        manager
            .create_index(index(
                NAME,
                Tickets::Table,
                &["created_at", "first_response_state", "resolution_state"],
            ))
            .await?;
        manager
            .create_index(index(
                RESOLVED,
                Tickets::Table,
                &["resolved_at", "created_at"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [RESOLVED, NAME] {
            manager
                .drop_index(Index::drop().name(name).table(Tickets::Table).to_owned())
                .await?;
        }
        for column in [Tickets::FirstResponseState, Tickets::ResolutionState] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Tickets::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

//! Who is calling a service. Every service function takes an `Actor`; the
//! checks that depend on it live in `authz`, never in a door.

use parc_api::auth::Role;
use parc_api::portal::TicketScope;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// A logged-in member of the MSP.
    Staff {
        user_id: i64,
        name: String,
        role: Role,
    },
    /// A client's contact on the portal: sees only rows of `client_id`.
    Portal {
        contact_id: i64,
        client_id: i64,
        name: String,
        /// Only their own tickets, or all of the client's.
        tickets: TicketScope,
    },
    /// The command line and background jobs acting for the installation
    /// itself (e.g. `parc demo`), recorded as such in the audit log.
    System,
}

impl Actor {
    pub fn manager(user_id: i64, name: &str) -> Self {
        Actor::Staff {
            user_id,
            name: name.to_owned(),
            role: Role::Manager,
        }
    }

    pub fn technician(user_id: i64, name: &str) -> Self {
        Actor::Staff {
            user_id,
            name: name.to_owned(),
            role: Role::Technician,
        }
    }

    /// The user id recorded in the audit log, if the actor is a staff member.
    pub fn user_id(&self) -> Option<i64> {
        match self {
            Actor::Staff { user_id, .. } => Some(*user_id),
            _ => None,
        }
    }

    /// How the actor appears in a record's history.
    pub fn label(&self) -> String {
        match self {
            Actor::Staff { name, .. } => name.clone(),
            Actor::Portal { name, .. } => format!("{name} (portal)"),
            Actor::System => "system".to_owned(),
        }
    }

    /// The user id as stored in a row (`users.id`), for a staff member.
    pub fn staff_row_id(&self) -> Option<i32> {
        self.user_id().and_then(|id| i32::try_from(id).ok())
    }

    /// The contact id as stored in a row, for a portal contact.
    pub fn contact_row_id(&self) -> Option<i32> {
        match self {
            Actor::Portal { contact_id, .. } => i32::try_from(*contact_id).ok(),
            _ => None,
        }
    }

    /// The contact whose tickets alone this actor may see, if restricted
    /// to their own.
    pub fn own_tickets_only(&self) -> Option<i64> {
        match self {
            Actor::Portal {
                contact_id,
                tickets: TicketScope::Own,
                ..
            } => Some(*contact_id),
            _ => None,
        }
    }

    /// The only client whose rows this actor may see, if restricted.
    pub fn client_scope(&self) -> Option<i64> {
        match self {
            Actor::Portal { client_id, .. } => Some(*client_id),
            _ => None,
        }
    }
}

//! User accounts of the MSP (managers and technicians).

use crate::auth::Role;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub active: bool,
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct NewUser {
    pub name: String,
    pub email: String,
    pub role: Role,
    pub password: String,
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct ResetPassword {
    pub user_id: i64,
    pub new_password: String,
}

/// Requests end up in logs and panic messages: the password never does.
impl std::fmt::Debug for NewUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUser")
            .field("name", &self.name)
            .field("email", &self.email)
            .field("role", &self.role)
            .field("password", &"[redacted]")
            .finish()
    }
}

impl std::fmt::Debug for ResetPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResetPassword")
            .field("user_id", &self.user_id)
            .field("new_password", &"[redacted]")
            .finish()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetUserActive {
    pub user_id: i64,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetUserRole {
    pub user_id: i64,
    pub role: Role,
}

/// A "remember me" login of a user on some computer (only its digest is
/// kept, never the token).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RememberedLoginRow {
    pub id: i64,
    pub user_id: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
    /// It stops working then, used or not.
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_a_password() {
        let new_user = NewUser {
            name: "Théo".into(),
            email: "theo@parc.example".into(),
            role: Role::Technician,
            password: "hunter2-secret".into(),
        };
        let reset = ResetPassword {
            user_id: 7,
            new_password: "hunter2-secret".into(),
        };
        for printed in [format!("{new_user:?}"), format!("{reset:?}")] {
            assert!(!printed.contains("hunter2-secret"), "{printed}");
            assert!(printed.contains("[redacted]"), "{printed}");
        }
        assert!(format!("{new_user:?}").contains("theo@parc.example"));
    }
}

//! First-run set-up, login and the session the UI runs under.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Fr,
    #[default]
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        match code.get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("fr") => Some(Language::Fr),
            Some("en") => Some(Language::En),
            _ => None,
        }
    }
    /// A date as a reader of this language writes it: 31/12/2027 in
    /// French, 2027-12-31 in English.
    pub fn date(self, date: chrono::NaiveDate) -> String {
        match self {
            Language::Fr => date.format("%d/%m/%Y").to_string(),
            Language::En => date.format("%Y-%m-%d").to_string(),
        }
    }
    /// Amounts in this language's form (see `money::display`).
    pub fn money(self, cents: i64) -> String {
        crate::money::display(cents, self == Language::Fr)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Manager,
    Technician,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Technician => "technician",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "manager" => Some(Role::Manager),
            "technician" => Some(Role::Technician),
            _ => None,
        }
    }
}

/// What the UI needs to know before showing anything.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StartupState {
    /// No manager exists yet: show the first-run wizard.
    pub needs_setup: bool,
    /// The sign-in screen's: the company's document language, or the OS
    /// locale's before set-up (a session brings its user's own).
    pub language: Language,
    pub company_name: Option<String>,
    /// A remembered login was restored from the OS keyring.
    pub session: Option<SessionInfo>,
    /// Why "remember me" cannot work on this computer, if it cannot.
    pub keyring_problem: Option<String>,
    /// The company's time zone (IANA name): local times are shown and typed
    /// in it, whatever the computer's own zone.
    #[serde(default)]
    pub time_zone: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CompanyIdentity {
    pub name: String,
    pub address: String,
    pub siret: String,
    pub vat_number: String,
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct SetupRequest {
    pub language: Language,
    pub company: CompanyIdentity,
    pub manager_name: String,
    pub manager_email: String,
    pub manager_password: String,
    pub with_demo_data: bool,
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    pub remember: bool,
}

/// Requests end up in logs and panic messages: the password never does.
impl std::fmt::Debug for SetupRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetupRequest")
            .field("language", &self.language)
            .field("company", &self.company)
            .field("manager_name", &self.manager_name)
            .field("manager_email", &self.manager_email)
            .field("manager_password", &"[redacted]")
            .field("with_demo_data", &self.with_demo_data)
            .finish()
    }
}

impl std::fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginRequest")
            .field("email", &self.email)
            .field("password", &"[redacted]")
            .field("remember", &self.remember)
            .finish()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// What this user may do, decided by the core's role matrix; the UI only
    /// hides what would be refused anyway.
    pub permissions: Permissions,
    /// The company requires this user to sign in with a second factor and
    /// they have none yet: the session may only enrol one
    /// (`parc_api::second_factor`).
    #[serde(default)]
    pub second_factor_due: bool,
    /// The user's own interface language (the documents' is the
    /// company's, a setting of its own).
    #[serde(default)]
    pub language: Language,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    pub manage_users: bool,
    pub write_clients: bool,
    pub write_zones: bool,
    pub write_equipment: bool,
    pub write_catalogue: bool,
    pub write_parts: bool,
    pub write_contracts: bool,
    pub read_invoices: bool,
    pub write_invoices: bool,
    pub manage_settings: bool,
    /// Create and change licences, their lots and renewals.
    pub write_licences: bool,
    /// Give and take back licence seats.
    pub assign_licences: bool,
    /// See a licence key in clear.
    pub reveal_licence_keys: bool,
    /// Run the client portal and let contacts into it.
    pub manage_portal: bool,
    /// The manager dashboard, the statistics and the activity reports.
    pub read_statistics: bool,
}

/// The event the desktop's window gets when its session ended under it (the
/// user was deactivated meanwhile); its payload is the message.
pub const SIGNED_OUT_EVENT: &str = "signed-out";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoginResponse {
    pub session: SessionInfo,
    /// Set when "remember me" was asked for but the OS keyring refused.
    pub remember_problem: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_a_password() {
        let login = LoginRequest {
            email: "mia@parc.example".into(),
            password: "hunter2-secret".into(),
            remember: true,
        };
        let setup = SetupRequest {
            language: Language::Fr,
            company: CompanyIdentity::default(),
            manager_name: "Mia".into(),
            manager_email: "mia@parc.example".into(),
            manager_password: "hunter2-secret".into(),
            with_demo_data: false,
        };
        for printed in [format!("{login:?}"), format!("{setup:?}")] {
            assert!(!printed.contains("hunter2-secret"), "{printed}");
            assert!(printed.contains("[redacted]"), "{printed}");
            assert!(printed.contains("mia@parc.example"), "{printed}");
        }
    }
}

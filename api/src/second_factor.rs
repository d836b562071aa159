//! Two-step sign-in: what the enrolment page, the login's second step and
//! the managers' switches send and receive.
//!
//! The secret and the recovery codes cross the IPC once, while enrolling;
//! their `Debug` never prints them.

use crate::auth::{LoginResponse, SessionInfo};
use serde::{Deserialize, Serialize};

/// What the login answers once the password is right.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginAnswer {
    /// Logged in (no second factor, or none needed).
    LoggedIn(LoginResponse),
    /// The account has a second factor: a code is asked next. No session
    /// yet; the desktop shell holds the pending sign-in.
    SecondFactor,
}

/// The code typed at the login's second step: six digits from the app,
/// or a recovery code.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct SecondFactorCode {
    pub code: String,
}

impl std::fmt::Debug for SecondFactorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecondFactorCode { .. }")
    }
}

/// The signed-in person's own second factor, for the enrolment page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SecondFactorStatus {
    /// Confirmed: asked at every sign-in.
    pub enabled: bool,
    /// Begun but not confirmed by a first code yet.
    pub enrolling: bool,
    /// Recovery codes not used yet.
    pub recovery_codes_left: u32,
    /// The company asks it of this person (managers, when switched on).
    pub required: bool,
}

/// A secret being enrolled: the QR code to scan, or the secret to type.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct SecondFactorEnrolment {
    /// Base32, as authenticator apps take it typed.
    pub secret: String,
    /// The `otpauth://` link the QR code holds.
    pub otpauth_url: String,
    /// The QR code as an SVG `data:` URI, for an `<img>`.
    pub qr_code: String,
}

impl std::fmt::Debug for SecondFactorEnrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecondFactorEnrolment { .. }")
    }
}

/// The factor confirmed: the recovery codes, shown this once, and the
/// session as it now stands (no longer sent to enrolment).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct SecondFactorConfirmed {
    pub recovery_codes: Vec<String>,
    pub session: SessionInfo,
}

impl std::fmt::Debug for SecondFactorConfirmed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecondFactorConfirmed")
            .field("recovery_codes", &self.recovery_codes.len())
            .field("session", &self.session)
            .finish()
    }
}

/// Turning one's own factor off: the password, or a current code.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct DisableSecondFactor {
    pub proof: String,
}

impl std::fmt::Debug for DisableSecondFactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DisableSecondFactor { .. }")
    }
}

/// The company's rule, in Settings (managers only).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorPolicy {
    /// Managers must sign in with a second factor; one without is sent to
    /// enrolment right after the password and can do nothing else.
    pub required_for_managers: bool,
}

//! The error every command returns to the UI: a machine-readable kind (so the
//! UI can react, e.g. put a message under the right field) and a human message.

use serde::{Deserialize, Serialize};

/// What went wrong, preserved from the core error across the IPC boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NotFound,
    Forbidden,
    Unauthenticated,
    Validation,
    Conflict,
    Internal,
}

/// Why a field was refused; the UI turns it into a sentence in the user's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValidationCode {
    Required,
    TooLong,
    InvalidEmail,
    InvalidFormat,
    Duplicate,
    TooShort,
    NotOfClient,
    WrongCredentials,
    Conflict,
    /// A record other records refer to cannot be deleted: archive it instead.
    Referenced,
    Unknown,
    /// The message names the record that already has this value.
    DuplicateOf,
    InvalidDate,
    InvalidAmount,
    /// The message says how many are in stock.
    OutOfStock,
    /// A number below one already given (references would repeat).
    NumberGoesBack,
    /// Invoices and credit notes keep one unbroken series per year.
    SeriesLocked,
    /// A number outside the range the field accepts.
    OutOfRange,
    /// A second-factor code that is not the right one.
    WrongCode,
    /// A second-factor code already used (each works once).
    CodeUsed,
    /// A sign-in waiting for its code is over (too many wrong codes, or
    /// too long): the password again.
    SignInExpired,
    /// Requiring a second factor of managers, by a manager who has none.
    OwnSecondFactorFirst,
    /// Too many sign-in attempts: the message says when to try again.
    TooManyAttempts,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IpcError {
    pub kind: ErrorKind,
    /// A sentence for a person, in English; the UI may translate by `kind`/`code`.
    pub message: String,
    /// For validation errors: the field at fault (the name used in the input DTO).
    pub field: Option<String>,
    pub code: Option<ValidationCode>,
    /// Which refusal, conflict or missing record, for the door to word in
    /// its user's language; `message` is its English wording.
    #[serde(default)]
    pub problem: Option<Box<crate::problem::Problem>>,
}

impl IpcError {
    pub fn internal(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Internal,
            message: message.into(),
            field: None,
            code: None,
            problem: None,
        }
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{field}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

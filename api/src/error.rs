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
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IpcError {
    pub kind: ErrorKind,
    /// A sentence for a person, in English; the UI may translate by `kind`/`code`.
    pub message: String,
    /// For validation errors: the field at fault (the name used in the input DTO).
    pub field: Option<String>,
    pub code: Option<ValidationCode>,
}

impl IpcError {
    pub fn internal(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Internal,
            message: message.into(),
            field: None,
            code: None,
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

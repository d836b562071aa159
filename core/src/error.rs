//! The one error type of the core, and its single conversion to the IPC error.
//!
//! Every service returns `CoreError`; each door (Tauri command, CLI, later the
//! portal) converts it once at its edge, keeping the kind so the UI can put a
//! validation message under the right field.

use parc_api::{ErrorKind, IpcError, ValidationCode};
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{what} not found")]
    NotFound { what: &'static str },
    #[error("{0}")]
    Forbidden(String),
    #[error("please log in")]
    Unauthenticated,
    #[error("{field}: {message}")]
    Validation {
        field: String,
        code: ValidationCode,
        message: String,
    },
    #[error("{0}")]
    Conflict(String),
    #[error("this {what} is used by other records: archive it instead")]
    Referenced { what: &'static str },
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    #[error("{0}")]
    Internal(String),
}

pub type CoreResult<T> = Result<T, CoreError>;

/// The outcome of deleting a `what`: refused as `Referenced` when a foreign
/// key still points at it. The database's own constraints decide, so every
/// table added later that refers to the record is covered without a change here.
fn is_foreign_key_violation(err: &DbErr) -> bool {
    // sea-orm recognises SQLite's extended code 787 and PostgreSQL's 23503;
    // a DELETE refused by a RESTRICT key reports 1811 on SQLite, with this message.
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_))
    ) || err.to_string().contains("FOREIGN KEY constraint failed")
}

pub fn deleted<T>(result: Result<T, DbErr>, what: &'static str) -> CoreResult<()> {
    match result {
        Ok(_) => Ok(()),
        Err(err) if is_foreign_key_violation(&err) => Err(CoreError::Referenced { what }),
        Err(err) => Err(err.into()),
    }
}

impl CoreError {
    pub fn validation(field: &str, code: ValidationCode, message: impl Into<String>) -> Self {
        CoreError::Validation {
            field: field.to_owned(),
            code,
            message: message.into(),
        }
    }

    pub fn not_found(what: &'static str) -> Self {
        CoreError::NotFound { what }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            CoreError::NotFound { .. } => ErrorKind::NotFound,
            CoreError::Forbidden(_) => ErrorKind::Forbidden,
            CoreError::Unauthenticated => ErrorKind::Unauthenticated,
            CoreError::Validation { .. } => ErrorKind::Validation,
            CoreError::Conflict(_) | CoreError::Referenced { .. } => ErrorKind::Conflict,
            CoreError::Db(_) | CoreError::Internal(_) => ErrorKind::Internal,
        }
    }
}

impl From<CoreError> for IpcError {
    fn from(err: CoreError) -> Self {
        let kind = err.kind();
        match err {
            CoreError::Validation {
                field,
                code,
                message,
            } => IpcError {
                kind,
                message,
                field: Some(field),
                code: Some(code),
            },
            CoreError::Referenced { .. } => IpcError {
                kind,
                message: err.to_string(),
                field: None,
                code: Some(ValidationCode::Referenced),
            },
            other => IpcError {
                kind,
                message: other.to_string(),
                field: None,
                code: None,
            },
        }
    }
}

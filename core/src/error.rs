//! The one error type of the core, and its single conversion to the IPC error.
//!
//! Every service returns `CoreError`; each door (Tauri command, CLI, later the
//! portal) converts it once at its edge, keeping the kind so the UI can put a
//! validation message under the right field.
//!
//! The kinds: `NotFound`, `Forbidden`, `Unauthenticated`, `Validation { field,
//! code, message }`, `Conflict`, `Referenced` (a delete the database's
//! `RESTRICT` foreign keys refused, turned by `deleted` into "archive it
//! instead"), `Db` and `Internal`. A refusal, a conflict or a record not
//! found carries a `Problem` (a code and its values) that each door words
//! in its user's language; the English wording is this error's `Display`,
//! for logs and the command line.

use parc_api::auth::Language;
use parc_api::problem::{Problem, Thing};
use parc_api::{ErrorKind, IpcError, ValidationCode};
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{} not found", what.name(Language::En))]
    NotFound { what: Thing },
    #[error("{}", .0.text(Language::En))]
    Forbidden(Problem),
    #[error("please log in")]
    Unauthenticated,
    #[error("{field}: {message}")]
    Validation {
        field: String,
        code: ValidationCode,
        message: String,
    },
    /// A field's value refused for a reason Parc names (a file that is not
    /// a backup): shown under the field, worded by the door.
    #[error("{}: {}", field, problem.text(Language::En))]
    FieldProblem {
        field: String,
        code: ValidationCode,
        problem: Problem,
    },
    #[error("{}", .0.text(Language::En))]
    Conflict(Problem),
    #[error("{}", Problem::Referenced { what: *what }.text(Language::En))]
    Referenced { what: Thing },
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    #[error("{0}")]
    Internal(String),
    /// A failure Parc can name (a backup's file step, a restore), whose
    /// detail is the system's own words.
    #[error("{}", .0.text(Language::En))]
    Failed(Problem),
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

pub fn deleted<T>(result: Result<T, DbErr>, what: Thing) -> CoreResult<()> {
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

    pub fn not_found(what: Thing) -> Self {
        CoreError::NotFound { what }
    }

    /// `field` refused (with `code`) for a reason Parc words in each language.
    pub fn field_problem(field: &str, code: ValidationCode, problem: Problem) -> Self {
        CoreError::FieldProblem {
            field: field.to_owned(),
            code,
            problem,
        }
    }

    /// The field refused and why, for a refusal under a field.
    pub fn refused_field(&self) -> Option<(&str, ValidationCode)> {
        match self {
            CoreError::Validation { field, code, .. }
            | CoreError::FieldProblem { field, code, .. } => Some((field.as_str(), *code)),
            _ => None,
        }
    }

    /// The problem a door words for its user, when it is one Parc names.
    pub fn problem(&self) -> Option<Problem> {
        match self {
            CoreError::NotFound { what } => Some(Problem::NotFound { what: *what }),
            CoreError::Referenced { what } => Some(Problem::Referenced { what: *what }),
            CoreError::Forbidden(problem)
            | CoreError::Conflict(problem)
            | CoreError::Failed(problem)
            | CoreError::FieldProblem { problem, .. } => Some(problem.clone()),
            _ => None,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            CoreError::NotFound { .. } => ErrorKind::NotFound,
            CoreError::Forbidden(_) => ErrorKind::Forbidden,
            CoreError::Unauthenticated => ErrorKind::Unauthenticated,
            CoreError::Validation { .. } | CoreError::FieldProblem { .. } => ErrorKind::Validation,
            CoreError::Conflict(_) | CoreError::Referenced { .. } => ErrorKind::Conflict,
            CoreError::Db(_) | CoreError::Internal(_) | CoreError::Failed(_) => ErrorKind::Internal,
        }
    }
}

impl From<CoreError> for IpcError {
    fn from(err: CoreError) -> Self {
        let kind = err.kind();
        let problem = err.problem().map(Box::new);
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
                problem,
            },
            CoreError::FieldProblem {
                field,
                code,
                problem,
            } => IpcError {
                kind,
                message: problem.text(Language::En),
                field: Some(field),
                code: Some(code),
                problem: Some(Box::new(problem)),
            },
            CoreError::Referenced { .. } => IpcError {
                kind,
                message: err.to_string(),
                field: None,
                code: Some(ValidationCode::Referenced),
                problem,
            },
            other => IpcError {
                kind,
                message: other.to_string(),
                field: None,
                code: None,
                problem,
            },
        }
    }
}

//! The one error type server functions return: a stable code (also the Fluent message id, so
//! the UI shows it translated), an HTTP status, and never raw database text.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What a server function can answer instead of its result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Not signed in, or the session expired.
    #[error("not signed in")]
    Unauthorized,
    /// Signed in, but the role does not allow this.
    #[error("not allowed for your role")]
    Forbidden,
    /// Login failed: unknown e-mail or wrong password (deliberately not told apart).
    #[error("wrong email or password")]
    WrongCredentials,
    /// Login refused before the password was checked (rate limit, or the delay after wrong
    /// passwords from this address); the same answer whether the account exists or not.
    #[error("too many attempts; try again in {seconds} seconds")]
    TooManyAttempts {
        /// Seconds until the next attempt may succeed.
        seconds: u64,
    },
    /// A field of the request is invalid.
    #[error("invalid {field}: {code}")]
    Validation {
        /// The form field or JSON property.
        field: String,
        /// A Fluent message id explaining the problem.
        code: String,
    },
    /// The request is valid but the current state refuses it (e.g. time travel in production).
    #[error("refused: {code}")]
    Refused {
        /// A Fluent message id naming the rule.
        code: String,
    },
    /// The database could not be reached in time; retrying later may work.
    #[error("service unavailable (correlation id {correlation_id})")]
    Unavailable {
        /// Matches the logs.
        correlation_id: String,
    },
    /// A bug or an unexpected failure; details are in the logs only.
    #[error("internal error (correlation id {correlation_id})")]
    Internal {
        /// Matches the logs.
        correlation_id: String,
    },
    /// The server-function machinery itself failed (bad request encoding, network).
    #[error("request failed: {0}")]
    Transport(String),
}

impl AppError {
    /// The stable error code; the Fluent message id for the UI.
    pub fn code(&self) -> &str {
        match self {
            AppError::Unauthorized => "ERR_UNAUTHORIZED",
            AppError::Forbidden => "ERR_FORBIDDEN",
            AppError::WrongCredentials => "ERR_WRONG_CREDENTIALS",
            AppError::TooManyAttempts { .. } => "ERR_TOO_MANY_ATTEMPTS",
            AppError::Validation { code, .. } | AppError::Refused { code } => code,
            AppError::Unavailable { .. } => "ERR_UNAVAILABLE",
            AppError::Internal { .. } => "ERR_INTERNAL",
            AppError::Transport(_) => "ERR_TRANSPORT",
        }
    }

    /// The HTTP status that goes with the error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized | AppError::WrongCredentials => 401,
            AppError::Forbidden => 403,
            AppError::TooManyAttempts { .. } => 429,
            AppError::Validation { .. } => 422,
            AppError::Refused { .. } => 409,
            AppError::Unavailable { .. } => 503,
            AppError::Internal { .. } => 500,
            AppError::Transport(_) => 400,
        }
    }

    /// A validation error for `field`.
    pub fn invalid(field: &str, code: &str) -> Self {
        AppError::Validation {
            field: field.to_string(),
            code: code.to_string(),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

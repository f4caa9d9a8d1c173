//! How a failed server function answers this request: a database failure becomes an
//! [`AppError`] carrying this request's id (logged once, the user sees only the id), and the
//! error's HTTP status is set for callers that are not plain form posts. Kept here, above
//! `error.rs`, so the error type itself needs nothing of the request.

use crate::error::AppError;
use crate::kdb::KdbError;

use super::ssr::{accepts_html, request_id};

impl From<KdbError> for AppError {
    /// Logs the database error once with a correlation id; the user sees only the id.
    fn from(e: KdbError) -> Self {
        let correlation_id = request_id();
        let retryable =
            e.is_retryable() || matches!(e, KdbError::Timeout | KdbError::CommitUncertain);
        tracing::error!(%correlation_id, error = %e, "database failure");
        if retryable {
            AppError::Unavailable { correlation_id }
        } else {
            AppError::Internal { correlation_id }
        }
    }
}

/// Sets the HTTP status of a server function's error response.
///
/// Plain form posts (no JavaScript) keep the 302 back to the form that shows the error, so the
/// status is only set for `fetch` and API callers.
pub fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        if !accepts_html() {
            if let (Some(opts), Ok(status)) = (
                leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
                http::StatusCode::from_u16(e.status()),
            ) {
                opts.set_status(status);
            }
        }
    }
    result
}

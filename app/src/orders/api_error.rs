//! The one JSON error shape of the order API (`style.md` "Errors"):
//! `{"error_code", "error_message", "correlation_id", "validation_errors": [...]}`, plus the
//! decision's outcome and reason for a credit rejection. Lives beside the order services
//! because a rejection is stored under its Idempotency-Key and replayed byte for byte.

use serde::{Deserialize, Serialize};

use super::error::{FieldProblem, OrderError};

/// The body of every error response of the order API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// Stable code to act on (never parse the message), e.g. `CAPTURE_NOT_ALLOWED`.
    pub error_code: String,
    /// English explanation for the developer.
    pub error_message: String,
    /// Quote it to support: it finds the request in the logs.
    pub correlation_id: String,
    /// Every invalid field (422 only; empty otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub validation_errors: Vec<FieldProblem>,
    /// The credit decision's outcome (`reject` or `refer`), for `REJECTED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_outcome: Option<String>,
    /// The credit decision's reason code, e.g. `CREDIT_LIMIT`, for `REJECTED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
}

impl ErrorBody {
    /// A body with no field list.
    pub fn new(code: &str, message: impl Into<String>, correlation_id: &str) -> Self {
        ErrorBody {
            error_code: code.to_string(),
            error_message: message.into(),
            correlation_id: correlation_id.to_string(),
            validation_errors: Vec::new(),
            decision_outcome: None,
            reason_code: None,
        }
    }

    /// The body for an order error.
    pub fn of(e: &OrderError, correlation_id: &str) -> Self {
        let mut body = ErrorBody::new(e.code(), e.public_message(), correlation_id);
        match e {
            OrderError::Validation(problems) => body.validation_errors = problems.clone(),
            OrderError::Rejected { outcome, reason } => {
                body.decision_outcome = Some(outcome.clone());
                body.reason_code = Some(reason.clone());
            }
            _ => {}
        }
        body
    }
}

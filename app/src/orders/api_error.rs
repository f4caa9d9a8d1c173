//! The one JSON error shape of the order API (`style.md` "Errors"):
//! `{"error_code", "error_message", "correlation_id", "validation_errors": [...]}`, plus the
//! decision's outcome and a customer-safe category for a credit rejection — never the
//! internal reason (a merchant must not learn a third party's credit status; staff see the
//! reason in the decision log). Lives beside the order services because a rejection is stored
//! under its Idempotency-Key and replayed byte for byte.

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
    /// What to tell the buyer, for `REJECTED`: always `NOT_APPROVED` (offer another payment
    /// method). The decision's reasons are not disclosed to the e-store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_category: Option<String>,
}

/// The one rejection category the API discloses.
pub const NOT_APPROVED: &str = "NOT_APPROVED";

impl ErrorBody {
    /// A body with no field list.
    pub fn new(code: &str, message: impl Into<String>, correlation_id: &str) -> Self {
        ErrorBody {
            error_code: code.to_string(),
            error_message: message.into(),
            correlation_id: correlation_id.to_string(),
            validation_errors: Vec::new(),
            decision_outcome: None,
            rejection_category: None,
        }
    }

    /// The body for an order error.
    pub fn of(e: &OrderError, correlation_id: &str) -> Self {
        let mut body = ErrorBody::new(e.code(), e.public_message(), correlation_id);
        match e {
            OrderError::Validation(problems) => body.validation_errors = problems.clone(),
            OrderError::Rejected { outcome, .. } => {
                body.decision_outcome = Some(outcome.clone());
                body.rejection_category = Some(NOT_APPROVED.to_string());
            }
            _ => {}
        }
        body
    }
}

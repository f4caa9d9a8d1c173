//! What the order services can answer instead of a result. Each variant has a stable code
//! (the API's `error_code` and the Fluent message id) and an HTTP status; the REST API, the
//! portal and the staff pages all map from this one enum.

use crate::kdb::{KdbError, Retryable};

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    /// JSON path of the field, e.g. `order_lines[2].total_amount`.
    pub field: String,
    /// Stable code of the problem, e.g. `LINE_TOTAL_MISMATCH`.
    pub code: String,
    /// English explanation naming expected and given values.
    pub message: String,
}

impl FieldProblem {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        FieldProblem {
            field: field.into(),
            code: code.to_string(),
            message: message.into(),
        }
    }
}

/// Why an order operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum OrderError {
    /// The request has invalid fields (all of them listed).
    #[error("invalid request: {} field(s)", .0.len())]
    Validation(Vec<FieldProblem>),
    /// No such order for this merchant (another merchant's order is also "not found").
    #[error("order not found")]
    OrderNotFound,
    /// No such capture on this order.
    #[error("capture not found")]
    CaptureNotFound,
    /// No such refund on this order.
    #[error("refund not found")]
    RefundNotFound,
    /// The credit decision said no (or sent it to manual review). The reason is a third
    /// party's credit status: it stays in the staff decision view and is never shown to the
    /// merchant, printed or logged (hence not in this message).
    #[error("the purchase was not approved")]
    Rejected {
        /// `reject` or `refer`.
        outcome: String,
        /// The reason code, e.g. `CREDIT_LIMIT` (internal: staff only).
        reason: String,
    },
    /// The capture is more than the remaining authorization, or the order cannot be captured.
    #[error("capture not allowed: {0}")]
    CaptureNotAllowed(String),
    /// The refund is more than captured minus refunded.
    #[error("refund not allowed: {0}")]
    RefundNotAllowed(String),
    /// The operation does not fit the order's state (cancel after capture, …).
    #[error("not allowed: {0}")]
    NotAllowed(String),
    /// The payment method is known but not offered yet.
    #[error("payment method not available: {0}")]
    PaymentMethodUnavailable(String),
    /// The merchant is suspended.
    #[error("merchant inactive")]
    MerchantInactive,
    /// No credit policy is active for this country and product.
    #[error("no credit policy: {0}")]
    PolicyUnavailable(String),
    /// The order changed while the request was being decided; retrying decides afresh.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The Idempotency-Key was used before with a different request.
    #[error("idempotency key reused with a different request")]
    IdempotencyKeyReused,
    /// The database is unavailable or failed.
    #[error(transparent)]
    Db(#[from] KdbError),
    /// A bug: data that should be consistent is not (logged, shown as internal error).
    #[error("internal: {0}")]
    Internal(String),
}

impl From<diesel::result::Error> for OrderError {
    fn from(e: diesel::result::Error) -> Self {
        OrderError::Db(e.into())
    }
}

impl Retryable for OrderError {
    fn is_retryable(&self) -> bool {
        matches!(self, OrderError::Db(e) if e.is_retryable())
    }
}

impl OrderError {
    /// A single invalid field.
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        OrderError::Validation(vec![FieldProblem::new(field, code, message)])
    }

    /// The stable error code.
    pub fn code(&self) -> &'static str {
        match self {
            OrderError::Validation(_) => "VALIDATION_ERROR",
            OrderError::OrderNotFound => "ORDER_NOT_FOUND",
            OrderError::CaptureNotFound => "CAPTURE_NOT_FOUND",
            OrderError::RefundNotFound => "REFUND_NOT_FOUND",
            OrderError::Rejected { .. } => "REJECTED",
            OrderError::CaptureNotAllowed(_) => "CAPTURE_NOT_ALLOWED",
            OrderError::RefundNotAllowed(_) => "REFUND_NOT_ALLOWED",
            OrderError::NotAllowed(_) => "NOT_ALLOWED",
            OrderError::PaymentMethodUnavailable(_) => "PAYMENT_METHOD_UNAVAILABLE",
            OrderError::MerchantInactive => "MERCHANT_INACTIVE",
            OrderError::PolicyUnavailable(_) => "CREDIT_POLICY_UNAVAILABLE",
            OrderError::IdempotencyKeyReused => "IDEMPOTENCY_KEY_REUSED",
            OrderError::Conflict(_) => "CONFLICT",
            OrderError::Db(e) if e.is_unavailable() => "SERVICE_UNAVAILABLE",
            OrderError::Db(_) | OrderError::Internal(_) => "INTERNAL_ERROR",
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            OrderError::Validation(_) | OrderError::PaymentMethodUnavailable(_) => 422,
            OrderError::OrderNotFound
            | OrderError::CaptureNotFound
            | OrderError::RefundNotFound => 404,
            OrderError::Rejected { .. }
            | OrderError::CaptureNotAllowed(_)
            | OrderError::RefundNotAllowed(_)
            | OrderError::NotAllowed(_)
            | OrderError::MerchantInactive => 403,
            OrderError::PolicyUnavailable(_) => 503,
            OrderError::IdempotencyKeyReused | OrderError::Conflict(_) => 409,
            OrderError::Db(e) if e.is_unavailable() => 503,
            OrderError::Db(_) | OrderError::Internal(_) => 500,
        }
    }

    /// A message safe to show the e-store's developer (no database text).
    pub fn public_message(&self) -> String {
        match self {
            OrderError::Db(e) if e.is_unavailable() => {
                "The service is temporarily unavailable; retry with the same Idempotency-Key."
                    .into()
            }
            OrderError::Db(_) | OrderError::Internal(_) => {
                "An internal error occurred; quote the correlation id to support.".into()
            }
            other => other.to_string(),
        }
    }
}

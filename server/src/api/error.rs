//! API errors as responses: the status from the error, the body in the one shape
//! (`app::orders::api_error::ErrorBody`), and server-side failures logged once with the
//! correlation id (their text never reaches the client).

use app::kdb::KdbError;
use app::orders::api_error::ErrorBody;
use app::orders::error::OrderError;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The error code of a write whose COMMIT may or may not have taken effect (503).
pub const COMMIT_UNCERTAIN: &str = "COMMIT_UNCERTAIN";

/// An error answer of the API.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    /// Boxed: errors travel in `Result`s on every path, and the body is the big part.
    body: Box<ErrorBody>,
    retry_after: Option<u64>,
}

impl ApiError {
    /// An error with a code and message.
    pub fn new(status: u16, code: &str, message: impl Into<String>, correlation_id: &str) -> Self {
        ApiError {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body: Box::new(ErrorBody::new(code, message, correlation_id)),
            retry_after: None,
        }
    }

    /// The answer for an order service error; 5xx causes are logged here.
    pub fn order(e: &OrderError, correlation_id: &str) -> Self {
        if e.status() >= 500 {
            tracing::error!(correlation_id, error = %e, "order API failure");
        }
        if matches!(e, OrderError::Db(KdbError::CommitUncertain)) {
            return ApiError::commit_uncertain(correlation_id);
        }
        ApiError {
            status: StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body: Box::new(ErrorBody::of(e, correlation_id)),
            retry_after: (e.status() == 503).then_some(1),
        }
    }

    /// 503 `COMMIT_UNCERTAIN`: the database lost the connection while committing the work and
    /// could not say in time whether it was done. Not retried by the server (that could do the
    /// work twice); the client retries with the same Idempotency-Key, which replays the first
    /// answer if the work was done and does it otherwise.
    pub fn commit_uncertain(correlation_id: &str) -> Self {
        let mut e = ApiError::new(
            503,
            COMMIT_UNCERTAIN,
            "The outcome of this request is unknown: the database connection was lost while \
             committing it. Retry with the same Idempotency-Key; without one, look the result \
             up (e.g. GET the order) before sending it again.",
            correlation_id,
        );
        e.retry_after = Some(1);
        e
    }

    /// 401 with the Basic challenge.
    pub fn unauthorized(correlation_id: &str) -> Self {
        ApiError::new(
            401,
            "UNAUTHORIZED",
            "HTTP Basic credentials (API key id and secret) are missing or wrong",
            correlation_id,
        )
    }

    /// 429 with the seconds to wait.
    pub fn rate_limited(correlation_id: &str, retry_after: u64) -> Self {
        let mut e = ApiError::new(
            429,
            "RATE_LIMITED",
            "too many requests (per merchant, or per client address before the key is checked); slow down",
            correlation_id,
        );
        e.retry_after = Some(retry_after);
        e
    }

    /// The error code (for tests and logs).
    pub fn code(&self) -> &str {
        &self.body.error_code
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let unauthorized = self.status == StatusCode::UNAUTHORIZED;
        let retry_after = self.retry_after;
        let mut response = (self.status, axum::Json(*self.body)).into_response();
        let headers = response.headers_mut();
        if unauthorized {
            headers.insert(
                axum::http::header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"Kreditor API\""),
            );
        }
        if let Some(seconds) = retry_after {
            if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
                headers.insert(axum::http::header::RETRY_AFTER, v);
            }
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncertain_commit_is_a_503_with_its_own_code_and_retry_after() {
        let e = ApiError::order(&OrderError::Db(KdbError::CommitUncertain), "c-1");
        assert_eq!(e.code(), COMMIT_UNCERTAIN);
        let response = e.into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            response.headers().get(axum::http::header::RETRY_AFTER),
            Some(&HeaderValue::from_static("1"))
        );
        // Other database outages keep their code.
        let outage = ApiError::order(&OrderError::Db(KdbError::Timeout), "c-2");
        assert_eq!(outage.code(), "SERVICE_UNAVAILABLE");
    }
}

//! API errors as responses: the status from the error, the body in the one shape
//! (`app::orders::api_error::ErrorBody`), and server-side failures logged once with the
//! correlation id (their text never reaches the client).

use app::orders::api_error::ErrorBody;
use app::orders::error::OrderError;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

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
        ApiError {
            status: StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body: Box::new(ErrorBody::of(e, correlation_id)),
            retry_after: (e.status() == 503).then_some(1),
        }
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
            "too many requests for this merchant; slow down",
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

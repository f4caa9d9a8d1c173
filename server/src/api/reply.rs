//! Turns a service's [`Reply`] into the HTTP response: fresh work answers with its status and
//! body; a replay answers with the stored response and `Idempotency-Replayed: true`.

use app::orders::error::OrderError;
use app::orders::idempotency::{Reply, StoredResponse};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::error::ApiError;

/// The response of a write.
pub fn write<T: Serialize>(
    result: Result<Reply<T>, OrderError>,
    status: u16,
    location: impl FnOnce(&T) -> Option<String>,
    request_id: &str,
) -> Response {
    match result {
        Ok(Reply::Fresh(value)) => {
            let location = location(&value);
            let stored = if status == 204 {
                StoredResponse::no_content()
            } else {
                match StoredResponse::json(status, &value, location) {
                    Ok(s) => s,
                    Err(e) => return ApiError::order(&e, request_id).into_response(),
                }
            };
            stored_response(&stored, false)
        }
        Ok(Reply::Replayed(stored)) => stored_response(&stored, true),
        Err(e) => ApiError::order(&e, request_id).into_response(),
    }
}

/// A stored (or freshly made) response.
pub fn stored_response(stored: &StoredResponse, replayed: bool) -> Response {
    let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    let mut response = if stored.body.is_empty() {
        status.into_response()
    } else {
        (
            status,
            [(
                axum::http::header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            stored.body.clone(),
        )
            .into_response()
    };
    let headers = response.headers_mut();
    if let Some(location) = stored
        .location
        .as_deref()
        .and_then(|l| HeaderValue::from_str(l).ok())
    {
        headers.insert(axum::http::header::LOCATION, location);
    }
    if replayed {
        headers.insert("idempotency-replayed", HeaderValue::from_static("true"));
    }
    response
}

/// The response of a read.
pub fn read<T: Serialize>(result: Result<T, OrderError>, request_id: &str) -> Response {
    match result {
        Ok(value) => (StatusCode::OK, axum::Json(value)).into_response(),
        Err(e) => ApiError::order(&e, request_id).into_response(),
    }
}

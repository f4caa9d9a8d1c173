//! `POST /v1/orders/{order_id}/captures`: capture (ship) all or part; creates the invoice.

use app::orders::capture::capture_order;
use app::orders::types::{Capture, CaptureRequest};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;

use crate::api::auth::ApiCaller;
use crate::api::body;
use crate::state::AppState;

/// Captures; 201 with the capture and its invoice.
#[utoipa::path(post, path = "/v1/orders/{order_id}/captures", tag = "captures",
    request_body = CaptureRequest,
    params(("order_id" = String, Path, description = "The order id"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses(
        (status = 201, description = "Captured; the invoice was created", body = Capture),
        (status = 400, description = "Malformed JSON", body = app::orders::api_error::ErrorBody),
        (status = 401, description = "Missing or wrong credentials", body = app::orders::api_error::ErrorBody),
        (status = 403, description = "CAPTURE_NOT_ALLOWED (more than remaining, expired, cancelled)", body = app::orders::api_error::ErrorBody),
        (status = 404, description = "ORDER_NOT_FOUND", body = app::orders::api_error::ErrorBody),
        (status = 409, description = "IDEMPOTENCY_KEY_REUSED", body = app::orders::api_error::ErrorBody),
        (status = 422, description = "VALIDATION_ERROR", body = app::orders::api_error::ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = app::orders::api_error::ErrorBody),
        (status = 503, description = "SERVICE_UNAVAILABLE (the database is unavailable; nothing was done) or COMMIT_UNCERTAIN (the connection was lost while committing: the work may or may not be done; retry with the same Idempotency-Key). Both come with Retry-After.", body = app::orders::api_error::ErrorBody),
    ))]
pub async fn handle(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(order_id): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let ctx = caller.ctx();
    let merchant = caller.merchant_id;
    super::write(
        &caller,
        &order_id,
        (&method, &uri, &headers, &bytes),
        |bytes| body::json::<CaptureRequest>(bytes, &caller.request_id),
        (201, |order_id, made: &Capture| {
            Some(format!(
                "/v1/orders/{order_id}/captures/{}",
                made.capture_id
            ))
        }),
        |id, req, key| async move {
            capture_order(&state.services, &ctx, merchant, id, &req, key.as_ref()).await
        },
    )
    .await
}

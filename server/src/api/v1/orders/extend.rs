//! `POST /v1/orders/{order_id}/extend-authorization-time`.

use app::orders::manage::extend_authorization;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;

use crate::api::auth::ApiCaller;
use crate::state::AppState;

/// Extend the authorization by the agreement's days from today (at most 180 days after creation).
#[utoipa::path(post, path = "/v1/orders/{order_id}/extend-authorization-time", tag = "orders",
    params(("order_id" = String, Path, description = "The order id"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses(
        (status = 204, description = "Done"),
        (status = 400, description = "BAD_REQUEST: a malformed Idempotency-Key header", body = app::orders::api_error::ErrorBody),
        (status = 401, description = "Missing or wrong credentials", body = app::orders::api_error::ErrorBody),
        (status = 403, description = "NOT_ALLOWED once expired", body = app::orders::api_error::ErrorBody),
        (status = 404, description = "ORDER_NOT_FOUND", body = app::orders::api_error::ErrorBody),
        (status = 409, description = "IDEMPOTENCY_KEY_REUSED", body = app::orders::api_error::ErrorBody),
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
    super::no_content(
        &caller,
        &order_id,
        (&method, &uri, &headers, &bytes),
        |id, key| async move {
            extend_authorization(&state.services, &ctx, merchant, id, key.as_ref()).await
        },
    )
    .await
}

//! `PATCH /v1/orders/{order_id}/authorization`: a new amount and lines.

use app::orders::manage::update_authorization;
use app::orders::types::UpdateAuthorizationRequest;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, Uri};
use axum::response::{IntoResponse, Response};

use crate::api::auth::ApiCaller;
use crate::api::body;
use crate::state::AppState;

/// Lowers the amount, or raises it after a new credit decision on the increase.
#[utoipa::path(patch, path = "/v1/orders/{order_id}/authorization", tag = "orders",
    request_body = UpdateAuthorizationRequest,
    params(("order_id" = String, Path, description = "The order id"),
           ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "Malformed JSON", body = app::orders::api_error::ErrorBody),
        (status = 401, description = "Missing or wrong credentials", body = app::orders::api_error::ErrorBody),
        (status = 403, description = "REJECTED (increase refused: decided on the new total) or NOT_ALLOWED (expired, below captured)", body = app::orders::api_error::ErrorBody),
        (status = 404, description = "ORDER_NOT_FOUND", body = app::orders::api_error::ErrorBody),
        (status = 409, description = "IDEMPOTENCY_KEY_REUSED, or CONFLICT (the order changed while the increase was decided; retry)", body = app::orders::api_error::ErrorBody),
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
    let req: UpdateAuthorizationRequest = match body::json(&bytes, &caller.request_id) {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    let ctx = caller.ctx();
    let merchant = caller.merchant_id;
    let req = &req;
    super::no_content(
        &caller,
        &order_id,
        (&method, &uri, &headers, &bytes),
        |id, key| async move {
            update_authorization(&state.services, &ctx, merchant, id, req, key.as_ref()).await
        },
    )
    .await
}

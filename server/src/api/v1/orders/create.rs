//! `POST /v1/orders`: authorize an order with a live credit decision.

use app::orders::authorize::create_order;
use app::orders::types::{CreateOrderRequest, OrderCreated};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::{IntoResponse, Response};

use crate::api::auth::ApiCaller;
use crate::api::{body, reply};
use crate::state::AppState;

/// Creates the order; 201 with its id, or 403 `REJECTED` with the decision's outcome and the
/// category `NOT_APPROVED` only (the reason is a third party's credit status: staff only).
#[utoipa::path(post, path = "/v1/orders", tag = "orders",
    request_body = CreateOrderRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses(
        (status = 201, description = "Authorized", body = OrderCreated),
        (status = 400, description = "Malformed JSON", body = app::orders::api_error::ErrorBody),
        (status = 401, description = "Missing or wrong credentials", body = app::orders::api_error::ErrorBody),
        (status = 403, description = "REJECTED by the credit decision, or MERCHANT_INACTIVE", body = app::orders::api_error::ErrorBody),
        (status = 409, description = "IDEMPOTENCY_KEY_REUSED", body = app::orders::api_error::ErrorBody),
        (status = 422, description = "VALIDATION_ERROR (every field listed) or PAYMENT_METHOD_UNAVAILABLE", body = app::orders::api_error::ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = app::orders::api_error::ErrorBody),
        (status = 503, description = "SERVICE_UNAVAILABLE (the database is unavailable; nothing was done) or COMMIT_UNCERTAIN (the connection was lost while committing: the work may or may not be done; retry with the same Idempotency-Key). Both come with Retry-After.", body = app::orders::api_error::ErrorBody),
    ))]
pub async fn handle(
    State(state): State<AppState>,
    caller: ApiCaller,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let req: CreateOrderRequest = match body::json(&bytes, &caller.request_id) {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    let key = match body::idempotency_key(&caller, &headers, &method, &uri, &bytes) {
        Ok(k) => k,
        Err(e) => return e.into_response(),
    };
    let result = create_order(
        &state.services,
        &caller.ctx(),
        caller.merchant_id,
        &req,
        key.as_ref(),
    )
    .await;
    reply::write(
        result,
        201,
        |created: &OrderCreated| Some(format!("/v1/orders/{}", created.order_id)),
        &caller.request_id,
    )
}

//! `GET /v1/orders/{order_id}/captures[/{capture_id}]`.

use app::kdb::ScopedFutureExt;
use app::orders::error::OrderError;
use app::orders::types::Capture;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use crate::api::auth::ApiCaller;
use crate::api::{body, reply};
use crate::state::AppState;

async fn load(
    state: &AppState,
    merchant: uuid::Uuid,
    order_id: uuid::Uuid,
    only: Option<uuid::Uuid>,
) -> Result<Vec<Capture>, OrderError> {
    state
        .services
        .kdb
        .read_primary(|conn| {
            async move {
                // Scopes the order to the merchant first: another merchant's order is 404.
                app::orders::store::row(conn, Some(merchant), order_id).await?;
                app::orders::store::captures(conn, order_id, only).await
            }
            .scope_boxed()
        })
        .await
}

/// The order's captures, oldest first.
#[utoipa::path(get, path = "/v1/orders/{order_id}/captures", tag = "captures",
    params(("order_id" = String, Path, description = "The order id")),
    responses(
        (status = 200, description = "The captures", body = Vec<Capture>),
        (status = 401, description = "Missing or wrong credentials", body = app::orders::api_error::ErrorBody),
        (status = 404, description = "ORDER_NOT_FOUND", body = app::orders::api_error::ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = app::orders::api_error::ErrorBody),
        (status = 503, description = "SERVICE_UNAVAILABLE", body = app::orders::api_error::ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(order_id): Path<String>,
) -> Response {
    let order_id = match body::path_id(&order_id, "ORDER_NOT_FOUND", &caller.request_id) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    reply::read(
        load(&state, caller.merchant_id, order_id, None).await,
        &caller.request_id,
    )
}

/// One capture with its invoice.
#[utoipa::path(get, path = "/v1/orders/{order_id}/captures/{capture_id}", tag = "captures",
    params(("order_id" = String, Path, description = "The order id"),
           ("capture_id" = String, Path, description = "The capture id")),
    responses(
        (status = 200, description = "The capture", body = Capture),
        (status = 401, description = "Missing or wrong credentials", body = app::orders::api_error::ErrorBody),
        (status = 404, description = "ORDER_NOT_FOUND or CAPTURE_NOT_FOUND", body = app::orders::api_error::ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = app::orders::api_error::ErrorBody),
        (status = 503, description = "SERVICE_UNAVAILABLE", body = app::orders::api_error::ErrorBody),
    ))]
pub async fn one(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((order_id, capture_id)): Path<(String, String)>,
) -> Response {
    let ids = body::path_id(&order_id, "ORDER_NOT_FOUND", &caller.request_id).and_then(|o| {
        body::path_id(&capture_id, "CAPTURE_NOT_FOUND", &caller.request_id).map(|c| (o, c))
    });
    let (order_id, capture_id) = match ids {
        Ok(ids) => ids,
        Err(e) => return e.into_response(),
    };
    let result = load(&state, caller.merchant_id, order_id, Some(capture_id))
        .await
        .and_then(|mut v| v.pop().ok_or(OrderError::CaptureNotFound));
    reply::read(result, &caller.request_id)
}

//! `GET /v1/orders/{order_id}`.

use app::kdb::ScopedFutureExt;
use app::orders::types::Order;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use crate::api::auth::ApiCaller;
use crate::api::{body, reply};
use crate::state::AppState;

/// The order with its captures, invoices and refunds. Read on the primary: an e-store reads
/// its order right after writing it.
#[utoipa::path(get, path = "/v1/orders/{order_id}", tag = "orders",
    params(("order_id" = String, Path, description = "The order id")),
    responses(
        (status = 200, description = "The order", body = Order),
        (status = 401, description = "Missing or wrong credentials", body = app::orders::api_error::ErrorBody),
        (status = 404, description = "ORDER_NOT_FOUND (also another merchant's order)", body = app::orders::api_error::ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = app::orders::api_error::ErrorBody),
        (status = 503, description = "SERVICE_UNAVAILABLE", body = app::orders::api_error::ErrorBody),
    ))]
pub async fn handle(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(order_id): Path<String>,
) -> Response {
    let order_id = match body::path_id(&order_id, "ORDER_NOT_FOUND", &caller.request_id) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    let merchant = caller.merchant_id;
    let result = state
        .services
        .kdb
        .read_primary(|conn| {
            async move { app::orders::store::load(conn, Some(merchant), order_id).await }
                .scope_boxed()
        })
        .await;
    reply::read(result, &caller.request_id)
}

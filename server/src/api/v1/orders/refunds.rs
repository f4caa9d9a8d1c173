//! `GET /v1/orders/{order_id}/refunds/{refund_id}`.

use app::kdb::ScopedFutureExt;
use app::orders::error::OrderError;
use app::orders::types::Refund;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use crate::api::auth::ApiCaller;
use crate::api::{body, reply};
use crate::state::AppState;

/// One refund with its credit note.
#[utoipa::path(get, path = "/v1/orders/{order_id}/refunds/{refund_id}", tag = "refunds",
    params(("order_id" = String, Path, description = "The order id"),
           ("refund_id" = String, Path, description = "The refund id")),
    responses(
        (status = 200, description = "The refund", body = Refund),
        (status = 401, description = "Missing or wrong credentials", body = app::orders::api_error::ErrorBody),
        (status = 404, description = "ORDER_NOT_FOUND or REFUND_NOT_FOUND", body = app::orders::api_error::ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = app::orders::api_error::ErrorBody),
        (status = 503, description = "SERVICE_UNAVAILABLE", body = app::orders::api_error::ErrorBody),
    ))]
pub async fn one(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((order_id, refund_id)): Path<(String, String)>,
) -> Response {
    let ids = body::path_id(&order_id, "ORDER_NOT_FOUND", &caller.request_id).and_then(|o| {
        body::path_id(&refund_id, "REFUND_NOT_FOUND", &caller.request_id).map(|r| (o, r))
    });
    let (order_id, refund_id) = match ids {
        Ok(ids) => ids,
        Err(e) => return e.into_response(),
    };
    let merchant = caller.merchant_id;
    let result = state
        .services
        .kdb
        .read_primary(|conn| {
            async move {
                app::orders::store::row(conn, Some(merchant), order_id).await?;
                app::orders::store::refunds(conn, order_id, Some(refund_id)).await
            }
            .scope_boxed()
        })
        .await
        .and_then(|mut v: Vec<Refund>| v.pop().ok_or(OrderError::RefundNotFound));
    reply::read(result, &caller.request_id)
}

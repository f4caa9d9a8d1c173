//! The merchant REST API (`/v1`): HTTP Basic with an API key, JSON in and out, one error
//! shape, Idempotency-Key on every write. Handlers are thin: they parse, authenticate and
//! call the same `app::orders` services the portal calls.

pub mod auth;
pub mod bad_keys;
pub mod body;
pub mod contract;
pub mod error;
pub mod openapi;
pub mod reply;
pub mod v1;

use axum::routing::{get, patch, post};
use axum::Router;

use crate::state::AppState;

/// The `/v1` routes, outside the browser's session, CSRF and sign-in layers.
pub fn router(state: AppState) -> Router<AppState> {
    use v1::orders;
    Router::new()
        .route("/v1/orders", post(orders::create::handle))
        .route("/v1/orders/{order_id}", get(orders::get::handle))
        .route(
            "/v1/orders/{order_id}/captures",
            post(orders::capture::handle).get(orders::captures::list),
        )
        .route(
            "/v1/orders/{order_id}/captures/{capture_id}",
            get(orders::captures::one),
        )
        .route(
            "/v1/orders/{order_id}/captures/{capture_id}/invoice.pdf",
            get(crate::documents::api_invoice),
        )
        .route(
            "/v1/orders/{order_id}/refunds/{refund_id}/credit-note.pdf",
            get(crate::documents::api_credit_note),
        )
        .route(
            "/v1/orders/{order_id}/refunds",
            post(orders::refund::handle),
        )
        .route(
            "/v1/orders/{order_id}/refunds/{refund_id}",
            get(orders::refunds::one),
        )
        .route(
            "/v1/orders/{order_id}/authorization",
            patch(orders::update_authorization::handle),
        )
        .route("/v1/orders/{order_id}/cancel", post(orders::cancel::handle))
        .route(
            "/v1/orders/{order_id}/release-remaining-authorization",
            post(orders::release::handle),
        )
        .route(
            "/v1/orders/{order_id}/extend-authorization-time",
            post(orders::extend::handle),
        )
        .route("/v1/batches", post(v1::batches::create::handle))
        .route("/v1/batches/{batch_id}", get(v1::batches::get::handle))
        .route(
            "/v1/batches/{batch_id}/results.csv",
            get(v1::batches::get::results_csv),
        )
        .route("/v1/openapi.json", get(openapi::json))
        .route("/v1/docs", get(openapi::page))
        .with_state(state)
}

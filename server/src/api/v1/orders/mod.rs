//! `/v1/orders` and everything under an order: one file per action.

pub mod cancel;
pub mod capture;
pub mod captures;
pub mod create;
pub mod extend;
pub mod get;
pub mod refund;
pub mod refunds;
pub mod release;
pub mod update_authorization;

use app::orders::api_error::ErrorBody;
use app::orders::types::{Capture, Order, OrderCreated, Refund};

/// The JSON documents of this resource, for the OpenAPI document.
pub type Documents = (Order, OrderCreated, Capture, Refund, ErrorBody);

use std::future::Future;

use app::orders::error::OrderError;
use app::orders::idempotency::{IdempotencyKey, Reply};
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::{IntoResponse, Response};

use crate::api::auth::ApiCaller;
use crate::api::{body, reply};

/// The shared shape of the body-less order changes (cancel, release, extend): parse the id,
/// take the key, run, answer 204.
pub(crate) async fn no_content<F, Fut>(
    caller: &ApiCaller,
    order_id: &str,
    request: (&Method, &Uri, &HeaderMap, &Bytes),
    run: F,
) -> Response
where
    F: FnOnce(uuid::Uuid, Option<IdempotencyKey>) -> Fut,
    Fut: Future<Output = Result<Reply<()>, OrderError>>,
{
    let (method, uri, headers, bytes) = request;
    let order_id = match body::path_id(order_id, "ORDER_NOT_FOUND", &caller.request_id) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    let key = match body::idempotency_key(caller, headers, method, uri, bytes) {
        Ok(k) => k,
        Err(e) => return e.into_response(),
    };
    reply::write(run(order_id, key).await, 204, |_| None, &caller.request_id)
}

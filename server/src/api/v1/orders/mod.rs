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
use crate::api::error::ApiError;
use crate::api::{body, reply};
use serde::Serialize;

/// What a write answers: its status, and the `Location` of the value it made (for a 201).
pub(crate) type Answer<T> = (u16, fn(uuid::Uuid, &T) -> Option<String>);

/// The shared shape of every write under an order: parse the id (a malformed one is "not
/// found"), then the body (`parse`; malformed JSON is a 400), then the Idempotency-Key, run
/// the service and answer `status` (with `location` of the value made, for a 201) or replay.
pub(crate) async fn write<B, T, P, F, Fut>(
    caller: &ApiCaller,
    order_id: &str,
    request: (&Method, &Uri, &HeaderMap, &Bytes),
    parse: P,
    (status, location): Answer<T>,
    run: F,
) -> Response
where
    T: Serialize,
    P: FnOnce(&Bytes) -> Result<B, ApiError>,
    F: FnOnce(uuid::Uuid, B, Option<IdempotencyKey>) -> Fut,
    Fut: Future<Output = Result<Reply<T>, OrderError>>,
{
    let (method, uri, headers, bytes) = request;
    let order_id = match body::path_id(order_id, "ORDER_NOT_FOUND", &caller.request_id) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    let parsed = match parse(bytes) {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let key = match body::idempotency_key(caller, headers, method, uri, bytes) {
        Ok(k) => k,
        Err(e) => return e.into_response(),
    };
    let result = run(order_id, parsed, key).await;
    reply::write(
        result,
        status,
        |value| location(order_id, value),
        &caller.request_id,
    )
}

/// [`write`] for the body-less order changes (cancel, release, extend, and the authorization
/// change, which parses its body first): 204 No Content.
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
    write(
        caller,
        order_id,
        request,
        |_| Ok(()),
        (204, |_, _| None),
        |id, (), key| run(id, key),
    )
    .await
}

//! Gives every request an id of the server's own making (a client's `X-Request-Id`, when sane,
//! is logged beside it as `client_request_id`, never used as the id: a client must not be
//! able to choose or repeat ids in the logs and the audit log), notes the client address
//! (the TCP peer, for the login rate limits), logs one structured line per request and feeds
//! the metrics. Logs carry the path only: no query string, cookies or
//! bodies, so no session id, password or national id number reaches the logs.

use std::time::Instant;

use app::request::{ClientIp, RequestId};
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::metrics;
use crate::state::AppState;

/// The header carrying the request id in and out.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

fn sane(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The middleware function.
pub async fn observe(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let client_id = req
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| sane(v))
        .map(str::to_string);
    let id = uuid::Uuid::new_v4().to_string();
    req.extensions_mut().insert(RequestId(id.clone()));
    if let Some(peer) = req
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
    {
        req.extensions_mut().insert(ClientIp(peer));
    }
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    // Metric labels from closed sets only (see `metrics`): the route template, never the path.
    let method_label = metrics::method_label(req.method());
    let route = req.extensions().get::<MatchedPath>().map_or_else(
        || metrics::UNMATCHED.to_string(),
        |m| m.as_str().to_string(),
    );
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        client_request_id = tracing::field::Empty,
        %method,
        %path
    );
    if let Some(client_id) = &client_id {
        span.record("client_request_id", client_id.as_str());
    }
    let started = Instant::now();
    let mut res = next.run(req).instrument(span.clone()).await;
    let elapsed = started.elapsed();
    let status = res.status().as_u16();
    state.metrics.observe(method_label, &route, status, elapsed);
    span.in_scope(|| {
        tracing::info!(
            status,
            latency_ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
            "request done"
        );
    });
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID_HEADER, v);
    }
    res
}

//! The internal listener (`INTERNAL_BIND_ADDR`, default `127.0.0.1:9100`): `/metrics` and the
//! detailed readiness `/health/ready` for the monitoring and the load balancer's health check,
//! kept off the public listener because they name nodes, pools and replication state. The
//! public listener keeps only `/health/live`.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::health;
use crate::state::AppState;

/// The internal routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .route("/health/ready", get(health::ready))
        .route("/health/live", get(health::live))
        .with_state(state)
}

/// `GET /metrics`.
async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let out = crate::metrics::render(&state.metrics, &state.services.kdb).await;
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], out)
}

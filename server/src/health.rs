//! `/health/live` (the process answers; public) and `/health/ready` (the database pair, as JSON;
//! on the internal listener only, it names nodes and replication state).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use serde_json::json;

use crate::state::AppState;

/// Always 200 while the process serves requests.
pub async fn live() -> impl IntoResponse {
    Json(json!({"status": "live"}))
}

/// 200 when the primary answers (writes possible), else 503; the standby and replication are
/// reported but do not make the node unready (reads fall back to the primary).
pub async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    let db = app::kdb::status::probe(&state.services.kdb).await;
    let status = if db.primary_up {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = json!({
        "status": if db.primary_up { "ready" } else { "unavailable" },
        "primary": { "reachable": db.primary_up, "node": db.primary_node },
        "standby": {
            "reachable": db.standby_up,
            "node": db.standby_node,
            "streaming": db.replication_state() == Some("streaming"),
        },
        "replication": db.replicas,
        "replication_lag_ms": db.max_replay_lag_ms(),
    });
    (status, Json(body))
}

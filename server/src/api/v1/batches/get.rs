//! `GET /v1/batches/{batch_id}` (progress and every row's result) and
//! `GET /v1/batches/{batch_id}/results.csv` (the same rows as a spreadsheet download).

use app::kdb::ScopedFutureExt;
use app::orders::batches::store;
use app::orders::batches::types::{Batch, BatchRow};
use app::orders::batches::BatchError;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::api::auth::ApiCaller;
use crate::api::body;
use crate::state::AppState;

/// Loads the caller's batch on the primary (progress is read right after the upload).
async fn load(state: &AppState, caller: &ApiCaller, batch_id: &str) -> Result<Batch, Response> {
    let batch_id = body::path_id(batch_id, "BATCH_NOT_FOUND", &caller.request_id)
        .map_err(IntoResponse::into_response)?;
    let merchant = caller.merchant_id;
    state
        .services
        .kdb
        .read_primary(|conn| {
            async move { store::load(conn, merchant, batch_id).await }.scope_boxed()
        })
        .await
        .map_err(|e: BatchError| super::error(&e, &caller.request_id))
}

/// The batch's progress and its rows with their results.
#[utoipa::path(get, path = "/v1/batches/{batch_id}", tag = "batches",
    params(("batch_id" = String, Path, description = "The batch id")),
    responses(
        (status = 200, description = "The batch", body = Batch),
        (status = 401, description = "Missing or wrong credentials", body = app::orders::api_error::ErrorBody),
        (status = 404, description = "BATCH_NOT_FOUND (also another merchant's batch)", body = app::orders::api_error::ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = app::orders::api_error::ErrorBody),
        (status = 503, description = "SERVICE_UNAVAILABLE", body = app::orders::api_error::ErrorBody),
    ))]
pub async fn handle(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(batch_id): Path<String>,
) -> Response {
    match load(&state, &caller, &batch_id).await {
        Ok(batch) => (StatusCode::OK, axum::Json(batch)).into_response(),
        Err(response) => response,
    }
}

/// The rows' results as CSV: `row_no,key,status,error_code,error_message,order_id,capture_id,invoice_number`.
#[utoipa::path(get, path = "/v1/batches/{batch_id}/results.csv", tag = "batches",
    params(("batch_id" = String, Path, description = "The batch id")),
    responses(
        (status = 200, description = "One line per row, in file order, after a header", body = String, content_type = "text/csv"),
        (status = 401, description = "Missing or wrong credentials", body = app::orders::api_error::ErrorBody),
        (status = 404, description = "BATCH_NOT_FOUND (also another merchant's batch)", body = app::orders::api_error::ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = app::orders::api_error::ErrorBody),
        (status = 503, description = "SERVICE_UNAVAILABLE", body = app::orders::api_error::ErrorBody),
    ))]
pub async fn results_csv(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(batch_id): Path<String>,
) -> Response {
    let batch = match load(&state, &caller, &batch_id).await {
        Ok(batch) => batch,
        Err(response) => return response,
    };
    let disposition = format!(
        "attachment; filename=\"batch-{}-results.csv\"",
        batch.batch_id
    );
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        csv(&batch.rows),
    )
        .into_response()
}

/// The CSV text of `rows` (fields quoted when they need it, RFC 4180).
pub fn csv(rows: &[BatchRow]) -> String {
    let mut out = String::from(
        "row_no,key,status,error_code,error_message,order_id,capture_id,invoice_number\r\n",
    );
    for row in rows {
        let result = row.result.clone().unwrap_or_default();
        let fields = [
            row.row_no.to_string(),
            row.key.clone(),
            row.status.as_str().to_string(),
            row.error_code.clone().unwrap_or_default(),
            row.error_message.clone().unwrap_or_default(),
            result.order_id.map(|id| id.to_string()).unwrap_or_default(),
            result
                .capture_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            result
                .invoice_number
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ];
        let line: Vec<String> = fields.iter().map(|f| quote(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A CSV field; a leading `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet never
/// runs a merchant-supplied key as a formula.
fn quote(field: &str) -> String {
    let field = if field.starts_with(['=', '+', '-', '@']) {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

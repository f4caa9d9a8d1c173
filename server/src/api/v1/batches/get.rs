//! `GET /v1/batches/{batch_id}` (progress and a page of the rows' results) and
//! `GET /v1/batches/{batch_id}/results.csv` (the same rows as a spreadsheet download).

use app::kdb::ScopedFutureExt;
use app::orders::batches::results;
use app::orders::batches::store::{self, RowPage};
use app::orders::batches::types::Batch;
use app::orders::batches::BatchError;
use app::orders::batches::MAX_ROWS;
use app::orders::error::{FieldProblem, OrderError};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::api::auth::ApiCaller;
use crate::api::body;
use crate::api::error::ApiError;
use crate::state::AppState;

/// Rows per page when the request does not say.
const DEFAULT_LIMIT: i64 = 1000;

/// The paging query of `GET /v1/batches/{batch_id}`.
#[derive(Debug, Default)]
pub struct PageQuery {
    after_row: Option<String>,
    limit: Option<String>,
}

impl PageQuery {
    /// The parameters of `uri`; a repeated one counts once (its first value), an unknown one
    /// is ignored — never a 400 for the query string's shape.
    fn of(uri: &Uri) -> PageQuery {
        let query = uri.query().unwrap_or("");
        let first = |name: &str| {
            url::form_urlencoded::parse(query.as_bytes())
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        };
        PageQuery {
            after_row: first("after_row"),
            limit: first("limit"),
        }
    }

    /// The page asked for, or a 422 naming the parameter.
    fn page(&self) -> Result<RowPage, OrderError> {
        let bad = |field: &str, message: &str| {
            OrderError::Validation(vec![FieldProblem {
                field: field.into(),
                code: "INVALID_PARAMETER".into(),
                message: message.into(),
            }])
        };
        let after_row = match self.after_row.as_deref().map(str::trim) {
            None | Some("") => 0,
            Some(t) => t
                .parse::<i32>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| bad("after_row", "must be a row number, 0 or more"))?,
        };
        let max = i64::try_from(MAX_ROWS).unwrap_or(i64::MAX);
        let limit = match self.limit.as_deref().map(str::trim) {
            None | Some("") => DEFAULT_LIMIT,
            Some(t) => t
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| bad("limit", &format!("must be 1 to {max}")))?,
        };
        Ok(RowPage { after_row, limit })
    }
}

/// Loads the caller's batch on the primary (progress is read right after the upload).
async fn load(
    state: &AppState,
    caller: &ApiCaller,
    batch_id: &str,
    page: RowPage,
) -> Result<Batch, Response> {
    let batch_id = body::path_id(batch_id, "BATCH_NOT_FOUND", &caller.request_id)
        .map_err(IntoResponse::into_response)?;
    let merchant = caller.merchant_id;
    state
        .services
        .kdb
        .read_primary(|conn| {
            async move { store::load(conn, merchant, batch_id, page).await }.scope_boxed()
        })
        .await
        .map_err(|e: BatchError| super::error(&e, &caller.request_id))
}

/// The batch's progress and a page of its rows with their results.
#[utoipa::path(get, path = "/v1/batches/{batch_id}", tag = "batches",
    params(
        ("batch_id" = String, Path, description = "The batch id"),
        ("after_row" = Option<i32>, Query, description = "Rows after this row number (default 0: from the first)"),
        ("limit" = Option<i64>, Query, description = "Rows per page, 1 to 10000 (default 1000); `next_after_row` names the next page"),
    ),
    responses(
        (status = 200, description = "The batch", body = Batch),
        (status = 422, description = "VALIDATION_ERROR naming after_row or limit", body = app::orders::api_error::ErrorBody),
        (status = 401, description = "Missing or wrong credentials", body = app::orders::api_error::ErrorBody),
        (status = 404, description = "BATCH_NOT_FOUND (also another merchant's batch)", body = app::orders::api_error::ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = app::orders::api_error::ErrorBody),
        (status = 503, description = "SERVICE_UNAVAILABLE", body = app::orders::api_error::ErrorBody),
    ))]
pub async fn handle(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(batch_id): Path<String>,
    uri: Uri,
) -> Response {
    let page = match PageQuery::of(&uri).page() {
        Ok(page) => page,
        Err(e) => return ApiError::order(&e, &caller.request_id).into_response(),
    };
    match load(&state, &caller, &batch_id, page).await {
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
    let batch = match load(&state, &caller, &batch_id, RowPage::ALL).await {
        Ok(batch) => batch,
        Err(response) => return response,
    };
    let disposition = format!(
        "attachment; filename=\"{}\"",
        results::file_name(batch.batch_id)
    );
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        results::results_csv(&batch.rows),
    )
        .into_response()
}

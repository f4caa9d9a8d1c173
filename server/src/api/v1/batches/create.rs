//! `POST /v1/batches`: upload a CSV or JSON-Lines file of captures or new orders, through the
//! same `batches::upload` the portal's form calls. The file is checked whole (any malformed
//! line refuses it), stored with its rows in one transaction and processed in the background;
//! the same file uploaded again answers with the first batch.

use app::orders::batches::types::{BatchAccepted, BatchFormat, BatchKind};
use app::orders::batches::upload::upload;
use app::orders::batches::BatchError;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::api::auth::ApiCaller;
use crate::state::AppState;

/// Uploads a batch; 202 with its id (processing continues in the background).
#[utoipa::path(post, path = "/v1/batches", tag = "batches",
    request_body(
        description = "Captures: CSV with the header `order_id,captured_amount,reference[,key]` \
            (or JSON-Lines of those fields). Orders: JSON-Lines, one CreateOrderRequest object \
            per line with an optional `key`. Each row is done once, under its own key.",
        content(
            (String = "text/csv"),
            (String = "application/x-ndjson"),
        )
    ),
    params(
        ("kind" = String, Query, description = "`captures` or `orders`"),
        ("format" = Option<String>, Query, description = "`csv` or `jsonl`; by default from the Content-Type"),
    ),
    responses(
        (status = 202, description = "Accepted (or the first batch of this same file); Location names the batch", body = BatchAccepted),
        (status = 401, description = "Missing or wrong credentials", body = app::orders::api_error::ErrorBody),
        (status = 422, description = "VALIDATION_ERROR (every malformed line listed with line and column, at most 50; nothing imported) or BATCH_FORMAT_UNSUPPORTED", body = app::orders::api_error::ErrorBody),
        (status = 429, description = "RATE_LIMITED (too many requests; Retry-After) or BATCH_QUEUE_FULL (this file's rows and the merchant's rows still waiting would exceed BATCH_MAX_QUEUED_ROWS; nothing imported, upload again once earlier batches are done)", body = app::orders::api_error::ErrorBody),
        (status = 503, description = "SERVICE_UNAVAILABLE", body = app::orders::api_error::ErrorBody),
    ))]
pub async fn handle(
    State(state): State<AppState>,
    caller: ApiCaller,
    uri: Uri,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let (kind, format) = match kind_and_format(&uri, &headers) {
        Ok(kf) => kf,
        Err(e) => return super::error(&e, &caller.request_id),
    };
    match upload(
        &state.services,
        &caller.ctx(),
        caller.merchant_id,
        kind,
        format,
        &bytes,
        state.config.limits.batch_max_queued_rows,
    )
    .await
    {
        Ok((accepted, _)) => accepted_response(&accepted),
        Err(e) => super::error(&e, &caller.request_id),
    }
}

fn accepted_response(accepted: &BatchAccepted) -> Response {
    let mut response = (StatusCode::ACCEPTED, axum::Json(accepted)).into_response();
    if let Ok(location) = HeaderValue::from_str(&format!("/v1/batches/{}", accepted.batch_id)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// `kind` from the query; `format` from the query or else the Content-Type.
fn kind_and_format(uri: &Uri, headers: &HeaderMap) -> Result<(BatchKind, BatchFormat), BatchError> {
    let query = uri.query().unwrap_or("");
    let param = |name: &str| {
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let kind = param("kind").unwrap_or_default();
    let kind = BatchKind::parse(&kind).ok_or_else(|| {
        BatchError::Unsupported(format!(
            "query parameter kind must be captures or orders, got {kind:?}"
        ))
    })?;
    if let Some(format) = param("format") {
        let parsed = BatchFormat::parse(&format).ok_or_else(|| {
            BatchError::Unsupported(format!(
                "query parameter format must be csv or jsonl, got {format:?}"
            ))
        })?;
        return Ok((kind, parsed));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let format = match mime.as_str() {
        "text/csv" => BatchFormat::Csv,
        "application/x-ndjson"
        | "application/jsonl"
        | "application/x-jsonlines"
        | "application/jsonlines" => BatchFormat::Jsonl,
        _ => {
            return Err(BatchError::Unsupported(format!(
                "send the file as text/csv or application/x-ndjson (or say format=csv|jsonl), \
                 got Content-Type {content_type:?}"
            )))
        }
    };
    Ok((kind, format))
}

//! `/v1/batches`: upload a file of captures or new orders, follow its progress, download its
//! per-row results. One file per action; the errors of this resource in the API's one shape.

pub mod create;
pub mod get;

use app::orders::api_error::ErrorBody;
use app::orders::batches::types::{Batch, BatchAccepted};
use app::orders::batches::BatchError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::api::error::ApiError;

/// The JSON documents of this resource, for the OpenAPI document.
pub type Documents = (Batch, BatchAccepted, ErrorBody);

/// The answer for a batch error: the one error shape, with every malformed line listed.
pub(crate) fn error(e: &BatchError, request_id: &str) -> Response {
    match e {
        BatchError::Order(e) => ApiError::order(e, request_id).into_response(),
        BatchError::Malformed { problems, .. } => {
            let mut body = ErrorBody::new(e.code(), e.to_string(), request_id);
            body.validation_errors = problems.clone();
            (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(body)).into_response()
        }
        BatchError::Unsupported(_) | BatchError::NotFound | BatchError::QueueFull { .. } => {
            ApiError::new(e.status(), e.code(), e.to_string(), request_id).into_response()
        }
    }
}

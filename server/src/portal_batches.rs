//! The portal's batch upload (`POST /portal/batches/upload`, a multipart form that works
//! without JavaScript) and results download (`GET /portal/batches/{id}/results.csv`): plain
//! axum handlers, because a file goes in and a file comes out. Both take the merchant from the
//! signed-in merchant user's session and call the same batch services as the REST API.
//! Uploads are limited per merchant (`PORTAL_UPLOADS_PER_MINUTE`) and by the merchant's queued
//! rows (`BATCH_MAX_QUEUED_ROWS`), like the API's.

use app::kdb::ScopedFutureExt;
use app::orders::batches::results;
use app::orders::batches::store::{self, RowPage};
use app::orders::batches::types::BatchKind;
use app::orders::batches::upload::{format_of, upload};
use app::orders::batches::BatchError;
use app::portal::batches::{batch_path, UploadFailure, BATCHES_PATH};
use app::portal::guard::{actor, merchant_user_for_session};
use app::portal::{keys, PortalUser, LOGIN_PATH};
use app::request::RequestId;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Extension;
use axum::Router;
use tower_sessions::Session;

use crate::state::AppState;

/// Largest upload body: the 2 MB file the batch API takes, plus the form around it.
const MAX_UPLOAD_BYTES: usize = 2 * 1024 * 1024 + 64 * 1024;
/// Largest file.
const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
/// Problems carried to the page (the rest are counted).
const PROBLEMS_SHOWN: usize = 20;

/// The two routes (inside the session and CSRF layers).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/portal/batches/upload",
            post(upload_form).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/portal/batches/{id}/results.csv", get(results_download))
}

/// What the form sent.
#[derive(Default)]
struct Form {
    kind: String,
    file_name: String,
    content_type: String,
    bytes: Vec<u8>,
    too_large: bool,
}

async fn read_form(mut multipart: Multipart) -> Result<Form, UploadFailure> {
    let broken = || failure("ERR_PORTAL_BATCH_FILE");
    let mut form = Form::default();
    while let Some(mut field) = multipart.next_field().await.map_err(|_| broken())? {
        match field.name().unwrap_or_default() {
            "kind" => form.kind = field.text().await.map_err(|_| broken())?,
            "file" => {
                form.file_name = field.file_name().unwrap_or_default().to_string();
                form.content_type = field.content_type().unwrap_or_default().to_string();
                while let Some(chunk) = field.chunk().await.map_err(|_| broken())? {
                    if form.bytes.len() + chunk.len() > MAX_FILE_BYTES {
                        form.too_large = true;
                        break;
                    }
                    form.bytes.extend_from_slice(&chunk);
                }
            }
            _ => {}
        }
    }
    Ok(form)
}

fn failure(code: &str) -> UploadFailure {
    UploadFailure {
        code: code.into(),
        total: 0,
        problems: Vec::new(),
    }
}

fn failure_of(e: &BatchError) -> UploadFailure {
    match e {
        BatchError::Malformed { total, problems } => UploadFailure {
            code: e.code().into(),
            total: *total,
            problems: problems
                .iter()
                .take(PROBLEMS_SHOWN)
                .map(|p| p.message.clone())
                .collect(),
        },
        other => failure(other.code()),
    }
}

/// `POST /portal/batches/upload`: stores the batch and sends the browser to its page, or back
/// to the list with what was wrong (a malformed file imports nothing).
async fn upload_form(
    State(state): State<AppState>,
    session: Session,
    request_id: Option<Extension<RequestId>>,
    multipart: Multipart,
) -> Response {
    let Ok(user) = merchant_user_for_session(&session, &state.services).await else {
        return Redirect::to(LOGIN_PATH).into_response();
    };
    let ctx = app::kdb::Ctx {
        actor: actor(user.id, &user.email),
        request_id: request_id
            .map(|Extension(r)| r.0)
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
    };
    match store_upload(&state, &user, &ctx, multipart).await {
        // The batch page, with the "received" message (`ui::flash`).
        Ok(batch_id) => Redirect::to(&app::ui::flash::with_done(
            &batch_path(&batch_id.to_string()),
            "batch-uploaded",
        ))
        .into_response(),
        Err(f) => {
            if let Err(e) = session.insert(keys::BATCH_UPLOAD_FAILURE, &f).await {
                tracing::warn!(error = %e, "could not keep the upload problems for the page");
            }
            Redirect::to(BATCHES_PATH).into_response()
        }
    }
}

async fn store_upload(
    state: &AppState,
    user: &PortalUser,
    ctx: &app::kdb::Ctx,
    multipart: Multipart,
) -> Result<uuid::Uuid, UploadFailure> {
    // Counted before the body is read: every post costs, whatever it holds.
    if state.upload_limiter.check(&user.merchant_id).is_err() {
        return Err(failure("ERR_PORTAL_BATCH_RATE_LIMITED"));
    }
    let form = read_form(multipart).await?;
    if form.too_large {
        return Err(failure("ERR_PORTAL_BATCH_TOO_LARGE"));
    }
    let Some(kind) = BatchKind::parse(form.kind.trim()) else {
        return Err(failure("ERR_PORTAL_BATCH_KIND"));
    };
    if form.bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(failure("ERR_PORTAL_BATCH_FILE"));
    }
    let format = format_of(&form.file_name, &form.content_type, &form.bytes);
    upload(
        &state.services,
        ctx,
        user.merchant_id,
        kind,
        format,
        &form.bytes,
        state.config.limits.batch_max_queued_rows,
    )
    .await
    .map(|(accepted, _)| accepted.batch_id)
    .map_err(|e| failure_of(&e))
}

/// `GET /portal/batches/{id}/results.csv`: the signed-in merchant's batch results; another
/// merchant's batch is "not found".
async fn results_download(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    let Ok(user) = merchant_user_for_session(&session, &state.services).await else {
        return (StatusCode::UNAUTHORIZED, "sign in to the portal first").into_response();
    };
    let Ok(batch_id) = uuid::Uuid::parse_str(id.trim()) else {
        return (StatusCode::NOT_FOUND, "batch not found").into_response();
    };
    let merchant = user.merchant_id;
    let loaded = state
        .services
        .kdb
        .read_primary(|c| {
            async move { store::load(c, merchant, batch_id, RowPage::ALL).await }.scope_boxed()
        })
        .await;
    match loaded {
        Ok(batch) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"{}\"",
                        results::file_name(batch.batch_id)
                    ),
                ),
            ],
            results::results_csv(&batch.rows),
        )
            .into_response(),
        Err(BatchError::NotFound) => (StatusCode::NOT_FOUND, "batch not found").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "batch results download failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the results could not be read; try again shortly",
            )
                .into_response()
        }
    }
}

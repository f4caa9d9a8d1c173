//! The doors to invoice and credit-note PDFs: the order API (`/v1/…/invoice.pdf`, HTTP Basic,
//! merchant-scoped), the merchant portal (session, the signed-in merchant's orders only) and
//! the back office (any staff role, with a preview in any of the six languages). All three
//! find the document the same way and answer with the same headers.

use app::documents::{self, RenderedPdf};
use app::i18n::Lang;
use app::kdb::ScopedFutureExt;
use app::orders::error::OrderError;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use tower_sessions::Session;

use crate::api::auth::ApiCaller;
use crate::api::body;
use crate::api::error::ApiError;
use crate::state::AppState;

/// Which document of an order.
#[derive(Clone, Copy)]
enum Doc {
    /// The invoice a capture created.
    Invoice { capture_id: uuid::Uuid },
    /// The credit note a refund created.
    CreditNote { refund_id: uuid::Uuid },
}

/// The PDF as a download: the number as file name, private to the browser (it carries a
/// customer's name and address, so no shared cache may keep it).
fn pdf_response(pdf: RenderedPdf) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{}\"", pdf.file_name),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        pdf.bytes,
    )
        .into_response()
}

/// The id of the invoice (or refund) behind `doc`, when the order is `merchant`'s (`None`: any
/// merchant, for staff). Another merchant's order is "not found", as everywhere in the API.
async fn find(
    state: &AppState,
    merchant: Option<uuid::Uuid>,
    order_id: uuid::Uuid,
    doc: Doc,
) -> Result<uuid::Uuid, OrderError> {
    state
        .services
        .kdb
        .read_primary(|conn| {
            async move {
                app::orders::store::row(conn, merchant, order_id).await?;
                match doc {
                    Doc::Invoice { capture_id } => {
                        app::orders::store::captures(conn, order_id, Some(capture_id))
                            .await?
                            .pop()
                            .map(|c| c.invoice.invoice_id)
                            .ok_or(OrderError::CaptureNotFound)
                    }
                    Doc::CreditNote { refund_id } => {
                        app::orders::store::refunds(conn, order_id, Some(refund_id))
                            .await?
                            .pop()
                            .map(|_| refund_id)
                            .ok_or(OrderError::RefundNotFound)
                    }
                }
            }
            .scope_boxed()
        })
        .await
}

/// The PDF of `doc` (found as `id`); `None` when the row vanished meanwhile.
async fn render(
    state: &AppState,
    doc: Doc,
    id: uuid::Uuid,
    lang: Option<Lang>,
) -> Result<Option<RenderedPdf>, app::error::AppError> {
    let services = &state.services;
    match doc {
        Doc::Invoice { .. } => documents::render_invoice_pdf(services, id, lang).await,
        Doc::CreditNote { .. } => documents::render_credit_note_pdf(services, id, lang).await,
    }
}

/// The API door: ids checked, merchant-scoped, errors in the API's one shape.
async fn api_document(state: AppState, caller: ApiCaller, order_id: &str, doc: Doc) -> Response {
    let order_id = match body::path_id(order_id, "ORDER_NOT_FOUND", &caller.request_id) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    let id = match find(&state, Some(caller.merchant_id), order_id, doc).await {
        Ok(id) => id,
        Err(e) => return ApiError::order(&e, &caller.request_id).into_response(),
    };
    match render(&state, doc, id, None).await {
        Ok(Some(pdf)) => pdf_response(pdf),
        Ok(None) => ApiError::order(&not_found_of(doc), &caller.request_id).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "document render failed");
            ApiError::new(
                503,
                "SERVICE_UNAVAILABLE",
                "the document could not be made; try again shortly",
                &caller.request_id,
            )
            .into_response()
        }
    }
}

/// The invoice PDF of a capture.
#[utoipa::path(get, path = "/v1/orders/{order_id}/captures/{capture_id}/invoice.pdf", tag = "captures",
    params(("order_id" = String, Path, description = "The order id"),
           ("capture_id" = String, Path, description = "The capture id")),
    responses(
        (status = 200, description = "The invoice as a PDF (A4, in the customer's language); \
            Content-Disposition names the invoice number", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, description = "Missing or wrong credentials", body = app::orders::api_error::ErrorBody),
        (status = 404, description = "ORDER_NOT_FOUND or CAPTURE_NOT_FOUND", body = app::orders::api_error::ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = app::orders::api_error::ErrorBody),
        (status = 503, description = "SERVICE_UNAVAILABLE", body = app::orders::api_error::ErrorBody),
    ))]
pub async fn api_invoice(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((order_id, capture_id)): Path<(String, String)>,
) -> Response {
    let capture_id = match body::path_id(&capture_id, "CAPTURE_NOT_FOUND", &caller.request_id) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    api_document(state, caller, &order_id, Doc::Invoice { capture_id }).await
}

/// The credit-note PDF of a refund.
#[utoipa::path(get, path = "/v1/orders/{order_id}/refunds/{refund_id}/credit-note.pdf", tag = "refunds",
    params(("order_id" = String, Path, description = "The order id"),
           ("refund_id" = String, Path, description = "The refund id")),
    responses(
        (status = 200, description = "The credit note as a PDF, referring to the invoice it \
            credits", content_type = "application/pdf", body = Vec<u8>),
        (status = 401, description = "Missing or wrong credentials", body = app::orders::api_error::ErrorBody),
        (status = 404, description = "ORDER_NOT_FOUND or REFUND_NOT_FOUND", body = app::orders::api_error::ErrorBody),
        (status = 429, description = "RATE_LIMITED", body = app::orders::api_error::ErrorBody),
        (status = 503, description = "SERVICE_UNAVAILABLE", body = app::orders::api_error::ErrorBody),
    ))]
pub async fn api_credit_note(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((order_id, refund_id)): Path<(String, String)>,
) -> Response {
    let refund_id = match body::path_id(&refund_id, "REFUND_NOT_FOUND", &caller.request_id) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    api_document(state, caller, &order_id, Doc::CreditNote { refund_id }).await
}

fn not_found_of(doc: Doc) -> OrderError {
    match doc {
        Doc::Invoice { .. } => OrderError::CaptureNotFound,
        Doc::CreditNote { .. } => OrderError::RefundNotFound,
    }
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "document not found").into_response()
}

/// The portal door: the signed-in merchant's own orders only.
async fn portal_document(state: AppState, session: Session, order_id: &str, doc: Doc) -> Response {
    let Ok(user) = app::portal::guard::merchant_user_for_session(&session, &state.services).await
    else {
        return (StatusCode::UNAUTHORIZED, "sign in to the portal first").into_response();
    };
    let Ok(order_id) = uuid::Uuid::parse_str(order_id.trim()) else {
        return not_found();
    };
    let id = match find(&state, Some(user.merchant_id), order_id, doc).await {
        Ok(id) => id,
        Err(e @ (OrderError::Internal(_) | OrderError::Db(_))) => {
            tracing::error!(error = %e, "portal document lookup failed");
            return (StatusCode::SERVICE_UNAVAILABLE, "try again shortly").into_response();
        }
        Err(_) => return not_found(),
    };
    match render(&state, doc, id, None).await {
        Ok(Some(pdf)) => pdf_response(pdf),
        Ok(None) => not_found(),
        Err(e) => {
            tracing::error!(error = %e, "portal document render failed");
            (StatusCode::SERVICE_UNAVAILABLE, "try again shortly").into_response()
        }
    }
}

async fn portal_invoice(
    State(state): State<AppState>,
    session: Session,
    Path((order_id, capture_id)): Path<(String, String)>,
) -> Response {
    match uuid::Uuid::parse_str(capture_id.trim()) {
        Ok(capture_id) => {
            portal_document(state, session, &order_id, Doc::Invoice { capture_id }).await
        }
        Err(_) => not_found(),
    }
}

async fn portal_credit_note(
    State(state): State<AppState>,
    session: Session,
    Path((order_id, refund_id)): Path<(String, String)>,
) -> Response {
    match uuid::Uuid::parse_str(refund_id.trim()) {
        Ok(refund_id) => {
            portal_document(state, session, &order_id, Doc::CreditNote { refund_id }).await
        }
        Err(_) => not_found(),
    }
}

/// `?lang=nb`: the staff preview of an invoice in another language than the customer's.
#[derive(Deserialize)]
struct Preview {
    lang: Option<String>,
}

/// The back-office door: any signed-in staff role; `lang` previews another language.
async fn staff_invoice(
    State(state): State<AppState>,
    session: Session,
    Path(invoice_id): Path<String>,
    Query(q): Query<Preview>,
) -> Response {
    if app::auth::guard::staff_for_session(&session, &state.services)
        .await
        .is_err()
    {
        return (StatusCode::UNAUTHORIZED, "sign in first").into_response();
    }
    let Ok(invoice_id) = uuid::Uuid::parse_str(invoice_id.trim()) else {
        return not_found();
    };
    let lang = match q.lang.as_deref().filter(|l| !l.is_empty()) {
        None => None,
        Some(code) => match Lang::parse(code) {
            Some(lang) => Some(lang),
            None => {
                return (
                    StatusCode::BAD_REQUEST,
                    "lang: one of sv, en, nb, fi, da, de",
                )
                    .into_response()
            }
        },
    };
    match documents::render_invoice_pdf(&state.services, invoice_id, lang).await {
        Ok(Some(pdf)) => pdf_response(pdf),
        Ok(None) => not_found(),
        Err(e) => {
            tracing::error!(error = %e, "staff invoice render failed");
            (StatusCode::SERVICE_UNAVAILABLE, "try again shortly").into_response()
        }
    }
}

/// The session-side routes (portal and back office); the API routes sit in `api::router`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/portal/orders/{order_id}/captures/{capture_id}/invoice.pdf",
            get(portal_invoice),
        )
        .route(
            "/portal/orders/{order_id}/refunds/{refund_id}/credit-note.pdf",
            get(portal_credit_note),
        )
        .route("/invoices/{invoice_id}/invoice.pdf", get(staff_invoice))
}

//! Text from forms and query strings is checked once, where it is decoded, before any page or
//! server function sees it: a field holding NUL or another control character (`app::text`) is
//! refused with 422 naming the field, in the error shape of server functions so the page shows
//! it translated (`ERR_CONTROL_CHARACTER`). Without this, a `%00` in any portal or staff form
//! reached PostgreSQL, which cannot store NUL in text, and came back as a 500.
//!
//! The order API (`/v1`) checks its JSON bodies itself (`api::body`); multipart uploads carry a
//! file, which the batch parser checks line by line.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Largest form body read (as the CSRF check).
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// The first field of a urlencoded `text` with a forbidden character.
fn bad_field(text: &[u8]) -> Option<String> {
    url::form_urlencoded::parse(text).find_map(|(key, value)| {
        (app::text::forbidden_char(&key).is_some() || app::text::forbidden_char(&value).is_some())
            .then(|| {
                key.chars()
                    .filter(|c| !app::text::is_forbidden(*c))
                    .collect()
            })
    })
}

fn refuse(field: String) -> Response {
    tracing::info!(field, "a form field held a control character");
    let err = app::error::AppError::Validation {
        field,
        code: "ERR_CONTROL_CHARACTER".into(),
    };
    (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(err)).into_response()
}

fn is_form(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// The middleware function.
pub async fn text(req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/v1/") {
        return next.run(req).await;
    }
    if let Some(field) = req.uri().query().and_then(|q| bad_field(q.as_bytes())) {
        return refuse(field);
    }
    if !is_form(&req) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "form too large").into_response();
    };
    if let Some(field) = bad_field(&bytes) {
        return refuse(field);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_first_field_with_a_control_character() {
        assert_eq!(bad_field(b"a=1&street=x%00y&c=%1B"), Some("street".into()));
        assert_eq!(bad_field(b"a=1&k%07=v"), Some("k".into()));
        assert_eq!(bad_field(b"note=rad+1%0D%0Arad+2%09x&name=%C3%85sa"), None);
    }
}

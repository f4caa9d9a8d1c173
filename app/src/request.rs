//! The current HTTP request as server functions and SSR see it: request id, session, services.

use http::request::Parts;
use leptos::prelude::use_context;

use crate::error::AppError;
use crate::services::Services;

/// The id the request-id middleware gave this request (also in logs and the audit log).
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// This request's id, or a fresh one outside a request.
pub fn request_id() -> String {
    use_context::<Parts>()
        .and_then(|p| p.extensions.get::<RequestId>().map(|r| r.0.clone()))
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
}

/// Whether the caller is a browser posting a plain form (it wants HTML, not JSON).
pub fn accepts_html() -> bool {
    use_context::<Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// The services the server put in context (KDB, Ktime, settings).
pub fn services() -> Result<Services, AppError> {
    use_context::<Services>().ok_or_else(|| AppError::Internal {
        correlation_id: request_id(),
    })
}

/// The tower-sessions session of this request.
pub async fn session() -> Result<tower_sessions::Session, AppError> {
    leptos_axum::extract::<tower_sessions::Session>()
        .await
        .map_err(|_| AppError::Internal {
            correlation_id: request_id(),
        })
}

/// A value the server middleware put into the request extensions.
pub fn extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    use_context::<Parts>().and_then(|p| p.extensions.get::<T>().cloned())
}

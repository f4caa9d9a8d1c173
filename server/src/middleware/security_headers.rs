//! Security headers on every response (pages, server functions, the order API, files):
//!
//! - `Content-Security-Policy`: pages set their own, with the per-response nonce Leptos puts on
//!   its hydration and resource scripts (`app::app::shell`); every other response gets a
//!   policy that allows no script at all. Both forbid framing (`frame-ancestors 'none'`).
//! - `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY` (older browsers),
//!   `Referrer-Policy: same-origin` (no URL leaves the site in a Referer; same-origin Referers
//!   stay, because no-JS form errors redirect back to them).
//! - `Strict-Transport-Security` in production only (test and demo run on plain HTTP).
//! - `Cache-Control: no-store` on everything but the static files under `/pkg/`: pages and
//!   server-function answers hold personal and financial data that must not stay in a
//!   browser's or proxy's cache. A handler may send its own `no-store` rule with more in it
//!   (the PDFs send `private, no-store`).

use app::ktime::AppEnv;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// The policy of every response that is not a page: no scripts, no framing, inline styles only
/// (the `/v1/docs` page is one self-contained document).
pub const NON_PAGE_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; \
     img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// HSTS: two years, subdomains included.
const HSTS: &str = "max-age=63072000; includeSubDomains";

/// The middleware function.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cacheable = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(NON_PAGE_POLICY),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if state.config.env == AppEnv::Production {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    // A handler's own rule stays when it is at least as strict (documents say
    // `private, no-store`).
    let strict_already = h
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-store"));
    if !cacheable && !strict_already {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

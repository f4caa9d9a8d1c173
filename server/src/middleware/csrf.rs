//! CSRF protection for every state-changing request, before it reaches any handler.
//!
//! Two checks, both of which a page on another site cannot pass:
//! - **Fetch metadata**: browsers mark every request with `Sec-Fetch-Site` (a header scripts
//!   cannot set). A POST marked anything but `same-origin`, or whose `Origin` names another
//!   host, is refused.
//! - **Token**: each browser gets a random token in the `kreditor_csrf` cookie
//!   (SameSite=Strict, HttpOnly; `__Host-kreditor_csrf` over HTTPS); every form carries it in a
//!   hidden `csrf_token` field. A POST without fetch metadata (an old browser, a script) must
//!   echo the token (field of a urlencoded or multipart form, or `X-CSRF-Token` header).
//!   Before login the token is the cookie's (double submit: another site can neither read the
//!   cookie nor set it). Login stores a new token in the session (`auth::session::begin`) and
//!   from then on only that one counts: the token is bound to the session, and one seen before
//!   login (or in another browser) is worthless. The cookie follows the session's token.
//!
//! The hydrated app posts through `fetch`, which sends only the server function's declared
//! arguments (not the hidden field) but always with `Sec-Fetch-Site: same-origin`.

use app::auth::keys::CSRF as SESSION_KEY;
use app::request::CsrfToken;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::RngCore;
use tower_sessions::Session;

use crate::state::AppState;

/// Cookie holding the token (over plain HTTP, i.e. `COOKIE_SECURE=false` in test and demo).
pub const COOKIE: &str = "kreditor_csrf";
/// The same cookie over HTTPS: the `__Host-` prefix makes browsers refuse it unless it is
/// Secure, for this exact host and path `/`, so a sibling subdomain cannot plant a token.
pub const HOST_COOKIE: &str = "__Host-kreditor_csrf";

/// The token cookie's name for `secure` cookies or not.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        HOST_COOKIE
    } else {
        COOKIE
    }
}
/// Form field carrying the token.
pub const FIELD: &str = "csrf_token";
/// Header carrying the token (scripts, tests).
pub const HEADER: &str = "x-csrf-token";
/// Largest form body read to find the token.
const MAX_FORM_BYTES: usize = 1024 * 1024;
/// Largest multipart body read to find the token (the portal's batch upload: a 2 MB file).
const MAX_MULTIPART_BYTES: usize = 3 * 1024 * 1024;

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie_value(req: &Request, name: &str) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|all| {
            all.split(';').find_map(|pair| {
                let (k, v) = pair.trim().split_once('=')?;
                (k == name).then(|| v.to_string())
            })
        })
}

/// Comparison in time independent of where the strings differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn needs_check(req: &Request) -> bool {
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // The merchant REST API (/v1) authenticates with API keys, not cookies.
    unsafe_method && !req.uri().path().starts_with("/v1/")
}

/// Whether `Origin`, when sent, names this host.
fn origin_ok(req: &Request) -> bool {
    let Some(origin) = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    else {
        return true;
    };
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let origin_host = origin.split("://").nth(1).unwrap_or("");
    !host.is_empty() && origin_host == host
}

/// 403, in the error shape of server functions so the page shows it translated.
fn refuse(why: &str) -> Response {
    tracing::warn!(reason = why, "CSRF check refused a request");
    let err = app::error::AppError::Refused {
        code: "ERR_CSRF".into(),
    };
    (StatusCode::FORBIDDEN, axum::Json(err)).into_response()
}

/// The browser's `Sec-Fetch-Site`, when sent.
fn fetch_site(req: &Request) -> Option<String> {
    req.headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_lowercase)
}

/// The token bound to the request's session (after login), unless the path never needs one
/// (static files, health), which then costs no session load.
async fn bound_token(session: Option<&Session>, path: &str) -> Option<String> {
    let session = session?;
    if path.starts_with("/pkg/") || path.starts_with("/health/") || path == "/metrics" {
        return None;
    }
    session.get::<String>(SESSION_KEY).await.ok().flatten()
}

/// The middleware function.
pub async fn csrf(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let name = cookie_name(state.config.cookie_secure);
    let existing = cookie_value(&req, name).filter(|t| t.len() == 64);
    let session = req.extensions().get::<Session>().cloned();
    let path = req.uri().path().to_string();
    let bound = bound_token(session.as_ref(), &path).await;
    // A signed-in session's own token; before login the cookie's (or a new one).
    let token = bound
        .clone()
        .or_else(|| existing.clone())
        .unwrap_or_else(new_token);
    let (mut parts, body) = req.into_parts();
    parts.extensions.insert(CsrfToken(token.clone()));
    let mut req = Request::from_parts(parts, body);

    if needs_check(&req) {
        if !origin_ok(&req) {
            return refuse("origin");
        }
        let seen = Seen {
            existing: existing.clone(),
            bound: bound.is_some(),
            token: token.clone(),
            session: session.clone(),
            path: path.clone(),
        };
        match fetch_site(&req).as_deref() {
            Some("same-origin") => return pass(req, next, seen, &state).await,
            // "none" is a user typing a URL: never a POST from a form of ours.
            Some(_) => return refuse("cross-site request"),
            None => {}
        }
        let Some(expected) = bound.as_deref().or(existing.as_deref()) else {
            return refuse("no cookie");
        };
        let from_header = req
            .headers()
            .get(HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let sent = match from_header {
            Some(t) => Some(t),
            None if is_form(&req) => {
                let (parts, body) = req.into_parts();
                let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
                    return refuse("body too large");
                };
                let found = url::form_urlencoded::parse(&bytes)
                    .find(|(k, _)| k == FIELD)
                    .map(|(_, v)| v.into_owned());
                req = Request::from_parts(parts, Body::from(bytes));
                found
            }
            None => match multipart_boundary(&req) {
                Some(boundary) => {
                    let (parts, body) = req.into_parts();
                    let Ok(bytes) = to_bytes(body, MAX_MULTIPART_BYTES).await else {
                        return refuse("body too large");
                    };
                    let found = multipart_token(bytes.clone(), boundary).await;
                    req = Request::from_parts(parts, Body::from(bytes));
                    found
                }
                None => None,
            },
        };
        match sent {
            Some(t) if same(&t, expected) => {}
            _ => return refuse("token mismatch"),
        }
    }

    let seen = Seen {
        existing,
        bound: bound.is_some(),
        token,
        session,
        path,
    };
    pass(req, next, seen, &state).await
}

/// What the request came with.
struct Seen {
    /// The cookie's token.
    existing: Option<String>,
    /// Whether the session had a bound token.
    bound: bool,
    /// The token in force for this request.
    token: String,
    session: Option<Session>,
    path: String,
}

/// Runs the request; then makes the browser's cookie carry the token in force: the one the
/// session holds now (a login just rotated it), a fresh one when the session lost its token
/// (logout), else the one it had.
async fn pass(req: Request, next: Next, seen: Seen, state: &AppState) -> Response {
    let mut res = next.run(req).await;
    let after = bound_token(seen.session.as_ref(), &seen.path).await;
    let want = match after {
        Some(t) => t,
        None if seen.bound => new_token(),
        None => seen.token,
    };
    if seen.existing.as_deref() != Some(want.as_str()) {
        let secure = if state.config.cookie_secure {
            "; Secure"
        } else {
            ""
        };
        let name = cookie_name(state.config.cookie_secure);
        let cookie = format!("{name}={want}; Path=/; HttpOnly; SameSite=Strict{secure}");
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// The boundary of a `multipart/form-data` body.
fn multipart_boundary(req: &Request) -> Option<String> {
    let content_type = req.headers().get(header::CONTENT_TYPE)?.to_str().ok()?;
    multer::parse_boundary(content_type).ok()
}

/// The token field of a multipart form (forms put it first, so the file is not parsed).
async fn multipart_token(bytes: axum::body::Bytes, boundary: String) -> Option<String> {
    let stream = futures::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
    let mut form = multer::Multipart::new(stream, boundary);
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some(FIELD) {
            return field.text().await.ok();
        }
    }
    None
}

fn is_form(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_64_hex_characters_and_differ() {
        let a = new_token();
        assert_eq!(a.len(), 64);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, new_token());
    }

    #[test]
    fn comparison() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
    }
}

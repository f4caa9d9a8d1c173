//! The gate in front of the pages: a browser without a signed-in session is sent to the login
//! page (and a signed-in one away from it), before any page renders. It also picks the page
//! language. Server functions check the caller themselves.
//!
//! Two kinds of sign-in share the session: staff (back office) and merchant users (the portal
//! under `/portal`). Each area looks only at its own session key and has its own login page,
//! so a staff session does not open the portal and a merchant session opens no staff page.

use app::auth::guard::{unix_now, SessionStaff};
use app::auth::keys;
use app::i18n::Lang;
use app::portal::guard::{within_lifetime, SessionMerchantUser};
use app::portal::{is_portal_path, keys as portal_keys, HOME_PATH, LOGIN_PATH};
use app::request::RequestLang;
use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use crate::state::AppState;

/// Paths that are not pages.
fn is_page(path: &str) -> bool {
    !(path.starts_with("/api/")
        || path.starts_with("/pkg/")
        || path.starts_with("/health/")
        || path.starts_with("/v1/")
        || path == "/metrics"
        || path == "/favicon.ico")
}

/// The middleware function.
pub async fn gate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let Some(session) = req.extensions().get::<Session>().cloned() else {
        return next.run(req).await;
    };
    let lang = match session.get::<String>(keys::LANG).await.ok().flatten() {
        Some(code) => Lang::parse(&code),
        None => req
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::from_accept_language),
    };
    req.extensions_mut()
        .insert(RequestLang(lang.unwrap_or_default()));

    let path = req.uri().path().to_string();
    if req.method() == Method::GET && is_portal_path(&path) {
        let merchant = session
            .get::<SessionMerchantUser>(portal_keys::MERCHANT_USER)
            .await
            .ok()
            .flatten();
        let absolute = state.config.auth.absolute_timeout;
        let signed_in = merchant.is_some_and(|m| within_lifetime(m.login_at, absolute));
        if !signed_in && path != LOGIN_PATH {
            return Redirect::to(LOGIN_PATH).into_response();
        }
        if signed_in && path == LOGIN_PATH {
            return Redirect::to(HOME_PATH).into_response();
        }
    } else if req.method() == Method::GET && is_page(&path) {
        let staff = session
            .get::<SessionStaff>(keys::STAFF)
            .await
            .ok()
            .flatten();
        let absolute =
            i64::try_from(state.config.auth.absolute_timeout.as_secs()).unwrap_or(i64::MAX);
        let signed_in = staff.is_some_and(|s| unix_now().saturating_sub(s.login_at) <= absolute);
        if !signed_in && path != "/login" {
            return Redirect::to("/login").into_response();
        }
        if signed_in && path == "/login" {
            return Redirect::to("/").into_response();
        }
    }
    next.run(req).await
}

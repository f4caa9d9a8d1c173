//! The public axum router: liveness (metrics and readiness are on `internal.rs`), static files, Leptos pages and server functions, and
//! the middleware stack around them.

use std::sync::Arc;

use app::app::{shell, App};
use app::auth::session_store::PgSessionStore;
use axum::routing::get;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::services::ServeDir;
use tower_sessions::cookie::{Key, SameSite};
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::middleware::{csrf, gate, observe, security_headers, text};
use crate::state::AppState;
use crate::{bookkeeping, health};

/// Name of the session cookie over plain HTTP (`COOKIE_SECURE=false`: test and demo).
pub const SESSION_COOKIE: &str = "kreditor_session";
/// Name of the session cookie over HTTPS: browsers keep a `__Host-` cookie only when it is
/// Secure, host-only and for path `/`, so no subdomain can set or shadow it.
pub const HOST_SESSION_COOKIE: &str = "__Host-kreditor_session";

/// Builds the whole application.
pub fn build(state: AppState) -> Router {
    let services = state.services.clone();
    let context = move || provide_context(services.clone());
    let options = state.leptos_options.clone();
    let page_shell = move || shell(options.clone());
    let routes = generate_route_list(App);

    let config = Arc::clone(&state.config);
    let idle =
        time::Duration::seconds(i64::try_from(config.auth.idle_timeout.as_secs()).unwrap_or(1800));
    let sessions = SessionManagerLayer::new(PgSessionStore::new(state.services.kdb.clone()))
        .with_name(if config.cookie_secure {
            HOST_SESSION_COOKIE
        } else {
            SESSION_COOKIE
        })
        .with_path("/")
        .with_http_only(true)
        // Lax: a link from an e-mail to the back office still finds the session; state
        // changes are guarded by the CSRF token, not by SameSite alone.
        .with_same_site(SameSite::Lax)
        .with_secure(config.cookie_secure)
        .with_expiry(Expiry::OnInactivity(idle))
        .with_signed(Key::from(&config.session_secret));

    let pkg_dir = format!("{}/pkg", config.site_root);
    Router::new()
        .route("/health/live", get(health::live))
        .route("/bookkeeping/sie", get(bookkeeping::sie_download))
        .merge(crate::portal_batches::routes())
        .merge(crate::documents::routes())
        .nest_service("/pkg", ServeDir::new(pkg_dir))
        .leptos_routes_with_context(&state, routes, context.clone(), page_shell)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(axum::middleware::from_fn(text::text))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            gate::gate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::csrf,
        ))
        .layer(sessions)
        // The order API: its own authentication (HTTP Basic), no cookies, no CSRF.
        .merge(crate::api::router(state.clone()))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security_headers::security_headers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            observe::observe,
        ))
        .with_state(state)
}

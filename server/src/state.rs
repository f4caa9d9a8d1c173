//! The router's shared state.

use std::sync::Arc;

use app::rate_limit::KeyedLimiter;
use app::services::Services;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::api::bad_keys::BadKeys;
use crate::config::Config;
use crate::metrics::Metrics;

/// Shared by every handler; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// Leptos settings (site root, output name).
    pub leptos_options: LeptosOptions,
    /// Database, clock and auth rules.
    pub services: Services,
    /// HTTP counters and histograms.
    pub metrics: Arc<Metrics>,
    /// Per-merchant request budget of the order API.
    pub rate_limiter: Arc<KeyedLimiter<uuid::Uuid>>,
    /// Per-client-address budget of the order API, checked before authentication.
    pub ip_limiter: Arc<KeyedLimiter<std::net::IpAddr>>,
    /// Recently failed API credentials, refused without a database lookup.
    pub bad_keys: Arc<BadKeys>,
    /// Per-merchant budget of the portal's batch uploads.
    pub upload_limiter: Arc<KeyedLimiter<uuid::Uuid>>,
    /// The configuration the server started with.
    pub config: Arc<Config>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

//! The router's shared state.

use std::sync::Arc;

use app::services::Services;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

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
    pub rate_limiter: Arc<crate::api::rate_limit::RateLimiter>,
    /// The configuration the server started with.
    pub config: Arc<Config>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

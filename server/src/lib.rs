//! Kreditor's server: configuration, router, middleware, health and metrics. The binary in
//! `main.rs` is a thin command-line front over this library, which the tests use directly.

pub mod api;
pub mod bench_credit;
pub mod bench_credit_e2e;
pub mod bench_ledger;
pub mod bench_orders;
pub mod bookkeeping;
pub mod config;
pub mod demo;
pub mod demo_merchant;
pub mod documents;
pub mod health;
pub mod internal;
pub mod jobs;
pub mod metrics;
pub mod middleware;
pub mod payments_cli;
pub mod portal_batches;
pub mod router;
pub mod state;

use std::sync::Arc;

use app::kdb::Kdb;
use app::ktime::Ktime;
use app::services::Services;
use leptos::config::LeptosOptions;

use crate::config::Config;
use crate::state::AppState;

/// Builds the shared state from a configuration (no connection is opened yet).
pub fn state_from_config(config: Config) -> Result<AppState, StateError> {
    // Documents read the particulars process-wide; a second state in one process (tests) may
    // only repeat the same ones.
    if app::documents::company::configure(config.particulars.clone()).is_err() {
        tracing::warn!("company particulars already configured differently; keeping the first");
    }
    let kdb = Kdb::new(config.db.clone())?;
    let providers = config.providers.build(&kdb)?;
    let leptos_options = LeptosOptions::builder()
        .output_name("kreditor")
        .site_root(config.site_root.clone())
        .site_pkg_dir("pkg")
        .site_addr(config.bind_addr)
        .build();
    Ok(AppState {
        leptos_options,
        services: Services {
            kdb,
            ktime: Ktime::new(config.env),
            auth: config.auth.clone(),
            login_limits: Arc::new(app::auth::throttle::LoginLimits::new(&config.auth)),
            providers,
            invoicing: config.invoicing,
            rejection_alert: config.rejection_alert,
        },
        metrics: Arc::new(metrics::Metrics::default()),
        rate_limiter: Arc::new(app::rate_limit::KeyedLimiter::new(config.api_rate_limit)),
        ip_limiter: Arc::new(app::rate_limit::KeyedLimiter::new(config.limits.api_per_ip)),
        bad_keys: Arc::new(api::bad_keys::BadKeys::new(config.limits.bad_key_cache)),
        upload_limiter: Arc::new(app::rate_limit::KeyedLimiter::per_minute(
            config.limits.portal_uploads_per_minute,
        )),
        config: Arc::new(config),
    })
}

/// Why the shared state could not be built.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The database configuration is unusable.
    #[error(transparent)]
    Kdb(#[from] app::kdb::KdbError),
    /// A provider URL is malformed.
    #[error("ADDRESS_PROVIDER_URL / SCORE_PROVIDER_URL / PROVIDER_CA_FILE: {0}")]
    Provider(#[from] app::credit::providers::BadBaseUrl),
}

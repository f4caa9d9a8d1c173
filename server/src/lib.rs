//! Kreditor's server: configuration, router, middleware, health and metrics. The binary in
//! `main.rs` is a thin command-line front over this library, which the tests use directly.

pub mod bench_credit;
pub mod bench_ledger;
pub mod bookkeeping;
pub mod config;
pub mod demo;
pub mod health;
pub mod metrics;
pub mod middleware;
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
pub fn state_from_config(config: Config) -> Result<AppState, app::kdb::KdbError> {
    let kdb = Kdb::new(config.db.clone())?;
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
        },
        metrics: Arc::new(metrics::Metrics::default()),
        config: Arc::new(config),
    })
}

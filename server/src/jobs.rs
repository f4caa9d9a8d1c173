//! The minimal job loop until the jobs framework arrives (dunning issue): every half minute,
//! expire authorizations whose time ran out on the business clock and drop idempotency keys
//! past their retention. Both are idempotent, so two nodes running them at once is harmless.

use std::time::Duration;

use app::kdb::{Ctx, ScopedFutureExt};
use app::services::Services;

/// How often the loop runs.
pub const INTERVAL: Duration = Duration::from_secs(30);

/// Most batch rows one pass works through (the rest wait for the next pass).
pub const BATCH_ROWS_PER_PASS: usize = 2_000;

/// Starts the loop in the background.
pub fn spawn(services: Services) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(INTERVAL).await;
            run_once(&services).await;
        }
    });
}

/// One pass; failures are logged and retried on the next pass.
pub async fn run_once(services: &Services) {
    let ctx = Ctx::system("job:order-expiry");
    match app::orders::manage::expire_due(services, &ctx).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(count = n, "authorizations expired"),
        Err(e) => tracing::warn!(error = %e, "order expiry failed"),
    }
    let batch_ctx = Ctx::system("job:batches");
    match app::orders::batches::run::process_pending(services, &batch_ctx, BATCH_ROWS_PER_PASS)
        .await
    {
        Ok(0) => {}
        Ok(n) => tracing::info!(count = n, "batch rows processed"),
        Err(e) => tracing::warn!(error = %e, "batch processing paused"),
    }
    let purged = services
        .kdb
        .write(|conn| {
            async move { app::orders::idempotency::purge_expired(conn).await }.scope_boxed()
        })
        .await;
    if let Err(e) = purged {
        tracing::warn!(error = %e, "idempotency key purge failed");
    }
}

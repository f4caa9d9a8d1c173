//! The minimal job loop until the jobs framework arrives (dunning issue): every half minute,
//! expire authorizations whose time ran out on the business clock, work through batch rows,
//! drop idempotency keys past their retention and purge the inputs of old batches. All are
//! idempotent, so two nodes running them at once is harmless.

use std::time::Duration;

use app::kdb::audit::{self, AuditEntry};
use app::kdb::{Ctx, ScopedFutureExt};
use app::orders::batches::{store, BatchError};
use app::services::Services;
use serde_json::json;

use crate::config::Config;

/// How often the loop runs.
pub const INTERVAL: Duration = Duration::from_secs(30);

/// Most batch rows one pass works through (the rest wait for the next pass).
pub const BATCH_ROWS_PER_PASS: usize = 2_000;

/// Most batches whose inputs one pass purges (one transaction; the rest wait for the next).
pub const PURGE_BATCHES_PER_PASS: i64 = 100;

/// What the jobs need from the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobSettings {
    /// `BATCH_INPUT_RETENTION_DAYS`.
    pub batch_input_retention_days: u32,
}

impl JobSettings {
    /// The settings in `config`.
    pub fn of(config: &Config) -> Self {
        JobSettings {
            batch_input_retention_days: config.batch_input_retention_days,
        }
    }
}

/// Starts the loop in the background.
pub fn spawn(services: Services, settings: JobSettings) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(INTERVAL).await;
            run_once(&services, &settings).await;
        }
    });
}

/// One pass; failures are logged and retried on the next pass.
pub async fn run_once(services: &Services, settings: &JobSettings) {
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
    match purge_batch_inputs(services, settings.batch_input_retention_days).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(batches = n, "batch inputs purged"),
        Err(e) => tracing::warn!(error = %e, "batch input purge failed"),
    }
}

/// Clears the row inputs (national ids, addresses) of batches finished more than
/// `retention_days` ago on the business clock, one audit record per batch in the same
/// transaction. Returns how many batches were purged.
pub async fn purge_batch_inputs(
    services: &Services,
    retention_days: u32,
) -> Result<usize, BatchError> {
    let ctx = &Ctx::system("job:batch-retention");
    let ktime = &services.ktime;
    services
        .kdb
        .write(|conn| {
            async move {
                let now = ktime.now_in(conn).await?;
                let cutoff = now - chrono::Duration::days(i64::from(retention_days));
                let purged = store::purge_inputs(conn, cutoff, now, PURGE_BATCHES_PER_PASS).await?;
                for batch in &purged {
                    audit::record(
                        conn,
                        ctx,
                        AuditEntry {
                            action: "batch.inputs_purge",
                            entity_type: "batch",
                            entity_id: &batch.batch_id.to_string(),
                            before: None,
                            after: Some(json!({
                                "merchant_id": batch.merchant_id,
                                "rows": batch.rows,
                                "retention_days": retention_days,
                            })),
                        },
                    )
                    .await?;
                }
                Ok::<_, BatchError>(purged.len())
            }
            .scope_boxed()
        })
        .await
}

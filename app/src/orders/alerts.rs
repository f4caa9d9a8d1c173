//! Watching for merchants who probe third parties' credit: the order API answers a
//! rejection with one generic category only (no reason code), and a merchant whose share of
//! refused decisions within the last window is unusually high gets an audit record naming it
//! and a counted alert for monitoring (no merchant or person in the metric's labels).
//!
//! Also the process-wide counters of the credit checks, rendered by the server's `/metrics`.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};

use diesel::sql_types::{BigInt, Integer, Text};
use diesel::QueryableByName;
use diesel_async::RunQueryDsl;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{cached, Conn, Ctx, KdbError};

/// When a merchant's refusals count as unusual (`REJECTION_ALERT_*` in the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RejectionAlert {
    /// The window looked back over, in minutes (`REJECTION_ALERT_WINDOW_MINUTES`).
    pub window_minutes: i32,
    /// Fewest decisions in the window before a share means anything (`REJECTION_ALERT_MIN`).
    pub min_decisions: i64,
    /// Share of refused decisions (reject or refer), in percent, at or above which the alert
    /// fires (`REJECTION_ALERT_PERCENT`).
    pub percent: i64,
}

impl Default for RejectionAlert {
    fn default() -> Self {
        RejectionAlert {
            window_minutes: 60,
            min_decisions: 20,
            percent: 50,
        }
    }
}

/// Alerts raised since the process started.
static REJECTION_ALERTS: AtomicU64 = AtomicU64::new(0);
/// Decisions made again under the customer's lock because the exposure had changed.
static CREDIT_REDECISIONS: AtomicU64 = AtomicU64::new(0);

/// Counts one decision made again under the customer's lock.
pub fn count_redecision() {
    CREDIT_REDECISIONS.fetch_add(1, Ordering::Relaxed);
}

/// Appends these counters in Prometheus text format.
pub fn render_metrics(out: &mut String) {
    let _ = writeln!(
        out,
        "# HELP kreditor_merchant_rejection_alerts_total Merchants flagged for an unusual share of refused credit decisions (details in the audit log).\n\
         # TYPE kreditor_merchant_rejection_alerts_total counter\n\
         kreditor_merchant_rejection_alerts_total {}",
        AtomicU64::load(&REJECTION_ALERTS, Ordering::Relaxed)
    );
    let _ = writeln!(
        out,
        "# HELP kreditor_credit_redecisions_total Credit decisions made again under the customer's lock because the exposure changed meanwhile.\n\
         # TYPE kreditor_credit_redecisions_total counter\n\
         kreditor_credit_redecisions_total {}",
        AtomicU64::load(&CREDIT_REDECISIONS, Ordering::Relaxed)
    );
}

/// The audit action of an alert.
pub const ALERT_ACTION: &str = "merchant.rejection_rate_alert";

#[derive(QueryableByName)]
struct Window {
    #[diesel(sql_type = BigInt)]
    decisions: i64,
    #[diesel(sql_type = BigInt)]
    refused: i64,
    #[diesel(sql_type = BigInt)]
    alerts: i64,
}

/// The merchant's decisions and refusals in the window ending at the business clock's now,
/// and the alerts already raised for it in that window.
const WINDOW_SQL: &str = "
WITH k AS (SELECT coalesce(frozen_at, clock_timestamp() + offset_ms * interval '1 millisecond') AS now
             FROM ktime_clock WHERE id = 1)
SELECT
  (SELECT count(*) FROM credit_decisions, k
    WHERE merchant_id = $1 AND business_time > k.now - make_interval(mins => $2)) AS decisions,
  (SELECT count(*) FROM credit_decisions, k
    WHERE merchant_id = $1 AND business_time > k.now - make_interval(mins => $2)
      AND outcome <> 'approve') AS refused,
  (SELECT count(*) FROM audit_log, k
    WHERE entity_type = 'merchant' AND entity_id = $1 AND action = $3
      AND business_time > k.now - make_interval(mins => $2)) AS alerts";

async fn read_window(
    conn: &mut Conn,
    settings: &RejectionAlert,
    merchant: &str,
) -> Result<Window, KdbError> {
    let window: Window = cached(
        diesel::sql_query(WINDOW_SQL)
            .bind::<Text, _>(merchant)
            .bind::<Integer, _>(settings.window_minutes)
            .bind::<Text, _>(ALERT_ACTION),
    )
    .get_result(conn)
    .await?;
    Ok(window)
}

/// After a refusal was logged in `conn`'s transaction: if the merchant's refusals in the
/// window reach the threshold and no alert was raised for it in the window yet, records one
/// (audit, merchant named) and counts it. Serialized per merchant, so concurrent refusals
/// raise one alert, not several.
pub async fn after_refusal(
    conn: &mut Conn,
    ctx: &Ctx,
    settings: &RejectionAlert,
    merchant_id: uuid::Uuid,
) -> Result<(), KdbError> {
    let merchant = merchant_id.to_string();
    let unusual = |w: &Window| {
        w.alerts == 0
            && w.decisions >= settings.min_decisions
            && w.refused.saturating_mul(100) >= settings.percent.saturating_mul(w.decisions)
    };
    if !unusual(&read_window(conn, settings, &merchant).await?) {
        return Ok(());
    }
    // Check again under the merchant's lock: the alert is raised once per window.
    let digest = Sha256::digest(merchant.as_bytes());
    cached(
        diesel::sql_query("SELECT pg_advisory_xact_lock($1, $2)")
            .bind::<Integer, _>(ALERT_LOCK_CLASS)
            .bind::<Integer, _>(i32::from_be_bytes([
                digest[0], digest[1], digest[2], digest[3],
            ])),
    )
    .execute(conn)
    .await?;
    let window = read_window(conn, settings, &merchant).await?;
    if !unusual(&window) {
        return Ok(());
    }
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: ALERT_ACTION,
            entity_type: "merchant",
            entity_id: &merchant,
            before: None,
            after: Some(json!({
                "window_minutes": settings.window_minutes,
                "decisions": window.decisions,
                "refused": window.refused,
                "threshold_percent": settings.percent,
                "min_decisions": settings.min_decisions,
            })),
        },
    )
    .await?;
    tracing::warn!(%merchant_id, decisions = window.decisions, refused = window.refused,
        "merchant flagged for an unusual share of refused credit decisions");
    REJECTION_ALERTS.fetch_add(1, Ordering::Relaxed);
    Ok(())
}

/// The advisory lock class of the alert check (two-key form, see `credit::decide::recheck`).
const ALERT_LOCK_CLASS: i32 = 0x4b52_4131; // "KRA1"

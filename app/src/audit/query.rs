//! The audit-log query (read on the standby: the log may lag by a moment).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::{AuditFilter, AuditRow, PAGE_SIZE};
use crate::kdb::{escape_like, Kdb, KdbError, ScopedFutureExt};
use crate::schema::audit_log;

type Row = (
    i64,
    DateTime<Utc>,
    DateTime<Utc>,
    String,
    String,
    String,
    String,
    String,
    Option<serde_json::Value>,
    Option<serde_json::Value>,
    String,
);

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Newest first, at most [`PAGE_SIZE`] rows.
pub async fn list(kdb: &Kdb, filter: &AuditFilter) -> Result<Vec<AuditRow>, KdbError> {
    let rows: Vec<Row> = kdb
        .read(|conn| {
            async move {
                let mut q = audit_log::table
                    .select((
                        audit_log::id,
                        audit_log::business_time,
                        audit_log::recorded_at,
                        audit_log::actor_kind,
                        audit_log::actor_label,
                        audit_log::action,
                        audit_log::entity_type,
                        audit_log::entity_id,
                        audit_log::before,
                        audit_log::after,
                        audit_log::request_id,
                    ))
                    .order(audit_log::id.desc())
                    .limit(PAGE_SIZE)
                    .into_boxed();
                if let Some(a) = non_empty(&filter.action) {
                    q = q.filter(audit_log::action.like(format!("{}%", escape_like(&a))));
                }
                if let Some(t) = non_empty(&filter.entity_type) {
                    q = q.filter(audit_log::entity_type.eq(t));
                }
                if let Some(i) = non_empty(&filter.entity_id) {
                    q = q.filter(audit_log::entity_id.eq(i));
                }
                if let Some(a) = non_empty(&filter.actor) {
                    q = q.filter(audit_log::actor_label.ilike(format!("%{}%", escape_like(&a))));
                }
                if let Some(b) = filter.before_id {
                    q = q.filter(audit_log::id.lt(b));
                }
                Ok::<_, KdbError>(q.load(conn).await?)
            }
            .scope_boxed()
        })
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditRow {
            id: r.0,
            business_time: r.1,
            recorded_at: r.2,
            actor_kind: r.3,
            actor_label: r.4,
            action: r.5,
            entity_type: r.6,
            entity_id: r.7,
            before: r
                .8
                .map(|v| serde_json::to_string_pretty(&v).unwrap_or_default()),
            after: r
                .9
                .map(|v| serde_json::to_string_pretty(&v).unwrap_or_default()),
            request_id: r.10,
        })
        .collect())
}

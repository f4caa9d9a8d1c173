//! The audit log as staff read it: every business write, filterable.

pub mod page;
#[cfg(feature = "ssr")]
mod query;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Filters of the audit page; empty fields don't filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Action prefix, e.g. `staff.` or `ktime.advance`.
    pub action: Option<String>,
    /// Entity type, exact.
    pub entity_type: Option<String>,
    /// Entity id, exact.
    pub entity_id: Option<String>,
    /// Part of the actor's label (e-mail, merchant, job name), case-insensitive.
    pub actor: Option<String>,
    /// Only rows older than this id (paging).
    pub before_id: Option<i64>,
}

/// One audit record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// Sequence number.
    pub id: i64,
    /// Business time of the change.
    pub business_time: DateTime<Utc>,
    /// Wall-clock time it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// `staff` / `merchant` / `system`.
    pub actor_kind: String,
    /// Readable actor.
    pub actor_label: String,
    /// What was done.
    pub action: String,
    /// Kind of entity.
    pub entity_type: String,
    /// Which entity.
    pub entity_id: String,
    /// State before, as JSON text.
    pub before: Option<String>,
    /// State after, as JSON text.
    pub after: Option<String>,
    /// The request that did it.
    pub request_id: String,
}

/// Rows per page.
pub const PAGE_SIZE: i64 = 50;

/// The newest audit records matching `filter` (admin and finance only).
#[server(prefix = "/api", endpoint = "audit_log", input = leptos::server_fn::codec::GetUrl)]
pub async fn audit_log(
    action: Option<String>,
    entity_type: Option<String>,
    entity_id: Option<String>,
    actor: Option<String>,
    before_id: Option<i64>,
) -> Result<Vec<AuditRow>, AppError> {
    use crate::auth::Role;
    use crate::request::with_status;
    with_status(
        async {
            crate::auth::guard::require_role(&[Role::Admin, Role::Finance]).await?;
            let kdb = crate::request::services()?.kdb;
            let filter = AuditFilter {
                action,
                entity_type,
                entity_id,
                actor,
                before_id,
            };
            Ok(query::list(&kdb, &filter).await?)
        }
        .await,
    )
}

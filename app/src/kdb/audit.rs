//! Writing audit records: one per business write, inside the same transaction.

use diesel::sql_types::{Jsonb, Nullable, Text};
use diesel_async::RunQueryDsl;

use super::{cached, Conn, Ctx, KdbError};

/// What changed, for the audit log.
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    /// Dotted verb, e.g. `staff.login`, `ktime.advance`.
    pub action: &'a str,
    /// The kind of entity changed, e.g. `staff_user`.
    pub entity_type: &'a str,
    /// Its id as text.
    pub entity_id: &'a str,
    /// State before the change (`None` for creations).
    pub before: Option<serde_json::Value>,
    /// State after the change (`None` for deletions).
    pub after: Option<serde_json::Value>,
}

/// Appends the audit record for a write. Call it inside [`super::Kdb::write`] so it commits or
/// rolls back together with the change it describes. The business time comes from the Ktime
/// row in the same statement, so the record agrees with the clock the change used.
pub async fn record(conn: &mut Conn, ctx: &Ctx, entry: AuditEntry<'_>) -> Result<(), KdbError> {
    cached(
        diesel::sql_query(
            "INSERT INTO audit_log (business_time, actor_kind, actor_id, actor_label, action, \
         entity_type, entity_id, before, after, request_id) \
         SELECT coalesce(frozen_at, clock_timestamp() + offset_ms * interval '1 millisecond'), \
         $1, $2, $3, $4, $5, $6, $7, $8, $9 FROM ktime_clock WHERE id = 1",
        )
        .bind::<Text, _>(ctx.actor.kind())
        .bind::<Text, _>(ctx.actor.id())
        .bind::<Text, _>(ctx.actor.label())
        .bind::<Text, _>(entry.action)
        .bind::<Text, _>(entry.entity_type)
        .bind::<Text, _>(entry.entity_id)
        .bind::<Nullable<Jsonb>, _>(entry.before)
        .bind::<Nullable<Jsonb>, _>(entry.after)
        .bind::<Text, _>(&ctx.request_id),
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Appends one audit record per entry in a single statement (bulk postings, imports), with
/// one business time for all of them.
pub async fn record_many(
    conn: &mut Conn,
    ctx: &Ctx,
    entries: &[AuditEntry<'_>],
) -> Result<(), KdbError> {
    if entries.is_empty() {
        return Ok(());
    }
    use diesel::sql_types::{Array, Nullable as N};
    cached(diesel::sql_query(
        "INSERT INTO audit_log (business_time, actor_kind, actor_id, actor_label, action, \
         entity_type, entity_id, before, after, request_id) \
         SELECT (SELECT coalesce(frozen_at, clock_timestamp() + offset_ms * interval '1 millisecond') FROM ktime_clock WHERE id = 1), \
         $1, $2, $3, a.action, a.entity_type, a.entity_id, a.before, a.after, $4 \
         FROM unnest($5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[]) AS a(action, entity_type, entity_id, before, after)",
    )
    .bind::<Text, _>(ctx.actor.kind())
    .bind::<Text, _>(ctx.actor.id())
    .bind::<Text, _>(ctx.actor.label())
    .bind::<Text, _>(&ctx.request_id)
    .bind::<Array<Text>, _>(entries.iter().map(|e| e.action).collect::<Vec<_>>())
    .bind::<Array<Text>, _>(entries.iter().map(|e| e.entity_type).collect::<Vec<_>>())
    .bind::<Array<Text>, _>(entries.iter().map(|e| e.entity_id).collect::<Vec<_>>())
    .bind::<Array<N<Jsonb>>, _>(entries.iter().map(|e| e.before.clone()).collect::<Vec<_>>())
    .bind::<Array<N<Jsonb>>, _>(entries.iter().map(|e| e.after.clone()).collect::<Vec<_>>()))
    .execute(conn)
    .await?;
    Ok(())
}

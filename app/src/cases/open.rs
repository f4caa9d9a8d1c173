//! Opening cases from inside another write (an import that found money nobody can place, an
//! overpayment), in the same transaction, each with its audit record.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::json;
use uuid::Uuid;

use super::schema::cases as c;
use super::types::{CaseKind, CaseStatus, Priority};
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, KdbError};

/// A case to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    /// What it is about.
    pub kind: CaseKind,
    /// How urgent.
    pub priority: Priority,
    /// A one-line title for the queue (no personal data: numbers and amounts only).
    pub title: String,
    /// Links.
    pub customer_id: Option<Uuid>,
    /// Links.
    pub invoice_id: Option<Uuid>,
    /// Links.
    pub payment_id: Option<Uuid>,
    /// Links.
    pub order_id: Option<Uuid>,
}

/// Opens `cases` at business time `now` (SLA from each kind) and audits each; returns their
/// ids in order.
pub async fn open_many(
    conn: &mut Conn,
    ctx: &Ctx,
    now: DateTime<Utc>,
    cases: &[NewCase],
) -> Result<Vec<Uuid>, KdbError> {
    let ids: Vec<Uuid> = cases.iter().map(|_| Uuid::new_v4()).collect();
    for chunk in ids.iter().zip(cases).collect::<Vec<_>>().chunks(1_000) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|(id, case)| {
                (
                    c::id.eq(**id),
                    c::kind.eq(case.kind.code()),
                    c::status.eq(CaseStatus::Open.code()),
                    c::priority.eq(case.priority.code()),
                    c::title.eq(&case.title),
                    c::sla_due.eq(now + chrono::Duration::hours(case.kind.sla_hours())),
                    c::customer_id.eq(case.customer_id),
                    c::invoice_id.eq(case.invoice_id),
                    c::payment_id.eq(case.payment_id),
                    c::order_id.eq(case.order_id),
                    c::created_at.eq(now),
                    c::updated_at.eq(now),
                )
            })
            .collect();
        diesel::insert_into(c::table)
            .values(rows)
            .execute(conn)
            .await?;
    }
    let id_texts: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let afters: Vec<serde_json::Value> = cases
        .iter()
        .map(|case| {
            json!({
                "kind": case.kind.code(),
                "status": CaseStatus::Open.code(),
                "priority": case.priority.code(),
                "invoice_id": case.invoice_id,
                "payment_id": case.payment_id,
            })
        })
        .collect();
    let entries: Vec<AuditEntry<'_>> = id_texts
        .iter()
        .zip(afters)
        .map(|(id, after)| AuditEntry {
            action: "case.open",
            entity_type: "case",
            entity_id: id,
            before: None,
            after: Some(after),
        })
        .collect();
    audit::record_many(conn, ctx, &entries).await?;
    Ok(ids)
}

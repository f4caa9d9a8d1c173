//! The daily close: verifies the books of one business date and closes it, after which
//! nothing can be posted on it (late postings take the next open date; a trigger refuses
//! raw inserts). Dates close in order, and only once they are in the past.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Date, Numeric, Text};
use diesel_async::RunQueryDsl;
use rust_decimal::Decimal;
use serde_json::json;

use super::views::CloseResult;
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, Kdb, KdbError, Retryable, ScopedFutureExt};
use crate::ktime::{Country, Ktime};
use crate::schema::ledger_closed_days;

/// Why a date could not be closed.
#[derive(Debug, thiserror::Error)]
pub enum CloseError {
    /// Only past business dates can be closed.
    #[error("{0} is not in the past yet")]
    NotPast(NaiveDate),
    /// The previous date must be closed first.
    #[error("close {0} first")]
    OutOfOrder(NaiveDate),
    /// Already closed.
    #[error("{0} is already closed")]
    AlreadyClosed(NaiveDate),
    /// A check failed; the result says which.
    #[error("the books of {} do not verify", .0.business_date)]
    Failed(CloseResult),
    /// Database failure.
    #[error(transparent)]
    Db(#[from] KdbError),
}

impl Retryable for CloseError {
    fn is_retryable(&self) -> bool {
        matches!(self, CloseError::Db(e) if e.is_retryable())
    }
}

#[derive(diesel::QueryableByName)]
struct CurrencySum {
    #[diesel(sql_type = Text)]
    currency: String,
    #[diesel(sql_type = Numeric)]
    total: Decimal,
}

#[derive(diesel::QueryableByName)]
struct Total {
    #[diesel(sql_type = Numeric)]
    total: Decimal,
}

/// The checks of a close, run inside its transaction.
async fn verify(conn: &mut Conn, date: NaiveDate) -> Result<Vec<(String, bool, String)>, KdbError> {
    let mut checks = Vec::new();
    // 1. The trial balance: all lines up to the date sum to zero per currency.
    let sums: Vec<CurrencySum> = diesel::sql_query(
        "SELECT l.currency, sum(l.amount) AS total FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id \
         WHERE e.business_date <= $1 GROUP BY l.currency ORDER BY l.currency",
    )
    .bind::<Date, _>(date)
    .load(conn)
    .await?;
    let unbalanced: Vec<String> = sums
        .iter()
        .filter(|s| !s.total.is_zero())
        .map(|s| format!("{} {}", s.currency, s.total))
        .collect();
    checks.push((
        "trial_balance".to_string(),
        unbalanced.is_empty(),
        if unbalanced.is_empty() {
            format!("{} currencies balance", sums.len())
        } else {
            unbalanced.join(", ")
        },
    ));
    // 2. Control accounts equal their subledgers: every receivable line (1510, 1515) belongs
    //    to a customer and an invoice, so 1510 equals the sum of the invoice balances.
    for account in [1510, 1515] {
        let orphan: Total = diesel::sql_query(
            "SELECT coalesce(sum(abs(l.amount)), 0) AS total FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id \
             WHERE l.account = $1 AND e.business_date <= $2 AND (l.invoice_id IS NULL OR l.customer_id IS NULL)",
        )
        .bind::<diesel::sql_types::Integer, _>(account)
        .bind::<Date, _>(date)
        .get_result(conn)
        .await?;
        checks.push((
            format!("control_{account}_subledger"),
            orphan.total.is_zero(),
            format!("{} outside the invoice subledger", orphan.total),
        ));
    }
    // 3. Kreditor's debt to merchants is kept per merchant.
    let orphan: Total = diesel::sql_query(
        "SELECT coalesce(sum(abs(l.amount)), 0) AS total FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id \
         WHERE l.account = 2440 AND e.business_date <= $1 AND l.merchant_id IS NULL",
    )
    .bind::<Date, _>(date)
    .get_result(conn)
    .await?;
    checks.push((
        "control_2440_merchants".to_string(),
        orphan.total.is_zero(),
        format!("{} without a merchant", orphan.total),
    ));
    Ok(checks)
}

/// Closes `date`: it must be before today's business date (Sweden) and the day after the
/// last closed date. The result (passed or not) goes to the audit log; a failed check leaves
/// the date open.
pub async fn close_day(
    kdb: &Kdb,
    ktime: &Ktime,
    ctx: &Ctx,
    date: NaiveDate,
) -> Result<CloseResult, CloseError> {
    let today = ktime.today(kdb, Country::SE).await?;
    if date >= today {
        return Err(CloseError::NotPast(date));
    }
    let outcome = kdb
        .write(|conn| {
            async move {
                // One close at a time, and none while a posting is in flight: postings hold
                // ROW SHARE on this table until they commit (`post::exclude_close` and the
                // journal's insert trigger), which EXCLUSIVE waits for; postings that come
                // later wait for this close and then see the date closed.
                diesel::sql_query("LOCK TABLE ledger_closed_days IN EXCLUSIVE MODE")
                    .execute(conn)
                    .await
                    .map_err(KdbError::from)?;
                let last: Option<NaiveDate> = ledger_closed_days::table
                    .select(diesel::dsl::max(ledger_closed_days::business_date))
                    .first(conn)
                    .await
                    .map_err(KdbError::from)?;
                if let Some(last) = last {
                    if date <= last {
                        return Err(CloseError::AlreadyClosed(date));
                    }
                    let next = last.succ_opt().unwrap_or(last);
                    if date != next {
                        return Err(CloseError::OutOfOrder(next));
                    }
                }
                let checks = verify(conn, date).await?;
                let closed = checks.iter().all(|(_, ok, _)| *ok);
                let result = CloseResult {
                    business_date: date,
                    closed,
                    checks,
                };
                let result_json = json!(result);
                if closed {
                    diesel::insert_into(ledger_closed_days::table)
                        .values((
                            ledger_closed_days::business_date.eq(date),
                            ledger_closed_days::actor_label.eq(ctx.actor.label()),
                            ledger_closed_days::result.eq(&result_json),
                        ))
                        .execute(conn)
                        .await
                        .map_err(KdbError::from)?;
                }
                audit::record(
                    conn,
                    ctx,
                    AuditEntry {
                        action: if closed {
                            "ledger.close"
                        } else {
                            "ledger.close_failed"
                        },
                        entity_type: "ledger_day",
                        entity_id: &date.to_string(),
                        before: None,
                        after: Some(result_json),
                    },
                )
                .await?;
                Ok(result)
            }
            .scope_boxed()
        })
        .await?;
    if outcome.closed {
        Ok(outcome)
    } else {
        tracing::error!(alarm = "ledger_close_failed", date = %date, "daily close found the books out of balance");
        Err(CloseError::Failed(outcome))
    }
}

/// The last closed business date, if any.
pub async fn last_closed(conn: &mut Conn) -> Result<Option<NaiveDate>, KdbError> {
    Ok(ledger_closed_days::table
        .select(diesel::dsl::max(ledger_closed_days::business_date))
        .first(conn)
        .await?)
}

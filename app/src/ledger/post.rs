//! Posting: the one way money enters the journal, inside the caller's transaction, so a
//! business change and its ledger lines commit or roll back together.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use rust_decimal::Decimal;
use serde_json::json;

use super::entry::{Dims, Entry, EntryError, Line};
use super::events::LedgerEvent;
use super::rules;
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{cached, Conn, Ctx, KdbError, Retryable};
use crate::money::{Currency, Money};
use crate::schema::{journal_entries, journal_lines, ledger_accounts, ledger_closed_days};

/// Why posting failed.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// The entry itself is wrong (unbalanced, unrounded, …).
    #[error(transparent)]
    Invalid(#[from] EntryError),
    /// A line names an account that does not exist.
    #[error("account {0} does not exist")]
    UnknownAccount(u32),
    /// A line names an inactive account.
    #[error("account {0} is inactive")]
    InactiveAccount(u32),
    /// A line's currency is not the one the account takes.
    #[error("account {account} takes {expected} only, not {got}")]
    WrongCurrency {
        /// The account.
        account: u32,
        /// Its currency.
        expected: String,
        /// The line's.
        got: String,
    },
    /// The entry to reverse does not exist.
    #[error("journal entry {0} does not exist")]
    NoSuchEntry(i64),
    /// The entry was already reversed.
    #[error("journal entry {0} is already reversed")]
    AlreadyReversed(i64),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] KdbError),
}

impl From<diesel::result::Error> for LedgerError {
    fn from(e: diesel::result::Error) -> Self {
        LedgerError::Db(e.into())
    }
}

impl Retryable for LedgerError {
    fn is_retryable(&self) -> bool {
        matches!(self, LedgerError::Db(e) if e.is_retryable())
    }
}

/// A posted entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    /// Journal entry id (also the SIE voucher number).
    pub id: i64,
    /// The date it was posted on (later than asked when that day was closed).
    pub business_date: NaiveDate,
    /// False when the idempotency key had already been posted (nothing was written).
    pub new: bool,
}

/// Keeps the daily close out until the caller's transaction ends, and waits for a close in
/// progress: ROW SHARE on `ledger_closed_days`, which postings share with each other and the
/// close's EXCLUSIVE lock conflicts with (see `close::close_day`). Taken before the closed
/// dates are read, so the open date chosen stays open until this posting commits.
pub async fn exclude_close(conn: &mut Conn) -> Result<(), KdbError> {
    diesel::sql_query("LOCK TABLE ledger_closed_days IN ROW SHARE MODE")
        .execute(conn)
        .await?;
    Ok(())
}

/// The first date that is still open for postings on or after `wanted`. Call
/// [`exclude_close`] first in a writing transaction, or a close may overtake the answer.
pub async fn open_date(conn: &mut Conn, wanted: NaiveDate) -> Result<NaiveDate, KdbError> {
    let last_closed: Option<NaiveDate> = ledger_closed_days::table
        .select(diesel::dsl::max(ledger_closed_days::business_date))
        .first(conn)
        .await?;
    Ok(match last_closed {
        Some(closed) if closed >= wanted => closed.succ_opt().unwrap_or(closed),
        _ => wanted,
    })
}

/// Posts `entry` in the caller's transaction: validates it, checks the accounts, moves it
/// to the next open date when its date is closed, writes the entry, its lines and the audit
/// record. A repeated idempotency key returns the first posting and writes nothing.
pub async fn post(conn: &mut Conn, ctx: &Ctx, entry: &Entry) -> Result<Posted, LedgerError> {
    entry.validate()?;
    if let Some(key) = &entry.idempotency_key {
        let existing: Option<(i64, NaiveDate)> = journal_entries::table
            .filter(journal_entries::idempotency_key.eq(key))
            .select((journal_entries::id, journal_entries::business_date))
            .first(conn)
            .await
            .optional()?;
        if let Some((id, business_date)) = existing {
            return Ok(Posted {
                id,
                business_date,
                new: false,
            });
        }
    }
    check_accounts(conn, &entry.lines).await?;
    exclude_close(conn).await?;
    let business_date = open_date(conn, entry.business_date).await?;
    let (reverses, reason) = match &entry.reverses {
        Some((id, reason)) => (Some(*id), Some(reason.as_str())),
        None => (None, None),
    };
    let id: i64 = diesel::insert_into(journal_entries::table)
        .values((
            journal_entries::business_date.eq(business_date),
            journal_entries::event.eq(entry.event.code()),
            journal_entries::description.eq(&entry.description),
            journal_entries::entity_type.eq(entry.entity.as_ref().map(|e| e.kind.as_str())),
            journal_entries::entity_id.eq(entry.entity.as_ref().map(|e| e.id.as_str())),
            journal_entries::reverses.eq(reverses),
            journal_entries::reason.eq(reason),
            journal_entries::actor_kind.eq(ctx.actor.kind()),
            journal_entries::actor_id.eq(ctx.actor.id()),
            journal_entries::actor_label.eq(ctx.actor.label()),
            journal_entries::idempotency_key.eq(entry.idempotency_key.as_deref()),
        ))
        .returning(journal_entries::id)
        .get_result(conn)
        .await?;
    let rows: Vec<_> = entry
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                journal_lines::entry_id.eq(id),
                journal_lines::line_no.eq(i32::try_from(i + 1).unwrap_or(i32::MAX)),
                journal_lines::account.eq(i32::try_from(l.account).unwrap_or(i32::MAX)),
                journal_lines::amount.eq(l.amount.amount()),
                journal_lines::currency.eq(l.amount.currency().code()),
                journal_lines::merchant_id.eq(l.dims.merchant_id.as_deref()),
                journal_lines::customer_id.eq(l.dims.customer_id.as_deref()),
                journal_lines::invoice_id.eq(l.dims.invoice_id.as_deref()),
            )
        })
        .collect();
    // A multi-row INSERT is never cached by diesel; its text depends only on the number of
    // lines, which each kind of posting keeps fixed.
    cached(diesel::insert_into(journal_lines::table).values(rows))
        .execute(conn)
        .await?;
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "ledger.post",
            entity_type: "journal_entry",
            entity_id: &id.to_string(),
            before: None,
            after: Some(json!({
                "event": entry.event.code(),
                "business_date": business_date,
                "reverses": reverses,
                "lines": entry.lines.iter().map(|l| json!([l.account, l.amount.amount(), l.amount.currency().code()])).collect::<Vec<_>>(),
            })),
        },
    )
    .await?;
    Ok(Posted {
        id,
        business_date,
        new: true,
    })
}

/// Posts many entries at once in the caller's transaction (bulk loads, imports): the same
/// checks and the same rows as [`post`] entry by entry, in a few statements. Entries with an
/// idempotency key are not accepted here (use [`post`]).
pub async fn post_batch(
    conn: &mut Conn,
    ctx: &Ctx,
    entries: &[Entry],
) -> Result<Vec<Posted>, LedgerError> {
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    for e in entries {
        e.validate()?;
    }
    let all_lines: Vec<Line> = entries
        .iter()
        .flat_map(|e| e.lines.iter().cloned())
        .collect();
    check_accounts(conn, &all_lines).await?;
    exclude_close(conn).await?;
    let last_closed: Option<NaiveDate> = ledger_closed_days::table
        .select(diesel::dsl::max(ledger_closed_days::business_date))
        .first(conn)
        .await?;
    let date_of = |d: NaiveDate| match last_closed {
        Some(c) if c >= d => c.succ_opt().unwrap_or(c),
        _ => d,
    };
    #[derive(diesel::QueryableByName)]
    struct Id {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
    }
    // Ids first, so lines can name their entry without relying on RETURNING order.
    let ids: Vec<Id> = cached(
        diesel::sql_query(
            "SELECT nextval('journal_entries_id_seq') AS id FROM generate_series(1, $1)",
        )
        .bind::<diesel::sql_types::Integer, _>(i32::try_from(entries.len()).unwrap_or(i32::MAX)),
    )
    .load(conn)
    .await?;
    let posted: Vec<Posted> = entries
        .iter()
        .zip(&ids)
        .map(|(e, id)| Posted {
            id: id.id,
            business_date: date_of(e.business_date),
            new: true,
        })
        .collect();
    let entry_rows: Vec<_> = entries
        .iter()
        .zip(&posted)
        .map(|(e, p)| {
            (
                journal_entries::id.eq(p.id),
                journal_entries::business_date.eq(p.business_date),
                journal_entries::event.eq(e.event.code()),
                journal_entries::description.eq(&e.description),
                journal_entries::entity_type.eq(e.entity.as_ref().map(|x| x.kind.as_str())),
                journal_entries::entity_id.eq(e.entity.as_ref().map(|x| x.id.as_str())),
                journal_entries::reverses.eq(e.reverses.as_ref().map(|r| r.0)),
                journal_entries::reason.eq(e.reverses.as_ref().map(|r| r.1.as_str())),
                journal_entries::actor_kind.eq(ctx.actor.kind()),
                journal_entries::actor_id.eq(ctx.actor.id()),
                journal_entries::actor_label.eq(ctx.actor.label()),
            )
        })
        .collect();
    // PostgreSQL takes at most 65,535 parameters per statement.
    for chunk in entry_rows.chunks(4000) {
        diesel::insert_into(journal_entries::table)
            .values(chunk)
            .execute(conn)
            .await?;
    }
    let line_rows: Vec<_> = entries
        .iter()
        .zip(&posted)
        .flat_map(|(e, p)| {
            e.lines.iter().enumerate().map(move |(i, l)| {
                (
                    journal_lines::entry_id.eq(p.id),
                    journal_lines::line_no.eq(i32::try_from(i + 1).unwrap_or(i32::MAX)),
                    journal_lines::account.eq(i32::try_from(l.account).unwrap_or(i32::MAX)),
                    journal_lines::amount.eq(l.amount.amount()),
                    journal_lines::currency.eq(l.amount.currency().code()),
                    journal_lines::merchant_id.eq(l.dims.merchant_id.as_deref()),
                    journal_lines::customer_id.eq(l.dims.customer_id.as_deref()),
                    journal_lines::invoice_id.eq(l.dims.invoice_id.as_deref()),
                )
            })
        })
        .collect();
    for chunk in line_rows.chunks(6000) {
        diesel::insert_into(journal_lines::table)
            .values(chunk)
            .execute(conn)
            .await?;
    }
    let ids_text: Vec<String> = posted.iter().map(|p| p.id.to_string()).collect();
    let audits: Vec<AuditEntry<'_>> = entries
        .iter()
        .zip(&ids_text)
        .map(|(e, id)| AuditEntry {
            action: "ledger.post",
            entity_type: "journal_entry",
            entity_id: id,
            before: None,
            after: Some(json!({"event": e.event.code(), "lines": e.lines.len()})),
        })
        .collect();
    audit::record_many(conn, ctx, &audits).await?;
    Ok(posted)
}

async fn check_accounts(conn: &mut Conn, lines: &[Line]) -> Result<(), LedgerError> {
    let numbers: Vec<i32> = lines
        .iter()
        .map(|l| i32::try_from(l.account).unwrap_or(-1))
        .collect();
    let mut numbers = numbers;
    numbers.sort_unstable();
    numbers.dedup();
    let found: Vec<(i32, bool, Option<String>)> = ledger_accounts::table
        .filter(ledger_accounts::number.eq_any(&numbers))
        .select((
            ledger_accounts::number,
            ledger_accounts::active,
            ledger_accounts::currency,
        ))
        .load(conn)
        .await?;
    for line in lines {
        let Some((_, active, currency)) = found
            .iter()
            .find(|(n, _, _)| i64::from(*n) == i64::from(line.account))
        else {
            return Err(LedgerError::UnknownAccount(line.account));
        };
        if !active {
            return Err(LedgerError::InactiveAccount(line.account));
        }
        if let Some(c) = currency {
            if c != line.amount.currency().code() {
                return Err(LedgerError::WrongCurrency {
                    account: line.account,
                    expected: c.clone(),
                    got: line.amount.currency().code().to_string(),
                });
            }
        }
    }
    Ok(())
}

/// The lines of a posted entry.
pub async fn lines_of(conn: &mut Conn, entry_id: i64) -> Result<Vec<Line>, LedgerError> {
    type Row = (
        i32,
        Decimal,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = journal_lines::table
        .filter(journal_lines::entry_id.eq(entry_id))
        .order(journal_lines::line_no)
        .select((
            journal_lines::account,
            journal_lines::amount,
            journal_lines::currency,
            journal_lines::merchant_id,
            journal_lines::customer_id,
            journal_lines::invoice_id,
        ))
        .load(conn)
        .await?;
    rows.into_iter()
        .map(
            |(account, amount, currency, merchant_id, customer_id, invoice_id)| {
                let currency = Currency::parse(&currency).ok_or_else(|| {
                    LedgerError::Db(KdbError::Unavailable(format!(
                        "unknown currency {currency}"
                    )))
                })?;
                Ok(Line {
                    account: u32::try_from(account).unwrap_or_default(),
                    amount: Money::new(amount, currency),
                    dims: Dims {
                        merchant_id,
                        customer_id,
                        invoice_id,
                    },
                })
            },
        )
        .collect()
}

/// Posts the reversal of entry `id` (a correction): the same lines with opposite signs, on
/// `date` (or the next open date), with the reason. An entry is reversed at most once.
pub async fn reverse(
    conn: &mut Conn,
    ctx: &Ctx,
    id: i64,
    date: NaiveDate,
    reason: &str,
) -> Result<Posted, LedgerError> {
    let exists: Option<String> = journal_entries::table
        .find(id)
        .select(journal_entries::event)
        .first(conn)
        .await
        .optional()?;
    if exists.is_none() {
        return Err(LedgerError::NoSuchEntry(id));
    }
    let reversed: i64 = journal_entries::table
        .filter(journal_entries::reverses.eq(id))
        .count()
        .get_result(conn)
        .await?;
    if reversed > 0 {
        return Err(LedgerError::AlreadyReversed(id));
    }
    let lines = lines_of(conn, id).await?;
    let mut entry = rules::reversal(date, id, &lines, reason);
    entry.idempotency_key = Some(format!("reversal:{id}"));
    debug_assert_eq!(entry.event, LedgerEvent::Reversal);
    post(conn, ctx, &entry).await
}

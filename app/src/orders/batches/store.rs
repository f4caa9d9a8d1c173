//! Batches in the database: a batch and all its rows are created in one transaction (or the
//! first batch of the same file is found), pending rows are claimed with
//! `FOR UPDATE SKIP LOCKED` and a short lease, and each row's result is recorded together with
//! the batch's counters. Every read is scoped to the merchant by construction.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Jsonb, Nullable, Text, Uuid as SqlUuid};
use diesel_async::RunQueryDsl;

use super::parse::ParsedRow;
use super::schema::{api_batch_rows as r, api_batches as b};
use super::types::{
    Batch, BatchAccepted, BatchFormat, BatchKind, BatchRow, BatchStatus, BatchSummary, RowResult,
    RowStatus,
};
use super::BatchError;
use crate::kdb::{cached, Conn};

/// Rows per INSERT (PostgreSQL takes at most 65535 bind parameters per statement).
const INSERT_CHUNK: usize = 1000;

/// How long a claimed row is left to its worker before another pass may take it.
const LEASE: &str = "5 minutes";

/// A new batch as uploaded.
pub struct NewBatch<'a> {
    /// The merchant uploading.
    pub merchant_id: uuid::Uuid,
    /// Captures or orders.
    pub kind: BatchKind,
    /// How the file was written.
    pub format: BatchFormat,
    /// Hex SHA-256 of the file.
    pub sha256: &'a str,
    /// The parsed rows.
    pub rows: &'a [ParsedRow],
    /// Most unprocessed rows this merchant may have queued, this batch's included.
    pub max_queued_rows: i64,
}

/// The batch's row as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = b)]
#[diesel(check_for_backend(diesel::pg::Pg))]
pub struct BatchRecord {
    /// Id.
    pub id: uuid::Uuid,
    /// Merchant.
    pub merchant_id: uuid::Uuid,
    /// `captures` or `orders`.
    pub kind: String,
    /// `csv` or `jsonl`.
    pub format: String,
    /// `queued`, `running` or `done`.
    pub status: String,
    /// Rows in the file.
    pub total_rows: i32,
    /// Rows with a result.
    pub done_rows: i32,
    /// Rows that succeeded.
    pub ok_rows: i32,
    /// Rows refused.
    pub error_rows: i32,
    /// Uploaded.
    pub created_at: DateTime<Utc>,
    /// First row taken up.
    pub started_at: Option<DateTime<Utc>>,
    /// Last row done.
    pub finished_at: Option<DateTime<Utc>>,
}

impl BatchRecord {
    /// The status as a type.
    pub fn status(&self) -> Result<BatchStatus, BatchError> {
        BatchStatus::parse(&self.status).ok_or_else(|| internal(format!("status {}", self.status)))
    }

    /// The kind as a type.
    pub fn kind(&self) -> Result<BatchKind, BatchError> {
        BatchKind::parse(&self.kind).ok_or_else(|| internal(format!("kind {}", self.kind)))
    }

    /// The record as a list entry.
    pub fn summary(&self) -> Result<BatchSummary, BatchError> {
        Ok(BatchSummary {
            batch_id: self.id,
            kind: self.kind()?,
            format: BatchFormat::parse(&self.format)
                .ok_or_else(|| internal(format!("format {}", self.format)))?,
            status: self.status()?,
            total_rows: self.total_rows,
            done_rows: self.done_rows,
            ok_rows: self.ok_rows,
            error_rows: self.error_rows,
            created_at: self.created_at,
            finished_at: self.finished_at,
        })
    }
}

fn internal(what: String) -> BatchError {
    BatchError::Order(crate::orders::error::OrderError::Internal(format!(
        "api_batches: {what}"
    )))
}

/// Creates the batch and its rows, or — when this merchant uploaded the same file before —
/// returns that first batch. The `bool` is true for a new batch.
pub async fn create(
    conn: &mut Conn,
    new: &NewBatch<'_>,
) -> Result<(BatchAccepted, bool), BatchError> {
    let id = uuid::Uuid::new_v4();
    let total = i32::try_from(new.rows.len()).map_err(|_| internal("too many rows".into()))?;
    // Check-then-act: one upload per merchant at a time counts the queue and adds to it.
    cached(
        diesel::sql_query(
            "SELECT pg_advisory_xact_lock(hashtextextended('api_batches:queue:' || $1::text, 0))",
        )
        .bind::<SqlUuid, _>(new.merchant_id),
    )
    .execute(conn)
    .await?;
    // A concurrent upload of the same file waits on the unique index and then finds ours.
    let inserted = diesel::insert_into(b::table)
        .values((
            b::id.eq(id),
            b::merchant_id.eq(new.merchant_id),
            b::kind.eq(new.kind.as_str()),
            b::format.eq(new.format.as_str()),
            b::total_rows.eq(total),
            b::sha256.eq(new.sha256),
        ))
        .on_conflict((b::merchant_id, b::sha256))
        .do_nothing()
        .execute(conn)
        .await?;
    if inserted == 0 {
        let first: BatchRecord = b::table
            .filter(b::merchant_id.eq(new.merchant_id))
            .filter(b::sha256.eq(new.sha256))
            .select(BatchRecord::as_select())
            .first(conn)
            .await?;
        let accepted = BatchAccepted {
            batch_id: first.id,
            status: first.status()?,
            total_rows: first.total_rows,
        };
        return Ok((accepted, false));
    }
    let queued = queued_rows(conn, new.merchant_id, id).await?;
    if queued + i64::from(total) > new.max_queued_rows {
        return Err(BatchError::QueueFull {
            queued,
            adding: i64::from(total),
            cap: new.max_queued_rows,
        });
    }
    for chunk in new.rows.chunks(INSERT_CHUNK) {
        let values: Vec<_> = chunk
            .iter()
            .map(|row| {
                (
                    r::batch_id.eq(id),
                    r::row_no.eq(row.row_no),
                    r::key.eq(&row.key),
                    r::input.eq(&row.input),
                )
            })
            .collect();
        diesel::insert_into(r::table)
            .values(values)
            .execute(conn)
            .await?;
    }
    let accepted = BatchAccepted {
        batch_id: id,
        status: BatchStatus::Queued,
        total_rows: total,
    };
    Ok((accepted, true))
}

#[derive(QueryableByName)]
struct Queued {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Rows of `merchant_id`'s batches (other than `except`) not processed yet.
async fn queued_rows(
    conn: &mut Conn,
    merchant_id: uuid::Uuid,
    except: uuid::Uuid,
) -> Result<i64, BatchError> {
    let row: Queued = cached(
        diesel::sql_query(
            "SELECT coalesce(sum(total_rows - done_rows), 0)::bigint AS n FROM api_batches \
             WHERE merchant_id = $1 AND status IN ('queued', 'running') AND id <> $2",
        )
        .bind::<SqlUuid, _>(merchant_id)
        .bind::<SqlUuid, _>(except),
    )
    .get_result(conn)
    .await?;
    Ok(row.n)
}

/// The merchant's batch record; another merchant's is "not found".
pub async fn record(
    conn: &mut Conn,
    merchant_id: uuid::Uuid,
    batch_id: uuid::Uuid,
) -> Result<BatchRecord, BatchError> {
    b::table
        .filter(b::id.eq(batch_id))
        .filter(b::merchant_id.eq(merchant_id))
        .select(BatchRecord::as_select())
        .first(conn)
        .await
        .optional()?
        .ok_or(BatchError::NotFound)
}

type RowTuple = (
    i32,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<serde_json::Value>,
);

/// Which rows of a batch to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowPage {
    /// Rows after this row number (0 = from the first).
    pub after_row: i32,
    /// At most this many.
    pub limit: i64,
}

impl RowPage {
    /// Every row (batches hold at most [`super::MAX_ROWS`]).
    pub const ALL: RowPage = RowPage {
        after_row: 0,
        limit: super::MAX_ROWS as i64,
    };
}

/// The merchant's batch with one page of its rows, in file order.
pub async fn load(
    conn: &mut Conn,
    merchant_id: uuid::Uuid,
    batch_id: uuid::Uuid,
    page: RowPage,
) -> Result<Batch, BatchError> {
    let batch = record(conn, merchant_id, batch_id).await?;
    // One more than asked, to know whether there is a next page.
    let mut rows: Vec<RowTuple> = r::table
        .filter(r::batch_id.eq(batch.id))
        .filter(r::row_no.gt(page.after_row))
        .order(r::row_no)
        .limit(page.limit.saturating_add(1))
        .select((
            r::row_no,
            r::key,
            r::status,
            r::error_code,
            r::error_message,
            r::result,
        ))
        .load(conn)
        .await?;
    let more = i64::try_from(rows.len()).unwrap_or(i64::MAX) > page.limit;
    if more {
        rows.pop();
    }
    let next_after_row = if more { rows.last().map(|r| r.0) } else { None };
    let rows = rows
        .into_iter()
        .map(|(row_no, key, status, error_code, error_message, result)| {
            Ok(BatchRow {
                row_no,
                key,
                status: RowStatus::parse(&status)
                    .ok_or_else(|| internal(format!("row status {status}")))?,
                error_code,
                error_message,
                result: result.and_then(|v| serde_json::from_value(v).ok()),
            })
        })
        .collect::<Result<Vec<_>, BatchError>>()?;
    Ok(Batch {
        batch_id: batch.id,
        kind: batch.kind()?,
        format: BatchFormat::parse(&batch.format)
            .ok_or_else(|| internal(format!("format {}", batch.format)))?,
        status: batch.status()?,
        total_rows: batch.total_rows,
        done_rows: batch.done_rows,
        ok_rows: batch.ok_rows,
        error_rows: batch.error_rows,
        created_at: batch.created_at,
        started_at: batch.started_at,
        finished_at: batch.finished_at,
        rows,
        next_after_row,
    })
}

/// A pending row claimed by a worker.
#[derive(Debug, Clone, QueryableByName)]
pub struct ClaimedRow {
    /// Its batch.
    #[diesel(sql_type = SqlUuid)]
    pub batch_id: uuid::Uuid,
    /// Its number.
    #[diesel(sql_type = Integer)]
    pub row_no: i32,
    /// Its key.
    #[diesel(sql_type = Text)]
    pub key: String,
    /// Its input.
    #[diesel(sql_type = Jsonb)]
    pub input: serde_json::Value,
    /// The batch's merchant.
    #[diesel(sql_type = SqlUuid)]
    pub merchant_id: uuid::Uuid,
    /// The batch's kind.
    #[diesel(sql_type = Text)]
    pub kind: String,
}

/// Claims up to `limit` pending rows (of `batch`, or of any batch, oldest batch first) that no
/// other worker holds: rows locked by another claim are skipped, and the lease keeps them
/// from the next claim while this worker calls the order service in its own transactions.
/// Their batches become `running`.
pub async fn claim(
    conn: &mut Conn,
    batch: Option<uuid::Uuid>,
    limit: usize,
) -> Result<Vec<ClaimedRow>, BatchError> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = cached(diesel::sql_query(format!(
        "WITH picked AS ( \
             SELECT r.batch_id, r.row_no FROM api_batch_rows r \
             JOIN api_batches b ON b.id = r.batch_id \
             WHERE r.status = 'pending' AND (r.leased_until IS NULL OR r.leased_until < now()) \
               AND ($1::uuid IS NULL OR r.batch_id = $1) \
             ORDER BY b.created_at, r.batch_id, r.row_no \
             LIMIT $2 \
             FOR UPDATE OF r SKIP LOCKED \
         ), leased AS ( \
             UPDATE api_batch_rows r SET leased_until = now() + interval '{LEASE}' \
             FROM picked p WHERE r.batch_id = p.batch_id AND r.row_no = p.row_no \
             RETURNING r.batch_id, r.row_no, r.key, r.input \
         ), started AS ( \
             UPDATE api_batches b SET status = 'running', started_at = coalesce(b.started_at, now()) \
             WHERE b.id IN (SELECT batch_id FROM leased) AND b.status = 'queued' \
         ) \
         SELECT l.batch_id, l.row_no, l.key, l.input, b.merchant_id, b.kind \
         FROM leased l JOIN api_batches b ON b.id = l.batch_id \
         ORDER BY b.created_at, l.batch_id, l.row_no"
    ))
    .bind::<Nullable<SqlUuid>, _>(batch)
    .bind::<BigInt, _>(limit))
    .load(conn)
    .await?;
    Ok(rows)
}

/// Gives a claimed row back at once (its service call failed for a passing reason).
pub async fn release(conn: &mut Conn, batch_id: uuid::Uuid, row_no: i32) -> Result<(), BatchError> {
    diesel::update(r::table.find((batch_id, row_no)))
        .filter(r::status.eq(RowStatus::Pending.as_str()))
        .set(r::leased_until.eq(None::<DateTime<Utc>>))
        .execute(conn)
        .await?;
    Ok(())
}

/// What a processed row came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The capture or order was made (now or by an earlier pass).
    Ok(RowResult),
    /// The service refused the row.
    Error {
        /// `OrderError::code()`.
        code: String,
        /// Its public message.
        message: String,
    },
}

/// Records a row's outcome and counts it on its batch; the batch is `done` with its last row.
/// A row that already has its result is left as it is (a pass that overlapped another).
pub async fn finish_row(
    conn: &mut Conn,
    batch_id: uuid::Uuid,
    row_no: i32,
    outcome: &Outcome,
) -> Result<bool, BatchError> {
    let (status, code, message, result) = match outcome {
        Outcome::Ok(result) => (
            RowStatus::Ok,
            None,
            None,
            Some(serde_json::to_value(result).map_err(|e| internal(e.to_string()))?),
        ),
        Outcome::Error { code, message } => (
            RowStatus::Error,
            Some(code.as_str()),
            Some(message.as_str()),
            None,
        ),
    };
    let updated = diesel::update(r::table.find((batch_id, row_no)))
        .filter(r::status.eq(RowStatus::Pending.as_str()))
        .set((
            r::status.eq(status.as_str()),
            r::error_code.eq(code),
            r::error_message.eq(message),
            r::result.eq(result),
            r::leased_until.eq(None::<DateTime<Utc>>),
        ))
        .execute(conn)
        .await?;
    if updated == 0 {
        return Ok(false);
    }
    let ok = i32::from(status == RowStatus::Ok);
    cached(
        diesel::sql_query(
            "UPDATE api_batches SET done_rows = done_rows + 1, ok_rows = ok_rows + $2, \
             error_rows = error_rows + (1 - $2), \
             started_at = coalesce(started_at, now()), \
             status = CASE WHEN done_rows + 1 = total_rows THEN 'done' ELSE 'running' END, \
             finished_at = CASE WHEN done_rows + 1 = total_rows THEN now() ELSE finished_at END \
         WHERE id = $1",
        )
        .bind::<SqlUuid, _>(batch_id)
        .bind::<Integer, _>(ok),
    )
    .execute(conn)
    .await?;
    Ok(true)
}

/// The merchant's batches, `limit` at a time: newest first after `cursor` (the (created_at,
/// id) of the last batch of the newer page), or, when `newer`, oldest first before it (the
/// page before that batch, which the caller turns round).
pub async fn list(
    conn: &mut Conn,
    merchant_id: uuid::Uuid,
    cursor: Option<(DateTime<Utc>, uuid::Uuid)>,
    newer: bool,
    limit: i64,
) -> Result<Vec<BatchRecord>, BatchError> {
    let mut query = b::table
        .filter(b::merchant_id.eq(merchant_id))
        .select(BatchRecord::as_select())
        .limit(limit)
        .into_boxed();
    query = match (cursor, newer) {
        (Some((at, id)), true) => query
            .filter(
                b::created_at
                    .gt(at)
                    .or(b::created_at.eq(at).and(b::id.gt(id))),
            )
            .order((b::created_at.asc(), b::id.asc())),
        (Some((at, id)), false) => query
            .filter(
                b::created_at
                    .lt(at)
                    .or(b::created_at.eq(at).and(b::id.lt(id))),
            )
            .order((b::created_at.desc(), b::id.desc())),
        (None, _) => query.order((b::created_at.desc(), b::id.desc())),
    };
    Ok(query.load(conn).await?)
}

/// A batch whose row inputs were purged.
#[derive(Debug, Clone, QueryableByName)]
pub struct PurgedBatch {
    /// The batch.
    #[diesel(sql_type = SqlUuid)]
    pub batch_id: uuid::Uuid,
    /// Its merchant.
    #[diesel(sql_type = SqlUuid)]
    pub merchant_id: uuid::Uuid,
    /// Rows whose input was cleared.
    #[diesel(sql_type = BigInt)]
    pub rows: i64,
}

/// Clears the inputs (national ids, addresses) of the rows of up to `limit` batches that
/// finished before `cutoff`, and stamps them purged at `now`. Results, keys and counters stay,
/// so the batch page and the results download still work. Batches another pass is purging are
/// skipped.
pub async fn purge_inputs(
    conn: &mut Conn,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<PurgedBatch>, BatchError> {
    Ok(cached(
        diesel::sql_query(
            "WITH due AS ( \
                 SELECT id FROM api_batches \
                 WHERE status = 'done' AND inputs_purged_at IS NULL AND finished_at < $1 \
                 ORDER BY finished_at LIMIT $3 FOR UPDATE SKIP LOCKED \
             ), cleared AS ( \
                 UPDATE api_batch_rows r SET input = '{}'::jsonb FROM due \
                 WHERE r.batch_id = due.id RETURNING r.batch_id \
             ), marked AS ( \
                 UPDATE api_batches b SET inputs_purged_at = $2 FROM due \
                 WHERE b.id = due.id RETURNING b.id, b.merchant_id \
             ) \
             SELECT m.id AS batch_id, m.merchant_id, \
                 (SELECT count(*) FROM cleared c WHERE c.batch_id = m.id) AS rows \
             FROM marked m ORDER BY m.id",
        )
        .bind::<diesel::sql_types::Timestamptz, _>(cutoff)
        .bind::<diesel::sql_types::Timestamptz, _>(now)
        .bind::<BigInt, _>(limit),
    )
    .load(conn)
    .await?)
}

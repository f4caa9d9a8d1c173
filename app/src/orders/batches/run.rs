//! Processing batches: claim pending rows, run each through the same order service the
//! single-request API uses (`capture_order` / `create_order`) under an Idempotency-Key of its
//! own — `batch:<batch id>:<row key>` with the SHA-256 of the row's input — and record the
//! outcome. A pass that dies after the service committed but before the outcome was recorded
//! leaves the row pending; the next pass replays the stored answer instead of doing it again.

use sha2::{Digest, Sha256};

use super::parse::CaptureInput;
use super::store::{self, ClaimedRow, Outcome};
use super::types::{BatchKind, RowResult};
use super::BatchError;
use crate::kdb::{Actor, Ctx, ScopedFutureExt};
use crate::orders::api_error::ErrorBody;
use crate::orders::authorize::create_order;
use crate::orders::capture::capture_order;
use crate::orders::error::OrderError;
use crate::orders::idempotency::{IdempotencyKey, Reply, StoredResponse};
use crate::orders::types::{Capture, CaptureRequest, CreateOrderRequest, OrderCreated};
use crate::services::Services;

/// Rows claimed at a time (small: a claimed row waits for the ones before it in the chunk).
const CLAIM_CHUNK: usize = 20;

/// Processes up to `max_rows` pending rows of any merchant's batches, oldest batch first.
/// Returns how many rows got their outcome. Several passes may run at once (job loop, nodes,
/// the upload's own pass): they take different rows.
pub async fn process_pending(
    services: &Services,
    ctx: &Ctx,
    max_rows: usize,
) -> Result<usize, BatchError> {
    process(services, ctx, None, max_rows).await
}

/// Processes up to `max_rows` pending rows of one batch (right after its upload, so a small
/// batch is done in seconds rather than at the next job pass).
pub async fn process_batch(
    services: &Services,
    ctx: &Ctx,
    batch_id: uuid::Uuid,
    max_rows: usize,
) -> Result<usize, BatchError> {
    process(services, ctx, Some(batch_id), max_rows).await
}

async fn process(
    services: &Services,
    ctx: &Ctx,
    batch: Option<uuid::Uuid>,
    max_rows: usize,
) -> Result<usize, BatchError> {
    let mut done = 0;
    while done < max_rows {
        let take = (max_rows - done).min(CLAIM_CHUNK);
        let claimed = services
            .kdb
            .write(|conn| async move { store::claim(conn, batch, take).await }.scope_boxed())
            .await?;
        if claimed.is_empty() {
            break;
        }
        let mut rows = claimed.iter();
        for row in rows.by_ref() {
            match run_row(services, row).await {
                Ok(outcome) => {
                    let outcome = &outcome;
                    services
                        .kdb
                        .write(|conn| {
                            async move {
                                store::finish_row(conn, row.batch_id, row.row_no, outcome).await
                            }
                            .scope_boxed()
                        })
                        .await?;
                    done += 1;
                }
                Err(e) => {
                    tracing::warn!(
                        correlation_id = %ctx.request_id, batch_id = %row.batch_id,
                        row_no = row.row_no, error = %e, "batch row postponed"
                    );
                    // Give this row and the rest of the chunk back for the next pass.
                    let left: Vec<_> = std::iter::once(row).chain(rows).collect();
                    release(services, &left).await;
                    return Err(BatchError::Order(e));
                }
            }
        }
    }
    Ok(done)
}

async fn release(services: &Services, rows: &[&ClaimedRow]) {
    for row in rows {
        let released = services
            .kdb
            .write(|conn| {
                async move { store::release(conn, row.batch_id, row.row_no).await }.scope_boxed()
            })
            .await;
        if let Err(e) = released {
            tracing::warn!(error = %e, "batch row release failed (its lease runs out)");
        }
    }
}

/// The row's Idempotency-Key: derived from the batch, the row's key and its input only, so
/// every pass over the row presents the same key and hash.
pub fn row_key(row: &ClaimedRow) -> IdempotencyKey {
    let digest = Sha256::digest(row.input.to_string().as_bytes());
    IdempotencyKey {
        merchant_id: row.merchant_id,
        key: format!("batch:{}:{}", row.batch_id, row.key),
        request_hash: digest.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

/// Runs one row. `Err` is a passing failure (the database is unavailable): the row stays
/// pending. Every other answer of the service is the row's outcome.
async fn run_row(services: &Services, row: &ClaimedRow) -> Result<Outcome, OrderError> {
    let key = row_key(row);
    let ctx = Ctx {
        actor: Actor::Merchant {
            id: row.merchant_id.to_string(),
            label: format!("API batch {}", row.batch_id),
        },
        request_id: format!("batch:{}:{}", row.batch_id, row.row_no),
    };
    let kind = BatchKind::parse(&row.kind)
        .ok_or_else(|| OrderError::Internal(format!("batch kind {:?}", row.kind)));
    let result = match kind {
        Ok(BatchKind::Captures) => capture(services, &ctx, row, &key).await,
        Ok(BatchKind::Orders) => order(services, &ctx, row, &key).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(outcome) => Ok(outcome),
        Err(e) if is_passing(&e) => Err(e),
        Err(e) => Ok(refused(&e)),
    }
}

fn is_passing(e: &OrderError) -> bool {
    matches!(e, OrderError::Db(db) if db.is_unavailable() || db.is_retryable())
}

/// The row outcome of a service refusal.
fn refused(e: &OrderError) -> Outcome {
    if e.status() >= 500 {
        tracing::error!(error = %e, "batch row failed");
    }
    let message = match e {
        OrderError::Validation(problems) => problems
            .iter()
            .map(|p| format!("{}: {}", p.field, p.message))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.public_message(),
    };
    Outcome::Error {
        code: e.code().to_string(),
        message,
    }
}

async fn capture(
    services: &Services,
    ctx: &Ctx,
    row: &ClaimedRow,
    key: &IdempotencyKey,
) -> Result<Outcome, OrderError> {
    let input: CaptureInput = serde_json::from_value(row.input.clone())
        .map_err(|e| OrderError::Internal(format!("batch row input: {e}")))?;
    let req = CaptureRequest {
        captured_amount: Some(input.captured_amount),
        reference: (!input.reference.is_empty()).then(|| input.reference.clone()),
        ..CaptureRequest::default()
    };
    let reply = capture_order(
        services,
        ctx,
        row.merchant_id,
        input.order_id,
        &req,
        Some(key),
    )
    .await?;
    let of = |c: Capture| RowResult {
        order_id: Some(input.order_id),
        capture_id: Some(c.capture_id),
        invoice_number: Some(c.invoice.invoice_number),
    };
    match reply {
        Reply::Fresh(c) => Ok(Outcome::Ok(of(c))),
        Reply::Replayed(stored) => replayed(&stored, of),
    }
}

async fn order(
    services: &Services,
    ctx: &Ctx,
    row: &ClaimedRow,
    key: &IdempotencyKey,
) -> Result<Outcome, OrderError> {
    let req: CreateOrderRequest = serde_json::from_value(row.input.clone())
        .map_err(|e| OrderError::Internal(format!("batch row input: {e}")))?;
    let reply = create_order(services, ctx, row.merchant_id, &req, Some(key)).await?;
    let of = |o: OrderCreated| RowResult {
        order_id: Some(o.order_id),
        ..RowResult::default()
    };
    match reply {
        Reply::Fresh(o) => Ok(Outcome::Ok(of(o))),
        Reply::Replayed(stored) => replayed(&stored, of),
    }
}

/// The outcome of an answer stored by an earlier pass (a success, or a committed refusal such
/// as a credit rejection).
fn replayed<T: serde::de::DeserializeOwned>(
    stored: &StoredResponse,
    of: impl FnOnce(T) -> RowResult,
) -> Result<Outcome, OrderError> {
    let unreadable = |e: serde_json::Error| OrderError::Internal(format!("stored answer: {e}"));
    if stored.status < 300 {
        let value: T = serde_json::from_str(&stored.body).map_err(unreadable)?;
        return Ok(Outcome::Ok(of(value)));
    }
    let body: ErrorBody = serde_json::from_str(&stored.body).map_err(unreadable)?;
    Ok(Outcome::Error {
        code: body.error_code,
        message: body.error_message,
    })
}

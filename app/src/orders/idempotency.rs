//! Idempotency-Key support for the order API's writes: the key, a hash of the request and the
//! response are stored in the same transaction as the work, so a replay returns the first
//! answer and a crash leaves either both or neither.
//!
//! Two concurrent requests with one key: the second's INSERT waits on the unique index until
//! the first commits, then finds the row and replays it (or, if the first rolled back, does
//! the work itself). No advisory locks or "in progress" rows that a crash could strand.
//!
//! Every order service writes through [`write_once`]: claim the key, do the work, store its
//! answer — one transaction, spelled out once.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::Serialize;

use super::error::OrderError;
use super::schema::api_idempotency_keys as k;
use crate::kdb::{cached, Conn, Kdb, ScopedBoxFuture, ScopedFutureExt};

/// How long keys are kept (the issue promises at least 24 h; a week covers weekend retries).
pub const RETENTION_DAYS: i64 = 7;

/// A request's key, scoped to its merchant, with the hash of what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey {
    /// The merchant (keys of different merchants never meet).
    pub merchant_id: uuid::Uuid,
    /// The `Idempotency-Key` header.
    pub key: String,
    /// SHA-256 of method, path and body: the same key with another request is refused.
    pub request_hash: String,
}

/// A response as stored and replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    /// HTTP status.
    pub status: u16,
    /// JSON body (empty for 204).
    pub body: String,
    /// `Location` header, if any.
    pub location: Option<String>,
}

impl StoredResponse {
    /// A JSON response of `value`.
    pub fn json<T: Serialize>(
        status: u16,
        value: &T,
        location: Option<String>,
    ) -> Result<Self, OrderError> {
        Ok(StoredResponse {
            status,
            body: serde_json::to_string(value)
                .map_err(|e| OrderError::Internal(format!("response: {e}")))?,
            location,
        })
    }

    /// 204 No Content.
    pub fn no_content() -> Self {
        StoredResponse {
            status: 204,
            body: String::new(),
            location: None,
        }
    }
}

/// What a write answered: done now, or the stored answer of an earlier request with the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply<T> {
    /// The work was done by this request.
    Fresh(T),
    /// An earlier request with the same key did it; this is its response.
    Replayed(StoredResponse),
}

impl<T> Reply<T> {
    /// The fresh value, if this request did the work.
    pub fn fresh(self) -> Option<T> {
        match self {
            Reply::Fresh(t) => Some(t),
            Reply::Replayed(_) => None,
        }
    }
}

impl<T> Reply<Result<T, OrderError>> {
    /// For work whose refusal commits (a credit rejection is logged and its answer stored
    /// under the key): the refusal as the error it is, a success or a replay as the reply.
    pub fn refusal_as_error(self) -> Result<Reply<T>, OrderError> {
        match self {
            Reply::Fresh(Ok(value)) => Ok(Reply::Fresh(value)),
            Reply::Fresh(Err(refused)) => Err(refused),
            Reply::Replayed(stored) => Ok(Reply::Replayed(stored)),
        }
    }
}

/// Does `work` once per Idempotency-Key, in one write transaction: claims `key` (an earlier
/// request's stored answer is replayed and nothing is done), runs `work`, and stores the
/// answer `respond` gives for its result under the key before COMMIT. Without a key it is
/// just the transaction. `work` may run more than once if the transaction is retried (it
/// only touches the database); an `Err` rolls everything back, the key included.
pub async fn write_once<'a, T, F, R>(
    kdb: &Kdb,
    key: Option<&'a IdempotencyKey>,
    work: F,
    respond: R,
) -> Result<Reply<T>, OrderError>
where
    F: for<'r> Fn(&'r mut Conn) -> ScopedBoxFuture<'a, 'r, Result<T, OrderError>>
        + Send
        + Sync
        + 'a,
    R: Fn(&T) -> Result<StoredResponse, OrderError> + Send + Sync + 'a,
    T: Send + 'a,
{
    let (work, respond) = (&work, &respond);
    kdb.write(|conn| {
        async move {
            if let Some(stored) = claim_opt(conn, key).await? {
                return Ok(Reply::Replayed(stored));
            }
            let value = work(conn).await?;
            if let Some(key) = key {
                complete(conn, key, &respond(&value)?).await?;
            }
            Ok(Reply::Fresh(value))
        }
        .scope_boxed()
    })
    .await
}

/// The stored response of `key`, without claiming it (a cheap check before expensive work
/// such as a credit decision). A different request under the key is an error.
pub async fn stored(
    conn: &mut Conn,
    key: &IdempotencyKey,
) -> Result<Option<StoredResponse>, OrderError> {
    let row: Option<(String, i32, String, Option<String>)> = k::table
        .find((key.merchant_id, &key.key))
        .select((
            k::request_hash,
            k::response_status,
            k::response_body,
            k::response_location,
        ))
        .first(conn)
        .await
        .optional()?;
    match row {
        None => Ok(None),
        Some((hash, _, _, _)) if hash != key.request_hash => Err(OrderError::IdempotencyKeyReused),
        Some((_, status, body, location)) => Ok(Some(StoredResponse {
            status: u16::try_from(status).unwrap_or(500),
            body,
            location,
        })),
    }
}

/// Claims `key` inside the work's transaction. `Some` = an earlier request already answered:
/// replay it and do nothing else. `None` = this transaction owns the key and must call
/// [`complete`] before committing.
pub async fn claim(
    conn: &mut Conn,
    key: &IdempotencyKey,
) -> Result<Option<StoredResponse>, OrderError> {
    let inserted = diesel::insert_into(k::table)
        .values((
            k::merchant_id.eq(key.merchant_id),
            k::idempotency_key.eq(&key.key),
            k::request_hash.eq(&key.request_hash),
            k::response_status.eq(0),
            k::response_body.eq(""),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    if inserted == 1 {
        return Ok(None);
    }
    stored(conn, key).await
}

/// Stores the response of the work that claimed `key`, in the same transaction.
pub async fn complete(
    conn: &mut Conn,
    key: &IdempotencyKey,
    response: &StoredResponse,
) -> Result<(), OrderError> {
    // diesel never caches an UPDATE's prepared statement; this one's text is fixed.
    cached(
        diesel::update(k::table.find((key.merchant_id, &key.key))).set((
            k::response_status.eq(i32::from(response.status)),
            k::response_body.eq(&response.body),
            k::response_location.eq(&response.location),
        )),
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Claims `key` if given; see [`claim`].
pub async fn claim_opt(
    conn: &mut Conn,
    key: Option<&IdempotencyKey>,
) -> Result<Option<StoredResponse>, OrderError> {
    match key {
        Some(key) => claim(conn, key).await,
        None => Ok(None),
    }
}

/// Deletes keys older than [`RETENTION_DAYS`] (wall-clock age: retention is about storage,
/// not business time). Returns how many.
pub async fn purge_expired(conn: &mut Conn) -> Result<usize, OrderError> {
    Ok(diesel::sql_query(format!(
        "DELETE FROM api_idempotency_keys WHERE created_at < now() - interval '{RETENTION_DAYS} days'"
    ))
    .execute(conn)
    .await?)
}

//! The provider call log (`provider_calls`): written best effort, because a lost statistics
//! row must never turn into a failed credit decision.
//!
//! Rows go through a channel to one writer task that inserts whatever has queued up in one
//! multi-row INSERT. Writing each row in its own synchronously replicated transaction put two
//! extra commits into every credit decision; now the decision never waits for the log.

use std::time::Duration;

use diesel::prelude::*;
use diesel_async::{RunQueryDsl, SimpleAsyncConnection};
use tokio::sync::{mpsc, oneshot};

use super::schema::provider_calls;
use crate::kdb::{Kdb, KdbError, ScopedFutureExt};

/// Rows waiting beyond this are dropped (with a warning) rather than grow memory while the
/// database is away.
const QUEUE_CAPACITY: usize = 10_000;
/// Most rows in one INSERT.
const BATCH_MAX: usize = 500;
/// Longest one batch write may take before its rows are given up.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);

/// What was asked of the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// Registered name and address.
    Address,
    /// Credit score.
    Score,
}

impl Operation {
    /// The `operation` column value.
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Address => "address",
            Operation::Score => "score",
        }
    }
}

/// How a guarded call ended, as logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallOutcome {
    /// The provider answered with the fact.
    Ok,
    /// The provider answered that it does not know the person.
    NotFound,
    /// No answer in time, after retries.
    Timeout,
    /// Failed after retries, or a useless answer.
    Error,
    /// Not called: the circuit breaker was open.
    CircuitOpen,
    /// Answered from the cache without calling the provider.
    CacheHit,
}

impl CallOutcome {
    /// The `outcome` column value.
    pub fn as_str(self) -> &'static str {
        match self {
            CallOutcome::Ok => "ok",
            CallOutcome::NotFound => "not_found",
            CallOutcome::Timeout => "timeout",
            CallOutcome::Error => "error",
            CallOutcome::CircuitOpen => "circuit_open",
            CallOutcome::CacheHit => "cache_hit",
        }
    }
}

/// One row to log.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = provider_calls)]
struct NewProviderCall {
    provider: String,
    operation: &'static str,
    outcome: &'static str,
    attempts: i16,
    latency_ms: i32,
}

/// What the writer task is sent.
enum Message {
    Row(NewProviderCall),
    /// Answer once everything sent before has been written (or given up).
    Flush(oneshot::Sender<()>),
}

/// The sending side of the call log; one writer task per log.
#[derive(Clone)]
pub(super) struct CallLog {
    queue: mpsc::Sender<Message>,
}

impl std::fmt::Debug for CallLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CallLog")
    }
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Message::Row(r) => write!(f, "Row({r:?})"),
            Message::Flush(_) => write!(f, "Flush"),
        }
    }
}

impl CallLog {
    /// Starts the writer task (needs a Tokio runtime); it ends when the last `CallLog` clone
    /// is dropped.
    pub(super) fn start(kdb: Kdb) -> Self {
        let (queue, rx) = mpsc::channel(QUEUE_CAPACITY);
        tokio::spawn(writer(kdb, rx));
        CallLog { queue }
    }

    /// Queues one call; never waits. A full queue drops the row (see module docs).
    pub(super) fn record(
        &self,
        provider: &str,
        operation: Operation,
        outcome: CallOutcome,
        attempts: u32,
        latency: Duration,
    ) {
        let row = NewProviderCall {
            provider: provider.to_string(),
            operation: operation.as_str(),
            outcome: outcome.as_str(),
            attempts: i16::try_from(attempts).unwrap_or(i16::MAX),
            latency_ms: i32::try_from(latency.as_millis()).unwrap_or(i32::MAX),
        };
        if let Err(e) = self.queue.try_send(Message::Row(row)) {
            tracing::warn!(provider, error = %e, "provider call not recorded: log queue full");
        }
    }

    /// Waits until every call recorded before is in the database (or was given up).
    pub(super) async fn flush(&self) {
        let (done, wait) = oneshot::channel();
        if self.queue.send(Message::Flush(done)).await.is_ok() {
            let _ = wait.await;
        }
    }
}

/// Takes whatever has queued up (at most [`BATCH_MAX`] rows) and writes it in one INSERT.
async fn writer(kdb: Kdb, mut rx: mpsc::Receiver<Message>) {
    let mut rows = Vec::with_capacity(BATCH_MAX);
    let mut flushes = Vec::new();
    while let Some(first) = rx.recv().await {
        take(first, &mut rows, &mut flushes);
        while rows.len() < BATCH_MAX {
            match rx.try_recv() {
                Ok(m) => take(m, &mut rows, &mut flushes),
                Err(_) => break,
            }
        }
        if !rows.is_empty() {
            write(&kdb, &rows).await;
            rows.clear();
        }
        for done in flushes.drain(..) {
            let _ = done.send(());
        }
    }
}

fn take(m: Message, rows: &mut Vec<NewProviderCall>, flushes: &mut Vec<oneshot::Sender<()>>) {
    match m {
        Message::Row(r) => rows.push(r),
        Message::Flush(done) => flushes.push(done),
    }
}

/// One transaction for the batch. `synchronous_commit = off` for it alone: these rows are
/// statistics, and waiting for the standby would only slow the log down under load.
async fn write(kdb: &Kdb, rows: &[NewProviderCall]) {
    let write = kdb.write(|conn| {
        async move {
            conn.batch_execute("SET LOCAL synchronous_commit = off")
                .await?;
            diesel::insert_into(provider_calls::table)
                .values(rows)
                .execute(conn)
                .await?;
            Ok::<_, KdbError>(())
        }
        .scope_boxed()
    });
    match tokio::time::timeout(WRITE_TIMEOUT, write).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!(rows = rows.len(), error = %e, "provider calls not recorded"),
        Err(_) => tracing::warn!(rows = rows.len(), "provider calls not recorded: timed out"),
    }
}

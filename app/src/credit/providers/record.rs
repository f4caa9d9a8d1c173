//! The provider call log (`provider_calls`): written best effort, because a lost statistics
//! row must never turn into a failed credit decision.

use std::time::Duration;

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::provider_calls;
use crate::kdb::{Kdb, KdbError, ScopedFutureExt};

/// Longest we wait for the log insert: the decision is waiting behind it.
const RECORD_TIMEOUT: Duration = Duration::from_secs(2);

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
#[derive(Debug, Insertable)]
#[diesel(table_name = provider_calls)]
struct NewProviderCall<'a> {
    provider: &'a str,
    operation: &'a str,
    outcome: &'a str,
    attempts: i16,
    latency_ms: i32,
}

/// Appends one call to the log; failures are logged and swallowed (see module docs).
pub(super) async fn record(
    kdb: &Kdb,
    provider: &str,
    operation: Operation,
    outcome: CallOutcome,
    attempts: u32,
    latency: Duration,
) {
    let row = NewProviderCall {
        provider,
        operation: operation.as_str(),
        outcome: outcome.as_str(),
        attempts: i16::try_from(attempts).unwrap_or(i16::MAX),
        latency_ms: i32::try_from(latency.as_millis()).unwrap_or(i32::MAX),
    };
    let row = &row;
    let write = kdb.write(|conn| {
        async move {
            diesel::insert_into(provider_calls::table)
                .values(row)
                .execute(conn)
                .await?;
            Ok::<_, KdbError>(())
        }
        .scope_boxed()
    });
    match tokio::time::timeout(RECORD_TIMEOUT, write).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!(provider, error = %e, "provider call not recorded"),
        Err(_) => tracing::warn!(provider, "provider call not recorded: timed out"),
    }
}

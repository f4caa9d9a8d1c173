//! The retry loop around one write transaction or one read.

use diesel_async::pooled_connection::deadpool::Object;
use diesel_async::{AnsiTransactionManager, AsyncPgConnection, TransactionManager};
use scoped_futures::ScopedBoxFuture;
use tokio::time::{timeout, Instant};

use super::commit_fate;
use super::connect::NodeRole;
use super::pool::Pools;
use super::retry::{backoff, discard};
use super::{KdbError, Retryable};

/// Outcome of one attempt: the value, or the error plus whether the connection is still usable.
enum Attempt<T, E> {
    Done(T),
    Failed(E),
}

pub(super) async fn write<'a, T, E, F>(pools: &Pools, f: F) -> Result<T, E>
where
    F: for<'r> Fn(&'r mut AsyncPgConnection) -> ScopedBoxFuture<'a, 'r, Result<T, E>>
        + Send
        + Sync
        + 'a,
    T: Send + 'a,
    E: From<KdbError> + Retryable + Send + 'a,
{
    let cfg = &pools.config;
    let started = Instant::now();
    let mut attempt: u32 = 0;
    loop {
        attempt += 1;
        let result = match pools.get(NodeRole::Primary).await {
            Ok(conn) => {
                // A lost COMMIT is looked up until the retry deadline, and at least for as
                // long as a COMMIT may take.
                let resolve_until =
                    (started + cfg.retry_deadline).max(Instant::now() + cfg.commit_deadline);
                write_once(pools, conn, &f, resolve_until).await
            }
            Err(e) => Attempt::Failed(E::from(e)),
        };
        match result {
            Attempt::Done(v) => return Ok(v),
            Attempt::Failed(e) => {
                if !e.is_retryable() || started.elapsed() >= cfg.retry_deadline {
                    return Err(e);
                }
                tracing::warn!(
                    attempt,
                    "retrying write transaction after a transient failure"
                );
                tokio::time::sleep(backoff(attempt)).await;
            }
        }
    }
}

async fn write_once<'a, T, E, F>(
    pools: &Pools,
    mut obj: Object<AsyncPgConnection>,
    f: &F,
    resolve_until: Instant,
) -> Attempt<T, E>
where
    F: for<'r> Fn(&'r mut AsyncPgConnection) -> ScopedBoxFuture<'a, 'r, Result<T, E>>
        + Send
        + Sync
        + 'a,
    E: From<KdbError> + Retryable,
{
    let cfg = &pools.config;
    let conn: &mut AsyncPgConnection = &mut obj;
    let body = async {
        AnsiTransactionManager::begin_transaction(conn)
            .await
            .map_err(|e| E::from(e.into()))?;
        let value = match f(conn).await {
            Ok(v) => v,
            Err(e) => {
                // Best effort: a broken connection can't roll back, and is dropped below.
                let _ = AnsiTransactionManager::rollback_transaction(conn).await;
                return Err(e);
            }
        };
        // Asked before COMMIT, so a COMMIT whose answer is lost can be looked up afterwards.
        match commit_fate::identify(conn).await {
            Ok(id) => Ok((value, id)),
            Err(e) => {
                let _ = AnsiTransactionManager::rollback_transaction(conn).await;
                Err(E::from(e.into()))
            }
        }
    };
    let (value, xact) = match timeout(cfg.transaction_timeout, body).await {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => {
            if e.is_retryable() {
                discard(obj);
            }
            return Attempt::Failed(e);
        }
        Err(_) => {
            // The connection is mid-transaction in an unknown state: never reuse it.
            discard(obj);
            return Attempt::Failed(E::from(KdbError::Timeout));
        }
    };
    let conn: &mut AsyncPgConnection = &mut obj;
    match timeout(
        cfg.commit_deadline,
        AnsiTransactionManager::commit_transaction(conn),
    )
    .await
    {
        Ok(Ok(())) => Attempt::Done(value),
        // The server answered: the transaction was rolled back (a serialization failure, a
        // deferred constraint, the journal's balance trigger). Retryable or not as any error.
        Ok(Err(e)) if KdbError::is_definite_answer(&e) => {
            discard(obj);
            Attempt::Failed(E::from(KdbError::from(e)))
        }
        // The connection went away while COMMIT was on its way or being answered: the first
        // commit may have landed, so running `f` again could apply the write twice.
        Ok(Err(e)) => {
            discard(obj);
            let Some(xact) = xact else {
                // Nothing was written: running the transaction again is safe.
                return Attempt::Failed(E::from(KdbError::from(e)));
            };
            tracing::warn!(error = %e, "connection lost during COMMIT; looking up the outcome");
            match commit_fate::resolve(pools, &xact, resolve_until).await {
                commit_fate::Fate::Committed => Attempt::Done(value),
                commit_fate::Fate::Aborted => Attempt::Failed(E::from(KdbError::from(e))),
                commit_fate::Fate::Unknown => {
                    tracing::error!(
                        alarm = "db_commit_uncertain",
                        "the outcome of a COMMIT whose connection was lost could not be found out"
                    );
                    Attempt::Failed(E::from(KdbError::CommitUncertain))
                }
            }
        }
        Err(_) => {
            tracing::error!(
                alarm = "db_commit_deadline",
                "COMMIT did not complete within {:?}: is the synchronous standby down?",
                cfg.commit_deadline
            );
            discard(obj);
            Attempt::Failed(E::from(KdbError::CommitUncertain))
        }
    }
}

pub(super) async fn read<'a, T, E, F>(pools: &Pools, role: NodeRole, f: F) -> Result<T, E>
where
    F: for<'r> Fn(&'r mut AsyncPgConnection) -> ScopedBoxFuture<'a, 'r, Result<T, E>>
        + Send
        + Sync
        + 'a,
    T: Send + 'a,
    E: From<KdbError> + Retryable + Send + 'a,
{
    let cfg = &pools.config;
    let started = Instant::now();
    let mut attempt: u32 = 0;
    loop {
        attempt += 1;
        let result = match pools.get(role).await {
            Ok(mut obj) => match timeout(cfg.transaction_timeout, f(&mut obj)).await {
                Ok(Ok(v)) => return Ok(v),
                Ok(Err(e)) => {
                    if e.is_retryable() {
                        discard(obj);
                    }
                    e
                }
                Err(_) => {
                    discard(obj);
                    E::from(KdbError::Timeout)
                }
            },
            Err(e) => E::from(e),
        };
        if !result.is_retryable() || started.elapsed() >= cfg.retry_deadline {
            return Err(result);
        }
        tokio::time::sleep(backoff(attempt)).await;
    }
}

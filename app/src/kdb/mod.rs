//! KDB: the only way to the database. Writes go to the primary inside one transaction with a
//! timeout and retries; reads may use the standby; every business write is audited (see
//! [`audit`]).

pub mod audit;
mod cached;
mod commit_fate;
mod connect;
mod ctx;
mod error;
mod migrate;
mod pool;
mod retry;
pub mod status;
pub mod testing;
mod transaction;

pub use cached::{cached, Cached};
pub use connect::{connect_direct, NodeRole};
pub use ctx::{Actor, Ctx};
pub use error::{KdbError, Retryable};
pub use migrate::MIGRATIONS;
pub use pool::{KdbConfig, PoolStats};

use std::sync::Arc;

use diesel_async::AsyncPgConnection;

/// Re-exported so business code can write `|conn| async move { … }.scope_boxed()`.
pub use scoped_futures::{ScopedBoxFuture, ScopedFutureExt};

/// The connection type business code gets inside [`Kdb::write`] and [`Kdb::read`].
pub type Conn = AsyncPgConnection;

/// Makes `%`, `_` and `\` in user input match literally inside a LIKE/ILIKE pattern.
pub fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Handle to the database pair; cheap to clone.
#[derive(Clone)]
pub struct Kdb {
    inner: Arc<pool::Pools>,
}

impl Kdb {
    /// Builds the pools. No connection is opened until first use, so the application starts
    /// (and reports "not ready") even while the database is down.
    pub fn new(config: KdbConfig) -> Result<Self, KdbError> {
        Ok(Kdb {
            inner: Arc::new(pool::Pools::new(config)?),
        })
    }

    /// The configuration the pools were built with.
    pub fn config(&self) -> &KdbConfig {
        &self.inner.config
    }

    /// Pool sizes and idle counts, for `/metrics`.
    pub fn pool_stats(&self) -> Vec<PoolStats> {
        self.inner.stats()
    }

    /// Runs `f` in one transaction on the primary and commits it.
    ///
    /// The transaction is bounded by `KdbConfig::transaction_timeout`, the COMMIT by
    /// `commit_deadline`. Retryable failures (lost connection, failover, serialization failure,
    /// deadlock) run `f` again from the start, with jittered backoff, until `retry_deadline`;
    /// so `f` must be idempotent towards the outside world — it only touches the database.
    ///
    /// A connection lost during COMMIT is not retried blindly (the commit may have landed):
    /// KDB asks the primary what became of the transaction (`commit_fate`) and returns the
    /// value if it committed, retries if it did not, and returns
    /// [`KdbError::CommitUncertain`] when it cannot tell.
    pub async fn write<'a, T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: for<'r> Fn(&'r mut Conn) -> ScopedBoxFuture<'a, 'r, Result<T, E>> + Send + Sync + 'a,
        T: Send + 'a,
        E: From<KdbError> + Retryable + Send + 'a,
    {
        transaction::write(&self.inner, f).await
    }

    /// Runs `f` on a standby when one answers, else on the primary. For lists, searches and
    /// reports that may lag the primary by a moment ("dirty reads are fine").
    pub async fn read<'a, T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: for<'r> Fn(&'r mut Conn) -> ScopedBoxFuture<'a, 'r, Result<T, E>> + Send + Sync + 'a,
        T: Send + 'a,
        E: From<KdbError> + Retryable + Send + 'a,
    {
        transaction::read(&self.inner, NodeRole::Standby, f).await
    }

    /// Runs `f` on the primary: for reads that must see the caller's own write.
    pub async fn read_primary<'a, T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: for<'r> Fn(&'r mut Conn) -> ScopedBoxFuture<'a, 'r, Result<T, E>> + Send + Sync + 'a,
        T: Send + 'a,
        E: From<KdbError> + Retryable + Send + 'a,
    {
        transaction::read(&self.inner, NodeRole::Primary, f).await
    }

    /// Applies pending migrations on the primary (under an advisory lock, so two nodes starting
    /// together don't race). Returns the versions applied.
    pub async fn migrate(&self) -> Result<Vec<String>, KdbError> {
        migrate::run(&self.inner).await
    }
}

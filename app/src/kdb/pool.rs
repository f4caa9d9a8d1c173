//! The two connection pools: writes on the primary, reads on a standby.

use std::time::Duration;

use deadpool::managed::{Hook, HookError, Metrics};
use diesel_async::pooled_connection::deadpool::{Object, Pool};
use diesel_async::pooled_connection::{
    AsyncDieselConnectionManager, ManagerConfig, RecyclingMethod,
};
use diesel_async::AsyncPgConnection;
use futures::FutureExt;

use super::connect::{self, NodeRole};
use super::KdbError;

/// Settings for [`super::Kdb`]; every duration has a production default.
#[derive(Debug, Clone)]
pub struct KdbConfig {
    /// Primary; may list several hosts (`postgres://u@h1:p1,h2:p2/db`): whichever accepts writes
    /// is used, so a failover needs no configuration change.
    pub write_url: String,
    /// Standby (may also be multi-host); `None` sends reads to the primary.
    pub read_url: Option<String>,
    /// Time allowed for one host to accept a connection and answer.
    pub connect_timeout: Duration,
    /// Server-side limit for one statement (`statement_timeout`).
    pub statement_timeout: Duration,
    /// Client-side limit for a whole write transaction before COMMIT.
    pub transaction_timeout: Duration,
    /// Client-side limit for COMMIT (sync replication can block it forever).
    pub commit_deadline: Duration,
    /// Retries of one write or read stop after this long.
    pub retry_deadline: Duration,
    /// Maximum connections per pool.
    pub pool_size: usize,
}

impl KdbConfig {
    /// Production defaults for the given URLs.
    pub fn new(write_url: impl Into<String>, read_url: Option<String>) -> Self {
        KdbConfig {
            write_url: write_url.into(),
            read_url,
            connect_timeout: Duration::from_secs(2),
            statement_timeout: Duration::from_secs(5),
            transaction_timeout: Duration::from_secs(5),
            commit_deadline: Duration::from_secs(5),
            retry_deadline: Duration::from_secs(20),
            pool_size: 16,
        }
    }
}

/// Size and idle connections of one pool, for metrics.
#[derive(Debug, Clone)]
pub struct PoolStats {
    /// `"write"` or `"read"`.
    pub pool: &'static str,
    /// Open connections.
    pub size: usize,
    /// Open connections not in use.
    pub available: usize,
    /// Configured maximum.
    pub max_size: usize,
}

pub(super) struct Pools {
    pub config: KdbConfig,
    pub write: Pool<AsyncPgConnection>,
    pub read: Option<Pool<AsyncPgConnection>>,
}

impl Pools {
    pub fn new(config: KdbConfig) -> Result<Self, KdbError> {
        let write = build(&config, &config.write_url, NodeRole::Primary)?;
        let read = match &config.read_url {
            Some(url) => Some(build(&config, url, NodeRole::Standby)?),
            None => None,
        };
        Ok(Pools {
            config,
            write,
            read,
        })
    }

    pub fn pool(&self, role: NodeRole) -> Option<&Pool<AsyncPgConnection>> {
        match role {
            NodeRole::Primary => Some(&self.write),
            NodeRole::Standby => self.read.as_ref(),
        }
    }

    /// A connection to a node of `role`; a standby request falls back to the primary.
    pub async fn get(&self, role: NodeRole) -> Result<Object<AsyncPgConnection>, KdbError> {
        if role == NodeRole::Standby {
            if let Some(read) = &self.read {
                if let Ok(conn) = read.get().await {
                    return Ok(conn);
                }
            }
        }
        self.write
            .get()
            .await
            .map_err(|e| KdbError::Unavailable(e.to_string()))
    }

    pub fn stats(&self) -> Vec<PoolStats> {
        let mut out = vec![stats("write", &self.write)];
        if let Some(read) = &self.read {
            out.push(stats("read", read));
        }
        out
    }
}

fn stats(name: &'static str, pool: &Pool<AsyncPgConnection>) -> PoolStats {
    let s = pool.status();
    PoolStats {
        pool: name,
        size: s.size,
        available: s.available,
        max_size: s.max_size,
    }
}

/// A pooled connection's role is checked again once it has been idle this long...
const ROLE_CHECK_IDLE: Duration = Duration::from_secs(1);
/// ...or on every this-many-th reuse, whichever comes first.
const ROLE_CHECK_EVERY: usize = 32;

/// Whether a connection leaving the pool should have its node's role checked again.
///
/// A failover turns a standby into a primary under the read pool's feet (its connections
/// survive the promotion), and a demoted old primary refuses writes. Checking with a round trip
/// at every checkout cost a tenth of the order API's statements, so busy connections are
/// checked every 32nd reuse and idle ones after a second; in between, a write that lands on a
/// read-only node fails as retryable, its connection is dropped and the retry reconnects.
fn role_check_due(metrics: &Metrics) -> bool {
    metrics.last_used() >= ROLE_CHECK_IDLE || metrics.recycle_count.is_multiple_of(ROLE_CHECK_EVERY)
}

fn build(
    config: &KdbConfig,
    url: &str,
    role: NodeRole,
) -> Result<Pool<AsyncPgConnection>, KdbError> {
    let connect_timeout = config.connect_timeout;
    let statement_timeout = config.statement_timeout;
    let mut manager_config = ManagerConfig::<AsyncPgConnection>::default();
    manager_config.custom_setup = Box::new(move |url: &str| {
        let url = url.to_string();
        async move { connect::connect(&url, role, connect_timeout, statement_timeout).await }
            .boxed()
    });
    // Checked cheaply on every checkout by deadpool's hook below instead (Fast = no ping).
    manager_config.recycling_method = RecyclingMethod::Fast;
    let manager = AsyncDieselConnectionManager::new_with_config(url, manager_config);
    // Connecting tries every host in turn, each under its own timeout.
    let hosts = url.matches(',').count() + 1;
    let create_timeout = connect_timeout * u32::try_from(hosts + 1).unwrap_or(4);
    Pool::builder(manager)
        .max_size(config.pool_size)
        .runtime(deadpool::Runtime::Tokio1)
        .wait_timeout(Some(config.retry_deadline))
        .create_timeout(Some(create_timeout))
        .recycle_timeout(Some(connect_timeout))
        .pre_recycle(Hook::async_fn(move |conn, metrics| {
            async move {
                if !role_check_due(metrics) {
                    return Ok(());
                }
                connect::still_has_role(conn, role)
                    .await
                    .map_err(|e| HookError::message(e.to_string()))
            }
            .boxed()
        }))
        .build()
        .map_err(|e| KdbError::Unavailable(e.to_string()))
}

//! Operations: the database status shown on the dashboard and served by `/health/ready`
//! (read by [`crate::kdb::status::probe`], which fills these types).

use serde::{Deserialize, Serialize};

/// One standby as the primary sees it in `pg_stat_replication`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplicaStatus {
    /// The standby's `cluster_name`.
    pub application_name: String,
    /// `streaming`, `catchup`, … (PostgreSQL's own word).
    pub state: String,
    /// `sync`, `async`, `potential`, `quorum`.
    pub sync_state: String,
    /// Time for the last commit to be replayed on the standby, when known.
    pub replay_lag_ms: Option<i64>,
}

/// What the application sees of the database pair right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbStatus {
    /// A node accepting writes answered.
    pub primary_up: bool,
    /// `host:port` of the primary, when up.
    pub primary_node: Option<String>,
    /// A node in recovery (hot standby) answered on the read URL.
    pub standby_up: bool,
    /// `host:port` of that standby.
    pub standby_node: Option<String>,
    /// The primary's view of its standbys.
    pub replicas: Vec<ReplicaStatus>,
}

impl DbStatus {
    /// The first replica's state (`streaming` when healthy), or `None` without one.
    pub fn replication_state(&self) -> Option<&str> {
        self.replicas.first().map(|r| r.state.as_str())
    }

    /// The highest replay lag over all replicas.
    pub fn max_replay_lag_ms(&self) -> Option<i64> {
        self.replicas.iter().filter_map(|r| r.replay_lag_ms).max()
    }
}

//! Probing the database pair for the dashboard, `/health/ready` and `/metrics`.

use diesel::sql_types::{BigInt, Bool, Nullable, Text};
use diesel_async::RunQueryDsl;

use super::connect::NodeRole;
use super::{Kdb, KdbError};
use crate::ops::{DbStatus, ReplicaStatus};

#[derive(diesel::QueryableByName)]
struct Node {
    #[diesel(sql_type = Bool)]
    in_recovery: bool,
    #[diesel(sql_type = Text)]
    node: String,
}

#[derive(diesel::QueryableByName)]
struct Replica {
    #[diesel(sql_type = Text)]
    application_name: String,
    #[diesel(sql_type = Text)]
    state: String,
    #[diesel(sql_type = Text)]
    sync_state: String,
    #[diesel(sql_type = Nullable<BigInt>)]
    replay_lag_ms: Option<i64>,
}

const NODE_SQL: &str = "SELECT pg_is_in_recovery() AS in_recovery, \
    coalesce(host(inet_server_addr()), 'local') || ':' || coalesce(inet_server_port()::text, '') AS node";

const REPLICAS_SQL: &str = "SELECT coalesce(application_name, '') AS application_name, \
    coalesce(state, '') AS state, coalesce(sync_state, '') AS sync_state, \
    (extract(epoch FROM replay_lag) * 1000)::bigint AS replay_lag_ms \
    FROM pg_stat_replication ORDER BY application_name";

/// Asks the primary and the standby how they are. Never fails: a node that does not answer
/// within the connect timeout is reported down.
pub async fn probe(kdb: &Kdb) -> DbStatus {
    let pools = &kdb.inner;
    let limit = pools.config.connect_timeout * 2;
    let primary = tokio::time::timeout(limit, async {
        let mut conn = pools.get(NodeRole::Primary).await?;
        let node: Node = diesel::sql_query(NODE_SQL).get_result(&mut conn).await?;
        let replicas: Vec<Replica> = diesel::sql_query(REPLICAS_SQL).load(&mut conn).await?;
        Ok::<_, KdbError>((node, replicas))
    })
    .await;
    let standby = tokio::time::timeout(limit, async {
        let pool = pools
            .pool(NodeRole::Standby)
            .ok_or(KdbError::Unavailable("no read URL".into()))?;
        let mut conn = pool
            .get()
            .await
            .map_err(|e| KdbError::Unavailable(e.to_string()))?;
        let node: Node = diesel::sql_query(NODE_SQL).get_result(&mut conn).await?;
        Ok::<_, KdbError>(node)
    })
    .await;

    let mut status = DbStatus {
        primary_up: false,
        primary_node: None,
        standby_up: false,
        standby_node: None,
        replicas: Vec::new(),
    };
    if let Ok(Ok((node, replicas))) = primary {
        status.primary_up = !node.in_recovery;
        status.primary_node = Some(node.node);
        status.replicas = replicas
            .into_iter()
            .map(|r| ReplicaStatus {
                application_name: r.application_name,
                state: r.state,
                sync_state: r.sync_state,
                replay_lag_ms: r.replay_lag_ms,
            })
            .collect();
    }
    if let Ok(Ok(node)) = standby {
        status.standby_up = node.in_recovery;
        status.standby_node = Some(node.node);
    }
    status
}

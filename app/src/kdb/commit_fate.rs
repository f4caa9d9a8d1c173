//! Finding out whether a COMMIT whose connection was lost took effect.
//!
//! A connection can break after COMMIT left the client: the server may have committed (and
//! only the answer was lost) or not. Running the transaction again would apply the write
//! twice in the first case — a second order, capture or invoice — so KDB never retries such a
//! write blindly. Before COMMIT it notes the transaction id and the primary's WAL timeline;
//! after a lost COMMIT it asks the primary `pg_xact_status(xid)` (made for exactly this, see
//! the PostgreSQL manual, "Transaction ID and Snapshot Information Functions"):
//!
//! - `committed` → the write is done; the caller gets its value as if the answer had arrived;
//! - `aborted` → nothing happened; the write is retried like any transient failure;
//! - `in progress` (the backend still waits, e.g. for the synchronous standby) → asked again
//!   until the deadline;
//! - another timeline (a failover happened meanwhile: transaction ids are reused on the new
//!   timeline, so a status there says nothing about ours), no answer, or the deadline passed →
//!   [`KdbError::CommitUncertain`](super::KdbError::CommitUncertain): the caller must not
//!   assume either outcome (the order API answers 503 `COMMIT_UNCERTAIN`, and a retry with
//!   the same Idempotency-Key replays the answer if the first commit landed).

use std::time::Duration;

use diesel::sql_types::{Nullable, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use tokio::time::Instant;

use super::cached;
use super::connect::NodeRole;
use super::pool::Pools;
use super::retry::{backoff, discard};

/// The transaction that is about to commit, as the primary names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Xact {
    /// `pg_current_xact_id()` (64 bits with epoch) as text.
    xid: String,
    /// The first 8 hex digits of the current WAL file name: the timeline.
    timeline: String,
}

/// What became of a COMMIT whose answer was lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fate {
    /// It took effect.
    Committed,
    /// It did not; running the transaction again is safe.
    Aborted,
    /// Could not be found out in time.
    Unknown,
}

#[derive(diesel::QueryableByName)]
struct XactRow {
    #[diesel(sql_type = Nullable<Text>)]
    xid: Option<String>,
    #[diesel(sql_type = Text)]
    wal: String,
}

#[derive(diesel::QueryableByName)]
struct StatusRow {
    #[diesel(sql_type = Nullable<Text>)]
    status: Option<String>,
    #[diesel(sql_type = Text)]
    wal: String,
}

/// The id of the open transaction, `None` when it wrote nothing (no id was assigned, so a
/// retry cannot apply anything twice). One prepared round trip before COMMIT.
pub(super) async fn identify(conn: &mut AsyncPgConnection) -> diesel::QueryResult<Option<Xact>> {
    let row: XactRow = cached(diesel::sql_query(
        "SELECT pg_current_xact_id_if_assigned()::text AS xid, \
         pg_walfile_name(pg_current_wal_lsn()) AS wal",
    ))
    .get_result(conn)
    .await?;
    Ok(row.xid.map(|xid| Xact {
        xid,
        timeline: timeline_of(&row.wal),
    }))
}

/// The timeline part of a WAL file name (`00000002000000000000000A` → `00000002`).
fn timeline_of(wal_file: &str) -> String {
    wal_file.chars().take(8).collect()
}

/// Asks the primary what became of `xact` until `until`; see the module docs.
pub(super) async fn resolve(pools: &Pools, xact: &Xact, until: Instant) -> Fate {
    let mut attempt: u32 = 0;
    loop {
        attempt += 1;
        // `None`: still in progress, or no primary answered — ask again.
        if let Some(fate) = ask(pools, xact).await {
            tracing::warn!(?fate, attempt, "outcome of a lost COMMIT");
            return fate;
        }
        if Instant::now() >= until {
            return Fate::Unknown;
        }
        tokio::time::sleep(backoff(attempt).min(Duration::from_millis(50))).await;
    }
}

/// One look: `None` = ask again (still in progress, or no primary reachable).
async fn ask(pools: &Pools, xact: &Xact) -> Option<Fate> {
    let mut obj = pools.get(NodeRole::Primary).await.ok()?;
    let conn: &mut AsyncPgConnection = &mut obj;
    let row = cached(
        diesel::sql_query(
            // An id this node never assigned (the old primary handed it out and the commit
            // never arrived before a failover) makes pg_xact_status raise "transaction ID is
            // in the future"; answer 'future' instead, so the timeline check below decides.
            "SELECT CASE WHEN CAST($1 AS xid8) < pg_snapshot_xmax(pg_current_snapshot()) \
             THEN pg_xact_status(CAST($1 AS xid8)) ELSE 'future' END AS status, \
             pg_walfile_name(pg_current_wal_lsn()) AS wal",
        )
        .bind::<Text, _>(&xact.xid),
    )
    .get_result::<StatusRow>(conn)
    .await;
    let row = match row {
        Ok(row) => row,
        Err(e) => {
            tracing::warn!(error = %e, "cannot look up a lost COMMIT yet");
            discard(obj);
            return None;
        }
    };
    if timeline_of(&row.wal) != xact.timeline {
        // A failover: the id may belong to another transaction on the new timeline.
        return Some(Fate::Unknown);
    }
    match row.status.as_deref() {
        Some("committed") => Some(Fate::Committed),
        Some("aborted") => Some(Fate::Aborted),
        // Unknown to this node on the same timeline: never guess.
        Some("future") => Some(Fate::Unknown),
        Some(_) => None,
        // Too old to be known: cannot happen seconds after the commit, but never guess.
        None => Some(Fate::Unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::timeline_of;

    #[test]
    fn the_timeline_is_the_wal_file_names_first_eight_digits() {
        assert_eq!(timeline_of("00000002000000000000000A"), "00000002");
    }
}

//! KDB errors and the one place that decides which of them are worth retrying.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// What can go wrong talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum KdbError {
    /// A query failed; the diesel error says how.
    #[error("database error: {0}")]
    Query(#[from] DieselError),
    /// No connection could be had (every host down, refused, or too slow to answer).
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// The transaction (or one statement) ran past its time limit and was rolled back.
    #[error("database transaction timed out")]
    Timeout,
    /// The outcome of COMMIT is unknown: it did not answer before the commit deadline (with
    /// synchronous replication and no standby a commit waits forever, see postgres-pair.md
    /// pitfall 1), or its connection was lost and the primary could not say in time whether
    /// the transaction committed (see `commit_fate`). It may or may not have committed; the
    /// caller must not assume either, and KDB never runs such a write again by itself.
    #[error("the outcome of COMMIT is unknown")]
    CommitUncertain,
    /// Migrations could not be applied.
    #[error("migration failed: {0}")]
    Migration(String),
}

impl KdbError {
    /// Whether the same transaction may be run again from the start.
    ///
    /// Only failures that say nothing about the data are retried: lost connections, a node that
    /// turned read-only (failover), serialization failures and deadlocks. Constraint and data
    /// errors are final — running them again gives the same answer.
    pub fn is_retryable(&self) -> bool {
        match self {
            KdbError::Unavailable(_) => true,
            KdbError::Query(e) => is_retryable_diesel(e),
            KdbError::Timeout | KdbError::CommitUncertain | KdbError::Migration(_) => false,
        }
    }

    /// Whether the database (not the request) is at fault and a later retry may work: the API
    /// answers 503 for these rather than 500.
    pub fn is_unavailable(&self) -> bool {
        match self {
            KdbError::Unavailable(_) | KdbError::Timeout | KdbError::CommitUncertain => true,
            KdbError::Query(e) => is_retryable_diesel(e) || Self::is_statement_timeout(e),
            KdbError::Migration(_) => false,
        }
    }

    /// Whether an error met at COMMIT is the server's definite answer — the transaction was
    /// rolled back (a serialization failure, a deadlock, a deferred constraint, a trigger's
    /// exception) — rather than a lost connection, after which the COMMIT may or may not have
    /// taken effect. A server ending the session (`terminating connection …`) counts as lost:
    /// it may end it after the commit record was written.
    pub fn is_definite_answer(e: &DieselError) -> bool {
        match e {
            DieselError::RollbackErrorOnCommit { commit_error, .. } => {
                Self::is_definite_answer(commit_error)
            }
            DieselError::DatabaseError(kind, info) => match kind {
                DatabaseErrorKind::UnableToSendCommand | DatabaseErrorKind::ClosedConnection => {
                    false
                }
                _ => !is_connection_message(info.message()),
            },
            _ => false,
        }
    }

    /// Whether the error means the statement was cancelled by its timeout.
    pub fn is_statement_timeout(e: &DieselError) -> bool {
        matches!(e, DieselError::DatabaseError(_, info)
            if info.message().contains("statement timeout")
                || info.message().contains("idle-in-transaction timeout"))
    }
}

/// Classifies a diesel error. PostgreSQL's SQLSTATE is only partly mapped by diesel, so a few
/// server messages are recognised by text (the cluster runs with English messages).
fn is_retryable_diesel(e: &DieselError) -> bool {
    match e {
        DieselError::DatabaseError(kind, info) => match kind {
            DatabaseErrorKind::SerializationFailure
            | DatabaseErrorKind::ReadOnlyTransaction
            | DatabaseErrorKind::UnableToSendCommand
            | DatabaseErrorKind::ClosedConnection => true,
            DatabaseErrorKind::Unknown => {
                let m = info.message();
                m.contains("deadlock detected")
                    || is_connection_message(m)
                    || m.contains("read-only transaction")
                    || m.contains("could not serialize")
                    || m.contains("recovery is in progress")
            }
            _ => false,
        },
        DieselError::BrokenTransactionManager => true,
        _ => false,
    }
}

/// Server or driver texts that mean the session is gone.
fn is_connection_message(m: &str) -> bool {
    m.contains("terminating connection")
        || m.contains("connection closed")
        || m.contains("server closed the connection")
        || m.contains("the database system is")
}

/// Errors of business code that runs inside [`super::Kdb::write`]: they wrap [`KdbError`] so the
/// retry loop can tell a lost connection from a business rule.
pub trait Retryable {
    /// See [`KdbError::is_retryable`].
    fn is_retryable(&self) -> bool;
}

impl Retryable for KdbError {
    fn is_retryable(&self) -> bool {
        KdbError::is_retryable(self)
    }
}

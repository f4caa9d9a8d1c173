//! Why a batch request did not happen, with its stable code and HTTP status.

use crate::kdb::{KdbError, Retryable};
use crate::orders::error::{FieldProblem, OrderError};

/// Why a batch request did not happen.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The file has malformed lines; nothing was imported.
    #[error(
        "the file has {total} problem(s){}; nothing was imported, fix the file and upload it again",
        if *.total > .problems.len() { format!(" (the first {} listed)", .problems.len()) } else { String::new() }
    )]
    Malformed {
        /// How many problems were found.
        total: usize,
        /// The first [`super::MAX_PROBLEMS`], each naming its line and column.
        problems: Vec<FieldProblem>,
    },
    /// The kind and format do not go together, or are unknown.
    #[error("{0}")]
    Unsupported(String),
    /// Taking the file would leave more unprocessed rows queued for this merchant than the cap
    /// (`BATCH_MAX_QUEUED_ROWS`); nothing was stored. Upload again once earlier batches ran.
    #[error(
        "{queued} row(s) are still waiting to be processed and this file adds {adding}; at most \
         {cap} may wait at once. Nothing was imported: upload it again once earlier batches are done"
    )]
    QueueFull {
        /// Rows already waiting.
        queued: i64,
        /// Rows in this file.
        adding: i64,
        /// The cap.
        cap: i64,
    },
    /// No such batch for this merchant (another merchant's batch is also "not found").
    #[error("batch not found")]
    NotFound,
    /// The database failed (or an order service did, outside any row).
    #[error(transparent)]
    Order(#[from] OrderError),
}

impl From<KdbError> for BatchError {
    fn from(e: KdbError) -> Self {
        BatchError::Order(OrderError::Db(e))
    }
}

impl From<diesel::result::Error> for BatchError {
    fn from(e: diesel::result::Error) -> Self {
        BatchError::Order(e.into())
    }
}

impl Retryable for BatchError {
    fn is_retryable(&self) -> bool {
        matches!(self, BatchError::Order(e) if e.is_retryable())
    }
}

impl BatchError {
    /// The stable error code.
    pub fn code(&self) -> &'static str {
        match self {
            BatchError::Malformed { .. } => "VALIDATION_ERROR",
            BatchError::Unsupported(_) => "BATCH_FORMAT_UNSUPPORTED",
            BatchError::NotFound => "BATCH_NOT_FOUND",
            BatchError::QueueFull { .. } => "BATCH_QUEUE_FULL",
            BatchError::Order(e) => e.code(),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            BatchError::Malformed { .. } | BatchError::Unsupported(_) => 422,
            BatchError::NotFound => 404,
            BatchError::QueueFull { .. } => 429,
            BatchError::Order(e) => e.status(),
        }
    }
}

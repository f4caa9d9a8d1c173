//! The batch API's documents: what a merchant uploads (kinds and formats) and what it reads
//! back (the batch with its progress and per-row results).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the rows of a batch are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum BatchKind {
    /// Captures of existing orders (`order_id,captured_amount,reference[,key]`).
    Captures,
    /// New orders (one `CreateOrderRequest` per line).
    Orders,
}

impl BatchKind {
    /// The database and query-string value.
    pub fn as_str(self) -> &'static str {
        match self {
            BatchKind::Captures => "captures",
            BatchKind::Orders => "orders",
        }
    }

    /// Parses [`BatchKind::as_str`].
    pub fn parse(s: &str) -> Option<BatchKind> {
        [BatchKind::Captures, BatchKind::Orders]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// How the uploaded file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum BatchFormat {
    /// Comma-separated values with a header line (RFC 4180 quoting).
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl BatchFormat {
    /// The database and query-string value.
    pub fn as_str(self) -> &'static str {
        match self {
            BatchFormat::Csv => "csv",
            BatchFormat::Jsonl => "jsonl",
        }
    }

    /// Parses [`BatchFormat::as_str`] (also `ndjson`).
    pub fn parse(s: &str) -> Option<BatchFormat> {
        match s {
            "csv" => Some(BatchFormat::Csv),
            "jsonl" | "ndjson" => Some(BatchFormat::Jsonl),
            _ => None,
        }
    }
}

/// Where a batch is: `queued` → `running` → `done`. A batch never fails as a whole: each row
/// carries its own result (ok, or the order API's error code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum BatchStatus {
    /// Accepted; no row processed yet.
    Queued,
    /// Rows are being processed.
    Running,
    /// Every row has its result (ok or error).
    Done,
}

impl BatchStatus {
    /// The database value.
    pub fn as_str(self) -> &'static str {
        match self {
            BatchStatus::Queued => "queued",
            BatchStatus::Running => "running",
            BatchStatus::Done => "done",
        }
    }

    /// Parses [`BatchStatus::as_str`].
    pub fn parse(s: &str) -> Option<BatchStatus> {
        [BatchStatus::Queued, BatchStatus::Running, BatchStatus::Done]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// Where one row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum RowStatus {
    /// Not processed yet.
    Pending,
    /// The capture or order was made.
    Ok,
    /// The service refused the row; `error_code` says why.
    Error,
}

impl RowStatus {
    /// The database value.
    pub fn as_str(self) -> &'static str {
        match self {
            RowStatus::Pending => "pending",
            RowStatus::Ok => "ok",
            RowStatus::Error => "error",
        }
    }

    /// Parses [`RowStatus::as_str`].
    pub fn parse(s: &str) -> Option<RowStatus> {
        [RowStatus::Pending, RowStatus::Ok, RowStatus::Error]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// `202` answer of `POST /v1/batches`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BatchAccepted {
    /// The batch (the first one when this file was uploaded before).
    pub batch_id: uuid::Uuid,
    /// Its status now.
    pub status: BatchStatus,
    /// Rows in the file.
    pub total_rows: i32,
}

/// The ids a successful row made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RowResult {
    /// The order created or captured.
    pub order_id: Option<uuid::Uuid>,
    /// The capture made (captures batches).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture_id: Option<uuid::Uuid>,
    /// The invoice the capture created (captures batches).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_number: Option<i64>,
}

/// One row of a batch with its result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BatchRow {
    /// 1-based position among the file's rows.
    pub row_no: i32,
    /// The row's key (the merchant's, or the row number).
    pub key: String,
    /// Pending, ok or error.
    pub status: RowStatus,
    /// The order API's error code, e.g. `CAPTURE_NOT_ALLOWED` (errors only).
    pub error_code: Option<String>,
    /// English explanation (errors only).
    pub error_message: Option<String>,
    /// The ids made (ok rows only).
    pub result: Option<RowResult>,
}

/// `GET /v1/batches/{batch_id}`: progress and every row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Batch {
    /// The batch.
    pub batch_id: uuid::Uuid,
    /// Captures or orders.
    pub kind: BatchKind,
    /// CSV or JSON-Lines.
    pub format: BatchFormat,
    /// Queued, running or done.
    pub status: BatchStatus,
    /// Rows in the file.
    pub total_rows: i32,
    /// Rows with a result (`ok_rows + error_rows`).
    pub done_rows: i32,
    /// Rows that succeeded.
    pub ok_rows: i32,
    /// Rows the service refused.
    pub error_rows: i32,
    /// When it was uploaded.
    pub created_at: DateTime<Utc>,
    /// When the first row was taken up.
    pub started_at: Option<DateTime<Utc>>,
    /// When the last row got its result.
    pub finished_at: Option<DateTime<Utc>>,
    /// This page of rows in file order (`after_row` and `limit` of the request).
    pub rows: Vec<BatchRow>,
    /// Ask again with `after_row` = this for the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_after_row: Option<i32>,
}

/// A batch without its rows, for lists (the portal's batch page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchSummary {
    /// The batch.
    pub batch_id: uuid::Uuid,
    /// Captures or orders.
    pub kind: BatchKind,
    /// CSV or JSON-Lines.
    pub format: BatchFormat,
    /// Queued, running or done.
    pub status: BatchStatus,
    /// Rows in the file.
    pub total_rows: i32,
    /// Rows with a result.
    pub done_rows: i32,
    /// Rows that succeeded.
    pub ok_rows: i32,
    /// Rows refused.
    pub error_rows: i32,
    /// When it was uploaded.
    pub created_at: DateTime<Utc>,
    /// When the last row got its result.
    pub finished_at: Option<DateTime<Utc>>,
}

impl BatchSummary {
    /// Whole percent of rows done (rounded down, so 100 means every row).
    pub fn percent_done(&self) -> i32 {
        if self.total_rows <= 0 {
            return 0;
        }
        let done = i64::from(self.done_rows) * 100 / i64::from(self.total_rows);
        i32::try_from(done).unwrap_or(100)
    }
}

impl Batch {
    /// The batch without its rows.
    pub fn summary(&self) -> BatchSummary {
        BatchSummary {
            batch_id: self.batch_id,
            kind: self.kind,
            format: self.format,
            status: self.status,
            total_rows: self.total_rows,
            done_rows: self.done_rows,
            ok_rows: self.ok_rows,
            error_rows: self.error_rows,
            created_at: self.created_at,
            finished_at: self.finished_at,
        }
    }
}

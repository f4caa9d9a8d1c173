//! The merchant's batches in the portal: the list with progress, one batch with its rows, and
//! the outcome of an upload. The upload itself and the results download are plain axum
//! handlers in the server crate (`server/src/portal_batches.rs`): a file upload is a multipart
//! form post, which must work without JavaScript, and a download is a file, not a page.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::orders::batches::types::{Batch, BatchSummary};

/// The batch list and upload form.
pub const BATCHES_PATH: &str = "/portal/batches";
/// Where the upload form posts (multipart).
pub const UPLOAD_PATH: &str = "/portal/batches/upload";
/// Batches per page of the list.
pub const LIST_PAGE: i64 = 25;
/// Rows per page of a batch.
pub const ROWS_PAGE: i64 = 100;

/// The page of batch `id`.
pub fn batch_path(id: &str) -> String {
    format!("{BATCHES_PATH}/{id}")
}

/// The results download of batch `id`.
pub fn results_path(id: &str) -> String {
    format!("{BATCHES_PATH}/{id}/results.csv")
}

/// Why the last upload was refused, handed from the upload handler to the list page through
/// the session (the browser is redirected between the two).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadFailure {
    /// Message id: `VALIDATION_ERROR` (malformed lines), `BATCH_FORMAT_UNSUPPORTED`,
    /// `ERR_PORTAL_BATCH_FILE` (no file), `ERR_PORTAL_BATCH_KIND`, or another order API code.
    pub code: String,
    /// Malformed lines in the file (for `VALIDATION_ERROR`).
    pub total: usize,
    /// The first problems, each naming its line and column (English, like the API's).
    pub problems: Vec<String>,
}

/// What the batch list page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalBatchList {
    /// The merchant's batches, newest first.
    pub batches: Vec<BatchSummary>,
    /// Cursor of the next (older) page.
    pub next: Option<String>,
    /// Cursor of the previous (newer) page.
    pub prev: Option<String>,
    /// The refused upload that brought the browser here, shown once.
    pub upload_failure: Option<UploadFailure>,
    /// The merchant's country, whose wall clock the times are shown in.
    pub country: String,
}

/// What a batch's page shows: the batch with a page of its rows, and the merchant's country
/// (the times are shown on its wall clock).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalBatchView {
    /// The batch.
    pub batch: Batch,
    /// The merchant's country.
    pub country: String,
}

/// `created_at` (µs) and id of the last batch on a page, as a URL value.
#[cfg(any(feature = "ssr", test))]
fn encode_cursor(b: &BatchSummary) -> String {
    format!("{}_{}", b.created_at.timestamp_micros(), b.batch_id)
}

/// The cursor of [`encode_cursor`]; anything else is "from the start".
pub fn decode_cursor(text: &str) -> Option<(chrono::DateTime<chrono::Utc>, uuid::Uuid)> {
    let (micros, id) = text.trim().split_once('_')?;
    let at = chrono::DateTime::from_timestamp_micros(micros.parse().ok()?)?;
    Some((at, uuid::Uuid::parse_str(id).ok()?))
}

/// One page of the caller's merchant's batches (on the primary: the list is opened right
/// after an upload), with the refused upload's problems if that is what brought us here.
/// `after` asks for the older page after that batch, `before` for the newer page before it.
#[server(prefix = "/api", endpoint = "portal_batches", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_portal_batches(
    after: String,
    before: String,
) -> Result<PortalBatchList, AppError> {
    use super::guard::require_merchant_user;
    use super::keys;
    use crate::kdb::ScopedFutureExt;
    use crate::orders::batches::{store, BatchError};
    use crate::request::with_status;
    use crate::request::{request_id, services, session};
    use crate::ui::list::{keyset_page, PageDir, Paging};

    with_status(
        async {
            let cap = require_merchant_user().await?;
            let merchant_id = cap.merchant_id();
            let (after, before) = (decode_cursor(&after), decode_cursor(&before));
            let dir = PageDir::of(after.is_some(), before.is_some());
            let (cursor, newer) = (after.or(before), dir == PageDir::Newer);
            let records = services()?
                .kdb
                .read_primary(|c| {
                    async move { store::list(c, merchant_id, cursor, newer, LIST_PAGE + 1).await }
                        .scope_boxed()
                })
                .await
                .map_err(batch_error)?;
            let batches = records
                .iter()
                .map(store::BatchRecord::summary)
                .collect::<Result<Vec<_>, BatchError>>()
                .map_err(batch_error)?;
            let page_size = usize::try_from(LIST_PAGE).unwrap_or(usize::MAX);
            let (batches, more) = keyset_page(dir, batches, page_size);
            let paging = Paging::keyset(
                dir,
                more,
                batches.first().map(encode_cursor),
                batches.last().map(encode_cursor),
            );
            let upload_failure = session()
                .await?
                .remove::<UploadFailure>(keys::BATCH_UPLOAD_FAILURE)
                .await
                .map_err(|_| AppError::Internal {
                    correlation_id: request_id(),
                })?;
            Ok(PortalBatchList {
                batches,
                next: paging.next,
                prev: paging.prev,
                upload_failure,
                country: cap.user.country.clone(),
            })
        }
        .await,
    )
}

/// The caller's batch `id` with [`ROWS_PAGE`] rows after row `after` (another merchant's
/// batch is "not found").
#[server(prefix = "/api", endpoint = "portal_batch", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_portal_batch(id: String, after: String) -> Result<PortalBatchView, AppError> {
    use super::guard::require_merchant_user;
    use crate::kdb::ScopedFutureExt;
    use crate::orders::batches::store::{self, RowPage};
    use crate::orders::batches::BatchError;
    use crate::request::with_status;

    with_status(
        async {
            let cap = require_merchant_user().await?;
            let merchant_id = cap.merchant_id();
            let batch_id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::Refused {
                code: "BATCH_NOT_FOUND".into(),
            })?;
            let page = RowPage {
                after_row: after.trim().parse().unwrap_or(0).max(0),
                limit: ROWS_PAGE,
            };
            let batch = crate::request::services()?
                .kdb
                .read_primary(|c| {
                    async move { store::load(c, merchant_id, batch_id, page).await }.scope_boxed()
                })
                .await
                .map_err(|e: BatchError| batch_error(e))?;
            Ok(PortalBatchView {
                batch,
                country: cap.user.country.clone(),
            })
        }
        .await,
    )
}

/// A batch error as a server function error: the stable code is the Fluent message id.
#[cfg(feature = "ssr")]
pub fn batch_error(e: crate::orders::batches::BatchError) -> AppError {
    use crate::orders::batches::BatchError;
    match e {
        BatchError::Order(e) => super::orders::order_actions::imp::to_app_error(e),
        other => AppError::Refused {
            code: other.code().to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orders::batches::types::{BatchFormat, BatchKind, BatchStatus};

    #[test]
    fn cursors_round_trip_and_junk_starts_over() {
        let b = BatchSummary {
            batch_id: uuid::Uuid::new_v4(),
            kind: BatchKind::Captures,
            format: BatchFormat::Csv,
            status: BatchStatus::Running,
            total_rows: 3,
            done_rows: 2,
            ok_rows: 1,
            error_rows: 1,
            created_at: chrono::DateTime::from_timestamp_micros(1_790_000_000_123_456).unwrap(),
            finished_at: None,
        };
        assert_eq!(
            decode_cursor(&encode_cursor(&b)),
            Some((b.created_at, b.batch_id))
        );
        assert_eq!(decode_cursor("nonsense"), None);
        assert_eq!(decode_cursor(""), None);
        assert_eq!(b.percent_done(), 66);
    }

    #[test]
    fn paths_are_under_the_portal() {
        assert_eq!(batch_path("x"), "/portal/batches/x");
        assert_eq!(results_path("x"), "/portal/batches/x/results.csv");
    }
}

//! Uploading a batch file, for both front doors (`POST /v1/batches` and the portal's upload
//! form): the file is parsed whole (any malformed line refuses it, nothing stored), stored with
//! its rows in one transaction — or, when this merchant uploaded the same bytes before, the
//! first batch is returned — and processing starts at once in the background.

use serde_json::json;
use sha2::{Digest, Sha256};

use super::run::process_batch;
use super::store::{self, NewBatch};
use super::types::{BatchAccepted, BatchFormat, BatchKind};
use super::{parse, BatchError, MAX_ROWS};
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Ctx, ScopedFutureExt};
use crate::services::Services;

/// Stores the batch in `bytes` for `merchant_id` (audited as `ctx`); the `bool` is true for a
/// new batch (whose processing has been started). Refused with [`BatchError::QueueFull`] when
/// the merchant would have more than `max_queued_rows` rows waiting: a batch costs by its rows,
/// so one merchant's files cannot hold up everybody's processing.
pub async fn upload(
    services: &Services,
    ctx: &Ctx,
    merchant_id: uuid::Uuid,
    kind: BatchKind,
    format: BatchFormat,
    bytes: &[u8],
    max_queued_rows: i64,
) -> Result<(BatchAccepted, bool), BatchError> {
    let rows = parse::parse(kind, format, bytes)?;
    let sha256: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let new = NewBatch {
        merchant_id,
        kind,
        format,
        sha256: &sha256,
        rows: &rows,
        max_queued_rows,
    };
    let new = &new;
    let sha256 = &sha256;
    let (accepted, fresh) = services
        .kdb
        .write(|conn| {
            async move {
                let (accepted, fresh) = store::create(conn, new).await?;
                if fresh {
                    audit::record(
                        conn,
                        ctx,
                        AuditEntry {
                            action: "batch.upload",
                            entity_type: "batch",
                            entity_id: &accepted.batch_id.to_string(),
                            before: None,
                            after: Some(json!({
                                "merchant_id": merchant_id, "kind": kind.as_str(),
                                "format": format.as_str(), "rows": accepted.total_rows,
                                "sha256": sha256,
                            })),
                        },
                    )
                    .await?;
                }
                Ok::<_, BatchError>((accepted, fresh))
            }
            .scope_boxed()
        })
        .await?;
    if fresh {
        start_processing(services, accepted.batch_id);
    }
    Ok((accepted, fresh))
}

/// Starts working on a new batch right away, so a small batch is done in seconds; the job
/// loop picks up whatever this pass leaves (it may die with the process: rows are leased).
fn start_processing(services: &Services, batch_id: uuid::Uuid) {
    let services = services.clone();
    tokio::spawn(async move {
        let ctx = Ctx::system("batch-upload");
        if let Err(e) = process_batch(&services, &ctx, batch_id, MAX_ROWS).await {
            tracing::warn!(%batch_id, error = %e, "batch processing paused; the job loop resumes it");
        }
    });
}

/// The format of an uploaded file: its name's extension, else its content type, else its
/// first character (`{` is JSON-Lines, anything else CSV). Browsers label `.jsonl` files
/// inconsistently, so the name wins.
pub fn format_of(file_name: &str, content_type: &str, bytes: &[u8]) -> BatchFormat {
    let name = file_name.to_ascii_lowercase();
    if name.ends_with(".csv") {
        return BatchFormat::Csv;
    }
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        return BatchFormat::Jsonl;
    }
    let mime = content_type.to_ascii_lowercase();
    if mime.starts_with("text/csv") {
        return BatchFormat::Csv;
    }
    if mime.contains("ndjson") || mime.contains("jsonl") || mime.contains("jsonlines") {
        return BatchFormat::Jsonl;
    }
    let first = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        BatchFormat::Jsonl
    } else {
        BatchFormat::Csv
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_from_the_name_then_the_type_then_the_content() {
        assert_eq!(
            format_of("x.CSV", "application/octet-stream", b"{"),
            BatchFormat::Csv
        );
        assert_eq!(format_of("x.jsonl", "", b"a,b"), BatchFormat::Jsonl);
        assert_eq!(format_of("x", "text/csv", b"{"), BatchFormat::Csv);
        assert_eq!(
            format_of("x", "application/x-ndjson", b"a"),
            BatchFormat::Jsonl
        );
        assert_eq!(
            format_of("x.txt", "text/plain", b"\xef\xbb\xbf  {\"a\":1}"),
            BatchFormat::Jsonl
        );
        assert_eq!(
            format_of("x.txt", "text/plain", b"order_id,captured_amount"),
            BatchFormat::Csv
        );
    }
}

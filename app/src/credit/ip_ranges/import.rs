//! Loading the IP-range table from CSV (`server import-ip-ranges file.csv`): the whole file is
//! validated first (see [`super::parse`]), then the table is replaced in one transaction with
//! one audit record — a file with one bad line changes nothing, and importing the file that is
//! already loaded changes nothing either (it is recognised by its SHA-256).
//!
//! Replacing rather than merging is deliberate: country files are published whole, and a
//! range that vanished from a new edition must not linger with a stale country.

use diesel::sql_types::{Array, Binary, Int4, Int8, Text};
use diesel_async::{RunQueryDsl, SimpleAsyncConnection};
use serde_json::json;
use sha2::{Digest, Sha256};
use tokio::io::AsyncRead;

use super::error::ImportError;
use super::parse::{parse_file, Parsed};
use super::store::latest_import;
use crate::csv_file;
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx, Kdb, KdbError, ScopedFutureExt};

/// Rows per INSERT statement: keeps each statement's arrays a sensible size.
const BATCH: usize = 5000;

/// Largest file read, in MiB. The lite country files are tens of MiB; the file is held in
/// memory whole because its hash must be known before anything is written.
pub const MAX_FILE_MIB: usize = 256;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Data rows in the file.
    pub rows: usize,
    /// Ranges the table holds from this file (rows minus the `ZZ` ones).
    pub ranges: usize,
    /// Of those, IPv4 ranges.
    pub ipv4: usize,
    /// Of those, IPv6 ranges.
    pub ipv6: usize,
    /// Rows with the unknown country `ZZ`, not stored.
    pub unknown: usize,
    /// Ranges the table held before and that this import replaced (0 for a no-op).
    pub replaced: usize,
    /// The file is the one already loaded: nothing was written, nothing audited.
    pub already_imported: bool,
    /// SHA-256 of the file, lower-case hex.
    pub file_sha256: String,
}

/// Reads, validates and imports an IP-range file; see the module docs.
pub async fn import_ip_ranges_csv<R: AsyncRead + Unpin>(
    kdb: &Kdb,
    ctx: &Ctx,
    reader: R,
) -> Result<ImportReport, ImportError> {
    let bytes = csv_file::read_whole(reader, MAX_FILE_MIB).await?;
    let file_sha256 = hex(&Sha256::digest(&bytes));
    let text = csv_file::utf8(&bytes)?;
    let parsed = parse_file(text)?;
    let (parsed, sha) = (&parsed, file_sha256.as_str());
    kdb.write(|conn| async move { replace(conn, ctx, parsed, sha).await }.scope_boxed())
        .await
}

#[derive(diesel::QueryableByName)]
struct NewId {
    #[diesel(sql_type = Int8)]
    id: i64,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The transaction: lock out other imports (lookups go on, seeing the old ranges until
/// COMMIT), stop if this file is already loaded, else delete every range, insert the new ones,
/// note the import and audit it.
async fn replace(
    conn: &mut Conn,
    ctx: &Ctx,
    parsed: &Parsed,
    file_sha256: &str,
) -> Result<ImportReport, ImportError> {
    // SHARE ROW EXCLUSIVE conflicts with itself and with every write, not with reads: two
    // imports run one after the other, and the second sees the first's import row.
    conn.batch_execute("LOCK TABLE ip_ranges, ip_range_imports IN SHARE ROW EXCLUSIVE MODE")
        .await
        .map_err(KdbError::from)?;
    let ipv6 = parsed.ranges.iter().filter(|r| r.v6).count();
    let mut report = ImportReport {
        rows: parsed.rows,
        ranges: parsed.ranges.len(),
        ipv4: parsed.ranges.len() - ipv6,
        ipv6,
        unknown: parsed.unknown,
        replaced: 0,
        already_imported: false,
        file_sha256: file_sha256.to_string(),
    };
    let previous = latest_import(conn).await?;
    if previous
        .as_ref()
        .is_some_and(|p| p.file_sha256 == file_sha256)
    {
        report.already_imported = true;
        return Ok(report);
    }
    report.replaced = diesel::sql_query("DELETE FROM ip_ranges")
        .execute(conn)
        .await
        .map_err(KdbError::from)?;
    for chunk in parsed.ranges.chunks(BATCH) {
        let starts: Vec<Vec<u8>> = chunk.iter().map(|r| r.start.to_vec()).collect();
        let ends: Vec<Vec<u8>> = chunk.iter().map(|r| r.end.to_vec()).collect();
        let countries: Vec<&str> = chunk.iter().map(|r| r.country.as_str()).collect();
        diesel::sql_query(
            "INSERT INTO ip_ranges (range_start, range_end, country) \
             SELECT * FROM unnest($1::bytea[], $2::bytea[], $3::text[])",
        )
        .bind::<Array<Binary>, _>(&starts)
        .bind::<Array<Binary>, _>(&ends)
        .bind::<Array<Text>, _>(&countries)
        .execute(conn)
        .await
        .map_err(KdbError::from)?;
    }
    let import_id = diesel::sql_query(
        "INSERT INTO ip_range_imports (file_sha256, rows, imported_by) \
         VALUES ($1, $2, $3) RETURNING id",
    )
    .bind::<Text, _>(file_sha256)
    .bind::<Int4, _>(i32::try_from(report.ranges).unwrap_or(i32::MAX))
    .bind::<Text, _>(ctx.actor.label())
    .get_result::<NewId>(conn)
    .await
    .map_err(KdbError::from)?
    .id;
    let entry = AuditEntry {
        action: "ip_ranges.import",
        entity_type: "ip_ranges",
        entity_id: &import_id.to_string(),
        before: Some(json!({
            "file_sha256": previous.map(|p| p.file_sha256),
            "ranges": report.replaced,
        })),
        after: Some(json!({
            "file_sha256": report.file_sha256,
            "rows": report.rows,
            "ranges": report.ranges,
            "ipv4": report.ipv4,
            "ipv6": report.ipv6,
            "unknown": report.unknown,
        })),
    };
    audit::record(conn, ctx, entry).await?;
    Ok(report)
}

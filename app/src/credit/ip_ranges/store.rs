//! Reading the table: the country of an address (the credit fact `request.ip_country`) and
//! which file is loaded.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::key::key;
use super::schema::{ip_range_imports, ip_ranges};
use crate::kdb::{Conn, KdbError};

/// The country (ISO 3166-1 alpha-2) of `ip`, or `None` when no range holds it (including an
/// empty table). One index probe: the range with the greatest start at or below the address
/// is the only one that can hold it, because ranges never overlap; it holds it if its end is
/// at or above the address. Works on the standby as well as the primary.
pub async fn lookup(conn: &mut Conn, ip: IpAddr) -> Result<Option<String>, KdbError> {
    let key = key(ip).to_vec();
    let nearest: Option<(Vec<u8>, String)> = ip_ranges::table
        .filter(ip_ranges::range_start.le(&key))
        .order(ip_ranges::range_start.desc())
        .select((ip_ranges::range_end, ip_ranges::country))
        .first(conn)
        .await
        .optional()?;
    // Both sides are 16 bytes, so byte order is address order.
    Ok(nearest.and_then(|(end, country)| (end >= key).then_some(country)))
}

/// An import that changed the table.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct ImportRecord {
    /// Row id (increasing).
    pub id: i64,
    /// SHA-256 of the file, lower-case hex.
    pub file_sha256: String,
    /// Ranges the import loaded.
    pub rows: i32,
    /// When (database clock).
    pub imported_at: DateTime<Utc>,
    /// Who: the staff e-mail or the command's name.
    pub imported_by: String,
}

/// The import whose data the table holds now, if any.
pub async fn latest_import(conn: &mut Conn) -> Result<Option<ImportRecord>, KdbError> {
    Ok(ip_range_imports::table
        .order(ip_range_imports::id.desc())
        .select((
            ip_range_imports::id,
            ip_range_imports::file_sha256,
            ip_range_imports::rows,
            ip_range_imports::imported_at,
            ip_range_imports::imported_by,
        ))
        .first(conn)
        .await
        .optional()?)
}

/// Ranges in the table.
pub async fn count(conn: &mut Conn) -> Result<i64, KdbError> {
    Ok(ip_ranges::table.count().get_result(conn).await?)
}

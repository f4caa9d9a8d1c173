//! The IP-range table: which country an IP address belongs to, for the credit fact
//! `request.ip_country` (a purchase from abroad is a classic sign of a stolen identity).
//!
//! Loaded whole from a CSV country file (`server import-ip-ranges`, see [`import`] and
//! [`parse`] for the format and rules) and read with one index probe per decision
//! ([`lookup`]). IPv4 and IPv6 share one 16-byte key space (see [`key`]), so one table and
//! one btree answer both. An address in no range is simply unknown: the decision then sees
//! `request.ip_country_known = false`, never an error.

mod error;
mod format;
pub mod import;
pub mod key;
pub mod parse;
pub mod schema;
mod store;

pub use error::{ImportError, RowError};
pub use format::{IP_RANGES_HEADER, UNKNOWN_COUNTRY};
pub use import::{import_ip_ranges_csv, ImportReport};
pub use store::{count, latest_import, lookup, ImportRecord};

//! The IP-range file's fixed words, shared by the parser and its errors (kept here so
//! `error.rs` and `parse.rs` do not import each other).

/// The header every IP-range file starts with.
pub const IP_RANGES_HEADER: &str = "start_ip,end_ip,country";

/// The country code the lite files use for unassigned or unknown ranges.
pub const UNKNOWN_COUNTRY: &str = "ZZ";

//! Diesel tables of the IP-range table, kept beside their module (like the providers') so the
//! IP data can change without touching other domains.

diesel::table! {
    /// One range of addresses and its country; IPv4 stored IPv4-mapped, 16 bytes each end.
    ip_ranges (range_start) {
        range_start -> Binary,
        range_end -> Binary,
        country -> Text,
    }
}

diesel::table! {
    /// One row per import that changed the table (which file is live, since when, by whom).
    ip_range_imports (id) {
        id -> Int8,
        file_sha256 -> Text,
        rows -> Int4,
        imported_at -> Timestamptz,
        imported_by -> Text,
    }
}

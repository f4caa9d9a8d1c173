-- The IP-range table behind the credit fact `request.ip_country`: which country an address
-- belongs to, loaded whole from a CSV country file (`server import-ip-ranges`).
--
-- IPv4 and IPv6 share one key space: every address is stored as 16 bytes, IPv4 as the
-- IPv4-mapped IPv6 address ::ffff:a.b.c.d. bytea compares byte by byte, which for equal
-- lengths is numeric order, so the primary key's btree answers a lookup of either family
-- with one index probe:
--   SELECT range_end, country FROM ip_ranges WHERE range_start <= $ip
--   ORDER BY range_start DESC LIMIT 1   -- then the address is in it if range_end >= $ip
-- The import refuses overlapping ranges, so the nearest start at or below the address is the
-- only range that can contain it.
CREATE TABLE ip_ranges (
    range_start  bytea PRIMARY KEY CHECK (octet_length(range_start) = 16),
    range_end    bytea NOT NULL CHECK (octet_length(range_end) = 16),
    -- ISO 3166-1 alpha-2, upper case.
    country      text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    CHECK (range_start <= range_end)
);

-- One row per import that changed the table: the file's SHA-256 makes a re-import of the file
-- that is already loaded a no-op, and the rows tell operators which file is live and since
-- when (the audit log has the full record).
CREATE TABLE ip_range_imports (
    id           bigserial PRIMARY KEY,
    file_sha256  text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    rows         integer NOT NULL CHECK (rows >= 0),
    imported_at  timestamptz NOT NULL DEFAULT now(),
    imported_by  text NOT NULL CHECK (imported_by <> '')
);

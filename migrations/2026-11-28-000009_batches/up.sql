-- Batches of the order API: a merchant uploads a file of captures or new orders, a job works
-- through its rows, and each row remembers its own answer. Rows are idempotent on their own
-- key (the order services' Idempotency-Key `batch:<batch id>:<row key>`), so a pass that dies
-- half-way is simply run again.

CREATE TABLE api_batches (
    id            uuid PRIMARY KEY,
    merchant_id   uuid NOT NULL REFERENCES merchants (id),
    kind          text NOT NULL CHECK (kind IN ('captures', 'orders')),
    format        text NOT NULL CHECK (format IN ('csv', 'jsonl')),
    status        text NOT NULL DEFAULT 'queued'
                      CHECK (status IN ('queued', 'running', 'done', 'failed')),
    total_rows    integer NOT NULL CHECK (total_rows > 0),
    done_rows     integer NOT NULL DEFAULT 0 CHECK (done_rows >= 0),
    ok_rows       integer NOT NULL DEFAULT 0 CHECK (ok_rows >= 0),
    error_rows    integer NOT NULL DEFAULT 0 CHECK (error_rows >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    -- Hex SHA-256 of the uploaded bytes: the same file uploaded twice is the first batch.
    sha256        text NOT NULL CHECK (length(sha256) = 64),
    CHECK (done_rows = ok_rows + error_rows),
    CHECK (done_rows <= total_rows),
    UNIQUE (merchant_id, sha256)
);
CREATE INDEX api_batches_merchant_idx ON api_batches (merchant_id, created_at DESC);

CREATE TABLE api_batch_rows (
    batch_id       uuid NOT NULL REFERENCES api_batches (id) ON DELETE CASCADE,
    -- 1-based, in file order.
    row_no         integer NOT NULL CHECK (row_no > 0),
    -- The merchant's key for the row, or the row number when it gave none (unique per batch).
    key            text NOT NULL,
    input          jsonb NOT NULL,
    status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ok', 'error')),
    error_code     text,
    error_message  text,
    result         jsonb,
    -- A worker's lease on a pending row: rows are claimed with FOR UPDATE SKIP LOCKED, but the
    -- order service runs in its own transaction, so the claim outlives the lock as a lease.
    -- A worker that dies leaves the row to the next pass once the lease has run out.
    leased_until   timestamptz,
    PRIMARY KEY (batch_id, row_no),
    UNIQUE (batch_id, key),
    CHECK ((status = 'error') = (error_code IS NOT NULL))
);
-- The job: pending rows in upload order.
CREATE INDEX api_batch_rows_pending_idx ON api_batch_rows (batch_id, row_no) WHERE status = 'pending';

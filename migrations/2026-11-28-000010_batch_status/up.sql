-- A batch never fails as a whole: every row gets its own result (ok, or an error code), so a
-- batch only goes queued → running → done. The 'failed' status of 000009 was never set.
ALTER TABLE api_batches DROP CONSTRAINT api_batches_status_check;
ALTER TABLE api_batches ADD CONSTRAINT api_batches_status_check
    CHECK (status IN ('queued', 'running', 'done'));

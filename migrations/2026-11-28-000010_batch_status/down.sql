ALTER TABLE api_batches DROP CONSTRAINT api_batches_status_check;
ALTER TABLE api_batches ADD CONSTRAINT api_batches_status_check
    CHECK (status IN ('queued', 'running', 'done', 'failed'));

-- Retention of batch inputs: a row's input holds the buyer's national id and address, needed
-- only until the row is processed. The job clears the inputs of batches finished longer ago
-- than BATCH_INPUT_RETENTION_DAYS (business clock) and stamps the batch, so it is done once.
ALTER TABLE api_batches ADD COLUMN inputs_purged_at timestamptz;
CREATE INDEX api_batches_purge_due_idx ON api_batches (finished_at)
    WHERE status = 'done' AND inputs_purged_at IS NULL;

DROP INDEX api_batches_purge_due_idx;
ALTER TABLE api_batches DROP COLUMN inputs_purged_at;

DROP TABLE api_batch_rows;
DROP TABLE api_batches;

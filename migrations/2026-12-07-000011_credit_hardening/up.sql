-- The rejection-rate alert counts one merchant's decisions of the last hour after every
-- refusal (orders::alerts): without this index that is a scan of the whole decision log.
CREATE INDEX credit_decisions_merchant_time_idx ON credit_decisions (merchant_id, business_time);

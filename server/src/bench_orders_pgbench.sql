-- pgbench script for `server bench-orders`: one script run = one POST /v1/orders + one
-- POST /v1/orders/{id}/captures, with the statements the service issues on the primary in
-- steady state (customer known, address unchanged, approved), in the same transactions.
-- Taken from a statement log of the API (log_min_duration_statement = 0, which also shows
-- every parse). Run with -M prepared: the API's statements are prepared and reused too
-- (diesel caches its own; fixed hand-written SQL, UPDATEs and multi-row INSERTs go through
-- `kdb::cached`). -D merchant_id=… -D key_id=… -D secret_hash=… -D customers=N; the
-- benchmark creates `bench_customers (n, national_id)` to pick a known customer.
-- Business time as the service has it: every clock read is kept (`\gset k_`) and the rows'
-- times and dates are that time and its Swedish date (`:k_now`), not the database's now().
-- Each KDB write transaction ends with the statement KDB sends before COMMIT (the transaction
-- id and WAL timeline that let it look up a COMMIT whose answer was lost, kdb::commit_fate).
-- Not mirrored: the `SELECT pg_is_in_recovery()` the pool runs on every 32nd reuse of a
-- connection (and after a second idle), the registry lookup on the standby, the concurrency
-- inside a decision (the facts query and the provider look-ups run side by side in the API,
-- one after the other here), SHA-256 of the API secret and all HTTP/JSON work.
\set ck random(1, 4000000000000000000)
\set c random(1, :customers)
\set amount random(100, 499) * 100
-- ---- POST /v1/orders -------------------------------------------------------------------
-- API key check (its own transaction; last_used_at is touched at most once a minute)
BEGIN;
WITH touched AS (UPDATE merchant_api_keys SET last_used_at = now() WHERE key_id = :key_id AND secret_hash = :secret_hash AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')) SELECT merchant_id, secret_hash FROM merchant_api_keys WHERE key_id = :key_id AND revoked_at IS NULL;
SELECT pg_current_xact_id_if_assigned()::text AS xid, pg_walfile_name(pg_current_wal_lsn()) AS wal;
COMMIT;
-- replay check, merchant, business clock (read_primary, no transaction)
SELECT request_hash, response_status, response_body, response_location FROM api_idempotency_keys WHERE merchant_id = :merchant_id AND idempotency_key = ('o' || :ck::text) LIMIT 1;
SELECT id, legal_name, org_nr, country, currency, contact_email, contact_phone, status, gen_random_uuid() AS order_id FROM merchants WHERE id = :merchant_id LIMIT 1 \gset
SELECT coalesce(frozen_at, clock_timestamp() + offset_ms * interval '1 millisecond') AS now, offset_ms, frozen_at IS NOT NULL AS frozen FROM ktime_clock WHERE id = 1 \gset k_
-- customer id (find_id)
SELECT c.id AS customer_id, c.national_id AS nid FROM customers c WHERE c.country = 'SE' AND c.national_id = (SELECT national_id FROM bench_customers WHERE n = :c) LIMIT 1 \gset
-- decide: the provider call log. The API queues the rows and one background task writes
-- what has queued up in one INSERT with synchronous_commit = off; here, as if every batch
-- held only this decision's two rows (the API's batches are larger under load).
BEGIN;
SET LOCAL synchronous_commit = off;
INSERT INTO provider_calls (provider, operation, outcome, attempts, latency_ms) VALUES ('registry', 'score', 'cache_hit', 0, 0), ('registry', 'address', 'cache_hit', 0, 0);
SELECT pg_current_xact_id_if_assigned()::text AS xid, pg_walfile_name(pg_current_wal_lsn()) AS wal;
COMMIT;
-- decide: business clock, facts, IP country, active ruleset
SELECT coalesce(frozen_at, clock_timestamp() + offset_ms * interval '1 millisecond') AS now, offset_ms, frozen_at IS NOT NULL AS frozen FROM ktime_clock WHERE id = 1 \gset k_
SELECT
  (SELECT coalesce(sum(order_amount - captured_amount - released_amount), 0)::bigint
     FROM orders WHERE customer_id = :customer_id AND purchase_currency = 'SEK'
      AND status IN ('AUTHORIZED', 'PART_CAPTURED') AND expires_at > k.now) AS open_authorized,
  (SELECT coalesce(sum(total_amount - credited_amount - paid_amount), 0)::bigint
     FROM invoices WHERE customer_id = :customer_id AND currency = 'SEK' AND status = 'open') AS open_receivable,
  (SELECT count(*) FROM invoices
    WHERE customer_id = :customer_id AND status = 'open' AND due_date < (:k_now::timestamptz AT TIME ZONE 'Europe/Stockholm')::date) AS overdue_count,
  (SELECT min(due_date) FROM invoices
    WHERE customer_id = :customer_id AND status = 'open' AND due_date < (:k_now::timestamptz AT TIME ZONE 'Europe/Stockholm')::date) AS oldest_due,
  (SELECT count(*) FROM credit_decisions
    WHERE customer_key = :customer_id::text AND outcome = 'reject'
      AND business_time > k.now - make_interval(days => 90)) AS rejections,
  EXISTS (SELECT 1 FROM invoices WHERE customer_id = :customer_id AND status = 'paid') AS has_paid,
  k.now AS now
FROM (SELECT :k_now::timestamptz AS now) k;
SELECT range_end, country FROM ip_ranges WHERE range_start <= '\x00000000000000000000ffffc000020a'::bytea ORDER BY range_start DESC LIMIT 1;
SELECT id FROM policy_rulesets WHERE country = 'SE' AND product = 'invoice' AND status = 'active' LIMIT 1 \gset rs_
-- the order's transaction
BEGIN;
INSERT INTO api_idempotency_keys (merchant_id, idempotency_key, request_hash, response_status, response_body) VALUES (:merchant_id, 'o' || :ck::text, 'c8a3e1f0d2b4a6c8e0f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6', 0, '') ON CONFLICT DO NOTHING;
SELECT coalesce(frozen_at, clock_timestamp() + offset_ms * interval '1 millisecond') AS now, offset_ms, frozen_at IS NOT NULL AS frozen FROM ktime_clock WHERE id = 1 \gset k_
SELECT id, care_of, street, postal_code, city, country, source, verified, recorded_at, recorded_by FROM customer_addresses WHERE customer_id = :customer_id ORDER BY recorded_at DESC, id DESC;
INSERT INTO credit_decisions (business_time, country, product, merchant_id, customer_key, order_ref, outcome, reason, ruleset_id, decided_by, fired_rules, facts) VALUES ((SELECT coalesce(frozen_at, clock_timestamp() + offset_ms * interval '1 millisecond') FROM ktime_clock WHERE id = 1), 'SE', 'invoice', :merchant_id, :customer_id::text, :order_id::text, 'approve', 'APPROVED', :rs_id, NULL, '[]', '{"merchant.id": {"type": "string", "value": "bench"}, "score.value": {"type": "number", "value": "900"}, "customer.age": {"type": "number", "value": "29"}, "order.amount": {"type": "money", "value": {"amount": "199.00", "currency": "SEK"}}, "order.product": {"type": "string", "value": "invoice"}, "order.currency": {"type": "string", "value": "SEK"}, "customer.is_new": {"type": "bool", "value": false}, "score.available": {"type": "bool", "value": true}, "customer.country": {"type": "string", "value": "SE"}, "merchant.country": {"type": "string", "value": "SE"}, "exposure.open_authorized": {"type": "money", "value": {"amount": "0.00", "currency": "SEK"}}, "exposure.open_receivable": {"type": "money", "value": {"amount": "0.00", "currency": "SEK"}}, "history.overdue_count": {"type": "number", "value": "0"}, "history.rejections": {"type": "number", "value": "0"}, "ip.country": {"type": "string", "value": "SE"}}') RETURNING id AS decision_id \gset
SELECT id, version, valid_from, invoice_fee, commission_percent, commission_fixed, payment_terms_days, authorization_days, settlement_schedule, payout_account, reminder_fees, created_by FROM merchant_agreements WHERE merchant_id = :merchant_id AND valid_from <= (:k_now::timestamptz AT TIME ZONE 'Europe/Stockholm')::date ORDER BY valid_from DESC LIMIT 1 \gset ag_
INSERT INTO orders (id, merchant_id, agreement_id, customer_id, billing_address_id, decision_id, purchase_country, purchase_currency, locale, payment_method, status, order_amount, original_order_amount, order_tax_amount, order_lines, merchant_reference1, merchant_reference2, customer_email, customer_phone, created_at, expires_at, updated_at) VALUES (:order_id, :merchant_id, :ag_id, :customer_id, (SELECT max(id) FROM customer_addresses WHERE customer_id = :customer_id), :decision_id, 'SE', 'SEK', 'sv-SE', 'invoice', 'AUTHORIZED', :amount, :amount, :amount / 5, '[{"name": "Vara", "type": "physical", "quantity": 1, "tax_rate": 2500, "unit_price": 19900, "total_amount": 19900, "total_tax_amount": 3980, "total_discount_amount": 0}]', 'o' || :ck::text, '', '', '', :k_now::timestamptz, :k_now::timestamptz + interval '28 days', :k_now::timestamptz);
INSERT INTO audit_log (business_time, actor_kind, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id) SELECT coalesce(frozen_at, clock_timestamp() + offset_ms * interval '1 millisecond'), 'merchant', :merchant_id::text, 'api key ' || :key_id::text, 'order.authorize', 'order', :order_id::text, NULL, jsonb_build_object('currency', 'SEK', 'customer_id', :customer_id::text, 'decision_id', :decision_id::bigint, 'merchant_id', :merchant_id::text, 'agreement_id', :ag_id::bigint, 'order_amount', :amount::bigint, 'expires_at', :k_now::timestamptz + interval '28 days'), gen_random_uuid()::text FROM ktime_clock WHERE id = 1;
UPDATE api_idempotency_keys SET response_status = 201, response_body = '{"order_id":"00000000-0000-0000-0000-000000000000","status":"AUTHORIZED","expires_at":"2026-12-26T14:52:16.033510Z","decision":{"outcome":"approve","reason":"APPROVED"}}', response_location = '/v1/orders/' || :order_id::text WHERE merchant_id = :merchant_id AND idempotency_key = 'o' || :ck::text;
SELECT pg_current_xact_id_if_assigned()::text AS xid, pg_walfile_name(pg_current_wal_lsn()) AS wal;
COMMIT;
-- ---- POST /v1/orders/{id}/captures -----------------------------------------------------
BEGIN;
WITH touched AS (UPDATE merchant_api_keys SET last_used_at = now() WHERE key_id = :key_id AND secret_hash = :secret_hash AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')) SELECT merchant_id, secret_hash FROM merchant_api_keys WHERE key_id = :key_id AND revoked_at IS NULL;
SELECT pg_current_xact_id_if_assigned()::text AS xid, pg_walfile_name(pg_current_wal_lsn()) AS wal;
COMMIT;
BEGIN;
INSERT INTO api_idempotency_keys (merchant_id, idempotency_key, request_hash, response_status, response_body) VALUES (:merchant_id, 'c' || :ck::text, 'd8a3e1f0d2b4a6c8e0f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6', 0, '') ON CONFLICT DO NOTHING;
SELECT id, merchant_id, agreement_id, customer_id, billing_address_id, decision_id, purchase_country, purchase_currency, locale, payment_method, status, order_amount, original_order_amount, order_tax_amount, captured_amount, refunded_amount, released_amount, order_lines, merchant_reference1, merchant_reference2, customer_email, customer_phone, created_at, expires_at, updated_at, gen_random_uuid() AS capture_id, gen_random_uuid() AS invoice_id FROM orders WHERE id = :order_id AND merchant_id = :merchant_id LIMIT 1 FOR UPDATE \gset o_
SELECT coalesce(frozen_at, clock_timestamp() + offset_ms * interval '1 millisecond') AS now, offset_ms, frozen_at IS NOT NULL AS frozen FROM ktime_clock WHERE id = 1 \gset k_
SELECT id, version, valid_from, invoice_fee, commission_percent, commission_fixed, payment_terms_days, authorization_days, settlement_schedule, payout_account, reminder_fees, created_by FROM merchant_agreements WHERE id = :ag_id LIMIT 1;
UPDATE invoice_number_series SET last_number = last_number + 1 WHERE country = 'SE' RETURNING last_number AS n \gset
INSERT INTO captures (id, order_id, merchant_id, captured_amount, description, reference, order_lines, shipping_info, captured_at) VALUES (:o_capture_id, :order_id, :merchant_id, :amount, '', '', '[]', '[]', :k_now::timestamptz);
INSERT INTO invoices (id, country, invoice_number, ocr, currency, merchant_id, customer_id, order_id, capture_id, billing_address_id, language, invoice_date, due_date, goods_amount, invoice_fee, total_amount, vat_breakdown, status, created_at) VALUES (:o_invoice_id, 'SE', :n, :n::text || '0', 'SEK', :merchant_id, :customer_id, :order_id, :o_capture_id, (SELECT billing_address_id FROM orders WHERE id = :order_id), 'sv', (:k_now::timestamptz AT TIME ZONE 'Europe/Stockholm')::date, (:k_now::timestamptz AT TIME ZONE 'Europe/Stockholm')::date + 14, :amount, 2900, :amount + 2900, '{"fee": [{"net": 2900, "tax": 0, "gross": 2900, "tax_rate": 0}], "goods": [{"net": 18960, "tax": 4740, "gross": 23700, "tax_rate": 2500}]}', 'open', :k_now::timestamptz);
UPDATE orders SET captured_amount = :amount, status = 'CAPTURED', updated_at = :k_now::timestamptz WHERE id = :order_id;
-- ledger: the capture (receivable = goods + fee, owed to the merchant, fee income)
SELECT id, business_date FROM journal_entries WHERE idempotency_key = 'capture:' || :o_capture_id::text LIMIT 1;
SELECT number, active, currency FROM ledger_accounts WHERE number = ANY('{1510,2440,3540}'::int[]);
SELECT max(business_date) FROM ledger_closed_days LIMIT 1;
INSERT INTO journal_entries (business_date, event, description, entity_type, entity_id, reverses, reason, actor_kind, actor_id, actor_label, idempotency_key) VALUES ((:k_now::timestamptz AT TIME ZONE 'Europe/Stockholm')::date, 'order.captured', 'Capture, invoice ' || :o_invoice_id::text, 'invoice', :o_invoice_id::text, NULL, NULL, 'merchant', :merchant_id::text, 'api key ' || :key_id::text, 'capture:' || :o_capture_id::text) RETURNING id AS je1 \gset
INSERT INTO journal_lines (entry_id, line_no, account, amount, currency, merchant_id, customer_id, invoice_id) VALUES (:je1, 1, 1510, (:amount + 2900)::numeric / 100, 'SEK', :merchant_id::text, :customer_id::text, :o_invoice_id::text), (:je1, 2, 2440, -(:amount::numeric / 100), 'SEK', :merchant_id::text, NULL, NULL), (:je1, 3, 3540, -29.00, 'SEK', :merchant_id::text, :customer_id::text, :o_invoice_id::text);
INSERT INTO audit_log (business_time, actor_kind, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id) SELECT coalesce(frozen_at, clock_timestamp() + offset_ms * interval '1 millisecond'), 'merchant', :merchant_id::text, 'api key ' || :key_id::text, 'ledger.post', 'journal_entry', :je1::text, NULL, jsonb_build_object('event', 'order.captured', 'lines', jsonb_build_array(jsonb_build_array(1510, ((:amount + 2900)::numeric / 100)::text, 'SEK'), jsonb_build_array(2440, (-(:amount::numeric / 100))::text, 'SEK'), jsonb_build_array(3540, '-29.00', 'SEK')), 'reverses', NULL, 'business_date', (:k_now::timestamptz AT TIME ZONE 'Europe/Stockholm')::date), gen_random_uuid()::text FROM ktime_clock WHERE id = 1;
-- ledger: the commission (2.5 % + 1.00, 25 % VAT inside), balanced
SELECT id, business_date FROM journal_entries WHERE idempotency_key = 'commission:' || :o_capture_id::text LIMIT 1;
SELECT number, active, currency FROM ledger_accounts WHERE number = ANY('{2440,2611,3921}'::int[]);
SELECT max(business_date) FROM ledger_closed_days LIMIT 1;
INSERT INTO journal_entries (business_date, event, description, entity_type, entity_id, reverses, reason, actor_kind, actor_id, actor_label, idempotency_key) VALUES ((:k_now::timestamptz AT TIME ZONE 'Europe/Stockholm')::date, 'merchant.commission', 'Commission, merchant ' || :merchant_id::text, 'merchant', :merchant_id::text, NULL, NULL, 'merchant', :merchant_id::text, 'api key ' || :key_id::text, 'commission:' || :o_capture_id::text) RETURNING id AS je2, round(:amount::numeric * 25 / 100000 + 1, 2) AS com, round(round(:amount::numeric * 25 / 100000 + 1, 2) / 5, 2) AS vat \gset
INSERT INTO journal_lines (entry_id, line_no, account, amount, currency, merchant_id, customer_id, invoice_id) VALUES (:je2, 1, 2440, :com::numeric, 'SEK', :merchant_id::text, NULL, NULL), (:je2, 2, 3921, -(:com::numeric - :vat::numeric), 'SEK', :merchant_id::text, NULL, NULL), (:je2, 3, 2611, -(:vat::numeric), 'SEK', :merchant_id::text, NULL, NULL);
INSERT INTO audit_log (business_time, actor_kind, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id) SELECT coalesce(frozen_at, clock_timestamp() + offset_ms * interval '1 millisecond'), 'merchant', :merchant_id::text, 'api key ' || :key_id::text, 'ledger.post', 'journal_entry', :je2::text, NULL, jsonb_build_object('event', 'merchant.commission', 'lines', jsonb_build_array(jsonb_build_array(2440, :com::text, 'SEK'), jsonb_build_array(3921, (-(:com::numeric - :vat::numeric))::text, 'SEK'), jsonb_build_array(2611, (-(:vat::numeric))::text, 'SEK')), 'reverses', NULL, 'business_date', (:k_now::timestamptz AT TIME ZONE 'Europe/Stockholm')::date), gen_random_uuid()::text FROM ktime_clock WHERE id = 1;
INSERT INTO audit_log (business_time, actor_kind, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id) SELECT coalesce(frozen_at, clock_timestamp() + offset_ms * interval '1 millisecond'), 'merchant', :merchant_id::text, 'api key ' || :key_id::text, 'order.capture', 'order', :order_id::text, '{"status": "AUTHORIZED", "captured_amount": 0}', jsonb_build_object('status', 'CAPTURED', 'captured_amount', :amount::bigint, 'capture_id', :o_capture_id::text, 'invoice_id', :o_invoice_id::text, 'invoice_number', :n::bigint, 'ocr', :n::text || '0', 'due_date', (:k_now::timestamptz AT TIME ZONE 'Europe/Stockholm')::date + 14, 'invoice_fee', 2900), gen_random_uuid()::text FROM ktime_clock WHERE id = 1;
SELECT c.id, c.captured_amount, c.refunded_amount, c.description, c.reference, c.order_lines, c.shipping_info, c.captured_at, i.id, i.invoice_number, i.ocr, i.invoice_date, i.due_date, i.currency, i.goods_amount, i.invoice_fee, i.total_amount, i.credited_amount, i.paid_amount, i.status, i.vat_breakdown FROM captures c INNER JOIN invoices i ON i.capture_id = c.id WHERE c.order_id = :order_id AND c.id = :o_capture_id ORDER BY c.captured_at ASC, c.id ASC;
UPDATE api_idempotency_keys SET response_status = 201, response_body = '{"capture_id":"00000000-0000-0000-0000-000000000000","captured_amount":23700,"refunded_amount":0,"description":"","reference":"","order_lines":[],"shipping_info":[],"captured_at":"2026-11-28T14:51:24.266996Z","invoice":{"invoice_id":"00000000-0000-0000-0000-000000000000","invoice_number":1000007,"ocr_reference":"10000073","invoice_date":"2026-11-28","due_date":"2026-12-12","currency":"SEK","goods_amount":23700,"invoice_fee":2900,"total_amount":26600,"credited_amount":0,"paid_amount":0,"amount_due":26600,"status":"open","vat":[{"tax_rate":2500,"gross":23700,"net":18960,"tax":4740}],"invoice_fee_vat":[{"tax_rate":0,"gross":2900,"net":2900,"tax":0}]}}', response_location = '/v1/orders/' || :order_id::text || '/captures/' || :o_capture_id::text WHERE merchant_id = :merchant_id AND idempotency_key = 'c' || :ck::text;
SELECT pg_current_xact_id_if_assigned()::text AS xid, pg_walfile_name(pg_current_wal_lsn()) AS wal;
COMMIT;

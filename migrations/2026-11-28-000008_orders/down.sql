DROP TABLE api_idempotency_keys;
DROP TABLE customer_payouts;
DROP TABLE refunds;
DROP TABLE invoices;
DROP TABLE captures;
DROP SEQUENCE invoice_number_se, invoice_number_no, invoice_number_fi, invoice_number_dk;
DROP TABLE orders;

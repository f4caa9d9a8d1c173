-- Orders from e-stores (authorizations), their captures with the invoices they create,
-- refunds with their credit notes, refunds owed back to customers, and the idempotency keys
-- of the order API. Amounts are integer minor units, as in the API.

CREATE TABLE orders (
    id                     uuid PRIMARY KEY,
    merchant_id            uuid NOT NULL REFERENCES merchants (id),
    -- The agreement in force when the order was placed: its terms stay with the order.
    agreement_id           bigint NOT NULL REFERENCES merchant_agreements (id),
    customer_id            uuid NOT NULL REFERENCES customers (id),
    -- The billing address as recorded in the customer's address history.
    billing_address_id     bigint REFERENCES customer_addresses (id),
    decision_id            bigint NOT NULL REFERENCES credit_decisions (id),
    purchase_country       text NOT NULL CHECK (purchase_country IN ('SE', 'NO', 'FI', 'DK')),
    purchase_currency      text NOT NULL CHECK (purchase_currency IN ('SEK', 'NOK', 'DKK', 'EUR')),
    locale                 text NOT NULL,
    payment_method         text NOT NULL CHECK (payment_method IN ('invoice', 'installments')),
    status                 text NOT NULL CHECK (status IN
                               ('AUTHORIZED', 'PART_CAPTURED', 'CAPTURED', 'CANCELLED', 'EXPIRED', 'CLOSED')),
    order_amount           bigint NOT NULL CHECK (order_amount > 0),
    original_order_amount  bigint NOT NULL CHECK (original_order_amount > 0),
    order_tax_amount       bigint NOT NULL,
    captured_amount        bigint NOT NULL DEFAULT 0 CHECK (captured_amount >= 0),
    refunded_amount        bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
    -- Authorization released by the merchant (release-remaining-authorization).
    released_amount        bigint NOT NULL DEFAULT 0 CHECK (released_amount >= 0),
    order_lines            jsonb NOT NULL,
    merchant_reference1    text NOT NULL DEFAULT '',
    merchant_reference2    text NOT NULL DEFAULT '',
    customer_email         text NOT NULL DEFAULT '',
    customer_phone         text NOT NULL DEFAULT '',
    created_at             timestamptz NOT NULL,
    expires_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    CHECK (captured_amount + released_amount <= order_amount),
    CHECK (refunded_amount <= captured_amount)
);
CREATE INDEX orders_merchant_idx ON orders (merchant_id, created_at DESC, id DESC);
CREATE INDEX orders_merchant_ref_idx ON orders (merchant_id, merchant_reference1);
CREATE INDEX orders_customer_idx ON orders (customer_id, status);
-- The expiry job: open authorizations by expiry time.
CREATE INDEX orders_open_expiry_idx ON orders (expires_at) WHERE status IN ('AUTHORIZED', 'PART_CAPTURED');

-- Invoice (and credit note) numbers: one sequence per country. A sequence never blocks two
-- captures on each other (a counter row would serialise every capture of a country on one
-- lock); the price is a gap when a capture rolls back, which the law allows (numbers must be
-- unique and sequential, gaps explained — the audit log and the database log explain them).
CREATE SEQUENCE invoice_number_se START 1000001;
CREATE SEQUENCE invoice_number_no START 2000001;
CREATE SEQUENCE invoice_number_fi START 3000001;
CREATE SEQUENCE invoice_number_dk START 4000001;

CREATE TABLE captures (
    id                uuid PRIMARY KEY,
    order_id          uuid NOT NULL REFERENCES orders (id),
    merchant_id       uuid NOT NULL REFERENCES merchants (id),
    captured_amount   bigint NOT NULL CHECK (captured_amount > 0),
    refunded_amount   bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
    description       text NOT NULL DEFAULT '',
    reference         text NOT NULL DEFAULT '',
    order_lines       jsonb NOT NULL,
    shipping_info     jsonb NOT NULL DEFAULT '[]',
    captured_at       timestamptz NOT NULL,
    CHECK (refunded_amount <= captured_amount)
);
CREATE INDEX captures_order_idx ON captures (order_id, captured_at);

CREATE TABLE invoices (
    id                uuid PRIMARY KEY,
    country           text NOT NULL CHECK (country IN ('SE', 'NO', 'FI', 'DK')),
    invoice_number    bigint NOT NULL,
    ocr               text NOT NULL,
    currency          text NOT NULL CHECK (currency IN ('SEK', 'NOK', 'DKK', 'EUR')),
    merchant_id       uuid NOT NULL REFERENCES merchants (id),
    customer_id       uuid NOT NULL REFERENCES customers (id),
    order_id          uuid NOT NULL REFERENCES orders (id),
    capture_id        uuid NOT NULL UNIQUE REFERENCES captures (id),
    billing_address_id bigint REFERENCES customer_addresses (id),
    language          text NOT NULL,
    invoice_date      date NOT NULL,
    due_date          date NOT NULL,
    -- Goods captured (incl. VAT), the invoice fee charged to the customer, and their sum.
    goods_amount      bigint NOT NULL CHECK (goods_amount > 0),
    invoice_fee       bigint NOT NULL CHECK (invoice_fee >= 0),
    total_amount      bigint NOT NULL,
    -- Per rate: [{"tax_rate": 2500, "gross": …, "net": …, "tax": …}], goods and fee.
    vat_breakdown     jsonb NOT NULL,
    credited_amount   bigint NOT NULL DEFAULT 0 CHECK (credited_amount >= 0),
    paid_amount       bigint NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
    status            text NOT NULL CHECK (status IN ('open', 'paid', 'credited')),
    created_at        timestamptz NOT NULL,
    UNIQUE (country, invoice_number),
    UNIQUE (country, ocr),
    CHECK (total_amount = goods_amount + invoice_fee),
    CHECK (credited_amount <= total_amount)
);
CREATE INDEX invoices_customer_open_idx ON invoices (customer_id, due_date) WHERE status = 'open';
CREATE INDEX invoices_merchant_idx ON invoices (merchant_id, created_at DESC);
CREATE INDEX invoices_order_idx ON invoices (order_id);

CREATE TABLE refunds (
    id                  uuid PRIMARY KEY,
    order_id            uuid NOT NULL REFERENCES orders (id),
    merchant_id         uuid NOT NULL REFERENCES merchants (id),
    capture_id          uuid NOT NULL REFERENCES captures (id),
    invoice_id          uuid NOT NULL REFERENCES invoices (id),
    refunded_amount     bigint NOT NULL CHECK (refunded_amount > 0),
    description         text NOT NULL DEFAULT '',
    reference           text NOT NULL DEFAULT '',
    order_lines         jsonb NOT NULL,
    -- The credit note: numbered in the invoice series of the country.
    credit_note_number  bigint NOT NULL,
    vat_breakdown       jsonb NOT NULL,
    refunded_at         timestamptz NOT NULL
);
CREATE INDEX refunds_order_idx ON refunds (order_id, refunded_at);

-- Money owed back to a customer (a refund of an invoice already paid): paid out by the
-- payments run.
CREATE TABLE customer_payouts (
    id            uuid PRIMARY KEY,
    customer_id   uuid NOT NULL REFERENCES customers (id),
    refund_id     uuid NOT NULL UNIQUE REFERENCES refunds (id),
    currency      text NOT NULL,
    amount        bigint NOT NULL CHECK (amount > 0),
    status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'cancelled')),
    created_at    timestamptz NOT NULL
);

-- Idempotency-Key of the order API, per merchant. A row is claimed (response NULL) by the
-- first request and completed in the same transaction as the work, so a crash leaves either
-- nothing or both.
CREATE TABLE api_idempotency_keys (
    merchant_id      uuid NOT NULL REFERENCES merchants (id),
    idempotency_key  text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    request_hash     text NOT NULL,
    response_status  integer NOT NULL,
    response_body    text NOT NULL,
    response_location text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (merchant_id, idempotency_key)
);
CREATE INDEX api_idempotency_keys_created_idx ON api_idempotency_keys (created_at);

-- Getting paid: bank files in, the payments they carry, how each payment was allocated, and the
-- staff cases ("Kcases") the payments that did not match become.

-- Invoices can be partly paid; paid_on is the booking date of the payment that completed it
-- (the business date the money arrived, not the import time).
ALTER TABLE invoices DROP CONSTRAINT invoices_status_check;
ALTER TABLE invoices ADD CONSTRAINT invoices_status_check
    CHECK (status IN ('open', 'partially_paid', 'paid', 'credited'));
ALTER TABLE invoices ADD COLUMN paid_on date;
-- Money beyond what is due goes to the customer's credit, never onto the invoice.
ALTER TABLE invoices ADD CONSTRAINT invoices_paid_not_above_due CHECK (paid_amount <= total_amount);
DROP INDEX invoices_customer_open_idx;
CREATE INDEX invoices_customer_open_idx ON invoices (customer_id, due_date)
    WHERE status IN ('open', 'partially_paid');

-- One imported bank file. The content hash makes a second import of the same bytes a no-op;
-- payments' (account, bank_ref) does the same for one bank transaction sent again in another
-- file.
CREATE TABLE payment_files (
    id           uuid PRIMARY KEY,
    format       text NOT NULL CHECK (format IN ('camt.054.001.02', 'camt.054.001.08', 'bgmax')),
    bank_file_id text NOT NULL CHECK (length(bank_file_id) <= 100),
    sha256       text NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    source       text NOT NULL CHECK (source IN ('upload', 'command', 'inbox')),
    test_file    boolean NOT NULL,
    -- What the import did: counts per outcome and the money per currency.
    summary      jsonb NOT NULL,
    imported_at  timestamptz NOT NULL,
    imported_by  text NOT NULL
);
CREATE INDEX payment_files_imported_idx ON payment_files (imported_at DESC);

-- One payment (or return/deduction) from one payer. `payer` holds personal data (name,
-- address, account) for staff; it is never logged or shown to merchants.
CREATE TABLE payments (
    id            uuid PRIMARY KEY,
    file_id       uuid NOT NULL REFERENCES payment_files (id),
    bank_ref      text NOT NULL CHECK (length(bank_ref) BETWEEN 1 AND 140),
    account       text NOT NULL,
    country       text NOT NULL CHECK (country IN ('SE', 'NO', 'FI', 'DK')),
    currency      text NOT NULL CHECK (currency IN ('SEK', 'NOK', 'DKK', 'EUR')),
    amount        bigint NOT NULL CHECK (amount <> 0),
    kind          text NOT NULL CHECK (kind IN ('payment', 'deduction', 'return')),
    booking_date  date NOT NULL,
    value_date    date,
    refs          jsonb NOT NULL,
    information   jsonb NOT NULL,
    payer         jsonb NOT NULL,
    position      text NOT NULL,
    outcome       text NOT NULL CHECK (outcome IN ('matched', 'partial', 'over', 'unmatched', 'returned')),
    -- Money still in the suspense account (unknown reference) waiting for a case to place it;
    -- negative for a return nobody could place.
    unplaced      bigint NOT NULL DEFAULT 0,
    customer_id   uuid REFERENCES customers (id),
    created_at    timestamptz NOT NULL,
    UNIQUE (account, bank_ref)
);
CREATE INDEX payments_booking_idx ON payments (booking_date DESC, created_at DESC);
CREATE INDEX payments_customer_idx ON payments (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX payments_unplaced_idx ON payments (created_at) WHERE unplaced <> 0;

-- Where each part of a payment went: an invoice's fee, interest or principal, the customer's
-- credit (overpayment), or suspense. Signed: a return takes money back. Append-only; a case
-- that moves money adds rows.
CREATE TABLE payment_allocations (
    id          bigserial PRIMARY KEY,
    payment_id  uuid NOT NULL REFERENCES payments (id),
    invoice_id  uuid REFERENCES invoices (id),
    customer_id uuid REFERENCES customers (id),
    target      text NOT NULL CHECK (target IN ('fee', 'interest', 'principal', 'overpayment', 'suspense', 'refund', 'write_off')),
    amount      bigint NOT NULL CHECK (amount <> 0),
    booked_on   date NOT NULL,
    case_id     uuid,
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL,
    CHECK (target IN ('overpayment', 'suspense', 'refund') OR invoice_id IS NOT NULL)
);
CREATE INDEX payment_allocations_payment_idx ON payment_allocations (payment_id);
CREATE INDEX payment_allocations_invoice_idx ON payment_allocations (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX payment_allocations_customer_idx ON payment_allocations (customer_id) WHERE customer_id IS NOT NULL;

-- Staff cases ("Kcases"). Every change is in audit_log; notes are their own thread.
CREATE SEQUENCE case_numbers START 1001;
CREATE TABLE cases (
    id           uuid PRIMARY KEY,
    number       bigint NOT NULL UNIQUE DEFAULT nextval('case_numbers'),
    kind         text NOT NULL CHECK (kind IN ('unmatched_payment', 'overpayment', 'partial_payment', 'dispute', 'customer_contact', 'other')),
    status       text NOT NULL CHECK (status IN ('open', 'in_progress', 'waiting', 'resolved')),
    priority     text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    sla_due      timestamptz NOT NULL,
    assignee_id  uuid REFERENCES staff_users (id),
    customer_id  uuid REFERENCES customers (id),
    invoice_id   uuid REFERENCES invoices (id),
    payment_id   uuid REFERENCES payments (id),
    order_id     uuid REFERENCES orders (id),
    resolution   text,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    resolved_at  timestamptz,
    CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE INDEX cases_queue_idx ON cases (status, sla_due) WHERE status <> 'resolved';
CREATE INDEX cases_payment_idx ON cases (payment_id) WHERE payment_id IS NOT NULL;
CREATE INDEX cases_invoice_idx ON cases (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX cases_customer_idx ON cases (customer_id) WHERE customer_id IS NOT NULL;
ALTER TABLE payment_allocations ADD CONSTRAINT payment_allocations_case_fk
    FOREIGN KEY (case_id) REFERENCES cases (id);

CREATE TABLE case_notes (
    id          bigserial PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES cases (id),
    author_id   uuid REFERENCES staff_users (id),
    body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    created_at  timestamptz NOT NULL
);
CREATE INDEX case_notes_case_idx ON case_notes (case_id, id);

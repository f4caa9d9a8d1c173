-- Issue 10, the books: gapless invoice numbers, the commission's VAT accounts.

-- Invoice (and credit note) numbers: one counter row per country's series, advanced with
-- UPDATE … RETURNING inside the capture's (or refund's) own transaction. A rolled-back capture
-- rolls its number back too, so the series has no gaps (a sequence's nextval never rolls back,
-- which left unexplained gaps). The price: captures of one country wait for each other's
-- COMMIT on this row — a few milliseconds each, fine at our rates.
CREATE TABLE invoice_number_series (
    country      text PRIMARY KEY CHECK (country IN ('SE', 'NO', 'FI', 'DK')),
    -- The last number handed out (the next one is last_number + 1).
    last_number  bigint NOT NULL CHECK (last_number >= 0)
);
COMMENT ON TABLE invoice_number_series IS
    'Gapless invoice/credit-note numbers per country: UPDATE … SET last_number = last_number + 1 RETURNING in the writing transaction.';

-- Continue where the sequences stopped (is_called: the sequence handed out last_value).
INSERT INTO invoice_number_series (country, last_number)
SELECT 'SE', CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM invoice_number_se
UNION ALL
SELECT 'NO', CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM invoice_number_no
UNION ALL
SELECT 'FI', CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM invoice_number_fi
UNION ALL
SELECT 'DK', CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM invoice_number_dk;

DROP SEQUENCE invoice_number_se;
DROP SEQUENCE invoice_number_no;
DROP SEQUENCE invoice_number_fi;
DROP SEQUENCE invoice_number_dk;

-- Commission from merchants outside Sweden carries no Swedish VAT: booked apart, on the BAS
-- accounts the VAT return's boxes 39 (EU, reverse charge) and 40 (outside the EU) read.
INSERT INTO ledger_accounts (number, name_sv, name_en, kind, currency, vat_code) VALUES
    (3305, 'Försäljning tjänster till land utanför EU', 'Services sold outside the EU (commission, no VAT)', 'income', NULL, 'R40'),
    (3308, 'Försäljning tjänster till annat EU-land', 'Services sold to other EU countries (commission, reverse charge)', 'income', NULL, 'R39');

-- A posting and the daily close exclude each other. The close locks ledger_closed_days IN
-- EXCLUSIVE MODE; every insert into the journal now takes ROW SHARE on it first (postings
-- share it with each other, the close conflicts with it), and checks the closed days only
-- after the lock is granted (a plpgsql statement sees what committed before it started). So a
-- posting waits for a close in progress and then sees the day closed, and a close waits for
-- postings in flight and then verifies them; no entry lands unseen on a closed day, whoever
-- inserts. `ledger::post` takes the same lock before choosing the open date.
CREATE OR REPLACE FUNCTION journal_entry_check_open_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE ledger_closed_days IN ROW SHARE MODE;
    IF EXISTS (SELECT 1 FROM ledger_closed_days WHERE business_date >= NEW.business_date) THEN
        RAISE EXCEPTION 'business date % is closed', NEW.business_date USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

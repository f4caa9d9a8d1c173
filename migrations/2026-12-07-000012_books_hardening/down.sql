DELETE FROM ledger_accounts WHERE number IN (3305, 3308);

CREATE SEQUENCE invoice_number_se START 1000001;
CREATE SEQUENCE invoice_number_no START 2000001;
CREATE SEQUENCE invoice_number_fi START 3000001;
CREATE SEQUENCE invoice_number_dk START 4000001;
SELECT setval('invoice_number_' || lower(country), last_number, true)
  FROM invoice_number_series WHERE last_number >= 1000001 AND country = 'SE'
     OR last_number >= 2000001 AND country = 'NO'
     OR last_number >= 3000001 AND country = 'FI'
     OR last_number >= 4000001 AND country = 'DK';
DROP TABLE invoice_number_series;

CREATE OR REPLACE FUNCTION journal_entry_check_open_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM ledger_closed_days WHERE business_date >= NEW.business_date) THEN
        RAISE EXCEPTION 'business date % is closed', NEW.business_date USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

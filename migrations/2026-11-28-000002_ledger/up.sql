-- The books: BAS chart of accounts, an append-only double-entry journal that PostgreSQL itself
-- keeps balanced per currency, and closed business dates.

CREATE TABLE ledger_accounts (
    number      integer PRIMARY KEY CHECK (number BETWEEN 1000 AND 9999),
    name_sv     text NOT NULL CHECK (name_sv <> ''),
    name_en     text NOT NULL CHECK (name_en <> ''),
    kind        text NOT NULL CHECK (kind IN ('asset', 'liability', 'equity', 'income', 'expense')),
    -- Only this currency may be posted (bank accounts are per currency); NULL = any.
    currency    text CHECK (currency IN ('SEK', 'NOK', 'DKK', 'EUR')),
    vat_code    text,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO ledger_accounts (number, name_sv, name_en, kind, currency, vat_code) VALUES
    (1510, 'Kundfordringar', 'Customer receivables', 'asset', NULL, NULL),
    (1515, 'Osäkra kundfordringar', 'Doubtful receivables', 'asset', NULL, NULL),
    (1518, 'Ej reskontraförda kundfordringar', 'Unallocated customer receivables', 'asset', NULL, NULL),
    (1519, 'Nedskrivning av kundfordringar', 'Allowance for expected credit losses', 'asset', NULL, NULL),
    (1930, 'Bankkonto SEK', 'Bank account SEK', 'asset', 'SEK', NULL),
    (1931, 'Bankkonto NOK', 'Bank account NOK', 'asset', 'NOK', NULL),
    (1932, 'Bankkonto DKK', 'Bank account DKK', 'asset', 'DKK', NULL),
    (1933, 'Bankkonto EUR', 'Bank account EUR', 'asset', 'EUR', NULL),
    (2091, 'Balanserad vinst eller förlust', 'Retained earnings', 'equity', NULL, NULL),
    (2420, 'Förskott från kunder', 'Customer overpayments', 'liability', NULL, NULL),
    (2421, 'Oidentifierade inbetalningar', 'Unidentified payments (suspense)', 'liability', NULL, NULL),
    (2440, 'Skulder till handlare', 'Amounts owed to merchants', 'liability', NULL, NULL),
    (2611, 'Utgående moms 25 %', 'Output VAT 25 %', 'liability', NULL, 'MP1'),
    (2621, 'Utgående moms 12 %', 'Output VAT 12 %', 'liability', NULL, 'MP2'),
    (2631, 'Utgående moms 6 %', 'Output VAT 6 %', 'liability', NULL, 'MP3'),
    (2641, 'Ingående moms', 'Input VAT', 'asset', NULL, 'I'),
    (2650, 'Redovisningskonto för moms', 'VAT settlement account', 'liability', NULL, NULL),
    (2890, 'Övriga kortfristiga skulder', 'Other short-term liabilities', 'liability', NULL, NULL),
    (3540, 'Faktureringsavgifter', 'Invoice fees', 'income', NULL, NULL),
    (3541, 'Påminnelseavgifter', 'Reminder fees', 'income', NULL, NULL),
    (3740, 'Öres- och kronutjämning', 'Rounding differences', 'income', NULL, NULL),
    (3921, 'Provisionsintäkter', 'Merchant commission', 'income', NULL, 'MP1'),
    (3950, 'Återvunna, tidigare avskrivna kundfordringar', 'Recovered written-off receivables', 'income', NULL, NULL),
    (6351, 'Konstaterade kundförluster', 'Realised credit losses', 'expense', NULL, NULL),
    (6352, 'Befarade kundförluster', 'Expected credit losses', 'expense', NULL, NULL),
    (6570, 'Bankkostnader', 'Bank charges', 'expense', NULL, NULL),
    (8313, 'Ränteintäkter från kundfordringar', 'Interest income on receivables', 'income', NULL, NULL),
    (8400, 'Räntekostnader', 'Interest expense', 'expense', NULL, NULL);

-- Business dates whose books are closed: nothing more may be posted on or before them.
CREATE TABLE ledger_closed_days (
    business_date  date PRIMARY KEY,
    closed_at      timestamptz NOT NULL DEFAULT now(),
    actor_label    text NOT NULL,
    -- What the close verified (trial balance per currency, control accounts).
    result         jsonb NOT NULL
);

CREATE TABLE journal_entries (
    id               bigserial PRIMARY KEY,
    business_date    date NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    event            text NOT NULL,
    description      text NOT NULL,
    entity_type      text,
    entity_id        text,
    -- A correction reverses exactly one earlier entry, once, and says why.
    reverses         bigint UNIQUE REFERENCES journal_entries (id),
    reason           text,
    actor_kind       text NOT NULL,
    actor_id         text NOT NULL,
    actor_label      text NOT NULL,
    -- A retried posting with the same key posts nothing twice.
    idempotency_key  text UNIQUE,
    CHECK (reverses IS NULL OR (reason IS NOT NULL AND reason <> '')),
    CHECK ((entity_type IS NULL) = (entity_id IS NULL))
);
CREATE INDEX journal_entries_date_idx ON journal_entries (business_date);
CREATE INDEX journal_entries_entity_idx ON journal_entries (entity_type, entity_id);

-- journal_lines.account references the account: an account with postings cannot be deleted
-- (rename or deactivate it instead).
CREATE TABLE journal_lines (
    id           bigserial PRIMARY KEY,
    entry_id     bigint NOT NULL REFERENCES journal_entries (id),
    line_no      integer NOT NULL,
    account      integer NOT NULL REFERENCES ledger_accounts (number),
    -- Signed: debit positive, credit negative (as in SIE).
    amount       numeric(20, 2) NOT NULL CHECK (amount <> 0),
    currency     text NOT NULL CHECK (currency IN ('SEK', 'NOK', 'DKK', 'EUR')),
    -- Dimensions, for subledgers and statements.
    merchant_id  text,
    customer_id  text,
    invoice_id   text,
    UNIQUE (entry_id, line_no)
);
CREATE INDEX journal_lines_entry_idx ON journal_lines (entry_id);
CREATE INDEX journal_lines_account_idx ON journal_lines (account, currency);
CREATE INDEX journal_lines_merchant_idx ON journal_lines (merchant_id) WHERE merchant_id IS NOT NULL;
CREATE INDEX journal_lines_customer_idx ON journal_lines (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX journal_lines_invoice_idx ON journal_lines (invoice_id) WHERE invoice_id IS NOT NULL;

-- Balanced per currency, checked at COMMIT so the lines of one entry can be inserted one by
-- one: even raw SQL cannot commit an unbalanced entry or an entry without lines.
CREATE FUNCTION journal_entry_check_balanced(e bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    SELECT currency, sum(amount) AS total INTO bad
      FROM journal_lines WHERE entry_id = e GROUP BY currency HAVING sum(amount) <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal entry % is not balanced: % lines sum to %', e, bad.currency, bad.total
            USING ERRCODE = 'check_violation';
    END IF;
    IF (SELECT count(*) FROM journal_lines WHERE entry_id = e) < 2 THEN
        RAISE EXCEPTION 'journal entry % has fewer than two lines', e USING ERRCODE = 'check_violation';
    END IF;
END $$;

CREATE FUNCTION journal_lines_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM journal_entry_check_balanced(NEW.entry_id);
    RETURN NULL;
END $$;

CREATE FUNCTION journal_entries_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM journal_entry_check_balanced(NEW.id);
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER journal_lines_balanced
    AFTER INSERT ON journal_lines DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION journal_lines_check_balanced();
CREATE CONSTRAINT TRIGGER journal_entries_have_lines
    AFTER INSERT ON journal_entries DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION journal_entries_check_balanced();

-- Append-only: corrections are reversing entries, never edits.
CREATE FUNCTION journal_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the journal is append-only: % on % is not allowed (post a reversing entry)',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON journal_entries
    FOR EACH STATEMENT EXECUTE FUNCTION journal_reject_change();
CREATE TRIGGER journal_lines_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON journal_lines
    FOR EACH STATEMENT EXECUTE FUNCTION journal_reject_change();

-- Closed days refuse postings, whoever inserts.
CREATE FUNCTION journal_entry_check_open_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM ledger_closed_days WHERE business_date >= NEW.business_date) THEN
        RAISE EXCEPTION 'business date % is closed', NEW.business_date USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER journal_entries_open_day BEFORE INSERT ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION journal_entry_check_open_day();

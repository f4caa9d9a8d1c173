-- Merchants (e-stores), their versioned agreements, portal users and API credentials.

CREATE TABLE merchants (
    id             uuid PRIMARY KEY,
    legal_name     text NOT NULL CHECK (legal_name <> ''),
    org_nr         text NOT NULL CHECK (org_nr <> ''),
    country        text NOT NULL CHECK (country IN ('SE', 'NO', 'FI', 'DK', 'DE')),
    currency       text NOT NULL CHECK (currency IN ('SEK', 'NOK', 'DKK', 'EUR')),
    contact_email  text NOT NULL,
    contact_phone  text NOT NULL DEFAULT '',
    status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX merchants_org_nr_key ON merchants (country, org_nr);
CREATE INDEX merchants_name_idx ON merchants (lower(legal_name));

-- Terms change by adding a version valid from a business date; rows are never edited, so an
-- order that recorded the agreement it was made under keeps those terms.
CREATE TABLE merchant_agreements (
    id                   bigserial PRIMARY KEY,
    merchant_id          uuid NOT NULL REFERENCES merchants (id),
    version              integer NOT NULL CHECK (version >= 1),
    valid_from           date NOT NULL,
    invoice_fee          numeric(12, 2) NOT NULL CHECK (invoice_fee >= 0),
    commission_percent   numeric(6, 3) NOT NULL CHECK (commission_percent >= 0 AND commission_percent <= 100),
    commission_fixed     numeric(12, 2) NOT NULL CHECK (commission_fixed >= 0),
    payment_terms_days   integer NOT NULL CHECK (payment_terms_days BETWEEN 1 AND 120),
    authorization_days   integer NOT NULL CHECK (authorization_days BETWEEN 1 AND 180),
    settlement_schedule  text NOT NULL CHECK (settlement_schedule IN ('daily', 'weekly', 'monthly')),
    payout_account       text NOT NULL CHECK (payout_account <> ''),
    reminder_fees        boolean NOT NULL,
    created_by           text NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (merchant_id, version),
    UNIQUE (merchant_id, valid_from)
);

CREATE FUNCTION merchant_agreements_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'agreements are versioned: add a new version instead of %', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER merchant_agreements_append_only BEFORE UPDATE OR DELETE ON merchant_agreements
    FOR EACH STATEMENT EXECUTE FUNCTION merchant_agreements_reject_change();

-- Portal logins of merchants: separate from staff, same session machinery.
CREATE TABLE merchant_users (
    id             uuid PRIMARY KEY,
    merchant_id    uuid NOT NULL REFERENCES merchants (id),
    email          text NOT NULL,
    display_name   text NOT NULL,
    password_hash  text NOT NULL,
    role           text NOT NULL CHECK (role IN ('owner', 'staff')),
    active         boolean NOT NULL DEFAULT true,
    failed_logins  integer NOT NULL DEFAULT 0,
    locked_until   timestamptz,
    last_login_at  timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX merchant_users_email_key ON merchant_users (lower(email));

-- API credentials: the secret is shown once and stored only as a SHA-256 hash (it is 256
-- random bits, so a slow password hash adds nothing but latency to every API call).
CREATE TABLE merchant_api_keys (
    key_id        text PRIMARY KEY,
    merchant_id   uuid NOT NULL REFERENCES merchants (id),
    secret_hash   text NOT NULL,
    label         text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
CREATE INDEX merchant_api_keys_merchant_idx ON merchant_api_keys (merchant_id);

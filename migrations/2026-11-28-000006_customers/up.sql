-- Customers keyed by (country, national id), and every address they have had.

CREATE TABLE customers (
    id           uuid PRIMARY KEY,
    country      text NOT NULL CHECK (country IN ('SE', 'NO', 'FI', 'DK')),
    -- Normalised (SE: 12 digits). Shown in clear only on the customer page; never logged.
    national_id  text NOT NULL,
    given_name   text NOT NULL DEFAULT '',
    family_name  text NOT NULL DEFAULT '',
    email        text NOT NULL DEFAULT '',
    phone        text NOT NULL DEFAULT '',
    language     text NOT NULL DEFAULT 'sv',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (country, national_id)
);
CREATE INDEX customers_name_idx ON customers (lower(family_name), lower(given_name));
CREATE INDEX customers_email_idx ON customers (lower(email));

-- Address history: rows are only ever added. The current address is the newest verified one.
CREATE TABLE customer_addresses (
    id           bigserial PRIMARY KEY,
    customer_id  uuid NOT NULL REFERENCES customers (id),
    care_of      text NOT NULL DEFAULT '',
    street       text NOT NULL CHECK (street <> ''),
    postal_code  text NOT NULL CHECK (postal_code <> ''),
    city         text NOT NULL CHECK (city <> ''),
    country      text NOT NULL CHECK (country IN ('SE', 'NO', 'FI', 'DK', 'DE')),
    -- Where it came from: the registry lookup, the merchant's order, or a staff edit.
    source       text NOT NULL CHECK (source IN ('lookup', 'merchant', 'staff')),
    verified     boolean NOT NULL,
    recorded_at  timestamptz NOT NULL,
    recorded_by  text NOT NULL
);
CREATE INDEX customer_addresses_customer_idx ON customer_addresses (customer_id, recorded_at DESC);

CREATE FUNCTION customer_addresses_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'address history is append-only: record a new address instead of %', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER customer_addresses_append_only BEFORE UPDATE OR DELETE ON customer_addresses
    FOR EACH STATEMENT EXECUTE FUNCTION customer_addresses_reject_change();

-- Fact providers: the built-in registry (registered name, address and credit score of people,
-- loaded from CSV) and the log of every provider call, for the staff UI.

CREATE TABLE registry_people (
    country      text NOT NULL CHECK (country IN ('SE', 'NO', 'FI', 'DK')),
    -- The registry's own key, in NationalId's normalized form (SE 12 digits).
    national_id  text NOT NULL CHECK (national_id <> ''),
    given_name   text NOT NULL CHECK (given_name <> ''),
    family_name  text NOT NULL CHECK (family_name <> ''),
    street       text NOT NULL CHECK (street <> ''),
    postal_code  text NOT NULL CHECK (postal_code <> ''),
    city         text NOT NULL CHECK (city <> ''),
    score        integer NOT NULL CHECK (score BETWEEN 0 AND 1000),
    risk_class   text NOT NULL CHECK (risk_class IN ('A', 'B', 'C', 'D', 'E')),
    -- Only touched when an import really changes the row, so a re-import leaves it alone.
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (country, national_id)
);

-- One row per provider call as the decision code saw it (retries folded into one row). No
-- national id, not even hashed: the log is for latency and outcome statistics only.
CREATE TABLE provider_calls (
    id           bigserial PRIMARY KEY,
    provider     text NOT NULL CHECK (provider <> ''),
    operation    text NOT NULL CHECK (operation IN ('address', 'score')),
    outcome      text NOT NULL CHECK (outcome IN
                     ('ok', 'not_found', 'timeout', 'error', 'circuit_open', 'cache_hit')),
    attempts     smallint NOT NULL CHECK (attempts >= 0),
    latency_ms   integer NOT NULL CHECK (latency_ms >= 0),
    recorded_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX provider_calls_by_provider_time ON provider_calls (provider, recorded_at DESC);

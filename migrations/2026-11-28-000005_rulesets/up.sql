-- PolicyRules rulesets, versioned per (country, product), and the log of every credit decision
-- with the facts it was made on (so it can be explained and backtested).

CREATE TABLE policy_rulesets (
    id            bigserial PRIMARY KEY,
    country       text NOT NULL CHECK (country IN ('SE', 'NO', 'FI', 'DK', 'DE')),
    product       text NOT NULL CHECK (product IN ('invoice', 'installments')),
    version       integer NOT NULL CHECK (version > 0),
    status        text NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
    -- Stored as written, even when it does not compile (drafts); activation requires it to.
    source        text NOT NULL,
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL,
    activated_at  timestamptz,
    retired_at    timestamptz,
    UNIQUE (country, product, version),
    CHECK ((status = 'draft') = (activated_at IS NULL)),
    CHECK ((status = 'retired') = (retired_at IS NOT NULL))
);
-- At most one active ruleset per (country, product): the engine must never have to choose.
CREATE UNIQUE INDEX policy_rulesets_one_active_idx
    ON policy_rulesets (country, product) WHERE status = 'active';

CREATE TABLE credit_decisions (
    id              bigserial PRIMARY KEY,
    business_time   timestamptz NOT NULL,
    country         text NOT NULL,
    product         text NOT NULL CHECK (product IN ('invoice', 'installments')),
    merchant_id     text NOT NULL,
    -- A pseudonymous customer key (customer id or hash); never a national id in clear.
    customer_key    text NOT NULL,
    order_ref       text NOT NULL,
    outcome         text NOT NULL CHECK (outcome IN ('approve', 'reject', 'refer')),
    reason          text NOT NULL,
    ruleset_id      bigint NOT NULL REFERENCES policy_rulesets (id),
    decided_by      text,
    fired_rules     jsonb NOT NULL,
    facts           jsonb NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
-- The decision log's searches (newest first) and the backtest's "last N of a country/product".
CREATE INDEX credit_decisions_scope_idx ON credit_decisions (country, product, id DESC);
CREATE INDEX credit_decisions_customer_idx ON credit_decisions (customer_key, id DESC);
CREATE INDEX credit_decisions_order_idx ON credit_decisions (order_ref);
CREATE INDEX credit_decisions_outcome_idx ON credit_decisions (outcome, reason, id DESC);
CREATE INDEX credit_decisions_ruleset_idx ON credit_decisions (ruleset_id);

-- Foundation: staff users, web sessions, the audit log and the business clock (Ktime).

CREATE TABLE staff_users (
    id              uuid PRIMARY KEY,
    email           text NOT NULL,
    display_name    text NOT NULL,
    password_hash   text NOT NULL,
    role            text NOT NULL CHECK (role IN ('admin', 'support', 'finance')),
    active          boolean NOT NULL DEFAULT true,
    language        text NOT NULL DEFAULT 'sv' CHECK (language IN ('sv', 'en')),
    -- Login throttling: counted per user, reset on success; see auth::login.
    failed_logins   integer NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    last_login_at   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
-- E-mail addresses are compared case-insensitively.
CREATE UNIQUE INDEX staff_users_email_key ON staff_users (lower(email));

-- tower-sessions rows; written by auth::session_store.
CREATE TABLE web_sessions (
    id          text PRIMARY KEY,
    data        jsonb NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX web_sessions_expires_at_idx ON web_sessions (expires_at);

-- Every business write appends one row here, in the same transaction (kdb::audit).
CREATE TABLE audit_log (
    id            bigserial PRIMARY KEY,
    business_time timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    actor_kind    text NOT NULL CHECK (actor_kind IN ('staff', 'merchant', 'system')),
    actor_id      text NOT NULL,
    actor_label   text NOT NULL,
    action        text NOT NULL,
    entity_type   text NOT NULL,
    entity_id     text NOT NULL,
    before        jsonb,
    after         jsonb,
    request_id    text NOT NULL
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_action_idx ON audit_log (action);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_kind, actor_id);

-- The business clock: one row that every node reads, so all nodes agree on "now".
-- business now = frozen_at when frozen, else wall clock + offset_ms.
CREATE TABLE ktime_clock (
    id          smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    offset_ms   bigint NOT NULL DEFAULT 0,
    frozen_at   timestamptz,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO ktime_clock (id) VALUES (1);

-- Issue 10, points 12 and 17: the audit log becomes append-only like the journal, and session
-- rows are keyed by the SHA-256 of the session id (auth::session_store) instead of the id.

-- Rows written under the old scheme are keyed by the clear id: drop them (everyone signs in
-- again once) so no clear session id stays in the table.
DELETE FROM web_sessions;
COMMENT ON COLUMN web_sessions.id IS 'hex SHA-256 of the session id (the cookie holds the id itself)';

-- The audit log is evidence: nobody, the application included, may change or remove a record.
CREATE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change();

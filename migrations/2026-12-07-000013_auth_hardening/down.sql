DROP TRIGGER audit_log_append_only ON audit_log;
DROP FUNCTION audit_log_reject_change();
COMMENT ON COLUMN web_sessions.id IS NULL;
DELETE FROM web_sessions;

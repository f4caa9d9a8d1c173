DROP TABLE ktime_clock;
DROP TABLE audit_log;
DROP TABLE web_sessions;
DROP TABLE staff_users;

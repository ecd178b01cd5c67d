-- 014_history.sql: the audit trail read as history (issue 12, item 4).
-- A revert is itself a change: revert_of names the audit entry (the version)
-- it went back to. Indexes for the global log's filters (user, type, action,
-- dates), newest first.
ALTER TABLE audit ADD COLUMN revert_of INTEGER;
CREATE INDEX audit_actor ON audit(actor, id);
CREATE INDEX audit_action ON audit(action, id);
CREATE INDEX audit_at ON audit(at);

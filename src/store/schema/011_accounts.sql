-- 011_accounts.sql: accounts (issue 12, item 7): disabled users, named
-- tokens with an optional expiry, sessions that expire idle and absolute,
-- and failed-login counters for throttling per account and per address.
ALTER TABLE user ADD COLUMN disabled_at TEXT;      -- set: no login, no token, no session
ALTER TABLE user ADD COLUMN last_login TEXT;
ALTER TABLE token ADD COLUMN name TEXT;
ALTER TABLE token ADD COLUMN expires_at TEXT;      -- NULL: never
ALTER TABLE session ADD COLUMN created_at TEXT;    -- absolute expiry counts from here
ALTER TABLE session ADD COLUMN last_seen TEXT;     -- idle expiry counts from here
CREATE INDEX token_user ON token(user_id);
CREATE INDEX session_user ON session(user_id);

-- One row per throttled key: "u:NAME" (an account) or "a:ADDRESS" (a client).
-- Only failures are counted; a success clears the account's row.
CREATE TABLE login_attempt(
  key          TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  first_at     INTEGER NOT NULL,   -- unix seconds of the first failure in the window
  locked_until INTEGER NOT NULL DEFAULT 0
);

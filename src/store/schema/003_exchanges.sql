-- 003_exchanges.sql: the exchange log, cooperation projects, relationship
-- health (scores, thresholds per tie kind) and what the calendar needs.
-- See doc/exchanges.md for the conventions (dates of lower precision, the
-- score, the defaults).

-- One dated contact. date keeps the precision it was given ("2019",
-- "2019-10", "2019-10-17"); day0/day_mid/day_end are that period's first
-- day, middle (the 15th of a month; 1 July of a year) and last day, as
-- days since 1970-01-01, for ranges, sorting and the health score.
CREATE TABLE exchange(
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  -- The enumerations are checked with instr() rather than IN (...): SQLite
  -- builds a temporary index for an IN list on every insert, which made a
  -- million-row import several times slower.
  kind        TEXT NOT NULL CHECK(instr('|delegation_in|delegation_out|agreement|event|online_meeting|education|culture|'
                || 'tourism|trade_mission|health|sports|youth|other|', '|' || kind || '|') > 0 AND instr(kind, '|') = 0),
  date        TEXT NOT NULL,
  precision   TEXT NOT NULL CHECK(precision = 'day' OR precision = 'month' OR precision = 'year'),
  day0        INTEGER NOT NULL,
  day_mid     INTEGER NOT NULL,
  day_end     INTEGER NOT NULL,
  substantive INTEGER NOT NULL CHECK(substantive = 0 OR substantive = 1),  -- effective value
  subst_set   INTEGER CHECK(subst_set = 0 OR subst_set = 1),             -- NULL: the kind's default
  fields      INTEGER NOT NULL DEFAULT 0,                    -- bit set of fields of cooperation
  participants INTEGER CHECK(participants >= 0),             -- number of people
  project_id  INTEGER REFERENCES project(id) ON DELETE SET NULL,
  event       TEXT,                                          -- name of the event it belongs to
  expires     TEXT,                                          -- agreements: expiry date, any precision
  expires_precision TEXT CHECK(expires_precision = 'day' OR expires_precision = 'month' OR expires_precision = 'year'),
  expires_day0 INTEGER,
  expires_day_end INTEGER,
  description TEXT,
  sources     TEXT,                                          -- JSON array of strings
  links       TEXT,                                          -- JSON array of URLs (attachments)
  ties        TEXT NOT NULL DEFAULT '',                      -- its tie ids, sorted, comma-separated (see exchange_tie)
  fingerprint INTEGER NOT NULL,                              -- hash of date, kind, title, ties: no duplicates
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK((expires IS NULL) = (expires_precision IS NULL)),
  CHECK(expires IS NULL OR kind='agreement')
);
-- Duplicates (same fingerprint) are found through exchange_day: a
-- fingerprint index would cost a random insert per row of an import.
CREATE INDEX exchange_day ON exchange(day_mid);
CREATE INDEX exchange_expiry ON exchange(expires_day0) WHERE expires_day0 IS NOT NULL;
CREATE INDEX exchange_project ON exchange(project_id) WHERE project_id IS NOT NULL;

-- The ties of an exchange, with copies of what the health score reads, so
-- that scoring every tie is one ordered scan of this table. The core
-- (exchange.c) writes and deletes these rows with their exchange, by key
-- (exchange.ties lists them): there is deliberately no index on
-- exchange_id, which would cost a random insert per row of an import.
CREATE TABLE exchange_tie(
  tie_id      INTEGER NOT NULL REFERENCES tie(id) ON DELETE CASCADE,
  day_mid     INTEGER NOT NULL,
  exchange_id INTEGER NOT NULL,
  day0        INTEGER NOT NULL,
  kind        INTEGER NOT NULL,      -- index into the kind list (0 = delegation_in ...)
  substantive INTEGER NOT NULL,
  fields      INTEGER NOT NULL,
  expires_day0 INTEGER,              -- agreements: first and last day of the expiry date
  expires_day_end INTEGER,
  PRIMARY KEY(tie_id, day_mid, exchange_id)
) WITHOUT ROWID;

CREATE TABLE exchange_org(
  exchange_id INTEGER NOT NULL REFERENCES exchange(id) ON DELETE CASCADE,
  org_id      INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  PRIMARY KEY(exchange_id, org_id)
) WITHOUT ROWID;
CREATE INDEX exchange_org_org ON exchange_org(org_id);

CREATE TABLE project(
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  stage       TEXT NOT NULL CHECK(stage IN ('lead','contact','negotiation','signed','implementing',
                'completed','stalled','dropped')),
  value       REAL CHECK(value >= 0),
  currency    TEXT CHECK(currency IS NULL OR length(currency)=3),
  start_date  TEXT,
  start_precision TEXT CHECK(start_precision IN ('day','month','year')),
  start_day0  INTEGER,
  end_date    TEXT,
  end_precision TEXT CHECK(end_precision IN ('day','month','year')),
  end_day0    INTEGER,
  end_day_end INTEGER,
  description TEXT,
  notes       TEXT,
  sources     TEXT,                  -- JSON array of strings
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK((start_date IS NULL) = (start_precision IS NULL)),
  CHECK((end_date IS NULL) = (end_precision IS NULL)),
  CHECK((value IS NULL) OR (currency IS NOT NULL))
);
CREATE INDEX project_stage ON project(stage);

CREATE TABLE project_tie(
  project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  tie_id     INTEGER NOT NULL REFERENCES tie(id) ON DELETE CASCADE,
  PRIMARY KEY(project_id, tie_id)
) WITHOUT ROWID;
CREATE INDEX project_tie_tie ON project_tie(tie_id);

CREATE TABLE project_org(
  project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  org_id     INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  PRIMARY KEY(project_id, org_id)
) WITHOUT ROWID;
CREATE INDEX project_org_org ON project_org(org_id);

CREATE TABLE project_industry(
  project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  code       TEXT NOT NULL REFERENCES industry(code),
  PRIMARY KEY(project_id, code)
) WITHOUT ROWID;

CREATE TABLE project_milestone(
  project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  pos        INTEGER NOT NULL,
  title      TEXT NOT NULL,
  date       TEXT,
  precision  TEXT CHECK(precision IN ('day','month','year')),
  done       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(project_id, pos),
  CHECK((date IS NULL) = (precision IS NULL))
) WITHOUT ROWID;

-- Health thresholds per tie kind (editable; defaults documented in
-- doc/exchanges.md).
CREATE TABLE health_threshold(
  kind               TEXT PRIMARY KEY CHECK(kind IN ('sister','cooperation','candidate')),
  cooling_months     INTEGER NOT NULL,  -- no exchange for longer: cooling
  dormant_months     INTEGER NOT NULL,  -- no exchange for this long: dormant
  substantive_months INTEGER NOT NULL,  -- no substantive exchange for this long: flag no_substantive
  window_months      INTEGER NOT NULL,  -- frequency, breadth and balance look this far back
  frequency_target   INTEGER NOT NULL,  -- exchanges in the window for full frequency points
  breadth_target     INTEGER NOT NULL,  -- distinct fields in the window for full breadth points
  one_sided_min      INTEGER NOT NULL,  -- delegations in the window before one_sided can be flagged
  expiring_months    INTEGER NOT NULL,  -- agreement expiring within this: flag agreement_expiring
  letter_lead_months INTEGER NOT NULL,  -- calendar: protocol letters due this long before an anniversary
  updated_at         TEXT NOT NULL,
  CHECK(cooling_months >= 1 AND dormant_months > cooling_months AND dormant_months <= 240),
  CHECK(substantive_months > cooling_months AND substantive_months <= 240),
  CHECK(window_months BETWEEN 1 AND 240),
  CHECK(frequency_target BETWEEN 1 AND 1000 AND breadth_target BETWEEN 1 AND 10),
  CHECK(one_sided_min BETWEEN 1 AND 1000),
  CHECK(expiring_months BETWEEN 1 AND 120 AND letter_lead_months BETWEEN 0 AND 24)
);
INSERT INTO health_threshold VALUES
  ('sister',      12, 24, 36, 36, 6, 4, 2, 6, 3, strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  ('cooperation', 12, 24, 36, 36, 4, 3, 2, 6, 3, strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  ('candidate',    6, 12, 24, 24, 2, 2, 2, 6, 2, strftime('%Y-%m-%dT%H:%M:%SZ','now'));

-- Computed health of each tie as of a day (refreshed after every write to
-- exchanges or projects, by `youcheng health --recompute`, and when the day
-- changes). Derived data: never edited by hand. Besides the result it keeps
-- what the score was computed from (the per-tie totals of its exchanges),
-- so that the explanation of a listed tie is rebuilt without a rescan.
-- Other features read tie_id, score and level.
CREATE TABLE tie_health(
  tie_id     INTEGER PRIMARY KEY REFERENCES tie(id) ON DELETE CASCADE,
  as_of      TEXT NOT NULL,          -- YYYY-MM-DD the score describes
  kind       TEXT NOT NULL,          -- the tie's kind when computed
  est_date   TEXT,                   -- the tie's established date when computed
  score      INTEGER NOT NULL,
  level      TEXT NOT NULL CHECK(level = 'active' OR level = 'cooling' OR level = 'dormant'),
  flags      INTEGER NOT NULL,       -- bit set: 1 dormant, 2 no_substantive, 4 one_sided, 8 agreement_expiring
  urgency    INTEGER NOT NULL,
  last_date  TEXT,                   -- last exchange, at its precision
  n_total    INTEGER NOT NULL,       -- the totals (see HealthAcc in health.h)
  last_day   INTEGER NOT NULL, last_day0 INTEGER NOT NULL, last_mid INTEGER NOT NULL,
  subst_day  INTEGER NOT NULL, subst_day0 INTEGER NOT NULL, subst_mid INTEGER NOT NULL,
  n_window   INTEGER NOT NULL, n_in INTEGER NOT NULL, n_out INTEGER NOT NULL,
  fields_mask INTEGER NOT NULL,
  exp_day0   INTEGER NOT NULL, exp_end INTEGER NOT NULL,
  n_projects INTEGER NOT NULL
);
CREATE INDEX tie_health_urgency ON tie_health(urgency DESC);

-- 012_units.sql: units of the home side and membership (issue 12, item 1).
-- A unit is the foreign-affairs office, a municipal department, a district
-- or county, or a development zone. A user belongs to a unit or to an
-- organisation of the registry (a member), not both; an editor may be kept
-- to the records of their own unit (own_unit_only).
CREATE TABLE unit(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name_zh    TEXT NOT NULL,
  name_en    TEXT,
  kind       TEXT NOT NULL CHECK(kind IN ('office','department','district','zone')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX unit_name_zh ON unit(name_zh);

-- The user table again, to let its role CHECK allow 'member' (foreign keys
-- are off while a migration runs, so token, session and audit keep their rows).
CREATE TABLE user_new(
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  pw_hash       TEXT,
  role          TEXT NOT NULL DEFAULT 'editor' CHECK(role IN ('admin','editor','member','viewer')),
  created_at    TEXT NOT NULL,
  disabled_at   TEXT,
  last_login    TEXT,
  unit_id       INTEGER REFERENCES unit(id),
  org_id        INTEGER REFERENCES org(id),
  own_unit_only INTEGER NOT NULL DEFAULT 0 CHECK(own_unit_only IN (0,1)),
  CHECK(unit_id IS NULL OR org_id IS NULL),
  CHECK(role<>'member' OR org_id IS NOT NULL)
);
INSERT INTO user_new(id,name,pw_hash,role,created_at,disabled_at,last_login)
  SELECT id,name,pw_hash,role,created_at,disabled_at,last_login FROM user;
DROP TABLE user;
ALTER TABLE user_new RENAME TO user;
CREATE INDEX user_unit ON user(unit_id);
CREATE INDEX user_org ON user(org_id);

-- The responsible unit of a record.
ALTER TABLE exchange ADD COLUMN unit_id INTEGER REFERENCES unit(id);
ALTER TABLE event ADD COLUMN unit_id INTEGER REFERENCES unit(id);
ALTER TABLE delegation ADD COLUMN unit_id INTEGER REFERENCES unit(id);
ALTER TABLE project ADD COLUMN unit_id INTEGER REFERENCES unit(id);
ALTER TABLE opportunity ADD COLUMN unit_id INTEGER REFERENCES unit(id);
CREATE INDEX exchange_unit ON exchange(unit_id);
CREATE INDEX event_unit ON event(unit_id);
CREATE INDEX delegation_unit ON delegation(unit_id);
CREATE INDEX project_unit ON project(unit_id);
CREATE INDEX opportunity_unit ON opportunity(unit_id);

-- 002_lists.sql: country lists: policy target lists (Belt and Road,
-- neighbours, major countries), reference groupings (OECD, World Bank
-- income groups) and lists users make themselves.

CREATE TABLE country_list(
  id         INTEGER PRIMARY KEY,
  key        TEXT NOT NULL UNIQUE,       -- "bri", "neighbours", "wb_low", ...
  name_en    TEXT NOT NULL,
  name_zh    TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK(kind IN ('target','reference','user')),
  source     TEXT,                       -- citation or URL
  as_of      TEXT,                       -- date the list describes
  notes      TEXT,
  builtin    INTEGER NOT NULL DEFAULT 0, -- loaded from data/lists by init
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE country_list_member(
  list_id INTEGER NOT NULL REFERENCES country_list(id) ON DELETE CASCADE,
  iso2    TEXT NOT NULL REFERENCES country(iso2),
  note    TEXT,
  PRIMARY KEY(list_id, iso2)
) WITHOUT ROWID;
CREATE INDEX country_list_member_iso2 ON country_list_member(iso2);

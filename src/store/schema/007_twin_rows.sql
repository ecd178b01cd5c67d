-- 007_twin_rows.sql: the world twin-city network, derived from the rows
-- it was imported from. Every data row of every imported file is kept
-- (twin_row) with how each side resolved and with what confidence; the
-- pairs (twin_pair) are re-derived from all rows after every import and
-- every fix, so the result does not depend on the order of imports. Hand
-- fixes (twin_fix) are keyed by Wikidata id or by source name and stated
-- country, so they apply again after a re-import or a re-resolution.
--
-- The network of 004 kept no source rows and was resolved by rules now
-- known to be wrong (cities moved to other countries by coordinates); it
-- cannot be re-derived, so its tables are emptied here: import the files
-- again (`youcheng import twins FILE`).

DROP TABLE twin_unresolved;
DROP TABLE twin_pair;
DROP TABLE twin_import;

-- One imported file. The same bytes are recorded once (sha256); a second
-- import of the same file adds no rows.
CREATE TABLE twin_import(
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,             -- file name as given
  format      TEXT NOT NULL CHECK(format IN ('wikipedia','wikidata','eu_wikidata','mapped')),
  mapping     TEXT,                      -- the column mapping of a 'mapped' file: "city1=col,..."
  sha256      TEXT NOT NULL UNIQUE,
  rows        INTEGER NOT NULL,          -- data rows in the file (= its twin_row rows)
  actor       TEXT,
  created_at  TEXT NOT NULL
);

-- A data row of an imported file: the two places as the file names them,
-- and how each resolved (rewritten by every re-resolution).
CREATE TABLE twin_row(
  id        INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES twin_import(id),
  line      INTEGER NOT NULL,            -- 1-based data row of the file (the header is row 0)
  name1 TEXT NOT NULL, country1 TEXT, lat1 REAL, lng1 REAL, qid1 TEXT,
  name2 TEXT NOT NULL, country2 TEXT, lat2 REAL, lng2 REAL, qid2 TEXT,
  city1 INTEGER, how1 TEXT, conf1 REAL, reason1 TEXT,   -- city1 NULL: not resolved
  city2 INTEGER, how2 TEXT, conf2 REAL, reason2 TEXT,
  status    TEXT NOT NULL CHECK(status IN ('pending','pair','same_city','ambiguous','unknown_country',
              'area','not_found','wrong_country','qid_conflict','not_a_city')),
  UNIQUE(import_id, line)
);
CREATE INDEX twin_row_status ON twin_row(status, id);

-- An undirected twin pair between two GeoNames cities (city_a < city_b),
-- derived from twin_row: the label, how and import of its first row.
CREATE TABLE twin_pair(
  id        INTEGER PRIMARY KEY,
  city_a    INTEGER NOT NULL REFERENCES city(id),
  city_b    INTEGER NOT NULL REFERENCES city(id),
  label_a   TEXT,                        -- the source's name when it differs (a district)
  label_b   TEXT,
  how_a     TEXT NOT NULL,               -- how each city was resolved (exact, nearest, variant, ...)
  how_b     TEXT NOT NULL,
  import_id INTEGER NOT NULL REFERENCES twin_import(id),
  CHECK(city_a < city_b),
  UNIQUE(city_a, city_b)
);
CREATE INDEX twin_pair_b ON twin_pair(city_b);

-- A side resolved by hand: the city a user chose, or "not a city"
-- (city_id NULL). key is "qid:Q64" when the side has a Wikidata id, else
-- "name:" folded source name, char(31), stated country (ISO2, or the
-- folded country text when it names no known country).
CREATE TABLE twin_fix(
  id         INTEGER PRIMARY KEY,
  key        TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,              -- the source's name, as first fixed
  country    TEXT,                       -- the source's country text
  qid        TEXT,
  city_id    INTEGER,                    -- GeoNames id (checked on write), NULL = not a city
  note       TEXT,
  actor      TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

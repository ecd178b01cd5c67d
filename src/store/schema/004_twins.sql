-- 004_twins.sql: the world twin-city network, imported from public
-- twin-town datasets (Wikipedia lists, Wikidata), each city resolved to a
-- GeoNames city. Rows that could not be resolved are kept for review.

-- One imported file. The same bytes are recorded once (sha256); a second
-- import of the same file adds nothing.
CREATE TABLE twin_import(
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,             -- file name as given
  format      TEXT NOT NULL CHECK(format IN ('wikipedia','wikidata')),
  sha256      TEXT NOT NULL UNIQUE,
  rows        INTEGER NOT NULL,          -- data rows in the file
  resolved    INTEGER NOT NULL,          -- rows with both cities resolved
  ambiguous   INTEGER NOT NULL,          -- rows left with an ambiguous city
  failed      INTEGER NOT NULL,          -- rows left with a city not found
  pairs_new   INTEGER NOT NULL,          -- pairs this file added
  actor       TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- An undirected twin pair between two GeoNames cities (city_a < city_b).
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

-- A row whose cities could not both be resolved. key is the row's text
-- (normalised), so a re-import adds nothing; a row resolved by a later
-- import is removed from here.
CREATE TABLE twin_unresolved(
  id        INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES twin_import(id),
  line      INTEGER NOT NULL,            -- line in the file
  key       TEXT NOT NULL UNIQUE,
  category  TEXT NOT NULL CHECK(category IN ('ambiguous','unknown_country','area','not_found','same_city')),
  city1 TEXT, country1 TEXT, lat1 REAL, lng1 REAL, id1 INTEGER, status1 TEXT, detail1 TEXT,
  city2 TEXT, country2 TEXT, lat2 REAL, lng2 REAL, id2 INTEGER, status2 TEXT, detail2 TEXT
);
CREATE INDEX twin_unresolved_cat ON twin_unresolved(category, id);

-- Per-country figures for the layout analysis, refreshed by init and by
-- each twin import: the people of the country's GeoNames towns (>= 1,000
-- people each; a proxy for its urban population) and its twin links.
CREATE TABLE layout_country_stat(
  iso2          TEXT PRIMARY KEY REFERENCES country(iso2),
  town_pop      INTEGER NOT NULL DEFAULT 0,
  twin_cities   INTEGER NOT NULL DEFAULT 0,  -- its cities with at least one twin
  twin_links    INTEGER NOT NULL DEFAULT 0,  -- twin pairs with one side in it
  links_china   INTEGER NOT NULL DEFAULT 0,  -- of those, pairs with a city of CN
  links_home_province INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

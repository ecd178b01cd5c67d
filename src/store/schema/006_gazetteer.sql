-- 006_gazetteer.sql: the GeoNames gazetteer (issue 10): cities500 with ASCII,
-- admin-1 and admin-2 names, every kept alternate name, and the office's own
-- Chinese names. The city rows themselves are (re)loaded by `init`
-- (store/refdata.c) whenever the embedded gazetteer differs from the one
-- loaded (meta key 'gazetteer'); ids are GeoNames ids and stay.

ALTER TABLE city ADD COLUMN ascii_name  TEXT;   -- GeoNames asciiname
ALTER TABLE city ADD COLUMN admin1      TEXT;   -- admin-1 name (English), e.g. Illinois
ALTER TABLE city ADD COLUMN admin1_zh   TEXT;   -- its Chinese name where a packaged source has one
ALTER TABLE city ADD COLUMN admin2      TEXT;   -- admin-2 name, e.g. Sangamon County
ALTER TABLE city ADD COLUMN admin2_code TEXT;   -- GeoNames admin2 code
ALTER TABLE city ADD COLUMN modified    TEXT;   -- GeoNames modification date YYYY-MM-DD

-- Every kept alternate name of a city: Han-script ('zh') and Latin-script
-- ('latin': exonyms and variants such as Moskau, Tsingtao). fold =
-- text_fold(name), so Traditional and Simplified forms share a fold.
CREATE TABLE city_alt(
  city_id INTEGER NOT NULL REFERENCES city(id),
  name    TEXT NOT NULL,
  fold    TEXT NOT NULL,
  script  TEXT NOT NULL CHECK(script IN ('zh','latin'))
);
CREATE INDEX city_alt_fold ON city_alt(fold);
CREATE INDEX city_alt_city ON city_alt(city_id);

-- The office's own Chinese name of a city: shown instead of the one chosen
-- from GeoNames (city.name_zh holds the one shown) and kept across any
-- re-load of the gazetteer.
CREATE TABLE city_name_own(
  city_id    INTEGER PRIMARY KEY REFERENCES city(id),
  name_zh    TEXT NOT NULL,
  actor      TEXT,
  updated_at TEXT NOT NULL
);

-- Before this migration a city's Chinese name could only come from a user
-- (a tie's city_name_zh, the demo's home city): those are the office's own.
INSERT INTO city_name_own(city_id, name_zh, actor, updated_at)
  SELECT id, name_zh, NULL, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM city
  WHERE name_zh IS NOT NULL AND name_zh<>'';

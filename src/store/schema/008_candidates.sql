-- 008_candidates.sql: candidates worth proposing (issue 10, item 6).
--
-- A country list marked "expand" asks for more ties in its countries even
-- where one exists: the candidate ranking proposes cities there and the
-- layout lists them apart from the gaps. expand_data comes from the list's
-- data file (data/lists/*.tsv header "# expand: yes"; reloaded by init);
-- expand_user is the office's own choice (NULL: not set), which wins and
-- survives a reload.
ALTER TABLE country_list ADD COLUMN expand_data INTEGER NOT NULL DEFAULT 0 CHECK(expand_data IN (0,1));
ALTER TABLE country_list ADD COLUMN expand_user INTEGER CHECK(expand_user IN (0,1));

-- The world twin network by kind of city, for the administrative fit of
-- candidates (core/candidates.c): a city's kind is its feature-code class
-- (PPLC, PPLA, PPLA2, PPLA3 = PPLA3/4/5, PPL = any other) and its
-- population band (1: < 100,000, 2: < 500,000, 3: < 1 M, 4: < 5 M, 5: 5 M
-- and more). Refreshed with layout_country_stat (init, each twin import).
CREATE TABLE city_kind_stat(
  fc     TEXT NOT NULL,
  band   INTEGER NOT NULL,
  cities INTEGER NOT NULL,                  -- GeoNames cities of this kind
  PRIMARY KEY(fc, band)
) WITHOUT ROWID;

-- Twin links between kinds, counted from both ends: a pair of a PPLA city
-- of band 4 and a PPLC city of band 3 adds one to (PPLA,4,PPLC,3) and one
-- to (PPLC,3,PPLA,4).
CREATE TABLE twin_kind_stat(
  fc_a   TEXT NOT NULL,
  band_a INTEGER NOT NULL,
  fc_b   TEXT NOT NULL,
  band_b INTEGER NOT NULL,
  links  INTEGER NOT NULL,
  PRIMARY KEY(fc_a, band_a, fc_b, band_b)
) WITHOUT ROWID;

-- 001_init.sql: the registry: reference data, ties, organisations,
-- reported figures, accounts and the audit trail.

CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE country(
  iso2        TEXT PRIMARY KEY,          -- ISO 3166-1 alpha-2
  iso3        TEXT NOT NULL,
  ccn3        TEXT,                      -- ISO 3166-1 numeric (joins the world map)
  name_en     TEXT NOT NULL,
  name_zh     TEXT,
  official_en TEXT,
  official_zh TEXT,
  region      TEXT,                      -- world-countries region ("Asia")
  subregion   TEXT,
  continent   TEXT,                      -- africa|asia|europe|north_america|south_america|oceania|antarctica
  lat REAL, lng REAL
);

CREATE TABLE country_border(
  iso2      TEXT NOT NULL REFERENCES country(iso2),
  neighbour TEXT NOT NULL REFERENCES country(iso2),
  PRIMARY KEY(iso2, neighbour)
) WITHOUT ROWID;

CREATE TABLE city(
  id           INTEGER PRIMARY KEY,      -- GeoNames id
  name         TEXT NOT NULL,
  alt_name     TEXT,
  name_zh      TEXT,
  name_fold    TEXT NOT NULL,            -- text_fold(name), for exact matches
  country      TEXT NOT NULL REFERENCES country(iso2),
  admin_code   TEXT,
  feature_code TEXT,
  population   INTEGER NOT NULL DEFAULT 0,
  lat REAL, lng REAL
);
CREATE INDEX city_country ON city(country, population DESC);
CREATE INDEX city_fold ON city(name_fold);

-- Index of folded city names; rowid = city.id.
CREATE VIRTUAL TABLE city_fts USING fts5(
  name, alt, zh, pinyin, tokenize='yc', prefix='1 2 3'
);

CREATE TABLE industry(
  code     TEXT PRIMARY KEY,             -- "C" (section) or "26" (division)
  level    TEXT NOT NULL CHECK(level IN ('section','division')),
  section  TEXT NOT NULL,
  label_en TEXT NOT NULL,
  label_zh TEXT NOT NULL
);

CREATE TABLE tie(
  id              INTEGER PRIMARY KEY,
  home_city_id    INTEGER NOT NULL REFERENCES city(id),
  partner_city_id INTEGER NOT NULL REFERENCES city(id),
  kind            TEXT NOT NULL CHECK(kind IN ('sister','cooperation','candidate')),
  kind_verified   INTEGER NOT NULL DEFAULT 1,
  status          TEXT NOT NULL CHECK(status IN ('proposed','negotiating','active','suspended','ended')),
  est_date        TEXT,                  -- "2002", "2004-09" or "1983-01-14"
  est_precision   TEXT CHECK(est_precision IN ('day','month','year')),
  partner_label   TEXT,                  -- name as the tie states it, when it differs (a district)
  agreement       TEXT,
  notes           TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE(home_city_id, partner_city_id),
  CHECK((est_date IS NULL) = (est_precision IS NULL))
);
CREATE INDEX tie_partner ON tie(partner_city_id);

CREATE TABLE tie_source(
  tie_id INTEGER NOT NULL REFERENCES tie(id) ON DELETE CASCADE,
  pos    INTEGER NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY(tie_id, pos)
) WITHOUT ROWID;

-- Search index over ties; rowid = tie.id. Filled by the store on each write.
CREATE VIRTUAL TABLE tie_fts USING fts5(
  names, zh, pinyin, country, text, tokenize='yc', prefix='1 2 3'
);

CREATE TABLE org(
  id         INTEGER PRIMARY KEY,
  name_en    TEXT,
  name_zh    TEXT,
  type       TEXT NOT NULL CHECK(type IN ('enterprise','park','university','hospital','research_institute','association','government')),
  side       TEXT NOT NULL CHECK(side IN ('home','partner')),
  city_id    INTEGER REFERENCES city(id),
  website    TEXT,
  description TEXT,
  notes      TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK(name_en IS NOT NULL OR name_zh IS NOT NULL)
);

CREATE TABLE org_industry(
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  code   TEXT NOT NULL REFERENCES industry(code),
  PRIMARY KEY(org_id, code)
) WITHOUT ROWID;

CREATE TABLE org_tie(
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  tie_id INTEGER NOT NULL REFERENCES tie(id) ON DELETE CASCADE,
  role   TEXT,
  PRIMARY KEY(org_id, tie_id)
) WITHOUT ROWID;
CREATE INDEX org_tie_tie ON org_tie(tie_id);

CREATE TABLE org_source(
  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  pos    INTEGER NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY(org_id, pos)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE org_fts USING fts5(
  names, zh, pinyin, text, tokenize='yc', prefix='1 2 3'
);

-- Totals a city reports but the registry cannot list tie by tie.
CREATE TABLE reported_figure(
  id           INTEGER PRIMARY KEY,
  home_city_id INTEGER NOT NULL REFERENCES city(id),
  as_of        TEXT NOT NULL,            -- "2019" or "2024-12-31"
  kind         TEXT NOT NULL CHECK(kind IN ('sister','cooperation','total')),
  count        INTEGER NOT NULL,
  source       TEXT NOT NULL,
  note         TEXT,
  UNIQUE(home_city_id, as_of, kind)
);

CREATE TABLE user(
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  pw_hash    TEXT,                       -- argon2id (libsodium), 0 = no password login
  role       TEXT NOT NULL DEFAULT 'editor' CHECK(role IN ('admin','editor','viewer')),
  created_at TEXT NOT NULL
);

CREATE TABLE token(
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  hash       BLOB NOT NULL UNIQUE,       -- BLAKE2b of the bearer token
  created_at TEXT NOT NULL,
  last_used  TEXT
);

CREATE TABLE session(
  hash       BLOB PRIMARY KEY,           -- BLAKE2b of the cookie value
  user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  csrf       TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE audit(
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  user_id   INTEGER REFERENCES user(id) ON DELETE SET NULL,
  actor     TEXT NOT NULL,               -- user name, or "cli", "init"
  action    TEXT NOT NULL,               -- create|update|delete|import
  entity    TEXT NOT NULL,               -- tie|org|...
  entity_id INTEGER,
  before    TEXT,                        -- JSON
  after     TEXT                         -- JSON
);
CREATE INDEX audit_entity ON audit(entity, entity_id);

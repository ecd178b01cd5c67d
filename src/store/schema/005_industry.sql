-- 005_industry.sql: the industry database and matchmaking (issue 4):
-- partner-city profiles, organisations' offers and needs, opportunities
-- with expressions of interest, their search indexes, and a change counter
-- that the in-memory match index (core/match.c) watches.

-- One entry of a partner city's profile: an industry (ISIC division with a
-- strength 1-5 and a short description), a resource, a market advantage or
-- a trade/cooperation need. Each has its source and date of last review.
CREATE TABLE profile_item(
  id        INTEGER PRIMARY KEY,
  tie_id    INTEGER NOT NULL REFERENCES tie(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL CHECK(kind IN ('industry','resource','advantage','need')),
  pos       INTEGER NOT NULL,               -- order within its kind
  code      TEXT REFERENCES industry(code),  -- the division, for kind='industry'
  strength  INTEGER CHECK(strength BETWEEN 1 AND 5),
  text_zh   TEXT,
  text_en   TEXT,
  source    TEXT NOT NULL,
  reviewed  TEXT NOT NULL,                   -- YYYY-MM-DD of the last review
  CHECK((kind='industry') = (code IS NOT NULL AND strength IS NOT NULL)),
  CHECK(kind='industry' OR text_zh IS NOT NULL OR text_en IS NOT NULL)
);
CREATE INDEX profile_item_tie ON profile_item(tie_id, kind, pos);
CREATE UNIQUE INDEX profile_item_once ON profile_item(tie_id, code) WHERE kind='industry';

-- Industries a resource, advantage or need concerns (optional).
CREATE TABLE profile_item_industry(
  item_id INTEGER NOT NULL REFERENCES profile_item(id) ON DELETE CASCADE,
  code    TEXT NOT NULL REFERENCES industry(code),
  PRIMARY KEY(item_id, code)
) WITHOUT ROWID;

-- Search index of profiles; rowid = tie.id. Filled by core/profile.c.
-- In this module's FTS tables, "cjk" holds the text's CJK bigrams as
-- single tokens (mu_cjk_bigrams: the match engine's Chinese phrases stay
-- fast on large tables) and "folded" (not indexed) the text already
-- folded, for the engine's explanations (which terms a result contains).
CREATE VIRTUAL TABLE profile_fts USING fts5(
  names, text, cjk, folded UNINDEXED, tokenize='yc', prefix='1 2 3'
);

-- What an organisation (either side) offers and needs.
CREATE TABLE org_offer(
  id         INTEGER PRIMARY KEY,
  org_id     INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK(kind IN ('offer','need')),
  pos        INTEGER NOT NULL,
  text_zh    TEXT,
  text_en    TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK(text_zh IS NOT NULL OR text_en IS NOT NULL)
);
CREATE INDEX org_offer_org ON org_offer(org_id, kind, pos);

CREATE TABLE org_offer_industry(
  offer_id INTEGER NOT NULL REFERENCES org_offer(id) ON DELETE CASCADE,
  code     TEXT NOT NULL REFERENCES industry(code),
  PRIMARY KEY(offer_id, code)
) WITHOUT ROWID;

-- Offers and needs text of an organisation; rowid = org.id.
CREATE VIRTUAL TABLE offer_fts USING fts5(
  text, cjk, folded UNINDEXED, tokenize='yc', prefix='1 2 3'
);

-- An offer or a request, going out (home side abroad) or bringing in
-- (foreign firms, projects, talent to the home city), owned by an
-- organisation or by a partner city (tie). 'expired' is also computed at
-- query time: an open opportunity whose valid_until has passed is expired.
CREATE TABLE opportunity(
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK(kind IN ('offer','request')),
  category       TEXT NOT NULL CHECK(category IN ('business','technology','research','education',
                                                  'culture','tourism','investment','health')),
  direction      TEXT NOT NULL CHECK(direction IN ('going_out','bringing_in')),
  org_id         INTEGER REFERENCES org(id) ON DELETE CASCADE,
  tie_id         INTEGER REFERENCES tie(id) ON DELETE CASCADE,
  title_zh       TEXT,
  title_en       TEXT,
  description_zh TEXT,
  description_en TEXT,
  valid_until    TEXT,                      -- YYYY-MM-DD, inclusive; NULL = open-ended
  status         TEXT NOT NULL CHECK(status IN ('draft','open','matched','closed','expired')),
  contact        TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK((org_id IS NULL) <> (tie_id IS NULL)),
  CHECK(title_zh IS NOT NULL OR title_en IS NOT NULL)
);
CREATE INDEX opportunity_status ON opportunity(status, valid_until);
CREATE INDEX opportunity_org ON opportunity(org_id);
CREATE INDEX opportunity_tie ON opportunity(tie_id);

CREATE TABLE opportunity_industry(
  opp_id INTEGER NOT NULL REFERENCES opportunity(id) ON DELETE CASCADE,
  code   TEXT NOT NULL REFERENCES industry(code),
  PRIMARY KEY(opp_id, code)
) WITHOUT ROWID;
CREATE INDEX opportunity_industry_code ON opportunity_industry(code, opp_id);

CREATE TABLE opportunity_country(
  opp_id INTEGER NOT NULL REFERENCES opportunity(id) ON DELETE CASCADE,
  iso2   TEXT NOT NULL REFERENCES country(iso2),
  PRIMARY KEY(opp_id, iso2)
) WITHOUT ROWID;
CREATE INDEX opportunity_country_iso2 ON opportunity_country(iso2, opp_id);

CREATE TABLE opportunity_city(
  opp_id  INTEGER NOT NULL REFERENCES opportunity(id) ON DELETE CASCADE,
  city_id INTEGER NOT NULL REFERENCES city(id),
  PRIMARY KEY(opp_id, city_id)
) WITHOUT ROWID;

-- Search index of opportunities; rowid = opportunity.id.
CREATE VIRTUAL TABLE opportunity_fts USING fts5(
  title, names, pinyin, text, cjk, folded UNINDEXED, tokenize='yc', prefix='1 2 3'
);

-- An organisation's expression of interest in an opportunity.
CREATE TABLE interest(
  id          INTEGER PRIMARY KEY,
  opp_id      INTEGER NOT NULL REFERENCES opportunity(id) ON DELETE CASCADE,
  org_id      INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  message     TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'new' CHECK(status IN ('new','forwarded','accepted','declined')),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  answered_at TEXT,                         -- when it was accepted or declined
  UNIQUE(opp_id, org_id)
);
CREATE INDEX interest_status ON interest(status, updated_at);

-- Search rows of deleted owners go with them (cascades do not reach FTS).
CREATE TRIGGER profile_fts_tie_gone AFTER DELETE ON tie BEGIN
  DELETE FROM profile_fts WHERE rowid=old.id;
END;
CREATE TRIGGER offer_fts_org_gone AFTER DELETE ON org BEGIN
  DELETE FROM offer_fts WHERE rowid=old.id;
END;
CREATE TRIGGER opportunity_fts_gone AFTER DELETE ON opportunity BEGIN
  DELETE FROM opportunity_fts WHERE rowid=old.id;
END;

-- Change counter of everything the match index holds: any write to these
-- tables bumps it, and the index is rebuilt when it sees a new value.
CREATE TABLE match_version(
  id INTEGER PRIMARY KEY CHECK(id=1),
  v  INTEGER NOT NULL
);
INSERT INTO match_version(id, v) VALUES(1, 0);

CREATE TRIGGER mv_opp_i AFTER INSERT ON opportunity BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_opp_u AFTER UPDATE ON opportunity BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_opp_d AFTER DELETE ON opportunity BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_oppi_i AFTER INSERT ON opportunity_industry BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_oppi_d AFTER DELETE ON opportunity_industry BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_oppc_i AFTER INSERT ON opportunity_country BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_oppc_d AFTER DELETE ON opportunity_country BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_oppy_i AFTER INSERT ON opportunity_city BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_oppy_d AFTER DELETE ON opportunity_city BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_pi_i AFTER INSERT ON profile_item BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_pi_u AFTER UPDATE ON profile_item BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_pi_d AFTER DELETE ON profile_item BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_pii_i AFTER INSERT ON profile_item_industry BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_pii_d AFTER DELETE ON profile_item_industry BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_oo_i AFTER INSERT ON org_offer BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_oo_u AFTER UPDATE ON org_offer BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_oo_d AFTER DELETE ON org_offer BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_ooi_i AFTER INSERT ON org_offer_industry BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_ooi_d AFTER DELETE ON org_offer_industry BEGIN UPDATE match_version SET v=v+1; END;
-- The registry's tables the index reads (organisations, their industries
-- and ties, ties, Chinese city names).
CREATE TRIGGER mv_org_i AFTER INSERT ON org BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_org_u AFTER UPDATE ON org BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_org_d AFTER DELETE ON org BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_orgi_i AFTER INSERT ON org_industry BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_orgi_d AFTER DELETE ON org_industry BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_orgt_i AFTER INSERT ON org_tie BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_orgt_d AFTER DELETE ON org_tie BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_tie_i AFTER INSERT ON tie BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_tie_u AFTER UPDATE ON tie BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_tie_d AFTER DELETE ON tie BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_city_u AFTER UPDATE OF name_zh ON city BEGIN UPDATE match_version SET v=v+1; END;

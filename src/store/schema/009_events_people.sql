-- 009_events_people.sql: multilateral events (series, networks and their
-- members, editions, invitations), delegations with their programme,
-- people (contacts, friends of the city), the exchange log's links to the
-- event or delegation an entry comes from, sources of opportunities, and
-- the tie status 'unverified'. New tables use AUTOINCREMENT: an id is
-- never given again to another record after a delete.
-- db_migrate runs migrations with foreign keys off and checks them before
-- committing, so the tie table can be rebuilt below (SQLite's documented
-- procedure for changing a CHECK constraint).

-- tie.status: 'unverified' for a tie a list names but no official source
-- confirms (its type, year and whether it is in force are unknown).
CREATE TABLE tie_new(
  id              INTEGER PRIMARY KEY,
  home_city_id    INTEGER NOT NULL REFERENCES city(id),
  partner_city_id INTEGER NOT NULL REFERENCES city(id),
  kind            TEXT NOT NULL CHECK(kind IN ('sister','cooperation','candidate')),
  kind_verified   INTEGER NOT NULL DEFAULT 1,
  status          TEXT NOT NULL CHECK(status IN ('proposed','negotiating','active','unverified','suspended','ended')),
  est_date        TEXT,
  est_precision   TEXT CHECK(est_precision IN ('day','month','year')),
  partner_label   TEXT,
  agreement       TEXT,
  notes           TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE(home_city_id, partner_city_id),
  CHECK((est_date IS NULL) = (est_precision IS NULL))
);
INSERT INTO tie_new SELECT id, home_city_id, partner_city_id, kind, kind_verified, status, est_date,
  est_precision, partner_label, agreement, notes, created_at, updated_at FROM tie;
DROP TABLE tie;
ALTER TABLE tie_new RENAME TO tie;
CREATE INDEX tie_partner ON tie(partner_city_id);
CREATE TRIGGER profile_fts_tie_gone AFTER DELETE ON tie BEGIN
  DELETE FROM profile_fts WHERE rowid=old.id;
END;
CREATE TRIGGER mv_tie_i AFTER INSERT ON tie BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_tie_u AFTER UPDATE ON tie BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_tie_d AFTER DELETE ON tie BEGIN UPDATE match_version SET v=v+1; END;

-- Dates below follow the exchange log's convention (doc/exchanges.md): the
-- text at its precision ("2019", "2019-10", "2019-10-17"), the precision,
-- and the period's first (day0) and last (day_end) day as days since
-- 1970-01-01.

-- A recurring brand with its editions (kind 'series': the friendship-city
-- conference), or a multilateral network or alliance of cities and
-- organisations whose meetings are its events (kind 'network').
CREATE TABLE event_series(
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK(kind IN ('series','network')),
  name_zh     TEXT,
  name_en     TEXT,
  home_city_id INTEGER REFERENCES city(id),   -- the city whose series it is (NULL: not one city's)
  website     TEXT,
  description TEXT,
  sources     TEXT,                           -- JSON array of strings
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK(name_zh IS NOT NULL OR name_en IS NOT NULL)
);

-- Members of a network: a city (a partner or any other) or an organisation.
CREATE TABLE series_member(
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  series_id   INTEGER NOT NULL REFERENCES event_series(id) ON DELETE CASCADE,
  city_id     INTEGER REFERENCES city(id),
  org_id      INTEGER REFERENCES org(id) ON DELETE CASCADE,
  role        TEXT,                           -- founding member, chair, observer ...
  joined      TEXT,
  joined_precision TEXT CHECK(joined_precision IN ('day','month','year')),
  sources     TEXT,
  CHECK((city_id IS NULL) <> (org_id IS NULL)),
  CHECK((joined IS NULL) = (joined_precision IS NULL))
);
CREATE UNIQUE INDEX series_member_city ON series_member(series_id, city_id) WHERE city_id IS NOT NULL;
CREATE UNIQUE INDEX series_member_org ON series_member(series_id, org_id) WHERE org_id IS NOT NULL;
CREATE INDEX series_member_by_city ON series_member(city_id) WHERE city_id IS NOT NULL;
CREATE INDEX series_member_by_org ON series_member(org_id) WHERE org_id IS NOT NULL;

CREATE TABLE event(
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  series_id   INTEGER REFERENCES event_series(id) ON DELETE SET NULL,
  edition     INTEGER CHECK(edition >= 1),    -- the series' nth edition
  title_zh    TEXT,
  title_en    TEXT,
  kind        TEXT NOT NULL CHECK(kind IN ('conference','forum','festival','fair','sports','youth_camp',
                'exhibition','online','other')),
  status      TEXT NOT NULL CHECK(status IN ('planned','confirmed','held','cancelled')),
  start_date  TEXT NOT NULL,
  start_precision TEXT NOT NULL CHECK(start_precision IN ('day','month','year')),
  start_day0  INTEGER NOT NULL,
  end_date    TEXT,                           -- NULL: the start's period
  end_precision TEXT CHECK(end_precision IN ('day','month','year')),
  day_end     INTEGER NOT NULL,               -- last day of the end (or of the start)
  home_city_id INTEGER REFERENCES city(id),   -- whose event it is (the host or organiser city)
  city_id     INTEGER REFERENCES city(id),    -- where it takes place
  place       TEXT,                           -- venue
  organisers  TEXT,                           -- as the source names them
  fields      INTEGER NOT NULL DEFAULT 0,     -- bit set of fields of cooperation (exchange_vocab.h)
  public      INTEGER NOT NULL DEFAULT 1 CHECK(public IN (0,1)),   -- shown to anonymous users
  reported_people INTEGER CHECK(reported_people >= 0),      -- totals the sources report
  reported_countries INTEGER CHECK(reported_countries >= 0),
  reported_delegations INTEGER CHECK(reported_delegations >= 0),
  description TEXT,
  notes       TEXT,                           -- internal
  sources     TEXT,                           -- JSON array of strings
  links       TEXT,                           -- JSON array of URLs (documents)
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK(title_zh IS NOT NULL OR title_en IS NOT NULL),
  CHECK((end_date IS NULL) = (end_precision IS NULL)),
  CHECK(day_end >= start_day0)
);
CREATE INDEX event_day ON event(start_day0);
CREATE INDEX event_series_ix ON event(series_id, start_day0) WHERE series_id IS NOT NULL;

-- Organisations that organise or co-organise an event.
CREATE TABLE event_org(
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  org_id   INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  role     TEXT NOT NULL DEFAULT 'organiser' CHECK(role IN ('organiser','co_organiser','supporter')),
  PRIMARY KEY(event_id, org_id)
) WITHOUT ROWID;
CREATE INDEX event_org_org ON event_org(org_id);

CREATE VIRTUAL TABLE event_fts USING fts5(
  names, zh, pinyin, text, tokenize='yc', prefix='1 2 3'
);
CREATE TRIGGER event_fts_gone AFTER DELETE ON event BEGIN
  DELETE FROM event_fts WHERE rowid=old.id;
END;

-- People: contacts of partner cities, organisations and the city's friends.
-- Personal data: only signed-in users ever see a row (core/person.h).
-- Erasing a person on request keeps the row (its id, what it took part in)
-- and nulls every personal field, erased_at says when.
CREATE TABLE person(
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name_zh     TEXT,
  name_en     TEXT,
  name_native TEXT,                           -- in the person's own script
  title       TEXT,                           -- position
  org_id      INTEGER REFERENCES org(id) ON DELETE SET NULL,
  city_id     INTEGER REFERENCES city(id),    -- the partner (or home) city they belong to
  languages   TEXT,                           -- ISO 639-1 codes, comma-separated
  roles       TEXT,                           -- comma-separated: official,university,association,enterprise,friend
  email       TEXT,
  phone       TEXT,
  address     TEXT,
  friend_since TEXT,                          -- friend of the city since (any precision)
  notes       TEXT,
  sources     TEXT,
  erased_at   TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK(erased_at IS NOT NULL OR name_zh IS NOT NULL OR name_en IS NOT NULL OR name_native IS NOT NULL)
);
CREATE INDEX person_city ON person(city_id);
CREATE INDEX person_org ON person(org_id);
CREATE VIRTUAL TABLE person_fts USING fts5(
  names, zh, pinyin, text, tokenize='yc', prefix='1 2 3'
);
CREATE TRIGGER person_fts_gone AFTER DELETE ON person BEGIN
  DELETE FROM person_fts WHERE rowid=old.id;
END;

-- An invitation to an event: of a partner tie, an organisation or a person.
-- exchange_id: the exchange the event's holding made for an attending tie.
CREATE TABLE invitation(
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id    INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  tie_id      INTEGER REFERENCES tie(id) ON DELETE CASCADE,
  org_id      INTEGER REFERENCES org(id) ON DELETE CASCADE,
  person_id   INTEGER REFERENCES person(id) ON DELETE CASCADE,
  status      TEXT NOT NULL CHECK(status IN ('to_invite','invited','accepted','declined','attended','no_show')),
  invited_on  TEXT,                           -- YYYY-MM-DD
  answered_on TEXT,                           -- YYYY-MM-DD
  size        INTEGER CHECK(size >= 0),       -- people in the delegation
  head        TEXT,                           -- head of delegation (name and title; personal data)
  head_person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
  notes       TEXT,
  sources     TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK((tie_id IS NOT NULL) + (org_id IS NOT NULL) + (person_id IS NOT NULL) = 1)
);
CREATE UNIQUE INDEX invitation_tie ON invitation(event_id, tie_id) WHERE tie_id IS NOT NULL;
CREATE UNIQUE INDEX invitation_org ON invitation(event_id, org_id) WHERE org_id IS NOT NULL;
CREATE UNIQUE INDEX invitation_person ON invitation(event_id, person_id) WHERE person_id IS NOT NULL;
CREATE INDEX invitation_by_tie ON invitation(tie_id, event_id) WHERE tie_id IS NOT NULL;
CREATE INDEX invitation_by_person ON invitation(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX invitation_by_org ON invitation(org_id) WHERE org_id IS NOT NULL;

-- An incoming or outgoing delegation (a visit), planned ahead; when done
-- it becomes an exchange (exchange.delegation_id).
CREATE TABLE delegation(
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  direction   TEXT NOT NULL CHECK(direction IN ('in','out')),
  title_zh    TEXT,
  title_en    TEXT,
  status      TEXT NOT NULL CHECK(status IN ('planned','approved','done','cancelled')),
  start_date  TEXT NOT NULL,
  start_precision TEXT NOT NULL CHECK(start_precision IN ('day','month','year')),
  start_day0  INTEGER NOT NULL,
  end_date    TEXT,
  end_precision TEXT CHECK(end_precision IN ('day','month','year')),
  day_end     INTEGER NOT NULL,
  home_city_id INTEGER REFERENCES city(id),
  head        TEXT,                           -- head of delegation as the source names them (personal data)
  head_person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
  size        INTEGER CHECK(size >= 0),
  purpose     TEXT,
  fields      INTEGER NOT NULL DEFAULT 0,
  event_id    INTEGER REFERENCES event(id) ON DELETE SET NULL,   -- the event it travels to
  public      INTEGER NOT NULL DEFAULT 1 CHECK(public IN (0,1)),
  notes       TEXT,
  sources     TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK(title_zh IS NOT NULL OR title_en IS NOT NULL),
  CHECK((end_date IS NULL) = (end_precision IS NULL)),
  CHECK(day_end >= start_day0)
);
CREATE INDEX delegation_day ON delegation(start_day0);

CREATE TABLE delegation_tie(
  delegation_id INTEGER NOT NULL REFERENCES delegation(id) ON DELETE CASCADE,
  tie_id        INTEGER NOT NULL REFERENCES tie(id) ON DELETE CASCADE,
  PRIMARY KEY(delegation_id, tie_id)
) WITHOUT ROWID;
CREATE INDEX delegation_tie_tie ON delegation_tie(tie_id);

CREATE TABLE delegation_member(
  delegation_id INTEGER NOT NULL REFERENCES delegation(id) ON DELETE CASCADE,
  person_id     INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  role          TEXT,
  PRIMARY KEY(delegation_id, person_id)
) WITHOUT ROWID;
CREATE INDEX delegation_member_person ON delegation_member(person_id);

-- The programme: dated agenda items, with the place and the organisation visited.
CREATE TABLE delegation_item(
  delegation_id INTEGER NOT NULL REFERENCES delegation(id) ON DELETE CASCADE,
  pos           INTEGER NOT NULL,
  date          TEXT NOT NULL,                -- YYYY-MM-DD
  time          TEXT,                         -- HH:MM
  title         TEXT NOT NULL,
  place         TEXT,
  org_id        INTEGER REFERENCES org(id) ON DELETE SET NULL,
  PRIMARY KEY(delegation_id, pos)
) WITHOUT ROWID;
CREATE INDEX delegation_item_org ON delegation_item(org_id) WHERE org_id IS NOT NULL;

-- The exchange log's entries made by an event's holding (one per event:
-- its attending ties) or by a delegation that is done. The core keeps them
-- in step with the event or delegation; hand-made entries have neither.
ALTER TABLE exchange ADD COLUMN event_id INTEGER REFERENCES event(id) ON DELETE SET NULL;
ALTER TABLE exchange ADD COLUMN delegation_id INTEGER REFERENCES delegation(id) ON DELETE SET NULL;
CREATE UNIQUE INDEX exchange_by_event ON exchange(event_id) WHERE event_id IS NOT NULL;
CREATE UNIQUE INDEX exchange_by_delegation ON exchange(delegation_id) WHERE delegation_id IS NOT NULL;

-- Opportunities published by the city, its organisations or partners: when
-- and where (the demo's real calls cite their source).
ALTER TABLE opportunity ADD COLUMN published TEXT;     -- YYYY-MM-DD, or YYYY-MM, YYYY
ALTER TABLE opportunity ADD COLUMN sources TEXT;       -- JSON array of strings

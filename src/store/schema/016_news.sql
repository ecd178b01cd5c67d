-- 016_news.sql: news items and documents (issue 13, item 1): news, press
-- releases, speeches, agreement texts, reports and photo stories, in Chinese
-- and/or English (Markdown bodies), with attachments kept in the database
-- (so backups carry them) and links to the partner ties, organisations,
-- events and people they mention (found by the mention finder, confirmed or
-- rejected by an editor). Anonymous visitors see published items only.
CREATE TABLE news(
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK(kind IN ('news','press_release','speech','agreement','report','photo_story')),
  lang        TEXT NOT NULL CHECK(lang IN ('zh','en','both')),
  title_zh    TEXT,
  title_en    TEXT,
  body_zh     TEXT,                           -- Markdown
  body_en     TEXT,
  date        TEXT NOT NULL,                  -- "2019", "2019-10" or "2019-10-17": as precise as the source
  date_precision TEXT NOT NULL CHECK(date_precision IN ('day','month','year')),
  day0        INTEGER NOT NULL,               -- first day of the date's period (days since 1970-01-01)
  source      TEXT,                           -- "title or publisher, date | URL" (several: " | ")
  status      TEXT NOT NULL DEFAULT 'draft' CHECK(status IN ('draft','published')),
  published_at TEXT,
  unit_id     INTEGER REFERENCES unit(id),
  demo_key    TEXT UNIQUE,                    -- the key of a demo row (data/demo/jinan_news.tsv)
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK(title_zh IS NOT NULL OR title_en IS NOT NULL)
);
CREATE INDEX news_day ON news(day0, id);
CREATE INDEX news_status_day ON news(status, day0, id);
CREATE INDEX news_unit ON news(unit_id);

-- Attachment contents, by their SHA-256 (the same file attached twice is
-- stored once). Not tied to a news row by a foreign key: an attachment
-- archived with a deleted item finds its bytes again when restored.
CREATE TABLE news_blob(
  sha256 TEXT PRIMARY KEY,
  data   BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE news_attachment(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  news_id    INTEGER NOT NULL REFERENCES news(id) ON DELETE CASCADE,
  filename   TEXT NOT NULL,
  mime       TEXT NOT NULL,
  size       INTEGER NOT NULL CHECK(size >= 0),
  sha256     TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX news_attachment_news ON news_attachment(news_id);

-- A record a news item mentions: suggested by the finder, confirmed or
-- rejected by an editor (a rejected link is kept so that the finder does not
-- suggest it again). target_id: tie.id, org.id, event.id or person.id.
CREATE TABLE news_link(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  news_id    INTEGER NOT NULL REFERENCES news(id) ON DELETE CASCADE,
  type       TEXT NOT NULL CHECK(type IN ('tie','org','event','person')),
  target_id  INTEGER NOT NULL,
  state      TEXT NOT NULL CHECK(state IN ('suggested','confirmed','rejected')),
  surface    TEXT,                            -- the text that matched
  UNIQUE(news_id, type, target_id)
);
CREATE INDEX news_link_target ON news_link(type, target_id, state);

CREATE VIRTUAL TABLE news_fts USING fts5(
  names, zh, pinyin, text, tokenize='yc', prefix='1 2 3'
);
CREATE TRIGGER news_fts_gone AFTER DELETE ON news BEGIN
  DELETE FROM news_fts WHERE rowid=old.id;
END;

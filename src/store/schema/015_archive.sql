-- 015_archive.sql: deletes that lose nothing (issue 12, item 5). A deleted
-- record goes here with every row that went with it: the rows its foreign
-- keys cascaded to, the records it would have left orphaned (an exchange
-- whose last tie it was) and those it owned (an event's exchange), as they
-- were, plus the references a delete set to NULL. Restoring puts them back
-- with their ids, so every link holds again.
CREATE TABLE archive(
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,              -- when it was deleted (UTC)
  user_id     INTEGER REFERENCES user(id) ON DELETE SET NULL,
  actor       TEXT NOT NULL,
  entity      TEXT NOT NULL,              -- the record deleted: tie, org, exchange, ...
  entity_id   INTEGER NOT NULL,
  name_en     TEXT,                       -- its name then, for the list
  name_zh     TEXT,
  counts      TEXT NOT NULL,              -- {"exchange": 3, ...}: what went with it
  rows        TEXT NOT NULL,              -- [{"t": TABLE, "r": {COLUMN: VALUE}}], parents first
  nulls       TEXT NOT NULL,              -- [{"t": TABLE, "c": COLUMN, "id": ROW, "v": VALUE}]
  restored_at TEXT,
  restored_by TEXT
);
CREATE INDEX archive_entity ON archive(entity, entity_id);

-- Ending a tie is a status change with its date (any precision), which the
-- delete page offers first.
ALTER TABLE tie ADD COLUMN ended TEXT;

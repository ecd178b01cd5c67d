-- 013_review.sql: review before publishing (issue 12, item 3). Content
-- submitted by members goes draft -> submitted -> published, or returned
-- with a reason, by an editor or admin. The review state is separate from
-- an opportunity's own lifecycle status. Only 'published' rows are in
-- anonymous answers.
ALTER TABLE opportunity ADD COLUMN review TEXT NOT NULL DEFAULT 'published'
  CHECK(review IN ('draft','submitted','published','returned'));
ALTER TABLE opportunity ADD COLUMN review_note TEXT;   -- the reason of a return
ALTER TABLE opportunity ADD COLUMN review_by TEXT;     -- who made the last review step
ALTER TABLE opportunity ADD COLUMN review_at TEXT;
UPDATE opportunity SET review='draft' WHERE status='draft';

ALTER TABLE org ADD COLUMN review TEXT NOT NULL DEFAULT 'published'
  CHECK(review IN ('draft','submitted','published','returned'));
ALTER TABLE org ADD COLUMN review_note TEXT;
ALTER TABLE org ADD COLUMN review_by TEXT;
ALTER TABLE org ADD COLUMN review_at TEXT;

-- Offers and needs are edited together per organisation (PUT/PATCH
-- /api/v1/orgs/{id}/offers), so they have one review state per
-- organisation; no row = published.
CREATE TABLE offer_review(
  org_id      INTEGER PRIMARY KEY REFERENCES org(id) ON DELETE CASCADE,
  review      TEXT NOT NULL CHECK(review IN ('draft','submitted','published','returned')),
  review_note TEXT,
  review_by   TEXT,
  review_at   TEXT
);

-- The queue: the few rows not published.
CREATE INDEX opportunity_review ON opportunity(review) WHERE review<>'published';
CREATE INDEX org_review ON org(review) WHERE review<>'published';

-- The match index leaves out what is not published: rebuild it when a
-- state changes.
CREATE TRIGGER mv_orv_i AFTER INSERT ON offer_review BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_orv_u AFTER UPDATE ON offer_review BEGIN UPDATE match_version SET v=v+1; END;
CREATE TRIGGER mv_orv_d AFTER DELETE ON offer_review BEGIN UPDATE match_version SET v=v+1; END;

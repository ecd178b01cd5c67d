-- 010_events.sql: an index for the participation matrix (core/invitation.c):
-- the invitations of ties to a set of events, with their status, read from
-- the index alone (event by event, then tie), so that the matrix of 3,000
-- ties x 500 events x 30,000 invitations counts them in one pass.
CREATE INDEX invitation_scope ON invitation(event_id, tie_id, status) WHERE tie_id IS NOT NULL;

/*
** history.h: the audit trail read back: the history of one record (who,
** when, what changed: each field with its value before and after), the
** global audit log with filters, and revert — writing a record's state as
** of an earlier audit entry back through the type's own core update, so
** that every check and side effect applies; the revert is itself an entry
** (action "revert", revert_of naming the version gone back to).
**
** The trail holds personal data (people, contacts): every reader here is
** for signed-in users only (YC_EAUTH otherwise); revert for an admin or an
** editor (YC_EFORBIDDEN otherwise).
*/
#ifndef YC_HISTORY_H
#define YC_HISTORY_H
#include <jansson.h>
#include "core/ctx.h"

/* The entity names of the trail ("tie", "org", ..., "twin_import"), 0-ended. */
extern const char *const azAuditEntity[];
/* The actions of the trail ("create", "update", "delete", "revert", ...). */
extern const char *const azAuditAction[];

/* What changed from jBefore to jAfter (either may be 0 or null): an array
** of {"field", "before", "after"} in the order of the record's fields, the
** unchanged ones and the bookkeeping ones (id, created_at, updated_at) left
** out; nested values (lists of organisations, sources) compared as wholes.
** A create (no before) lists the fields set, a delete the fields it had.
** A new reference. */
json_t *history_diff(const json_t *jBefore, const json_t *jAfter);

/* The history of record id of zEntity ("tie", "exchange", ...), newest
** first, paged (zLimit: 1 to 200, default 50; zCursor; bPrev: add
** prev_cursor): {"entity", "id", "items": [{"id" (the version), "at",
** "actor", "action", "entity", "revert_of", "revertable", "changes":
** [...]}], "total", "next_cursor"}. A tie
** includes its industry profile's entries ("profile"), an organisation its
** offers and needs' ("org_offers"). A deleted record's history stays (its
** last entry the delete); 404 naming id when the trail has no entry. */
YcStatus history_of(Ctx *c, const char *zEntity, int64_t id, const char *zLimit, const char *zCursor, int bPrev,
                    json_t **ppOut, Err *e);

/* The latest n entries, newest first, without their changes: {"id", "at",
** "actor", "action", "entity", "entity_id", "name_en", "name_zh"} (the
** record's name: a tie's label or city, a profile's tie, offers' organisation;
** none for people and private delegations when not signed in). For anyone
** (the dashboard). A new reference. */
json_t *history_latest(Ctx *c, int n);

/* The filters of the global log, as raw strings (0: not given). */
typedef struct AuditQuery {
  union {                 /* the fields in the order of azAuditParam */
    struct {
      const char *zUser;      /* the actor: a user name, "cli", "init" */
      const char *zType;      /* an entity of azAuditEntity */
      const char *zAction;    /* an action of azAuditAction */
      const char *zFrom, *zTo;   /* days YYYY-MM-DD, both included */
      const char *zLimit, *zCursor;
    };
    const char *az[7];
  };
  int bPrev;              /* the answer carries prev_cursor (web pages) */
} AuditQuery;
extern const char *const azAuditParam[];   /* user type action from to limit cursor */

/* The global log, newest first, paged: {"items": [{"id", "at", "actor",
** "action", "entity", "entity_id", "revert_of", "name_en", "name_zh",
** "changes"}], "total", "next_cursor"}. Bad filters: 400 naming the field. */
YcStatus audit_query(Ctx *c, const AuditQuery *q, json_t **ppOut, Err *e);

/* Revert record id of zEntity to version in {"to": AUDIT_ID} (an entry of
** its history: a create, update or revert). The record as the type's get
** answers it afterwards in *ppOut. Refused: 404 (no such version of this
** record), 409 "not_revertable" (a delete or an entry without the whole
** record), 409 "deleted" (the record is gone: that is restore), and any
** error of the type's own update, named by its field (a city that no
** longer exists...). */
YcStatus history_revert(Ctx *c, const char *zEntity, int64_t id, json_t *in, json_t **ppOut, Err *e);

/* The input of zEntity's update that gives back the stored record rec
** (its get's output): references as ids, items with the fields the update
** takes. A new reference; 0 for a type without revert. */
json_t *history_input(const char *zEntity, const json_t *rec);

/* Write the stored record rec (a version of record id of zEntity) back
** through the type's update (profiles and offers: the sections given);
** with cur (the record now), only the fields that differ. */
YcStatus history_write(Ctx *c, const char *zEntity, int64_t id, const json_t *rec, const json_t *cur,
                       json_t **ppOut, Err *e);

/* 1 if zEntity's records can be reverted. */
int history_revertable(const char *zEntity);

#endif

/*
** audit.h: the audit trail. Every write records who did what to which
** record, with the record as JSON before and after, inside the write's
** own transaction.
*/
#ifndef YC_AUDIT_H
#define YC_AUDIT_H
#include <jansson.h>
#include "core/ctx.h"

/* Record one change; jBefore/jAfter may be 0. Borrowed, not stolen.
** When c expects a version of this record (Ctx.zIfEntity, ifId), first
** YC_ECONFLICT "conflict" (field "version") unless its version is still
** c->ifVersion, which makes the caller roll the write back; the
** expectation is cleared either way. */
YcStatus audit_log(Ctx *c, const char *zAction, const char *zEntity,
                   int64_t id, json_t *jBefore, json_t *jAfter, Err *e);

/* The version of record (zEntity, id): the id of its latest audit row,
** 0 when it has none (or on a failed read). It changes on every write and
** never goes back. */
int64_t audit_version(Ctx *c, const char *zEntity, int64_t id);

/* The versions of the records of zEntity whose ids are the JSON array
** aIds (borrowed): an object from each id (as text) to its version; ids
** without audit rows are left out (version 0). One statement. */
json_t *audit_versions(Ctx *c, const char *zEntity, const json_t *aIds);

/* The latest n entries, newest first, as a JSON array (new reference). */
json_t *audit_latest(Ctx *c, int n, const char *zEntity, int64_t id);

#endif

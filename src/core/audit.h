/*
** audit.h: the audit trail. Every write records who did what to which
** record, with the record as JSON before and after, inside the write's
** own transaction.
*/
#ifndef YC_AUDIT_H
#define YC_AUDIT_H
#include <jansson.h>
#include "core/ctx.h"

/* Record one change; jBefore/jAfter may be 0. Borrowed, not stolen. */
YcStatus audit_log(Ctx *c, const char *zAction, const char *zEntity,
                   int64_t id, json_t *jBefore, json_t *jAfter, Err *e);

/* The latest n entries, newest first, as a JSON array (new reference). */
json_t *audit_latest(Ctx *c, int n, const char *zEntity, int64_t id);

#endif

/*
** exchange_util.h: small helpers shared by the exchange, project, health
** and calendar modules: text checks for values that do not come as JSON
** (CSV cells, form fields), JSON output of referenced ties and
** organisations, id arrays.
*/
#ifndef YC_EXCHANGE_UTIL_H
#define YC_EXCHANGE_UTIL_H
#include <stdint.h>
#include <jansson.h>
#include "core/ctx.h"

/* Column i of p as a JSON string, or null. */
json_t *exu_jtext(DbStmt *p, int i);
/* Column i of p (a JSON array stored as text) as a JSON value; [] if NULL
** or unreadable. */
json_t *exu_jarray(DbStmt *p, int i);

/* The checks in_str applies to a JSON string, for a plain C string:
** length 1..nMax characters, no control characters (but newline/tab when
** bMultiline), not starting or ending with white space, valid UTF-8. */
YcStatus exu_text(const char *zField, const char *z, size_t nMax, int bMultiline, Err *e);

/* A JSON array of ids (positive integers, no duplicates, at most nMax);
** absent or null gives n=0 and *pbSet (0 absent, 1 null or array). */
YcStatus exu_ids(json_t *o, const char *zKey, int64_t *a, int nMax, int *pn, int *pbSet, Err *e);

/* Check that each string of aUrl (a JSON array) starts with http:// or
** https:// and has no white space. */
YcStatus exu_urls(json_t *aUrl, const char *zField, Err *e);

/* Kind of home tie id ("sister", ...; static) or 0 if no such home tie. */
const char *exu_tie_kind(Ctx *c, int64_t id);
int exu_org_exists(Ctx *c, int64_t id);

/* {"id","name_en","name_zh","label","kind","country":{"iso2","name_en","name_zh"}}
** of tie id, or 0. */
json_t *exu_tie_json(Ctx *c, int64_t id);
/* {"id","name_en","name_zh","side","type"} of org id, or 0. */
json_t *exu_org_json(Ctx *c, int64_t id);

/* Every home tie [{"id","name_en","name_zh","label","kind","iso2"}] by
** English name, and every organisation [{"id","name_en","name_zh","side"}]
** (choices in forms). New references. */
json_t *exu_tie_options(Ctx *c);
json_t *exu_org_options(Ctx *c);

/* Run one statement with bound int64 parameters (n of them); YC_OK when it
** finished (DB_DONE). */
YcStatus exu_exec_ints(Ctx *c, const char *zSql, const int64_t *a, int n, Err *e);

/* Sort and compare helpers for id arrays. */
void exu_sort_ids(int64_t *a, int n);

/* 64-bit FNV-1a of z, continuing from h (start with EXU_FNV_INIT). */
#define EXU_FNV_INIT 0xcbf29ce484222325ULL
uint64_t exu_fnv(uint64_t h, const char *z, size_t n);

#endif

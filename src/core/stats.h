/*
** stats.h: counts of the registry next to the city's reported figures.
*/
#ifndef YC_STATS_H
#define YC_STATS_H
#include <jansson.h>
#include "core/ctx.h"

/* {"home_city":{...}, "ties":{"total","by_kind","by_status","by_continent",
**  "by_decade","kind_unverified"}, "organisations":{"total","by_type"},
**  "reported":[{"as_of","kind","count","source","note"}]} */
YcStatus stats_get(Ctx *c, json_t **ppOut, Err *e);

/* The latest (greatest as_of) item of kind zKind of the array
** aReported (stats_get's "reported"), or 0; a borrowed reference. */
const json_t *stats_reported_latest(const json_t *aReported, const char *zKind);

/* Record a reported figure (idempotent on home city, as_of, kind). */
YcStatus stats_report(Ctx *c, const char *zAsOf, const char *zKind, int64_t n,
                      const char *zSource, const char *zNote, Err *e);

/* 1 when the database answers a query (for /healthz). */
int stats_ping(Ctx *c);

#endif

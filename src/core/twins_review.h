/*
** twins_review.h: review of the world twin-city network's imported rows
** (those not resolved, and resolved sides of low confidence) and hand
** fixes of a side (twins_review.c). A fix is kept (twin_fix) by the
** side's Wikidata id, else by its source name and stated country, so it
** applies again after a re-import and any re-resolution.
*/
#ifndef YC_TWINS_REVIEW_H
#define YC_TWINS_REVIEW_H
#include <jansson.h>
#include "core/ctx.h"

/* The reasons a row is listed for review: the categories of rows that are
** not pairs (azTwinCategory, twins_import.h) and low_confidence. */
extern const char *const azTwinReason[];

/* Rows for review by id: {"items":[{"id","import_id","source","format",
** "row","status","cities":[{"side","name","country","qid","lat","lng",
** "city_id","city":{id,name_en,name_zh,country,population}|null,"how",
** "confidence","reason","review"}]}],"total","next_cursor"} (and
** "prev_cursor" when bPrev). zReason one of azTwinReason or 0: every row
** that needs a look (not a pair, except those marked not a city; or a
** side below TWIN_CONF_REVIEW). zLimit 1..500 (default 50). */
YcStatus twins_review(Ctx *c, const char *zReason, const char *zLimit,
                      const char *zCursor, int bPrev, json_t **ppOut, Err *e);

/* Fix a side by hand. in: {"row": twin_row id, "side": 1|2} or {"qid":
** "Q64"} or {"name", "country"}; then {"city_id": GeoNames id} or
** {"not_a_city": true}; optional "note". Stores the fix, resolves every
** row again, audits. *ppOut: {"fix":{"id","key","name","country","qid",
** "city_id","note"},"rows_changed","pairs_added","pairs_removed"}. */
YcStatus twins_fix(Ctx *c, json_t *in, json_t **ppOut, Err *e);

/* The fixes made by hand, newest first: {"items":[{fix}]} */
YcStatus twins_fixes(Ctx *c, json_t **ppOut, Err *e);

#endif

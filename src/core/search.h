/*
** search.h: the site-wide search over partners (their names, notes and
** industry profiles), organisations (names, descriptions, offers and
** needs) and opportunities (titles, descriptions, owners, targets). Script,
** width, case, accent and pinyin tolerant like every search here
** (tokenize='yc'); words are prefixes, all must match; best first (bm25;
** for a query that more than 500 records of a kind match, the best of the
** 500 most recent).
*/
#ifndef YC_SEARCH_H
#define YC_SEARCH_H
#include <jansson.h>
#include "core/ctx.h"

extern const char *const azSearchParam[];   /* q, types, limit */

/* {"q":..,"partners":[{"id","name_en","name_zh","country","kind",
** "status","url"}],"orgs":[{"id","name_en","name_zh","type","side",
** "country","url"}],"opportunities":[{"id","title_en","title_zh","kind",
** "category","status","url"}]}; zLimit per group 1..50 (default 5),
** zTypes a list of partners, orgs, opportunities (default all). */
/* Write the search entry (rowid id) of one record in zTable, one of the
** full-text tables with the columns names, zh, pinyin, text (org_fts,
** event_fts, news_fts, person_fts): the reindex functions' last step, after
** they delete the old entry. zZh may be 0; zPy 0 is stored as "". */
YcStatus search_entry_put(Ctx *c, const char *zTable, int64_t id, const char *zNames,
                          const char *zZh, const char *zPy, const char *zText, Err *e);

YcStatus search_run(Ctx *c, const char *zQ, const char *zTypes, const char *zLimit,
                    json_t **ppOut, Err *e);

#endif

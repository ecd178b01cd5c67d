/*
** opportunity.h: cooperation opportunities for "going out" (home-side
** organisations abroad) and "bringing in" (foreign firms, projects and
** talent to the home city), and organisations' expressions of interest in
** them.
**
** An opportunity is an offer or a request in one category, owned by an
** organisation (org_id) or by a partner city (partner_id = tie id), with
** ISIC codes, target countries and cities, a title and description in
** Chinese and/or English, a valid-until day and a status. An open
** opportunity whose valid_until has passed reads as "expired" everywhere
** (computed at query time; stored as such on its next write) and stops
** matching.
**
** JSON (GET /api/v1/opportunities/{id}):
**   {"id","kind","category","direction",
**    "owner":{"type":"org"|"partner","id","name_en","name_zh","side","country"},
**    "industries":["28"],"target_countries":["SE"],
**    "target_cities":[{"id","name_en","name_zh","country"}],
**    "title_zh","title_en","description_zh","description_en",
**    "valid_until","status","contact","interests":N,"created_at","updated_at"}
** (the API shows "contact" to logged-in users only)
** Input: the same fields, with "org_id" or "partner_id" instead of
** "owner" and target_cities as GeoNames ids.
*/
#ifndef YC_OPPORTUNITY_H
#define YC_OPPORTUNITY_H
#include <stddef.h>
#include <jansson.h>
#include "core/ctx.h"

extern const char *const azOppKind[];       /* offer, request */
extern const char *const azOppCategory[];   /* business ... health */
extern const char *const azOppDirection[];  /* going_out, bringing_in */
extern const char *const azOppStatus[];     /* draft, open, matched, closed, expired */
extern const char *const azOppSort[];       /* updated, -updated, valid_until, ... */
extern const char *const azOppParam[];      /* query parameters of opp_list */
extern const char *const azInterestStatus[]; /* new, forwarded, accepted, declined */

/* Filters of a list; raw request strings, validated by opp_list. */
typedef struct OppQuery {
  union {                      /* the fields in the order of azOppParam */
    struct {
      const char *zQ, *zKind, *zCategory, *zDirection, *zIndustry, *zCountry, *zStatus;
      const char *zOrg, *zPartner, *zSort, *zLimit, *zCursor, *zFacets, *zUnit;
    };
    const char *az[14];
  };
  int bPrev;                   /* add "prev_cursor" to the answer (the web page) */
} OppQuery;

/* {"items":[...],"total":N,"next_cursor":..,"facets":{...}} (facets when
** zFacets is "1"/"true": counts per category, direction, kind, status,
** industry and country, each over the other filters); "prev_cursor" too
** when q->bPrev. Keyset cursors (core/page.h); sorted by relevance (the
** default with q), the cursor holds the bm25 rank and id of the last row:
** stable while the data is, as any write changes every row's bm25. */
YcStatus opp_list(Ctx *c, const OppQuery *q, json_t **ppOut, Err *e);
YcStatus opp_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);
YcStatus opp_create(Ctx *c, json_t *in, json_t **ppOut, Err *e);
/* Inside the caller's transaction (imports); audited. */
/* The checks of opp_create_tx without writing (an import's rows are
** checked before its write transaction). */
YcStatus opp_check(Ctx *c, json_t *in, Err *e);
YcStatus opp_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e);
YcStatus opp_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);
YcStatus opp_delete(Ctx *c, int64_t id, Err *e);
/* Rebuild the search row of opportunity id (a restored one). */
YcStatus opp_reindex(Ctx *c, int64_t id, Err *e);

/* CSV import of opportunities: columns kind, category, direction, org_id |
** org (exact English or Chinese name) | partner_id, industries,
** target_countries, title_zh, title_en, description_zh, description_en,
** valid_until, status, contact. All or nothing; report as
** profile_import_csv. */
YcStatus opp_import_csv(Ctx *c, const char *zData, size_t nData, int bDryRun,
                        json_t **ppReport, Err *e);

/* Expressions of interest. interest JSON: {"id","opportunity_id",
** "opportunity_title_zh","opportunity_title_en","org":{"id","name_en",
** "name_zh"},"message","status","created_at","updated_at","answered_at",
** "days_waiting"}. */
/* The id of the opportunity with this English (or, without one, Chinese)
** title, or 0. */
int64_t opp_find_by_title(Ctx *c, const char *zTitleEn, const char *zTitleZh);

YcStatus interest_create(Ctx *c, int64_t oppId, json_t *in, json_t **ppOut, Err *e);
YcStatus interest_list(Ctx *c, int64_t oppId, json_t **ppOut, Err *e);
YcStatus interest_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);
/* Interests not answered (new or forwarded) for at least zDays days
** (default 14, 0..3650), oldest first; zStatus narrows to new or
** forwarded. {"items":[...],"days":N} */
YcStatus interest_followup(Ctx *c, const char *zDays, const char *zStatus, json_t **ppOut, Err *e);

extern const char *const azOppField[];   /* the fields of its JSON input (OpenAPI: routes.c) */

#endif

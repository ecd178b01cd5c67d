/*
** partner.h: the registry of partner-city ties ("partners" in the API).
** One function per capability, called alike by the CLI, the JSON API and
** the HTML pages. Results are jansson objects owned by the caller.
*/
#ifndef YC_PARTNER_H
#define YC_PARTNER_H
#include <jansson.h>
#include "core/ctx.h"
#include "core/tie_vocab.h"

extern const char *const azContinent[];
extern const char *const azPartnerSort[]; /* name, -name, established, ... */

/* Filters of a list request; 0 = not given. All strings are validated by
** partner_list, so raw request values may be passed in. */
typedef struct PartnerQuery {
  union {                      /* the fields in the order of azPartnerParam */
    struct {
      const char *zKind, *zStatus, *zCountry, *zContinent;
      const char *zFrom, *zTo;     /* established range, any precision */
      const char *zQ;              /* text search */
      const char *zSort;           /* one of azPartnerSort */
      const char *zLimit;          /* 1..500, default 50 */
      const char *zCursor;         /* from a previous next_cursor (or prev_cursor) */
    };
    const char *az[10];            /* the same, by position (query_fill) */
  };
  int bPrev;                   /* add "prev_cursor" to the answer (the web page) */
} PartnerQuery;

/* The names of the query parameters partner_list accepts. */
extern const char *const azPartnerParam[];

/* {"items":[...],"total":N,"next_cursor":"..."|null}, and "prev_cursor"
** when q->bPrev. Cursors are keyset cursors (core/page.h). */
YcStatus partner_list(Ctx *c, const PartnerQuery *q, json_t **ppOut, Err *e);

/* The short JSON of ties as exchanges and projects show them, for the ids
** in zIds (a JSON array text): an object keyed by the decimal id of
** {"id","name_en","name_zh","label","kind","country":{"iso2","name_en","name_zh"}}
** (*ppMap, a new reference, also on error). One statement. */
YcStatus partner_refs(Ctx *c, const char *zIds, json_t **ppMap, Err *e);

/* One tie with its organisations. YC_ENOTFOUND if no such tie. */
YcStatus partner_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);

/* Create from a JSON object (see doc/api.md); *ppOut gets the new tie. */
YcStatus partner_create(Ctx *c, json_t *in, json_t **ppOut, Err *e);
/* Change the fields present in `in`; null clears an optional field. */
YcStatus partner_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);
YcStatus partner_delete(Ctx *c, int64_t id, Err *e);

/* Variants that run inside the caller's transaction (for imports). */
/* The checks of partner_create_tx without writing (an import's rows are
** checked before its write transaction; a dry run only checks). */
YcStatus partner_check(Ctx *c, json_t *in, Err *e);
YcStatus partner_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e);

/* Rebuild the search entry of tie id (after its organisations changed). */
YcStatus partner_reindex(Ctx *c, int64_t id, Err *e);

/* Id of the tie with this partner city, 0 if none. */
int64_t partner_find_by_city(Ctx *c, int64_t cityId);

/* The ties for the dashboard map: {id, name_en, name_zh, lat, lng, kind,
** ccn3, country_en, country_zh} per tie, by id. */
YcStatus partner_map(Ctx *c, json_t **ppOut, Err *e);
/* The countries that have ties: {iso2, name_en, name_zh}, by English name. */
YcStatus partner_countries(Ctx *c, json_t **ppOut, Err *e);
/* Every home tie for a <select> or a checkbox list: {id, name_en,
** name_zh, label, kind, iso2}, by folded city name. */
YcStatus partner_options(Ctx *c, json_t **ppOut, Err *e);

/* 1 if id is a tie of the home city. */
int partner_exists(Ctx *c, int64_t id);
/* Kind of home tie id ("sister", "cooperation" or "candidate"; static), or
** 0 if there is no such home tie. */
const char *partner_kind(Ctx *c, int64_t id);
/* Tie id as other records embed it: {"id","name_en","name_zh","label",
** "kind","country":{"iso2","name_en","name_zh"}}; 0 if there is none. */
json_t *partner_ref(Ctx *c, int64_t id);

extern const char *const azTieField[];   /* the fields of its JSON input (OpenAPI: routes.c) */

#endif

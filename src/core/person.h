/*
** person.h: people: contacts of partner cities and organisations, and the
** friends of the city. Names (Chinese, English, in their own script), title,
** organisation and/or city, languages (ISO 639-1), roles (official,
** university, association, enterprise, friend), e-mail, telephone,
** address, friend of the city since (any precision), notes, sources.
**
** Personal data: every function here answers YC_EAUTH ("unauthenticated")
** to a caller that is not signed in (ctx_signed_in), so no anonymous
** answer, cached page, export or feed can hold a person. Every change is
** audited. Erasing on request (person_erase) keeps the row, its id and
** what the person took part in (delegations, invitations), and removes
** every personal field: from the row, the search index, the person's audit
** rows and the delegation and invitation heads that name them.
*/
#ifndef YC_PERSON_H
#define YC_PERSON_H
#include <jansson.h>
#include "core/ctx.h"

#define PERSON_MAX_LANG 20

/* official, university, association, enterprise, friend */
extern const char *const azPersonRole[];
/* q, role, city, org, tie, sort, limit, cursor */
extern const char *const azPersonParam[];
/* name (default), friend_since (friends first by the year they became one) */
extern const char *const azPersonSort[];

typedef struct PersonQuery {
  union {                      /* the fields in the order of azPersonParam */
    struct { const char *zQ, *zRole, *zCity, *zOrg, *zTie, *zSort, *zLimit, *zCursor; };
    const char *az[8];
  };
  int bHistory;                /* add each person's "delegations" and "events" */
  int bPrev;                   /* add "prev_cursor" (the web page) */
} PersonQuery;

/* {"items":[...],"total":N,"next_cursor"} of people not erased: q searches
** names (Chinese, pinyin, English, native), title, organisation and city;
** role, city (GeoNames id), org (id) and tie (a partner tie: people of its
** city or of its organisations) filter. */
YcStatus person_list(Ctx *c, const PersonQuery *q, json_t **ppOut, Err *e);
/* One person with "delegations" and "events" (their history). An erased
** person has only its id, "erased":true, "erased_at" and the history. */
YcStatus person_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);
/* Create from JSON: name_zh, name_en, name_native (one required), title,
** org_id, city_id, languages ["en",...], roles [...], email, phone,
** address, friend_since, notes, sources. */
YcStatus person_create(Ctx *c, json_t *in, json_t **ppOut, Err *e);
YcStatus person_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e);
/* Change the fields present in `in` (null clears). An erased person
** cannot be changed (409 erased). */
YcStatus person_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);
/* Delete the row (its memberships and invitations go with it). */
YcStatus person_delete(Ctx *c, int64_t id, Err *e);
/* Rebuild the search row of person id (a restored one). */
YcStatus person_reindex(Ctx *c, int64_t id, Err *e);
/* Erase on request (see above); *ppOut the erased record. Erasing twice
** is a 409 already_erased. */
YcStatus person_erase(Ctx *c, int64_t id, json_t **ppOut, Err *e);

/* 1 if person id exists (erased or not); callers that are not signed in
** get 0. */
int person_exists(Ctx *c, int64_t id);
/* Id of the person not erased with exactly this English or Chinese name, or 0. */
int64_t person_find_by_name(Ctx *c, const char *zEn, const char *zZh);
/* People for a <select>: {id, name_zh, name_en, name_native}, by name,
** at most 2,000; an empty list for callers not signed in. */
YcStatus person_options(Ctx *c, json_t **ppOut, Err *e);

extern const char *const azPsField[];   /* the fields of its JSON input (OpenAPI: routes.c) */

#endif

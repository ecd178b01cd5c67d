/*
** org.h: organisations on either side of a tie (enterprises, parks,
** universities, hospitals, research institutes, associations, government),
** with their city, industries (ISIC codes), the ties they work on and
** their sources.
*/
#ifndef YC_ORG_H
#define YC_ORG_H
#include <jansson.h>
#include "core/ctx.h"

extern const char *const azOrgType[];
extern const char *const azOrgSide[];
extern const char *const azOrgParam[];

typedef struct OrgQuery {
  union {                      /* the fields in the order of azOrgParam */
    struct {
      const char *zType, *zSide, *zIndustry, *zPartner, *zCountry, *zQ;
      const char *zSort, *zLimit, *zCursor;
    };
    const char *az[9];
  };
} OrgQuery;

YcStatus org_list(Ctx *c, const OrgQuery *q, json_t **ppOut, Err *e);
/* The short JSON of organisations ({"id","name_en","name_zh","side","type"})
** for the ids in zIds (a JSON array text), keyed by the decimal id (*ppMap,
** a new reference, also on error). One statement. */
YcStatus org_refs(Ctx *c, const char *zIds, json_t **ppMap, Err *e);
YcStatus org_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);
YcStatus org_create(Ctx *c, json_t *in, json_t **ppOut, Err *e);
YcStatus org_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e);
YcStatus org_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);
YcStatus org_delete(Ctx *c, int64_t id, Err *e);
/* Rebuild the search row of organisation id (a restored one). */
YcStatus org_reindex(Ctx *c, int64_t id, Err *e);
/* Id of the organisation with exactly this English or Chinese name, or 0. */
int64_t org_find_by_name(Ctx *c, const char *zEn, const char *zZh);

/* Organisations for a <select> or a checkbox list: {id, name_en, name_zh,
** side}, by side and name, at most 2,000. */
YcStatus org_options(Ctx *c, json_t **ppOut, Err *e);

/* 1 if organisation id exists. */
int org_exists(Ctx *c, int64_t id);
/* Organisation id as other records embed it: {"id","name_en","name_zh",
** "side","type"}; 0 if there is none. */
json_t *org_ref(Ctx *c, int64_t id);
/* The organisations the query zSql lists (?1 bound to id, the org ids in
** its first column, in its order) as org_ref objects: a new array. */
json_t *org_refs_of(Ctx *c, const char *zSql, int64_t id);

extern const char *const azOrgField[];   /* the fields of its JSON input (OpenAPI: routes.c) */

#endif

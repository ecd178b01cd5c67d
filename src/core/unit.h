/*
** unit.h: units of the home side (issue 12, item 1): the foreign-affairs
** office, municipal departments, districts and counties, development
** zones. A user may belong to one (user.unit_id); exchanges, events,
** delegations, projects and opportunities name their responsible unit
** (unit_id). Units are few: the list is whole, searchable in Chinese,
** English and pinyin.
*/
#ifndef YC_UNIT_H
#define YC_UNIT_H
#include <jansson.h>
#include "core/ctx.h"

extern const char *const azUnitKind[];    /* office, department, district, zone */
extern const char *const azUnitParam[];   /* q, kind */

/* {"items":[{id, name_zh, name_en, kind, users, records, created_at,
** updated_at}], "total"} by kind then Chinese name; q matches either name
** or the pinyin of the Chinese one (folded), kind one kind. */
YcStatus unit_list(Ctx *c, const char *zQ, const char *zKind, json_t **ppOut, Err *e);
/* One unit (as in the list). YC_ENOTFOUND naming "id". */
YcStatus unit_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);
/* From JSON: name_zh (required), name_en, kind (required). */
YcStatus unit_create(Ctx *c, json_t *in, json_t **ppOut, Err *e);
/* Change the fields present (name_en may be null). */
YcStatus unit_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);
/* Refused (409 "in_use" naming what) while users or records refer to it. */
YcStatus unit_delete(Ctx *c, int64_t id, Err *e);

/* --- the responsible unit of a record (table: exchange, event, delegation,
** project, opportunity) ------------------------------------------------- */

/* Read "unit_id" of in (an id of a unit, or null) and give a copy of in
** without it in *pRest (new reference) for the record's own parser.
** *pbSet: 0 absent, 1 given. 400 naming unit_id when it is no unit. */
YcStatus unit_take(Ctx *c, json_t *in, json_t **pRest, int64_t *pUnit, int *pbSet, Err *e);
/* Set the unit of record zTable/id (inside the write): unitId when bSet,
** else for a new record (bNew) the unit of an own-unit editor. */
YcStatus unit_set(Ctx *c, const char *zTable, int64_t id, int64_t unitId, int bSet, int bNew, Err *e);
/* Add "unit_id" and "unit" ({id, name_zh, name_en} or null) to record j
** of zTable, or to every item of array a (one statement). */
void unit_attach(Ctx *c, const char *zTable, json_t *j);
void unit_attach_items(Ctx *c, const char *zTable, json_t *a);

extern const char *const azUnitField[];   /* the fields of its JSON input (OpenAPI: routes.c) */

#endif

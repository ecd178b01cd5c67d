/*
** project.h: cooperation projects: title, ties, organisations on both
** sides, sectors (ISIC Rev.4 codes), stage, value and currency if known,
** start and end dates (any precision), milestones with dates. A project
** signed or implementing (and not ended) is "in force" and counts in the
** health of its ties, which every write refreshes.
*/
#ifndef YC_PROJECT_H
#define YC_PROJECT_H
#include <jansson.h>
#include "core/ctx.h"

#define PJ_MAX_TIES 50
#define PJ_MAX_ORGS 50
#define PJ_MAX_SECTORS 20
#define PJ_MAX_MILESTONES 50

/* lead, contact, negotiation, signed, implementing, completed, stalled,
** dropped: the pipeline's columns in this order. */
extern const char *const azProjectStage[];
extern const char *const azProjectParam[];   /* stage, tie, sector, limit, cursor */

typedef struct ProjectQuery {
  union {                      /* the fields in the order of azProjectParam */
    struct { const char *zStage, *zTie, *zSector, *zLimit, *zCursor, *zUnit; };
    const char *az[6];
  };
} ProjectQuery;

/* {"items":[...],"total","next_cursor"}, by stage (pipeline order), then
** most recently changed first. */
YcStatus project_list(Ctx *c, const ProjectQuery *q, json_t **ppOut, Err *e);
YcStatus project_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);
/* Create from JSON: title (required), stage (default lead), ties,
** organisations, sectors, value + currency (ISO 4217), start, end (not
** before start), milestones [{title, date, done}], description, notes,
** sources. */
YcStatus project_create(Ctx *c, json_t *in, json_t **ppOut, Err *e);
YcStatus project_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e);
YcStatus project_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);
YcStatus project_delete(Ctx *c, int64_t id, Err *e);

/* Id of the project with exactly this title, 0 if none (demo loading). */
int64_t project_find_by_title(Ctx *c, const char *zTitle);

extern const char *const azPjField[];   /* the fields of its JSON input (OpenAPI: routes.c) */

#endif

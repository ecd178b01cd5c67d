/*
** delegation.h: incoming and outgoing delegations (visits), planned ahead:
** the ties they concern, title, dates (any precision; future dates
** allowed), head (as the source names them, and/or a person), members
** (people), size, purpose, fields of cooperation, the event they travel
** to, a dated programme (agenda items with time, place and organisation
** visited), status planned -> approved -> done | cancelled.
**
** A delegation that is done is the exchange log's record of the visit:
** every write keeps its one owned exchange (exchange_sync_owned) in step:
** kind delegation_in/out, the start date at its precision, ties, fields,
** participants = size, title; not done (or deleted) -> no exchange.
**
** Heads and members are personal data: callers not signed in
** (ctx_signed_in) get neither, nor the internal notes, and see public
** delegations only.
*/
#ifndef YC_DELEGATION_H
#define YC_DELEGATION_H
#include <jansson.h>
#include "core/ctx.h"

#define DG_MAX_TIES 50
#define DG_MAX_MEMBERS 200
#define DG_MAX_ITEMS 200

extern const char *const azDelegationDirection[];   /* in, out */
extern const char *const azDelegationStatus[];      /* planned, approved, done, cancelled */
/* direction, status, tie, when, sort, limit, cursor */
extern const char *const azDelegationParam[];
extern const char *const azDelegationWhen[];        /* upcoming, past */
extern const char *const azDelegationSort[];        /* -start (default), start */

typedef struct DelegationQuery {
  union {                      /* the fields in the order of azDelegationParam */
    struct { const char *zDirection, *zStatus, *zTie, *zWhen, *zSort, *zLimit, *zCursor, *zUnit; };
    const char *az[8];
  };
  int bPrev;                   /* add "prev_cursor" (the web page) */
} DelegationQuery;

/* {"items":[...],"total":N,"next_cursor"}: newest start first (sort=start:
** oldest first); when=upcoming: not yet over (its last day today or
** later), past: over. Each item without programme and members. */
YcStatus delegation_list(Ctx *c, const DelegationQuery *q, json_t **ppOut, Err *e);
/* One delegation with ties, head, members, programme, event and the id
** of its exchange (exchange_id, null unless done). */
YcStatus delegation_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);
/* Create from JSON: direction, title_zh and/or title_en, start (required),
** status (default planned), end (not before start: 400 "end"), ties (at
** least one), head, head_person_id, members ([id] or [{"person_id","role"}],
** no duplicates), size, purpose, fields, event_id, public (default true),
** programme [{"date","time","title","place","org_id"}] (dates within the
** delegation's), notes, sources. status done with a start in the future:
** 400 "status". */
YcStatus delegation_create(Ctx *c, json_t *in, json_t **ppOut, Err *e);
YcStatus delegation_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e);
/* Change the fields present in `in` (null clears an optional field). */
YcStatus delegation_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);
YcStatus delegation_delete(Ctx *c, int64_t id, Err *e);

/* Shorthands of delegation_update (the CLI): append one programme item
** {"date","time","title","place","org_id"}; add member personId with an
** optional role; set the status. */
YcStatus delegation_item_add(Ctx *c, int64_t id, json_t *item, json_t **ppOut, Err *e);
YcStatus delegation_member_add(Ctx *c, int64_t id, int64_t personId, const char *zRole, json_t **ppOut, Err *e);
YcStatus delegation_set_status(Ctx *c, int64_t id, const char *zStatus, json_t **ppOut, Err *e);

/* Id of the delegation with exactly this English (or else Chinese) title
** and start date, or 0 (demo loading). */
int64_t delegation_find(Ctx *c, const char *zTitleEn, const char *zTitleZh, const char *zStart);

extern const char *const azDgField[];   /* the fields of its JSON input (OpenAPI: routes.c) */

#endif

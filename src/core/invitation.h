/*
** invitation.h: invitations to events and the participation matrix.
**
** An invitation invites exactly one of a partner tie, an organisation or a
** person to an event, with a status (to_invite, invited, accepted,
** declined, attended, no_show), the dates it was sent and answered, the
** size of the delegation and its head. attended and no_show are for held
** events only. Every change keeps the event's exchange in step
** (event_sync_exchange). Personal data: for anonymous users
** (ctx_signed_in 0) invitations of people are left out, and so are the
** head, head_person_id and notes of the others.
**
** The participation matrix: ties x events (filtered by series and period),
** each cell the invitation's status, per tie the invitations and
** attendances in that scope, and the ties never invited and those invited
** but never attending. See doc/events.md.
*/
#ifndef YC_INVITATION_H
#define YC_INVITATION_H
#include <jansson.h>
#include "core/ctx.h"

extern const char *const azInvitationStatus[];  /* to_invite, invited, accepted, declined, attended, no_show */
extern const char *const azMatrixParam[];       /* series, from, to, events, limit, cursor */

/* The invitations of event eventId: {"items":[{id, event_id, tie|null,
** org|null, person|null, status, invited_on, answered_on, size, head,
** head_person_id, notes, sources, created_at, updated_at}], "counts":
** {status: n}}, ties first (by name), then organisations, then people. */
YcStatus invitation_list(Ctx *c, int64_t eventId, json_t **ppOut, Err *e);
YcStatus invitation_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);
/* Invite: exactly one of tie_id, org_id, person_id (unknown: 400 naming
** it; invited already: 409 naming it); status (default invited),
** invited_on and answered_on (YYYY-MM-DD, not in the future), size,
** head, head_person_id, notes, sources. */
YcStatus invitation_create(Ctx *c, int64_t eventId, json_t *in, json_t **ppOut, Err *e);
/* The same inside the caller's transaction, without syncing the event's
** exchange (the caller calls event_sync_exchange once). */
YcStatus invitation_create_tx(Ctx *c, int64_t eventId, json_t *in, int64_t *pId, Err *e);
/* Change the fields present (the invitee itself cannot change). */
YcStatus invitation_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);
YcStatus invitation_delete(Ctx *c, int64_t id, Err *e);

/* The events tie tieId was invited to, latest first (the partner page):
** {"items":[{event_id, title_zh, title_en, start, start_precision,
** event_status, status}], "invited", "attended"}. */
YcStatus invitation_for_tie(Ctx *c, int64_t tieId, json_t **ppOut, Err *e);

typedef struct MatrixQuery {
  union {                      /* the fields in the order of azMatrixParam */
    struct { const char *zSeries, *zFrom, *zTo, *zEvents, *zLimit, *zCursor; };
    const char *az[6];
  };
} MatrixQuery;

/* {"events":[{id, title_zh, title_en, start, start_precision, status}]
** (the columns: the latest `events` (1..200, default 40) of the scope, by
** date), "events_total", "rows":[{tie, cells:[status|null per column],
** invited, attended}] (a page of ties by name: limit 1..500, default 100,
** cursor), "total" (ties), "next_cursor", "never_invited":{total, items},
** "never_attended":{total, items} (at most 100 tie refs each)}. The scope
** is the events of series `series` whose period overlaps from..to (any
** precision); "invited" counts invitations other than to_invite. */
YcStatus invitation_matrix(Ctx *c, const MatrixQuery *q, json_t **ppOut, Err *e);

extern const char *const azInvField[];   /* the fields of its JSON input (OpenAPI: routes.c) */

#endif

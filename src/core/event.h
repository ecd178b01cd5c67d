/*
** event.h: multilateral events (conferences, forums, festivals, fairs,
** ...), planned or held, alone or as an edition of a series or a meeting of
** a network (series.h). An event has titles (zh/en), a kind, a status
** (planned -> confirmed -> held | cancelled), dates of any precision, the
** city and place, organisers (as the source names them, and linked
** organisations), fields of cooperation, figures the sources report,
** sources and document links, and a public flag: anonymous users
** (ctx_signed_in 0) see only public events and never the internal notes.
**
** An event that is held makes one exchange (exchange_sync_owned, kind
** "event") on the ties whose invitation says "attended"; every change of
** the event or of its invitations keeps it in step (event_sync_exchange),
** and it goes when the event is not held or nobody attended. See
** doc/events.md.
*/
#ifndef YC_EVENT_H
#define YC_EVENT_H
#include <jansson.h>
#include "core/ctx.h"

extern const char *const azEventKind[];     /* conference, forum, festival, fair, sports, youth_camp, exhibition, online, other */
extern const char *const azEventStatus[];   /* planned, confirmed, held, cancelled */
extern const char *const azEventParam[];    /* q, series, kind, status, from, to, tie, upcoming, sort, limit, cursor */
extern const char *const azEventSort[];     /* -date (default; date with upcoming=1), date */

typedef struct EventQuery {
  union {                      /* the fields in the order of azEventParam */
    struct {
      const char *zQ, *zSeries, *zKind, *zStatus, *zFrom, *zTo, *zTie, *zUpcoming;
      const char *zSort, *zLimit, *zCursor, *zUnit;
    };
    const char *az[12];
  };
  int bPrev;                   /* add "prev_cursor" (the web page) */
} EventQuery;

/* {"items":[...],"total","next_cursor"}: events as event_get gives them
** without "organisations". q: full-text (titles, series, place, organisers,
** description; Chinese, pinyin, any script); series (id); kind; status;
** from/to (any precision: events whose period overlaps); tie (events the
** tie was invited to); upcoming=1 (not over, not held or cancelled) or 0
** (the others). */
YcStatus event_list(Ctx *c, const EventQuery *q, json_t **ppOut, Err *e);
/* One event: {id, title_zh, title_en, kind, status, start, start_precision,
** end, end_precision, series{id,kind,name_zh,name_en}|null, edition,
** city{...}|null, place, organisers, organisations[...], fields[...],
** public, reported_people, reported_countries, reported_delegations,
** description, notes (signed-in users only), sources, links, exchange_id,
** ties_invited, ties_attended, created_at, updated_at}. A private event is
** YC_ENOTFOUND for anonymous users. */
YcStatus event_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);
/* Create from JSON: title_zh and/or title_en (one required), kind and
** start required; status (default planned), end (not before start),
** series_id, edition (1..), city_id (GeoNames), place, organisers,
** organisations (ids), fields, public (default true), reported_people,
** reported_countries, reported_delegations, description, notes, sources,
** links. "held" with a start in the future: 400 naming status. */
YcStatus event_create(Ctx *c, json_t *in, json_t **ppOut, Err *e);
YcStatus event_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e);
/* Change the fields present in `in` (null clears an optional field). A
** held event cannot go back to planned or confirmed, nor a cancelled one
** to confirmed or held (400 naming status). */
YcStatus event_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);
/* Delete an event with its invitations and the exchange it made. */
YcStatus event_delete(Ctx *c, int64_t id, Err *e);
/* Rebuild the search row of event id (a restored one). */
YcStatus event_reindex(Ctx *c, int64_t id, Err *e);

/* Inside the caller's transaction: make the event's exchange agree with
** the event and its invitations (exchange_sync_owned). */
YcStatus event_sync_exchange(Ctx *c, int64_t id, Err *e);

/* Status of event id (an index of azEventStatus) and whether its start is
** today or past; -1 if there is no such event (for the invitation rules).
** Private events are not hidden here. */
int event_status(Ctx *c, int64_t id);

/* Id of the event with this English (or else Chinese) title and start, 0
** if none (demo loading). */
int64_t event_find(Ctx *c, const char *zTitleEn, const char *zTitleZh, const char *zStart);

/* Events overlapping days [fromDay, toDay] for the calendar (public ones
** for anonymous users): [{id, title_zh, title_en, kind, status, start,
** start_precision, end, end_precision, start_day, end_day, place, city}]. */
YcStatus event_calendar(Ctx *c, int fromDay, int toDay, json_t **ppOut, Err *e);

extern const char *const azEvField[];   /* the fields of its JSON input (OpenAPI: routes.c) */

#endif

/*
** exchange.h: the exchange log. An exchange is a dated contact on one or
** more ties (a delegation, an agreement, an event, ...), with its fields of
** cooperation, whether it was substantive or protocol, participants, a
** project or event it belongs to, sources and attachment links. The CLI,
** the JSON API and the pages call these functions alike; results are
** jansson objects owned by the caller. Every write refreshes the health
** of the ties it touches (health.h). See doc/exchanges.md.
*/
#ifndef YC_EXCHANGE_H
#define YC_EXCHANGE_H
#include <stddef.h>
#include <jansson.h>
#include "core/ctx.h"
#include "core/exchange_vocab.h"

#define EX_MAX_TIES 400   /* an event's exchange holds every attending tie */
#define EX_MAX_ORGS 50

extern const char *const azExchangeParam[];   /* query parameters of exchange_list */
extern const char *const azExchangeSort[];    /* -date (default), date */

typedef struct ExchangeQuery {
  union {                      /* the fields in the order of azExchangeParam */
    struct {
      const char *zTie, *zKind, *zField, *zFrom, *zTo, *zSubstantive, *zProject;
      const char *zSort, *zLimit, *zCursor, *zUnit;
    };
    const char *az[11];
  };
  int bPrev;                   /* add "prev_cursor" to the answer (the web page) */
} ExchangeQuery;

/* {"items":[...],"total":N,"next_cursor":"..."|null}, newest first
** ("prev_cursor" too when q->bPrev; keyset cursors, core/page.h). from/to
** take any precision and select exchanges whose period overlaps. */
YcStatus exchange_list(Ctx *c, const ExchangeQuery *q, json_t **ppOut, Err *e);
YcStatus exchange_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);
/* Create from JSON: title, kind, date (required), ties (ids; at least one
** unless kind is event), fields, substantive (true/false/null = kind's
** default), participants, organisations (ids), project_id, event,
** expires (agreements only), description, sources, links. A date in the
** future is rejected: the log records what happened. */
YcStatus exchange_create(Ctx *c, json_t *in, json_t **ppOut, Err *e);
/* Change the fields present in `in` (null clears an optional field). */
YcStatus exchange_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);
YcStatus exchange_delete(Ctx *c, int64_t id, Err *e);

/* The same, inside the caller's transaction, without refreshing health
** (for demo data and imports, which recompute once at the end). */
YcStatus exchange_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e);

/* The one exchange an owner makes: an event that was held (its attending
** ties) or a delegation that is done. zOwner is "event" or "delegation",
** ownerId its id. Inside the caller's transaction (YC_EINTERNAL without
** one). `in` holds the exchange fields as for exchange_create (kind, date,
** title, ties, fields, participants, description, sources, ...): the
** owner's exchange is created, or replaced whole; `in` = NULL deletes it
** (nothing to do when there is none). The date must be today or past, as
** for every exchange: the event is held, the visit done. Writes the audit
** rows and refreshes the stored health of the ties before and after, so
** the caller's commit publishes all of it. *pId: the exchange's id, 0 when
** there is none now. exchange_update and exchange_delete refuse an owned
** exchange (YC_ECONFLICT, field "event_id" or "delegation_id"). */
YcStatus exchange_sync_owned(Ctx *c, const char *zOwner /* "event"|"delegation" */, int64_t ownerId,
                             json_t *in, int64_t *pId, Err *e);

/* The tie ids of exchange id, at most nMax, into a; the count. */
int exchange_tie_ids(Ctx *c, int64_t id, int64_t *a, int nMax);

/* Exchanges of one tie, newest first, at most nMax (the partner page's
** timeline). {"items":[...]} */
YcStatus exchange_for_tie(Ctx *c, int64_t tieId, int nMax, json_t **ppOut, Err *e);

/* Agreements (exchanges of kind agreement). zWithin: only those expiring
** from today to N months ahead (1..600); zTie: of one tie. Sorted by
** expiry. {"items":[...],"total":N} */
extern const char *const azAgreementParam[];
YcStatus agreement_list(Ctx *c, const char *zWithin, const char *zTie, json_t **ppOut, Err *e);

/* CSV import (RFC 4180 by libcsv), one transaction. Columns: date, kind,
** title (required); tie_id and/or partner_city_id (GeoNames), several
** separated by ";"; fields (";"), substantive (1/0/true/false or empty =
** default), participants, org_ids (";"), project_id, event, expires,
** description, sources and links (" | "). A row identical to a stored
** exchange (date, kind, title, ties) is skipped. *ppReport: {"rows",
** "created","skipped","errors":[{"row","field","code","message"}],
** "error_count","dry_run","seconds"}. Any row error: nothing written,
** YC_EINVALID. */
YcStatus exchange_import(Ctx *c, const char *zData, size_t nData, int bDryRun,
                         json_t **ppReport, Err *e);

extern const char *const azExField[];   /* the fields of its JSON input (OpenAPI: routes.c) */

#endif

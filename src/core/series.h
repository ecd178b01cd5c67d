/*
** series.h: event series and networks. A series (kind "series") is a
** recurring brand whose editions are events (the friendship-city
** conference); a network (kind "network") is a multilateral network or
** alliance of cities and organisations, with members (role, joining date,
** sources), whose meetings are its events. The CLI, the JSON API and the
** pages call these functions alike; results are jansson objects owned by
** the caller. Editions of a series show only public events to anonymous
** users (ctx_signed_in). See doc/events.md.
*/
#ifndef YC_SERIES_H
#define YC_SERIES_H
#include <jansson.h>
#include "core/ctx.h"

extern const char *const azSeriesKind[];     /* series, network */
extern const char *const azSeriesParam[];    /* kind, city, limit, cursor */

typedef struct SeriesQuery {
  union {                      /* the fields in the order of azSeriesParam */
    struct { const char *zKind, *zCity, *zLimit, *zCursor; };
    const char *az[4];
  };
} SeriesQuery;

/* {"items":[{id, kind, name_zh, name_en, website, members, editions}],
** "total", "next_cursor"}, by kind then name. city: only those with this
** city (GeoNames id) as a member. */
YcStatus series_list(Ctx *c, const SeriesQuery *q, json_t **ppOut, Err *e);
/* One series with "members" [{id, city{id,name_en,name_zh,country}|null,
** tie_id (the home tie with that city, or null), org{id,name_en,name_zh}|null,
** role, joined, joined_precision, sources}] and "editions" (its events by
** date: id, edition, title_zh, title_en, start, start_precision, status).
** YC_ENOTFOUND naming "id". */
YcStatus series_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);
/* Create from JSON: kind (required), name_zh and/or name_en (one
** required), website (http/https URL), description, sources. */
YcStatus series_create(Ctx *c, json_t *in, json_t **ppOut, Err *e);
YcStatus series_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e);
/* Change the fields present in `in` (null clears an optional field). */
YcStatus series_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);
/* Delete a series with its members; its events stay, without a series. */
YcStatus series_delete(Ctx *c, int64_t id, Err *e);

/* Add a member: exactly one of city_id (GeoNames id), tie_id (a home tie:
** its partner city) or org_id; role, joined (any precision, not in the
** future), sources. 409 duplicate naming city_id/org_id. *ppOut: the
** series as series_get gives it. */
YcStatus series_member_add(Ctx *c, int64_t seriesId, json_t *in, json_t **ppOut, Err *e);
YcStatus series_member_add_tx(Ctx *c, int64_t seriesId, json_t *in, int64_t *pId, Err *e);
/* Remove member memberId of series seriesId (YC_ENOTFOUND naming
** "member_id" when it is not one of its members). */
YcStatus series_member_remove(Ctx *c, int64_t seriesId, int64_t memberId, Err *e);

/* The networks and series city cityId (GeoNames id) is a member of:
** {"items":[{id, kind, name_zh, name_en, role, joined, joined_precision}]}
** (the partner page). */
YcStatus series_for_city(Ctx *c, int64_t cityId, json_t **ppOut, Err *e);

/* The home city's ties whose partner city is a member of no network:
** {"items":[tie refs as partner_ref gives them], "total", "ties"} (the
** layout page's "partners in no network"). */
YcStatus series_unnetworked(Ctx *c, json_t **ppOut, Err *e);

/* Id of the series with this English (or else Chinese) name, 0 if none
** (demo loading). */
int64_t series_find_by_name(Ctx *c, const char *zNameEn, const char *zNameZh);

extern const char *const azSeriesField[];   /* the fields of its JSON input (OpenAPI: routes.c) */

#endif

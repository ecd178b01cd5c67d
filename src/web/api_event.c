/*
** api_event.c: JSON API of events, invitations, series and networks, and
** the participation matrix. Each handler parses input, calls the one core
** function and shapes the output. Answers depend on who asks (private
** events, personal data of invitations), so GETs authenticate when
** credentials are given and none is cached (no ROUTE_CACHE).
*/
#include <string.h>
#include "web/route.h"
#include "web/api_event.h"
#include "web/record.h"
#include "core/event.h"
#include "core/invitation.h"
#include "core/series.h"

/*
** API: GET /api/v1/events
** Filters q, series, kind, status, from, to, tie, upcoming; sort, limit, cursor.
*/
void api_event_list(Req *r, Resp *p){
  Err e = {0};
  json_t *j = 0;
  EventQuery q = {0};
  YcStatus st = rec_api_auth(REC_AUTH_CHECKED, r, &e);
  if( !st ) st = http_query(r, azEventParam, q.az, &e);
  if( !st ) st = event_list(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: POST /api/v1/events */
void api_event_create(Req *r, Resp *p){ rec_api_create(&recEvent, r, p); }

/* API: GET /api/v1/events/{id} */
void api_event_get(Req *r, Resp *p){ rec_api_get(&recEvent, r, p); }

/* API: PATCH /api/v1/events/{id} */
void api_event_update(Req *r, Resp *p){ rec_api_update(&recEvent, r, p); }
/* API: DELETE /api/v1/events/{id} */
void api_event_delete(Req *r, Resp *p){ rec_api_delete(&recEvent, r, p); }

/* API: GET /api/v1/events/{id}/invitations */
void api_invitation_list(Req *r, Resp *p){ rec_api_on_id(r, p, REC_AUTH_CHECKED, invitation_list); }

/* API: POST /api/v1/events/{id}/invitations */
void api_invitation_create(Req *r, Resp *p){
  rec_api_on_id_body(r, p, invitation_create, 201, "/api/v1/invitations");
}

/* API: GET /api/v1/invitations/{id} */
void api_invitation_get(Req *r, Resp *p){ rec_api_get(&recInvitation, r, p); }
/* API: PATCH /api/v1/invitations/{id} */
void api_invitation_update(Req *r, Resp *p){ rec_api_update(&recInvitation, r, p); }
/* API: DELETE /api/v1/invitations/{id} */
void api_invitation_delete(Req *r, Resp *p){ rec_api_delete(&recInvitation, r, p); }

/* API: GET /api/v1/series (filters kind, city; limit, cursor) */
void api_series_list(Req *r, Resp *p){
  Err e = {0};
  json_t *j = 0;
  SeriesQuery q = {0};
  YcStatus st = rec_api_auth(REC_AUTH_CHECKED, r, &e);
  if( !st ) st = http_query(r, azSeriesParam, q.az, &e);
  if( !st ) st = series_list(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: POST /api/v1/series */
void api_series_create(Req *r, Resp *p){ rec_api_create(&recSeries, r, p); }

/* API: GET /api/v1/series/{id} */
void api_series_get(Req *r, Resp *p){ rec_api_get(&recSeries, r, p); }
/* API: PATCH /api/v1/series/{id} */
void api_series_update(Req *r, Resp *p){ rec_api_update(&recSeries, r, p); }
/* API: DELETE /api/v1/series/{id} */
void api_series_delete(Req *r, Resp *p){ rec_api_delete(&recSeries, r, p); }

/* API: GET /api/v1/series/{id}/members */
void api_series_members(Req *r, Resp *p){
  Err e = {0};
  int64_t id = 0;
  json_t *j = 0;
  YcStatus st = rec_api_auth(REC_AUTH_CHECKED, r, &e);
  if( !st ) st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = series_get(&r->ctx, id, &j, &e);
  json_t *out = st ? 0 : json_pack("{s:O}", "items", json_object_get(j, "members"));
  json_decref(j);
  http_reply(p, st, &e, 200, out);
}

/* API: POST /api/v1/series/{id}/members */
void api_series_member_add(Req *r, Resp *p){ rec_api_on_id_body(r, p, series_member_add, 201, 0); }

/* API: DELETE /api/v1/series/{id}/members/{member_id} */
void api_series_member_remove(Req *r, Resp *p){
  Err e = {0};
  int64_t id = 0, m = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = http_arg_id(r, 1, &m, &e);
  if( !st ) st = series_member_remove(&r->ctx, id, m, &e);
  http_reply(p, st, &e, 200, st ? 0 : json_pack("{s:I, s:b}", "id", (json_int_t)m, "deleted", 1));
}

/*
** API: GET /api/v1/participation
** Filters series, from, to; events (columns, 1..200); limit, cursor (ties).
*/
void api_participation(Req *r, Resp *p){
  Err e = {0};
  json_t *j = 0;
  MatrixQuery q = {0};
  YcStatus st = rec_api_auth(REC_AUTH_CHECKED, r, &e);
  if( !st ) st = http_query(r, azMatrixParam, q.az, &e);
  if( !st ) st = invitation_matrix(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/layout/unnetworked */
void api_layout_unnetworked(Req *r, Resp *p){
  Err e = {0};
  json_t *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = series_unnetworked(&r->ctx, &j, &e);
  http_reply(p, st, &e, 200, j);
}

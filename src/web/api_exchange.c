/*
** api_exchange.c: JSON API of the exchange log, projects, agreements,
** relationship health and the calendar. Each handler parses input, calls
** the one core function and shapes the output.
*/
#include <string.h>
#include "core/export.h"
#include "web/route.h"
#include "web/api_exchange.h"
#include "web/record.h"
#include "core/exchange.h"
#include "base/date.h"
#include "core/project.h"
#include "core/health.h"
#include "core/calendar.h"

/*
** API: GET /api/v1/exchanges
** Filters tie, kind, field, from, to, substantive, project; sort, limit, cursor.
** Credentials sent are authenticated: the exchanges of private events and
** delegations are for signed-in callers only.
*/
void api_exchange_list(Req *r, Resp *p){
  Err e = {0};
  json_t *j = 0;
  ExchangeQuery q = {0};
  YcStatus st = rec_api_auth(REC_AUTH_OPTIONAL, r, &e);
  if( !st ) st = http_query(r, azExchangeParam, q.az, &e);
  if( !st ) st = exchange_list(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/exchanges/{id} */
void api_exchange_get(Req *r, Resp *p){ rec_api_get(&recExchange, r, p); }
/* API: POST /api/v1/exchanges */
void api_exchange_create(Req *r, Resp *p){ rec_api_create(&recExchange, r, p); }
/* API: PATCH /api/v1/exchanges/{id} */
void api_exchange_update(Req *r, Resp *p){ rec_api_update(&recExchange, r, p); }
/* API: DELETE /api/v1/exchanges/{id} */
void api_exchange_delete(Req *r, Resp *p){ rec_api_delete(&recExchange, r, p); }

/* API: GET /api/v1/agreements?expiring_within_months=N&tie=ID */
void api_agreement_list(Req *r, Resp *p){
  Err e;
  memset(&e, 0, sizeof e);
  json_t *j = 0;
  YcStatus st = http_check_params(r, azAgreementParam, &e);
  if( !st ) st = agreement_list(&r->ctx, http_param(r, "expiring_within_months"), http_param(r, "tie"), &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/projects (filters stage, tie, sector; limit, cursor) */
void api_project_list(Req *r, Resp *p){
  Err e = {0};
  json_t *j = 0;
  ProjectQuery q = {0};
  YcStatus st = http_query(r, azProjectParam, q.az, &e);
  if( !st ) st = project_list(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/projects/{id} */
void api_project_get(Req *r, Resp *p){ rec_api_get(&recProject, r, p); }
/* API: POST /api/v1/projects */
void api_project_create(Req *r, Resp *p){ rec_api_create(&recProject, r, p); }
/* API: PATCH /api/v1/projects/{id} */
void api_project_update(Req *r, Resp *p){ rec_api_update(&recProject, r, p); }
/* API: DELETE /api/v1/projects/{id} */
void api_project_delete(Req *r, Resp *p){ rec_api_delete(&recProject, r, p); }

/* API: GET /api/v1/partners/{id}/health (computed now, with its factors) */
void api_partner_health(Req *r, Resp *p){
  Err e;
  int64_t id = 0;
  json_t *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = health_tie(&r->ctx, id, date_today(), &j, &e);
  http_reply(p, st, &e, 200, j);
}

/*
** API: GET /api/v1/health
** Filters level, flag, less_developed, kind, attention; sort, limit, cursor.
*/
void api_health_list(Req *r, Resp *p){
  Err e = {0};
  json_t *j = 0;
  HealthQuery q = {0};
  YcStatus st = http_query(r, azHealthParam, q.az, &e);
  if( !st ) st = health_list(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/health/thresholds */
void api_health_thresholds(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = health_thresholds_json(&r->ctx, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: PATCH /api/v1/health/thresholds ({"kind":..., "dormant_months":...}) */
void api_health_thresholds_update(Req *r, Resp *p){
  Err e;
  json_t *in = 0, *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = health_thresholds_update(&r->ctx, in, &j, &e);
  json_decref(in);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/calendar?from=&to=|months= */
void api_calendar(Req *r, Resp *p){
  Err e;
  memset(&e, 0, sizeof e);
  json_t *j = 0;
  int fromDay, toDay;
  YcStatus st = http_check_params(r, azCalendarParam, &e);
  if( !st ) st = calendar_window(http_param(r, "from"), http_param(r, "to"), http_param(r, "months"), &fromDay, &toDay, &e);
  if( !st ) st = calendar_items(&r->ctx, fromDay, toDay, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: POST /api/v1/import/exchanges?dry_run=1 (body: CSV, at most 1 MiB) */
void api_import_exchanges(Req *r, Resp *p){
  Err e;
  json_t *rep = 0;
  int bDry;
  YcStatus st = http_import_query(r, &bDry, "the CSV is larger than 1 MiB; use `youcheng import exchanges` for large files", &e);
  if( !st ) st = export_import_any(&r->ctx, "exchanges", buf_str(&r->body), r->body.n, bDry, &rep, &e);
  http_import_reply(p, st, &e, rep);
}

/*
** api_ref.c: JSON API for reference data, statistics, imports and the
** health check.
*/
#include <string.h>
#include "core/export.h"
#include "web/route.h"
#include "web/api_params.h"
#include "web/record.h"
#include "core/city.h"
#include "core/stats.h"
#include "core/partner_import.h"

/* API: GET /healthz */
void api_healthz(Req *r, Resp *p){
  int ok = stats_ping(&r->ctx);
  http_json(p, ok ? 200 : 503, json_pack("{s:s}", "status", ok ? "ok" : "database unavailable"));
}

/* API: GET /api/v1/countries */
void api_countries(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = country_list(&r->ctx, &j, &e);
  if( !st ) http_add_header(p, "Cache-Control", "public, max-age=3600");
  http_reply(p, st, &e, 200, j);
}

const char *const azCityParam[] = {"q", "country", "limit", 0};
/* API: GET /api/v1/cities?q=&country=&limit= */
void api_cities(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, azCityParam, &e);
  if( !st ) st = city_search(&r->ctx, http_param(r, "q"), http_param(r, "country"),
                             http_param(r, "limit"), &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/cities/{id} */
void api_city_get(Req *r, Resp *p){ rec_api_on_id(r, p, REC_PUBLIC, city_get); }

/* API: PUT /api/v1/cities/{id} ({"name_zh": "..."} or {"name_zh": null}) */
void api_city_put(Req *r, Resp *p){ rec_api_on_id_body(r, p, city_name_put, 200, 0); }

/* API: GET /api/v1/industries */
void api_industries(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = industry_list(&r->ctx, &j, &e);
  if( !st ) http_add_header(p, "Cache-Control", "public, max-age=3600");
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/stats */
void api_stats(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = stats_get(&r->ctx, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/*
** API: POST /api/v1/import/partners?dry_run=1
** Body: the CSV file (text/csv). Answers the import report; 400 with the
** report under "report" when any row failed (nothing written).
*/
void api_import_partners(Req *r, Resp *p){
  Err e;
  json_t *rep = 0;
  int bDry;
  YcStatus st = http_import_query(r, &bDry, "the CSV is larger than 1 MiB; use the CLI for large files", &e);
  if( !st ) st = export_import_any(&r->ctx, "partners", buf_str(&r->body), r->body.n, bDry, &rep, &e);
  http_import_reply(p, st, &e, rep);
}

/* API: GET /api/v1/me (who is logged in; 401 if nobody) */
void api_me(Req *r, Resp *p){
  Err e;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_auth(r, 0, &e);
  if( st ){ http_error(p, &e); return; }
  json_t *j = json_pack("{s:s, s:s}", "name", r->zUser, "role", r->zRole);
  if( r->zCsrf ) json_object_set_new(j, "csrf", json_string(r->zCsrf));
  http_json(p, 200, j);
}

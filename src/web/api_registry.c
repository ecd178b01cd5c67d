/*
** api_registry.c: JSON API for the registry: partners and organisations.
** Each handler parses input, calls the one core function, shapes output.
*/
#include <string.h>
#include "web/route.h"
#include "core/partner.h"
#include "core/org.h"

/* Answer with j on success (status), else the error. */
/*
** API: GET /api/v1/partners
** Filters kind, status, country, continent, established_from,
** established_to, q; sort, limit, cursor.
*/
void api_partner_list(Req *r, Resp *p){
  Err e = {0};
  json_t *j = 0;
  PartnerQuery q = {0};
  YcStatus st = http_query(r, azPartnerParam, q.az, &e);
  if( !st ) st = partner_list(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/partners/{id} */
void api_partner_get(Req *r, Resp *p){
  Err e;
  int64_t id = 0;
  json_t *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = partner_get(&r->ctx, id, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: POST /api/v1/partners */
void api_partner_create(Req *r, Resp *p){
  Err e;
  json_t *in = 0, *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = partner_create(&r->ctx, in, &j, &e);
  json_decref(in);
  if( !st ){
    char zLoc[64];
    snprintf(zLoc, sizeof zLoc, "/api/v1/partners/%lld", (long long)json_integer_value(json_object_get(j, "id")));
    http_add_header(p, "Location", zLoc);
  }
  http_reply(p, st, &e, 201, j);
}

/* API: PATCH /api/v1/partners/{id} */
void api_partner_update(Req *r, Resp *p){
  Err e;
  int64_t id = 0;
  json_t *in = 0, *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = partner_update(&r->ctx, id, in, &j, &e);
  json_decref(in);
  http_reply(p, st, &e, 200, j);
}

/* API: DELETE /api/v1/partners/{id} */
void api_partner_delete(Req *r, Resp *p){
  Err e;
  int64_t id = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = partner_delete(&r->ctx, id, &e);
  http_reply(p, st, &e, 200, st ? 0 : json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

/*
** API: GET /api/v1/orgs
** Filters type, side, industry, partner, country, q; sort, limit, cursor.
*/
void api_org_list(Req *r, Resp *p){
  Err e = {0};
  json_t *j = 0;
  OrgQuery q = {0};
  YcStatus st = http_query(r, azOrgParam, q.az, &e);
  if( !st ) st = org_list(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/orgs/{id} */
void api_org_get(Req *r, Resp *p){
  Err e;
  int64_t id = 0;
  json_t *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = org_get(&r->ctx, id, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: POST /api/v1/orgs */
void api_org_create(Req *r, Resp *p){
  Err e;
  json_t *in = 0, *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = org_create(&r->ctx, in, &j, &e);
  json_decref(in);
  if( !st ){
    char zLoc[64];
    snprintf(zLoc, sizeof zLoc, "/api/v1/orgs/%lld", (long long)json_integer_value(json_object_get(j, "id")));
    http_add_header(p, "Location", zLoc);
  }
  http_reply(p, st, &e, 201, j);
}

/* API: PATCH /api/v1/orgs/{id} */
void api_org_update(Req *r, Resp *p){
  Err e;
  int64_t id = 0;
  json_t *in = 0, *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = org_update(&r->ctx, id, in, &j, &e);
  json_decref(in);
  http_reply(p, st, &e, 200, j);
}

/* API: DELETE /api/v1/orgs/{id} */
void api_org_delete(Req *r, Resp *p){
  Err e;
  int64_t id = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = org_delete(&r->ctx, id, &e);
  http_reply(p, st, &e, 200, st ? 0 : json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

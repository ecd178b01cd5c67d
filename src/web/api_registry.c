/*
** api_registry.c: JSON API for the registry: partners and organisations.
** Each handler parses input, calls the one core function, shapes output.
*/
#include <string.h>
#include "web/route.h"
#include "web/record.h"
#include "core/partner.h"
#include "core/org.h"

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
void api_partner_get(Req *r, Resp *p){ rec_api_get(&recPartner, r, p); }
/* API: POST /api/v1/partners */
void api_partner_create(Req *r, Resp *p){ rec_api_create(&recPartner, r, p); }
/* API: PATCH /api/v1/partners/{id} */
void api_partner_update(Req *r, Resp *p){ rec_api_update(&recPartner, r, p); }
/* API: DELETE /api/v1/partners/{id} */
void api_partner_delete(Req *r, Resp *p){ rec_api_delete(&recPartner, r, p); }

/*
** API: GET /api/v1/orgs
** Filters type, side, industry, partner, country, q; sort, limit, cursor.
*/
void api_org_list(Req *r, Resp *p){
  Err e = {0};
  json_t *j = 0;
  OrgQuery q = {0};
  YcStatus st = http_query(r, azOrgParam, q.az, &e);
  if( !st ) st = rec_api_auth(REC_AUTH_OPTIONAL, r, &e);   /* signed-in callers see drafts too */
  if( !st ) st = org_list(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/orgs/{id} */
void api_org_get(Req *r, Resp *p){ rec_api_get(&recOrg, r, p); }
/* API: POST /api/v1/orgs */
void api_org_create(Req *r, Resp *p){ rec_api_create(&recOrg, r, p); }
/* API: PATCH /api/v1/orgs/{id} */
void api_org_update(Req *r, Resp *p){ rec_api_update(&recOrg, r, p); }
/* API: DELETE /api/v1/orgs/{id} */
void api_org_delete(Req *r, Resp *p){ rec_api_delete(&recOrg, r, p); }

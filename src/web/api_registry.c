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
  Err e;
  memset(&e, 0, sizeof e);
  json_t *j = 0;
  YcStatus st = http_check_params(r, azPartnerParam, &e);
  if( !st ){
    PartnerQuery q;
    q.zKind = http_param(r, "kind");
    q.zStatus = http_param(r, "status");
    q.zCountry = http_param(r, "country");
    q.zContinent = http_param(r, "continent");
    q.zFrom = http_param(r, "established_from");
    q.zTo = http_param(r, "established_to");
    q.zQ = http_param(r, "q");
    q.zSort = http_param(r, "sort");
    q.zLimit = http_param(r, "limit");
    q.zCursor = http_param(r, "cursor");
    st = partner_list(&r->ctx, &q, &j, &e);
  }
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
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, azOrgParam, &e);
  if( !st ){
    OrgQuery q;
    q.zType = http_param(r, "type");
    q.zSide = http_param(r, "side");
    q.zIndustry = http_param(r, "industry");
    q.zPartner = http_param(r, "partner");
    q.zCountry = http_param(r, "country");
    q.zQ = http_param(r, "q");
    q.zSort = http_param(r, "sort");
    q.zLimit = http_param(r, "limit");
    q.zCursor = http_param(r, "cursor");
    st = org_list(&r->ctx, &q, &j, &e);
  }
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

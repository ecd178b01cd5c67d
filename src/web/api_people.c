/*
** api_people.c: the JSON API of people and delegations. People are
** personal data: every people route needs credentials (401 without). The
** delegation routes answer anyone, with heads and members only for
** callers whose credentials hold; so none of these answers is cached.
*/
#include <string.h>
#include "web/route.h"
#include "web/ui_people.h"
#include "web/record.h"
#include "core/person.h"
#include "core/delegation.h"

/* API: GET /api/v1/people (q, role, city, org, tie, sort, limit, cursor) */
void api_people_list(Req *r, Resp *p){
  Err e;
  PersonQuery q;
  memset(&q, 0, sizeof q);
  json_t *j = 0;
  YcStatus st = http_query(r, azPersonParam, q.az, &e);
  if( !st ) st = rec_api_auth(REC_AUTH_REQUIRED, r, &e);
  if( !st ) st = person_list(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/people/{id} */
void api_person_get(Req *r, Resp *p){ rec_api_get(&recPerson, r, p); }
/* API: POST /api/v1/people */
void api_person_create(Req *r, Resp *p){ rec_api_create(&recPerson, r, p); }
/* API: PATCH /api/v1/people/{id} */
void api_person_update(Req *r, Resp *p){ rec_api_update(&recPerson, r, p); }
/* API: DELETE /api/v1/people/{id} */
void api_person_delete(Req *r, Resp *p){ rec_api_delete(&recPerson, r, p); }

/* API: POST /api/v1/people/{id}/erase (erase on request: every personal field) */
void api_person_erase(Req *r, Resp *p){ rec_api_on_id(r, p, REC_PUBLIC, person_erase); }

/* API: GET /api/v1/delegations (direction, status, tie, when, sort, limit, cursor) */
void api_delegation_list(Req *r, Resp *p){
  Err e;
  DelegationQuery q;
  memset(&q, 0, sizeof q);
  json_t *j = 0;
  YcStatus st = http_query(r, azDelegationParam, q.az, &e);
  if( !st ) st = rec_api_auth(REC_AUTH_OPTIONAL, r, &e);
  if( !st ) st = delegation_list(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/delegations/{id} */
void api_delegation_get(Req *r, Resp *p){ rec_api_get(&recDelegation, r, p); }
/* API: POST /api/v1/delegations */
void api_delegation_create(Req *r, Resp *p){ rec_api_create(&recDelegation, r, p); }
/* API: PATCH /api/v1/delegations/{id} */
void api_delegation_update(Req *r, Resp *p){ rec_api_update(&recDelegation, r, p); }
/* API: DELETE /api/v1/delegations/{id} */
void api_delegation_delete(Req *r, Resp *p){ rec_api_delete(&recDelegation, r, p); }

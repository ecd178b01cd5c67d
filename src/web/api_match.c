/*
** api_match.c: JSON API of the industry database (partner profiles,
** organisations' offers and needs), opportunities and interests,
** matching and the site-wide search. Each handler checks its parameters,
** calls the one core function and shapes the answer.
*/
#include <string.h>
#include "core/export.h"
#include "web/route.h"
#include "web/api_params.h"
#include "web/api_match.h"
#include "web/record.h"
#include "core/profile.h"
#include "core/offer.h"
#include "core/opportunity.h"
#include "core/match.h"
#include "core/search.h"
#include "core/input.h"
#include "core/page.h"

/* The id in path argument 0 after checking the query string. */
static YcStatus arg_id(Req *r, const char *const *azParam, int64_t *pId, Err *e){
  YcStatus st = http_check_params(r, azParam, e);
  if( !st ) st = http_arg_id(r, 0, pId, e);
  return st;
}

/*
** API: GET /api/v1/opportunities
** Filters q, kind, category, direction, industry, country, status, org,
** partner; sort, limit, cursor; facets=true adds counts per facet.
*/
void api_opp_list(Req *r, Resp *p){
  Err e = {0};
  json_t *j = 0;
  OppQuery q = {0};
  YcStatus st = http_query(r, azOppParam, q.az, &e);
  if( !st ) st = rec_api_auth(REC_AUTH_OPTIONAL, r, &e);   /* signed-in callers see drafts too */
  if( !st ) st = opp_list(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: POST /api/v1/opportunities */
void api_opp_create(Req *r, Resp *p){ rec_api_create(&recOpportunity, r, p); }
/* API: GET /api/v1/opportunities/{id} (the contact only for logged-in users:
** not cached, since the answer depends on who asks) */
void api_opp_get(Req *r, Resp *p){ rec_api_get(&recOpportunity, r, p); }
/* API: PATCH /api/v1/opportunities/{id} */
void api_opp_update(Req *r, Resp *p){ rec_api_update(&recOpportunity, r, p); }
/* API: DELETE /api/v1/opportunities/{id} */
void api_opp_delete(Req *r, Resp *p){ rec_api_delete(&recOpportunity, r, p); }

/* Matches of an entity (kind 0 opportunity, 1 org, 2 partner). */
static void entity_matches(Req *r, Resp *p, int kind){
  Err e;
  int64_t id = 0;
  json_t *j = 0;
  YcStatus st = arg_id(r, azMatchEntityParam, &id, &e);
  if( !st ) st = rec_api_auth(REC_AUTH_OPTIONAL, r, &e);   /* the matches of a draft: signed-in callers only */
  if( !st ){
    MatchQuery q;
    memset(&q, 0, sizeof q);
    if( kind==0 ) q.oppId = id; else if( kind==1 ) q.orgId = id; else q.partnerId = id;
    q.zTypes = http_param(r, "types");
    q.zLimit = http_param(r, "limit");
    st = match_run(&r->ctx, &q, &j, &e);
  }
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/opportunities/{id}/matches (types, limit) */
void api_opp_matches(Req *r, Resp *p){ entity_matches(r, p, 0); }
/* API: GET /api/v1/orgs/{id}/matches (types, limit) */
void api_org_matches(Req *r, Resp *p){ entity_matches(r, p, 1); }
/* API: GET /api/v1/partners/{id}/matches (types, limit) */
void api_partner_matches(Req *r, Resp *p){ entity_matches(r, p, 2); }

/* API: GET /api/v1/opportunities/{id}/interests (logged-in users) */
void api_opp_interests(Req *r, Resp *p){
  Err e;
  int64_t id = 0;
  json_t *j = 0;
  YcStatus st = arg_id(r, 0, &id, &e);
  if( !st ) st = http_auth(r, 0, &e);
  if( !st ) st = interest_list(&r->ctx, id, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: POST /api/v1/opportunities/{id}/interests {"org_id","message"} */
void api_opp_interest_create(Req *r, Resp *p){
  Err e;
  int64_t id = 0;
  json_t *in = 0, *j = 0;
  YcStatus st = arg_id(r, 0, &id, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = interest_create(&r->ctx, id, in, &j, &e);
  json_decref(in);
  http_reply(p, st, &e, 201, j);
}

const char *const azInterestParam[] = {"days", "status", 0};
/* API: GET /api/v1/interests?days=N&status=new|forwarded (unanswered; logged-in users) */
void api_interest_list(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, azInterestParam, &e);
  if( !st ) st = http_auth(r, 0, &e);
  if( !st ) st = interest_followup(&r->ctx, http_param(r, "days"), http_param(r, "status"), &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: PATCH /api/v1/interests/{id} {"status"} */
void api_interest_update(Req *r, Resp *p){
  Err e;
  int64_t id = 0;
  json_t *in = 0, *j = 0;
  YcStatus st = arg_id(r, 0, &id, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = interest_update(&r->ctx, id, in, &j, &e);
  json_decref(in);
  http_reply(p, st, &e, 200, j);
}

/*
** API: GET /api/v1/match
** text, industries, direction, countries, kind, side, types, limit.
*/
void api_match(Req *r, Resp *p){
  Err e;
  memset(&e, 0, sizeof e);
  json_t *j = 0;
  YcStatus st = http_check_params(r, azMatchParam, &e);
  if( !st ){
    MatchQuery q;
    memset(&q, 0, sizeof q);
    q.zText = http_param(r, "text");
    q.zIndustries = http_param(r, "industries");
    q.zDirection = http_param(r, "direction");
    q.zCountries = http_param(r, "countries");
    q.zKind = http_param(r, "kind");
    q.zSide = http_param(r, "side");
    q.zTypes = http_param(r, "types");
    q.zLimit = http_param(r, "limit");
    st = match_run(&r->ctx, &q, &j, &e);
  }
  http_reply(p, st, &e, 200, j);
}

/* A string or a list of strings of a JSON field as "a,b" (arena); 0 if absent. */
static const char *field_list(Req *r, json_t *in, const char *zKey, Err *e, YcStatus *pSt){
  json_t *v = json_object_get(in, zKey);
  if( !v || json_is_null(v) ) return 0;
  if( json_is_string(v) ) return json_string_value(v);
  if( !json_is_array(v) || json_array_size(v)>64 ){
    *pSt = err_set(e, YC_EINVALID, "wrong_type", zKey, "%s must be a string or an array of strings", zKey);
    return 0;
  }
  Buf b = BUF_INIT;
  size_t i;
  json_t *x;
  json_array_foreach(v, i, x){
    if( !json_is_string(x) ){
      buf_free(&b);
      *pSt = err_set(e, YC_EINVALID, "wrong_type", zKey, "%s[%zu] must be a string", zKey, i);
      return 0;
    }
    if( i ) buf_putc(&b, ',');
    buf_puts(&b, json_string_value(x));
  }
  const char *z = arena_strdup(&r->arena, buf_str(&b));
  buf_free(&b);
  return z;
}

/*
** API: POST /api/v1/match
** The same query as GET /api/v1/match in a JSON body, for texts longer
** than a URL carries: {"text","industries","direction","countries","kind",
** "side","types","limit"}; lists may be arrays. Changes nothing.
*/
void api_match_post(Req *r, Resp *p){
  static const char *const azField[] = {"text", "industries", "direction", "countries", "kind", "side", "types", "limit", 0};
  Err e;
  memset(&e, 0, sizeof e);
  json_t *in = 0, *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = in_known_fields(in, azField, &e);
  MatchQuery q;
  memset(&q, 0, sizeof q);
  static const char *const azStr[] = {"text", "direction", "kind", "side", 0};
  for(int i=0; !st && azStr[i]; i++){
    json_t *v = json_object_get(in, azStr[i]);
    if( !v || json_is_null(v) ) continue;
    if( !json_is_string(v) ){ st = err_set(&e, YC_EINVALID, "wrong_type", azStr[i], "%s must be a string", azStr[i]); break; }
    const char *z = json_string_value(v);
    if( i==0 ) q.zText = z; else if( i==1 ) q.zDirection = z; else if( i==2 ) q.zKind = z; else q.zSide = z;
  }
  if( !st ) q.zIndustries = field_list(r, in, "industries", &e, &st);
  if( !st ) q.zCountries = field_list(r, in, "countries", &e, &st);
  if( !st ) q.zTypes = field_list(r, in, "types", &e, &st);
  if( !st ){
    json_t *v = json_object_get(in, "limit");
    if( json_is_integer(v) ) q.zLimit = arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
    else if( v && !json_is_null(v) ) st = page_limit_error(MATCH_MAX_LIMIT, &e);
  }
  if( !st ) st = match_run(&r->ctx, &q, &j, &e);
  json_decref(in);
  http_reply(p, st, &e, 200, j);
}

const char *const azMatchTextParam[] = {"text", 0};
/* API: GET /api/v1/match/industries?text= (the industries the vocabulary finds in a text) */
void api_match_industries(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, azMatchTextParam, &e);
  if( !st ) st = match_detect(&r->ctx, http_param(r, "text"), &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/search?q=&types=&limit= */
void api_search(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, azSearchParam, &e);
  if( !st ) st = rec_api_auth(REC_AUTH_OPTIONAL, r, &e);   /* signed-in callers find drafts too */
  if( !st ) st = search_run(&r->ctx, http_param(r, "q"), http_param(r, "types"), http_param(r, "limit"), &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/partners/{id}/profile */
void api_profile_get(Req *r, Resp *p){ rec_api_get(&recProfile, r, p); }
/* API: PUT /api/v1/partners/{id}/profile (replaces every section) */
void api_profile_put(Req *r, Resp *p){ rec_api_replace(&recProfile, r, p); }
/* API: PATCH /api/v1/partners/{id}/profile (replaces the sections given) */
void api_profile_patch(Req *r, Resp *p){ rec_api_update(&recProfile, r, p); }
/* API: GET /api/v1/orgs/{id}/offers */
void api_offers_get(Req *r, Resp *p){ rec_api_get(&recOffers, r, p); }
/* API: PUT /api/v1/orgs/{id}/offers (replaces offers and needs) */
void api_offers_put(Req *r, Resp *p){ rec_api_replace(&recOffers, r, p); }
/* API: PATCH /api/v1/orgs/{id}/offers (replaces the sections given) */
void api_offers_patch(Req *r, Resp *p){ rec_api_update(&recOffers, r, p); }

/* A CSV import answer; the report rides along with an error. */
static void import_reply(Req *r, Resp *p, int bProfiles){
  Err e;
  json_t *rep = 0;
  int bDry;
  YcStatus st = http_import_query(r, &bDry, "the CSV is larger than 1 MiB; use the CLI for large files", &e);
  if( !st ){
    st = bProfiles ? profile_import_csv(&r->ctx, buf_str(&r->body), r->body.n, bDry, &rep, &e)
                   : export_import_any(&r->ctx, "opportunities", buf_str(&r->body), r->body.n, bDry, &rep, &e);
  }
  http_import_reply(p, st, &e, rep);
}

/* API: POST /api/v1/import/profiles (CSV body; dry_run) */
void api_import_profiles(Req *r, Resp *p){ import_reply(r, p, 1); }
/* API: POST /api/v1/import/opportunities (CSV body; dry_run) */
void api_import_opportunities(Req *r, Resp *p){ import_reply(r, p, 0); }

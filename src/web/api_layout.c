/*
** api_layout.c: JSON API of layout analysis, country lists, the world
** twin-city network and candidate cities. Each handler parses input,
** calls the one core function and shapes output.
*/
#include <string.h>
#include "web/layout_web.h"
#include "web/api_params.h"
#include "web/record.h"
#include "core/layout.h"
#include "core/countrylist.h"
#include "core/twins.h"
#include "core/twins_network.h"
#include "core/twins_import.h"
#include "core/twins_review.h"
#include "core/candidates.h"

const char *const azLayoutParam[] = {"list", 0};
/* API: GET /api/v1/layout?list=KEY */
void api_layout(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, azLayoutParam, &e);
  if( !st ) st = layout_analyse(&r->ctx, http_param(r, "list"), &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/layout/candidates?country=ISO2|list=KEY&limit=N */
void api_layout_candidates(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, azCandidateParam, &e);
  if( !st ) st = candidates_rank(&r->ctx, http_param(r, "country"), http_param(r, "list"), http_param(r, "limit"), &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/lists */
void api_lists(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = clist_all(&r->ctx, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: POST /api/v1/lists */
void api_list_create(Req *r, Resp *p){ rec_api_create(&recList, r, p); }
/* API: GET /api/v1/lists/{key} */
void api_list_get(Req *r, Resp *p){ rec_api_get(&recList, r, p); }
/* API: PATCH /api/v1/lists/{key} */
void api_list_update(Req *r, Resp *p){ rec_api_update(&recList, r, p); }
/* API: DELETE /api/v1/lists/{key} */
void api_list_delete(Req *r, Resp *p){ rec_api_delete(&recList, r, p); }

const char *const azTwinImportParam[] = {"dry_run", "format", "map", "source", 0};
/*
** API: POST /api/v1/import/twins?dry_run=1&format=wikipedia|wikidata|eu_wikidata|mapped&map=city1=COL,...&source=NAME
** Body: the CSV or TSV file (at most 1 MiB; larger files with the CLI).
** Answers the import report; 400 with the report under "report" when
** the file is bad (nothing written).
*/
void api_import_twins(Req *r, Resp *p){
  Err e;
  memset(&e, 0, sizeof e);
  json_t *rep = 0;
  YcStatus st = http_check_params(r, azTwinImportParam, &e);
  const char *zDry = http_param(r, "dry_run");
  if( !st && zDry && strcmp(zDry, "1")!=0 && strcmp(zDry, "0")!=0 && strcmp(zDry, "true")!=0 && strcmp(zDry, "false")!=0 )
    st = err_set(&e, YC_EINVALID, "invalid_value", "dry_run", "dry_run must be 1, 0, true or false");
  if( !st && r->bTooLarge )
    st = err_set(&e, YC_ETOOLARGE, "body_too_large", 0, "the file is larger than 1 MiB; import it with `youcheng import twins FILE`");
  if( !st ) st = twins_import(&r->ctx, http_param(r, "source"), buf_str(&r->body), r->body.n, http_param(r, "format"),
                              http_param(r, "map"), zDry && (zDry[0]=='1' || zDry[0]=='t') ? TWIN_DRY_RUN : TWIN_IMPORT, &rep, &e);
  if( st ){
    json_t *j = json_pack("{s:{s:s, s:s, s:s}}", "error", "code", e.zCode[0] ? e.zCode : err_default_code(st),
                          "message", e.zMsg, "field", e.zField);
    if( rep ) json_object_set_new(j, "report", rep);
    http_json(p, err_http_status(st), j);
    return;
  }
  http_json(p, 200, rep);
}

/* API: GET /api/v1/twins (imports and counts of the world network) */
void api_twins(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = twins_summary(&r->ctx, &j, &e);
  http_reply(p, st, &e, 200, j);
}

const char *const azTwinReviewParam[] = {"reason", "limit", "cursor", 0};
/* API: GET /api/v1/twins/review?reason=&limit=&cursor= */
void api_twins_review(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, azTwinReviewParam, &e);
  if( !st ) st = twins_review(&r->ctx, http_param(r, "reason"), http_param(r, "limit"), http_param(r, "cursor"), 0, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/twins/fixes (the sides fixed by hand) */
void api_twins_fixes(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = twins_fixes(&r->ctx, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: POST /api/v1/twins/fixes ({"row","side"} | {"qid"} | {"name","country"}, and {"city_id"} | {"not_a_city":true}, "note") */
void api_twins_fix(Req *r, Resp *p){
  Err e;
  json_t *in = 0, *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = twins_fix(&r->ctx, in, &j, &e);
  json_decref(in);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/network/cities/{geonames_id} */
void api_network_city(Req *r, Resp *p){
  Err e;
  int64_t id = 0;
  json_t *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = network_city(&r->ctx, id, &j, &e);
  http_reply(p, st, &e, 200, j);
}

const char *const azNetworkCountryParam[] = {"limit", 0};
/* API: GET /api/v1/network/countries/{iso2}?limit=N */
void api_network_country(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, azNetworkCountryParam, &e);
  if( !st ) st = network_country(&r->ctx, r->azArg[0], http_param(r, "limit"), &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* exchange_demo.c: see exchange_demo.h. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "core/exchange_demo.h"
#include "core/exchange.h"
#include "base/date.h"
#include "core/project.h"
#include "core/health.h"
#include "core/partner.h"
#include "core/org.h"
#include "core/demo.h"
#include "store/refdata.h"

typedef struct XdCtx { Ctx *c; ExchangeInitCounts *pn; } XdCtx;

/* Split z at zSep into a JSON array of strings. */
static json_t *split(const char *z, const char *zSep){
  json_t *a = json_array();
  size_t nSep = strlen(zSep);
  while( z && *z ){
    const char *zEnd = strstr(z, zSep);
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    if( n ) json_array_append_new(a, json_stringn(z, n));
    z += n + (zEnd ? nSep : 0);
  }
  return a;
}

/* Tie ids of ";"-separated partner GeoNames ids (those that are ties). */
static json_t *tie_ids(Ctx *c, const char *z){
  json_t *a = split(z, ";"), *out = json_array(), *x;
  size_t i;
  json_array_foreach(a, i, x){
    int64_t t = partner_find_by_city(c, atoll(json_string_value(x)));
    if( t ) json_array_append_new(out, json_integer(t));
  }
  json_decref(a);
  return out;
}

static YcStatus project_line(void *p, char **az, int nField, int iLine, Err *e){
  XdCtx *d = p;
  (void)nField; (void)iLine;
  if( project_find_by_title(d->c, az[0]) ) return YC_OK;
  json_t *orgs = json_array(), *names = split(az[3], ";"), *x;
  size_t i;
  json_array_foreach(names, i, x){
    int64_t o = org_find_by_name(d->c, json_string_value(x), 0);
    if( o ) json_array_append_new(orgs, json_integer(o));
  }
  json_decref(names);
  json_t *in = json_pack("{s:s, s:s, s:o, s:o, s:o, s:s, s:o}", "title", az[0], "stage", az[1],
    "ties", tie_ids(d->c, az[2]), "organisations", orgs, "sectors", split(az[4], ","),
    "description", az[5], "sources", split(az[6], " | "));
  int64_t id;
  YcStatus st = project_create_tx(d->c, in, &id, e);
  json_decref(in);
  if( !st ) d->pn->nProject++;
  return st;
}

static YcStatus exchange_line(void *p, char **az, int nField, int iLine, Err *e){
  XdCtx *d = p;
  (void)nField; (void)iLine;
  json_t *in = json_pack("{s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:o}", "date", az[0], "kind", az[1], "title", az[2],
    "ties", tie_ids(d->c, az[3]), "fields", split(az[4], ";"), "event", az[5], "description", az[6],
    "sources", split(az[7], " | "));
  if( !az[5][0] ) json_object_del(in, "event");
  int64_t id;
  Err e2;
  memset(&e2, 0, sizeof e2);
  YcStatus st = exchange_create_tx(d->c, in, &id, &e2);
  json_decref(in);
  if( st==YC_ECONFLICT ) return YC_OK;     /* loaded before */
  if( st ){ *e = e2; return st; }
  d->pn->nExchange++;
  return YC_OK;
}

YcStatus exchange_init(Ctx *c, int bDemo, ExchangeInitCounts *pn, Err *e){
  ExchangeInitCounts dummy;
  if( !pn ) pn = &dummy;
  memset(pn, 0, sizeof *pn);
  if( db_begin(c->db, e) ) return YC_EINTERNAL;
  XdCtx d = {c, pn};
  YcStatus st = YC_OK;
  if( bDemo && c->homeCityId==DEMO_HOME_CITY_ID ){
    st = tsv_each("data/demo/jinan_projects.tsv", 7, project_line, &d, e);
    if( !st ) st = tsv_each("data/demo/jinan_exchanges.tsv", 8, exchange_line, &d, e);
  }
  if( !st ) st = health_recompute_all(c, date_today(), &pn->nHealth, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  return st;
}

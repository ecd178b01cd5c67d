/* demo.c: see demo.h. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "core/demo.h"
#include "core/partner.h"
#include "core/org.h"
#include "core/city.h"
#include "core/stats.h"
#include "store/refdata.h"
#include "core/profile.h"
#include "core/project.h"
#include "core/exchange.h"
#include "core/health.h"
#include "core/news.h"
#include "base/buf.h"
#include "store/stmt.h"
#include "core/opportunity.h"
#include "base/date.h"
#include "base/asset.h"
#include "core/person.h"
#include "core/delegation.h"
#include "store/tsv.h"
#include "core/series.h"
#include "core/event.h"
#include "core/invitation.h"

typedef struct DemoCtx { Ctx *c; DemoCounts *pn; } DemoCtx;

/* Split "a | b | c" at zSep into a JSON array of strings (empty pieces
** dropped). */
static json_t *split_list(const char *z, const char *zSep){
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

static YcStatus home_line(void *p, char **az, int nField, int iLine, Err *e){
  DemoCtx *d = p;
  (void)nField; (void)iLine;
  if( atoll(az[0])!=d->c->homeCityId ) return YC_OK;
  return city_set_name_zh(d->c, d->c->homeCityId, az[1], e);
}

static YcStatus tie_line(void *p, char **az, int nField, int iLine, Err *e){
  DemoCtx *d = p;
  (void)nField; (void)iLine;
  int64_t cityId = atoll(az[0]);
  if( partner_find_by_city(d->c, cityId) ) return YC_OK;
  json_t *in = json_pack("{s:I, s:s, s:b, s:s, s:o}", "city_id", (json_int_t)cityId,
    "kind", az[4], "kind_verified", atoi(az[5]), "status", az[6], "sources", split_list(az[9], " | "));
  if( az[2][0] ) json_object_set_new(in, "city_name_zh", json_string(az[2]));
  if( az[7][0] ) json_object_set_new(in, "established", json_string(az[7]));
  if( az[8][0] ) json_object_set_new(in, "label", json_string(az[8]));
  if( az[10][0] ) json_object_set_new(in, "notes", json_string(az[10]));
  int64_t id;
  YcStatus st = partner_create_tx(d->c, in, &id, e);
  json_decref(in);
  if( st==YC_OK ) d->pn->nTie++;
  return st;
}

static YcStatus org_line(void *p, char **az, int nField, int iLine, Err *e){
  DemoCtx *d = p;
  (void)nField; (void)iLine;
  if( org_find_by_name(d->c, az[0], az[1]) ) return YC_OK;
  json_t *partners = json_array();
  json_t *links = split_list(az[6], " ; ");
  size_t i;
  json_t *x;
  json_array_foreach(links, i, x){
    int64_t tie = partner_find_by_city(d->c, atoll(json_string_value(x)));
    if( tie ) json_array_append_new(partners, json_integer(tie));
  }
  json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:s}",
    "name_en", az[0], "name_zh", az[1], "type", az[2], "side", az[3],
    "city_id", (json_int_t)atoll(az[4]), "industries", split_list(az[5], ","),
    "partners", partners, "sources", split_list(az[7], " | "), "description", az[8]);
  int64_t id;
  YcStatus st = org_create_tx(d->c, in, &id, e);
  json_decref(in);
  /* Record each link's role. */
  json_array_foreach(links, i, x){
    if( st ) break;
    const char *z = json_string_value(x), *zRole = strchr(z, ':');
    int64_t tie = partner_find_by_city(d->c, atoll(z));
    if( !tie || !zRole ) continue;
    DbStmt *s = db_stmt(d->c->db, "UPDATE org_tie SET role=?3 WHERE org_id=?1 AND tie_id=?2");
    if( !s ){ st = db_error(d->c->db, DB_ERROR, e); break; }
    db_bind_int64(s, 1, id);
    db_bind_int64(s, 2, tie);
    db_bind_text(s, 3, zRole + 1, -1);
    int rc = db_step(s);
    db_reset(s);
    if( rc!=DB_DONE ) st = db_error(d->c->db, rc, e);
  }
  json_decref(links);
  if( st==YC_OK ) d->pn->nOrg++;
  return st;
}

static YcStatus reported_line(void *p, char **az, int nField, int iLine, Err *e){
  DemoCtx *d = p;
  (void)nField; (void)iLine;
  YcStatus st = stats_report(d->c, az[0], az[1], atoll(az[2]), az[3], az[4], e);
  if( st==YC_OK ) d->pn->nReported++;
  return st;
}

/* ---------------------------------------------------------------------------
** Exchanges and projects (data/demo/jinan_projects.tsv, jinan_exchanges.tsv):
** only those the 2019 commentary names, with only the dates it gives.
*/

/* Tie ids of ";"-separated partner GeoNames ids (those that are ties). */
static json_t *tie_ids(Ctx *c, const char *z){
  json_t *a = split_list(z, ";"), *out = json_array(), *x;
  size_t i;
  json_array_foreach(a, i, x){
    int64_t t = partner_find_by_city(c, atoll(json_string_value(x)));
    if( t ) json_array_append_new(out, json_integer(t));
  }
  json_decref(a);
  return out;
}

static YcStatus project_line(void *p, char **az, int nField, int iLine, Err *e){
  DemoCtx *d = p;
  (void)nField; (void)iLine;
  if( project_find_by_title(d->c, az[0]) ) return YC_OK;
  json_t *orgs = json_array(), *names = split_list(az[3], ";"), *x;
  size_t i;
  json_array_foreach(names, i, x){
    int64_t o = org_find_by_name(d->c, json_string_value(x), 0);
    if( o ) json_array_append_new(orgs, json_integer(o));
  }
  json_decref(names);
  json_t *in = json_pack("{s:s, s:s, s:o, s:o, s:o, s:s, s:o}", "title", az[0], "stage", az[1],
    "ties", tie_ids(d->c, az[2]), "organisations", orgs, "sectors", split_list(az[4], ","),
    "description", az[5], "sources", split_list(az[6], " | "));
  int64_t id;
  YcStatus st = project_create_tx(d->c, in, &id, e);
  json_decref(in);
  if( !st ) d->pn->nProject++;
  return st;
}

static YcStatus exchange_line(void *p, char **az, int nField, int iLine, Err *e){
  DemoCtx *d = p;
  (void)nField; (void)iLine;
  json_t *in = json_pack("{s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:o}", "date", az[0], "kind", az[1], "title", az[2],
    "ties", tie_ids(d->c, az[3]), "fields", split_list(az[4], ";"), "event", az[5], "description", az[6],
    "sources", split_list(az[7], " | "));
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

/* ---------------------------------------------------------------------------
** People and delegations (data/demo/jinan_people.tsv, jinan_delegations.tsv,
** jinan_delegation_items.tsv)
*/
typedef struct DemoPeople {
  Ctx *c;
  DemoCounts *pn;
  json_t *keys;      /* delegation key -> its id; negative: there before this load */
} DemoPeople;

static void set_if(json_t *in, const char *zKey, const char *z){
  if( z && *z ) json_object_set_new(in, zKey, json_string(z));
}

/* Id of the organisation named zName (English), or an error naming zField. */
static YcStatus org_named(Ctx *c, const char *zName, int iLine, const char *zFile, int64_t *pId, Err *e){
  *pId = 0;
  if( !*zName ) return YC_OK;
  *pId = org_find_by_name(c, zName, 0);
  if( !*pId ) return err_set(e, YC_EINVALID, "unknown_org", "org_name_en", "%s:%d: no organisation named %s", zFile, iLine, zName);
  return YC_OK;
}

static YcStatus people_line(void *p, char **az, int nField, int iLine, Err *e){
  DemoPeople *d = p;
  (void)nField;
  if( person_find_by_name(d->c, az[2], az[1]) ) return YC_OK;
  json_t *in = json_pack("{s:o, s:o, s:o}", "languages", split_list(az[7], ","), "roles", split_list(az[8], ","),
                         "sources", split_list(az[10], " | "));
  set_if(in, "name_zh", az[1]);
  set_if(in, "name_en", az[2]);
  set_if(in, "name_native", az[3]);
  set_if(in, "title", az[4]);
  set_if(in, "friend_since", az[9]);
  int64_t org, id;
  YcStatus st = org_named(d->c, az[5], iLine, "jinan_people.tsv", &org, e);
  if( org ) json_object_set_new(in, "org_id", json_integer(org));
  if( az[6][0] ) json_object_set_new(in, "city_id", json_integer(atoll(az[6])));
  if( !st ){
    Err e2;
    memset(&e2, 0, sizeof e2);
    st = person_create_tx(d->c, in, &id, &e2);
    if( st ) err_set(e, st, e2.zCode, e2.zField, "jinan_people.tsv:%d: %s", iLine, e2.zMsg);
  }
  json_decref(in);
  if( !st ) d->pn->nPerson++;
  return st;
}

/* Id of the event of key zKey of data/demo/jinan_events.tsv (by its title
** and start), 0 when there is no such file or no such event. */
typedef struct EventKey { const char *zKey; char *zTitleEn, *zTitleZh, *zStart; } EventKey;
static YcStatus event_key_line(void *p, char **az, int nField, int iLine, Err *e){
  EventKey *k = p;
  (void)iLine; (void)e;
  if( nField>8 && strcmp(az[0], k->zKey)==0 && !k->zStart ){
    k->zStart = strdup(az[5]);
    k->zTitleZh = strdup(az[7]);
    k->zTitleEn = strdup(az[8]);
  }
  return YC_OK;
}
static int64_t event_of_key(Ctx *c, const char *zKey){
  size_t n;
  EventKey k = {zKey, 0, 0, 0};
  Err e;
  if( !asset_find("data/demo/jinan_events.tsv", &n) ) return 0;
  tsv_each("data/demo/jinan_events.tsv", 0, event_key_line, &k, &e);
  int64_t id = 0;
  DbStmt *p = k.zStart ? db_stmt(c->db, "SELECT id FROM event WHERE start_date=?1 AND (title_en=?2 OR title_zh=?3) ORDER BY id LIMIT 1") : 0;
  if( p ){
    db_bind_text(p, 1, k.zStart, -1);
    db_bind_text(p, 2, k.zTitleEn, -1);
    db_bind_text(p, 3, k.zTitleZh, -1);
    if( db_step(p)==DB_ROW ) id = db_col_int64(p, 0);
    db_reset(p);
  }
  free(k.zStart); free(k.zTitleEn); free(k.zTitleZh);
  return id;
}

static YcStatus delegation_line(void *p, char **az, int nField, int iLine, Err *e){
  DemoPeople *d = p;
  (void)nField;
  if( json_object_get(d->keys, az[0]) )
    return err_set(e, YC_EINVALID, "duplicate", "key", "jinan_delegations.tsv:%d: key %s given twice", iLine, az[0]);
  int64_t id = delegation_find(d->c, az[7], az[6], az[3]);
  if( id ){
    json_object_set_new(d->keys, az[0], json_integer(-id));
    return YC_OK;
  }
  json_t *in = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "direction", az[1], "status", az[2], "start", az[3],
    "ties", tie_ids(d->c, az[5]), "fields", split_list(az[11], ";"), "sources", split_list(az[13], " | "));
  set_if(in, "end", az[4]);
  set_if(in, "title_zh", az[6]);
  set_if(in, "title_en", az[7]);
  set_if(in, "head", az[8]);
  if( az[9][0] ) json_object_set_new(in, "size", json_integer(atoll(az[9])));
  set_if(in, "purpose", az[10]);
  YcStatus st = YC_OK;
  if( az[12][0] ){
    int64_t ev = event_of_key(d->c, az[12]);
    if( !ev ) st = err_set(e, YC_EINVALID, "unknown_event", "event_key", "jinan_delegations.tsv:%d: no event with key %s", iLine, az[12]);
    else json_object_set_new(in, "event_id", json_integer(ev));
  }
  if( !st ){
    Err e2;
    memset(&e2, 0, sizeof e2);
    st = delegation_create_tx(d->c, in, &id, &e2);
    if( st ) err_set(e, st, e2.zCode, e2.zField, "jinan_delegations.tsv:%d: %s", iLine, e2.zMsg);
  }
  json_decref(in);
  if( !st ){
    json_object_set_new(d->keys, az[0], json_integer(id));
    d->pn->nDelegation++;
  }
  return st;
}

static YcStatus item_line(void *p, char **az, int nField, int iLine, Err *e){
  DemoPeople *d = p;
  (void)nField;
  json_t *k = json_object_get(d->keys, az[0]);
  if( !k ) return err_set(e, YC_EINVALID, "unknown_delegation", "delegation_key",
                          "jinan_delegation_items.tsv:%d: no delegation with key %s", iLine, az[0]);
  if( json_integer_value(k)<0 ) return YC_OK;        /* loaded before, with its programme */
  json_t *in = json_pack("{s:s, s:s}", "date", az[1], "title", az[2]), *out = 0;
  set_if(in, "place", az[3]);
  int64_t org;
  YcStatus st = org_named(d->c, az[4], iLine, "jinan_delegation_items.tsv", &org, e);
  if( org ) json_object_set_new(in, "org_id", json_integer(org));
  if( !st ){
    Err e2;
    memset(&e2, 0, sizeof e2);
    st = delegation_item_add(d->c, json_integer_value(k), in, &out, &e2);
    if( st ) err_set(e, st, e2.zCode, e2.zField, "jinan_delegation_items.tsv:%d: %s", iLine, e2.zMsg);
  }
  json_decref(in);
  json_decref(out);
  if( !st ) d->pn->nItem++;
  return st;
}

/* tsv_each_text over z, or over the embedded file zAsset when z is 0. */
static YcStatus demo_tsv(const char *zAsset, const char *z, const char *zHeader, int nWant, TsvLineFn x, void *p, Err *e){
  size_t n = 0;
  if( !z ){
    z = (const char*)asset_find(zAsset, &n);
    if( !z ) return err_set(e, YC_EINTERNAL, "asset", 0, "embedded file %s missing", zAsset);
  }else{
    n = strlen(z);
  }
  return tsv_each_text(zAsset, z, n, zHeader, nWant, x, p, e);
}

YcStatus demo_people_load(Ctx *c, const char *zPeople, const char *zDelegations, const char *zItems,
                          DemoCounts *pn, Err *e){
  DemoPeople d = {c, pn, json_object()};
  YcStatus st = demo_tsv("data/demo/jinan_people.tsv", zPeople,
    "key\tname_zh\tname_en\tname_native\ttitle\torg_name_en\tcity_id\tlanguages\troles\tfriend_since\tsources", 11, people_line, &d, e);
  if( !st ) st = demo_tsv("data/demo/jinan_delegations.tsv", zDelegations,
    "key\tdirection\tstatus\tstart\tend\tpartners\ttitle_zh\ttitle_en\thead\tsize\tpurpose\tfields\tevent_key\tsources", 14,
    delegation_line, &d, e);
  if( !st ) st = demo_tsv("data/demo/jinan_delegation_items.tsv", zItems,
    "delegation_key\tdate\ttitle\tplace\torg_name_en", 5, item_line, &d, e);
  json_decref(d.keys);
  return st;
}

/* A published opportunity (data/demo/jinan_opportunities.tsv): kind, category,
** direction, owner ("org:NAME_EN" or "tie:GEONAMES_ID"), titles,
** descriptions, published, valid_until, status, industries (","),
** countries (","), sources (" | "). One with the same title is kept. */
static YcStatus opportunity_line(void *p, char **az, int nField, int iLine, Err *e){
  DemoCtx *d = p;
  (void)nField;
  if( opp_find_by_title(d->c, az[5], az[4]) ) return YC_OK;
  int64_t orgId = 0, tieId = 0;
  if( strncmp(az[3], "org:", 4)==0 ) orgId = org_find_by_name(d->c, az[3] + 4, 0);
  else if( strncmp(az[3], "tie:", 4)==0 ) tieId = partner_find_by_city(d->c, atoll(az[3] + 4));
  if( !orgId && !tieId )
    return err_set(e, YC_EINVALID, "unknown_owner", "owner", "jinan_opportunities.tsv line %d: no owner %s", iLine, az[3]);
  json_t *in = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "kind", az[0], "category", az[1], "direction", az[2],
    "industries", split_list(az[11], ","), "target_countries", split_list(az[12], ","), "sources", split_list(az[13], " | "));
  json_object_set_new(in, orgId ? "org_id" : "partner_id", json_integer(orgId ? orgId : tieId));
  static const char *const azText[] = {0, 0, 0, 0, "title_zh", "title_en", "description_zh", "description_en",
    "published", "valid_until", "status"};
  for(int i=4; i<=10; i++) if( az[i][0] ) json_object_set_new(in, azText[i], json_string(az[i]));
  int64_t id;
  YcStatus st = opp_create_tx(d->c, in, &id, e);
  json_decref(in);
  if( st==YC_OK ) d->pn->nOpportunity++;
  return st;
}

/* ---------------------------------------------------------------------------
** Series, networks, events and invitations (data/demo/jinan_series.tsv,
** jinan_series_members.tsv, jinan_events.tsv, jinan_invitations.tsv).
*/
typedef struct EvLoad {
  Ctx *c; DemoCounts *pn;
  json_t *keys;      /* "s:KEY" -> series id, "e:KEY" -> event id */
  json_t *touched;   /* event ids (as keys) whose invitations changed */
  const char *zFile;
} EvLoad;

static int64_t evl_key(EvLoad *d, const char *zPrefix, const char *zKey){
  char z[200];
  snprintf(z, sizeof z, "%s:%s", zPrefix, zKey);
  return json_integer_value(json_object_get(d->keys, z));
}

static void evl_set_key(EvLoad *d, const char *zPrefix, const char *zKey, int64_t id){
  char z[200];
  snprintf(z, sizeof z, "%s:%s", zPrefix, zKey);
  json_object_set_new(d->keys, z, json_integer(id));
}

/* A row's error: the file and line before the core's message. */
static YcStatus evl_error(EvLoad *d, int iLine, YcStatus st, Err *e){
  char z[2*sizeof e->zMsg + 64];
  snprintf(z, sizeof z, "%s:%d: %s", d->zFile, iLine, e->zMsg);
  size_t n = strlen(z);
  if( n>=sizeof e->zMsg ) n = sizeof e->zMsg - 1;
  memcpy(e->zMsg, z, n);
  e->zMsg[n] = 0;
  return st;
}

static void set_opt(json_t *o, const char *zKey, const char *z){
  if( z && z[0] ) json_object_set_new(o, zKey, json_string(z));
}

static void set_int(json_t *o, const char *zKey, const char *z){
  if( z && z[0] ) json_object_set_new(o, zKey, json_integer(atoll(z)));
}

static YcStatus series_line(void *p, char **az, int nField, int iLine, Err *e){
  EvLoad *d = p;
  (void)nField;
  int64_t id = series_find_by_name(d->c, az[3], az[2]);
  if( !id ){
    json_t *in = json_pack("{s:s, s:o}", "kind", az[1], "sources", split_list(az[6], " | "));
    set_opt(in, "name_zh", az[2]);
    set_opt(in, "name_en", az[3]);
    set_opt(in, "website", az[4]);
    set_opt(in, "description", az[5]);
    YcStatus st = series_create_tx(d->c, in, &id, e);
    json_decref(in);
    if( st ) return evl_error(d, iLine, st, e);
    d->pn->nSeries++;
  }
  evl_set_key(d, "s", az[0], id);
  return YC_OK;
}

static YcStatus member_line(void *p, char **az, int nField, int iLine, Err *e){
  EvLoad *d = p;
  (void)nField;
  int64_t s = evl_key(d, "s", az[0]), id;
  if( !s ) return evl_error(d, iLine, err_set(e, YC_EINVALID, "unknown_series", "series_key", "no series with key %s", az[0]), e);
  json_t *in = json_pack("{s:o}", "sources", split_list(az[5], " | "));
  if( az[1][0] ) json_object_set_new(in, "city_id", json_integer(atoll(az[1])));
  else{
    int64_t o = org_find_by_name(d->c, az[2], 0);
    if( !o ){
      json_decref(in);
      return evl_error(d, iLine, err_set(e, YC_EINVALID, "unknown_org", "org_name_en", "no organisation named %s", az[2]), e);
    }
    json_object_set_new(in, "org_id", json_integer(o));
  }
  set_opt(in, "role", az[3]);
  set_opt(in, "joined", az[4]);
  Err e2;
  memset(&e2, 0, sizeof e2);
  YcStatus st = series_member_add_tx(d->c, s, in, &id, &e2);
  json_decref(in);
  if( st==YC_ECONFLICT ) return YC_OK;     /* loaded before */
  if( st ){ *e = e2; return evl_error(d, iLine, st, e); }
  d->pn->nMember++;
  return YC_OK;
}

static YcStatus event_line(void *p, char **az, int nField, int iLine, Err *e){
  EvLoad *d = p;
  (void)nField;
  int64_t id = event_find(d->c, az[8], az[7], az[5]);
  if( !id ){
    json_t *in = json_pack("{s:s, s:s, s:s, s:o, s:o}", "kind", az[3], "status", az[4], "start", az[5],
      "fields", split_list(az[12], ";"), "sources", split_list(az[17], " | "));
    if( az[1][0] ){
      int64_t s = evl_key(d, "s", az[1]);
      if( !s ){
        json_decref(in);
        return evl_error(d, iLine, err_set(e, YC_EINVALID, "unknown_series", "series_key", "no series with key %s", az[1]), e);
      }
      json_object_set_new(in, "series_id", json_integer(s));
    }
    set_int(in, "edition", az[2]);
    set_opt(in, "end", az[6]);
    set_opt(in, "title_zh", az[7]);
    set_opt(in, "title_en", az[8]);
    set_int(in, "city_id", az[9]);
    set_opt(in, "place", az[10]);
    set_opt(in, "organisers", az[11]);
    set_int(in, "reported_people", az[13]);
    set_int(in, "reported_countries", az[14]);
    set_int(in, "reported_delegations", az[15]);
    set_opt(in, "description", az[16]);
    YcStatus st = event_create_tx(d->c, in, &id, e);
    json_decref(in);
    if( st ) return evl_error(d, iLine, st, e);
    d->pn->nEvent++;
  }
  evl_set_key(d, "e", az[0], id);
  return YC_OK;
}

static YcStatus invitation_line(void *p, char **az, int nField, int iLine, Err *e){
  EvLoad *d = p;
  (void)nField;
  int64_t ev = evl_key(d, "e", az[0]), id;
  if( !ev ) return evl_error(d, iLine, err_set(e, YC_EINVALID, "unknown_event", "event_key", "no event with key %s", az[0]), e);
  int64_t tie = partner_find_by_city(d->c, atoll(az[1]));
  if( !tie ) return evl_error(d, iLine, err_set(e, YC_EINVALID, "unknown_tie", "partner_id",
                                                "GeoNames id %s is not a partner of the home city", az[1]), e);
  json_t *in = json_pack("{s:I, s:s, s:o}", "tie_id", (json_int_t)tie, "status", az[2], "sources", split_list(az[5], " | "));
  set_int(in, "size", az[3]);
  set_opt(in, "head", az[4]);
  Err e2;
  memset(&e2, 0, sizeof e2);
  YcStatus st = invitation_create_tx(d->c, ev, in, &id, &e2);
  json_decref(in);
  if( st==YC_ECONFLICT ) return YC_OK;     /* loaded before */
  if( st ){ *e = e2; return evl_error(d, iLine, st, e); }
  d->pn->nInvitation++;
  char z[24];
  snprintf(z, sizeof z, "%lld", (long long)ev);
  json_object_set_new(d->touched, z, json_true());
  return YC_OK;
}

YcStatus demo_events_load(Ctx *c, const char *const azText[4], DemoCounts *pn, Err *e){
  static const char *const azAsset[4] = {"data/demo/jinan_series.tsv", "data/demo/jinan_series_members.tsv",
                                         "data/demo/jinan_events.tsv", "data/demo/jinan_invitations.tsv"};
  static const TsvLineFn axLine[4] = {series_line, member_line, event_line, invitation_line};
  static const int anField[4] = {7, 6, 18, 6};
  EvLoad d = {c, pn, json_object(), json_object(), 0};
  YcStatus st = YC_OK;
  for(int i=0; i<4 && !st; i++){
    d.zFile = azAsset[i] + strlen("data/demo/");
    st = demo_tsv(azAsset[i], azText[i], 0, anField[i], axLine[i], &d, e);
  }
  /* The exchanges of held events whose attendance was loaded now. */
  const char *zKey;
  json_t *v;
  json_object_foreach(d.touched, zKey, v){
    if( st ) break;
    st = event_sync_exchange(c, atoll(zKey), e);
    if( !st ) pn->nEventExchange++;
  }
  json_decref(d.keys);
  json_decref(d.touched);
  return st;
}

/* ---------------------------------------------------------------------------
** News (data/demo/jinan_news.tsv and jinan_news_links.tsv; formats in
** doc/news.md): the items, published; the curated links as confirmed; what
** the mention finder finds beyond them stays suggested.
*/
typedef struct DemoNews { Ctx *c; DemoCounts *pn; json_t *keys; } DemoNews;

static YcStatus news_line(void *p, char **az, int nField, int iLine, Err *e){
  DemoNews *d = p;
  (void)nField;
  const char *zKey = az[0], *zLang = az[3];
  DbStmt *q = db_stmt(d->c->db, "SELECT id FROM news WHERE demo_key=?1");
  int64_t id = 0;
  if( q ){
    db_bind_text(q, 1, zKey, -1);
    if( db_step(q)==DB_ROW ) id = db_col_int64(q, 0);
    db_reset(q);
  }
  if( id ){ json_object_set_new(d->keys, zKey, json_integer(-id)); return YC_OK; }
  if( strcmp(zLang, "zh")!=0 && strcmp(zLang, "en")!=0 )
    return err_set(e, YC_EINVALID, "invalid_value", "lang", "jinan_news.tsv:%d: lang must be zh or en", iLine);
  /* The body: "\n" (backslash n) is a newline. */
  Buf body = BUF_INIT;
  for(const char *z = az[5]; *z; z++){
    if( z[0]=='\\' && z[1]=='n' ){ buf_append(&body, "\n", 1); z++; }
    else buf_append(&body, z, 1);
  }
  int bZh = strcmp(zLang, "zh")==0;
  json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "kind", az[2], "lang", zLang, "date", az[1],
    bZh ? "title_zh" : "title_en", az[4], bZh ? "body_zh" : "body_en", buf_str(&body), "source", az[6],
    "status", "published");
  buf_free(&body);
  YcStatus st = in ? news_create_tx(d->c, in, &id, e) : err_set(e, YC_EINTERNAL, "oom", 0, "out of memory");
  json_decref(in);
  if( st ){
    if( e->zMsg[0] ){
      char z[sizeof e->zMsg];
      snprintf(z, sizeof z, "%s", e->zMsg);
      snprintf(e->zMsg, sizeof e->zMsg, "jinan_news.tsv:%d: %.200s", iLine, z);
    }
    return st;
  }
  st = stmt_run_text(d->c->db, "UPDATE news SET demo_key=?2 WHERE id=?1", id, zKey, e);
  json_object_set_new(d->keys, zKey, json_integer(id));
  d->pn->nNews++;
  return st;
}

static YcStatus news_link_line(void *p, char **az, int nField, int iLine, Err *e){
  DemoNews *d = p;
  (void)nField;
  json_t *k = json_object_get(d->keys, az[0]);
  if( !k ) return err_set(e, YC_EINVALID, "unknown_news", "news_key", "jinan_news_links.tsv:%d: no news item with key %s", iLine, az[0]);
  if( json_integer_value(k)<0 ) return YC_OK;    /* loaded before, with its links */
  int64_t newsId = json_integer_value(k), target = 0;
  const char *zType = az[1], *zRef = az[2];
  if( strcmp(zType, "tie")==0 ){
    DbStmt *q = db_stmt(d->c->db, "SELECT id FROM tie WHERE home_city_id=?1 AND partner_city_id=?2");
    if( q ){
      db_bind_int64(q, 1, d->c->homeCityId);
      db_bind_int64(q, 2, atoll(zRef));
      if( db_step(q)==DB_ROW ) target = db_col_int64(q, 0);
      db_reset(q);
    }
  }else if( strcmp(zType, "org")==0 ){
    target = org_find_by_name(d->c, zRef, 0);
  }else if( strcmp(zType, "event")==0 ){
    target = event_of_key(d->c, zRef);
  }else if( strcmp(zType, "person")==0 ){
    target = person_find_by_name(d->c, zRef, 0);
  }else{
    return err_set(e, YC_EINVALID, "invalid_value", "type", "jinan_news_links.tsv:%d: type must be tie, org, event or person", iLine);
  }
  if( !target ) return err_set(e, YC_EINVALID, "unknown_reference", "ref", "jinan_news_links.tsv:%d: no %s %s", iLine, zType, zRef);
  json_t *in = json_pack("{s:[{s:s, s:I, s:s, s:s}]}", "links", "type", zType, "id", (json_int_t)target,
                         "state", "confirmed", "surface", az[3]);
  YcStatus st = news_links_set_tx(d->c, newsId, in, e);
  json_decref(in);
  if( !st ) d->pn->nNewsLink++;
  return st;
}

YcStatus demo_news_load(Ctx *c, const char *zNews, const char *zLinks, DemoCounts *pn, Err *e){
  size_t n;
  if( !zNews && !asset_find("data/demo/jinan_news.tsv", &n) ) return YC_OK;   /* not in this build */
  DemoNews d = {c, pn, json_object()};
  YcStatus st = demo_tsv("data/demo/jinan_news.tsv", zNews, "key\tdate\tkind\tlang\ttitle\tbody\tsource", 7, news_line, &d, e);
  if( !st && (zLinks || asset_find("data/demo/jinan_news_links.tsv", &n)) )
    st = demo_tsv("data/demo/jinan_news_links.tsv", zLinks, "news_key\ttype\tref\tsurface", 4, news_link_line, &d, e);
  json_decref(d.keys);
  return st;
}

YcStatus demo_load(Ctx *c, DemoCounts *pn, Err *e){
  DemoCounts dummy;
  if( !pn ) pn = &dummy;
  memset(pn, 0, sizeof *pn);
  if( c->homeCityId!=DEMO_HOME_CITY_ID )
    return err_set(e, YC_EINVALID, "demo_home", "home-city",
                   "the demo data is Jinan's; this database's home city is another city");
  DemoCtx d = {c, pn};
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  /* The registry: the home city's name, ties, organisations, reported totals. */
  YcStatus st = tsv_each("data/demo/jinan_home.tsv", 3, home_line, &d, e);
  if( !st ) st = tsv_each("data/demo/jinan_ties.tsv", 11, tie_line, &d, e);
  if( !st ) st = tsv_each("data/demo/jinan_orgs.tsv", 9, org_line, &d, e);
  if( !st ) st = tsv_each("data/demo/jinan_reported.tsv", 5, reported_line, &d, e);
  /* The industry database: partner-city profiles and organisations' offers. */
  if( !st ) st = profile_demo_load(c, 0, e);
  /* Projects and exchanges, then the health of every tie. */
  if( !st ) st = tsv_each("data/demo/jinan_projects.tsv", 7, project_line, &d, e);
  if( !st ) st = tsv_each("data/demo/jinan_exchanges.tsv", 8, exchange_line, &d, e);
  /* Real published calls of the city, its organisations and its partners. */
  if( !st ) st = tsv_each("data/demo/jinan_opportunities.tsv", 14, opportunity_line, &d, e);
  /* Series, networks, events and who came to them (held events make their exchanges). */
  if( !st ){
    const char *azText[4] = {0, 0, 0, 0};
    st = demo_events_load(c, azText, pn, e);
  }
  /* People and delegations (done ones make their exchanges). */
  if( !st ) st = demo_people_load(c, 0, 0, 0, pn, e);
  /* News and documents with the records they mention. */
  if( !st ) st = demo_news_load(c, 0, 0, pn, e);
  if( !st ) st = health_recompute_all(c, date_today(), &pn->nHealth, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  return st;
}

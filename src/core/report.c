/* report.c: see report.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/report.h"
#include "core/exchange_vocab.h"
#include "core/health.h"
#include "core/partner.h"
#include "core/project.h"
#include "core/tie_vocab.h"
#include "base/date.h"
#include "base/json.h"
#include "store/db.h"
#include "store/rows.h"

const char *const azReportMetric[] = {
  "ties_new", "ties_ended", "ties_became_active", "ties_fell_dormant", "exchanges",
  "delegations_in", "delegations_out", "delegation_people", "events", "event_partners",
  "event_reported_people", "projects", "opportunities_matched", "opportunities_closed",
  "interests_accepted", 0};


static int this_year(void){
  int y, m, d;
  date_civil(date_today(), &y, &m, &d);
  return y;
}

YcStatus report_parse_year(const char *z, int *pYear, Err *e){
  *pYear = 0;
  int bDigits = z && strlen(z)==4;
  for(int i=0; bDigits && i<4; i++) if( z[i]<'0' || z[i]>'9' ) bDigits = 0;
  if( !bDigits ) return err_set(e, YC_EINVALID, "invalid_value", "year", "year must be four digits (YYYY)");
  int y = atoi(z);
  if( y<REPORT_MIN_YEAR || y>this_year() + 1 )
    return err_set(e, YC_EINVALID, "out_of_range", "year", "year must be from %d to %d", REPORT_MIN_YEAR, this_year() + 1);
  *pYear = y;
  return YC_OK;
}

/* An object with the keys of az set to 0. */
static json_t *zeros(const char *const *az){
  json_t *o = json_object();
  for(int i=0; az[i]; i++) json_object_set_new(o, az[i], json_integer(0));
  return o;
}

static void add_to(json_t *o, const char *zKey, json_int_t n){
  json_object_set_new(o, zKey, json_integer(json_integer_value(json_object_get(o, zKey)) + n));
}

/* The ties of the ids in aId (n of them) as partner_refs gives them, in order. */
static YcStatus tie_refs(Ctx *c, json_t *aItem, Err *e){
  json_t *ids = json_array(), *x;
  size_t i;
  json_array_foreach(aItem, i, x) json_array_append(ids, json_object_get(x, "tie"));
  char *zIds = json_text(ids, JSON_COMPACT);
  json_decref(ids);
  json_t *map = 0;
  YcStatus st = partner_refs(c, zIds ? zIds : "[]", &map, e);
  free(zIds);
  if( !st ){
    json_array_foreach(aItem, i, x){
      char zKey[24];
      snprintf(zKey, sizeof zKey, "%lld", jint(x, "tie"));
      json_t *ref = json_object_get(map, zKey);
      json_object_set(x, "tie", ref ? ref : json_null());
    }
  }
  json_decref(map);
  return st;
}

/* ---------------------------------------------------------------------------
** Ties: new, ended, and the changes of health level
*/

/* The health level (0 active, 1 cooling, 2 dormant) of tie id as of day,
** from its last dated contact up to that day: the rule and thresholds of
** core/health.c (an exchange counts at the middle of its period, never
** later than the day; none: the establishment). Two index lookups. */
static int level_at(Ctx *c, const HealthThreshold *t, int64_t id, const char *zEst, int day){
  int last = -1;
  DbStmt *p = db_stmt(c->db, "SELECT 1 FROM exchange_tie WHERE tie_id=?1 AND day_mid>?2 AND day_mid<=?3 AND day0<=?2 LIMIT 1");
  if( p ){
    db_bind_int64(p, 1, id);
    db_bind_int(p, 2, day);
    db_bind_int(p, 3, day + 200);   /* a period's middle is at most 183 days after its start */
    if( db_step(p)==DB_ROW ) last = day;
    db_reset(p);
  }
  if( last<0 && (p = db_stmt(c->db, "SELECT max(day_mid) FROM exchange_tie WHERE tie_id=?1 AND day_mid<=?2"))!=0 ){
    db_bind_int64(p, 1, id);
    db_bind_int(p, 2, day);
    if( db_step(p)==DB_ROW && db_col_type(p, 0)!=DB_NULL ) last = db_col_int(p, 0);
    db_reset(p);
  }
  HealthAcc a;
  health_acc_init(&a);
  if( last>=0 ){ a.nTotal = 1; a.lastDay = a.lastDay0 = a.lastMid = last; }
  return health_level(t, &a, zEst, day);
}

static int year_of(const char *z){
  return z && strlen(z)>=4 ? atoi(z) : 0;
}

/* The levels of the home ties (in id order) at one day, so that the
** previous year's end is computed once for both years: -1 not known. */
typedef struct Levels { int day, n; signed char *a; } Levels;

static YcStatus ties_part(Ctx *c, int year, int dayA, int dayB, const Levels *pA, Levels *pB, json_t *out, Err *e){
  HealthThreshold aT[3];
  YcStatus st = health_thresholds(c, aT, e);
  if( st ) return st;
  json_t *aNew = json_array(), *aEnded = json_array(), *aUp = json_array(), *aDown = json_array();
  DbStmt *p = db_stmt(c->db, "SELECT id, kind, est_date, status, ended FROM tie WHERE home_city_id=?1 ORDER BY id");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_int64(p, 1, c->homeCityId);
  /* Collect first: level_at runs statements of its own. */
  typedef struct T { int64_t id; int iKind; char zEst[12]; int estYear, endYear; } T;
  T *a = 0;
  int n = 0, nAlloc = 0, rc;
  while( (rc = db_step(p))==DB_ROW ){
    if( n==nAlloc ){
      nAlloc = nAlloc ? 2*nAlloc : 64;
      T *a2 = realloc(a, sizeof(*a)*(size_t)nAlloc);
      if( !a2 ){ free(a); db_reset(p); st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); goto end; }
      a = a2;
    }
    T *x = &a[n++];
    memset(x, 0, sizeof *x);
    x->id = db_col_int64(p, 0);
    for(int k=0; k<3; k++) if( strcmp(aT[k].zKind, db_text(p, 1))==0 ) x->iKind = k;
    snprintf(x->zEst, sizeof x->zEst, "%s", db_text(p, 2) ? db_text(p, 2) : "");
    x->estYear = year_of(db_text(p, 2));
    x->endYear = db_text(p, 3) && strcmp(db_text(p, 3), "ended")==0 ? (db_text(p, 4) ? year_of(db_text(p, 4)) : -1) : 0;
    if( x->estYear==year ){
      json_array_append_new(aNew, json_pack("{s:I, s:o}", "tie", (json_int_t)x->id, "date", rows_text(p, 2)));
    }
    if( x->endYear==year ){
      json_array_append_new(aEnded, json_pack("{s:I, s:o}", "tie", (json_int_t)x->id, "date", rows_text(p, 4)));
    }
  }
  db_reset(p);
  if( rc!=DB_DONE ){ free(a); st = db_error(c->db, rc, e); goto end; }
  if( pB ){
    pB->day = dayB;
    pB->n = n;
    pB->a = malloc((size_t)(n ? n : 1));
    if( pB->a ) memset(pB->a, -1, (size_t)(n ? n : 1));
  }
  /* Health is for signed-in callers only: anonymous ones get null. */
  for(int i=0; i<n && ctx_signed_in(c); i++){
    T *x = &a[i];
    if( x->estYear>=year ) continue;                    /* established in the year or later: a new tie */
    if( x->endYear<0 || (x->endYear && x->endYear<=year) ) continue;   /* ended (date unknown, or by the year's end) */
    const char *zEst = x->zEst[0] ? x->zEst : 0;
    int lA = pA && pA->a && pA->day==dayA && pA->n==n && pA->a[i]>=0 ? pA->a[i] : level_at(c, &aT[x->iKind], x->id, zEst, dayA);
    int lB = level_at(c, &aT[x->iKind], x->id, zEst, dayB);
    if( pB && pB->a ) pB->a[i] = (signed char)lB;
    if( lA!=0 && lB==0 ){
      json_array_append_new(aUp, json_pack("{s:I, s:s, s:s}", "tie", (json_int_t)x->id,
        "before", azHealthLevel[lA], "after", azHealthLevel[lB]));
    }
    if( lA!=2 && lB==2 ){
      json_array_append_new(aDown, json_pack("{s:I, s:s, s:s}", "tie", (json_int_t)x->id,
        "before", azHealthLevel[lA], "after", azHealthLevel[lB]));
    }
  }
  free(a);
  if( (st = tie_refs(c, aNew, e)) || (st = tie_refs(c, aEnded, e)) || (st = tie_refs(c, aUp, e))
      || (st = tie_refs(c, aDown, e)) ) goto end;
  int bHealth = ctx_signed_in(c);
  json_object_set_new(out, "ties", json_pack("{s:I, s:I, s:o, s:o, s:O, s:O, s:o, s:o}",
    "new", (json_int_t)json_array_size(aNew), "ended", (json_int_t)json_array_size(aEnded),
    "became_active", bHealth ? json_integer((json_int_t)json_array_size(aUp)) : json_null(),
    "fell_dormant", bHealth ? json_integer((json_int_t)json_array_size(aDown)) : json_null(),
    "new_items", aNew, "ended_items", aEnded,
    "became_active_items", bHealth ? json_incref(aUp) : json_null(),
    "fell_dormant_items", bHealth ? json_incref(aDown) : json_null()));
end:
  json_decref(aNew); json_decref(aEnded); json_decref(aUp); json_decref(aDown);
  return st;
}

/* ---------------------------------------------------------------------------
** Exchanges
*/
typedef struct TieCount { int64_t tie, n; } TieCount;

static int cmp_int64(const void *a, const void *b){
  int64_t x = *(const int64_t*)a, y = *(const int64_t*)b;
  return x<y ? -1 : x>y;
}
static int cmp_tie(const void *a, const void *b){
  const TieCount *x = a, *y = b;
  return x->tie<y->tie ? -1 : x->tie>y->tie;
}
/* Most exchanges first, then by tie id. */
static int cmp_count(const void *a, const void *b){
  const TieCount *x = a, *y = b;
  if( x->n!=y->n ) return x->n>y->n ? -1 : 1;
  return x->tie<y->tie ? -1 : x->tie>y->tie;
}
static YcStatus exchanges_part(Ctx *c, int day0, int dayEnd, json_t *out, Err *e){
  json_t *byKind = zeros(azExchangeKind), *byField = zeros(azExchangeField), *byCont = zeros(azContinent);
  json_t *unitCount = json_object(), *byUnit = json_array(), *byPartner = json_array();
  json_int_t nTotal = 0, nNoField = 0;
  YcStatus st = YC_OK;
  int rc;
  /* Kind, fields and unit in one pass over the year's rows (index exchange_day). */
  DbStmt *p = db_stmt(c->db, "SELECT kind, fields, unit_id, count(*) FROM exchange WHERE day_mid BETWEEN ?1 AND ?2"
                             " GROUP BY kind, fields, unit_id");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_int(p, 1, day0);
  db_bind_int(p, 2, dayEnd);
  while( (rc = db_step(p))==DB_ROW ){
    json_int_t k = db_col_int64(p, 3);
    nTotal += k;
    add_to(byKind, db_text(p, 0), k);
    int f = db_col_int(p, 1);
    if( !f ) nNoField += k;
    for(int i=0; azExchangeField[i]; i++) if( f & (1<<i) ) add_to(byField, azExchangeField[i], k);
    add_to(unitCount, db_col_type(p, 2)==DB_NULL ? "none" : db_text(p, 2), k);
  }
  db_reset(p);
  if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  /* The units with their names, most exchanges first; "none": no unit. */
  p = db_stmt(c->db, "SELECT id, name_zh, name_en FROM unit ORDER BY id");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  while( db_step(p)==DB_ROW ){
    json_t *v = json_object_get(unitCount, db_text(p, 0));
    if( !v ) continue;
    json_array_append_new(byUnit, json_pack("{s:{s:I, s:o, s:o}, s:I}", "unit", "id", (json_int_t)db_col_int64(p, 0),
      "name_zh", rows_text(p, 1), "name_en", rows_text(p, 2), "count", (json_int_t)json_integer_value(v)));
  }
  db_reset(p);
  if( json_object_get(unitCount, "none") ){
    json_array_append_new(byUnit, json_pack("{s:n, s:I}", "unit", "count",
      (json_int_t)json_integer_value(json_object_get(unitCount, "none"))));
  }
  /* By partner and by continent in one pass over the year's exchange_tie
  ** rows, one index range per tie (its key is tie, day): per tie the count
  ** of rows; per continent each exchange once (an exchange may have several
  ** ties): the (continent, exchange) keys sorted, the distinct ones counted. */
  p = db_stmt(c->db, "SELECT t.id, co.continent, et.exchange_id FROM tie t"
                     " JOIN city ci ON ci.id=t.partner_city_id JOIN country co ON co.iso2=ci.country"
                     " JOIN exchange_tie et ON et.tie_id=t.id AND et.day_mid BETWEEN ?2 AND ?3 WHERE t.home_city_id=?1");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_int64(p, 1, c->homeCityId);
  db_bind_int(p, 2, day0);
  db_bind_int(p, 3, dayEnd);
  int nCont = 0;
  while( azContinent[nCont] ) nCont++;
  TieCount *aTc = 0;
  int64_t *aKey = 0;
  size_t nTc = 0, nTcAlloc = 0, nKey = 0, nKeyAlloc = 0;
  int64_t curTie = -1;
  int kCont = nCont;
  while( (rc = db_step(p))==DB_ROW ){
    int64_t id = db_col_int64(p, 0);
    if( id!=curTie ){
      curTie = id;
      const char *z = db_text(p, 1);
      for(kCont=0; kCont<nCont && !(z && strcmp(z, azContinent[kCont])==0); kCont++){}
      if( nTc==nTcAlloc ){
        nTcAlloc = nTcAlloc ? 2*nTcAlloc : 256;
        TieCount *a2 = realloc(aTc, sizeof(*aTc)*nTcAlloc);
        if( !a2 ){ rc = DB_ERROR; break; }
        aTc = a2;
      }
      aTc[nTc].tie = id;
      aTc[nTc++].n = 0;
    }
    aTc[nTc-1].n++;
    if( nKey==nKeyAlloc ){
      nKeyAlloc = nKeyAlloc ? 2*nKeyAlloc : 4096;
      int64_t *a2 = realloc(aKey, sizeof(*aKey)*nKeyAlloc);
      if( !a2 ){ rc = DB_ERROR; break; }
      aKey = a2;
    }
    aKey[nKey++] = ((int64_t)kCont<<48) | db_col_int64(p, 2);
  }
  db_reset(p);
  if( rc!=DB_DONE ){ free(aTc); free(aKey); st = rc==DB_ERROR ? err_set(e, YC_EINTERNAL, 0, 0, "out of memory") : db_error(c->db, rc, e); goto end; }
  if( nKey ) qsort(aKey, nKey, sizeof(*aKey), cmp_int64);
  for(size_t i=0; i<nKey; i++){
    if( i>0 && aKey[i]==aKey[i-1] ) continue;
    int k = (int)(aKey[i]>>48);
    add_to(byCont, k<nCont ? azContinent[k] : "unknown", 1);
  }
  /* A tie's rows come together (one index range each); merge in case not. */
  if( nTc ) qsort(aTc, nTc, sizeof(*aTc), cmp_tie);
  size_t nOut = 0;
  for(size_t i=0; i<nTc; i++){
    if( nOut && aTc[nOut-1].tie==aTc[i].tie ) aTc[nOut-1].n += aTc[i].n;
    else aTc[nOut++] = aTc[i];
  }
  if( nOut ) qsort(aTc, nOut, sizeof(*aTc), cmp_count);
  for(size_t i=0; i<nOut; i++){
    json_array_append_new(byPartner, json_pack("{s:I, s:I}", "tie", (json_int_t)aTc[i].tie, "count", (json_int_t)aTc[i].n));
  }
  free(aTc);
  free(aKey);
  if( (st = tie_refs(c, byPartner, e)) ) goto end;
  json_object_set_new(out, "exchanges", json_pack("{s:I, s:I, s:O, s:O, s:O, s:O, s:O}",
    "total", nTotal, "no_field", nNoField, "by_kind", byKind, "by_field", byField, "by_partner", byPartner,
    "by_continent", byCont, "by_unit", byUnit));
end:
  json_decref(byKind); json_decref(byField); json_decref(byCont);
  json_decref(unitCount); json_decref(byUnit); json_decref(byPartner);
  return st;
}

/* ---------------------------------------------------------------------------
** Delegations, events, projects, opportunities
*/
static YcStatus delegations_part(Ctx *c, int day0, int dayEnd, json_t *out, Err *e){
  json_t *o = json_object();
  static const char *const azDir[] = {"in", "out", 0};
  for(int i=0; azDir[i]; i++){
    json_object_set_new(o, azDir[i], json_pack("{s:i, s:i, s:i}", "count", 0, "people", 0, "with_size", 0));
  }
  DbStmt *p = db_stmt(c->db, "SELECT direction, count(*), coalesce(sum(size),0), count(size) FROM delegation"
                             " WHERE start_day0 BETWEEN ?1 AND ?2 AND status<>'cancelled' AND (public=1 OR ?3)"
                             " GROUP BY direction");
  if( !p ){ json_decref(o); return db_error(c->db, DB_ERROR, e); }
  db_bind_int(p, 1, day0);
  db_bind_int(p, 2, dayEnd);
  db_bind_int(p, 3, ctx_signed_in(c));
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    json_object_set_new(o, db_text(p, 0), json_pack("{s:I, s:I, s:I}", "count", (json_int_t)db_col_int64(p, 1),
      "people", (json_int_t)db_col_int64(p, 2), "with_size", (json_int_t)db_col_int64(p, 3)));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ json_decref(o); return db_error(c->db, rc, e); }
  json_object_set_new(out, "delegations", o);
  return YC_OK;
}

static YcStatus events_part(Ctx *c, int day0, int dayEnd, json_t *out, Err *e){
  json_t *items = json_array();
  json_int_t nPeople = 0, nWithPeople = 0, nPartners = 0;
  DbStmt *p = db_stmt(c->db,
    "SELECT e.id, e.title_zh, e.title_en, e.start_date, e.status, e.kind, e.reported_people, e.reported_countries,"
    " e.reported_delegations, (SELECT count(*) FROM invitation i WHERE i.event_id=e.id AND i.tie_id IS NOT NULL"
    " AND i.status='attended') FROM event e WHERE e.start_day0 BETWEEN ?1 AND ?2 AND e.status<>'cancelled'"
    " AND (e.public=1 OR ?3) ORDER BY e.start_day0, e.id");
  if( !p ){ json_decref(items); return db_error(c->db, DB_ERROR, e); }
  db_bind_int(p, 1, day0);
  db_bind_int(p, 2, dayEnd);
  db_bind_int(p, 3, ctx_signed_in(c));
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    if( db_col_type(p, 6)!=DB_NULL ){ nPeople += db_col_int64(p, 6); nWithPeople++; }
    json_array_append_new(items, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I}",
      "id", (json_int_t)db_col_int64(p, 0), "title_zh", rows_text(p, 1), "title_en", rows_text(p, 2),
      "date", rows_text(p, 3), "status", rows_text(p, 4), "kind", rows_text(p, 5),
      "reported_people", rows_value(p, 6), "reported_countries", rows_value(p, 7),
      "reported_delegations", rows_value(p, 8), "partners_attended", (json_int_t)db_col_int64(p, 9)));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ json_decref(items); return db_error(c->db, rc, e); }
  /* Partner cities that attended any of them (each once). */
  p = db_stmt(c->db, "SELECT count(DISTINCT i.tie_id) FROM event e JOIN invitation i ON i.event_id=e.id"
                     " WHERE e.start_day0 BETWEEN ?1 AND ?2 AND e.status<>'cancelled' AND (e.public=1 OR ?3)"
                     " AND i.tie_id IS NOT NULL AND i.status='attended'");
  if( !p ){ json_decref(items); return db_error(c->db, DB_ERROR, e); }
  db_bind_int(p, 1, day0);
  db_bind_int(p, 2, dayEnd);
  db_bind_int(p, 3, ctx_signed_in(c));
  if( db_step(p)==DB_ROW ) nPartners = db_col_int64(p, 0);
  db_reset(p);
  json_object_set_new(out, "events", json_pack("{s:I, s:I, s:I, s:I, s:o}",
    "total", (json_int_t)json_array_size(items), "partners_attended", nPartners,
    "reported_people", nPeople, "with_reported_people", nWithPeople, "items", items));
  return YC_OK;
}

static YcStatus projects_part(Ctx *c, int day0, int dayEnd, json_t *out, Err *e){
  json_t *byStage = zeros(azProjectStage), *byCur = json_object(), *items = json_array();
  json_int_t nValue = 0;
  /* Overlapping the year; without an end date a project runs on while
  ** its stage is one of work in progress, else it counts in its start year. */
  DbStmt *p = db_stmt(c->db,
    "SELECT id, title, stage, value, currency, start_date, end_date FROM project"
    " WHERE start_day0 IS NOT NULL AND start_day0<=?2 AND (end_day_end>=?1 OR (end_day_end IS NULL"
    " AND (start_day0>=?1 OR stage IN ('lead','contact','negotiation','signed','implementing'))))"
    " ORDER BY start_day0, id");
  if( !p ){ json_decref(byStage); json_decref(byCur); json_decref(items); return db_error(c->db, DB_ERROR, e); }
  db_bind_int(p, 1, day0);
  db_bind_int(p, 2, dayEnd);
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    add_to(byStage, db_text(p, 2), 1);
    if( db_col_type(p, 3)!=DB_NULL && db_text(p, 4) ){
      nValue++;
      json_t *v = json_object_get(byCur, db_text(p, 4));
      json_object_set_new(byCur, db_text(p, 4), json_real((v ? json_real_value(v) : 0) + db_col_double(p, 3)));
    }
    json_array_append_new(items, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o}",
      "id", (json_int_t)db_col_int64(p, 0), "title", rows_text(p, 1), "stage", rows_text(p, 2),
      "value", rows_value(p, 3), "currency", rows_text(p, 4), "start_date", rows_text(p, 5), "end_date", rows_text(p, 6)));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ json_decref(byStage); json_decref(byCur); json_decref(items); return db_error(c->db, rc, e); }
  json_object_set_new(out, "projects", json_pack("{s:I, s:o, s:I, s:o, s:o}",
    "total", (json_int_t)json_array_size(items), "by_stage", byStage, "with_value", nValue,
    "value_by_currency", byCur, "items", items));
  return YC_OK;
}

static YcStatus opportunities_part(Ctx *c, int year, json_t *out, Err *e){
  char zFrom[24], zTo[24];
  snprintf(zFrom, sizeof zFrom, "%04d-01-01", year);
  snprintf(zTo, sizeof zTo, "%04d-01-01", year + 1);
  json_t *o = json_pack("{s:i, s:i, s:i}", "matched", 0, "closed", 0, "interests_accepted", 0);
  DbStmt *p = db_stmt(c->db,
    "SELECT json_extract(a.after,'$.status'), count(DISTINCT a.entity_id) FROM audit a"
    " JOIN opportunity o ON o.id=a.entity_id WHERE a.at>=?1 AND a.at<?2 AND a.entity='opportunity'"
    " AND a.before IS NOT NULL AND json_extract(a.after,'$.status') IN ('matched','closed')"
    " AND json_extract(a.before,'$.status') IS NOT json_extract(a.after,'$.status')"
    " AND (o.review='published' OR ?3) GROUP BY 1");
  if( !p ){ json_decref(o); return db_error(c->db, DB_ERROR, e); }
  db_bind_text(p, 1, zFrom, -1);
  db_bind_text(p, 2, zTo, -1);
  db_bind_int(p, 3, ctx_signed_in(c));
  int rc;
  while( (rc = db_step(p))==DB_ROW ) json_object_set_new(o, db_text(p, 0), json_integer(db_col_int64(p, 1)));
  db_reset(p);
  if( rc!=DB_DONE ){ json_decref(o); return db_error(c->db, rc, e); }
  p = db_stmt(c->db, "SELECT count(*) FROM interest i JOIN opportunity o ON o.id=i.opp_id WHERE i.status='accepted'"
                     " AND i.answered_at>=?1 AND i.answered_at<?2 AND (o.review='published' OR ?3)");
  if( !p ){ json_decref(o); return db_error(c->db, DB_ERROR, e); }
  db_bind_text(p, 1, zFrom, -1);
  db_bind_text(p, 2, zTo, -1);
  db_bind_int(p, 3, ctx_signed_in(c));
  if( db_step(p)==DB_ROW ) json_object_set_new(o, "interests_accepted", json_integer(db_col_int64(p, 0)));
  db_reset(p);
  json_object_set_new(out, "opportunities", o);
  return YC_OK;
}

/* The figures of one year (pA: the levels at the end of the year before,
** when known; pB: gets those at the end of this one). */
static YcStatus figures(Ctx *c, int year, const Levels *pA, Levels *pB, json_t **ppOut, Err *e){
  *ppOut = 0;
  int day0 = date_days(year, 1, 1), dayEnd = date_days(year, 12, 31), today = date_today();
  int dayB = dayEnd<today ? dayEnd : today;
  int dayA = date_days(year - 1, 12, 31);
  json_t *o = json_pack("{s:i}", "year", year);
  YcStatus st = ties_part(c, year, dayA, dayB, pA, pB, o, e);
  if( !st ) st = exchanges_part(c, day0, dayEnd, o, e);
  if( !st ) st = delegations_part(c, day0, dayEnd, o, e);
  if( !st ) st = events_part(c, day0, dayEnd, o, e);
  if( !st ) st = projects_part(c, day0, dayEnd, o, e);
  if( !st ) st = opportunities_part(c, year, o, e);
  if( st ){ json_decref(o); return st; }
  char zAsOf[16];
  date_format(dayB, zAsOf);
  json_object_set_new(o, "as_of", json_string(zAsOf));
  *ppOut = o;
  return YC_OK;
}

/* The value of metric zMetric in figures f. */
static json_int_t metric(const json_t *f, const char *zMetric){
  static const struct { const char *zMetric, *zPart, *zSub, *zKey; } a[] = {
    {"ties_new", "ties", 0, "new"}, {"ties_ended", "ties", 0, "ended"},
    {"ties_became_active", "ties", 0, "became_active"}, {"ties_fell_dormant", "ties", 0, "fell_dormant"},
    {"exchanges", "exchanges", 0, "total"}, {"delegations_in", "delegations", "in", "count"},
    {"delegations_out", "delegations", "out", "count"}, {"events", "events", 0, "total"},
    {"event_partners", "events", 0, "partners_attended"}, {"event_reported_people", "events", 0, "reported_people"},
    {"projects", "projects", 0, "total"}, {"opportunities_matched", "opportunities", 0, "matched"},
    {"opportunities_closed", "opportunities", 0, "closed"}, {"interests_accepted", "opportunities", 0, "interests_accepted"},
  };
  if( strcmp(zMetric, "delegation_people")==0 ){
    const json_t *d = json_object_get(f, "delegations");
    return jint(json_object_get(d, "in"), "people") + jint(json_object_get(d, "out"), "people");
  }
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    if( strcmp(a[i].zMetric, zMetric) ) continue;
    const json_t *x = json_object_get(f, a[i].zPart);
    if( a[i].zSub ) x = json_object_get(x, a[i].zSub);
    return jint(x, a[i].zKey);
  }
  return 0;
}

YcStatus report_year(Ctx *c, int year, json_t **ppOut, Err *e){
  *ppOut = 0;
  if( year<REPORT_MIN_YEAR || year>this_year() + 1 )
    return err_set(e, YC_EINVALID, "out_of_range", "year", "year must be from %d to %d", REPORT_MIN_YEAR, this_year() + 1);
  json_t *cur = 0, *prev = 0;
  Levels lv = {0, 0, 0};
  YcStatus st = figures(c, year - 1, 0, &lv, &prev, e);
  if( !st ) st = figures(c, year, &lv, 0, &cur, e);
  free(lv.a);
  if( st ){ json_decref(prev); return st; }
  json_t *change = json_array();
  for(int i=0; azReportMetric[i]; i++){
    if( !ctx_signed_in(c) && strncmp(azReportMetric[i], "ties_", 5)==0
        && (strcmp(azReportMetric[i], "ties_became_active")==0 || strcmp(azReportMetric[i], "ties_fell_dormant")==0) ) continue;
    json_int_t a = metric(cur, azReportMetric[i]), b = metric(prev, azReportMetric[i]);
    json_array_append_new(change, json_pack("{s:s, s:I, s:I, s:I}", "metric", azReportMetric[i],
                                            "current", a, "previous", b, "change", a - b));
  }
  json_t *notes = json_pack("[s, s, s, s, s, s, s, s]", "precision", "exchanges", "by_partner", "delegations_events",
                            "projects", "values", "opportunities", ctx_signed_in(c) ? "health" : "health_signed_in");
  if( !ctx_signed_in(c) ) json_array_append_new(notes, json_string("public_only"));
  json_t *home = json_null();
  DbStmt *p = db_stmt(c->db, "SELECT id, name, name_zh FROM city WHERE id=?1");
  if( p ){
    db_bind_int64(p, 1, c->homeCityId);
    if( db_step(p)==DB_ROW ){
      home = json_pack("{s:I, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 0), "name_en", rows_text(p, 1),
                       "name_zh", rows_text(p, 2));
    }
    db_reset(p);
  }
  *ppOut = json_pack("{s:i, s:O, s:o, s:o, s:o, s:o, s:o}", "year", year, "as_of", json_object_get(cur, "as_of"),
                     "home_city", home, "current", cur, "previous", prev, "change", change, "notes", notes);
  return YC_OK;
}

/* ---------------------------------------------------------------------------
** The years with records
*/
YcStatus report_years(Ctx *c, json_t **ppOut, Err *e){
  *ppOut = 0;
  int yMax = this_year() + 1;
  char aYear[300];                        /* 1900 .. 2199 */
  memset(aYear, 0, sizeof aYear);
  /* Exchanges: the first exchange of each year, one index lookup per year. */
  DbStmt *p = db_stmt(c->db, "SELECT min(day_mid) FROM exchange WHERE day_mid>=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  int day = date_days(REPORT_MIN_YEAR, 1, 1);
  for(;;){
    db_bind_int(p, 1, day);
    int rc = db_step(p);
    if( rc!=DB_ROW || db_col_type(p, 0)==DB_NULL ){ db_reset(p); break; }
    int y, m, d;
    date_civil(db_col_int(p, 0), &y, &m, &d);
    db_reset(p);
    if( y>yMax ) break;
    aYear[y - REPORT_MIN_YEAR] = 1;
    day = date_days(y + 1, 1, 1);
  }
  p = db_stmt(c->db,
    "SELECT substr(est_date,1,4) FROM tie WHERE home_city_id=?1 AND est_date IS NOT NULL"
    " UNION SELECT substr(ended,1,4) FROM tie WHERE home_city_id=?1 AND status='ended' AND ended IS NOT NULL"
    " UNION SELECT substr(start_date,1,4) FROM event WHERE status<>'cancelled' AND (public=1 OR ?2)"
    " UNION SELECT substr(start_date,1,4) FROM delegation WHERE status<>'cancelled' AND (public=1 OR ?2)"
    " UNION SELECT substr(start_date,1,4) FROM project WHERE start_date IS NOT NULL");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, c->homeCityId);
  db_bind_int(p, 2, ctx_signed_in(c));
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    int y = year_of(db_text(p, 0));
    if( y>=REPORT_MIN_YEAR && y<=yMax && y - REPORT_MIN_YEAR<(int)sizeof aYear ) aYear[y - REPORT_MIN_YEAR] = 1;
  }
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  json_t *items = json_array();
  for(int i=(int)sizeof aYear - 1; i>=0; i--) if( aYear[i] ) json_array_append_new(items, json_pack("{s:i}", "year", REPORT_MIN_YEAR + i));
  *ppOut = json_pack("{s:o}", "items", items);
  return YC_OK;
}

/* health.c: relationship health; see health.h and doc/exchanges.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/health.h"
#include "core/exchange_vocab.h"
#include "base/date.h"
#include "store/rows.h"
#include "core/input.h"
#include "core/page.h"
#include "core/audit.h"
#include "core/partner.h"
#include "base/buf.h"

const char *const azHealthFlag[] = {"dormant", "no_substantive", "one_sided", "agreement_expiring", 0};
const char *const azHealthLevel[] = {"active", "cooling", "dormant", 0};
const char *const azHealthParam[] = {"level", "flag", "less_developed", "kind", "attention", "sort", "limit", "cursor", 0};
const char *const azThresholdField[] = {"cooling_months", "dormant_months", "substantive_months", "window_months",
  "frequency_target", "breadth_target", "one_sided_min", "expiring_months", "letter_lead_months", 0};
static const char *const azHealthSort[] = {"urgency", "score", "-score", "name", 0};

/* Points of each factor at most. */
#define HP_RECENCY 30
#define HP_SUBST 25
#define HP_FREQ 20
#define HP_BREADTH 10
#define HP_BALANCE 5
#define HP_PROJECTS 10

void health_span(const HealthThreshold *t, int asOf, HealthSpan *s){
  s->asOf = asOf;
  s->windowStart = date_add_months(asOf, -t->window);
  s->expiryEnd = date_add_months(asOf, t->expiring);
}

void health_acc_init(HealthAcc *a){
  memset(a, 0, sizeof *a);
  a->lastDay = a->lastDay0 = a->lastMid = -1;
  a->substDay = a->substDay0 = a->substMid = -1;
  a->expDay0 = a->expEnd = -1;
}

void health_acc_add(HealthAcc *a, const HealthSpan *s, int day0, int dayMid, int iKind, int bSubst,
                    int fields, int bHasExp, int expDay0, int expEnd){
  if( day0>s->asOf ) return;                     /* not yet happened as of asOf */
  int eff = dayMid<s->asOf ? dayMid : s->asOf;
  a->nTotal++;
  if( eff>a->lastDay ){ a->lastDay = eff; a->lastDay0 = day0; a->lastMid = dayMid; }
  if( bSubst && eff>a->substDay ){ a->substDay = eff; a->substDay0 = day0; a->substMid = dayMid; }
  if( eff>=s->windowStart ){
    a->nWindow++;
    a->fieldsMask |= fields;
    if( iKind==0 ) a->nIn++;
    else if( iKind==1 ) a->nOut++;
  }
  if( bHasExp && expEnd>=s->asOf && expDay0<=s->expiryEnd && (a->expDay0<0 || expDay0<a->expDay0) ){
    a->expDay0 = expDay0;
    a->expEnd = expEnd;
  }
}

/* x/y rounded half up, for x, y >= 0, y > 0. */
static int rnd(int x, int y){ return (2*x + y)/(2*y); }

static int popcount(int m){
  int n = 0;
  for(; m; m &= m - 1) n++;
  return n;
}

static json_t *factor(const char *zName, json_t *value, const char *zUnit, int pts, int max, const char *zReason){
  return json_pack("{s:s, s:o, s:s, s:i, s:i, s:s}", "factor", zName, "value", value, "unit", zUnit,
                   "points", pts, "max", max, "reason", zReason);
}

/* The numbers of a score, without the explanation. */
typedef struct HealthCalc {
  int ref, refDay0, refMid, bEst, estMid;   /* last dated contact (-1 none); from the establishment? */
  int m, ms;                                 /* months since it / since the last substantive (-1 none) */
  int nDel, lo, hi, k;                       /* delegations, the fewer and the more; fields */
  int pRec, pSub, pFreq, pBr, pBal, pProj;
  int score, level, flags, urgency;
} HealthCalc;

static void health_calc(const HealthThreshold *t, const HealthAcc *a, int nProjects, const char *zEst,
                        int asOf, HealthCalc *h){
  memset(h, 0, sizeof *h);
  const int C = t->cooling, D = t->dormant, S = t->substantive;
  /* The last dated contact: the last exchange, else the establishment. */
  int e0, em, ee;
  h->ref = h->refDay0 = h->refMid = h->estMid = -1;
  if( zEst && date_period(zEst, &e0, &em, &ee) && e0<=asOf ) h->estMid = em<asOf ? em : asOf;
  if( a->lastDay>=0 ){ h->ref = a->lastDay; h->refDay0 = a->lastDay0; h->refMid = a->lastMid; }
  else if( h->estMid>=0 ){ h->ref = h->estMid; h->refDay0 = e0; h->refMid = em; h->bEst = 1; }
  int m = h->m = h->ref>=0 ? date_months_between(h->ref, asOf) : -1;
  h->level = m<0 || m>=D ? 2 : m>C ? 1 : 0;
  /* 1. Recency; 2. last substantive exchange. */
  h->pRec = m<0 ? 0 : m<=C ? HP_RECENCY : m>=D ? 0 : rnd(HP_RECENCY*(D - m), D - C);
  int ms = h->ms = a->substDay>=0 ? date_months_between(a->substDay, asOf) : -1;
  h->pSub = ms<0 ? 0 : ms<=C ? HP_SUBST : ms>=S ? 0 : rnd(HP_SUBST*(S - ms), S - C);
  /* 3. Frequency; 4. breadth. */
  h->pFreq = rnd(HP_FREQ*(a->nWindow < t->freqTarget ? a->nWindow : t->freqTarget), t->freqTarget);
  h->k = popcount(a->fieldsMask);
  h->pBr = rnd(HP_BREADTH*(h->k < t->breadthTarget ? h->k : t->breadthTarget), t->breadthTarget);
  /* 5. Balance of delegations; 6. projects in force. */
  h->nDel = a->nIn + a->nOut;
  h->lo = a->nIn < a->nOut ? a->nIn : a->nOut;
  h->hi = a->nIn < a->nOut ? a->nOut : a->nIn;
  h->pBal = h->nDel ? rnd(HP_BALANCE*h->lo, h->hi) : 0;
  h->pProj = nProjects*5 < HP_PROJECTS ? nProjects*5 : HP_PROJECTS;
  h->score = h->pRec + h->pSub + h->pFreq + h->pBr + h->pBal + h->pProj;
  /* Flags. A tie younger than the substantive window is not flagged for
  ** having had no substantive exchange yet. */
  if( h->level==2 ) h->flags |= HF_DORMANT;
  int bYoung = h->estMid>=0 && h->estMid>date_add_months(asOf, -S);
  if( (ms<0 || ms>=S) && !bYoung ) h->flags |= HF_NO_SUBSTANTIVE;
  if( h->nDel>=t->oneSidedMin && (a->nIn==0 || a->nOut==0) ) h->flags |= HF_ONE_SIDED;
  if( a->expDay0>=0 ) h->flags |= HF_AGREEMENT_EXPIRING;
  h->urgency = (100 - h->score) + (h->flags & HF_AGREEMENT_EXPIRING ? 30 : 0) + (h->flags & HF_DORMANT ? 20 : 0)
             + (h->flags & HF_NO_SUBSTANTIVE ? 15 : 0) + (h->flags & HF_ONE_SIDED ? 10 : 0);
}

int health_level(const HealthThreshold *t, const HealthAcc *a, const char *zEst, int asOf){
  HealthCalc h;
  health_calc(t, a, 0, zEst, asOf, &h);
  return h.level;
}

void health_score(const HealthThreshold *t, const HealthAcc *a, int nProjects, const char *zEst,
                  int asOf, HealthResult *r){
  memset(r, 0, sizeof *r);
  HealthCalc h;
  health_calc(t, a, nProjects, zEst, asOf, &h);
  const int C = t->cooling, D = t->dormant, S = t->substantive;
  const int m = h.m, ms = h.ms, bEst = h.bEst;
  char zReason[300], zDate[16], zAsOf[16];
  date_format(asOf, zAsOf);
  json_t *aFactor = json_array(), *aReason = json_array();

  /* 1. Recency. */
  json_t *since = json_null();
  if( h.ref>=0 ){
    date_period_text(h.refDay0, h.refMid, zDate);
    since = json_string(zDate);
    snprintf(zReason, sizeof zReason, "%d month(s) since the last %s (%s); full points up to %d months, none from %d",
             m, bEst ? "dated contact, the establishment of the tie (no exchange recorded)" : "exchange", zDate, C, D);
  }else{
    snprintf(zReason, sizeof zReason, "no dated exchange recorded and no establishment date");
  }
  json_t *f = factor("recency", m<0 ? json_null() : json_integer(m), "months", h.pRec, HP_RECENCY, zReason);
  json_object_set_new(f, "since", since);
  json_object_set_new(f, "basis", h.ref<0 ? json_null() : json_string(bEst ? "established" : "exchange"));
  json_array_append_new(aFactor, f);

  /* 2. Last substantive exchange. */
  since = json_null();
  if( ms>=0 ){
    date_period_text(a->substDay0, a->substMid, zDate);
    since = json_string(zDate);
    snprintf(zReason, sizeof zReason, "%d month(s) since the last substantive exchange (%s); full points up to %d months, none from %d",
             ms, zDate, C, S);
  }else{
    snprintf(zReason, sizeof zReason, "no substantive exchange recorded");
  }
  f = factor("substantive", ms<0 ? json_null() : json_integer(ms), "months", h.pSub, HP_SUBST, zReason);
  json_object_set_new(f, "since", since);
  json_array_append_new(aFactor, f);

  /* 3. Frequency. */
  snprintf(zReason, sizeof zReason, "%d exchange(s) in the last %d months; %d or more for full points",
           a->nWindow, t->window, t->freqTarget);
  f = factor("frequency", json_integer(a->nWindow), "exchanges", h.pFreq, HP_FREQ, zReason);
  json_object_set_new(f, "window_months", json_integer(t->window));
  json_object_set_new(f, "target", json_integer(t->freqTarget));
  json_array_append_new(aFactor, f);

  /* 4. Breadth. */
  snprintf(zReason, sizeof zReason, "%d field(s) of cooperation in the last %d months; %d or more for full points",
           h.k, t->window, t->breadthTarget);
  f = factor("breadth", json_integer(h.k), "fields", h.pBr, HP_BREADTH, zReason);
  json_object_set_new(f, "fields", exchange_fields_json(a->fieldsMask));
  json_object_set_new(f, "target", json_integer(t->breadthTarget));
  json_array_append_new(aFactor, f);

  /* 5. Balance of delegations. */
  if( h.nDel ) snprintf(zReason, sizeof zReason, "%d incoming and %d outgoing delegation(s) in the last %d months",
                        a->nIn, a->nOut, t->window);
  else snprintf(zReason, sizeof zReason, "no delegation in the last %d months", t->window);
  f = factor("balance", json_integer(h.lo), "delegations", h.pBal, HP_BALANCE, zReason);
  json_object_set_new(f, "incoming", json_integer(a->nIn));
  json_object_set_new(f, "outgoing", json_integer(a->nOut));
  json_array_append_new(aFactor, f);

  /* 6. Projects in force. */
  snprintf(zReason, sizeof zReason, "%d project(s) in force (signed or implementing); 5 points each, at most %d",
           nProjects, HP_PROJECTS);
  json_array_append_new(aFactor, factor("projects", json_integer(nProjects), "projects", h.pProj, HP_PROJECTS, zReason));

  r->score = h.score;
  r->level = h.level;
  r->flags = h.flags;
  r->urgency = h.urgency;

  /* Each flag with its reason. */
  if( h.flags & HF_DORMANT ){
    if( m<0 ) snprintf(zReason, sizeof zReason, "no dated exchange recorded");
    else if( bEst ) snprintf(zReason, sizeof zReason, "no exchange recorded; established %d month(s) ago (dormant from %d)", m, D);
    else snprintf(zReason, sizeof zReason, "no exchange for %d month(s) (dormant from %d)", m, D);
    json_array_append_new(aReason, json_pack("{s:s, s:s, s:o, s:o, s:i}", "flag", "dormant", "text", zReason,
      "months", m<0 ? json_null() : json_integer(m), "basis", m<0 ? json_null() : json_string(bEst ? "established" : "exchange"),
      "threshold", D));
  }
  if( h.flags & HF_NO_SUBSTANTIVE ){
    if( ms<0 ) snprintf(zReason, sizeof zReason, "no substantive exchange recorded");
    else snprintf(zReason, sizeof zReason, "no substantive exchange in the last %d months (the last %d months ago)", S, ms);
    json_array_append_new(aReason, json_pack("{s:s, s:s, s:o, s:i}", "flag", "no_substantive", "text", zReason,
      "months", ms<0 ? json_null() : json_integer(ms), "threshold", S));
  }
  if( h.flags & HF_ONE_SIDED ){
    snprintf(zReason, sizeof zReason, "%d delegation(s) in the last %d months, all %s", h.nDel, t->window,
             a->nIn ? "incoming" : "outgoing");
    json_array_append_new(aReason, json_pack("{s:s, s:s, s:i, s:s, s:i}", "flag", "one_sided", "text", zReason,
      "delegations", h.nDel, "direction", a->nIn ? "incoming" : "outgoing", "window_months", t->window));
  }
  json_t *jExp = json_null();
  if( h.flags & HF_AGREEMENT_EXPIRING ){
    date_period_text(a->expDay0, a->expEnd, zDate);
    jExp = json_string(zDate);
    snprintf(zReason, sizeof zReason, "an agreement expires %s (within %d months)", zDate, t->expiring);
    json_array_append_new(aReason, json_pack("{s:s, s:s, s:s, s:i}", "flag", "agreement_expiring", "text", zReason,
      "date", zDate, "within_months", t->expiring));
  }
  json_t *aFlag = json_array();
  for(int i=0; azHealthFlag[i]; i++) if( h.flags & (1<<i) ) json_array_append_new(aFlag, json_string(azHealthFlag[i]));
  json_t *jLast = json_null(), *jSub = json_null();
  if( a->lastDay>=0 ){ date_period_text(a->lastDay0, a->lastMid, zDate); jLast = json_string(zDate); }
  if( a->substDay>=0 ){ date_period_text(a->substDay0, a->substMid, zDate); jSub = json_string(zDate); }
  r->detail = json_pack("{s:s, s:i, s:s, s:o, s:i, s:o, s:o, s:o, s:i, s:o, s:o}",
    "as_of", zAsOf, "score", h.score, "level", azHealthLevel[h.level], "flags", aFlag, "urgency", h.urgency,
    "last_exchange", jLast, "last_substantive", jSub, "next_expiry", jExp, "exchanges", a->nTotal,
    "factors", aFactor, "reasons", aReason);
  json_object_set_new(r->detail, "thresholds", json_pack("{s:s, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i}",
    "kind", t->zKind, "cooling_months", C, "dormant_months", D, "substantive_months", S, "window_months", t->window,
    "frequency_target", t->freqTarget, "breadth_target", t->breadthTarget, "one_sided_min", t->oneSidedMin,
    "expiring_months", t->expiring, "letter_lead_months", t->letterLead));
}

/* ---------------------------------------------------------------------------
** Thresholds
*/
YcStatus health_thresholds(Ctx *c, HealthThreshold aT[3], Err *e){
  static const char *const azKind[] = {"sister", "cooperation", "candidate"};
  memset(aT, 0, sizeof(HealthThreshold)*3);
  DbStmt *p = db_stmt(c->db, "SELECT kind, cooling_months, dormant_months, substantive_months, window_months,"
    " frequency_target, breadth_target, one_sided_min, expiring_months, letter_lead_months FROM health_threshold");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  int nFound = 0;
  while( db_step(p)==DB_ROW ){
    for(int i=0; i<3; i++){
      if( strcmp(db_text(p, 0), azKind[i])!=0 ) continue;
      HealthThreshold *t = &aT[i];
      snprintf(t->zKind, sizeof t->zKind, "%s", azKind[i]);
      t->cooling = db_col_int(p, 1);
      t->dormant = db_col_int(p, 2);
      t->substantive = db_col_int(p, 3);
      t->window = db_col_int(p, 4);
      t->freqTarget = db_col_int(p, 5);
      t->breadthTarget = db_col_int(p, 6);
      t->oneSidedMin = db_col_int(p, 7);
      t->expiring = db_col_int(p, 8);
      t->letterLead = db_col_int(p, 9);
      nFound++;
    }
  }
  db_reset(p);
  if( nFound!=3 ) return err_set(e, YC_EINTERNAL, "database", 0, "health thresholds are missing (run youcheng init)");
  return YC_OK;
}

static int kind_index(const char *zKind){
  return strcmp(zKind, "sister")==0 ? 0 : strcmp(zKind, "cooperation")==0 ? 1 : 2;
}

static json_t *threshold_json(const HealthThreshold *t, const char *zUpdated){
  return json_pack("{s:s, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:s}", "kind", t->zKind,
    "cooling_months", t->cooling, "dormant_months", t->dormant, "substantive_months", t->substantive,
    "window_months", t->window, "frequency_target", t->freqTarget, "breadth_target", t->breadthTarget,
    "one_sided_min", t->oneSidedMin, "expiring_months", t->expiring, "letter_lead_months", t->letterLead,
    "updated_at", zUpdated ? zUpdated : "");
}

YcStatus health_thresholds_json(Ctx *c, json_t **ppOut, Err *e){
  *ppOut = 0;
  HealthThreshold aT[3];
  YcStatus st = health_thresholds(c, aT, e);
  if( st ) return st;
  json_t *items = json_array();
  for(int i=0; i<3; i++){
    char *zUp = 0;
    DbStmt *p = db_stmt(c->db, "SELECT updated_at FROM health_threshold WHERE kind=?1");
    if( p ){
      db_bind_text(p, 1, aT[i].zKind, -1);
      if( db_step(p)==DB_ROW && db_text(p, 0) ) zUp = strdup(db_text(p, 0));
      db_reset(p);
    }
    json_array_append_new(items, threshold_json(&aT[i], zUp));
    free(zUp);
  }
  *ppOut = json_pack("{s:o}", "items", items);
  return YC_OK;
}

YcStatus health_thresholds_update(Ctx *c, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  static const char *const azKnown[] = {"kind", "cooling_months", "dormant_months", "substantive_months",
    "window_months", "frequency_target", "breadth_target", "one_sided_min", "expiring_months", "letter_lead_months", 0};
  static const char *const azKind[] = {"sister", "cooperation", "candidate", 0};
  static const int aMin[] = {1, 2, 2, 1, 1, 1, 1, 1, 0}, aMax[] = {239, 240, 240, 240, 1000, 10, 1000, 120, 24};
  YcStatus st = in_known_fields(in, azKnown, e);
  const char *zKind = 0;
  int bSet;
  if( !st ) st = in_enum(in, "kind", 1, azKind, &zKind, &bSet, e);
  if( st ) return st;
  if( json_object_size(in)<2 ) return err_set(e, YC_EINVALID, "required", 0, "give at least one threshold to change");
  HealthThreshold aT[3];
  if( (st = health_thresholds(c, aT, e)) ) return st;
  HealthThreshold t = aT[kind_index(zKind)];
  int *apV[] = {&t.cooling, &t.dormant, &t.substantive, &t.window, &t.freqTarget, &t.breadthTarget,
                &t.oneSidedMin, &t.expiring, &t.letterLead};
  for(int i=0; azThresholdField[i]; i++){
    int64_t v;
    if( (st = in_int(in, azThresholdField[i], 0, aMin[i], aMax[i], &v, &bSet, e)) ) return st;
    if( json_is_null(json_object_get(in, azThresholdField[i])) )
      return err_set(e, YC_EINVALID, "required", azThresholdField[i], "%s cannot be null", azThresholdField[i]);
    if( bSet ) *apV[i] = (int)v;
  }
  if( t.dormant<=t.cooling )
    return err_set(e, YC_EINVALID, "invalid_range", json_object_get(in, "dormant_months") ? "dormant_months" : "cooling_months",
                   "dormant_months (%d) must be more than cooling_months (%d)", t.dormant, t.cooling);
  if( t.substantive<=t.cooling )
    return err_set(e, YC_EINVALID, "invalid_range", json_object_get(in, "substantive_months") ? "substantive_months" : "cooling_months",
                   "substantive_months (%d) must be more than cooling_months (%d)", t.substantive, t.cooling);
  json_t *jBefore = threshold_json(&aT[kind_index(zKind)], 0), *jAfter = threshold_json(&t, 0);
  char zNow[24];
  date_now(zNow);
  if( db_begin(c->db, e) ){ json_decref(jBefore); json_decref(jAfter); return e ? e->st : YC_EINTERNAL; }
  DbStmt *p = db_stmt(c->db, "UPDATE health_threshold SET cooling_months=?2, dormant_months=?3,"
    " substantive_months=?4, window_months=?5, frequency_target=?6, breadth_target=?7, one_sided_min=?8,"
    " expiring_months=?9, letter_lead_months=?10, updated_at=?11 WHERE kind=?1");
  if( !p ) st = db_error(c->db, DB_ERROR, e);
  else{
    db_bind_text(p, 1, t.zKind, -1);
    for(int i=0; i<9; i++) db_bind_int(p, i+2, *apV[i]);
    db_bind_text(p, 11, zNow, -1);
    int rc = db_step(p);
    db_reset(p);
    if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
  }
  int nTie;
  if( !st ) st = audit_log(c, "update", "health_threshold", 0, jBefore, jAfter, e);
  if( !st ) st = health_recompute_all(c, date_today(), &nTie, e);
  if( !st ) st = db_commit(c->db, e);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  json_object_set_new(jAfter, "updated_at", json_string(zNow));
  *ppOut = jAfter;
  return YC_OK;
}

/* ---------------------------------------------------------------------------
** One tie
*/
typedef struct TieMeta { int64_t id; int iKind; char *zEst; char zKind[16]; int nProj; } TieMeta;

/* Projects in force of tie id as of asOf. */
static int projects_in_force(Ctx *c, int64_t id, int asOf){
  DbStmt *p = db_stmt(c->db,
    "SELECT count(*) FROM project_tie pt JOIN project p ON p.id=pt.project_id WHERE pt.tie_id=?1"
    " AND p.stage IN ('signed','implementing') AND (p.end_day_end IS NULL OR p.end_day_end>=?2)"
    " AND (p.start_day0 IS NULL OR p.start_day0<=?2)");
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  db_bind_int(p, 2, asOf);
  int n = db_step(p)==DB_ROW ? db_col_int(p, 0) : 0;
  db_reset(p);
  return n;
}

/* Accumulate tie id's rows as of asOf into a (and m: its kind, est). */
static YcStatus health_gather(Ctx *c, int64_t id, int asOf, const HealthThreshold aT[3], HealthAcc *a,
                              TieMeta *m, Err *e){
  memset(m, 0, sizeof *m);
  DbStmt *p = db_stmt(c->db, "SELECT kind, est_date FROM tie WHERE id=?1 AND home_city_id=?2");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_int64(p, 2, c->homeCityId);
  if( db_step(p)!=DB_ROW ){
    db_reset(p);
    return err_set(e, YC_ENOTFOUND, "not_found", "id", "no partner with id %lld", (long long)id);
  }
  m->id = id;
  m->iKind = kind_index(db_text(p, 0));
  snprintf(m->zKind, sizeof m->zKind, "%s", db_text(p, 0));
  m->zEst = db_text(p, 1) ? strdup(db_text(p, 1)) : 0;
  db_reset(p);
  HealthSpan s;
  health_span(&aT[m->iKind], asOf, &s);
  health_acc_init(a);
  p = db_stmt(c->db, "SELECT day0, day_mid, kind, substantive, fields, expires_day0, expires_day_end"
                     " FROM exchange_tie WHERE tie_id=?1");
  if( !p ){ free(m->zEst); m->zEst = 0; return db_error(c->db, DB_ERROR, e); }
  db_bind_int64(p, 1, id);
  while( db_step(p)==DB_ROW ){
    int bExp = db_col_type(p, 5)!=DB_NULL;
    health_acc_add(a, &s, db_col_int(p, 0), db_col_int(p, 1), db_col_int(p, 2),
                   db_col_int(p, 3), db_col_int(p, 4), bExp,
                   bExp ? db_col_int(p, 5) : 0, bExp ? db_col_int(p, 6) : 0);
  }
  db_reset(p);
  m->nProj = projects_in_force(c, id, asOf);
  return YC_OK;
}

YcStatus health_tie(Ctx *c, int64_t tieId, int asOf, json_t **ppOut, Err *e){
  *ppOut = 0;
  HealthThreshold aT[3];
  HealthAcc a;
  TieMeta m;
  YcStatus st = health_thresholds(c, aT, e);
  if( !st ) st = health_gather(c, tieId, asOf, aT, &a, &m, e);
  if( st ) return st;
  HealthResult r;
  health_score(&aT[m.iKind], &a, m.nProj, m.zEst, asOf, &r);
  free(m.zEst);
  json_t *t = partner_ref(c, tieId);
  json_object_set_new(r.detail, "tie", t ? t : json_null());
  *ppOut = r.detail;
  return YC_OK;
}

/* Store tie m's health as of asOf: the totals a and the result. */
static YcStatus health_store(Ctx *c, const TieMeta *m, int asOf, const HealthThreshold *t, const HealthAcc *a, Err *e){
  HealthCalc h;
  health_calc(t, a, m->nProj, m->zEst, asOf, &h);
  DbStmt *p = db_stmt(c->db, "INSERT INTO tie_health(tie_id,as_of,kind,est_date,score,level,flags,"
    "urgency,last_date,n_total,last_day,last_day0,last_mid,subst_day,subst_day0,subst_mid,n_window,n_in,n_out,"
    "fields_mask,exp_day0,exp_end,n_projects) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,"
    "?19,?20,?21,?22,?23) ON CONFLICT(tie_id) DO UPDATE SET "
    "as_of=excluded.as_of, kind=excluded.kind, est_date=excluded.est_date, "
    "score=excluded.score, level=excluded.level, flags=excluded.flags, "
    "urgency=excluded.urgency, last_date=excluded.last_date, n_total=excluded.n_total, "
    "last_day=excluded.last_day, last_day0=excluded.last_day0, last_mid=excluded.last_mid, "
    "subst_day=excluded.subst_day, subst_day0=excluded.subst_day0, "
    "subst_mid=excluded.subst_mid, n_window=excluded.n_window, n_in=excluded.n_in, "
    "n_out=excluded.n_out, fields_mask=excluded.fields_mask, exp_day0=excluded.exp_day0, "
    "exp_end=excluded.exp_end, n_projects=excluded.n_projects");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  char zAsOf[16], zLast[16];
  date_format(asOf, zAsOf);
  db_bind_int64(p, 1, m->id);
  db_bind_text(p, 2, zAsOf, -1);
  db_bind_text(p, 3, m->zKind, -1);
  if( m->zEst ) db_bind_text(p, 4, m->zEst, -1);
  db_bind_int(p, 5, h.score);
  db_bind_text(p, 6, azHealthLevel[h.level], -1);
  db_bind_int(p, 7, h.flags);
  db_bind_int(p, 8, h.urgency);
  if( a->lastDay>=0 ){ date_period_text(a->lastDay0, a->lastMid, zLast); db_bind_text(p, 9, zLast, -1); }
  const int aV[] = {a->nTotal, a->lastDay, a->lastDay0, a->lastMid, a->substDay, a->substDay0, a->substMid,
                    a->nWindow, a->nIn, a->nOut, a->fieldsMask, a->expDay0, a->expEnd, m->nProj};
  for(int i=0; i<14; i++) db_bind_int(p, 10 + i, aV[i]);
  int rc = db_step(p);
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

YcStatus health_refresh_ties(Ctx *c, const int64_t *aTie, int nTie, Err *e){
  if( nTie==0 ) return YC_OK;
  HealthThreshold aT[3];
  YcStatus st = health_thresholds(c, aT, e);
  int asOf = date_today();
  for(int i=0; i<nTie && !st; i++){
    int bSeen = 0;
    for(int k=0; k<i; k++) if( aTie[k]==aTie[i] ) bSeen = 1;
    if( bSeen ) continue;
    HealthAcc a;
    TieMeta m;
    Err e2;
    if( health_gather(c, aTie[i], asOf, aT, &a, &m, &e2) ) continue;   /* a tie deleted since */
    st = health_store(c, &m, asOf, &aT[m.iKind], &a, e);
    free(m.zEst);
  }
  return st;
}

/* ---------------------------------------------------------------------------
** All ties
*/
YcStatus health_recompute_all(Ctx *c, int asOf, int *pnTie, Err *e){
  *pnTie = 0;
  HealthThreshold aT[3];
  HealthSpan aS[3];
  YcStatus st = health_thresholds(c, aT, e);
  if( st ) return st;
  for(int i=0; i<3; i++) health_span(&aT[i], asOf, &aS[i]);
  int bOwnTx = !db_in_txn(c->db);
  if( bOwnTx && db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  /* The home ties, by id. */
  int n = 0, nAlloc = 0;
  TieMeta *aM = 0;
  HealthAcc *aA = 0;
  DbStmt *p = db_stmt(c->db, "SELECT id, kind, est_date FROM tie WHERE home_city_id=?1 ORDER BY id");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_int64(p, 1, c->homeCityId);
  while( db_step(p)==DB_ROW ){
    if( n==nAlloc ){
      nAlloc = nAlloc ? 2*nAlloc : 256;
      TieMeta *aM2 = realloc(aM, sizeof(*aM)*(size_t)nAlloc);
      if( !aM2 ){ db_reset(p); st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); goto end; }
      aM = aM2;
    }
    TieMeta *m = &aM[n++];
    memset(m, 0, sizeof *m);
    m->id = db_col_int64(p, 0);
    m->iKind = kind_index(db_text(p, 1));
    snprintf(m->zKind, sizeof m->zKind, "%s", db_text(p, 1));
    m->zEst = db_text(p, 2) ? strdup(db_text(p, 2)) : 0;
  }
  db_reset(p);
  aA = malloc(sizeof(*aA)*(size_t)(n ? n : 1));
  if( !aA ){ st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); goto end; }
  for(int i=0; i<n; i++) health_acc_init(&aA[i]);
  /* Projects in force per tie. */
  p = db_stmt(c->db,
    "SELECT pt.tie_id, count(*) FROM project_tie pt JOIN project p ON p.id=pt.project_id"
    " WHERE p.stage IN ('signed','implementing') AND (p.end_day_end IS NULL OR p.end_day_end>=?1)"
    " AND (p.start_day0 IS NULL OR p.start_day0<=?1) GROUP BY pt.tie_id ORDER BY pt.tie_id");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_int(p, 1, asOf);
  int j = 0;
  while( db_step(p)==DB_ROW ){
    int64_t id = db_col_int64(p, 0);
    while( j<n && aM[j].id<id ) j++;
    if( j<n && aM[j].id==id ) aM[j].nProj = db_col_int(p, 1);
  }
  db_reset(p);
  /* One scan of exchange_tie in key order (tie_id first). */
  p = db_stmt(c->db, "SELECT tie_id, day0, day_mid, kind, substantive, fields, expires_day0, expires_day_end"
                     " FROM exchange_tie ORDER BY tie_id");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  j = 0;
  int rc;
  int64_t curId = -1;
  int iCur = -1;
  while( (rc = db_step(p))==DB_ROW ){
    int64_t id = db_col_int64(p, 0);
    if( id!=curId ){
      curId = id;
      while( j<n && aM[j].id<id ) j++;
      iCur = j<n && aM[j].id==id ? j : -1;
    }
    if( iCur<0 ) continue;
    int bExp = db_col_type(p, 6)!=DB_NULL;
    health_acc_add(&aA[iCur], &aS[aM[iCur].iKind], db_col_int(p, 1), db_col_int(p, 2),
                   db_col_int(p, 3), db_col_int(p, 4), db_col_int(p, 5), bExp,
                   bExp ? db_col_int(p, 6) : 0, bExp ? db_col_int(p, 7) : 0);
  }
  db_reset(p);
  if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  if( (st = db_exec(c->db, "DELETE FROM tie_health", e)) ) goto end;
  for(int i=0; i<n && !st; i++) st = health_store(c, &aM[i], asOf, &aT[aM[i].iKind], &aA[i], e);
  if( !st ) *pnTie = n;
end:
  for(int i=0; i<n; i++) free(aM[i].zEst);
  free(aM);
  free(aA);
  if( bOwnTx ){
    if( !st ) st = db_commit(c->db, e);
    if( st ) db_rollback(c->db);
  }
  return st;
}

/* 1 if some stored health is missing or out of date (a new day, a new tie,
** a changed kind or establishment date). */
static int health_stale(Ctx *c, int asOf){
  char zAsOf[16];
  date_format(asOf, zAsOf);
  DbStmt *p = db_stmt(c->db,
    "SELECT EXISTS(SELECT 1 FROM tie t LEFT JOIN tie_health h ON h.tie_id=t.id WHERE t.home_city_id=?1"
    " AND (h.tie_id IS NULL OR h.as_of<>?2 OR h.kind<>t.kind OR h.est_date IS NOT t.est_date))");
  if( !p ) return 1;
  db_bind_int64(p, 1, c->homeCityId);
  db_bind_text_copy(p, 2, zAsOf, -1);
  int b = db_step(p)==DB_ROW ? db_col_int(p, 0) : 1;
  db_reset(p);
  return b;
}

/* The orders of azHealthSort: most urgent first (then the lowest score),
** lowest score first, highest first, by partner name. */
static const PageOrder aHealthOrder[] = {
  {"health:urgency", {{"h.urgency", PAGE_INT, 1}, {"h.score", PAGE_INT, 0}, {"t.id", PAGE_INT, 0}}},
  {"health:score", {{"h.score", PAGE_INT, 0}, {"h.urgency", PAGE_INT, 1}, {"t.id", PAGE_INT, 0}}},
  {"health:-score", {{"h.score", PAGE_INT, 1}, {"t.id", PAGE_INT, 0}}},
  {"health:name", {{"c.name_fold", PAGE_TEXT, 0}, {"t.id", PAGE_INT, 0}}},
};

static int parse_bool(const char *z){
  if( strcmp(z, "1")==0 || strcmp(z, "true")==0 ) return 1;
  if( strcmp(z, "0")==0 || strcmp(z, "false")==0 ) return 0;
  return -1;
}

static YcStatus health_list_page(Ctx *c, const HealthQuery *q, Page *pg, json_t **ppOut, Err *e);

YcStatus health_list(Ctx *c, const HealthQuery *q, json_t **ppOut, Err *e){
  *ppOut = 0;
  int iSort = 0;
  if( q->zSort && (iSort = in_enum_index(azHealthSort, q->zSort))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "sort", "sort must be urgency, score, -score or name");
  Page pg;
  YcStatus st = page_begin(&pg, &aHealthOrder[iSort], 0, q->zLimit, 100, 500, q->zCursor, e);
  if( st ) return st;
  st = health_list_page(c, q, &pg, ppOut, e);
  page_free(&pg);
  return st;
}

/* health_list once its page is parsed. */
static YcStatus health_list_page(Ctx *c, const HealthQuery *q, Page *pg, json_t **ppOut, Err *e){
  int iLevel = -1, iFlag = -1, bLess = -1, bAttn = 0;
  if( q->zLevel && (iLevel = in_enum_index(azHealthLevel, q->zLevel))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "level", "level must be active, cooling or dormant");
  if( q->zFlag && (iFlag = in_enum_index(azHealthFlag, q->zFlag))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "flag", "flag must be dormant, no_substantive, one_sided or agreement_expiring");
  if( q->zLessDeveloped && (bLess = parse_bool(q->zLessDeveloped))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "less_developed", "less_developed must be 1, 0, true or false");
  if( q->zAttention && (bAttn = parse_bool(q->zAttention))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "attention", "attention must be 1, 0, true or false");
  int iKind = -1;
  if( q->zKind && (iKind = in_enum_index(azTieKind, q->zKind))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "kind", "kind must be sister, cooperation or candidate");
  int asOf = date_today();
  HealthThreshold aT[3];
  YcStatus st = health_thresholds(c, aT, e);
  if( st ) return st;
  if( health_stale(c, asOf) ){
    int nTie;
    if( (st = health_recompute_all(c, asOf, &nTie, e)) ) return st;
  }
  Buf w = BUF_INIT, sql = BUF_INIT;
  /* Every term is a literal from a whitelist or a number. */
  if( iLevel>=0 ) buf_printf(&w, " AND h.level='%s'", azHealthLevel[iLevel]);
  if( iFlag>=0 ) buf_printf(&w, " AND (h.flags & %d)<>0", 1<<iFlag);
  if( iKind>=0 ) buf_printf(&w, " AND t.kind='%s'", azTieKind[iKind]);
  if( bAttn ) buf_puts(&w, " AND (h.flags<>0 OR h.level<>'active') AND t.status<>'ended'");
  if( bLess>=0 ){
    buf_printf(&w, " AND co.iso2 %s (SELECT m.iso2 FROM country_list_member m JOIN country_list l ON l.id=m.list_id"
                   " WHERE l.key IN ('wb_low','wb_lower_middle'))", bLess ? "IN" : "NOT IN");
  }
#define HL_FROM " FROM tie_health h JOIN tie t ON t.id=h.tie_id JOIN city c ON c.id=t.partner_city_id" \
                " JOIN country co ON co.iso2=c.country WHERE t.home_city_id=?1"
  buf_printf(&sql, "SELECT count(*)" HL_FROM "%s", buf_str(&w));
  DbStmt *p = db_stmt(c->db, buf_str(&sql));
  int64_t nTotal = 0;
  if( p ){
    db_bind_int64(p, 1, c->homeCityId);
    if( db_step(p)==DB_ROW ) nTotal = db_col_int64(p, 0);
    db_reset(p);
  }
  buf_reset(&sql);
  buf_printf(&sql, "SELECT h.tie_id, h.score, h.level, h.flags, h.urgency, h.last_date, h.est_date, t.kind, t.status,"
    " c.name, c.name_zh, t.partner_label, co.iso2, co.name_en, co.name_zh,"
    " (SELECT l.key FROM country_list_member m JOIN country_list l ON l.id=m.list_id"
    "   WHERE m.iso2=co.iso2 AND l.key IN ('wb_low','wb_lower_middle','wb_upper_middle','wb_high') LIMIT 1), h.as_of,"
    " h.n_total, h.last_day, h.last_day0, h.last_mid, h.subst_day, h.subst_day0, h.subst_mid, h.n_window, h.n_in,"
    " h.n_out, h.fields_mask, h.exp_day0, h.exp_end, h.n_projects");
  page_sql_keys(pg, &sql);   /* from column 31 */
  buf_printf(&sql, HL_FROM "%s", buf_str(&w));
  page_sql_tail(pg, &sql, 2);
  p = db_stmt(c->db, buf_str(&sql));
  buf_free(&sql);
  buf_free(&w);
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, c->homeCityId);
  page_bind(pg, p, 2);
  json_t *items = json_array();
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    if( !page_row(pg, p, 31) ) continue;
    /* The explanation, rebuilt from the stored totals. */
    HealthAcc a;
    a.nTotal = db_col_int(p, 17);
    a.lastDay = db_col_int(p, 18); a.lastDay0 = db_col_int(p, 19); a.lastMid = db_col_int(p, 20);
    a.substDay = db_col_int(p, 21); a.substDay0 = db_col_int(p, 22); a.substMid = db_col_int(p, 23);
    a.nWindow = db_col_int(p, 24); a.nIn = db_col_int(p, 25); a.nOut = db_col_int(p, 26);
    a.fieldsMask = db_col_int(p, 27); a.expDay0 = db_col_int(p, 28); a.expEnd = db_col_int(p, 29);
    HealthResult hr;
    health_score(&aT[kind_index(db_text(p, 7))], &a, db_col_int(p, 30), db_text(p, 6), asOf, &hr);
    json_t *detail = hr.detail;
    json_t *aFlag = json_array();
    int flags = db_col_int(p, 3);
    for(int i=0; azHealthFlag[i]; i++) if( flags & (1<<i) ) json_array_append_new(aFlag, json_string(azHealthFlag[i]));
    json_t *reasons = json_object_get(detail, "reasons");
    json_t *tie = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:{s:o, s:o, s:o}}",
      "id", (json_int_t)db_col_int64(p, 0), "name_en", rows_text(p, 9), "name_zh", rows_text(p, 10),
      "label", rows_text(p, 11), "kind", rows_text(p, 7), "status", rows_text(p, 8),
      "country", "iso2", rows_text(p, 12), "name_en", rows_text(p, 13), "name_zh", rows_text(p, 14));
    json_array_append_new(items, json_pack("{s:o, s:i, s:o, s:o, s:i, s:o, s:o, s:O, s:O}",
      "tie", tie, "score", db_col_int(p, 1), "level", rows_text(p, 2), "flags", aFlag,
      "urgency", db_col_int(p, 4), "last_exchange", rows_text(p, 5), "income_group", rows_text(p, 15),
      "reasons", reasons ? reasons : json_null(), "factors", detail ? json_object_get(detail, "factors") : json_null()));
    json_decref(detail);
  }
  db_reset(p);
  if( rc!=DB_DONE ){ json_decref(items); return db_error(c->db, rc, e); }
  page_done(pg, items);
  json_t *next = page_next(pg);
  /* Whether the income-group lists are loaded at all. */
  int bLists = 0;
  p = db_stmt(c->db, "SELECT count(*) FROM country_list_member m JOIN country_list l ON l.id=m.list_id"
                     " WHERE l.key IN ('wb_low','wb_lower_middle')");
  if( p ){
    if( db_step(p)==DB_ROW ) bLists = db_col_int(p, 0)>0;
    db_reset(p);
  }
  json_t *thr = 0;
  Err e2;
  health_thresholds_json(c, &thr, &e2);
  char zAsOf[16];
  date_format(asOf, zAsOf);
  json_t *aThr = thr ? json_incref(json_object_get(thr, "items")) : json_array();
  json_decref(thr);
  *ppOut = json_pack("{s:o, s:I, s:o, s:s, s:b, s:o}", "items", items, "total", (json_int_t)nTotal,
    "next_cursor", next, "as_of", zAsOf, "income_lists_loaded", bLists, "thresholds", aThr);
  if( q->bPrev ) json_object_set_new(*ppOut, "prev_cursor", page_prev(pg));
  return YC_OK;
}

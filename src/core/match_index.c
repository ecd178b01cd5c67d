/*
** match_index.c: the in-memory index of the matching engine; see
** match_index.h.
*/
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/match_index.h"
#include "base/date.h"
#include "core/input.h"
#include "core/vocab.h"
#include "base/log.h"

const char *const azEntType[] = {"opportunity", "org", "partner", 0};
static pthread_mutex_t idxMutex = PTHREAD_MUTEX_INITIALIZER;
static MatchIndex *pCur = 0;

/* By azTieStatus: an unverified tie counts as little as a suspended one. */
const double aTieStatusActivity[TIE_NSTATUS] = {0.4, 0.6, 1.0, 0.2, 0.2, 0.0};

/* --- index ---------------------------------------------------------------- */

static void idx_free(MatchIndex *x){
  if( !x ) return;
  for(int t=0; t<ENT_NTYPE; t++){
    free(x->t[t].a);
    free(x->t[t].aKey);
    free(x->t[t].aVal);
    free(x->t[t].aDense);
  }
  free(x->aTie);
  free(x->zDb);
  free(x);
}

static unsigned hash_id(int64_t id){
  uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ull;
  return (unsigned)(h >> 32);
}

static Ent *ent_new(TypeIdx *t, int64_t id){
  if( t->n==t->nAlloc ){
    int nNew = t->nAlloc ? t->nAlloc*2 : 64;
    Ent *aNew = realloc(t->a, sizeof(Ent)*(size_t)nNew);
    if( !aNew ) return 0;
    t->a = aNew;
    t->nAlloc = nNew;
  }
  Ent *p = &t->a[t->n++];
  memset(p, 0, sizeof *p);
  p->id = id;
  p->validDay = INT_MAX;
  p->freshDay = -1;
  p->kind = p->dir = 255;
  return p;
}

static int type_hash_sparse(TypeIdx *t){
  t->nSlot = 64;
  while( t->nSlot < (unsigned)t->n*2 ) t->nSlot *= 2;
  t->aKey = malloc(sizeof(int64_t)*t->nSlot);
  t->aVal = malloc(sizeof(int)*t->nSlot);
  if( !t->aKey || !t->aVal ) return -1;
  for(unsigned i=0; i<t->nSlot; i++) t->aVal[i] = -1;
  for(int k=0; k<t->n; k++){
    unsigned i = hash_id(t->a[k].id) & (t->nSlot - 1);
    while( t->aVal[i]>=0 ) i = (i + 1) & (t->nSlot - 1);
    t->aKey[i] = t->a[k].id;
    t->aVal[i] = k;
  }
  return 0;
}

/* id -> index: a direct array when the ids are dense (they are row ids:
** usually 1..n), else open addressing. */
static int type_hash(TypeIdx *t){
  int64_t mx = 0;
  for(int k=0; k<t->n; k++) if( t->a[k].id>mx ) mx = t->a[k].id;
  if( t->n>0 && mx<=(int64_t)t->n*4 + 1024 ){
    t->nDense = mx + 1;
    t->aDense = malloc(sizeof(int)*(size_t)t->nDense);
    if( !t->aDense ) return -1;
    for(int64_t i=0; i<t->nDense; i++) t->aDense[i] = -1;
    for(int k=0; k<t->n; k++) t->aDense[t->a[k].id] = k;
    return 0;
  }
  return type_hash_sparse(t);
}

int type_find(const TypeIdx *t, int64_t id){
  if( t->aDense ) return (id>=0 && id<t->nDense) ? t->aDense[id] : -1;
  if( !t->nSlot ) return -1;
  unsigned i = hash_id(id) & (t->nSlot - 1);
  while( t->aVal[i]>=0 ){
    if( t->aKey[i]==id ) return t->aVal[i];
    i = (i + 1) & (t->nSlot - 1);
  }
  return -1;
}

/* Code number of "28" or "C"; 0 if neither. */
int code_num(const char *z){
  if( !z ) return 0;
  int d = isic_div(z);
  if( d ) return d;
  if( z[0]>='A' && z[0]<='U' && z[1]==0 ) return 100 + (z[0]-'A');
  return 0;
}

void code_str(int c, char *z){
  if( c>=100 ){ z[0] = (char)('A' + c - 100); z[1] = 0; }
  else { z[0] = (char)('0' + c/10); z[1] = (char)('0' + c%10); z[2] = 0; }
}

static void ent_code(Ent *p, int c, int w){
  if( c<=0 ) return;
  for(int i=0; i<p->nCode; i++){
    if( p->aCode[i].c==c ){ if( w>p->aCode[i].w ) p->aCode[i].w = (uint8_t)w; return; }
  }
  if( p->nCode<ENT_CODES ){ p->aCode[p->nCode].c = (uint8_t)c; p->aCode[p->nCode].w = (uint8_t)w; p->nCode++; }
}

static void ent_country(Ent *p, const char *z){
  if( !z || strlen(z)!=2 ) return;
  for(int i=0; i<p->nCountry; i++) if( memcmp(p->aCountry[i], z, 2)==0 ) return;
  if( p->nCountry<ENT_COUNTRIES ){ memcpy(p->aCountry[p->nCountry], z, 2); p->nCountry++; }
}

static void ent_tie(Ent *p, int64_t tie){
  for(int i=0; i<p->nTie; i++) if( p->aTie[i]==tie ) return;
  if( p->nTie<ENT_TIES ) p->aTie[p->nTie++] = (int32_t)tie;
}

static void ent_fresh(Ent *p, const char *z){
  int d = date_text_day(z);
  if( d>p->freshDay ) p->freshDay = d;
}

/* Run zSql (binding ?1 to iBind when iBind) and call x for each row. */
typedef void (*RowFn)(MatchIndex *x, DbStmt *p);
static int each_row(Db *db, MatchIndex *x, const char *zSql, int64_t iBind, RowFn xRow){
  DbStmt *p = db_stmt(db, zSql);
  if( !p ) return -1;
  if( iBind ) db_bind_int64(p, 1, iBind);
  int rc;
  while( (rc = db_step(p))==DB_ROW ) xRow(x, p);
  db_reset(p);
  return rc==DB_DONE ? 0 : -1;
}

static Ent *find_ent(MatchIndex *x, int t, int64_t id){
  int k = type_find(&x->t[t], id);
  return k<0 ? 0 : &x->t[t].a[k];
}

static void row_tie(MatchIndex *x, DbStmt *p){
  Ent *e = ent_new(&x->t[ENT_PARTNER], db_col_int64(p, 0));
  if( !e ) return;
  e->side = 1;
  e->cityId = (int32_t)db_col_int64(p, 2);
  const char *z = db_text(p, 3);
  if( z && strlen(z)==2 ) memcpy(e->country, z, 2);
  ent_tie(e, e->id);
}
static void row_profile_ind(MatchIndex *x, DbStmt *p){
  Ent *e = find_ent(x, ENT_PARTNER, db_col_int64(p, 0));
  if( !e ) return;
  int s = db_col_int(p, 2);
  ent_code(e, code_num(db_text(p, 1)), 40 + 12*(s<1 ? 1 : s>5 ? 5 : s));
  ent_fresh(e, db_text(p, 3));
}
static void row_profile_tag(MatchIndex *x, DbStmt *p){
  Ent *e = find_ent(x, ENT_PARTNER, db_col_int64(p, 0));
  if( !e ) return;
  ent_code(e, code_num(db_text(p, 1)), 70);
  ent_fresh(e, db_text(p, 2));
}
static void row_partner_org(MatchIndex *x, DbStmt *p){
  Ent *e = find_ent(x, ENT_PARTNER, db_col_int64(p, 0));
  if( e ) ent_code(e, code_num(db_text(p, 1)), 60);
}
static void row_org(MatchIndex *x, DbStmt *p){
  Ent *e = ent_new(&x->t[ENT_ORG], db_col_int64(p, 0));
  if( !e ) return;
  const char *zSide = db_text(p, 1);
  e->side = zSide && strcmp(zSide, "partner")==0;
  e->cityId = (int32_t)db_col_int64(p, 2);
  const char *z = db_text(p, 3);
  if( z && strlen(z)==2 ) memcpy(e->country, z, 2);
  ent_fresh(e, db_text(p, 4));
}
static void row_org_ind(MatchIndex *x, DbStmt *p){
  Ent *e = find_ent(x, ENT_ORG, db_col_int64(p, 0));
  if( e ) ent_code(e, code_num(db_text(p, 1)), 100);
}
static void row_org_offer(MatchIndex *x, DbStmt *p){
  Ent *e = find_ent(x, ENT_ORG, db_col_int64(p, 0));
  if( !e ) return;
  if( db_col_type(p, 1)!=DB_NULL ) ent_code(e, code_num(db_text(p, 1)), 100);
  ent_fresh(e, db_text(p, 2));
}
static void row_org_tie(MatchIndex *x, DbStmt *p){
  Ent *e = find_ent(x, ENT_ORG, db_col_int64(p, 0));
  if( e ) ent_tie(e, db_col_int64(p, 1));
}
static void row_opp(MatchIndex *x, DbStmt *p){
  Ent *e = ent_new(&x->t[ENT_OPP], db_col_int64(p, 0));
  if( !e ) return;
  const char *z = db_text(p, 1);
  e->kind = z && strcmp(z, "request")==0;
  z = db_text(p, 2);
  e->dir = z && strcmp(z, "bringing_in")==0;
  if( db_col_type(p, 3)!=DB_NULL ){
    int d = date_text_day(db_text(p, 3));
    e->validDay = d<0 ? INT_MAX : d;
  }
  ent_fresh(e, db_text(p, 4));
  int64_t orgId = db_col_int64(p, 5), tieId = db_col_int64(p, 6);
  z = db_text(p, 7);
  e->side = z && strcmp(z, "partner")==0;
  e->cityId = (int32_t)db_col_int64(p, 8);
  z = db_text(p, 9);
  if( z && strlen(z)==2 ) memcpy(e->country, z, 2);
  if( tieId ) ent_tie(e, tieId);
  if( orgId ){
    Ent *o = find_ent(x, ENT_ORG, orgId);
    for(int i=0; o && i<o->nTie; i++) ent_tie(e, o->aTie[i]);
  }
}
static void row_opp_ind(MatchIndex *x, DbStmt *p){
  Ent *e = find_ent(x, ENT_OPP, db_col_int64(p, 0));
  if( e ) ent_code(e, code_num(db_text(p, 1)), 100);
}
static void row_opp_country(MatchIndex *x, DbStmt *p){
  Ent *e = find_ent(x, ENT_OPP, db_col_int64(p, 0));
  if( e ) ent_country(e, db_text(p, 1));
}
static void row_opp_city(MatchIndex *x, DbStmt *p){
  Ent *e = find_ent(x, ENT_OPP, db_col_int64(p, 0));
  if( !e ) return;
  ent_country(e, db_text(p, 2));
  if( e->nCity<ENT_CITIES ) e->aCity[e->nCity++] = (int32_t)db_col_int64(p, 1);
}
static void row_tie_status(MatchIndex *x, DbStmt *p){
  TieInfo *t = &x->aTie[x->nTie++];
  t->id = db_col_int64(p, 0);
  int k = in_enum_index(azTieStatus, db_text(p, 1));
  t->status = (uint8_t)(k<0 ? 0 : k);
}

static int tie_cmp(const void *a, const void *b){
  int64_t x = ((const TieInfo*)a)->id, y = ((const TieInfo*)b)->id;
  return x<y ? -1 : x>y;
}

static MatchIndex *idx_build(Ctx *c, const char *zDb, int64_t version){
  MatchIndex *x = calloc(1, sizeof *x);
  if( !x ) return 0;
  x->zDb = strdup(zDb);
  x->home = c->homeCityId;
  x->version = version;
  Db *db = c->db;
  int rc = 0;
  DbStmt *p = db_stmt(db, "SELECT country FROM city WHERE id=?1");
  if( p ){
    db_bind_int64(p, 1, c->homeCityId);
    if( db_step(p)==DB_ROW && db_text(p, 0) ) memcpy(x->homeCountry, db_text(p, 0), 2);
    db_reset(p);
  }
  p = db_stmt(db, "SELECT count(*) FROM tie WHERE home_city_id=?1");
  int nTie = 0;
  if( p ){
    db_bind_int64(p, 1, c->homeCityId);
    if( db_step(p)==DB_ROW ) nTie = db_col_int(p, 0);
    db_reset(p);
  }
  x->aTie = calloc((size_t)nTie + 1, sizeof(TieInfo));
  if( !x->aTie ){ idx_free(x); return 0; }
  rc |= each_row(db, x, "SELECT id, status FROM tie WHERE home_city_id=?1 ORDER BY id", c->homeCityId, row_tie_status);
  if( x->nTie>nTie ) x->nTie = nTie;
  qsort(x->aTie, (size_t)x->nTie, sizeof(TieInfo), tie_cmp);
  /* Partners. */
  rc |= each_row(db, x, "SELECT t.id, t.status, c.id, c.country FROM tie t JOIN city c ON c.id=t.partner_city_id"
                        " WHERE t.home_city_id=?1 ORDER BY t.id", c->homeCityId, row_tie);
  rc |= type_hash(&x->t[ENT_PARTNER]);
  rc |= each_row(db, x, "SELECT tie_id, code, strength, reviewed FROM profile_item WHERE kind='industry'", 0, row_profile_ind);
  rc |= each_row(db, x, "SELECT p.tie_id, pi.code, p.reviewed FROM profile_item_industry pi"
                        " JOIN profile_item p ON p.id=pi.item_id", 0, row_profile_tag);
  rc |= each_row(db, x, "SELECT ot.tie_id, oi.code FROM org_tie ot JOIN org o ON o.id=ot.org_id"
                        " JOIN org_industry oi ON oi.org_id=o.id WHERE o.side='partner' AND o.review='published'", 0, row_partner_org);
  /* Organisations (published only: what is in review is nobody's match). */
  rc |= each_row(db, x, "SELECT o.id, o.side, c.id, c.country, o.updated_at FROM org o"
                        " LEFT JOIN city c ON c.id=o.city_id WHERE o.review='published' ORDER BY o.id", 0, row_org);
  rc |= type_hash(&x->t[ENT_ORG]);
  rc |= each_row(db, x, "SELECT org_id, code FROM org_industry", 0, row_org_ind);
  rc |= each_row(db, x, "SELECT f.org_id, oi.code, f.updated_at FROM org_offer f"
                        " LEFT JOIN org_offer_industry oi ON oi.offer_id=f.id"
                        " WHERE f.org_id NOT IN (SELECT org_id FROM offer_review WHERE review<>'published')", 0, row_org_offer);
  rc |= each_row(db, x, "SELECT org_id, tie_id FROM org_tie", 0, row_org_tie);
  /* Open published opportunities (the others never match). */
  rc |= each_row(db, x,
    "SELECT o.id, o.kind, o.direction, o.valid_until, o.updated_at, o.org_id, o.tie_id,"
    " CASE WHEN o.org_id IS NULL THEN 'partner' ELSE og.side END, coalesce(oc.id, ci.id), coalesce(oc.country, ci.country)"
    " FROM opportunity o LEFT JOIN org og ON og.id=o.org_id LEFT JOIN city oc ON oc.id=og.city_id"
    " LEFT JOIN tie t ON t.id=o.tie_id LEFT JOIN city ci ON ci.id=t.partner_city_id"
    " WHERE o.status='open' AND o.review='published' AND coalesce(og.review,'published')='published' ORDER BY o.id", 0, row_opp);
  rc |= type_hash(&x->t[ENT_OPP]);
  rc |= each_row(db, x, "SELECT oi.opp_id, oi.code FROM opportunity_industry oi JOIN opportunity o ON o.id=oi.opp_id"
                        " WHERE o.status='open' AND o.review='published'", 0, row_opp_ind);
  rc |= each_row(db, x, "SELECT oc.opp_id, oc.iso2 FROM opportunity_country oc JOIN opportunity o ON o.id=oc.opp_id"
                        " WHERE o.status='open' AND o.review='published'", 0, row_opp_country);
  rc |= each_row(db, x, "SELECT oy.opp_id, oy.city_id, c.country FROM opportunity_city oy JOIN opportunity o ON o.id=oy.opp_id"
                        " JOIN city c ON c.id=oy.city_id WHERE o.status='open' AND o.review='published'", 0, row_opp_city);
  /* The number of rows of each FTS table (its N in bm25's IDF). */
  static const char *const azCount[5] = {"SELECT count(*) FROM opportunity", "SELECT count(*) FROM org",
    "SELECT count(DISTINCT org_id) FROM org_offer", "SELECT count(DISTINCT tie_id) FROM profile_item",
    "SELECT count(*) FROM tie"};
  for(int i=0; i<5 && !rc; i++){
    p = db_stmt(db, azCount[i]);
    if( !p ){ rc = 1; break; }
    if( db_step(p)==DB_ROW ) x->anDocs[i] = db_col_int64(p, 0);
    db_reset(p);
  }
  if( rc ){ idx_free(x); return 0; }
  return x;
}

/* The current index for c's database, built or rebuilt as needed; release
** it with idx_release. 0 on failure. */
MatchIndex *idx_acquire(Ctx *c){
  const char *zDb = db_path(c->db);
  if( !zDb ) zDb = "";
  int64_t v = -1;
  DbStmt *p = db_stmt(c->db, "SELECT v FROM match_version WHERE id=1");
  if( p ){
    if( db_step(p)==DB_ROW ) v = db_col_int64(p, 0);
    db_reset(p);
  }
  pthread_mutex_lock(&idxMutex);
  if( !pCur || pCur->version!=v || pCur->home!=c->homeCityId || strcmp(pCur->zDb, zDb)!=0 ){
    MatchIndex *x = idx_build(c, zDb, v);
    if( !x ){ pthread_mutex_unlock(&idxMutex); return 0; }
    x->nRef = 1;                      /* the reference held by pCur */
    if( pCur && --pCur->nRef==0 ) idx_free(pCur);
    pCur = x;
  }
  MatchIndex *x = pCur;
  x->nRef++;
  pthread_mutex_unlock(&idxMutex);
  return x;
}

void idx_release(MatchIndex *x){
  pthread_mutex_lock(&idxMutex);
  if( --x->nRef==0 ) idx_free(x);
  pthread_mutex_unlock(&idxMutex);
}

void idx_reset(void){
  pthread_mutex_lock(&idxMutex);
  if( pCur && --pCur->nRef==0 ) idx_free(pCur);
  pCur = 0;
  pthread_mutex_unlock(&idxMutex);
}

const TieInfo *tie_info(const MatchIndex *x, int64_t id){
  TieInfo k = {id, 0};
  return bsearch(&k, x->aTie, (size_t)x->nTie, sizeof(TieInfo), tie_cmp);
}

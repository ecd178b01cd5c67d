/* exchange.c: the exchange log; see exchange.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/exchange.h"
#include "base/date.h"
#include "store/rows.h"
#include "core/partner.h"
#include "core/org.h"
#include "store/stmt.h"
#include "core/health.h"
#include "core/input.h"
#include "core/audit.h"
#include "core/unit.h"
#include "core/page.h"
#include "core/partner.h"
#include "core/org.h"
#include "base/buf.h"
#include "text/norm.h"
#include "base/json.h"
#include <time.h>
#include <csv.h>

const char *const azExchangeParam[] = {"tie", "kind", "field", "from", "to", "substantive", "project",
  "sort", "limit", "cursor", "unit", 0};
const char *const azExchangeSort[] = {"-date", "date", 0};
const char *const azAgreementParam[] = {"expiring_within_months", "tie", 0};

static int cmp_id(const void *a, const void *b){
  int64_t x = *(const int64_t*)a, y = *(const int64_t*)b;
  return x<y ? -1 : x>y;
}

static void sort_ids(int64_t *a, int n){
  if( n>1 ) qsort(a, (size_t)n, sizeof a[0], cmp_id);
}

/* 64-bit FNV-1a of z, continuing from h (start with FNV_INIT). */
#define FNV_INIT 0xcbf29ce484222325ULL
static uint64_t fnv(uint64_t h, const char *z, size_t n){
  for(size_t i=0; i<n; i++){ h ^= (unsigned char)z[i]; h *= 0x100000001b3ULL; }
  return h;
}

/* ---------------------------------------------------------------------------
** Input: the validated values of one exchange, from JSON or a CSV row.
*/
typedef struct ExIn {
  const char *zTitle, *zKind, *zDate, *zEvent, *zExpires, *zDesc;
  int iKind;
  int iSubst;                 /* -1: the kind's default; else 0/1 */
  int fields, bFieldsSet;
  int64_t participants; int bPart;
  int64_t projectId;
  int64_t aTie[EX_MAX_TIES]; int nTie;
  int64_t aOrg[EX_MAX_ORGS]; int nOrg;
  char *zSources, *zLinks;    /* JSON text, malloc'd, or 0 */
  /* Filled by ex_check: */
  const char *zPrec, *zExpPrec;
  int day0, mid, end, expDay0, expEnd;
  int bSubst;
  int64_t fingerprint;
  char zTies[EX_MAX_TIES*21];  /* the sorted tie ids, comma-separated */
} ExIn;

static void ex_free(ExIn *x){
  free(x->zSources);
  free(x->zLinks);
  x->zSources = x->zLinks = 0;
}

const char *const azExField[] = {"title", "kind", "date", "ties", "fields", "substantive",
  "participants", "organisations", "project_id", "event", "expires", "description", "sources", "links", 0};

/* Parse the JSON object `in` (all fields; what is absent is unset). */
static YcStatus ex_from_json(json_t *in, ExIn *x, Err *e){
  YcStatus st;
  int bSet;
  memset(x, 0, sizeof *x);
  x->iSubst = -1;
  if( (st = in_known_fields(in, azExField, e)) ) return st;
  if( (st = in_str(in, "title", 1, 300, 0, &x->zTitle, &bSet, e)) ) return st;
  if( (st = in_enum(in, "kind", 1, azExchangeKind, &x->zKind, &bSet, e)) ) return st;
  x->iKind = in_enum_index(azExchangeKind, x->zKind);
  json_t *v = json_object_get(in, "date");
  if( !v || json_is_null(v) ) return err_set(e, YC_EINVALID, "required", "date", "date is required");
  if( !json_is_string(v) ) return err_set(e, YC_EINVALID, "wrong_type", "date", "date must be a string YYYY, YYYY-MM or YYYY-MM-DD");
  x->zDate = json_string_value(v);
  if( (st = in_ids(in, "ties", x->aTie, EX_MAX_TIES, &x->nTie, &bSet, e)) ) return st;
  if( (st = exchange_fields_parse(in, &x->fields, &x->bFieldsSet, e)) ) return st;
  v = json_object_get(in, "substantive");
  if( v && !json_is_null(v) ){
    if( !json_is_boolean(v) ) return err_set(e, YC_EINVALID, "wrong_type", "substantive", "substantive must be true, false or null");
    x->iSubst = json_is_true(v);
  }
  if( (st = in_int(in, "participants", 0, 0, 1000000, &x->participants, &x->bPart, e)) ) return st;
  if( (st = in_ids(in, "organisations", x->aOrg, EX_MAX_ORGS, &x->nOrg, &bSet, e)) ) return st;
  if( (st = in_int(in, "project_id", 0, 1, INT64_MAX, &x->projectId, &bSet, e)) ) return st;
  if( (st = in_str(in, "event", 0, 200, 0, &x->zEvent, &bSet, e)) ) return st;
  v = json_object_get(in, "expires");
  if( v && !json_is_null(v) ){
    if( !json_is_string(v) ) return err_set(e, YC_EINVALID, "wrong_type", "expires", "expires must be a date string");
    x->zExpires = json_string_value(v);
  }
  if( (st = in_str(in, "description", 0, 20000, 1, &x->zDesc, &bSet, e)) ) return st;
  json_t *a;
  if( (st = in_str_array(in, "sources", 20, 2000, &a, &bSet, e)) ) return st;
  if( a && json_array_size(a) ) x->zSources = json_text(a, JSON_COMPACT);
  if( (st = in_str_array(in, "links", 20, 2000, &a, &bSet, e)) ) return st;
  if( a && (st = in_urls(a, "links", e)) ) return st;
  if( a && json_array_size(a) ) x->zLinks = json_text(a, JSON_COMPACT);
  return YC_OK;
}

/* Preloaded home ties for imports (sorted ids, and partner city -> tie). */
typedef struct TieSet { int64_t *aId; int64_t (*aCity)[2]; int n; } TieSet;

static int tieset_has(const TieSet *s, int64_t id){
  int lo = 0, hi = s->n - 1;
  while( lo<=hi ){
    int m = (lo + hi)/2;
    if( s->aId[m]==id ) return 1;
    if( s->aId[m]<id ) lo = m + 1; else hi = m - 1;
  }
  return 0;
}

static int64_t tieset_city(const TieSet *s, int64_t city){
  int lo = 0, hi = s->n - 1;
  while( lo<=hi ){
    int m = (lo + hi)/2;
    if( s->aCity[m][0]==city ) return s->aCity[m][1];
    if( s->aCity[m][0]<city ) lo = m + 1; else hi = m - 1;
  }
  return 0;
}

/* Semantic checks, shared by every path; fills the computed members. */
static YcStatus ex_check(Ctx *c, ExIn *x, const TieSet *pTies, Err *e){
  YcStatus st;
  if( (st = in_date_parse("date", x->zDate, &x->zPrec, e)) ) return st;
  date_period(x->zDate, &x->day0, &x->mid, &x->end);
  if( x->day0>date_today() )
    return err_set(e, YC_EINVALID, "future_date", "date",
                   "date %s is in the future: the log records exchanges that happened", x->zDate);
  if( x->nTie==0 && x->iKind!=3 )
    return err_set(e, YC_EINVALID, "required", "ties", "ties is required: the ids of the partner ties of the exchange"
                   " (only an event may have none)");
  sort_ids(x->aTie, x->nTie);
  for(int i=0; i<x->nTie; i++){
    int bOk = pTies ? tieset_has(pTies, x->aTie[i]) : partner_kind(c, x->aTie[i])!=0;
    if( !bOk ) return err_set(e, YC_EINVALID, "unknown_tie", "ties", "no partner tie with id %lld", (long long)x->aTie[i]);
    if( i && x->aTie[i]==x->aTie[i-1] )
      return err_set(e, YC_EINVALID, "duplicate_item", "ties", "ties lists %lld twice", (long long)x->aTie[i]);
  }
  for(int i=0; i<x->nOrg; i++){
    if( !org_exists(c, x->aOrg[i]) )
      return err_set(e, YC_EINVALID, "unknown_org", "organisations", "no organisation with id %lld", (long long)x->aOrg[i]);
  }
  if( x->projectId ){
    int64_t a[1] = {x->projectId};
    DbStmt *p = db_stmt(c->db, "SELECT 1 FROM project WHERE id=?1");
    if( !p ) return db_error(c->db, DB_ERROR, e);
    db_bind_int64(p, 1, a[0]);
    int bOk = db_step(p)==DB_ROW;
    db_reset(p);
    if( !bOk ) return err_set(e, YC_EINVALID, "unknown_project", "project_id", "no project with id %lld", (long long)x->projectId);
  }
  x->expDay0 = 0;
  x->zExpPrec = 0;
  if( x->zExpires ){
    if( x->iKind!=2 )
      return err_set(e, YC_EINVALID, "not_agreement", "expires", "only an agreement has an expiry date");
    if( (st = in_date_parse("expires", x->zExpires, &x->zExpPrec, e)) ) return st;
    int d0, dm, de;
    date_period(x->zExpires, &d0, &dm, &de);
    if( de<x->day0 )
      return err_set(e, YC_EINVALID, "invalid_range", "expires", "expires (%s) is before the date (%s)", x->zExpires, x->zDate);
    x->expDay0 = d0;
    x->expEnd = de;
  }
  if( !x->bFieldsSet || x->fields==0 ) x->fields = x->bFieldsSet && x->fields ? x->fields : exchange_kind_fields(x->iKind);
  x->bSubst = x->iSubst>=0 ? x->iSubst : exchange_kind_substantive(x->iKind);
  /* Fingerprint: date, kind, title and the sorted ties. */
  uint64_t h = FNV_INIT;
  h = fnv(h, x->zDate, strlen(x->zDate));
  h = fnv(h, "\x1f", 1);
  h = fnv(h, x->zKind, strlen(x->zKind));
  h = fnv(h, "\x1f", 1);
  h = fnv(h, x->zTitle, strlen(x->zTitle));
  size_t nTies = 0;
  x->zTies[0] = 0;
  for(int i=0; i<x->nTie; i++){
    char z[24];
    int n = snprintf(z, sizeof z, ",%lld", (long long)x->aTie[i]);
    h = fnv(h, z, (size_t)n);
    memcpy(x->zTies + nTies, i ? z : z + 1, (size_t)(i ? n : n - 1) + 1);
    nTies += (size_t)(i ? n : n - 1);
  }
  x->fingerprint = (int64_t)h;
  return YC_OK;
}

/* Id of a stored exchange with x's fingerprint other than id, or 0. */
static int64_t ex_duplicate(Ctx *c, const ExIn *x, int64_t id){
  DbStmt *p = db_stmt(c->db, "SELECT id FROM exchange WHERE day_mid=?3 AND fingerprint=?1 AND id<>?2");
  if( !p ) return 0;
  db_bind_int64(p, 1, x->fingerprint);
  db_bind_int64(p, 2, id);
  db_bind_int(p, 3, x->mid);
  int64_t other = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  return other;
}

/* The rows of exchange_tie of an import, inserted in key order at the end. */
typedef struct EtRow { int64_t tie, ex; int mid, day0, expDay0, expEnd; signed char kind, subst, bExp; short fields; } EtRow;
typedef struct EtBuf { EtRow *a; size_t n, nAlloc; } EtBuf;

static YcStatus et_insert(Ctx *c, const EtRow *r, Err *e){
  DbStmt *p = db_stmt(c->db, "INSERT INTO exchange_tie(tie_id,day_mid,exchange_id,day0,kind,substantive,fields,"
                                   "expires_day0,expires_day_end) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, r->tie);
  db_bind_int(p, 2, r->mid);
  db_bind_int64(p, 3, r->ex);
  db_bind_int(p, 4, r->day0);
  db_bind_int(p, 5, r->kind);
  db_bind_int(p, 6, r->subst);
  db_bind_int(p, 7, r->fields);
  if( r->bExp ){
    db_bind_int(p, 8, r->expDay0);
    db_bind_int(p, 9, r->expEnd);
  }
  int rc = db_step(p);
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

/* The tie ids of stored exchange id (from exchange.ties) into a, at most
** nMax; *pMid gets its day_mid. -1 if there is no such exchange. */
static int ex_stored_ties(Ctx *c, int64_t id, int64_t *a, int nMax, int *pMid){
  DbStmt *p = db_stmt(c->db, "SELECT ties, day_mid FROM exchange WHERE id=?1");
  if( !p ) return -1;
  db_bind_int64(p, 1, id);
  int n = -1;
  if( db_step(p)==DB_ROW ){
    n = 0;
    if( pMid ) *pMid = db_col_int(p, 1);
    for(const char *z = db_text(p, 0); z && *z && n<nMax; ){
      a[n++] = atoll(z);
      z = strchr(z, ',');
      if( z ) z++;
    }
  }
  db_reset(p);
  return n;
}

int exchange_tie_ids(Ctx *c, int64_t id, int64_t *a, int nMax){
  int n = ex_stored_ties(c, id, a, nMax, 0);
  return n<0 ? 0 : n;
}

/* Remove the exchange_tie rows of stored exchange id, by key. */
static YcStatus ex_unlink_ties(Ctx *c, int64_t id, Err *e){
  int64_t aTie[EX_MAX_TIES];
  int mid = 0, n = ex_stored_ties(c, id, aTie, EX_MAX_TIES, &mid);
  for(int i=0; i<n; i++){
    int64_t a[3] = {aTie[i], mid, id};
    YcStatus st = stmt_run(c->db, "DELETE FROM exchange_tie WHERE tie_id=?1 AND day_mid=?2 AND exchange_id=?3", a, 3, e);
    if( st ) return st;
  }
  return YC_OK;
}

/* Insert or update x as exchange *pId, with its tie and organisation rows
** (the tie rows into pBuf when given: an import inserts them sorted at
** the end). */
static YcStatus ex_write(Ctx *c, ExIn *x, int64_t *pId, EtBuf *pBuf, Err *e){
  static _Thread_local char zNow[24];      /* the time, formatted once a second */
  static _Thread_local time_t tNow = 0;
  if( time(0)!=tNow ){ tNow = time(0); date_now(zNow); }
  DbStmt *p;
  int64_t id = *pId;
  if( id==0 ){
    p = db_stmt(c->db,
      "INSERT INTO exchange(title,kind,date,precision,day0,day_mid,day_end,substantive,subst_set,fields,"
      "participants,project_id,event,expires,expires_precision,expires_day0,description,sources,links,fingerprint,"
      "created_at,updated_at,expires_day_end,ties) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,"
      "?18,?19,?20,?21,?21,?23,?24)");
  }else{
    YcStatus st = ex_unlink_ties(c, id, e);
    if( st ) return st;
    p = db_stmt(c->db,
      "UPDATE exchange SET title=?1, kind=?2, date=?3, precision=?4, day0=?5, day_mid=?6, day_end=?7,"
      " substantive=?8, subst_set=?9, fields=?10, participants=?11, project_id=?12, event=?13, expires=?14,"
      " expires_precision=?15, expires_day0=?16, description=?17, sources=?18, links=?19, fingerprint=?20,"
      " updated_at=?21, expires_day_end=?23, ties=?24 WHERE id=?22");
  }
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, x->zTitle, -1);
  db_bind_text(p, 2, x->zKind, -1);
  db_bind_text(p, 3, x->zDate, -1);
  db_bind_text(p, 4, x->zPrec, -1);
  db_bind_int(p, 5, x->day0);
  db_bind_int(p, 6, x->mid);
  db_bind_int(p, 7, x->end);
  db_bind_int(p, 8, x->bSubst);
  if( x->iSubst>=0 ) db_bind_int(p, 9, x->iSubst);
  db_bind_int(p, 10, x->fields);
  if( x->bPart ) db_bind_int64(p, 11, x->participants);
  if( x->projectId ) db_bind_int64(p, 12, x->projectId);
  db_bind_text(p, 13, x->zEvent, -1);
  db_bind_text(p, 14, x->zExpires, -1);
  db_bind_text(p, 15, x->zExpPrec, -1);
  if( x->zExpires ){
    db_bind_int(p, 16, x->expDay0);
    db_bind_int(p, 23, x->expEnd);
  }
  db_bind_text(p, 17, x->zDesc, -1);
  db_bind_text(p, 18, x->zSources, -1);
  db_bind_text(p, 19, x->zLinks, -1);
  db_bind_int64(p, 20, x->fingerprint);
  db_bind_text(p, 21, zNow, -1);
  if( id ) db_bind_int64(p, 22, id);
  db_bind_text(p, 24, x->zTies, -1);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  if( id==0 ){
    id = *pId = db_last_id(c->db);
  }else{
    int64_t a[1] = {id};
    YcStatus st = stmt_run(c->db, "DELETE FROM exchange_org WHERE exchange_id=?1", a, 1, e);
    if( st ) return st;
  }
  for(int i=0; i<x->nTie; i++){
    EtRow r = {x->aTie[i], id, x->mid, x->day0, x->expDay0, x->expEnd, (signed char)x->iKind, (signed char)x->bSubst,
               (signed char)(x->zExpires!=0), (short)x->fields};
    if( pBuf ){
      if( pBuf->n==pBuf->nAlloc ){
        size_t nNew = pBuf->nAlloc ? 2*pBuf->nAlloc : 4096;
        EtRow *a = realloc(pBuf->a, nNew*sizeof(EtRow));
        if( !a ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
        pBuf->a = a;
        pBuf->nAlloc = nNew;
      }
      pBuf->a[pBuf->n++] = r;
    }else{
      YcStatus st = et_insert(c, &r, e);
      if( st ) return st;
    }
  }
  for(int i=0; i<x->nOrg; i++){
    int64_t a[2] = {id, x->aOrg[i]};
    YcStatus st = stmt_run(c->db, "INSERT INTO exchange_org(exchange_id,org_id) VALUES(?1,?2)", a, 2, e);
    if( st ) return st;
  }
  return YC_OK;
}

/* ---------------------------------------------------------------------------
** Output
*/
#define EX_COLUMNS \
  "e.id, e.title, e.kind, e.date, e.precision, e.substantive, e.subst_set, e.fields, e.participants," \
  " e.project_id, (SELECT title FROM project WHERE id=e.project_id), e.event, e.expires, e.expires_precision," \
  " e.description, e.sources, e.links, e.created_at, e.updated_at, e.ties, e.event_id, e.delegation_id"
#define EX_NCOLUMNS 22
/* What a caller not signed in may see of the log: no exchange made by a
** private event or delegation (event.h, delegation.h), whose title it
** carries. A fixed fragment, no parameter. */
#define EX_PUBLIC \
  "(e.event_id IS NULL OR e.event_id IN (SELECT id FROM event WHERE public=1))" \
  " AND (e.delegation_id IS NULL OR e.delegation_id IN (SELECT id FROM delegation WHERE public=1))"

/* The JSON of the exchange in the current row of p (EX_COLUMNS), without
** its ties and organisations (ex_add_refs adds them once p is reset: a
** statement in use must not meet the cache's eviction). aTie/pnTie get
** its tie ids. */
static json_t *ex_row_json(DbStmt *p, int64_t *aTie, int *pnTie){
  int64_t id = db_col_int64(p, 0);
  int iKind = in_enum_index(azExchangeKind, db_text(p, 2));
  json_t *project = json_null();
  if( db_col_type(p, 9)!=DB_NULL ){
    project = json_pack("{s:I, s:o}", "id", (json_int_t)db_col_int64(p, 9), "title", rows_text(p, 10));
  }
  json_t *j = json_pack("{s:I, s:o, s:o, s:o, s:o, s:b, s:b, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
    "id", (json_int_t)id, "title", rows_text(p, 1), "kind", rows_text(p, 2),
    "date", rows_text(p, 3), "precision", rows_text(p, 4),
    "substantive", db_col_int(p, 5),
    "substantive_default", exchange_kind_substantive(iKind),
    "substantive_overridden", db_col_type(p, 6)!=DB_NULL,
    "fields", exchange_fields_json(db_col_int(p, 7)),
    "participants", db_col_type(p, 8)==DB_NULL ? json_null() : json_integer(db_col_int64(p, 8)),
    "project", project, "event", rows_text(p, 11),
    "expires", rows_text(p, 12), "expires_precision", rows_text(p, 13),
    "description", rows_text(p, 14), "sources", rows_array(p, 15), "links", rows_array(p, 16),
    "created_at", rows_text(p, 17), "updated_at", rows_text(p, 18));
  json_object_set_new(j, "event_id", rows_value(p, 20));
  json_object_set_new(j, "delegation_id", rows_value(p, 21));
  int n = 0;
  for(const char *z = db_text(p, 19); z && *z && n<EX_MAX_TIES; ){
    aTie[n++] = atoll(z);
    z = strchr(z, ',');
    if( z ) z++;
  }
  *pnTie = n;
  return j;
}

/* Add the ties and organisations of exchange id to j. */
static void ex_add_refs(Ctx *c, json_t *j, int64_t id, const int64_t *aTieId, int nTie){
  json_t *aTie = json_array();
  for(int i=0; i<nTie; i++){
    json_t *t = partner_ref(c, aTieId[i]);
    if( t ) json_array_append_new(aTie, t);
  }
  json_object_set_new(j, "ties", aTie);
  json_object_set_new(j, "organisations", org_refs_of(c, "SELECT org_id FROM exchange_org WHERE exchange_id=?1 ORDER BY org_id", id));
}

/* Add "ties" and "organisations" to every exchange of aItem as
** ex_add_refs() does for one, in a fixed number of statements whatever the
** number of items: the ties (aTieIds: per item, the JSON array of its tie
** ids as ex_row_json() gives them), the exchange_org rows of the items,
** their organisations. */
static YcStatus ex_list_refs(Ctx *c, json_t *aItem, json_t *aTieIds, Err *e){
  if( json_array_size(aItem)==0 ) return YC_OK;
  json_t *ties = 0, *orgs = 0, *byEx = json_object(), *x, *v;
  size_t i, k;
  char *zEx = page_ids(aItem, "id");
  Buf b = BUF_INIT;
  buf_putc(&b, '[');
  int bFirst = 1;
  json_array_foreach(aTieIds, i, x){
    json_array_foreach(x, k, v){ buf_printf(&b, "%s%lld", bFirst ? "" : ",", (long long)json_integer_value(v)); bFirst = 0; }
  }
  buf_putc(&b, ']');
  YcStatus st = partner_refs(c, buf_str(&b), &ties, e);
  buf_reset(&b);
  if( !st ){
    /* The organisations of each exchange (at most EX_MAX_ORGS, by id). */
    DbStmt *p = zEx ? db_stmt(c->db, "SELECT exchange_id, org_id FROM exchange_org"
                                     " WHERE exchange_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1)) ORDER BY exchange_id, org_id") : 0;
    if( !p ) st = db_error(c->db, DB_ERROR, e);
    else{
      db_bind_text(p, 1, zEx, -1);
      int rc;
      buf_putc(&b, '[');
      while( (rc = db_step(p))==DB_ROW ){
        const char *zKey = db_text(p, 0);
        json_t *a = json_object_get(byEx, zKey);
        if( !a ){ a = json_array(); json_object_set_new(byEx, zKey, a); }
        if( json_array_size(a)>=EX_MAX_ORGS ) continue;
        json_array_append_new(a, json_integer(db_col_int64(p, 1)));
        buf_printf(&b, "%s%lld", b.n>1 ? "," : "", (long long)db_col_int64(p, 1));
      }
      buf_putc(&b, ']');
      db_reset(p);
      if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
    }
  }
  if( !st ) st = org_refs(c, buf_str(&b), &orgs, e);
  if( !st ){
    json_array_foreach(aItem, i, x){
      json_t *aTie = json_array(), *aOrg = json_array(), *r;
      char z[24];
      json_array_foreach(json_array_get(aTieIds, i), k, v){
        snprintf(z, sizeof z, "%lld", (long long)json_integer_value(v));
        if( (r = json_object_get(ties, z)) ) json_array_append_new(aTie, json_deep_copy(r));
      }
      snprintf(z, sizeof z, "%lld", (long long)json_integer_value(json_object_get(x, "id")));
      json_array_foreach(json_object_get(byEx, z), k, v){
        char zOrg[24];
        snprintf(zOrg, sizeof zOrg, "%lld", (long long)json_integer_value(v));
        if( (r = json_object_get(orgs, zOrg)) ) json_array_append_new(aOrg, json_deep_copy(r));
      }
      json_object_set_new(x, "ties", aTie);
      json_object_set_new(x, "organisations", aOrg);
    }
  }
  json_decref(ties);
  json_decref(orgs);
  json_decref(byEx);
  buf_free(&b);
  free(zEx);
  return st;
}

/* Step p (rows of EX_COLUMNS, then the page's key columns when pg) into
** aItem (without ties and organisations) and the tie ids of each into
** aTieIds. */
static int ex_read(DbStmt *p, Page *pg, json_t *aItem, json_t *aTieIds){
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    if( pg && !page_row(pg, p, EX_NCOLUMNS) ) continue;
    int64_t aTie[EX_MAX_TIES];
    int nTie = 0;
    json_array_append_new(aItem, ex_row_json(p, aTie, &nTie));
    json_t *a = json_array();
    for(int k=0; k<nTie; k++) json_array_append_new(a, json_integer(aTie[k]));
    json_array_append_new(aTieIds, a);
  }
  db_reset(p);
  return rc;
}

YcStatus exchange_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " EX_COLUMNS " FROM exchange e WHERE e.id=?1 AND (?2 OR (" EX_PUBLIC "))");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_int(p, 2, ctx_signed_in(c));
  int rc = db_step(p);
  json_t *j = 0;
  int64_t aTie[EX_MAX_TIES];
  int nTie = 0;
  if( rc==DB_ROW ) j = ex_row_json(p, aTie, &nTie);
  db_reset(p);
  if( j ) ex_add_refs(c, j, id, aTie, nTie);
  if( j ) unit_attach(c, "exchange", j);
  if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no exchange with id %lld", (long long)id);
  if( rc!=DB_ROW ) return db_error(c->db, rc, e);
  *ppOut = j;
  return YC_OK;
}

/* ---------------------------------------------------------------------------
** List
*/
typedef struct ExWhere { Buf b; int64_t aInt[12]; int n; } ExWhere;

static void exw_add(ExWhere *w, const char *zSql, int64_t v){
  buf_puts(&w->b, " AND ");
  buf_printf(&w->b, zSql, w->n + 1);
  w->aInt[w->n++] = v;
}

/* The orders of azExchangeSort: newest first, oldest first. */
static const PageOrder aExchangeOrder[] = {
  {"exchanges:-date", {{"e.day_mid", PAGE_INT, 1}, {"e.id", PAGE_INT, 1}}},
  {"exchanges:date", {{"e.day_mid", PAGE_INT, 0}, {"e.id", PAGE_INT, 0}}},
};

YcStatus exchange_list(Ctx *c, const ExchangeQuery *q, json_t **ppOut, Err *e){
  *ppOut = 0;
  int iSort = 0;
  if( q->zSort && (iSort = in_enum_index(azExchangeSort, q->zSort))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "sort", "sort must be date or -date");
  Page pg;
  YcStatus st = page_begin(&pg, &aExchangeOrder[iSort], 0, q->zLimit, 50, 500, q->zCursor, e);
  if( st ) return st;
  ExWhere w = {BUF_INIT, {0}, 0};
  json_t *items = 0, *aTieIds = 0;
  int64_t v;
  const char *zPrec;
  int d0, dm, de, fromDay = 0, bFrom = 0;
  if( q->zTie ){
    if( !in_parse_id(q->zTie, &v) ){ st = err_set(e, YC_EINVALID, "invalid_value", "tie", "tie must be a partner tie id"); goto end; }
    exw_add(&w, "e.id IN (SELECT exchange_id FROM exchange_tie WHERE tie_id=?%d)", v);
  }
  if( q->zKind ){
    int k = in_enum_index(azExchangeKind, q->zKind);
    if( k<0 ){ st = err_set(e, YC_EINVALID, "invalid_value", "kind", "kind must be one of the exchange kinds (delegation_in, ...)"); goto end; }
    buf_printf(&w.b, " AND e.kind='%s'", azExchangeKind[k]);   /* a literal from the whitelist */
  }
  if( q->zField ){
    int k = in_enum_index(azExchangeField, q->zField);
    if( k<0 ){ st = err_set(e, YC_EINVALID, "invalid_value", "field", "field must be one of the fields of cooperation (economy_trade, ...)"); goto end; }
    exw_add(&w, "(e.fields & ?%d)<>0", 1<<k);
  }
  if( q->zFrom ){
    if( (st = in_date_parse("from", q->zFrom, &zPrec, e)) ) goto end;
    date_period(q->zFrom, &d0, &dm, &de);
    fromDay = d0; bFrom = 1;
    exw_add(&w, "e.day_end>=?%d", d0);
    exw_add(&w, "e.day_mid>=?%d", d0 - 200);
  }
  if( q->zTo ){
    if( (st = in_date_parse("to", q->zTo, &zPrec, e)) ) goto end;
    date_period(q->zTo, &d0, &dm, &de);
    if( bFrom && de<fromDay ){ st = err_set(e, YC_EINVALID, "invalid_range", "to", "to is before from"); goto end; }
    exw_add(&w, "e.day0<=?%d", de);
    exw_add(&w, "e.day_mid<=?%d", de + 200);
  }
  if( q->zSubstantive ){
    const char *z = q->zSubstantive;
    int b = strcmp(z, "1")==0 || strcmp(z, "true")==0 ? 1 : strcmp(z, "0")==0 || strcmp(z, "false")==0 ? 0 : -1;
    if( b<0 ){ st = err_set(e, YC_EINVALID, "invalid_value", "substantive", "substantive must be 1, 0, true or false"); goto end; }
    exw_add(&w, "e.substantive=?%d", b);
  }
  if( q->zProject ){
    if( !in_parse_id(q->zProject, &v) ){ st = err_set(e, YC_EINVALID, "invalid_value", "project", "project must be a project id"); goto end; }
    exw_add(&w, "e.project_id=?%d", v);
  }
  if( q->zUnit ){
    if( !in_parse_id(q->zUnit, &v) ){ st = err_set(e, YC_EINVALID, "invalid_value", "unit", "unit must be a unit id"); goto end; }
    exw_add(&w, "e.unit_id=?%d", v);
  }
  if( !ctx_signed_in(c) ) buf_puts(&w.b, " AND " EX_PUBLIC);
  Buf sql = BUF_INIT;
  buf_printf(&sql, "SELECT count(*) FROM exchange e WHERE 1%s", buf_str(&w.b));
  DbStmt *p = db_stmt(c->db, buf_str(&sql));
  if( !p ){ buf_free(&sql); st = db_error(c->db, DB_ERROR, e); goto end; }
  for(int i=0; i<w.n; i++) db_bind_int64(p, i+1, w.aInt[i]);
  int64_t nTotal = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  /* The page: EX_COLUMNS (EX_NCOLUMNS), then the sort keys. */
  buf_reset(&sql);
  buf_puts(&sql, "SELECT " EX_COLUMNS);
  page_sql_keys(&pg, &sql);
  buf_printf(&sql, " FROM exchange e WHERE 1%s", buf_str(&w.b));
  page_sql_tail(&pg, &sql, w.n + 1);
  p = db_stmt(c->db, buf_str(&sql));
  buf_free(&sql);
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  for(int i=0; i<w.n; i++) db_bind_int64(p, i+1, w.aInt[i]);
  page_bind(&pg, p, w.n + 1);
  items = json_array();
  aTieIds = json_array();
  int rc = ex_read(p, &pg, items, aTieIds);
  if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  if( (st = ex_list_refs(c, items, aTieIds, e)) ) goto end;
  unit_attach_items(c, "exchange", items);
  *ppOut = page_answer(&pg, items, nTotal, q->bPrev);
end:
  json_decref(items);
  json_decref(aTieIds);
  buf_free(&w.b);
  page_free(&pg);
  return st;
}

YcStatus exchange_for_tie(Ctx *c, int64_t tieId, int nMax, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " EX_COLUMNS " FROM exchange_tie et JOIN exchange e ON e.id=et.exchange_id"
                             " WHERE et.tie_id=?1 AND (?3 OR (" EX_PUBLIC "))"
                             " ORDER BY et.day_mid DESC, et.exchange_id DESC LIMIT ?2");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, tieId);
  db_bind_int(p, 2, nMax);
  db_bind_int(p, 3, ctx_signed_in(c));
  json_t *items = json_array(), *aTieIds = json_array();
  int rc = ex_read(p, 0, items, aTieIds);
  YcStatus st = rc==DB_DONE ? ex_list_refs(c, items, aTieIds, e) : db_error(c->db, rc, e);
  json_decref(aTieIds);
  if( st ){ json_decref(items); return st; }
  int64_t nTotal = 0;
  p = db_stmt(c->db, ctx_signed_in(c) ? "SELECT count(*) FROM exchange_tie WHERE tie_id=?1"
    : "SELECT count(*) FROM exchange_tie et JOIN exchange e ON e.id=et.exchange_id WHERE et.tie_id=?1 AND " EX_PUBLIC);
  if( p ){
    db_bind_int64(p, 1, tieId);
    if( db_step(p)==DB_ROW ) nTotal = db_col_int64(p, 0);
    db_reset(p);
  }
  *ppOut = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)nTotal);
  return YC_OK;
}

/* ---------------------------------------------------------------------------
** Writes
*/
YcStatus exchange_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e){
  ExIn x;
  *pId = 0;
  memset(&x, 0, sizeof x);
  json_t *rest = 0;
  int64_t unitId = 0;
  int bUnit = 0;
  YcStatus st = unit_take(c, in, &rest, &unitId, &bUnit, e);
  if( !st ) st = ex_from_json(rest, &x, e);
  if( !st ) st = ex_check(c, &x, 0, e);
  if( !st ){
    int64_t other = ex_duplicate(c, &x, 0);
    if( other ) st = err_set(e, YC_ECONFLICT, "duplicate", "title",
                             "an identical exchange (same date, kind, title and ties) exists: id %lld", (long long)other);
  }
  if( !st ) st = ex_write(c, &x, pId, 0, e);
  if( !st ) st = unit_set(c, "exchange", *pId, unitId, bUnit, 1, e);
  if( !st ){
    json_t *j = 0;
    st = exchange_get(c, *pId, &j, e);
    if( !st ) st = audit_log(c, "create", "exchange", *pId, 0, j, e);
    json_decref(j);
  }
  ex_free(&x);
  json_decref(rest);
  return st;
}

/* Ties of stored exchange id (into a, at most EX_MAX_TIES). */
static int ex_ties(Ctx *c, int64_t id, int64_t *a){
  return exchange_tie_ids(c, id, a, EX_MAX_TIES);
}

YcStatus exchange_create(Ctx *c, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  int64_t id = 0, aTie[EX_MAX_TIES];
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = exchange_create_tx(c, in, &id, e);
  if( !st ) st = health_refresh_ties(c, aTie, ex_ties(c, id, aTie), e);
  if( !st ) st = db_commit(c->db, e);
  if( st ){ db_rollback(c->db); return st; }
  return exchange_get(c, id, ppOut, e);
}

/* YC_ECONFLICT when stored exchange id is owned by an event or a
** delegation (exchange_sync_owned keeps it): a hand change would be undone
** by the next change of its owner. YC_OK otherwise (also when there is no
** such exchange: the caller reports that). */
static YcStatus ex_refuse_owned(Ctx *c, int64_t id, Err *e){
  DbStmt *p = db_stmt(c->db, "SELECT event_id, delegation_id FROM exchange WHERE id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  int64_t ev = 0, dl = 0;
  if( db_step(p)==DB_ROW ){
    ev = db_col_int64(p, 0);
    dl = db_col_int64(p, 1);
  }
  db_reset(p);
  if( ev ) return err_set(e, YC_ECONFLICT, "owned", "event_id",
                          "made by event %lld: change the event", (long long)ev);
  if( dl ) return err_set(e, YC_ECONFLICT, "owned", "delegation_id",
                          "made by delegation %lld: change the delegation", (long long)dl);
  return YC_OK;
}

/* The input form of a stored exchange (for merging a partial update). */
static json_t *ex_as_input(json_t *j){
  json_t *in = json_object();
  static const char *const azCopy[] = {"title", "kind", "date", "fields", "participants", "event",
    "expires", "description", "sources", "links", 0};
  for(int i=0; azCopy[i]; i++){
    json_t *v = json_object_get(j, azCopy[i]);
    if( v && !json_is_null(v) ) json_object_set(in, azCopy[i], v);
  }
  if( json_is_true(json_object_get(j, "substantive_overridden")) )
    json_object_set(in, "substantive", json_object_get(j, "substantive"));
  json_t *a = json_array(), *x;
  size_t i;
  json_array_foreach(json_object_get(j, "ties"), i, x) json_array_append(a, json_object_get(x, "id"));
  json_object_set_new(in, "ties", a);
  a = json_array();
  json_array_foreach(json_object_get(j, "organisations"), i, x) json_array_append(a, json_object_get(x, "id"));
  json_object_set_new(in, "organisations", a);
  json_t *proj = json_object_get(j, "project");
  if( json_is_object(proj) ) json_object_set(in, "project_id", json_object_get(proj, "id"));
  return in;
}

YcStatus exchange_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0, *jAfter = 0, *merged = 0;
  ExIn x;
  memset(&x, 0, sizeof x);
  int64_t aTie[2*EX_MAX_TIES];
  int nTie = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = exchange_get(c, id, &jBefore, e);
  if( !st ) st = ex_refuse_owned(c, id, e);
  if( !st && !json_is_object(in) ) st = err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  json_t *rest = 0;
  int64_t unitId = 0;
  int bUnit = 0;
  if( !st ) st = unit_take(c, in, &rest, &unitId, &bUnit, e);
  if( !st ) st = in_known_fields(rest, azExField, e);
  if( !st ){
    merged = ex_as_input(jBefore);
    static const char *const azKeep[] = {"title", "kind", "date", 0};
    in_patch(merged, rest, azKeep);
    nTie = ex_ties(c, id, aTie);
    st = ex_from_json(merged, &x, e);
  }
  if( !st ) st = ex_check(c, &x, 0, e);
  if( !st ){
    int64_t other = ex_duplicate(c, &x, id);
    if( other ) st = err_set(e, YC_ECONFLICT, "duplicate", "title",
                             "an identical exchange (same date, kind, title and ties) exists: id %lld", (long long)other);
  }
  if( !st ) st = ex_write(c, &x, &id, 0, e);
  if( !st ) st = unit_set(c, "exchange", id, unitId, bUnit, 0, e);
  if( !st ){
    for(int i=0; i<x.nTie; i++) aTie[nTie++] = x.aTie[i];
    st = health_refresh_ties(c, aTie, nTie, e);
  }
  if( !st ) st = exchange_get(c, id, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "exchange", id, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  ex_free(&x);
  json_decref(rest);
  json_decref(merged);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  *ppOut = jAfter;
  return YC_OK;
}

YcStatus exchange_delete(Ctx *c, int64_t id, Err *e){
  json_t *jBefore = 0;
  int64_t aTie[EX_MAX_TIES];
  int nTie = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = exchange_get(c, id, &jBefore, e);
  if( !st ) st = ex_refuse_owned(c, id, e);
  if( !st ){
    nTie = ex_ties(c, id, aTie);
    int64_t a[1] = {id};
    st = ex_unlink_ties(c, id, e);
    if( !st ) st = stmt_run(c->db, "DELETE FROM exchange WHERE id=?1", a, 1, e);
  }
  if( !st ) st = health_refresh_ties(c, aTie, nTie, e);
  if( !st ) st = audit_log(c, "delete", "exchange", id, jBefore, 0, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  return st;
}

/* ---------------------------------------------------------------------------
** Owned exchanges: the one exchange of an event or a delegation.
*/
YcStatus exchange_sync_owned(Ctx *c, const char *zOwner, int64_t ownerId, json_t *in, int64_t *pId, Err *e){
  *pId = 0;
  const char *zFind, *zSet;
  if( zOwner && strcmp(zOwner, "event")==0 ){
    zFind = "SELECT id FROM exchange WHERE event_id=?1";
    zSet = "UPDATE exchange SET event_id=?2 WHERE id=?1";
  }else if( zOwner && strcmp(zOwner, "delegation")==0 ){
    zFind = "SELECT id FROM exchange WHERE delegation_id=?1";
    zSet = "UPDATE exchange SET delegation_id=?2 WHERE id=?1";
  }else{
    return err_set(e, YC_EINTERNAL, 0, 0, "exchange_sync_owned: owner must be event or delegation");
  }
  if( !db_in_txn(c->db) ) return err_set(e, YC_EINTERNAL, 0, 0, "exchange_sync_owned: no transaction");
  DbStmt *p = db_stmt(c->db, zFind);
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, ownerId);
  int64_t id = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  int64_t aTie[2*EX_MAX_TIES];
  int nTie = id ? ex_ties(c, id, aTie) : 0;
  json_t *jBefore = 0, *jAfter = 0;
  YcStatus st = YC_OK;
  if( id ) st = exchange_get(c, id, &jBefore, e);
  if( !st && !in ){
    if( id ){
      int64_t a[1] = {id};
      st = ex_unlink_ties(c, id, e);
      if( !st ) st = stmt_run(c->db, "DELETE FROM exchange WHERE id=?1", a, 1, e);
      if( !st ) st = audit_log(c, "delete", "exchange", id, jBefore, 0, e);
    }
  }else if( !st ){
    ExIn x;
    st = ex_from_json(in, &x, e);
    if( !st ) st = ex_check(c, &x, 0, e);
    /* No duplicate check: the owner is the one source of this entry. */
    if( !st ) st = ex_write(c, &x, &id, 0, e);
    if( !st && !jBefore ){
      int64_t a[2] = {id, ownerId};
      st = stmt_run(c->db, zSet, a, 2, e);
    }
    if( !st ) for(int i=0; i<x.nTie; i++) aTie[nTie++] = x.aTie[i];
    ex_free(&x);
    if( !st ) st = exchange_get(c, id, &jAfter, e);
    if( !st ) st = audit_log(c, jBefore ? "update" : "create", "exchange", id, jBefore, jAfter, e);
    if( !st ) *pId = id;
  }
  if( !st ) st = health_refresh_ties(c, aTie, nTie, e);
  json_decref(jBefore);
  json_decref(jAfter);
  return st;
}

/* ---------------------------------------------------------------------------
** Agreements
*/
YcStatus agreement_list(Ctx *c, const char *zWithin, const char *zTie, json_t **ppOut, Err *e){
  *ppOut = 0;
  long nMonths = 0;
  int64_t tie = 0;
  if( zWithin && (!page_uint(zWithin, 600, &nMonths) || nMonths<1) )
    return err_set(e, YC_EINVALID, "invalid_value", "expiring_within_months", "expiring_within_months must be an integer from 1 to 600");
  if( zTie && !in_parse_id(zTie, &tie) )
    return err_set(e, YC_EINVALID, "invalid_value", "tie", "tie must be a partner tie id");
  int today = date_today();
  DbStmt *p = db_stmt(c->db,
    "SELECT " EX_COLUMNS " FROM exchange e WHERE e.kind='agreement'"
    " AND (?1=0 OR (e.expires_day0 IS NOT NULL AND e.expires_day0<=?3 AND e.expires_day_end>=?2))"
    " AND (?4=0 OR e.id IN (SELECT exchange_id FROM exchange_tie WHERE tie_id=?4))"
    " ORDER BY e.expires_day0 IS NULL, e.expires_day0, e.day_mid DESC, e.id LIMIT ?5");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int(p, 1, nMonths>0);
  db_bind_int(p, 2, today);
  db_bind_int(p, 3, nMonths>0 ? date_add_months(today, (int)nMonths) : 0);
  db_bind_int64(p, 4, tie);
  db_bind_int(p, 5, 1000);
  json_t *items = json_array(), *aTieIds = json_array();
  int rc = ex_read(p, 0, items, aTieIds);
  YcStatus st = rc==DB_DONE ? ex_list_refs(c, items, aTieIds, e) : db_error(c->db, rc, e);
  json_decref(aTieIds);
  if( st ){ json_decref(items); return st; }
  int n = (int)json_array_size(items);
  for(int i=0; i<n; i++){
    json_t *x = json_array_get(items, (size_t)i);
    /* In force: no expiry, or not expired yet. */
    const char *zExp = json_string_value(json_object_get(x, "expires"));
    int d0 = 0, dm, de = 0;
    if( zExp ) date_period(zExp, &d0, &dm, &de);
    json_object_set_new(x, "in_force", json_boolean(!zExp || de>=today));
    if( zExp ){
      json_object_set_new(x, "months_left", json_integer(d0>=today ? date_months_between(today, d0) : 0));
    }
  }
  *ppOut = json_pack("{s:o, s:i}", "items", items, "total", n);
  return YC_OK;
}

/* ---------------------------------------------------------------------------
** CSV import
*/
#define XI_MAX_COLS 24
#define XI_MAX_ERRORS 100

static const char *const azXiCol[] = {"date", "kind", "title", "tie_id", "partner_city_id", "fields",
  "substantive", "participants", "org_ids", "project_id", "event", "expires", "description", "sources", "links", 0};
enum { XI_DATE, XI_KIND, XI_TITLE, XI_TIE, XI_CITY, XI_FIELDS, XI_SUBST, XI_PART, XI_ORGS, XI_PROJECT,
       XI_EVENT, XI_EXPIRES, XI_DESC, XI_SOURCES, XI_LINKS };

/* A set of 64-bit fingerprints (open addressing; 0 stands for 1). */
typedef struct FpSet { uint64_t *a; size_t nSlot, n; } FpSet;

/* 1 if h was added, 0 if it was there, -1 out of memory. */
static int fpset_add(FpSet *s, uint64_t h){
  if( h==0 ) h = 1;
  if( 2*(s->n + 1)>s->nSlot ){
    size_t nNew = s->nSlot ? 2*s->nSlot : 1<<16;
    uint64_t *a = calloc(nNew, sizeof(uint64_t));
    if( !a ) return -1;
    for(size_t i=0; i<s->nSlot; i++){
      if( !s->a[i] ) continue;
      size_t k = (size_t)(s->a[i] * 0x9E3779B97F4A7C15ULL) & (nNew - 1);
      while( a[k] ) k = (k + 1) & (nNew - 1);
      a[k] = s->a[i];
    }
    free(s->a);
    s->a = a;
    s->nSlot = nNew;
  }
  size_t k = (size_t)(h * 0x9E3779B97F4A7C15ULL) & (s->nSlot - 1);
  while( s->a[k] ){
    if( s->a[k]==h ) return 0;
    k = (k + 1) & (s->nSlot - 1);
  }
  s->a[k] = h;
  s->n++;
  return 1;
}

static int et_cmp(const void *pa, const void *pb){
  const EtRow *a = pa, *b = pb;
  if( a->tie!=b->tie ) return a->tie<b->tie ? -1 : 1;
  if( a->mid!=b->mid ) return a->mid<b->mid ? -1 : 1;
  return a->ex<b->ex ? -1 : a->ex>b->ex;
}

typedef struct XiCtx {
  Ctx *c;
  TieSet ties;
  FpSet seen;                  /* fingerprints stored or imported */
  EtBuf et;                    /* exchange_tie rows, inserted sorted at the end */
  int aCol[XI_MAX_COLS];
  int nCol;
  char *azField[XI_MAX_COLS];
  size_t anField[XI_MAX_COLS], anAlloc[XI_MAX_COLS];
  int nField, bTooMany;
  int iRow, nRows, nCreated, nSkipped, nErr;
  int bHeaderBad;
  json_t *aErr;
  YcStatus stFatal;
  Err eFatal;
} XiCtx;

static void xi_error(XiCtx *x, const char *zField, const char *zCode, const char *zMsg){
  x->nErr++;
  if( json_array_size(x->aErr)>=XI_MAX_ERRORS ) return;
  json_array_append_new(x->aErr, json_pack("{s:i, s:s, s:s, s:s}", "row", x->iRow,
    "field", zField ? zField : "", "code", zCode, "message", zMsg));
}

static void xi_field(void *s, size_t n, void *p){
  XiCtx *x = p;
  if( x->nField>=XI_MAX_COLS ){ x->bTooMany = 1; return; }
  int i = x->nField;
  if( n + 1>x->anAlloc[i] ){
    size_t nNew = n + 64;
    char *z = realloc(x->azField[i], nNew);
    if( !z ){ x->bTooMany = 1; return; }
    x->azField[i] = z;
    x->anAlloc[i] = nNew;
  }
  if( n ) memcpy(x->azField[i], s, n);
  x->azField[i][n] = 0;
  x->anField[i] = n;
  x->nField++;
}

static void xi_header(XiCtx *x){
  x->nCol = x->nField;
  int aSeen[XI_MAX_COLS] = {0};
  for(int i=0; i<x->nField; i++){
    char *z = x->azField[i];
    if( i==0 && (unsigned char)z[0]==0xEF && (unsigned char)z[1]==0xBB && (unsigned char)z[2]==0xBF )
      memmove(z, z+3, strlen(z+3)+1);
    int k = in_enum_index(azXiCol, z);
    x->aCol[i] = k;
    char zMsg[160];
    if( k<0 ){
      snprintf(zMsg, sizeof zMsg, "unknown column '%.60s' (columns: date, kind, title, tie_id, partner_city_id, ...)",
               text_utf8_valid(z, strlen(z)) ? z : "?");
      xi_error(x, text_utf8_valid(z, strlen(z)) ? z : "", "unknown_column", zMsg);
      x->bHeaderBad = 1;
    }else if( aSeen[k]++ ){
      xi_error(x, z, "duplicate_column", "column appears twice");
      x->bHeaderBad = 1;
    }
  }
  static const int aReq[] = {XI_DATE, XI_KIND, XI_TITLE};
  for(int i=0; i<3; i++){
    if( !aSeen[aReq[i]] ){
      char zMsg[80];
      snprintf(zMsg, sizeof zMsg, "the header needs a %s column", azXiCol[aReq[i]]);
      xi_error(x, azXiCol[aReq[i]], "missing_column", zMsg);
      x->bHeaderBad = 1;
    }
  }
  if( !aSeen[XI_TIE] && !aSeen[XI_CITY] ){
    xi_error(x, "tie_id", "missing_column", "the header needs a tie_id or a partner_city_id column");
    x->bHeaderBad = 1;
  }
}

/* Split z at zSep into ids; an error names zField. */
static YcStatus xi_ids(const char *z, const char *zField, int64_t *a, int nMax, int *pn, Err *e){
  *pn = 0;
  while( *z ){
    const char *zEnd = strchr(z, ';');
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    while( n && z[0]==' ' ){ z++; n--; }
    while( n && z[n-1]==' ' ) n--;
    char zNum[24];
    if( n==0 || n>18 ) return err_set(e, YC_EINVALID, "wrong_type", zField, "%s must be ids separated by ;", zField);
    memcpy(zNum, z, n);
    zNum[n] = 0;
    int64_t v;
    if( !in_parse_id(zNum, &v) ) return err_set(e, YC_EINVALID, "wrong_type", zField, "%s must be ids separated by ;", zField);
    for(int i=0; i<*pn; i++) if( a[i]==v ) return err_set(e, YC_EINVALID, "duplicate_item", zField, "%s lists %lld twice", zField, (long long)v);
    if( *pn>=nMax ) return err_set(e, YC_EINVALID, "too_many", zField, "%s has more than %d ids", zField, nMax);
    a[(*pn)++] = v;
    if( !zEnd ) break;
    z = zEnd + 1;
  }
  return YC_OK;
}

/* " | "-separated strings as a JSON array text (malloc'd) into *pz. */
static YcStatus xi_list(const char *z, const char *zField, int bUrl, char **pz, Err *e){
  json_t *a = json_array();
  YcStatus st = YC_OK;
  while( *z && !st ){
    const char *zEnd = strstr(z, " | ");
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    char *zItem = strndup(z, n);
    if( !zItem ){ st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); break; }
    if( json_array_size(a)>=20 ) st = err_set(e, YC_EINVALID, "too_many", zField, "%s has more than 20 items", zField);
    if( !st ) st = in_text(zField, zItem, 2000, 0, e);
    if( !st ) json_array_append_new(a, json_string(zItem));
    free(zItem);
    z += n + (zEnd ? 3 : 0);
  }
  if( !st && bUrl ) st = in_urls(a, zField, e);
  if( !st && json_array_size(a) ) *pz = json_text(a, JSON_COMPACT);
  json_decref(a);
  return st;
}

/* Parse the cells of the current row into x. */
static YcStatus xi_parse(XiCtx *xc, ExIn *x, Err *e){
  YcStatus st = YC_OK;
  memset(x, 0, sizeof *x);
  x->iSubst = -1;
  for(int i=0; i<xc->nField && !st; i++){
    int k = xc->aCol[i];
    const char *z = xc->azField[i];
    if( k<0 || !*z ) continue;
    const char *zCol = azXiCol[k];
    switch( k ){
      case XI_DATE:
        if( !text_utf8_valid(z, xc->anField[i]) ) st = err_set(e, YC_EINVALID, "invalid_utf8", zCol, "not valid UTF-8");
        x->zDate = z;
        break;
      case XI_KIND:
        if( (x->iKind = in_enum_index(azExchangeKind, z))<0 )
          st = err_set(e, YC_EINVALID, "invalid_value", zCol, "kind must be one of: delegation_in, delegation_out, agreement,"
                       " event, online_meeting, education, culture, tourism, trade_mission, health, sports, youth, other");
        else x->zKind = azExchangeKind[x->iKind];
        break;
      case XI_TITLE:
        if( !(st = in_text(zCol, z, 300, 0, e)) ) x->zTitle = z;
        break;
      case XI_TIE: {
        int64_t a[EX_MAX_TIES];
        int n;
        if( (st = xi_ids(z, zCol, a, EX_MAX_TIES, &n, e)) ) break;
        for(int j=0; j<n && !st; j++){
          if( !tieset_has(&xc->ties, a[j]) )
            st = err_set(e, YC_EINVALID, "unknown_tie", zCol, "no partner tie with id %lld", (long long)a[j]);
          int bDup = 0;
          for(int m=0; m<x->nTie; m++) if( x->aTie[m]==a[j] ) bDup = 1;
          if( !st && !bDup && x->nTie<EX_MAX_TIES ) x->aTie[x->nTie++] = a[j];
        }
        break;
      }
      case XI_CITY: {
        int64_t a[EX_MAX_TIES];
        int n;
        if( (st = xi_ids(z, zCol, a, EX_MAX_TIES, &n, e)) ) break;
        for(int j=0; j<n && !st; j++){
          int64_t t = tieset_city(&xc->ties, a[j]);
          if( !t ) st = err_set(e, YC_EINVALID, "unknown_tie", zCol, "no partner tie with the city of GeoNames id %lld", (long long)a[j]);
          int bDup = 0;
          for(int m=0; m<x->nTie; m++) if( x->aTie[m]==t ) bDup = 1;
          if( !st && !bDup && x->nTie<EX_MAX_TIES ) x->aTie[x->nTie++] = t;
        }
        break;
      }
      case XI_FIELDS:
        x->bFieldsSet = 1;
        for(const char *s = z; !st; ){
          const char *zEnd = strchr(s, ';');
          size_t n = zEnd ? (size_t)(zEnd - s) : strlen(s);
          const char *t = s;
          char zF[40];
          while( n && *t==' ' ){ t++; n--; }
          while( n && t[n-1]==' ' ) n--;
          int f = -1;
          if( n<sizeof zF ){ memcpy(zF, t, n); zF[n] = 0; f = in_enum_index(azExchangeField, zF); }
          if( f<0 ) st = err_set(e, YC_EINVALID, "invalid_value", zCol, "fields must be field names separated by ;"
                                 " (economy_trade, science_technology, education, culture, health, tourism, environment,"
                                 " government, youth, sports)");
          else x->fields |= 1<<f;
          if( !zEnd ) break;
          s = zEnd + 1;
        }
        break;
      case XI_SUBST:
        if( strcmp(z, "1")==0 || strcmp(z, "true")==0 ) x->iSubst = 1;
        else if( strcmp(z, "0")==0 || strcmp(z, "false")==0 ) x->iSubst = 0;
        else st = err_set(e, YC_EINVALID, "wrong_type", zCol, "substantive must be 1, 0, true, false or empty (the kind's default)");
        break;
      case XI_PART: {
        long v;
        if( !page_uint(z, 1000000, &v) ) st = err_set(e, YC_EINVALID, "wrong_type", zCol, "participants must be a number from 0 to 1000000");
        else { x->participants = v; x->bPart = 1; }
        break;
      }
      case XI_ORGS:
        st = xi_ids(z, zCol, x->aOrg, EX_MAX_ORGS, &x->nOrg, e);
        break;
      case XI_PROJECT:
        if( !in_parse_id(z, &x->projectId) ) st = err_set(e, YC_EINVALID, "wrong_type", zCol, "project_id must be a project id");
        break;
      case XI_EVENT:
        if( !(st = in_text(zCol, z, 200, 0, e)) ) x->zEvent = z;
        break;
      case XI_EXPIRES:
        if( !text_utf8_valid(z, xc->anField[i]) ) st = err_set(e, YC_EINVALID, "invalid_utf8", zCol, "not valid UTF-8");
        x->zExpires = z;
        break;
      case XI_DESC:
        if( !(st = in_text(zCol, z, 20000, 1, e)) ) x->zDesc = z;
        break;
      case XI_SOURCES:
        st = xi_list(z, zCol, 0, &x->zSources, e);
        break;
      case XI_LINKS:
        st = xi_list(z, zCol, 1, &x->zLinks, e);
        break;
    }
  }
  if( st ) return st;
  if( !x->zDate ) return err_set(e, YC_EINVALID, "required", "date", "date is required");
  if( !x->zKind ) return err_set(e, YC_EINVALID, "required", "kind", "kind is required");
  if( !x->zTitle ) return err_set(e, YC_EINVALID, "required", "title", "title is required");
  return YC_OK;
}

static void xi_row_data(XiCtx *xc){
  xc->nRows++;
  if( xc->bTooMany || xc->nField!=xc->nCol ){
    char zMsg[120];
    snprintf(zMsg, sizeof zMsg, "row has %d fields, the header has %d", xc->nField, xc->nCol);
    xi_error(xc, "", "wrong_field_count", zMsg);
    return;
  }
  ExIn x;
  Err e;
  memset(&e, 0, sizeof e);
  YcStatus st = xi_parse(xc, &x, &e);
  if( !st ) st = ex_check(xc->c, &x, &xc->ties, &e);
  int64_t id = 0;
  int bNew = 1;
  if( !st ){
    bNew = fpset_add(&xc->seen, (uint64_t)x.fingerprint);
    if( bNew<0 ) st = err_set(&e, YC_EINTERNAL, 0, 0, "out of memory");
  }
  if( !st && bNew ) st = ex_write(xc->c, &x, &id, &xc->et, &e);
  ex_free(&x);
  if( st==YC_EINTERNAL ){ xc->stFatal = st; xc->eFatal = e; return; }
  if( st ){ xi_error(xc, e.zField, e.zCode, e.zMsg); return; }
  if( bNew ) xc->nCreated++;
  else xc->nSkipped++;
}

static void xi_row(int ch, void *p){
  XiCtx *x = p;
  (void)ch;
  x->iRow++;
  if( x->nField==1 && x->anField[0]==0 ){ x->nField = 0; x->bTooMany = 0; return; }   /* blank line */
  if( x->iRow==1 ) xi_header(x);
  else if( x->stFatal==YC_OK && !x->bHeaderBad ) xi_row_data(x);
  x->nField = 0;
  x->bTooMany = 0;
}

static int tieset_cmp(const void *a, const void *b){
  int64_t x = ((const int64_t*)a)[0], y = ((const int64_t*)b)[0];
  return x<y ? -1 : x>y;
}

/* Load the home ties into s (sorted by id, and by partner city). */
static YcStatus tieset_load(Ctx *c, TieSet *s, Err *e){
  memset(s, 0, sizeof *s);
  DbStmt *p = db_stmt(c->db, "SELECT count(*) FROM tie WHERE home_city_id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, c->homeCityId);
  int n = db_step(p)==DB_ROW ? db_col_int(p, 0) : 0;
  db_reset(p);
  s->aId = malloc(sizeof(int64_t)*(size_t)(n + 1));
  s->aCity = malloc(sizeof(s->aCity[0])*(size_t)(n + 1));
  if( !s->aId || !s->aCity ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  p = db_stmt(c->db, "SELECT id, partner_city_id FROM tie WHERE home_city_id=?1 ORDER BY id");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, c->homeCityId);
  while( db_step(p)==DB_ROW && s->n<n ){
    s->aId[s->n] = db_col_int64(p, 0);
    s->aCity[s->n][0] = db_col_int64(p, 1);
    s->aCity[s->n][1] = s->aId[s->n];
    s->n++;
  }
  db_reset(p);
  qsort(s->aCity, (size_t)s->n, sizeof(s->aCity[0]), tieset_cmp);
  return YC_OK;
}

YcStatus exchange_import(Ctx *c, const char *zData, size_t nData, int bDryRun,
                         json_t **ppReport, Err *e){
  *ppReport = 0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  XiCtx x;
  memset(&x, 0, sizeof x);
  x.c = c;
  x.aErr = json_array();
  YcStatus st = tieset_load(c, &x.ties, e);
  struct csv_parser csv;
  int bCsv = 0;
  if( !st ){
    if( csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)!=0 ) st = err_set(e, YC_EINTERNAL, 0, 0, "csv_init failed");
    else bCsv = 1;
  }
  /* Every reference is checked before it is written (ties against the
  ** preloaded set, organisations and projects by query), so the per-row
  ** foreign-key lookups are switched off for the import (they can only be
  ** switched outside a transaction), and the page cache is enlarged so
  ** that a million random index inserts do not spill to disk. */
  if( !st ){
    db_exec(c->db, "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-262144", 0);
    st = db_begin(c->db, e);
  }
  if( !st ){
    /* The fingerprints already stored: a row equal to one is skipped. */
    DbStmt *p = db_stmt(c->db, "SELECT fingerprint FROM exchange");
    if( !p ) st = db_error(c->db, DB_ERROR, e);
    while( !st && db_step(p)==DB_ROW ){
      if( fpset_add(&x.seen, (uint64_t)db_col_int64(p, 0))<0 ) st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
    }
    if( p ) db_reset(p);
    if( st ) db_rollback(c->db);
  }
  if( !st ){
    if( csv_parse(&csv, zData, nData, xi_field, xi_row, &x)!=nData || csv_fini(&csv, xi_field, xi_row, &x)!=0 ){
      char zMsg[160];
      snprintf(zMsg, sizeof zMsg, "malformed CSV: %s", csv_strerror(csv_error(&csv)));
      x.iRow++;
      xi_error(&x, "", "malformed_csv", zMsg);
    }
    if( x.iRow==0 ) xi_error(&x, "", "empty_file", "the file has no header row");
    else if( x.nRows==0 && x.nErr==0 ) xi_error(&x, "", "no_rows", "the file has a header but no data rows");
    if( x.stFatal ){ st = x.stFatal; *e = x.eFatal; }
  }
  int bWrite = !st && x.nErr==0 && !bDryRun;
  if( bWrite ){
    /* The tie rows in key order: appends instead of random inserts. */
    if( x.et.n ) qsort(x.et.a, x.et.n, sizeof(EtRow), et_cmp);
    for(size_t i=0; i<x.et.n && !st; i++) st = et_insert(c, &x.et.a[i], e);
    int nTie = 0;
    if( !st ) st = health_recompute_all(c, date_today(), &nTie, e);
    if( !st ){
      json_t *jA = json_pack("{s:i, s:i, s:i}", "rows", x.nRows, "created", x.nCreated, "skipped", x.nSkipped);
      st = audit_log(c, "import", "exchange", 0, 0, jA, e);
      json_decref(jA);
    }
    if( !st ) st = db_commit(c->db, e);
  }
  if( !bWrite || st ) db_rollback(c->db);
  db_exec(c->db, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-2000", 0);
  if( bCsv ) csv_free(&csv);
  for(int i=0; i<XI_MAX_COLS; i++) free(x.azField[i]);
  free(x.seen.a);
  free(x.et.a);
  free(x.ties.aId);
  free(x.ties.aCity);
  if( st ){ json_decref(x.aErr); return st; }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec)/1e9;
  *ppReport = json_pack("{s:i, s:i, s:i, s:i, s:i, s:o, s:b, s:f}", "rows", x.nRows,
    "created", bWrite ? x.nCreated : 0, "would_create", x.nCreated, "skipped", x.nSkipped,
    "error_count", x.nErr, "errors", x.aErr, "dry_run", bDryRun, "seconds", secs);
  if( x.nErr ){
    json_t *e0 = json_array_get(x.aErr, 0);
    return err_set(e, YC_EINVALID, "import_failed", json_string_value(json_object_get(e0, "field")),
                   "%d row error(s); nothing imported. First (row %d): %s", x.nErr,
                   (int)json_integer_value(json_object_get(e0, "row")),
                   json_string_value(json_object_get(e0, "message")));
  }
  return YC_OK;
}

/*
** search.c: the site-wide search; see search.h. Each group runs its FTS
** tables with the same MATCH expression (text_fts_query), keeps the best
** rows by bm25 (summed when an entity has rows in two tables), then reads
** the names of the few it returns.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/page.h"
#include "core/search.h"
#include "core/input.h"
#include "store/rows.h"
#include "base/buf.h"
#include "text/norm.h"

const char *const azSearchParam[] = {"q", "types", "limit", 0};

typedef struct Hit { int64_t id; double r; } Hit;

static int hit_cmp(const void *a, const void *b){
  const Hit *x = a, *y = b;
  if( x->r!=y->r ) return x->r > y->r ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Add the best rows of FTS table zTable for the MATCH expression zFts to
** aHit (summing repeated ids): bm25 (with the column weights zWeights)
** over the matching rows, or, when more than SEARCH_WINDOW rows match,
** over the SEARCH_WINDOW most recent of them (a broad query: its newest
** records first; bm25 over every row would cost a lookup per row). */
#define SEARCH_WINDOW 250
/* zHide: a fixed condition on rowid leaving out what the caller does not
** see (records not published, for anonymous callers), or "". */
static int collect(Ctx *c, const char *zTable, const char *zWeights, const char *zHide, const char *zFts, int nMax,
                   Hit *aHit, int *pn, int nAlloc){
  char zSql[512];
  snprintf(zSql, sizeof zSql, "SELECT rowid FROM %s WHERE %s MATCH ?1%s ORDER BY rowid DESC LIMIT ?2",
           zTable, zTable, zHide);
  DbStmt *p = db_stmt(c->db, zSql);
  if( !p ) return -1;
  db_bind_text(p, 1, zFts, -1);
  db_bind_int(p, 2, SEARCH_WINDOW + 1);
  int n = 0, rc;
  int64_t iLow = 0;
  while( (rc = db_step(p))==DB_ROW ){
    if( n++<SEARCH_WINDOW ) iLow = db_col_int64(p, 0);
  }
  db_reset(p);
  if( rc!=DB_DONE ) return -1;
  if( n==0 ) return 0;
  snprintf(zSql, sizeof zSql, "SELECT rowid, bm25(%s%s) AS r FROM %s WHERE %s MATCH ?1 AND rowid>=?3%s ORDER BY r LIMIT ?2",
           zTable, zWeights, zTable, zTable, zHide);
  p = db_stmt(c->db, zSql);
  if( !p ) return -1;
  db_bind_text(p, 1, zFts, -1);
  db_bind_int(p, 2, nMax);
  db_bind_int64(p, 3, n>SEARCH_WINDOW ? iLow : 0);
  while( (rc = db_step(p))==DB_ROW ){
    int64_t id = db_col_int64(p, 0);
    double r = -db_col_double(p, 1);
    int k;
    for(k=0; k<*pn && aHit[k].id!=id; k++){}
    if( k<*pn ) aHit[k].r += r;
    else if( *pn<nAlloc ){ aHit[*pn].id = id; aHit[*pn].r = r; (*pn)++; }
  }
  db_reset(p);
  return rc==DB_DONE ? 0 : -1;
}

YcStatus search_run(Ctx *c, const char *zQ, const char *zTypes, const char *zLimit,
                    json_t **ppOut, Err *e){
  *ppOut = 0;
  int nLimit;
  { YcStatus stLimit = page_limit(zLimit, 5, 50, &nLimit, e); if( stLimit ) return stLimit; }
  if( !zQ ) return err_set(e, YC_EINVALID, "required", "q", "q is required");
  if( strlen(zQ)>200 ) return err_set(e, YC_EINVALID, "too_long", "q", "q is too long (at most 200 bytes)");
  if( !text_utf8_valid(zQ, strlen(zQ)) ) return err_set(e, YC_EINVALID, "invalid_utf8", "q", "q is not valid UTF-8");
  int mask = 7;
  if( zTypes ){
    mask = 0;
    for(const char *z = zTypes; *z; ){
      const char *zEnd = strchr(z, ',');
      size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
      if( n==8 && strncmp(z, "partners", 8)==0 ) mask |= 1;
      else if( n==4 && strncmp(z, "orgs", 4)==0 ) mask |= 2;
      else if( n==13 && strncmp(z, "opportunities", 13)==0 ) mask |= 4;
      else return err_set(e, YC_EINVALID, "invalid_value", "types", "types must be a list of partners, orgs, opportunities");
      z += n + (zEnd ? 1 : 0);
    }
  }
  char *zFts = text_fts_query(zQ);
  if( !zFts ){
    int bBlank = 1;
    for(const char *z = zQ; *z; z++) if( *z!=' ' ) bBlank = 0;
    if( bBlank ) return err_set(e, YC_EINVALID, "empty", "q", "q must not be empty");
  }
  json_t *out = json_pack("{s:s, s:[], s:[], s:[]}", "q", zQ, "partners", "orgs", "opportunities");
  YcStatus st = YC_OK;
  int nAlloc = (int)nLimit*4 + 8;
  Hit *aHit = calloc((size_t)nAlloc, sizeof(Hit));
  if( !aHit ){ free(zFts); json_decref(out); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
  int nFetch = (int)nLimit*2;
  /* Anonymous callers: only published organisations, offers and opportunities. */
  int bAnon = !ctx_signed_in(c);
  const char *zHideOrg = bAnon ? " AND rowid NOT IN (SELECT id FROM org WHERE review<>'published')" : "";
  const char *zHideOffer = bAnon ? " AND rowid NOT IN (SELECT id FROM org WHERE review<>'published')"
                                   " AND rowid NOT IN (SELECT org_id FROM offer_review WHERE review<>'published')" : "";
  const char *zHideOpp = bAnon ? " AND rowid NOT IN (SELECT id FROM opportunity WHERE review<>'published')"
                                 " AND rowid NOT IN (SELECT id FROM opportunity WHERE org_id IN (SELECT id FROM org WHERE review<>'published'))" : "";
  for(int g=0; g<3 && zFts && !st; g++){
    if( !(mask & (1<<g)) ) continue;
    int n = 0, rc = 0;
    if( g==0 ){
      rc |= collect(c, "tie_fts", ", 4.0, 4.0, 2.0, 1.0, 0.5", "", zFts, nFetch, aHit, &n, nAlloc);
      rc |= collect(c, "profile_fts", ", 4.0, 0.5", "", zFts, nFetch, aHit, &n, nAlloc);
    }else if( g==1 ){
      rc |= collect(c, "org_fts", ", 4.0, 4.0, 2.0, 0.5", zHideOrg, zFts, nFetch, aHit, &n, nAlloc);
      rc |= collect(c, "offer_fts", "", zHideOffer, zFts, nFetch, aHit, &n, nAlloc);
    }else{
      rc |= collect(c, "opportunity_fts", ", 4.0, 2.0, 1.0, 0.5", zHideOpp, zFts, nFetch, aHit, &n, nAlloc);
    }
    if( rc ){ st = err_set(e, YC_EINTERNAL, "fts", 0, "search failed: %s", db_errmsg(c->db)); break; }
    qsort(aHit, (size_t)n, sizeof(Hit), hit_cmp);
    json_t *a = json_object_get(out, g==0 ? "partners" : g==1 ? "orgs" : "opportunities");
    /* The names of every hit in one statement, then the best nLimit that
    ** are still there, in rank order. */
    static const char *const azSql[] = {
      "SELECT t.id, coalesce(t.partner_label, ci.name), ci.name_zh, ci.country, t.kind, t.status FROM tie t"
      " JOIN city ci ON ci.id=t.partner_city_id WHERE t.id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1)) AND t.home_city_id=?2",
      "SELECT o.id, o.name_en, o.name_zh, ci.country, o.type, o.side FROM org o LEFT JOIN city ci ON ci.id=o.city_id"
      " WHERE o.id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1)) AND ?2 IS NOT NULL",
      "SELECT o.id, o.title_en, o.title_zh, o.kind, o.category,"
      " CASE WHEN o.status='open' AND o.valid_until IS NOT NULL AND o.valid_until<date('now') THEN 'expired' ELSE o.status END"
      " FROM opportunity o WHERE o.id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1)) AND ?2 IS NOT NULL"};
    static const char *const azName[][5] = {
      {"name_en", "name_zh", "country", "kind", "status"},
      {"name_en", "name_zh", "country", "type", "side"},
      {"title_en", "title_zh", "kind", "category", "status"}};
    static const char *const azUrl[] = {"/partners/%lld", "/orgs/%lld", "/opportunities/%lld"};
    if( n==0 ) continue;
    Buf ids = BUF_INIT;
    buf_putc(&ids, '[');
    for(int i=0; i<n; i++) buf_printf(&ids, "%s%lld", i ? "," : "", (long long)aHit[i].id);
    buf_putc(&ids, ']');
    DbStmt *p = db_stmt(c->db, azSql[g]);
    if( !p ){ buf_free(&ids); st = db_error(c->db, DB_ERROR, e); break; }
    db_bind_text(p, 1, buf_str(&ids), -1);
    db_bind_int64(p, 2, c->homeCityId);
    json_t *found = json_object();
    int rcStep;
    while( (rcStep = db_step(p))==DB_ROW ){
      json_t *j = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 0),
        azName[g][0], rows_text(p, 1), azName[g][1], rows_text(p, 2), azName[g][2], rows_text(p, 3),
        azName[g][3], rows_text(p, 4), azName[g][4], rows_text(p, 5));
      json_object_set_new(j, "url", json_sprintf(azUrl[g], (long long)db_col_int64(p, 0)));
      json_object_set_new(found, db_text(p, 0), j);
    }
    db_reset(p);
    buf_free(&ids);
    if( rcStep!=DB_DONE ){ json_decref(found); st = db_error(c->db, rcStep, e); break; }
    for(int i=0; i<n && json_array_size(a)<(size_t)nLimit; i++){
      char zKey[24];
      snprintf(zKey, sizeof zKey, "%lld", (long long)aHit[i].id);
      json_t *j = json_object_get(found, zKey);
      if( j ) json_array_append(a, j);
    }
    json_decref(found);
  }
  free(aHit);
  free(zFts);
  if( st ){ json_decref(out); return st; }
  *ppOut = out;
  return YC_OK;
}

YcStatus search_entry_put(Ctx *c, const char *zTable, int64_t id, const char *zNames,
                          const char *zZh, const char *zPy, const char *zText, Err *e){
  char zSql[96];      /* zTable is one of the callers' constants, never input */
  snprintf(zSql, sizeof zSql, "INSERT INTO %s(rowid,names,zh,pinyin,text) VALUES(?1,?2,?3,?4,?5)", zTable);
  DbStmt *p = zNames && zText ? db_stmt(c->db, zSql) : 0;
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_text(p, 2, zNames, -1);
  db_bind_text(p, 3, zZh, -1);
  db_bind_text(p, 4, zPy ? zPy : "", -1);
  db_bind_text(p, 5, zText, -1);
  int rc = db_step(p);
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

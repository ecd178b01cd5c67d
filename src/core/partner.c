/*
** partner.c: the registry of ties; see partner.h.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/partner.h"
#include "core/input.h"
#include "core/audit.h"
#include "core/city.h"
#include "base/buf.h"
#include "text/norm.h"
#include "store/rows.h"
#include "core/page.h"
#include "base/date.h"

const char *const azContinent[] = {"africa", "asia", "europe", "north_america",
  "south_america", "oceania", "antarctica", 0};
const char *const azPartnerSort[] = {"established", "-established", "name", "-name",
  "country", "-country", "kind", "-kind", "id", "-id", "updated", "-updated", 0};
const char *const azPartnerParam[] = {"kind", "status", "country", "continent",
  "established_from", "established_to", "q", "sort", "limit", "cursor", 0};

/* The sort orders of azPartnerSort, in its order. Keys are never NULL: a
** tie without a date sorts after the dated ones, (est_date IS NULL) first. */
#define EST_KEYS(d) {"(t.est_date IS NULL)", PAGE_INT, 0}, {"coalesce(t.est_date,'')", PAGE_TEXT, d}
#define KIND_KEY "CASE t.kind WHEN 'sister' THEN 0 WHEN 'cooperation' THEN 1 ELSE 2 END"
static const PageOrder aPartnerOrder[] = {
  {"partners:established", {EST_KEYS(0), {"t.id", PAGE_INT, 0}}},
  {"partners:-established", {EST_KEYS(1), {"t.id", PAGE_INT, 1}}},
  {"partners:name", {{"c.name_fold", PAGE_TEXT, 0}, {"t.id", PAGE_INT, 0}}},
  {"partners:-name", {{"c.name_fold", PAGE_TEXT, 1}, {"t.id", PAGE_INT, 1}}},
  {"partners:country", {{"co.name_en", PAGE_TEXT, 0}, {"c.name_fold", PAGE_TEXT, 0}, {"t.id", PAGE_INT, 0}}},
  {"partners:-country", {{"co.name_en", PAGE_TEXT, 1}, {"c.name_fold", PAGE_TEXT, 1}, {"t.id", PAGE_INT, 1}}},
  {"partners:kind", {{KIND_KEY, PAGE_INT, 0}, EST_KEYS(0), {"t.id", PAGE_INT, 0}}},
  /* Descending: undated ties last, as NULL sorts first ascending. */
  {"partners:-kind", {{KIND_KEY, PAGE_INT, 1}, {"coalesce(t.est_date,'')", PAGE_TEXT, 1}, {"t.id", PAGE_INT, 1}}},
  {"partners:id", {{"t.id", PAGE_INT, 0}}},
  {"partners:-id", {{"t.id", PAGE_INT, 1}}},
  {"partners:updated", {{"t.updated_at", PAGE_TEXT, 0}, {"t.id", PAGE_INT, 0}}},
  {"partners:-updated", {{"t.updated_at", PAGE_TEXT, 1}, {"t.id", PAGE_INT, 1}}},
};

#define TIE_COLUMNS \
  "t.id, t.kind, t.kind_verified, t.status, t.est_date, t.est_precision," \
  " t.partner_label, t.agreement, t.notes, t.created_at, t.updated_at," \
  " c.id, c.name, c.name_zh, c.population, c.lat, c.lng, c.admin_code," \
  " co.iso2, co.name_en, co.name_zh, co.continent," \
  " (SELECT group_concat(source, char(31)) FROM (SELECT source FROM tie_source s" \
  "   WHERE s.tie_id=t.id ORDER BY pos)), c.admin1, c.admin1_zh, t.ended"
#define TIE_FROM \
  " FROM tie t JOIN city c ON c.id=t.partner_city_id JOIN country co ON co.iso2=c.country"

/* Build the JSON of the tie in the current row of p (TIE_COLUMNS). */
static json_t *tie_row_json(DbStmt *p){
  json_t *est = json_null();
  if( db_col_type(p, 4)!=DB_NULL ){
    est = json_pack("{s:o, s:o}", "date", rows_text(p, 4), "precision", rows_text(p, 5));
  }
  json_t *src = rows_list(p, 22);
  json_t *country = json_pack("{s:o, s:o, s:o}", "iso2", rows_text(p, 18),
    "name_en", rows_text(p, 19), "name_zh", rows_text(p, 20));
  json_t *city = json_pack("{s:I, s:o, s:o, s:I, s:f, s:f, s:o, s:o}",
    "id", (json_int_t)db_col_int64(p, 11),
    "name_en", rows_text(p, 12), "name_zh", rows_text(p, 13),
    "population", (json_int_t)db_col_int64(p, 14),
    "lat", db_col_double(p, 15), "lng", db_col_double(p, 16),
    "admin_code", rows_text(p, 17), "country", country);
  json_object_set_new(city, "admin1", rows_text(p, 23));
  json_object_set_new(city, "admin1_zh", rows_text(p, 24));
  city_labels_add(city, db_text(p, 12), db_text(p, 13), db_text(p, 23), db_text(p, 24),
                  db_text(p, 18), db_text(p, 20));
  return json_pack("{s:I, s:o, s:o, s:s, s:b, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
    "id", (json_int_t)db_col_int64(p, 0),
    "city", city,
    "label", rows_text(p, 6),
    "kind", db_text(p, 1),
    "kind_verified", db_col_int(p, 2),
    "status", db_text(p, 3),
    "established", est,
    "agreement", rows_text(p, 7),
    "notes", rows_text(p, 8),
    "sources", src,
    "continent", rows_text(p, 21),
    "created_at", rows_text(p, 9),
    "updated_at", rows_text(p, 10),
    "organisations", json_array(), "ended", rows_text(p, 25));
}

/* Validate q and append its WHERE terms to b, binding values in aBind. */
typedef struct Where { Buf b; const char *azBind[12]; int nBind; } Where;

static void where_add(Where *w, const char *zSql, const char *zVal){
  buf_puts(&w->b, " AND ");
  buf_printf(&w->b, zSql, w->nBind + 2);   /* ?1 is the home city */
  w->azBind[w->nBind++] = zVal;
}

static YcStatus partner_where(const PartnerQuery *q, int bSigned, Where *w, char **pzFts, Err *e){
  const char *zPrec;
  if( q->zKind ){
    if( in_enum_index(azTieKind, q->zKind)<0 )
      return err_set(e, YC_EINVALID, "invalid_value", "kind", "kind must be sister, cooperation or candidate");
    where_add(w, "t.kind=?%d", q->zKind);
  }
  if( q->zStatus ){
    if( in_enum_index(azTieStatus, q->zStatus)<0 )
      return err_set(e, YC_EINVALID, "invalid_value", "status",
                     "status must be proposed, negotiating, active, unverified, suspended or ended");
    where_add(w, "t.status=?%d", q->zStatus);
  }
  if( q->zCountry ){
    const char *z = q->zCountry;
    if( strlen(z)!=2 || z[0]<'A' || z[0]>'Z' || z[1]<'A' || z[1]>'Z' )
      return err_set(e, YC_EINVALID, "invalid_value", "country", "country must be an ISO 3166-1 alpha-2 code such as US");
    where_add(w, "co.iso2=?%d", z);
  }
  if( q->zContinent ){
    if( in_enum_index(azContinent, q->zContinent)<0 )
      return err_set(e, YC_EINVALID, "invalid_value", "continent",
                     "continent must be one of africa, asia, europe, north_america, south_america, oceania, antarctica");
    where_add(w, "co.continent=?%d", q->zContinent);
  }
  if( q->zFrom ){
    if( in_date_parse("established_from", q->zFrom, &zPrec, e) ) return YC_EINVALID;
    where_add(w, "substr(t.est_date,1,length(?%1$d))>=?%1$d", q->zFrom);
  }
  if( q->zTo ){
    if( in_date_parse("established_to", q->zTo, &zPrec, e) ) return YC_EINVALID;
    where_add(w, "substr(t.est_date,1,length(?%1$d))<=?%1$d", q->zTo);
  }
  if( q->zFrom && q->zTo && strcmp(q->zFrom, q->zTo)>0 && strncmp(q->zFrom, q->zTo, strlen(q->zTo))!=0 )
    return err_set(e, YC_EINVALID, "invalid_range", "established_to", "established_to is before established_from");
  if( q->zQ ){
    if( strlen(q->zQ)>200 )
      return err_set(e, YC_EINVALID, "too_long", "q", "q is too long (at most 200 bytes)");
    if( !text_utf8_valid(q->zQ, strlen(q->zQ)) )
      return err_set(e, YC_EINVALID, "invalid_utf8", "q", "q is not valid UTF-8");
    *pzFts = text_fts_query(q->zQ);
    /* A tie is found by its own document and by the names of its
    ** organisations (their org_fts documents, through org_tie): an org's
    ** write re-indexes the org alone, whatever the number of the tie's
    ** organisations (issue 14, item 8). Callers not signed in find a tie
    ** by its published organisations only. */
    if( *pzFts && bSigned )
      where_add(w, "(t.id IN (SELECT rowid FROM tie_fts WHERE tie_fts MATCH ?%1$d)"
                   " OR t.id IN (SELECT ot.tie_id FROM org_fts f JOIN org_tie ot ON ot.org_id=f.rowid"
                   "  WHERE org_fts MATCH '{names zh pinyin} : (' || ?%1$d || ')'))", *pzFts);
    else if( *pzFts )
      where_add(w, "(t.id IN (SELECT rowid FROM tie_fts WHERE tie_fts MATCH ?%1$d)"
                   " OR t.id IN (SELECT ot.tie_id FROM org_fts f JOIN org_tie ot ON ot.org_id=f.rowid"
                   "  JOIN org o ON o.id=ot.org_id AND o.review='published'"
                   "  WHERE org_fts MATCH '{names zh pinyin} : (' || ?%1$d || ')'))", *pzFts);
    else where_add(w, "?%d IS NULL AND 0", "");   /* nothing searchable: no match */
  }
  return YC_OK;
}

static void tie_add_orgs(Ctx *c, json_t *j, int64_t id);
static YcStatus ties_add_orgs(Ctx *c, json_t *aItem, Err *e);

YcStatus partner_list(Ctx *c, const PartnerQuery *q, json_t **ppOut, Err *e){
  *ppOut = 0;
  int iSort = 0;
  if( q->zSort && (iSort = in_enum_index(azPartnerSort, q->zSort))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "sort",
                   "sort must be one of established, name, country, kind, id, updated (prefix - for descending)");
  Page pg;
  YcStatus st = page_begin(&pg, &aPartnerOrder[iSort], 0, q->zLimit, 50, 500, q->zCursor, e);
  if( st ) return st;
  Where w = {BUF_INIT, {0}, 0};
  char *zFts = 0;
  st = partner_where(q, ctx_signed_in(c), &w, &zFts, e);
  json_t *items = 0;
  Buf sql = BUF_INIT;
  if( st ) goto end;

  /* Total */
  buf_printf(&sql, "SELECT count(*)" TIE_FROM " WHERE t.home_city_id=?1%s", buf_str(&w.b));
  DbStmt *p = db_stmt(c->db, buf_str(&sql));
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_int64(p, 1, c->homeCityId);
  for(int i=0; i<w.nBind; i++) db_bind_text(p, i+2, w.azBind[i], -1);
  int64_t nTotal = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);

  /* The page: TIE_COLUMNS (25), then the sort keys. */
  buf_reset(&sql);
  buf_puts(&sql, "SELECT " TIE_COLUMNS);
  page_sql_keys(&pg, &sql);
  buf_printf(&sql, TIE_FROM " WHERE t.home_city_id=?1%s", buf_str(&w.b));
  page_sql_tail(&pg, &sql, w.nBind + 2);
  p = db_stmt(c->db, buf_str(&sql));
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_int64(p, 1, c->homeCityId);
  for(int i=0; i<w.nBind; i++) db_bind_text(p, i+2, w.azBind[i], -1);
  page_bind(&pg, p, w.nBind + 2);
  items = json_array();
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    if( page_row(&pg, p, 26) ) json_array_append_new(items, tie_row_json(p));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  if( (st = ties_add_orgs(c, items, e)) ) goto end;
  *ppOut = page_answer(&pg, items, nTotal, q->bPrev);
end:
  json_decref(items);
  buf_free(&sql);
  buf_free(&w.b);
  free(zFts);
  page_free(&pg);
  return st;
}

/* Fill the organisations of every tie of aItem: one statement for the
** page (tie_add_orgs' query over the page's ties). */
static YcStatus ties_add_orgs(Ctx *c, json_t *aItem, Err *e){
  static const char *const az[] = {"id", "name_en", "name_zh", "type", "side", "role", 0};
  /* Anonymous callers see published organisations only. */
#define TIE_ORGS(w) "SELECT ot.tie_id, o.id, o.name_en, o.name_zh, o.type, o.side, ot.role FROM org_tie ot" \
    " JOIN org o ON o.id=ot.org_id WHERE ot.tie_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))" w \
    " ORDER BY ot.tie_id, o.side, o.id"
  return page_attach(c, aItem, "organisations",
    ctx_signed_in(c) ? TIE_ORGS("") : TIE_ORGS(" AND o.review='published'"), az, e);
#undef TIE_ORGS
}

YcStatus partner_refs(Ctx *c, const char *zIds, json_t **ppMap, Err *e){
  *ppMap = json_object();
  DbStmt *p = db_stmt(c->db,
    "SELECT t.id, c.name, c.name_zh, t.partner_label, t.kind, co.iso2, co.name_en, co.name_zh"
    " FROM tie t JOIN city c ON c.id=t.partner_city_id JOIN country co ON co.iso2=c.country"
    " WHERE t.id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, zIds, -1);
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    json_object_set_new(*ppMap, db_text(p, 0), json_pack("{s:I, s:o, s:o, s:o, s:o, s:{s:o, s:o, s:o}}",
      "id", (json_int_t)db_col_int64(p, 0), "name_en", rows_text(p, 1), "name_zh", rows_text(p, 2),
      "label", rows_text(p, 3), "kind", rows_text(p, 4),
      "country", "iso2", rows_text(p, 5), "name_en", rows_text(p, 6), "name_zh", rows_text(p, 7)));
  }
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

/* Fill the organisations of tie json j. */
static void tie_add_orgs(Ctx *c, json_t *j, int64_t id){
  DbStmt *p = db_stmt(c->db,
    "SELECT o.id, o.name_en, o.name_zh, o.type, o.side, ot.role FROM org_tie ot"
    " JOIN org o ON o.id=ot.org_id WHERE ot.tie_id=?1 AND (o.review='published' OR ?2) ORDER BY o.side, o.id");
  if( !p ) return;
  db_bind_int64(p, 1, id);
  db_bind_int(p, 2, ctx_signed_in(c));
  json_t *a = json_object_get(j, "organisations");
  while( db_step(p)==DB_ROW ){
    json_array_append_new(a, json_pack("{s:I, s:o, s:o, s:s, s:s, s:o}",
      "id", (json_int_t)db_col_int64(p, 0), "name_en", rows_text(p, 1),
      "name_zh", rows_text(p, 2), "type", db_text(p, 3), "side", db_text(p, 4),
      "role", rows_text(p, 5)));
  }
  db_reset(p);
}

YcStatus partner_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " TIE_COLUMNS TIE_FROM " WHERE t.id=?1 AND t.home_city_id=?2");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_int64(p, 2, c->homeCityId);
  int rc = db_step(p);
  if( rc==DB_ROW ) *ppOut = tie_row_json(p);
  db_reset(p);
  if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no partner with id %lld", (long long)id);
  if( rc!=DB_ROW ) return db_error(c->db, rc, e);
  tie_add_orgs(c, *ppOut, id);
  return YC_OK;
}

int64_t partner_find_by_city(Ctx *c, int64_t cityId){
  DbStmt *p = db_stmt(c->db, "SELECT id FROM tie WHERE home_city_id=?1 AND partner_city_id=?2");
  if( !p ) return 0;
  db_bind_int64(p, 1, c->homeCityId);
  db_bind_int64(p, 2, cityId);
  int64_t id = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  return id;
}

/* The validated fields of a tie. */
typedef struct TieIn {
  int64_t cityId;
  const char *zKind, *zStatus, *zDate, *zPrec, *zLabel, *zAgreement, *zNotes, *zCityZh;
  const char *zEnded;      /* when an ended tie ended: YYYY[-MM[-DD]], or 0 */
  int bVerified;
  json_t *aSource;   /* borrowed; 0 = none */
  int bSource;       /* 1 if "sources" was given: replace the list */
} TieIn;

const char *const azTieField[] = {"city_id", "kind", "kind_verified", "status",
  "established", "label", "agreement", "notes", "sources", "city_name_zh", "ended", 0};

/* Overlay the fields present in `in` onto t. */
static YcStatus tie_parse(json_t *in, TieIn *t, int bCreate, Err *e){
  int bSet;
  YcStatus st;
  if( (st = in_known_fields(in, azTieField, e)) ) return st;
  if( (st = in_int(in, "city_id", bCreate, 1, INT64_MAX, &t->cityId, &bSet, e)) ) return st;
  if( !bCreate && bSet==0 && json_object_get(in, "city_id") )
    return err_set(e, YC_EINVALID, "required", "city_id", "city_id cannot be null");
  const char *z;
  if( (st = in_enum(in, "kind", bCreate, azTieKind, &z, &bSet, e)) ) return st;
  if( bSet ){
    if( !z ) return err_set(e, YC_EINVALID, "required", "kind", "kind cannot be null");
    t->zKind = z;
  }
  if( (st = in_enum(in, "status", 0, azTieStatus, &z, &bSet, e)) ) return st;
  if( bSet ){
    if( !z ) return err_set(e, YC_EINVALID, "required", "status", "status cannot be null");
    t->zStatus = z;
  }
  if( !t->zStatus ) t->zStatus = strcmp(t->zKind, "candidate")==0 ? "proposed" : "active";
  if( (st = in_bool(in, "kind_verified", &t->bVerified, &bSet, e)) ) return st;
  const char *zD, *zP;
  if( (st = in_established(in, "established", &zD, &zP, &bSet, e)) ) return st;
  if( bSet ){ t->zDate = zD; t->zPrec = zP; }
  if( (st = in_str(in, "label", 0, 200, 0, &z, &bSet, e)) ) return st;
  if( bSet ) t->zLabel = z;
  if( (st = in_str(in, "agreement", 0, 20000, 1, &z, &bSet, e)) ) return st;
  if( bSet ) t->zAgreement = z;
  if( (st = in_str(in, "notes", 0, 20000, 1, &z, &bSet, e)) ) return st;
  if( bSet ) t->zNotes = z;
  if( (st = in_str(in, "city_name_zh", 0, 100, 0, &z, &bSet, e)) ) return st;
  if( bSet ) t->zCityZh = z;
  /* When an ended tie ended: a date of any precision, not in the future,
  ** not before it was established; only for status ended. */
  if( (st = in_str(in, "ended", 0, 10, 0, &z, &bSet, e)) ) return st;
  if( bSet ) t->zEnded = z;
  if( t->zEnded ){
    const char *zPrec;
    char zToday[24];
    if( (st = in_date_parse("ended", t->zEnded, &zPrec, e)) ) return st;
    date_now(zToday);
    if( strncmp(t->zEnded, zToday, strlen(t->zEnded))>0 )
      return err_set(e, YC_EINVALID, "future_date", "ended", "ended %s is in the future", t->zEnded);
    if( t->zDate && strncmp(t->zEnded, t->zDate, strlen(t->zEnded)<strlen(t->zDate) ? strlen(t->zEnded) : strlen(t->zDate))<0 )
      return err_set(e, YC_EINVALID, "invalid_value", "ended", "ended %s is before the tie was established (%s)", t->zEnded, t->zDate);
    if( strcmp(t->zStatus, "ended")!=0 )
      return err_set(e, YC_EINVALID, "invalid_value", "ended", "an end date needs status ended");
  }
  json_t *a;
  if( (st = in_str_array(in, "sources", 20, 2000, &a, &bSet, e)) ) return st;
  if( bSet ){ t->aSource = a; t->bSource = 1; }
  return YC_OK;
}

/* Rebuild the search entry of tie id. */
YcStatus partner_reindex(Ctx *c, int64_t id, Err *e){
  DbStmt *p = db_stmt(c->db, "DELETE FROM tie_fts WHERE rowid=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  p = db_stmt(c->db,
    "SELECT c.name, coalesce(t.partner_label,''), c.name_zh,"
    " co.name_en || ' ' || coalesce(co.name_zh,'') || ' ' || co.iso2 || ' ' || coalesce(co.official_en,''),"
    " coalesce(t.notes,'') || ' ' || coalesce(t.agreement,'')"
    TIE_FROM " WHERE t.id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  if( db_step(p)!=DB_ROW ){ db_reset(p); return YC_OK; }
  Buf names = BUF_INIT, text = BUF_INIT;
  buf_printf(&names, "%s %s", db_text(p, 0), db_text(p, 1));
  const char *zZh = db_text(p, 2);
  char *zZhCopy = zZh ? strdup(zZh) : 0;
  char *zCountry = strdup(db_text(p, 3));
  buf_puts(&text, db_text(p, 4));
  db_reset(p);
  char *zPy = text_pinyin(zZhCopy ? zZhCopy : "");
  p = db_stmt(c->db, "INSERT INTO tie_fts(rowid,names,zh,pinyin,country,text) VALUES(?1,?2,?3,?4,?5,?6)");
  rc = p ? DB_OK : DB_ERROR;
  if( p ){
    db_bind_int64(p, 1, id);
    db_bind_text(p, 2, buf_str(&names), -1);
    db_bind_text(p, 3, zZhCopy, -1);
    db_bind_text(p, 4, zPy, -1);
    db_bind_text(p, 5, zCountry, -1);
    db_bind_text(p, 6, buf_str(&text), -1);
    rc = db_step(p);
    db_reset(p);
  }
  buf_free(&names);
  buf_free(&text);
  free(zZhCopy);
  free(zCountry);
  free(zPy);
  return (rc==DB_DONE || rc==DB_OK) ? YC_OK : db_error(c->db, rc, e);
}

/* Write t as tie id (id==0: insert; *pId gets the new id). */
static YcStatus tie_write(Ctx *c, TieIn *t, int64_t *pId, Err *e){
  if( t->cityId==c->homeCityId )
    return err_set(e, YC_EINVALID, "invalid_value", "city_id", "a city cannot be its own partner");
  if( !city_exists(c, t->cityId) )
    return err_set(e, YC_EINVALID, "unknown_city", "city_id", "no city with GeoNames id %lld", (long long)t->cityId);
  int64_t other = partner_find_by_city(c, t->cityId);
  if( other && other!=*pId )
    return err_set(e, YC_ECONFLICT, "duplicate", "city_id", "this city is already a partner (id %lld)", (long long)other);
  char zNow[24];
  date_now(zNow);
  DbStmt *p;
  if( *pId==0 ){
    p = db_stmt(c->db,
      "INSERT INTO tie(home_city_id,partner_city_id,kind,kind_verified,status,est_date,est_precision,"
      "partner_label,agreement,notes,created_at,updated_at,ended) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?11,?13)");
  }else{
    p = db_stmt(c->db,
      "UPDATE tie SET home_city_id=?1, partner_city_id=?2, kind=?3, kind_verified=?4, status=?5,"
      " est_date=?6, est_precision=?7, partner_label=?8, agreement=?9, notes=?10, updated_at=?11, ended=?13"
      " WHERE id=?12");
  }
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, c->homeCityId);
  db_bind_int64(p, 2, t->cityId);
  db_bind_text(p, 3, t->zKind, -1);
  db_bind_int(p, 4, t->bVerified);
  db_bind_text(p, 5, t->zStatus, -1);
  db_bind_text(p, 6, t->zDate, -1);
  db_bind_text(p, 7, t->zPrec, -1);
  db_bind_text(p, 8, t->zLabel, -1);
  db_bind_text(p, 9, t->zAgreement, -1);
  db_bind_text(p, 10, t->zNotes, -1);
  db_bind_text(p, 11, zNow, -1);
  if( *pId ) db_bind_int64(p, 12, *pId);
  db_bind_text(p, 13, t->zEnded, -1);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  if( *pId==0 ) *pId = db_last_id(c->db);
  if( t->bSource ){
    p = db_stmt(c->db, "DELETE FROM tie_source WHERE tie_id=?1");
    if( !p ) return db_error(c->db, DB_ERROR, e);
    db_bind_int64(p, 1, *pId);
    rc = db_step(p);
    db_reset(p);
    if( rc!=DB_DONE ) return db_error(c->db, rc, e);
    p = db_stmt(c->db, "INSERT INTO tie_source(tie_id,pos,source) VALUES(?1,?2,?3)");
    if( !p ) return db_error(c->db, DB_ERROR, e);
    size_t i;
    json_t *x;
    json_array_foreach(t->aSource, i, x){
      db_bind_int64(p, 1, *pId);
      db_bind_int(p, 2, (int)i);
      db_bind_text(p, 3, json_string_value(x), -1);
      rc = db_step(p);
      db_reset(p);
      if( rc!=DB_DONE ) return db_error(c->db, rc, e);
    }
  }
  if( t->zCityZh ){
    YcStatus st = city_set_name_zh(c, t->cityId, t->zCityZh, e);
    if( st ) return st;
  }
  return partner_reindex(c, *pId, e);
}

YcStatus partner_check(Ctx *c, json_t *in, Err *e){
  TieIn t;
  memset(&t, 0, sizeof t);
  t.bVerified = 1;
  YcStatus st = tie_parse(in, &t, 1, e);
  if( st ) return st;
  if( t.cityId==c->homeCityId )
    return err_set(e, YC_EINVALID, "invalid_value", "city_id", "a city cannot be its own partner");
  if( !city_exists(c, t.cityId) )
    return err_set(e, YC_EINVALID, "unknown_city", "city_id", "no city with GeoNames id %lld", (long long)t.cityId);
  return YC_OK;
}

YcStatus partner_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e){
  TieIn t;
  memset(&t, 0, sizeof t);
  t.bVerified = 1;
  *pId = 0;
  YcStatus st = tie_parse(in, &t, 1, e);
  if( st==YC_OK ) st = tie_write(c, &t, pId, e);
  if( st==YC_OK ){
    json_t *j = 0;
    st = partner_get(c, *pId, &j, e);
    if( st==YC_OK ) st = audit_log(c, "create", "tie", *pId, 0, j, e);
    json_decref(j);
  }
  return st;
}

YcStatus partner_create(Ctx *c, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  int64_t id;
  YcStatus st = ctx_create(c, in, partner_create_tx, &id, e);
  return st ? st : partner_get(c, id, ppOut, e);
}

/* Load tie id into t (strings point into the statement's row are not
** stable, so they are copied into the json object jKeep). */
static YcStatus tie_load(Ctx *c, int64_t id, TieIn *t, json_t **pjBefore, Err *e){
  YcStatus st = partner_get(c, id, pjBefore, e);
  if( st ) return st;
  json_t *j = *pjBefore, *est = json_object_get(j, "established");
  t->cityId = json_integer_value(json_object_get(json_object_get(j, "city"), "id"));
  t->zKind = json_string_value(json_object_get(j, "kind"));
  t->bVerified = json_is_true(json_object_get(j, "kind_verified"));
  t->zStatus = json_string_value(json_object_get(j, "status"));
  t->zDate = json_string_value(json_object_get(est, "date"));
  t->zPrec = json_string_value(json_object_get(est, "precision"));
  t->zLabel = json_string_value(json_object_get(j, "label"));
  t->zAgreement = json_string_value(json_object_get(j, "agreement"));
  t->zNotes = json_string_value(json_object_get(j, "notes"));
  t->zEnded = json_string_value(json_object_get(j, "ended"));
  return YC_OK;
}

YcStatus partner_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  TieIn t;
  memset(&t, 0, sizeof t);
  json_t *jBefore = 0, *jAfter = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = tie_load(c, id, &t, &jBefore, e);
  if( st==YC_OK ) st = tie_parse(in, &t, 0, e);
  if( st==YC_OK ) st = tie_write(c, &t, &id, e);
  if( st==YC_OK ) st = partner_get(c, id, &jAfter, e);
  if( st==YC_OK ) st = audit_log(c, "update", "tie", id, jBefore, jAfter, e);
  if( st==YC_OK ) st = db_commit(c->db, e);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  *ppOut = jAfter;
  return YC_OK;
}

YcStatus partner_delete(Ctx *c, int64_t id, Err *e){
  json_t *jBefore = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = partner_get(c, id, &jBefore, e);
  if( st==YC_OK ){
    static const char *const azSql[] = {
      "DELETE FROM tie_fts WHERE rowid=?1", "DELETE FROM tie WHERE id=?1", 0};
    for(int i=0; azSql[i] && st==YC_OK; i++){
      DbStmt *p = db_stmt(c->db, azSql[i]);
      if( !p ){ st = db_error(c->db, DB_ERROR, e); break; }
      db_bind_int64(p, 1, id);
      int rc = db_step(p);
      db_reset(p);
      if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
    }
  }
  if( st==YC_OK ) st = audit_log(c, "delete", "tie", id, jBefore, 0, e);
  if( st==YC_OK ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  return st;
}

YcStatus partner_map(Ctx *c, json_t **ppOut, Err *e){
  static const char *const az[] = {"id", "name_en", "name_zh", "lat", "lng", "kind",
    "ccn3", "country_en", "country_zh", 0};
  DbStmt *p = db_stmt(c->db,
    "SELECT t.id, coalesce(t.partner_label, c.name), coalesce(t.partner_label, c.name_zh), c.lat, c.lng, t.kind, co.ccn3, co.name_en, co.name_zh"
    TIE_FROM " WHERE t.home_city_id=?1 ORDER BY t.id");
  if( p ) db_bind_int64(p, 1, c->homeCityId);
  *ppOut = rows_all(c->db, p, az, e);
  return *ppOut ? YC_OK : (e ? e->st : YC_EINTERNAL);
}

YcStatus partner_countries(Ctx *c, json_t **ppOut, Err *e){
  static const char *const az[] = {"iso2", "name_en", "name_zh", 0};
  DbStmt *p = db_stmt(c->db, "SELECT DISTINCT co.iso2, co.name_en, co.name_zh" TIE_FROM
    " WHERE t.home_city_id=?1 ORDER BY co.name_en");
  if( p ) db_bind_int64(p, 1, c->homeCityId);
  *ppOut = rows_all(c->db, p, az, e);
  return *ppOut ? YC_OK : (e ? e->st : YC_EINTERNAL);
}

YcStatus partner_options(Ctx *c, json_t **ppOut, Err *e){
  static const char *const az[] = {"id", "name_en", "name_zh", "label", "kind", "iso2", 0};
  DbStmt *p = db_stmt(c->db, "SELECT t.id, c.name, c.name_zh, t.partner_label, t.kind, c.country"
    " FROM tie t JOIN city c ON c.id=t.partner_city_id WHERE t.home_city_id=?1 ORDER BY c.name_fold, t.id");
  if( p ) db_bind_int64(p, 1, c->homeCityId);
  *ppOut = rows_all(c->db, p, az, e);
  return *ppOut ? YC_OK : (e ? e->st : YC_EINTERNAL);
}

int partner_exists(Ctx *c, int64_t id){
  return partner_kind(c, id)!=0;
}

const char *partner_kind(Ctx *c, int64_t id){
  DbStmt *p = db_stmt(c->db, "SELECT kind FROM tie WHERE id=?1 AND home_city_id=?2");
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  db_bind_int64(p, 2, c->homeCityId);
  const char *zKind = 0;
  if( db_step(p)==DB_ROW ){
    const char *z = db_text(p, 0);
    zKind = strcmp(z, "sister")==0 ? "sister" : strcmp(z, "cooperation")==0 ? "cooperation" : "candidate";
  }
  db_reset(p);
  return zKind;
}

json_t *partner_ref(Ctx *c, int64_t id){
  char zIds[32], zKey[24];
  snprintf(zIds, sizeof zIds, "[%lld]", (long long)id);
  snprintf(zKey, sizeof zKey, "%lld", (long long)id);
  json_t *map = 0, *j = 0;
  Err e;
  if( partner_refs(c, zIds, &map, &e)==YC_OK ) j = json_incref(json_object_get(map, zKey));
  json_decref(map);
  return j;
}
